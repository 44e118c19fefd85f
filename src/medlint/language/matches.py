"""Shared pieces of the pattern-entry analysers (absolute claims, evidence): the ``Match``
they return and the compiled lexicon entries they scan with (loading and caching their
lexicons is ``medlint.language.lexicon``'s).

A lexicon entry (absolute claims, evidence statements) is a kind id, a few lowercase
*trigger* substrings and a list of regular expressions. A sentence that contains none
of an entry's triggers is never searched with its patterns. The entries of a lexicon
are compiled into one ``EntrySet`` that tests each distinct trigger once per sentence
(not once per entry). The triggers of the shipped lexicons are found together: one
Aho–Corasick pass per sentence (``language.lexicon.LiteralScan`` over the triggers of
every shipped lexicon in use) serves every analyser that reads the sentence. A
paragraph none of whose triggers occur is ruled out at once (``EntrySet.may_match``).
An entry's regexes are compiled with a look-ahead for the characters a match can start
with (``scanning_regex``), which ``re`` cannot work out for a regex that starts with
``\\b`` and a list of words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from medlint.data import DataError
from medlint.language.lexicon import LazyPattern, join_patterns, literal_scan, shipped_lexicon

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


class _SharedTriggers:
    """The trigger test of every shipped lexicon's entries in one pass per sentence.

    Each shipped ``EntrySet`` adds its triggers (derived from its lexicon, so entries
    added to a lexicon are found with no other change); ``present(lowered)`` is every
    added trigger that occurs in ``lowered``, from one Aho–Corasick pass over all of
    them. The absolute-claim and claim-uncited rules read the same sentences one rule
    after the other, so the answers for the last ``MEMO`` sentences are kept: the second
    analyser to ask about a sentence reuses the first one's pass."""

    MEMO = 2048

    def __init__(self) -> None:
        self._literals: dict[str, None] = {}
        self._memo: dict[str, list[str]] = {}
        self._scan: Any = None

    def add(self, triggers: Iterable[str]) -> None:
        new = [t for t in triggers if t not in self._literals]
        if new:
            self._literals.update(dict.fromkeys(new))
            self._scan = None
            self._memo.clear()

    def present(self, lowered: str) -> list[str]:
        memo = self._memo
        found = memo.get(lowered)
        if found is None:
            scan = self._scan
            if scan is None:
                scan = self._scan = literal_scan(tuple(self._literals))
            if len(memo) >= self.MEMO:
                memo.clear()
            found = memo[lowered] = scan.present(lowered)
        return found


_SHARED = _SharedTriggers()


class EntrySet(tuple):  # tuple[PatternEntry, ...]
    """A lexicon's compiled entries, in lexicon order, with a trigger index: each
    distinct trigger maps to the positions of the entries it activates. A shipped
    lexicon's triggers are found by the shared scan of every shipped lexicon
    (``_SharedTriggers``); a caller's lexicon has a scan of its own triggers."""

    triggers: tuple[str, ...]
    by_trigger: dict[str, tuple[int, ...]]

    def __new__(cls, entries: Iterable[PatternEntry], *, shared: bool = False) -> "EntrySet":
        self = super().__new__(cls, entries)
        index: dict[str, list[int]] = {}
        for order, entry in enumerate(self):
            for trigger in entry.triggers:
                index.setdefault(trigger, []).append(order)
        self.by_trigger = {t: tuple(orders) for t, orders in index.items()}
        self.triggers = tuple(self.by_trigger)
        self._screen = None
        if shared:
            _SHARED.add(self.triggers)
            self._present = _SHARED.present
        else:
            self._present = None  # the scan of this set's own triggers, built on first use
        return self

    def may_match(self, text: str) -> bool:
        """False when no sentence cut from ``text`` (a paragraph, say) can activate an
        entry: none of the triggers occurs in it. A cheap test that rules out a whole
        paragraph before its sentences are read; exact, because lower-casing maps each
        character on its own (but for the capital sigma, whose lower case depends on
        the letters around it: text holding one is never ruled out), so the lower case
        of a sentence is a substring of the lower case of the text it was cut from."""
        if "\u03a3" in text:
            return True
        if self._screen is None:
            self._screen = literal_scan(self.triggers)
        return self._screen.occurs_in(text.lower())

    def active(self, lowered: str) -> list[int]:
        """Positions of the entries whose triggers occur in ``lowered``, in order: the
        entries a substring test of each trigger would select."""
        if self._present is None:
            self._present = literal_scan(self.triggers).present
        by_trigger = self.by_trigger
        hits = [by_trigger[t] for t in self._present(lowered) if t in by_trigger]
        if not hits:
            return []
        if len(hits) == 1:
            return list(hits[0])
        return sorted({order for orders in hits for order in orders})


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
    return EntrySet(out, shared=shipped_lexicon())


def _lazy(patterns: Sequence[str], where: str, path: str) -> LazyPattern | None:
    source = join_patterns(patterns, where, path)
    return None if source is None else _ScanPattern(source)


class _ScanPattern(LazyPattern):
    """A ``LazyPattern`` that is searched (``finditer``, ``search``), compiled by
    ``scanning_regex``."""

    __slots__ = ()

    @property
    def regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = scanning_regex(self.source)
        return self._compiled


