"""``--format sarif``: SARIF 2.1.0 for code scanning (SPEC §1 "CI", §4 "Command line").

Consumers are GitHub code scanning (``github/codeql-action/upload-sarif``), GitLab
and SARIF viewers. What they expect, and what this module writes:

- one ``run`` whose ``tool.driver`` names medlint, its version and every rule:
  ``id`` is the stable code (``ML304``), ``name`` the kebab-case rule name,
  ``shortDescription`` the summary, ``fullDescription`` and ``help`` the rule's
  Markdown documentation, ``defaultConfiguration.level`` its default severity;
- ``columnKind: "unicodeCodePoints"``, because medlint counts columns in code
  points (SPEC §3 "Positions"); regions copy the diagnostic's 1-based positions,
  and ``endColumn`` is exclusive in both models;
- each result's ``ruleId``/``ruleIndex`` point into that rule list, ``level`` is
  ``error``/``warning``/``note``; locations are relative URIs under
  ``uriBaseId: "%SRCROOT%"`` (absolute paths become ``file://`` URIs);
  ``related`` becomes ``relatedLocations`` and a fix becomes ``fixes`` (one
  ``artifactChange`` of ``deletedRegion`` + ``insertedContent`` replacements);
- ``partialFingerprints`` so an alert keeps its identity across commits. With the
  file text (``sources``), ``medlintLineHash/v1`` hashes the rule, the path, the
  whitespace-normalised text of the flagged line(s) and the occurrence index of
  that (rule, text) pair within the file: adding or removing lines elsewhere does
  not change it. Without the text, ``medlintMessageHash/v1`` hashes rule, path,
  message and occurrence index instead. The two keys differ on purpose, so a
  consumer never compares hashes computed from different inputs. GitHub's own
  ``primaryLocationLineHash`` is left for the uploader to compute.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import IO, Any
from urllib.parse import quote

import medlint
from medlint import jsonio
from medlint.diagnostics import Diagnostic, Fix, Severity
from medlint.fingerprints import flagged_text, split_lines
from medlint.reporters import RuleInfo, copy, render_with, spool

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/medlint/"
SRCROOT = "%SRCROOT%"
LINE_HASH = "medlintLineHash/v1"
MESSAGE_HASH = "medlintMessageHash/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
    sources: Mapping[str, str] | None = None,
) -> str:
    """One SARIF 2.1.0 log with one run; ``sources`` maps path -> decoded file text."""
    return render_with(lambda out: Writer(out, rules, files=files), diagnostics, files, sources)


class Writer:
    """The log written as ``jsonio.dumps(log, indent=2)`` would write it whole: the
    results go to a spool file as they come, and the log is written around them at
    the end, once every rule a finding names is known. ``finish(properties)`` adds
    the run's ``properties`` (``medlint check --shard`` puts its claims there)."""

    _RESULT_INDENT = "\n        "  # a result is an element of runs[0].results, four levels down

    def __init__(self, out: IO[str], rules: Mapping[str, RuleInfo], *, files: Sequence[str] = ()):
        self.out = out
        known = sorted(rules.items(), key=lambda item: (item[1].code, item[0]))
        # Every known rule (sorted by code, so indexes agree across CI shards), then a
        # minimal entry for any rule a finding names that ``rules`` does not describe.
        self.descriptors = [_descriptor(info) for _, info in known]
        self.rule_index = {name: i for i, (name, _) in enumerate(known)}
        self.results = spool()
        self.count = 0

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None, facts: Any = None) -> None:
        for d in diagnostics:
            if d.rule not in self.rule_index:
                self.rule_index[d.rule] = len(self.descriptors)
                self.descriptors.append({"id": d.code or d.rule, "name": d.rule, "shortDescription": {"text": d.rule}})
        for d, fingerprint in zip(diagnostics, _fingerprints(diagnostics, {path: text} if text is not None else {})):
            index = self.rule_index[d.rule]
            element = jsonio.dumps(_result(d, index, self.descriptors[index]["id"], fingerprint), indent=2)
            self.results.write(f"{',' if self.count else ''}{self._RESULT_INDENT}"
                               f"{element.replace(chr(10), self._RESULT_INDENT)}")
            self.count += 1

    def finish(self, properties: Mapping[str, Any] | None = None) -> None:
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "medlint",
                    "informationUri": INFORMATION_URI,
                    "version": medlint.__version__,
                    "rules": self.descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": [_RESULTS] if self.count else [],
        }
        if properties:
            run["properties"] = dict(properties)
        log = jsonio.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"
        if not self.count:
            self.out.write(log)
            return
        head, tail = log.split(self._RESULT_INDENT + jsonio.dumps(_RESULTS), 1)
        self.out.write(head)
        copy(self.results, self.out)
        self.out.write(tail)
        self.results.close()


