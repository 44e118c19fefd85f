"""The baseline: today's findings, recorded so that CI fails only on new ones.

A team adopting medlint on a legacy library records what is wrong today
(``medlint baseline FILE PATHS``); ``medlint check --baseline FILE`` then drops the
findings the baseline records and reports the rest. The baseline is meant to
shrink: entries whose findings are gone are reported as *pruneable*.

**Identity.** A finding is identified by a fingerprint of its rule, the flagged
line(s) with whitespace runs collapsed (the same text SARIF's line hash uses, see
:mod:`medlint.fingerprints`) and the text of the nearest heading above it
(whitespace collapsed, case folded; the file's ``outline``, from its Document). Line numbers play no part, so lines added or
removed above a finding and sections moved around keep it matched. Editing the
flagged line itself, or renaming its section's heading, makes it a new finding:
the writer who touches a line owns what is wrong on it. A file that could not be
read has no lines; its finding is identified by its message.

**Counts.** The same defect twice (two identical bare URLs on one line, the same
sentence in one section twice) has one fingerprint with ``count: 2``; a third
occurrence is new.

**Paths.** Entries are keyed by the file's path relative to the baseline file's
folder (``/`` separators), whatever folder medlint ran from, so a baseline
created at the repository root matches in CI, in a subfolder or via absolute
paths. ``-`` (standard input without ``--stdin-filename``) is kept as is.

**Format** (JSON, entries sorted for stable diffs)::

    {"version": 1, "medlint_version": "0.1.0",
     "entries": {"content/a.md": {"<fingerprint>": {"rule": "link-bare", "count": 1,
         "message": "...", "line": "...", "heading": "..."}}}}

``message``, ``line`` and ``heading`` are hints for a human reading the file
(``line`` is shortened when long); matching uses only the path, the fingerprint
and the count. ``rule-error`` findings are never recorded: a crashing rule is not
a content defect, and hiding it would hide every finding that rule should make.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, Protocol

import medlint
from medlint import jsonio
from medlint.diagnostics import Diagnostic
from medlint.fingerprints import collapse, flagged_text, split_lines
from medlint.reading import TextFileError, decode, read_text_file
from medlint.rule import INTERNAL_ERROR

FORMAT_VERSION = 1
HINT_LENGTH = 200
_MATERIAL_TAG = "medlint-baseline/v1"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and the problem."""


class LintedFile(Protocol):
    """What the baseline needs from one file's lint result (``results.FileResult`` has it)."""

    path: str
    diagnostics: list[Diagnostic]

    # Also read with getattr when present: ``source`` (a position.Source, possibly
    # None), ``unreadable`` (True when the file could not be decoded) and
    # ``outline`` (the file's headings, ``Document.outline``).


@dataclass(frozen=True)
class Entry:
    """One recorded fingerprint in one file."""

    path: str
    fingerprint: str
    rule: str
    count: int
    message: str = ""
    line: str = ""
    heading: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "count": self.count, "message": self.message,
                "line": self.line, "heading": self.heading}


@dataclass(frozen=True)
class Pruneable:
    """A baseline entry with ``unused`` of its ``count`` occurrences no longer found.

    ``reason`` is ``"fixed"`` (the file was linted and has fewer such findings) or
    ``"file-missing"`` (the file no longer exists next to the baseline)."""

    entry: Entry
    unused: int
    reason: str = "fixed"

    @property
    def path(self) -> str:
        return self.entry.path

    def describe(self) -> str:
        """One line for a person: ``content/a.md: link-bare fixed: bare URL in prose: …``
        (``link-bare (1 of 2) fixed`` when part of a count is unused)."""
        what = "file no longer exists" if self.reason == "file-missing" else "fixed"
        counted = f" ({self.unused} of {self.entry.count})" if self.entry.count > 1 else ""
        return f"{self.entry.path}: {self.entry.rule}{counted} {what}: {self.entry.message}"


