"""Shared pieces of the pattern-entry analysers (absolute claims, evidence): the ``Match``
they return and the compiled lexicon entries they scan with (loading and caching their
lexicons is ``medlint.language.lexicon``'s).

A lexicon entry (absolute claims, evidence statements) is a kind id, a few lowercase
*trigger* substrings and a list of regular expressions. A sentence that contains none
of an entry's triggers is never searched with its patterns. The entries of a lexicon
are compiled into one ``EntrySet`` that tests each distinct trigger once per sentence
(not once per entry), which keeps the cost of running every analyser on every
sentence of a large content tree close to a handful of substring tests per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from medlint.data import DataError
from medlint.language.lexicon import LazyPattern, join_patterns

#: How many characters before a match an entry's ``exclude_preceding`` patterns see.
PRECEDING_WINDOW = 100


@dataclass(frozen=True)
class Match:
    """A phrase found in a sentence: ``sentence[start:end] == text``; ``kind`` is the id
    of the lexicon entry that found it."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class PatternEntry:
    """One compiled lexicon entry (its regexes are compiled when the entry is first
    triggered)."""

    id: str
    triggers: tuple[str, ...]
    _regex: LazyPattern
    _exclude_preceding: LazyPattern | None
    _exclude_following: LazyPattern | None

    @property
    def regex(self) -> re.Pattern[str]:
        return self._regex.regex

    @property
    def exclude_preceding(self) -> re.Pattern[str] | None:
        return None if self._exclude_preceding is None else self._exclude_preceding.regex

    @property
    def exclude_following(self) -> re.Pattern[str] | None:
        return None if self._exclude_following is None else self._exclude_following.regex


class EntrySet(tuple):  # tuple[PatternEntry, ...]
    """A lexicon's compiled entries, in lexicon order, with a trigger index: each
    distinct trigger maps to the positions of the entries it activates."""

    triggers: tuple[str, ...]
    by_trigger: dict[str, tuple[int, ...]]

    def __new__(cls, entries: Iterable[PatternEntry]) -> "EntrySet":
        self = super().__new__(cls, entries)
        index: dict[str, list[int]] = {}
        for order, entry in enumerate(self):
            for trigger in entry.triggers:
                index.setdefault(trigger, []).append(order)
        self.by_trigger = {t: tuple(orders) for t, orders in index.items()}
        self.triggers = tuple(self.by_trigger)
        return self

    def active(self, lowered: str) -> list[int]:
        """Positions of the entries whose triggers occur in ``lowered``, in order."""
        present = [t for t in self.triggers if t in lowered]
        if not present:
            return []
        if len(present) == 1:
            return list(self.by_trigger[present[0]])
        return sorted({order for t in present for order in self.by_trigger[t]})


def compile_entries(entries: Sequence[dict[str, Any]], path: str,
                    key: str = "entries") -> EntrySet:
    """Compile validated lexicon entries; duplicate ids are a ``DataError``."""
    seen: set[str] = set()
    out = []
    for i, e in enumerate(entries):
        if e["id"] in seen:
            raise DataError(path, f"{key}/{i}/id: duplicate entry id {e['id']!r}")
        seen.add(e["id"])
        out.append(PatternEntry(
            e["id"],
            tuple(t.lower() for t in e["triggers"]),
            _lazy(e["patterns"], f"{key}/{i}/patterns", path),  # type: ignore[arg-type]
            _lazy(e.get("exclude_preceding", []), f"{key}/{i}/exclude_preceding", path),
            _lazy(e.get("exclude_following", []), f"{key}/{i}/exclude_following", path),
        ))
    return EntrySet(out)


def _lazy(patterns: Sequence[str], where: str, path: str) -> LazyPattern | None:
    source = join_patterns(patterns, where, path)
    return None if source is None else LazyPattern(source)


def scan_entries(entries: EntrySet, text: str, lowered: str) -> list[Match]:
    """Every non-overlapping match of the active entries in ``text``, in text order.

    Where two entries match overlapping text the earlier start wins, then the longer
    match, then the entry listed first in the lexicon."""
    found: list[tuple[int, int, int, str]] = []
    for order in entries.active(lowered):
        entry = entries[order]
        for m in entry.regex.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            if entry.exclude_preceding is not None and entry.exclude_preceding.search(
                    text, max(0, start - PRECEDING_WINDOW), start):
                continue
            if entry.exclude_following is not None and entry.exclude_following.match(text, end):
                continue
            found.append((start, -(end - start), order, entry.id))
    if not found:
        return []
    found.sort()
    out: list[Match] = []
    last_end = -1
    for start, neg_len, _order, kind in found:
        if start >= last_end:
            end = start - neg_len
            out.append(Match(start, end, text[start:end], kind))
            last_end = end
    return out