def scanning_regex(source: str) -> re.Pattern[str]:
    """``re.compile(source, re.IGNORECASE)``, made quicker to search: with a look-ahead for
    the characters a match can start with, when the regex itself gives ``re`` nothing to
    skip ahead with.

    A lexicon regex usually starts with ``\\b`` and an alternation of words, which
    ``re`` tries in full at every position of the text. The look-ahead
    (``(?=[...])``, the first characters of every way the regex can match, read off its
    parse) turns most positions away with one character test. It matches nothing the
    regex would not match, so the matches are the same. With no first characters to read
    (a regex that can match the empty string, starts with ``.`` or a negated class, turns
    case-insensitivity on inside, ...), or on an ``re`` whose internals differ, the regex
    is compiled as it is.

    The pattern text with its look-ahead is kept in the medlint command's regex table
    (``regex_cache.derived``, keyed by this code and ``source``), so a later run neither
    parses ``source`` nor compiles the result (the table holds that too)."""
    from medlint import regex_cache

    flags = int(re.IGNORECASE)  # as re.compile passes it on: an int, not the (slower) enum
    text = regex_cache.derived(_SCANNING_CODE, source, lambda: scanning_source(source, flags))
    return re.compile(text, flags)


_GLOBAL_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))*")


def scanning_source(source: str, flags: int) -> str:
    """``source`` with the first-character look-ahead ``scanning_regex`` compiles, after its
    global flags; ``source`` itself when no look-ahead applies."""
    try:
        from re import _compiler, _constants, _parser  # internal: guarded below

        tree = _parser.parse(source, flags)
        all_flags = tree.state.flags | flags
        if _compiler._get_literal_prefix(tree, all_flags)[0] or _compiler._get_charset_prefix(tree, all_flags):
            return source  # ``re`` skips ahead by itself
        first, empty = _first_characters(tree.data, _constants)
        if first is None or empty or not first:
            return source
        members = "".join(_class_member(op, av, _constants) for op, av in first)
    except re.error:
        raise
    except Exception:  # another Python's internals, a category with no escape: the plain regex
        return source
    head = _GLOBAL_FLAGS.match(source).end()
    return f"{source[:head]}(?=[{members}]){source[head:]}"


def _class_member(op: Any, av: Any, k: Any) -> str:
    """One item of a parsed character class, written back as class text."""
    if op is k.LITERAL:
        return _class_char(av)
    if op is k.RANGE:
        return f"{_class_char(av[0])}-{_class_char(av[1])}"
    return {
        k.CATEGORY_DIGIT: r"\d", k.CATEGORY_NOT_DIGIT: r"\D", k.CATEGORY_SPACE: r"\s",
        k.CATEGORY_NOT_SPACE: r"\S", k.CATEGORY_WORD: r"\w", k.CATEGORY_NOT_WORD: r"\W",
    }[av]  # KeyError (another category): the caller compiles the plain regex


def _class_char(code: int) -> str:
    char = chr(code)
    return char if char.isalnum() else f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _first_characters(items: Any, k: Any) -> tuple[list[Any] | None, bool]:
    """The character-class items (``re._parser`` form) that the first character of a
    match of the sequence ``items`` is one of, and whether the sequence can match the
    empty string; None when they cannot be read."""
    first: list[Any] = []
    for op, av in items:
        if op is k.LITERAL:
            return first + [(op, av)], False
        if op is k.IN:
            if not all(o in (k.LITERAL, k.RANGE, k.CATEGORY) for o, _ in av):
                return None, False  # a negated class, ...
            return first + list(av), False
        if op in (k.AT, k.ASSERT, k.ASSERT_NOT):
            continue  # zero-width: the next item gives the first character
        if op is k.SUBPATTERN:
            if av[1]:
                return None, False  # (?i:...) and other flags turned on inside
            sub, empty = _first_characters(av[3].data, k)
        elif op is k.BRANCH:
            sub, empty = [], False
            for alternative in av[1]:
                alt, alt_empty = _first_characters(alternative.data, k)
                if alt is None:
                    return None, False
                sub, empty = sub + alt, empty or alt_empty
        elif op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):
            sub, empty = _first_characters(av[2].data, k)
            empty = empty or av[0] == 0
        else:
            return None, False  # any character, a back-reference, ...
        if sub is None:
            return None, False
        first += sub
        if not empty:
            return first, False
    return first, True


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


def _code_digest() -> str:
    """What the look-ahead text depends on besides the pattern: this module's code that
    writes it (a change to it must not be served an older text from the table)."""
    import zlib

    def code_bytes(code: Any) -> bytes:
        consts = (code_bytes(c) if hasattr(c, "co_code") else repr(c).encode() for c in code.co_consts)
        return code.co_code + b"".join(consts) + repr(code.co_names).encode()

    parts = b"".join(code_bytes(f.__code__) for f in (scanning_source, _first_characters, _class_member, _class_char))
    return f"scan-{zlib.crc32(parts):08x}"


_SCANNING_CODE = _code_digest()
