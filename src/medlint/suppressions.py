"""Inline suppressions (HTML comments) and front-matter ignores.

- ``<!-- medlint-disable RULE[,RULE] -- reason -->`` … ``<!-- medlint-enable RULE -->``
  (no rule list means every rule);
- ``<!-- medlint-disable-next-line RULE -- reason -->`` (the line after the comment);
- ``<!-- medlint-disable-line RULE -- reason -->`` (the comment's own line);
- front matter ``medlint: {ignore: [RULE, ...]}`` for the whole file.

A reason may name an owner and an expiry: ``-- reason @owner until 2027-03-01``.
An expired suppression stops suppressing and is reported; so is one that matches no
finding, or names a rule medlint does not know (``unused-suppression``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Protocol

from .diagnostics import Diagnostic
from .document import Document
from .rule import UNSUPPRESSIBLE

_DIRECTIVE = re.compile(r"^medlint-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)
_UNTIL = re.compile(r"\buntil\s+(\d{4}-\d{2}-\d{2})\b")
_OWNER = re.compile(r"(?<!\w)@([\w.-]+)")


@dataclass(eq=False)
class Suppression:
    kind: str  # "range", "next-line", "line", "file"
    rules: tuple[str, ...]  # canonical rule names; () = every rule
    written: tuple[str, ...]  # as written, parallel to rules
    first_line: int
    last_line: int  # inclusive; large for an open range
    start: int  # span of the comment (or front-matter item)
    end: int
    reason: str = ""
    owner: str | None = None
    expires: dt.date | None = None
    unknown: tuple[str, ...] = ()
    used: set[str] = field(default_factory=set)
    used_all: bool = False

    def covers(self, diag: Diagnostic) -> bool:
        if not self.first_line <= diag.line <= self.last_line:
            return False
        return not self.rules or diag.rule in self.rules


@dataclass
class Outcome:
    """A file's suppressions after they were applied (what ``Stage.SUPPRESSIONS``
    rules read as ``ctx.suppressions``): each marked with what it suppressed,
    malformed directives as (start, end, why), and the rules enabled for the file."""

    suppressions: list[Suppression]
    problems: list[tuple[int, int, str]]
    enabled: set[str]
    # The known rule closest to a misspelt name (Registry.suggest), for "did you mean".
    suggest: Callable[[str], str | None] = lambda ref: None


def collect(doc: Document, resolve: Callable[[str], str | None]) -> tuple[list[Suppression], list[tuple[int, int, str]]]:
    """Suppressions in ``doc``; ``resolve`` maps a written rule (name or code) to its
    name, or None when unknown. Also returns malformed directives as (start, end, why)."""
    found: list[Suppression] = []
    problems: list[tuple[int, int, str]] = []
    # Open `disable` ranges by rule (None: every rule), closed by `enable`; a range
    # naming several rules is in several lists, each list is emptied once processed,
    # so many directives stay linear.
    open_ranges: dict[str | None, list[Suppression]] = {}
    for comment in doc.comments:
        m = _DIRECTIVE.match(comment.body)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2)
        head, _, reason = rest.partition("--")
        written = tuple(w for w in re.split(r"[\s,]+", head.strip()) if w)
        rules, unknown = [], []
        for w in written:
            name = resolve(w)
            if name is None:
                unknown.append(w)
            else:
                rules.append(name)
        node = comment.node
        start_line = doc.point(node.start).line
        end_line = doc.point(node.end).line
        expires = None
        until = _UNTIL.search(reason)
        if until:
            try:
                expires = dt.date.fromisoformat(until.group(1))
            except ValueError:
                problems.append((node.start, node.end, f"suppression expiry {until.group(1)} is not a real date"))
        owner = _OWNER.search(reason)
        common = dict(written=written, start=node.start, end=node.end, reason=reason.strip(),
                      owner=owner.group(1) if owner else None, expires=expires, unknown=tuple(unknown))
        if kind == "enable":
            for key in (list(open_ranges) if not rules else [*rules, None]):
                for rng in open_ranges.pop(key, ()):
                    if rng.last_line >= 10**9:
                        rng.last_line = start_line
            continue
        if unknown and not rules:
            sup = Suppression("unknown", (), last_line=-1, first_line=0, **common)
            found.append(sup)
            continue
        if kind == "disable":
            sup = Suppression("range", tuple(rules), first_line=start_line, last_line=10**9, **common)
            for key in rules or [None]:
                open_ranges.setdefault(key, []).append(sup)
        elif kind == "disable-next-line":
            sup = Suppression("next-line", tuple(rules), first_line=end_line + 1, last_line=end_line + 1, **common)
        else:
            sup = Suppression("line", tuple(rules), first_line=start_line, last_line=end_line, **common)
        found.append(sup)
    return found, problems


def front_matter_ignores(doc: Document, resolve: Callable[[str], str | None]) -> list[Suppression]:
    settings = doc.data.get("medlint")
    if not isinstance(settings, dict) or not isinstance(settings.get("ignore"), list):
        return []
    out = []
    for i, item in enumerate(settings["ignore"]):
        if not isinstance(item, str):
            continue
        start, end = doc.front_matter.span_for(("medlint", "ignore", i))
        name = resolve(item)
        out.append(Suppression("file", (name,) if name else (), (item,), 1, 10**9, start, end,
                               unknown=() if name else (item,), used_all=False))
    return out


class Dated(Protocol):
    """The run's date as ``rule.RunContext`` gives it: asked as a range, so a file's
    cached result serves every day before its first expiry."""

    def date_in(self, first: dt.date | None, last: dt.date | None) -> bool: ...


def is_live(sup: Suppression, today: dt.date | Dated) -> bool:
    """Whether ``sup`` suppresses anything (known rules, not expired)."""
    return sup.kind != "unknown" and not (sup.expires and _expired(sup.expires, today)) \
        and bool(sup.rules or sup.kind != "file")


def _expired(expires: dt.date, today: dt.date | Dated) -> bool:
    return expires < today if isinstance(today, dt.date) else not today.date_in(None, expires)


def apply(diagnostics: Iterable[Diagnostic], suppressions: list[Suppression],
          today: dt.date | Dated) -> list[Diagnostic]:
    """Drop the diagnostics a live suppression covers; mark what each one used.
    O((S + D) log(S + D)) for S suppressions and D findings, however the ranges
    overlap: coverage is looked up in the merged line ranges of each rule, and each
    suppression asks whether any finding of its rules lies in its lines."""
    live = [s for s in suppressions if is_live(s, today)]
    ranges: dict[str | None, list[tuple[int, int]]] = {}  # None: every rule
    for sup in live:
        for rule in sup.rules or (None,):
            ranges.setdefault(rule, []).append((sup.first_line, sup.last_line))
    covered = {rule: _merged(spans) for rule, spans in ranges.items()}
    kept = []
    lines: dict[str | None, list[int]] = {None: []}  # each rule's finding lines; None: every rule's
    for diag in diagnostics:
        if diag.data.get(UNSUPPRESSIBLE):
            kept.append(diag)
            continue
        lines.setdefault(diag.rule, []).append(diag.line)
        lines[None].append(diag.line)
        if not (_inside(covered.get(diag.rule), diag.line) or _inside(covered.get(None), diag.line)):
            kept.append(diag)
    for found in lines.values():
        found.sort()
    for sup in live:
        if sup.rules:
            sup.used.update(rule for rule in sup.rules if _any_between(lines.get(rule), sup.first_line, sup.last_line))
        elif _any_between(lines[None], sup.first_line, sup.last_line):
            sup.used_all = True
    return kept


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of inclusive line ranges, as sorted starts and their ends."""
    starts: list[int] = []
    ends: list[int] = []
    for first, last in sorted(spans):
        if ends and first <= ends[-1] + 1:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    return starts, ends


def _inside(merged: tuple[list[int], list[int]] | None, line: int) -> bool:
    if not merged:
        return False
    starts, ends = merged
    i = bisect.bisect_right(starts, line) - 1
    return i >= 0 and line <= ends[i]


def _any_between(sorted_lines: list[int] | None, first: int, last: int) -> bool:
    if not sorted_lines:
        return False
    i = bisect.bisect_left(sorted_lines, first)
    return i < len(sorted_lines) and sorted_lines[i] <= last
