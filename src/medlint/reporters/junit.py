"""``--format junit``: JUnit XML for CI test dashboards (SPEC §1 "CI", §4 "Command line").

Jenkins, GitLab, Azure Pipelines and most test-report actions read the de facto
JUnit schema (Ant/Surefire). The shape they get here:

- one ``<testsuites>`` holding one ``<testsuite name="medlint">``;
- one ``<testcase classname="medlint" name="PATH">`` per linted file, clean files
  included, so a dashboard shows every article as a passing or failing test;
- one ``<failure>`` per finding, warnings and info findings included, with
  ``type`` = the rule name, ``message`` = ``"LINE:COL RULE MESSAGE"`` and a body
  that repeats every detail (span, code, severity, hint, fix, related locations);
- ``tests`` = number of test cases (files), ``failures`` = number of test cases
  with at least one failure, ``errors`` = ``skipped`` = 0, on both elements, as
  the schema defines the counts per test, not per ``<failure>``.

The document is built and serialised by :mod:`xml.etree.ElementTree`, which escapes
markup; characters XML 1.0 forbids outright (most C0 controls, lone surrogates,
U+FFFE/U+FFFF) cannot be escaped at all, so they are removed from every text and
attribute value.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import IO, Any

from medlint.diagnostics import Diagnostic, Severity
from medlint.reporters import RuleInfo, copy, render_with, spool

# XML 1.0 §2.2 "Char": everything outside this set is illegal in a document.
_ILLEGAL_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
) -> str:
    """A JUnit XML document: one test case per file, one failure per finding."""
    return render_with(lambda out: Writer(out, rules, files=files), diagnostics, files)


class Writer:
    """The document as ``ElementTree`` writes it indented: the test cases go to a
    spool file as they come, the totals (attributes of the first elements) are known
    at the end."""

    def __init__(self, out: IO[str], rules: Mapping[str, RuleInfo], *, files: Sequence[str] = ()):
        self.out = out
        self.rules = rules
        self.cases = spool()
        self.tests = self.failures = 0

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None, facts: Any = None) -> None:
        case = ET.Element("testcase", {"classname": "medlint", "name": xml_safe(path)})
        for d in diagnostics:
            failure = ET.SubElement(
                case,
                "failure",
                {"type": xml_safe(d.rule), "message": xml_safe(f"{d.line}:{d.column} {d.rule} {d.message}")},
            )
            failure.text = xml_safe(_details(d, self.rules.get(d.rule)))
        ET.indent(case, level=2)
        self.cases.write(_CASE_INDENT + ET.tostring(case, encoding="unicode"))
        self.tests += 1
        self.failures += bool(diagnostics)

    def finish(self) -> None:
        counts = {"tests": str(self.tests), "failures": str(self.failures), "errors": "0", "skipped": "0"}
        root = ET.Element("testsuites", {"name": "medlint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "medlint", **counts})
        if self.tests:
            ET.SubElement(suite, "testcase", {"name": _CASES})
        ET.indent(root)
        document = ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
        if not self.tests:
            self.out.write(document)
            return
        head, tail = document.split(f'{_CASE_INDENT}<testcase name="{_CASES}" />', 1)
        self.out.write(head)
        copy(self.cases, self.out)
        self.out.write(tail)
        self.cases.close()


_CASE_INDENT = "\n    "  # a test case is two levels down
_CASES = "medlint-test-cases"  # where the spooled test cases go


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 does not allow; a file name byte that
    is not UTF-8 (a PEP 383 surrogate) is written as ``\\xe9``, as in text output."""
    return _ILLEGAL_XML_CHARS.sub("", _UNDECODED_BYTE.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", text))


_UNDECODED_BYTE = re.compile("[\udc80-\udcff]")


def _details(d: Diagnostic, info: RuleInfo | None) -> str:
    lines = [
        f"{d.path}:{d.line}:{d.column}-{d.end_line}:{d.end_column}",
        f"rule: {d.rule} ({d.code}), severity: {Severity(d.severity).value}",
        f"message: {d.message}",
    ]
    if info is not None and info.summary:
        lines.append(f"about the rule: {info.summary}")
    if d.hint:
        lines.append(f"hint: {d.hint}")
    if d.fix is not None:
        lines.append(f"fix: available ({d.fix.safety.value})" + (f": {d.fix.description}" if d.fix.description else ""))
    lines.extend(f"related: {r.path}:{r.line}:{r.column} {r.message}" for r in d.related)
    return "\n".join(lines)