@dataclass
class Baseline:
    """A loaded baseline: entries by path key, then by fingerprint; ``root`` is the
    folder paths are relative to (the baseline file's folder)."""

    root: Path
    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)
    medlint_version: str = ""
    source: str = "<baseline>"

    @classmethod
    def from_document(cls, document: Any, root: str | os.PathLike[str] = ".",
                      source: str = "<baseline>") -> "Baseline":
        """Validate a baseline JSON document (as :func:`create` returns it)."""
        return _parse(document, Path(root), source)

    def total(self) -> int:
        """How many findings the baseline accepts in all."""
        return sum(e.count for entries in self.entries.values() for e in entries.values())

    def to_document(self) -> dict[str, Any]:
        """The JSON document for these entries (stamped with this medlint's version)."""
        return _document(self.entries)


# -- fingerprints ---------------------------------------------------------------------
def _heading_key(title: str) -> str:
    return collapse(title).casefold()


class _FileContext:
    """Lines and headings of one linted file, computed once per file.

    The text is the result's ``source``; a result that did not keep it (and was
    read from a file that could be read) is read again from disk, so the
    fingerprint never silently depends on whether the runner kept the text."""

    def __init__(self, result: Any):
        self._result = result
        self._lines: list[str] | None = None
        self._loaded = False
        self._heading_lines: list[int] = []
        self._heading_titles: list[str] = []
        self._scanned = False
        # Identities already computed, so many findings on one huge line are hashed once.
        self.identities: dict[tuple, tuple[str, str, str]] = {}

    @property
    def lines(self) -> list[str] | None:
        if not self._loaded:
            self._loaded = True
            result, text = self._result, None
            source = getattr(result, "source", None)
            if source is not None:
                text = source.text
            elif not getattr(result, "unreadable", False) and result.path != "-":
                text = _read_text(result.path)
            self._lines = split_lines(text) if text is not None else None
            self._text = text
        return self._lines

    def text(self, d: Diagnostic) -> str:
        if self.lines is None:
            return collapse(d.message)
        return flagged_text(self.lines, d)

    def heading(self, d: Diagnostic) -> str:
        if self.lines is None:
            return ""
        if not self._scanned:
            self._scanned = True
            outline = getattr(self._result, "outline", None)
            if outline is None:  # a result made without the runner: read its text again
                outline = _outline(self._text or "")
            for line, title in outline:
                self._heading_lines.append(line)
                self._heading_titles.append(_heading_key(title))
        at = bisect.bisect_right(self._heading_lines, d.line)
        return self._heading_titles[at - 1] if at else ""


def _outline(text: str) -> list[tuple[int, str]]:
    from medlint.document import Document

    return Document.from_text(text).outline()


