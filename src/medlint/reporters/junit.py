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

from medlint.diagnostics import Diagnostic, Severity
from medlint.reporters import RuleInfo, by_position

# XML 1.0 §2.2 "Char": everything outside this set is illegal in a document.
_ILLEGAL_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
) -> str:
    """A JUnit XML document: one test case per file, one failure per finding."""
    findings: dict[str, list[Diagnostic]] = {path: [] for path in files}
    for d in by_position(diagnostics):
        findings.setdefault(d.path, []).append(d)
    counts = {
        "tests": str(len(findings)),
        "failures": str(sum(1 for found in findings.values() if found)),
        "errors": "0",
        "skipped": "0",
    }
    root = ET.Element("testsuites", {"name": "medlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "medlint", **counts})
    for path in sorted(findings):
        case = ET.SubElement(suite, "testcase", {"classname": "medlint", "name": xml_safe(path)})
        for d in findings[path]:
            failure = ET.SubElement(
                case,
                "failure",
                {"type": xml_safe(d.rule), "message": xml_safe(f"{d.line}:{d.column} {d.rule} {d.message}")},
            )
            failure.text = xml_safe(_details(d, rules.get(d.rule)))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


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