_RESULTS = "\0results\0"  # where the spooled results go


def _level(severity: Severity | str) -> str:
    return _LEVELS[Severity(severity)]


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    docs = info.docs or info.summary
    return {
        "id": info.code or info.name,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": docs, "markdown": docs},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": _level(info.severity)},
        "properties": {"fixable": bool(info.fixable)},
    }


def _result(d: Diagnostic, rule_index: int, rule_id: str, fingerprint: dict[str, str]) -> dict[str, Any]:
    location = _artifact_location(d.path)
    text = f"{d.message}\nHint: {d.hint}" if d.hint else d.message
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": rule_index,
        "level": _level(d.severity),
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": _region(d.line, d.column, d.end_line, d.end_column),
                }
            }
        ],
        "partialFingerprints": fingerprint,
    }
    if d.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": _artifact_location(r.path),
                    "region": _region(r.line, r.column, r.end_line, r.end_column),
                },
                "message": {"text": r.message},
            }
            for i, r in enumerate(d.related, start=1)
        ]
    if d.fix is not None and d.fix.replacements:
        result["fixes"] = [_fix(d.fix, location)]
    return result


def _fix(fix: Fix, location: dict[str, str]) -> dict[str, Any]:
    sarif_fix: dict[str, Any] = {
        "artifactChanges": [
            {
                "artifactLocation": location,
                "replacements": [
                    {
                        "deletedRegion": _region(r.line, r.column, r.end_line, r.end_column),
                        "insertedContent": {"text": r.text},
                    }
                    for r in fix.replacements
                ],
            }
        ],
        "properties": {"safety": fix.safety.value},
    }
    if fix.description:
        sarif_fix["description"] = {"text": fix.description}
    return sarif_fix


def _artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a percent-encoded relative URI under %SRCROOT%."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    # ":" is encoded too, so "a:b.md" is not read as a URI scheme. A name that is not
    # UTF-8 gives its own bytes (caf%E9.md), as file: URIs do.
    return {"uri": quote(os.fsencode(pure.as_posix()), safe="/"), "uriBaseId": SRCROOT}


def _region(line: int, column: int, end_line: int | None, end_column: int | None) -> dict[str, int]:
    """SARIF positions are >= 1 and a region never ends before it starts."""
    start = (max(line, 1), max(column, 1))
    region = {"startLine": start[0], "startColumn": start[1]}
    if end_line is not None and end_column is not None:
        region["endLine"], region["endColumn"] = max((end_line, end_column), start)
    return region


def _fingerprints(ordered: Sequence[Diagnostic], sources: Mapping[str, str]) -> list[dict[str, str]]:
    """One ``partialFingerprints`` object per diagnostic, in the given (file) order."""
    lines_by_path: dict[str, list[str]] = {}
    occurrences: Counter[tuple[str, str, str, str]] = Counter()
    # Per flagged line range: its text, and the hash state of everything before the
    # occurrence index, so many findings on one huge line cost one pass over it.
    anchors: dict[tuple[str, str, int, int, int], tuple[str, Any]] = {}
    fingerprints = []
    for d in ordered:
        text = sources.get(d.path)
        if text is None:
            key, anchor = MESSAGE_HASH, d.message
            prefix = None
        else:
            if d.path not in lines_by_path:
                lines_by_path[d.path] = split_lines(text)
            where = (d.path, d.rule, d.line, d.end_line, min(d.end_column, 2))
            if where not in anchors:
                flagged = flagged_text(lines_by_path[d.path], d)
                anchors[where] = (flagged, _hash_prefix(d, flagged))
            key, (anchor, prefix) = LINE_HASH, anchors[where]
        identity = (key, d.path, d.rule, anchor)
        occurrence = occurrences[identity]
        occurrences[identity] += 1
        digest = (prefix or _hash_prefix(d, anchor)).copy()
        digest.update(str(occurrence).encode("utf-8"))
        fingerprints.append({key: digest.hexdigest()})
    return fingerprints


def _hash_prefix(d: Diagnostic, anchor: str) -> Any:
    """sha256 of ``rule \\0 path \\0 anchor \\0``, ready for the occurrence index."""
    material = "\0".join((d.rule, PurePath(d.path).as_posix(), anchor, ""))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass"))
