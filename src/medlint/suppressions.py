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

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

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
    open_ranges: list[Suppression] = []
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
            for rng in reversed(open_ranges):
                if not rules or set(rng.rules) & set(rules) or not rng.rules:
                    rng.last_line = start_line
            open_ranges = [r for r in open_ranges if r.last_line >= 10**9]
            continue
        if unknown and not rules:
            sup = Suppression("unknown", (), last_line=-1, first_line=0, **common)
            found.append(sup)
            continue
        if kind == "disable":
            sup = Suppression("range", tuple(rules), first_line=start_line, last_line=10**9, **common)
            open_ranges.append(sup)
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


def is_live(sup: Suppression, today: dt.date) -> bool:
    """Whether ``sup`` suppresses anything (known rules, not expired)."""
    return sup.kind != "unknown" and not (sup.expires and sup.expires < today) and bool(sup.rules or sup.kind != "file")


def apply(diagnostics: Iterable[Diagnostic], suppressions: list[Suppression], today: dt.date) -> list[Diagnostic]:
    """Drop the diagnostics a live suppression covers; mark what each one used."""
    live = [s for s in suppressions if is_live(s, today)]
    # Line suppressions are looked up by line; ranges and file-wide ones are few.
    by_line: dict[int, list[Suppression]] = {}
    wide: list[Suppression] = []
    for sup in live:
        if sup.kind in ("next-line", "line") and sup.last_line - sup.first_line < 64:
            for line in range(sup.first_line, sup.last_line + 1):
                by_line.setdefault(line, []).append(sup)
        else:
            wide.append(sup)
    kept = []
    for diag in diagnostics:
        if diag.data.get(UNSUPPRESSIBLE):
            kept.append(diag)
            continue
        hit = False
        for sup in (*by_line.get(diag.line, ()), *wide):
            if sup.covers(diag):
                hit = True
                if sup.rules:
                    sup.used.add(diag.rule)
                else:
                    sup.used_all = True
        if not hit:
            kept.append(diag)
    return kept