def _read_text(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            text = decode(handle.read())
    except OSError:
        return None
    return text if isinstance(text, str) else None


def fingerprint(rule: str, heading: str, text: str) -> str:
    """The fingerprint of a finding of ``rule`` flagging ``text`` under ``heading``
    (both already normalised): 20 hex digits of a SHA-256."""
    material = "\0".join((_MATERIAL_TAG, rule, heading, text))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _identify(d: Diagnostic, context: _FileContext) -> tuple[str, str, str]:
    # What flagged_text() and heading() read: the rule, the lines and whether the end
    # column stops before the last line; the message when there is no text.
    key = (d.rule, d.line, d.end_line, min(d.end_column, 2), d.message if context.lines is None else None)
    found = context.identities.get(key)
    if found is None:
        heading, text = context.heading(d), context.text(d)
        found = context.identities[key] = (fingerprint(d.rule, heading, text), heading, text)
    return found


# -- paths ----------------------------------------------------------------------------
def path_key(path: str, root: str | os.PathLike[str]) -> str:
    """The key a file is recorded under: its path relative to ``root`` with ``/``
    separators (an absolute path when no relative one exists, as across Windows
    drives). Works the same from any working folder."""
    if path == "-":
        return path
    absolute = os.path.abspath(path)
    root_abs = os.path.abspath(root)
    try:
        rel = os.path.relpath(absolute, root_abs)
    except ValueError:
        return PurePath(absolute).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        # A symlinked checkout or working folder: compare the real locations too.
        try:
            real = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
        except ValueError:
            real = rel
        if not (real == os.pardir or real.startswith(os.pardir + os.sep)):
            rel = real
    return PurePath(rel).as_posix()


# -- create / filter ------------------------------------------------------------------
def create(results: Iterable[LintedFile], *, root: str | os.PathLike[str] = ".") -> dict[str, Any]:
    """The baseline JSON document recording every finding in ``results`` (the
    findings left after inline suppressions). ``root`` is the folder the baseline
    file will live in; paths are recorded relative to it."""
    entries: dict[str, dict[str, Entry]] = {}
    for result in results:
        context = _FileContext(result)
        for d in result.diagnostics:
            if d.data.get(INTERNAL_ERROR):
                continue
            key = path_key(d.path, root)
            fp, heading, text = _identify(d, context)
            found = entries.setdefault(key, {})
            if fp in found:
                previous = found[fp]
                found[fp] = Entry(key, fp, previous.rule, previous.count + 1, previous.message,
                                  previous.line, previous.heading)
            else:
                found[fp] = Entry(key, fp, d.rule, 1, d.message, _shorten(text), heading)
    return _document(entries)


def filter(  # noqa: A001  (the module's public verb: baseline.filter)
    results: Iterable[LintedFile],
    baseline: Baseline | Mapping[str, Any],
    *,
    active_rules: Collection[str] | None = None,
) -> tuple[list[Diagnostic], list[Pruneable]]:
    """Split the findings of ``results`` into those the baseline does not cover
    (returned in their given order) and the baseline entries that are no longer
    used up (pruneable).

    A finding is dropped when its file's entry with the same fingerprint has count
    left; each dropped finding uses up one. Entries are reported as pruneable only
    for files that were linted in this run (a run over part of the library says
    nothing about the rest) or that no longer exist next to the baseline. Pass the
    rule names that were active in the run as ``active_rules`` so entries of rules
    that were not run (``--select``, ``--ignore``) are not taken for fixed.
    A ``Mapping`` baseline (a document from :func:`create`) has paths relative to
    the current folder."""
    screen = Filter(baseline, active_rules=active_rules)
    kept = [d for result in results for d in screen.keep(result)]
    return kept, screen.pruneable()


class Filter:
    """``filter`` one file at a time: ``keep(result)`` for each result of the run, in
    turn, then ``pruneable()``."""

    def __init__(self, baseline: Baseline | Mapping[str, Any], *, active_rules: Collection[str] | None = None):
        self.baseline = baseline if isinstance(baseline, Baseline) else Baseline.from_document(baseline)
        self.active_rules = active_rules
        self.remaining = {path: {fp: e.count for fp, e in entries.items()}
                          for path, entries in self.baseline.entries.items()}
        self.linted: set[str] = set()

    def keep(self, result: LintedFile) -> list[Diagnostic]:
        """The findings of ``result`` the baseline does not cover, in their order."""
        root, remaining = self.baseline.root, self.remaining
        self.linted.add(path_key(result.path, root))
        context = _FileContext(result)
        kept: list[Diagnostic] = []
        for d in result.diagnostics:
            key = path_key(d.path, root)
            self.linted.add(key)
            counts = remaining.get(key)
            if d.data.get(INTERNAL_ERROR) or not counts:
                kept.append(d)
                continue
            fp = _identify(d, context)[0]
            if counts.get(fp, 0) > 0:
                counts[fp] -= 1
            else:
                kept.append(d)
        return kept

    def pruneable(self) -> list[Pruneable]:
        """The entries no finding used up, of the files linted (or gone)."""
        pruneable: list[Pruneable] = []
        for path in sorted(self.baseline.entries):
            entries = self.baseline.entries[path]
            if path in self.linted:
                reason = "fixed"
            elif path != "-" and not (self.baseline.root / path).exists():
                reason = "file-missing"
            else:
                continue
            for fp in sorted(entries):
                entry = entries[fp]
                unused = self.remaining[path][fp]
                if unused and (self.active_rules is None or entry.rule in self.active_rules):
                    pruneable.append(Pruneable(entry, unused, reason))
        return pruneable


def prune(baseline: Baseline, pruneable: Iterable[Pruneable]) -> dict[str, Any]:
    """The baseline document with the pruneable counts taken off (entries that
    reach zero removed): the file to write back so the baseline only shrinks."""
    entries = {path: dict(found) for path, found in baseline.entries.items()}
    for item in pruneable:
        found = entries.get(item.entry.path, {})
        current = found.get(item.entry.fingerprint)
        if current is None:
            continue
        left = current.count - item.unused
        if left > 0:
            found[current.fingerprint] = Entry(current.path, current.fingerprint, current.rule, left,
                                               current.message, current.line, current.heading)
        else:
            del found[current.fingerprint]
    return _document(entries)


# -- files ----------------------------------------------------------------------------
def dumps(document: Mapping[str, Any]) -> str:
    """The baseline document as the text written to disk (UTF-8, final newline)."""
    return jsonio.dumps(document, indent=2) + "\n"


def save(document: Mapping[str, Any], path: str | os.PathLike[str]) -> None:
    """Write the document atomically (see ``medlint.fixes.write_atomic``)."""
    from medlint.fixes import write_atomic

    write_atomic(path, dumps(document))


def load(path: str | os.PathLike[str]) -> Baseline:
    """Read and validate a baseline file; paths in it are relative to its folder.
    Raises :class:`BaselineError` naming the file and what is wrong with it."""
    name = os.fspath(path)
    if not os.path.exists(name):
        raise BaselineError(f"{name}: baseline file not found (create it with `medlint baseline {name} PATHS`)")
    try:
        text = read_text_file(name, "a medlint baseline")
    except TextFileError as exc:
        raise BaselineError(str(exc)) from None
    try:
        document = jsonio.loads(text)
    except jsonio.JSONError as exc:
        raise BaselineError(f"{name}: not a medlint baseline: {exc}") from None
    return _parse(document, Path(os.path.dirname(os.path.abspath(name))), name)


def _parse(document: Any, root: Path, name: str) -> Baseline:
    if isinstance(document, list):
        raise BaselineError(f"{name}: not a medlint baseline: it is a JSON array (a `--format json` report?); "
                            f"create a baseline with `medlint baseline {name} PATHS`")
    if not isinstance(document, dict):
        raise BaselineError(f"{name}: not a medlint baseline: expected a JSON object, found {_kind(document)}")
    if "version" not in document:
        hint = " (a SARIF report?)" if "runs" in document else ""
        raise BaselineError(f"{name}: not a medlint baseline{hint}: it has no \"version\" key")
    version = document["version"]
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise BaselineError(
            f"{name}: baseline format version {json.dumps(version)} is not supported; medlint "
            f"{medlint.__version__} reads version {FORMAT_VERSION}. Re-create it with `medlint baseline`."
        )
    medlint_version = document.get("medlint_version", "")
    if not isinstance(medlint_version, str):
        raise BaselineError(f"{name}: \"medlint_version\" must be a string, found {_kind(medlint_version)}")
    raw = document.get("entries")
    if not isinstance(raw, dict):
        raise BaselineError(f"{name}: \"entries\" must be an object of paths, found {_kind(raw)}")
    entries: dict[str, dict[str, Entry]] = {}
    for path, found in raw.items():
        where = f"entries[{json.dumps(path, ensure_ascii=False)}]"
        if not path:
            raise BaselineError(f"{name}: {where}: a path must not be empty")
        if not isinstance(found, dict):
            raise BaselineError(f"{name}: {where} must be an object of fingerprints, found {_kind(found)}")
        for fp, item in found.items():
            at = f"{where}[{json.dumps(fp)}]"
            if not isinstance(item, dict):
                raise BaselineError(f"{name}: {at} must be an object, found {_kind(item)}")
            rule, count = item.get("rule"), item.get("count")
            if not isinstance(rule, str) or not rule:
                raise BaselineError(f"{name}: {at}.rule must be a rule name, found {_kind(rule)}")
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise BaselineError(f"{name}: {at}.count must be a whole number of at least 1, "
                                    f"found {json.dumps(count)}")
            hints = [item.get(k, "") for k in ("message", "line", "heading")]
            if not all(isinstance(h, str) for h in hints):
                raise BaselineError(f"{name}: {at}: message, line and heading must be strings")
            entries.setdefault(path, {})[fp] = Entry(path, fp, rule, count, *hints)
    return Baseline(root, entries, medlint_version, name)


def _document(entries: Mapping[str, Mapping[str, Entry]]) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "medlint_version": medlint.__version__,
        "entries": {
            path: {fp: entries[path][fp].to_dict() for fp in sorted(entries[path])}
            for path in sorted(entries)
            if entries[path]
        },
    }


def _shorten(text: str) -> str:
    return text if len(text) <= HINT_LENGTH else text[: HINT_LENGTH - 1].rstrip() + "…"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)
