"""Health claims: find "X causes Y" statements in prose and check them for consistency.

This is the pure analyser behind ``claim-contradiction``, ``claim-registry-conflict`` and
``medlint claims`` (SPEC §9, §12 "Claims"). It sees sentences as strings with a little
context (enclosing headings, paragraph id, block-quote flag) and never touches files,
except ``load_registry``, which reads a team's registry.

A **claim** is (subject, relation, effect, stance, certainty, qualifiers) found in one
clause of one sentence: "Excess oral B12 is not a cause of cramps" gives
(vitamin_b12, causes, muscle_cramps, negative, certain, {dose: high, route: oral}).
Everything it recognises — aliases, cue phrases, qualifier words, grammar words — comes
from the claims lexicon (``data/lexicons/claims.yaml``), which a registry can extend.

How a sentence is read (regex and lexicon only, tuned for precision over recall):

- quoted sentences, questions and "Myth: ..." lines give no claims;
- the sentence is cut into clauses at strong boundaries (";", "but", "whereas", ...);
  a subject, a relation cue and an effect must sit in one clause, in the order the cue's
  direction asks for, with only short, harmless words between them;
- mentions inside contrast phrases ("unlike injections", ", not B12") are ignored;
- negation belongs to the relation: it is found by walking back from the cue over
  auxiliaries and fillers ("is not a known cause of"), or as a clause prefix ("there is
  no evidence that ..."); "not usually" makes the claim ``rare``, "not the only" cancels;
- a reported or hypothetical clause ("some people believe ...", "if B12 causes cramps")
  is no claim; nor is a denial limited after its cue by an exception or by a condition
  that names no qualifier ("does not cause cramps unless ...", "... if you take it
  correctly"); a denial "in most people" is ``rare``;
- qualifiers come from the clause (the value nearest the claim wins a dimension), from
  the mention itself ("hydroxocobalamin" implies an injection), from the previous sentence
  of the paragraph when this one opens with an anaphor ("These injections ...", "At these
  doses ..."), or from the enclosing headings, in that order of strength.

Two claims contradict (``find_contradictions``) when one is negative, the other positive
or rare, both have the same subject, relation and effect, and the negative's scope covers
the positive's: for every qualifier dimension the negative leaves it unstated or gives the
same value. Claims from one sentence are never paired: a sentence that states both sides
("B12 does not cause cramps, but injections can") draws its own contrast. A value marked
``covered_when_unstated: false`` in the lexicon (dose: deficiency) is not covered by an
unstated dimension: "B12 does not cause cramps" speaks of taking B12, not of lacking it.
"""

from __future__ import annotations

import copy
import functools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from medlint import data
from medlint.data import DataError

__all__ = [
    "Claim",
    "ClaimLexicon",
    "FrozenMap",
    "LexiconError",
    "RegistryEntry",
    "SentenceInput",
    "extract_claims",
    "find_contradictions",
    "load_registry",
    "registry_conflicts",
]

RELATION = "causes"

# What may follow a sentence's end punctuation: closing quotes and brackets, emphasis
# markers, citation markers, object placeholders.
_TRAILER = re.compile(
    r"(?:\s|[\ufffc\"'\u201d\u2019)\]*_]|\[\^?[\w ,\u2013\u2014-]{1,30}\]|<sup>[^<]{0,20}</sup>)+$"
)
STANCES = ("negative", "rare", "positive")


# --------------------------------------------------------------------------------------
# Data model


class FrozenMap(Mapping[str, str]):
    """A small immutable, hashable, picklable mapping; equal to any mapping with the same items."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str] | Sequence[tuple[str, str]] = ()):
        self._items = dict(items)

    def __getitem__(self, key: str) -> str:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._items)

    def __getstate__(self) -> dict[str, str]:
        return self._items

    def __setstate__(self, state: dict[str, str]) -> None:
        self._items = state


def _frozen(value: Mapping[str, str]) -> FrozenMap:
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


@dataclass(frozen=True, init=False)
class SentenceInput:
    """One prose sentence as the Document gives it to the analyser.

    ``text`` has non-prose parts (code, links' URLs, citation markers, ...) already replaced
    by U+FFFC; ``headings`` are the plain texts of the enclosing section headings, outermost
    first; ``paragraph`` identifies the paragraph or list item (anaphora never cross it);
    a ``quoted`` sentence (in a block quote) is never a claim.
    """

    text: str
    headings: tuple[str, ...] = ()
    paragraph: int = 0
    quoted: bool = False

    def __init__(self, text: str, headings: tuple[str, ...] = (), paragraph: int = 0, quoted: bool = False):
        # One is made for every sentence of every article: store the fields straight into
        # the instance dict, which is what the frozen dataclass's generated __init__ does
        # through four object.__setattr__ calls (twice as slow).
        fields = self.__dict__
        fields["text"] = text
        fields["headings"] = headings
        fields["paragraph"] = paragraph
        fields["quoted"] = quoted


@dataclass(frozen=True)
class Claim:
    """A causal claim found in sentence ``sentence`` (an index into the input list).

    ``start``/``end`` span the subject mention and the effect mention inside the sentence
    text (for "cramps caused by B12" the effect comes first). ``subject``/``effect`` are
    lexicon ids; ``subject_text``/``effect_text`` are the words as written (for an anaphor,
    the anaphor: "These injections"). ``qualifier_sources`` says where each qualifier came
    from: ``sentence``, ``heading`` or ``anaphor`` (the previous sentence).
    """

    sentence: int
    start: int
    end: int
    subject: str
    effect: str
    subject_text: str
    effect_text: str
    relation: str
    stance: str
    certainty: str
    qualifiers: Mapping[str, str] = field(default_factory=FrozenMap)
    qualifier_sources: Mapping[str, str] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        object.__setattr__(self, "qualifiers", _frozen(self.qualifiers))
        object.__setattr__(self, "qualifier_sources", _frozen(self.qualifier_sources))


@dataclass(frozen=True)
class RegistryEntry:
    """One canonical claim from a team registry file, with where it was defined."""

    id: str
    subject: str
    effect: str
    stance: str
    qualifiers: Mapping[str, str]
    source: str
    path: str
    line: int
    note: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "qualifiers", _frozen(self.qualifiers))


class LexiconError(ValueError):
    """A claims lexicon (or a registry's ``lexicon:`` block) that cannot be compiled:
    an alias used for two entries, an implied qualifier that does not exist, ...

    ``where`` is the path of the offending entry inside the lexicon mapping, when known
    (``("subjects", "b12_gel")``), so a file loader can name its line."""

    def __init__(self, message: str, where: tuple[str, ...] = ()):
        super().__init__(message)
        self.where = where


# --------------------------------------------------------------------------------------
# Phrase matching
#
# Every phrase of the lexicon stands for the regex ``_phrase_regex`` builds for it (whole
# words, any run of spaces and hyphens between words, either apostrophe, case-insensitive).
# Compiling those regexes is slow in Python (the default lexicon's took most of its load
# time), so they are not compiled up front: ``_Phrase.match_at`` does what the regex does
# with string comparisons on the lower-cased text, and the regex is compiled, the first time
# it is needed, only for a text or phrase where the two could differ (see ``_folded``).

_SEP_CLASS = "[\\s\\u00a0\\-\\u2010\\u2011]"
_SEP_CHARS = "\u00a0-\u2010\u2011"  # with any whitespace: what ``_SEP_CLASS`` matches
# Words that may sit between two listed effects besides the separators ("..., and even ...").
_LIST_FILLERS = frozenset(
    {"as", "well", "also", "even", "possibly", "sometimes", "eventually", "especially", "including", "other"}
)
_SEP_RUN = re.compile(_SEP_CLASS + "+")
_APOSTROPHES = re.compile("['\u2019]")
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")
_ASCII_TOKEN = re.compile(r"(?a)\w+(?:'\w+)*")  # ``_TOKEN`` for ASCII text, a little faster
_RUN = re.compile(r"\w+")
_ALNUM = re.compile(r"[^\W_]")
_OPENING_WORD = re.compile(r"[\W_]*(\w+)")  # the word a sentence opens with
_INFLECTION = "(?:['\u2019]s|s|es)?"
_SUFFIXES = ("'s", "s", "es")  # ``_INFLECTION``'s alternatives, in its order
# The only characters Python's case-insensitive regexes match against an ASCII character
# although they are not ASCII (dotted and dotless i, long s, Kelvin sign); the first is
# also the only one whose lower case is two characters. A text with none of them compares
# lower-cased, character for character, exactly as such a regex does.
_FOLD_EXCEPTIONS = re.compile("[\u0130\u0131\u017f\u212a]")
# Non-ASCII characters a phrase may hold and still be matched without its regex: caseless
# punctuation, which a case-insensitive regex matches only as itself.
_PLAIN_EXTRA = frozenset("\u2013\u2014\u2019")
_FIRST5 = operator.itemgetter(slice(None, 5))


def _norm(text: str) -> str:
    """Lookup key of a phrase: lower case, one space for any run of spaces and hyphens,
    straight apostrophes."""
    return _SEP_RUN.sub(" ", text.lower().replace("\u2019", "'")).strip()


def _lower_words(text: str) -> list[str]:
    """The word tokens of ``text``, each lower-cased on its own, with straight apostrophes."""
    if text.isascii():
        return _ASCII_TOKEN.findall(text.lower())
    low = text.lower()
    # Lower-casing the whole text gives every token its own lower case unless a character
    # changes length (dotted I) or depends on its neighbours (capital sigma).
    if len(low) == len(text) and "\u03a3" not in text:
        return _TOKEN.findall(low.replace("\u2019", "'"))
    return [_APOSTROPHES.sub("'", t.lower()) for t in _TOKEN.findall(text)]


def _tokens(text: str) -> list[str]:
    return _lower_words(text)


def _phrase_regex(text: str, case_sensitive: bool = False, inflect: bool = False) -> str:
    parts = [p for p in _SEP_RUN.split(text.strip()) if p]
    body = (_SEP_CLASS + "+").join(
        _APOSTROPHES.sub("['\u2019]", re.escape(p)) for p in parts
    )
    if case_sensitive:
        body = f"(?-i:{body})"
    if inflect:
        body += _INFLECTION
    left = "(?<!\\w)(?<!anti-)(?<!non-)" if re.match(r"\w", text.strip()) else ""
    right = "(?!\\w)" if re.search(r"\w$", text.strip()) else ""
    return left + body + right


def _item_text(item: Any) -> tuple[str, bool]:
    if isinstance(item, str):
        return item, False
    return item["text"], bool(item.get("case_sensitive", False))


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> tuple[str, ...]:
    """The normalised lower-case word tokens of ``text``."""
    return tuple(_lower_words(text))


@functools.lru_cache(maxsize=1024)
def _word_starts(text: str) -> tuple[int, ...]:
    """The offset of each of ``_words(text)``."""
    return tuple(m.start() for m in _TOKEN.finditer(text))


@functools.lru_cache(maxsize=1024)
def _folded(text: str) -> str | None:
    """``text`` lower-cased with straight apostrophes, offset for offset, to match phrases
    in; None if a character in it might match differently than its regex would."""
    if not text.isascii() and _FOLD_EXCEPTIONS.search(text):
        return None
    return text.lower().replace("\u2019", "'")


@functools.lru_cache(maxsize=1024)
def _runs(folded: str) -> frozenset[str]:
    """The distinct runs of word characters (``\\w+``) in a ``_folded`` text."""
    return frozenset(_RUN.findall(folded))


def _is_word(ch: str) -> bool:
    """Whether ``ch`` is a regex word character (``\\w``)."""
    return ch.isalnum() or ch == "_"


def _is_sep(ch: str) -> bool:
    return ch.isspace() or ch in _SEP_CHARS


@functools.lru_cache(maxsize=4096)
def _inflected(word: str) -> tuple[str, ...]:
    """``word`` and the stems it may be a plural or possessive of."""
    out = [word]
    for suffix in ("'s", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix):
            out.append(word[: -len(suffix)])
    return tuple(out)


class _Hit:
    """A phrase found in a text: the part of ``re.Match`` the analyser uses."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self, group: str | int = 0) -> int:
        return self._end

    def span(self, group: str | int = 0) -> tuple[int, int]:
        return self._start, self._end

    def group(self, group: str | int = 0) -> str:
        return self.string[self._start:self._end]


class _Phrase:
    """One phrase as its regex (``_phrase_regex``) matches it.

    ``match_at`` is that regex's ``match`` for a text ``_folded`` accepts: the words
    (``parts``) compared lower-cased, or exactly for a case-sensitive phrase, one or more
    separators between them, an optional plural or possessive ending, and the whole-word
    checks. ``plain`` is false for a phrase holding a character that needs the regex; its
    ``regex`` is compiled on first use.
    """

    __slots__ = ("text", "case_sensitive", "inflect", "parts", "left", "right", "plain", "first_run", "_regex")

    def __init__(self, text: str, case_sensitive: bool = False, inflect: bool = False):
        self.text, self.case_sensitive, self.inflect = text, case_sensitive, inflect
        stripped = text.strip()
        parts = [p for p in _SEP_RUN.split(stripped) if p]
        self.left = bool(stripped) and _is_word(stripped[0])
        self.right = bool(stripped) and _is_word(stripped[-1])
        joined = "".join(parts)
        self.plain = bool(parts) and (joined.isascii() or all(ch.isascii() or ch in _PLAIN_EXTRA for ch in joined))
        straight = [p.replace("\u2019", "'") for p in parts]
        self.parts = straight if case_sensitive else [p.lower() for p in straight]
        # The lower-case word the phrase starts with, when a text's word must be exactly that
        # word for the phrase to match there (something follows it, or the phrase ends with
        # a whole-word check); None when the phrase may match the start of a longer word.
        run = _RUN.match(self.parts[0].lower()) if parts else None
        exact = run is not None and (len(parts) > 1 or run.end() < len(parts[0]) or self.right)
        self.first_run = run.group() if exact else None
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(_phrase_regex(self.text, self.case_sensitive, self.inflect), re.IGNORECASE)
        return self._regex

    def match_at(self, text: str, folded: str, pos: int, end: int) -> int:
        """Where the phrase's regex, matched at ``pos`` in ``text[:end]``, ends; -1 if it does
        not match. ``folded`` is ``_folded(text)``."""
        if self.left:
            if pos and _is_word(text[pos - 1]):
                return -1
            if (pos >= 5 and folded.startswith("anti-", pos - 5)) or (pos >= 4 and folded.startswith("non-", pos - 4)):
                return -1
        source = text.replace("\u2019", "'") if self.case_sensitive else folded
        q = pos
        for i, part in enumerate(self.parts):
            if i:
                r = q
                while r < end and _is_sep(text[r]):
                    r += 1
                if r == q:
                    return -1
                q = r
            if not source.startswith(part, q, end):
                return -1
            q += len(part)
        if self.inflect:
            for suffix in _SUFFIXES:
                if folded.startswith(suffix, q, end):
                    e = q + len(suffix)
                    if not self.right or e >= end or not _is_word(text[e]):
                        return e
        if self.right and q < end and _is_word(text[q]):
            return -1
        return q


@functools.lru_cache(maxsize=4096)
def _phrase(text: str, case_sensitive: bool, inflect: bool) -> _Phrase:
    """The ``_Phrase`` for a lexicon phrase, made the first time it is needed and shared by
    every lexicon (a phrase set only makes those a text proposes)."""
    return _Phrase(text, case_sensitive, inflect)


class _Alternation:
    """Phrases tried in order at each position of a text, like the regex ``p1|p2|...`` of
    their ``_phrase_regex``es (optionally followed by ``[^<tail_stops>]*``): ``finditer``
    and ``search`` give the same spans as that regex's, as ``_Hit``s.

    A phrase can only match at the start of a word that is (or, for a few, begins with) its
    own first word, or, for a phrase not starting with a word, at its first character; so
    only those positions are tried, and a text with none of them is passed over at once.
    The regex itself is compiled only for a text or phrase ``_Phrase`` cannot match alone.
    """

    def __init__(self, phrases: Sequence[_Phrase], *, tail_stops: str | None = None):
        self.phrases = list(phrases)
        self.tail_stops = tail_stops
        self.plain = all(p.plain for p in self.phrases)
        self.by_run: dict[str, list[int]] = defaultdict(list)
        self.by_char: dict[str, list[int]] = defaultdict(list)
        self.loose: list[int] = []
        for i, p in enumerate(self.phrases):
            if not p.plain:
                continue
            if not p.left:
                self.by_char[p.parts[0][0].lower()].append(i)
            elif p.first_run is not None:
                self.by_run[p.first_run].append(i)
            else:
                self.loose.append(i)
        self._regex: re.Pattern[str] | None = None

    @classmethod
    def of(cls, items: Sequence[Any], *, tail_stops: str | None = None) -> _Alternation | None:
        """The alternation of lexicon phrase items (strings or ``{text, case_sensitive}``),
        longest first; None for no items."""
        ordered = sorted(
            {(_norm(_item_text(p)[0]), *_item_text(p)) for p in items}, key=lambda t: (-len(t[0]), t[0])
        )
        if not ordered:
            return None
        return cls([_phrase(t, cs, False) for _, t, cs in ordered], tail_stops=tail_stops)

    @property
    def pattern(self) -> str:
        body = "|".join(_phrase_regex(p.text, p.case_sensitive, p.inflect) for p in self.phrases)
        if self.tail_stops is not None:
            body = f"(?:{body})[^{re.escape(self.tail_stops)}]*"
        return body

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern, re.IGNORECASE)
        return self._regex

    def candidates_at(self, folded: str, pos: int) -> list[int]:
        """Indexes (in order) of the phrases that may match at ``pos``."""
        found: list[int] = []
        run = _RUN.match(folded, pos)
        if run is not None:
            found = self.by_run.get(run.group(), []) + self.loose
        if pos < len(folded) and folded[pos] in self.by_char:
            found = found + self.by_char[folded[pos]]
            found.sort()
        elif self.loose and len(found) > len(self.loose):
            found.sort()
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str] | _Hit]:
        folded = _folded(text)
        if folded is None or not self.plain:
            yield from self.regex.finditer(text, pos, len(text) if endpos is None else endpos)
            return
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        pos = max(pos, 0)
        if pos > end:
            return
        starts: dict[int, list[int]] = {}
        # Words of the whole text (cached) or, for a stretch, of the stretch: a word cut by
        # ``end`` is a word of its own there.
        words = _runs(folded) if pos == 0 and end == len(text) else _RUN.findall(folded, pos, end)
        if self.loose or not self.by_run.keys().isdisjoint(words):
            for m in _RUN.finditer(folded, pos, end):
                found = self.by_run.get(m.group())
                if found is not None or self.loose:
                    starts[m.start()] = (found or []) + self.loose
        for ch, found in self.by_char.items():
            at = folded.find(ch, pos, end)
            while at >= 0:
                starts[at] = sorted(starts.get(at, []) + found)
                at = folded.find(ch, at + 1, end)
        if not starts:
            return
        phrases, taken = self.phrases, pos
        for start in sorted(starts):
            if start < taken:
                continue
            candidates = starts[start]
            if self.loose and len(candidates) > len(self.loose):
                candidates = sorted(candidates)
            for i in candidates:
                e = phrases[i].match_at(text, folded, start, end)
                if e >= 0:
                    if self.tail_stops is not None:
                        e = min([end] + [x for x in (folded.find(c, e, end) for c in self.tail_stops) if x >= 0])
                    yield _Hit(text, start, e)
                    taken = e
                    break

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | _Hit | None:
        return next(self.finditer(text, pos, endpos), None)


class _Opening:
    """The regex ``^[\\W_]*(?:(?:<lead_ins>)[\\s,]+)*(?P<ana><phrases>)``: a sentence that
    opens with one of ``phrases``, after any punctuation and lead-ins ("However, these
    injections ..."). ``match`` gives that regex's match or a ``_Hit`` spanning the ``ana``
    group (its only group)."""

    def __init__(self, phrases: _Alternation, lead_ins: _Alternation | None = None):
        self.phrases, self.lead_ins = phrases, lead_ins
        parts = [phrases] + ([lead_ins] if lead_ins else [])
        # Without the regex only when every phrase and lead-in starts with a letter or digit:
        # then "[\W_]*" can stop only before the first one.
        self.plain = all(
            a.plain and all(p.left and p.parts[0][0].isalnum() for p in a.phrases)
            for a in parts
        )
        # What the opening word can be: some phrase's or lead-in's first word, or longer than
        # one of the few that may start a longer word.
        self._first_words = frozenset(w for a in parts for w in a.by_run)
        self._loose_words = tuple(_RUN.match(a.phrases[i].parts[0]).group().lower() for a in parts for i in a.loose)
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            lead = f"(?:(?:{self.lead_ins.pattern})[\\s,]+)*" if self.lead_ins else ""
            self._regex = re.compile(f"^[\\W_]*{lead}(?P<ana>{self.phrases.pattern})", re.IGNORECASE)
        return self._regex

    def match(self, text: str) -> re.Match[str] | _Hit | None:
        if self.plain and text.isascii():
            # Most sentences are ASCII and open with no such word: decide that at once.
            first = _OPENING_WORD.match(text)
            if first is None:
                return None
            word = first.group(1).lower()
            if word not in self._first_words and not word.startswith(self._loose_words):
                return None
        folded = _folded(text)
        if folded is None or not self.plain:
            return self.regex.match(text)
        first = _ALNUM.search(text)
        if first is None:
            return None
        return self._at(text, folded, first.start())

    def _at(self, text: str, folded: str, pos: int) -> _Hit | None:
        end = len(text)
        if self.lead_ins is not None:
            for i in self.lead_ins.candidates_at(folded, pos):
                e = self.lead_ins.phrases[i].match_at(text, folded, pos, end)
                if e < 0:
                    continue
                r = e
                while r < end and (text[r].isspace() or text[r] == ","):
                    r += 1
                if r > e:
                    hit = self._at(text, folded, r)
                    if hit is not None:
                        return hit
        for i in self.phrases.candidates_at(folded, pos):
            e = self.phrases.phrases[i].match_at(text, folded, pos, end)
            if e >= 0:
                return _Hit(text, pos, e)
        return None


class _PhraseSet:
    """Phrases matched as whole words, each mapped to a payload.

    A trie over lower-case word tokens proposes the phrases that could start at each word
    of a text, longest first; the phrase itself (``_Phrase.match_at``, or its regex where
    needed) then confirms the match: spacing and hyphens, exact case where asked, a plural
    or possessive ending. Scanning is a set lookup per word instead of trying every phrase
    at every position, and a text none of whose words can start a phrase costs one set
    test. Phrases that do not start with a word go to an ``_Alternation``.
    """

    def __init__(self, items: Sequence[tuple[str, bool, Any]], *, inflect: bool, what: str):
        self.inflect = inflect
        self.index: dict[str, Any] = {}
        self.trie: dict[str, Any] = {}
        self._specs: dict[str, tuple[str, bool]] = {}  # key -> (text, case_sensitive)
        fallback: dict[str, _Phrase] = {}
        for text, case_sensitive, payload in items:
            key = _norm(text)
            if not key:
                continue
            if key in self.index:
                if self.index[key] != payload:
                    raise LexiconError(
                        f"{what} {text!r} is used twice: for {_describe(self.index[key])} "
                        f"and for {_describe(payload)}",
                        _where(payload),
                    )
                continue
            self.index[key] = payload
            words = _tokens(text)
            stripped = text.strip()
            if not words or not _is_word(stripped[0]):
                fallback[key] = _phrase(text, case_sensitive, inflect)
                continue
            node = self.trie
            for w in words:
                node = node.setdefault(w, {})
            node.setdefault("", []).append((len(key), key))
            self._specs[key] = (text, case_sensitive)
        ordered = sorted(fallback, key=lambda k: (-len(k), k))
        self.fallback = _Alternation([fallback[k] for k in ordered]) if ordered else None
        # The words a phrase can start at: the trie's first words and, with inflection, their
        # plural and possessive forms (exactly the words ``_inflected`` maps back to them).
        suffixes = ("", *_SUFFIXES) if inflect else ("",)
        self._heads = frozenset(w + s for w in self.trie for s in suffixes)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, Any]]:
        """Non-overlapping matches (start, end, text, payload), left to right, the longest
        phrase winning at each word."""
        found = list(self._scan(text))
        if self.fallback is not None:
            for m in self.fallback.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e, _, _ in found):
                    key = _norm(m.group())
                    if key in self.index:
                        found.append((m.start(), m.end(), m.group(), self.index[key]))
            found.sort(key=lambda f: f[0])
        return iter(found)

    def could_match(self, words: tuple[str, ...]) -> bool:
        """False when no phrase can occur in a text whose ``_words`` are ``words`` (none of
        them can start one), at the cost of a set test; True does not mean one does."""
        return self.fallback is not None or not self._heads.isdisjoint(words)

    def search(self, text: str) -> bool:
        """Whether any phrase occurs in ``text`` (stops at the first)."""
        if next(self._scan(text), None) is not None:
            return True
        return self.fallback is not None and self.fallback.search(text) is not None

    def _scan(self, text: str) -> Iterator[tuple[int, int, str, Any]]:
        words = _words(text)
        heads = self._heads
        if heads.isdisjoint(words):
            return
        starts = _word_starts(text)
        folded = _folded(text)
        trie, inflect = self.trie, self.inflect
        taken = 0
        for i, head in enumerate(words):
            if head not in heads or starts[i] < taken:
                continue
            start = starts[i]
            candidates: list[tuple[int, str]] = []
            node = trie
            for j in range(i, len(words)):
                word = words[j]
                for variant in _inflected(word) if inflect else (word,):
                    child = node.get(variant)
                    if child is not None and "" in child:
                        candidates.extend(child[""])
                node = node.get(word)
                if node is None:
                    break
            if len(candidates) > 1:
                candidates.sort(key=lambda c: -c[0])  # longest first (stable)
            for _, key in candidates:
                phrase = _phrase(*self._specs[key], inflect)
                if folded is not None and phrase.plain:
                    end = phrase.match_at(text, folded, start, len(text))
                else:
                    m = phrase.regex.match(text, start)
                    end = m.end() if m else -1
                if end >= 0:
                    yield start, end, text[start:end], self.index[key]
                    taken = end
                    break


def _where(payload: Any) -> tuple[str, ...]:
    if isinstance(payload, _Alias):
        return (f"{payload.kind}s", payload.id)
    if isinstance(payload, tuple) and len(payload) == 2:
        return ("qualifiers", payload[0], "values", payload[1])
    return ()


def _describe(payload: Any) -> str:
    if isinstance(payload, _Alias):
        return f"{payload.kind} {payload.id!r}"
    if isinstance(payload, tuple):
        return "=".join(str(p) for p in payload)
    return repr(payload)


# The extractor's own records are plain classes with slots rather than dataclasses: they
# are made often, and creating a dataclass costs about half a millisecond at import.


class _Alias:
    """What an alias names: ``kind`` ("subject" or "effect"), the entry ``id`` and the
    qualifiers the alias ``implies``. Equal when all three are."""

    __slots__ = ("kind", "id", "implies")

    def __init__(self, kind: str, id: str, implies: FrozenMap):
        self.kind, self.id, self.implies = kind, id, implies

    def _key(self) -> tuple[str, str, FrozenMap]:
        return (self.kind, self.id, self.implies)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, _Alias) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"_Alias(kind={self.kind!r}, id={self.id!r}, implies={self.implies!r})"


# --------------------------------------------------------------------------------------
# Lexicon

_EXTENSION_KEYS = ("subjects", "effects", "qualifiers")


def _merge_lexicon(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(extra) - set(_EXTENSION_KEYS))
    if unknown:
        raise LexiconError(
            f"a lexicon extension may hold only {', '.join(_EXTENSION_KEYS)}; not {', '.join(unknown)}",
            (unknown[0],),
        )
    out = copy.deepcopy(dict(base))
    for kind in ("subjects", "effects"):
        for entry_id, entry in (extra.get(kind) or {}).items():
            current = out[kind].get(entry_id)
            if current is None:
                out[kind][entry_id] = copy.deepcopy(dict(entry))
                continue
            if "label" in entry:
                current["label"] = entry["label"]
            current["aliases"] = list(current["aliases"]) + [
                a for a in entry.get("aliases", []) if a not in current["aliases"]
            ]
    for dim, spec in (extra.get("qualifiers") or {}).items():
        current = out["qualifiers"].setdefault(dim, {"values": {}})
        if "label" in spec:
            current["label"] = spec["label"]
        for value, vspec in spec.get("values", {}).items():
            cv = current["values"].get(value)
            if cv is None:
                current["values"][value] = copy.deepcopy(dict(vspec))
                continue
            cv["words"] = list(cv["words"]) + [w for w in vspec.get("words", []) if w not in cv["words"]]
            for flag in ("covered_when_unstated", "near_subject"):
                if flag in vspec:
                    cv[flag] = vspec[flag]
    return out


class ClaimLexicon:
    """The compiled claims lexicon: its phrase indexes are built once here (a phrase's
    regex, where one is needed, on first use), so build one lexicon and reuse it for every
    document.

    ``subjects``/``effects`` map ids to display labels; ``dimensions`` maps each qualifier
    dimension to its values in lexicon order.
    """

    def __init__(self, raw: Mapping[str, Any]):
        self._raw = raw
        self.subjects: dict[str, str] = {
            i: e.get("label", i.replace("_", " ")) for i, e in raw["subjects"].items()
        }
        self.effects: dict[str, str] = {
            i: e.get("label", i.replace("_", " ")) for i, e in raw["effects"].items()
        }
        self.dimension_labels: dict[str, str] = {
            d: s.get("label", d.replace("_", " ")) for d, s in raw["qualifiers"].items()
        }
        self.dimensions: dict[str, tuple[str, ...]] = {
            d: tuple(s["values"]) for d, s in raw["qualifiers"].items()
        }
        self.uncovered: frozenset[tuple[str, str]] = frozenset(
            (d, v)
            for d, s in raw["qualifiers"].items()
            for v, vs in s["values"].items()
            if vs.get("covered_when_unstated", True) is False
        )
        self._near_subject: frozenset[tuple[str, str]] = frozenset(
            (d, v)
            for d, s in raw["qualifiers"].items()
            for v, vs in s["values"].items()
            if vs.get("near_subject", False)
        )

        alias_items: list[tuple[str, bool, Any]] = []
        subject_items: list[tuple[str, bool, Any]] = []
        for kind, table in (("subject", raw["subjects"]), ("effect", raw["effects"])):
            for entry_id, entry in table.items():
                for alias in entry["aliases"]:
                    text, cs = _item_text(alias)
                    implies = {} if isinstance(alias, str) else dict(alias.get("implies", {}))
                    for dim, value in implies.items():
                        if value not in self.dimensions.get(dim, ()):
                            raise LexiconError(
                                f"{kind} {entry_id!r}: alias {text!r} implies {dim}={value}, "
                                f"which is not a qualifier value",
                                (f"{kind}s", entry_id),
                            )
                    payload = _Alias(kind, entry_id, FrozenMap(implies))
                    alias_items.append((text, cs, payload))
                    if kind == "subject":
                        subject_items.append((text, cs, payload))
        self._mentions = _PhraseSet(alias_items, inflect=True, what="alias")
        # Cheap pre-check: an effect mention starts with a word that begins like the first
        # word of its alias (first five letters); a sentence with none makes no claim.
        self._effect_prefixes = frozenset(
            variant[:5]
            for text, _, p in alias_items if p.kind == "effect"
            for first in _tokens(text)[:1]
            for variant in (first, *_inflected(first))
        )
        self._subject_probe = _PhraseSet(subject_items, inflect=True, what="alias")

        qual_items = [
            (*_item_text(w), (d, v))
            for d, s in raw["qualifiers"].items()
            for v, vs in s["values"].items()
            for w in vs["words"]
        ]
        self._qualifiers = _PhraseSet(qual_items, inflect=True, what="qualifier word")
        self._qualifier_tokens = frozenset(
            t for text, _, _ in qual_items for t in _tokens(text)
        )

        cues = raw["relations"]["causes"]
        cue_items = [
            (phrase, False, direction)
            for direction in ("forward", "backward", "either", "between", "side_effect")
            for phrase in cues[direction]
        ]
        self._cues = _PhraseSet(cue_items, inflect=False, what="relation cue")
        self._linkers = _Alternation.of(cues["side_effect_linkers"])

        neg = raw["negation"]
        self._neg_words = frozenset(_norm(w) for w in neg["words"])
        self._neg_suffixes = tuple(_norm(s) for s in neg["contraction_suffixes"])
        self._softeners = frozenset(_norm(w) for w in neg["softeners"])
        self._only_words = frozenset(_norm(w) for w in neg["only_words"])
        self._neg_prefix = _Alternation.of(neg["prefixes"])
        self._skip = frozenset(_norm(w) for w in raw["skip_words"])
        self._rare = _Alternation.of(raw["rare"])
        self._hedges = _Alternation.of(raw["hedges"])
        self._non_assertion = _Alternation.of(raw["non_assertion"])
        self._conditionals = _Alternation.of(raw["conditionals"])
        self._exceptions = _Alternation.of(raw["exceptions"])
        self._scope_softeners = _Alternation.of(raw["scope_softeners"])
        self._boundaries = _Alternation.of(raw["boundaries"])
        self._breakers = frozenset(_norm(w) for w in raw["clause_breakers"])
        self._followers = frozenset(_norm(w) for w in raw["coordination_followers"])
        self._effect_stops = frozenset(_norm(w) for w in raw["effect_gap_stops"])
        self._subject_nouns = frozenset(_norm(w) for w in raw["subject_nouns"])
        # A contrast phrase and the rest of its phrase: "unlike injections", ", not B12".
        self._contrast = _Alternation.of(raw["contrast"], tail_stops=",;.()\n")
        ana = raw["anaphora"]
        lead_ins = _Alternation.of(ana["lead_ins"])
        phrases = _Alternation.of(ana["phrases"])
        self._anaphor = _Opening(phrases, lead_ins) if phrases else None
        self._myth_heading = _Alternation.of(raw["myths"]["heading_words"])
        prefixes = _Alternation.of(raw["myths"]["sentence_prefixes"])
        self._myth_prefix = _Opening(prefixes) if prefixes else None

        self._rare_tokens = frozenset(
            t for p in raw["rare"] for t in _tokens(_item_text(p)[0])
        )
        self._hedge_tokens = frozenset(
            t for p in raw["hedges"] for t in _tokens(_item_text(p)[0])
        )
        # Words that may stand between two pieces of one claim without changing who does what.
        self._benign = (
            self._skip | self._neg_words | self._softeners | self._only_words | self._rare_tokens
            | self._hedge_tokens | self._followers | self._qualifier_tokens | self._subject_nouns
        )
        self._heading_cache: dict[tuple[tuple[str, ...], str], dict[str, str]] = {}

    @classmethod
    def default(cls) -> ClaimLexicon:
        """The shipped starter lexicon (``medlint.data.lexicon("claims")``), compiled once."""
        return _default_lexicon()

    def extended(self, extra: Mapping[str, Any]) -> ClaimLexicon:
        """A new lexicon with a registry's ``lexicon:`` block merged in: new subjects, effects
        and qualifier values are added; an existing id gains the new aliases or words."""
        merged = _merge_lexicon(self._raw, extra)
        try:
            data.validate(merged, "claims-lexicon", "lexicon extension")
        except DataError as exc:
            raise LexiconError(str(exc).removeprefix("lexicon extension: ")) from None
        return ClaimLexicon(merged)

    def dimension_alternatives(self, dim: str, value: str) -> str:
        """``value`` and the first other value of ``dim``, in lexicon order: "oral or injection"."""
        values = [v for v in self.dimensions.get(dim, ()) if (dim, v) not in self.uncovered]
        other = next((v for v in values if v != value), None)
        if other is None:
            return value
        pair = sorted([other, value], key=lambda v: values.index(v) if v in values else len(values))
        return " or ".join(v.replace("_", " ") for v in pair)

    # -- scanning helpers used by the extractor --------------------------------------------

    def _is_negation(self, token: str) -> bool:
        return token in self._neg_words or token.endswith(self._neg_suffixes)


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> ClaimLexicon:
    raw = data.lexicon("claims")
    try:
        return ClaimLexicon(raw)
    except LexiconError as exc:
        raise DataError(str(data.package_path("data", "lexicons", "claims.yaml")), str(exc)) from None


# --------------------------------------------------------------------------------------
# Extraction


class _Mention:
    """A subject or effect named in a sentence (or, for an anaphor, standing for one)."""

    __slots__ = ("kind", "id", "start", "end", "text", "implies")

    def __init__(self, kind: str, id: str, start: int, end: int, text: str, implies: Mapping[str, str]):
        self.kind, self.id, self.start, self.end, self.text, self.implies = kind, id, start, end, text, implies


class _Antecedent:
    """A subject an anaphor may refer to, with the qualifiers it carries."""

    __slots__ = ("subject", "qualifiers")

    def __init__(self, subject: str, qualifiers: dict[str, str]):
        self.subject, self.qualifiers = subject, qualifiers


class _Context:
    """Subjects an anaphor in the next sentence may refer to: those of the previous
    sentence (``recent``, in text order) and, for an anaphor that names a qualifier
    ("These injections" must find an injection), those of the sentence before it."""

    __slots__ = ("recent", "older")

    def __init__(self, recent: list[_Antecedent], older: list[_Antecedent]):
        self.recent, self.older = recent, older


class _Group:
    """One relation cue with its subject(s) and effect(s); ``left``/``right`` (its stretch
    of the clause) are set by ``_Extractor._assign_windows``."""

    __slots__ = ("subjects", "effects", "cue_start", "cue_end", "segment", "negated", "softened",
                 "carried", "carried_source", "own_start", "left", "right")

    def __init__(
        self, subjects: list[_Mention], effects: list[_Mention], cue_start: int, cue_end: int,
        segment: tuple[int, int], negated: bool, softened: bool, carried: dict[str, str],
        carried_source: str, own_start: int,
    ):
        self.subjects, self.effects = subjects, effects
        self.cue_start, self.cue_end, self.segment = cue_start, cue_end, segment
        self.negated, self.softened = negated, softened
        self.carried, self.carried_source, self.own_start = carried, carried_source, own_start
        self.left = self.right = 0

    @property
    def core_end(self) -> int:
        return max([m.end for m in self.effects] + [m.end for m in self.subjects] + [self.cue_end])


class _Walk:
    """What walking back from a relation cue found: a negation, softened or not."""

    __slots__ = ("negated", "softened")

    def __init__(self, negated: bool = False, softened: bool = False):
        self.negated, self.softened = negated, softened


class _Sentence:
    """Everything found in one sentence; the methods build claim groups from it."""

    def __init__(self, lex: ClaimLexicon, text: str):
        self.lex = lex
        self.text = text
        self.segments = self._segments()
        self.contrast = (
            [(m.start(), m.end()) for m in lex._contrast.finditer(text)] if lex._contrast else []
        )
        mentions = [
            _Mention(p.kind, p.id, s, e, t, p.implies)
            for s, e, t, p in lex._mentions.finditer(text)
            if not self._in_contrast(s, e)
        ]
        self.subjects = [m for m in mentions if m.kind == "subject"]
        self.effects = [m for m in mentions if m.kind == "effect"]
        self.cues = [
            (s, e, d)
            for s, e, _, d in lex._cues.finditer(text)
            if not self._in_contrast(s, e) and not any(m.start < e and s < m.end for m in mentions)
        ]
        self.qualifiers = [
            (s, e, dv)
            for s, e, _, dv in lex._qualifiers.finditer(text)
            if not self._in_contrast(s, e) and not any(m.start < e and s < m.end for m in mentions)
        ]

    # -- layout --------------------------------------------------------------------------

    def _segments(self) -> list[tuple[int, int]]:
        cuts: list[tuple[int, int]] = []
        if self.lex._boundaries:
            for m in self.lex._boundaries.finditer(self.text):
                if _norm(m.group()) == "however" and re.match(r"\s*,", self.text[m.end():]):
                    continue
                cuts.append((m.start(), m.end()))
        segments, pos = [], 0
        for s, e in cuts:
            segments.append((pos, s))
            pos = e
        segments.append((pos, len(self.text)))
        return segments

    def _in_contrast(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.contrast)

    def segment_of(self, pos: int) -> tuple[int, int]:
        for seg in self.segments:
            if seg[0] <= pos <= seg[1]:
                return seg
        return self.segments[-1]

    def _has_mention(self, start: int, end: int, kinds: tuple[str, ...] = ("subject", "effect")) -> bool:
        pools = [self.subjects if k == "subject" else self.effects for k in kinds]
        return any(start <= m.start and m.end <= end for pool in pools for m in pool)

    def _has_cue(self, start: int, end: int) -> bool:
        return any(start <= s and e <= end for s, e, _ in self.cues)

    @staticmethod
    def _strip_parentheticals(gap: str) -> str:
        gap = re.sub(r"\([^()]*\)", " ", gap)
        gap = re.sub(r"[\u2014\u2013][^\u2014\u2013]*[\u2014\u2013]", " ", gap)
        return re.sub(r",[^,]*,", " ", gap)

    # -- negation ------------------------------------------------------------------------

    def walk_back(self, gap: str) -> _Walk:
        """Negation attached to a relation cue: walk back from the cue over skip words."""
        lex = self.lex
        softened = cancelled = False
        for tok in reversed(_tokens(self._strip_parentheticals(gap))):
            if tok in lex._only_words:
                cancelled = True
            elif tok in lex._softeners:
                softened = True
            elif lex._is_negation(tok):
                return _Walk(negated=not cancelled, softened=softened and not cancelled)
            elif tok in lex._skip or tok in lex._hedge_tokens or tok in lex._rare_tokens:
                continue
            else:
                break
        return _Walk()

    def prefix_negated(self, start: int, end: int) -> bool:
        """A clause-level denial ("there is no evidence that") whose clause begins at the
        claim: between the prefix and ``end`` (the claim's first mention) only a few words."""
        rx = self.lex._neg_prefix
        if rx is None:
            return False
        for m in rx.finditer(self.text, start, end):
            if not self._has_mention(m.end(), end) and len(_tokens(self.text[m.end():end])) <= 4:
                return True
        return False

    def not_asserted(self, start: int, cue_start: int) -> bool:
        """A reported, doubted or hypothetical clause between ``start`` and the cue."""
        lex, text = self.lex, self.text
        if lex._non_assertion and lex._non_assertion.search(text, start, cue_start):
            return True
        if lex._conditionals:
            for m in lex._conditionals.finditer(text, start, cue_start):
                if "," not in text[m.end():cue_start]:
                    return True
        return False

    # -- pieces of a claim ---------------------------------------------------------------

    def gap_ok(self, gap_text: str, start: int, end: int, *, limit: int, allowed: frozenset[str] | None) -> bool:
        if self._has_mention(start, end) or self._has_cue(start, end):
            return False
        toks = _tokens(self._strip_parentheticals(gap_text))
        if len(toks) > limit:
            return False
        return allowed is None or all(t in allowed for t in toks)

    def subject_gap_ok(self, s: _Mention, cue_start: int) -> bool:
        """Between a subject and its cue: short, no other claim parts, no new clause."""
        lex = self.lex
        if self._has_mention(s.end, cue_start) or self._has_cue(s.end, cue_start):
            return False
        gap = self.text[s.end:cue_start]
        if len(gap) > 160:
            return False
        toks = _tokens(self._strip_parentheticals(gap))
        if len(toks) > 12:
            return False
        for i, tok in enumerate(toks):
            if tok not in lex._breakers:
                continue
            if tok in ("and", "or"):
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and nxt not in lex._followers and not lex._is_negation(nxt):
                    return False
            elif tok in ("that", "which", "who"):
                prev = toks[i - 1] if i else None
                if prev is not None and prev not in lex._subject_nouns and prev not in lex._qualifier_tokens:
                    return False
            else:
                return False
        return True

    def coordinated_before(self, first: _Mention, left: int) -> tuple[list[_Mention], bool]:
        """Subjects coordinated before ``first`` ("iron and calcium"); and whether "nor" joined them."""
        lex = self.lex
        found, nor = [first], False
        allowed = lex._subject_nouns | lex._qualifier_tokens | {"and", "or", "nor", "neither", "both", "either"}
        while True:
            prev = [m for m in self.subjects if left <= m.start and m.end <= found[0].start]
            if not prev:
                break
            p = prev[-1]
            gap = self.text[p.end:found[0].start]
            toks = _tokens(gap)
            joined = "," in gap or any(t in ("and", "or", "nor") for t in toks)
            if (
                not joined
                or len(toks) > 4
                or not all(t in allowed for t in toks)
                or self._has_mention(p.end, found[0].start, ("effect",))
            ):
                break
            nor = nor or "nor" in toks
            found.insert(0, p)
        if found and any(t == "neither" for t in _tokens(self.text[left:found[0].start])[-2:]):
            nor = True
        return found, nor

    def coordinated_after(self, first: _Mention, right: int) -> list[_Mention]:
        found = [first]
        allowed = self.lex._subject_nouns | self.lex._qualifier_tokens | {"and", "or", "both", "either"}
        for m in self.subjects:
            if m.start < found[-1].end or m.end > right:
                continue
            gap = self.text[found[-1].end:m.start]
            toks = _tokens(gap)
            joined = "," in gap or any(t in ("and", "or") for t in toks)
            if joined and len(toks) <= 4 and all(t in allowed for t in toks):
                found.append(m)
            else:
                break
        return found

    def subject_before(self, cue_start: int, left: int) -> _Mention | None:
        cands = [m for m in self.subjects if left <= m.start and m.end <= cue_start]
        if not cands:
            return None
        s = cands[-1]
        return s if self.subject_gap_ok(s, cue_start) else None

    def subjects_after(self, pos: int, right: int) -> list[_Mention]:
        cands = [m for m in self.subjects if m.start >= pos and m.end <= right]
        if not cands:
            return []
        s = cands[0]
        toks = _tokens(self.text[pos:s.start])
        if len(toks) > 4 or any(t in self.lex._breakers for t in toks) or self._has_mention(pos, s.start, ("effect",)):
            return []
        return self.coordinated_after(s, right)

    def _list_gap(self, gap: str) -> bool:
        """Text between two coordinated effects: separators and at most a short list item."""
        if len(gap) > 60:
            return False
        toks = _tokens(gap)
        joiners = {"and", "or", "plus"}
        has_sep = any(ch in gap for ch in ",/()") or any(t in joiners for t in toks) or "as well as" in gap.lower()
        if not has_sep:
            return False
        words = [t for t in toks if t not in joiners and t not in _LIST_FILLERS]
        return len(words) <= 4 and not any(t in self.lex._effect_stops or self.lex._is_negation(t) for t in words)

    def effects_after(self, pos: int, right: int) -> tuple[list[_Mention], bool]:
        """The effect chain after a cue, and whether "no" opens it ("causes no cramps")."""
        cands = [m for m in self.effects if m.start >= pos and m.end <= right]
        if not cands:
            return [], False
        first = cands[0]
        gap = self.text[pos:first.start]
        toks = _tokens(gap)
        if len(toks) > 4 or any(t in self.lex._effect_stops for t in toks):
            return [], False
        if self._has_mention(pos, first.start, ("subject",)) or self._has_cue(pos, first.start):
            return [], False
        negated = bool(toks) and toks[0] in ("no", "none")
        if any(self.lex._is_negation(t) for t in toks[1:] if t not in ("no",)):
            return [], False
        chain = [first]
        for m in cands[1:]:
            g = self.text[chain[-1].end:m.start]
            if self._has_mention(chain[-1].end, m.start, ("subject",)) or self._has_cue(chain[-1].end, m.start):
                break
            if not self._list_gap(g):
                break
            chain.append(m)
        return chain, negated

    def effects_before(self, pos: int, left: int) -> list[_Mention]:
        cands = [m for m in self.effects if left <= m.start and m.end <= pos]
        if not cands:
            return []
        last = cands[-1]
        if not self.gap_ok(self.text[last.end:pos], last.end, pos, limit=7, allowed=self.lex._benign):
            return []
        chain = [last]
        for m in reversed(cands[:-1]):
            g = self.text[m.end:chain[0].start]
            if self._has_mention(m.end, chain[0].start, ("subject",)) or not self._list_gap(g):
                break
            chain.insert(0, m)
        return chain


def _anaphor_gap_ok(sent: _Sentence, start: int, end: int) -> bool:
    lex = sent.lex
    allowed = lex._benign | {"it", "they", "them", "this", "these"}
    return sent.gap_ok(sent.text[start:end], start, end, limit=8, allowed=allowed)


def _carry_gap_ok(sent: _Sentence, start: int, end: int) -> bool:
    lex = sent.lex
    allowed = lex._benign | {"it", "they", "and", "or"}
    return sent.gap_ok(sent.text[start:end], start, end, limit=6, allowed=allowed)


class _Extractor:
    def __init__(self, lexicon: ClaimLexicon):
        self.lex = lexicon

    # -- per-sentence driver --------------------------------------------------------------

    def run(self, sentences: Sequence[SentenceInput]) -> list[Claim]:
        claims: list[Claim] = []
        ctx: _Context | None = None
        prev_paragraph: int | None = None
        lex = self.lex
        prefixes, probe = lex._effect_prefixes, lex._subject_probe
        openings: dict[int, re.Match[str] | _Hit | None] = {}

        def opening(i: int) -> re.Match[str] | _Hit | None:
            """The anaphor sentence ``i`` opens with (each sentence is matched once)."""
            if i not in openings:
                openings[i] = lex._anaphor.match(sentences[i].text) if lex._anaphor else None
            return openings[i]

        for index, s in enumerate(sentences):
            if s.paragraph != prev_paragraph:
                ctx = None
            prev_paragraph = s.paragraph
            if s.quoted:
                ctx = None
                continue
            words = _words(s.text)
            if not probe.could_match(words) and not (ctx and opening(index)):
                # Names no subject and does not continue ``ctx`` through an anaphor:
                # ``sentence`` would give ([], None).
                ctx = None
                continue
            # An effect mention starts with a word that begins like the first word of its
            # alias (first five letters): a sentence with none names no effect.
            if prefixes.isdisjoint(map(_FIRST5, words)) and not self._anaphor_ahead(sentences, index, opening):
                # No effect named: no claim here, and a context is only ever read by an
                # anaphor in the next two sentences of the paragraph; there is none.
                ctx = None
                continue
            found, ctx = self.sentence(index, s, ctx, opening(index))
            claims.extend(found)
        return claims

    @staticmethod
    def _anaphor_ahead(
        sentences: Sequence[SentenceInput], index: int, opening: Callable[[int], object]
    ) -> bool:
        """Whether one of the next two sentences of the paragraph opens with an anaphor."""
        paragraph = sentences[index].paragraph
        for i in range(index + 1, min(index + 3, len(sentences))):
            if sentences[i].paragraph != paragraph:
                return False
            if opening(i):
                return True
        return False

    def sentence(
        self, index: int, s: SentenceInput, ctx: _Context | None, anaphor: re.Match[str] | _Hit | None
    ) -> tuple[list[Claim], _Context | None]:
        lex, text = self.lex, s.text
        if not lex._subject_probe.search(text) and not (anaphor and ctx):
            return [], None
        sent = _Sentence(lex, text)
        if not sent.subjects and not (anaphor and ctx):
            return [], None
        if self._is_question(sent) or (lex._myth_prefix and lex._myth_prefix.match(text)):
            return [], self._next_context(sent, anaphor, ctx, {})
        groups = self._groups(sent, anaphor, ctx) if sent.cues and sent.effects else []
        if not groups:
            return [], self._next_context(sent, anaphor, ctx, {})
        self._assign_windows(sent, groups)
        myth_section = any(lex._myth_heading and lex._myth_heading.search(h) for h in s.headings)
        claims: list[Claim] = []
        seen: set[tuple[Any, ...]] = set()
        antecedents: dict[int, _Antecedent] = {}
        for g in groups:
            stance, certainty = self._stance(sent, g)
            if stance == "negative" and self._partial_denial(sent, g):
                continue
            for subj in g.subjects:
                quals, sources = self._qualifiers(sent, g, subj, s.headings)
                antecedents[subj.start] = _Antecedent(
                    subj.id, {d: v for d, v in quals.items() if sources[d] != "heading"}
                )
                if myth_section and stance != "negative":
                    continue
                for eff in _unique_effects(g.effects):
                    key = (subj.id, eff.id, stance, tuple(sorted(quals.items())))
                    if key in seen:
                        continue
                    seen.add(key)
                    claims.append(
                        Claim(
                            sentence=index,
                            start=min(subj.start, eff.start),
                            end=max(subj.end, eff.end),
                            subject=subj.id,
                            effect=eff.id,
                            subject_text=subj.text,
                            effect_text=eff.text,
                            relation=RELATION,
                            stance=stance,
                            certainty=certainty,
                            qualifiers=FrozenMap(quals),
                            qualifier_sources=FrozenMap(sources),
                        )
                    )
        return claims, self._next_context(sent, anaphor, ctx, antecedents)

    @staticmethod
    def _is_question(sent: _Sentence) -> bool:
        text = _TRAILER.sub("", sent.text)
        if text.endswith("?"):
            return True
        toks = _TOKEN.match(text.lstrip(" \t\"'\u201c\u2018*_([\ufffc"))
        if not toks or toks.group().lower() not in {
            "does", "do", "did", "can", "could", "will", "would", "is", "are", "might", "may", "should"
        }:
            return False
        first_subject = min((m.start for m in sent.subjects), default=None)
        first_cue = min((c[0] for c in sent.cues), default=None)
        return first_subject is not None and (first_cue is None or first_subject < first_cue)

    def _next_context(
        self, sent: _Sentence, anaphor: re.Match[str] | None, ctx: _Context | None,
        from_claims: dict[int, _Antecedent],
    ) -> _Context | None:
        """The antecedents this sentence offers the next one: every subject it mentions, with
        the qualifiers of its claim or, failing one, the words of its clause."""
        found: dict[int, _Antecedent] = {}
        for m in sent.subjects:
            seg = sent.segment_of(m.start)
            quals = dict(m.implies)
            quals.update(self._nearest_words(sent, seg[0], seg[1], m.start, m.end, [m]))
            found[m.start] = _Antecedent(m.id, quals)
        found.update(from_claims)
        if not found:
            ante = self._resolve(sent, anaphor, ctx)
            if ante is not None:
                found[0] = ante
        if not found:
            return None
        return _Context([found[k] for k in sorted(found)], ctx.recent if ctx else [])

    @staticmethod
    def _resolve(sent: _Sentence, anaphor: re.Match[str] | None, ctx: _Context | None) -> _Antecedent | None:
        """What a sentence-opening anaphor refers to: the last subject of the previous sentence;
        for an anaphor naming a qualifier ("these injections"), the latest subject of the two
        previous sentences with that qualifier, or nothing."""
        if anaphor is None or ctx is None:
            return None
        a_start, a_end = anaphor.span("ana")
        typed = {dim: value for s, e, (dim, value) in sent.qualifiers if a_start <= s and e <= a_end}
        if not typed:
            return ctx.recent[-1] if ctx.recent else None
        for ante in [*reversed(ctx.recent), *reversed(ctx.older)]:
            if all(ante.qualifiers.get(d) == v for d, v in typed.items()):
                return ante
        return None

    # -- groups ----------------------------------------------------------------------------

    def _groups(self, sent: _Sentence, anaphor: re.Match[str] | None, ctx: _Context | None) -> list[_Group]:
        groups: list[_Group] = []
        for cue_start, cue_end, direction in sent.cues:
            seg = sent.segment_of(cue_start)
            if cue_end > seg[1]:
                continue
            prev = [g for g in groups if g.segment == seg]
            left = max([seg[0]] + [g.core_end for g in prev if g.core_end <= cue_start])
            if sent.not_asserted(left, cue_start):
                continue
            group: _Group | None = None
            if direction in ("forward", "either"):
                group = self._forward(sent, cue_start, cue_end, seg, left, groups, anaphor, ctx)
            if group is None and direction in ("backward", "either"):
                group = self._backward(sent, cue_start, cue_end, seg, left)
            if direction == "between":
                group = self._between(sent, cue_start, cue_end, seg, left)
            elif direction == "side_effect":
                group = self._side_effect(sent, cue_start, cue_end, seg, left)
            if group is not None:
                groups.append(group)
        return groups

    def _forward(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int,
        groups: list[_Group], anaphor: re.Match[str] | None, ctx: _Context | None,
    ) -> _Group | None:
        """subject ... cue ... effect; the subject may be carried (see ``_carried_subject``)."""
        effects, post_neg = sent.effects_after(cue_end, seg[1])
        if not effects:
            return None
        carried: dict[str, str] = {}
        carried_source = "sentence"
        subj = sent.subject_before(cue_start, left)
        if subj is not None:
            subjects, nor = sent.coordinated_before(subj, left)
            walk = sent.walk_back(sent.text[subj.end:cue_start])
            own_start = subjects[0].start
            if sent.prefix_negated(left, subjects[0].start):
                walk.negated = not walk.negated
            if nor:
                walk.negated = True
            ante = self._resolve(sent, anaphor, ctx)
            if ante and ante.subject == subj.id and anaphor.end("ana") <= subjects[0].start and seg[0] == 0:
                carried, carried_source = dict(ante.qualifiers), "anaphor"
        else:
            found = self._carried_subject(sent, cue_start, seg, groups, anaphor, ctx)
            if found is None:
                return None
            subjects, carried, carried_source, gap_start, own_start = found
            walk = sent.walk_back(sent.text[gap_start:cue_start])
            if sent.prefix_negated(left, cue_start):
                walk.negated = not walk.negated
        if post_neg:
            walk.negated = not walk.negated
        return _Group(subjects, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                      carried, carried_source, own_start)

    def _carried_subject(
        self, sent: _Sentence, cue_start: int, seg: tuple[int, int], groups: list[_Group],
        anaphor: re.Match[str] | None, ctx: _Context | None,
    ) -> tuple[list[_Mention], dict[str, str], str, int, int] | None:
        """A subject the clause does not name: shared with the previous verb phrase ("iron can
        cause nausea and may lead to constipation"), the previous clause ("..., but it can
        cause acne") or, through an anaphor, the previous sentence ("These injections can ...")."""
        same_segment = [g for g in groups if g.segment == seg and g.core_end <= cue_start]
        if same_segment:
            g = same_segment[-1]
            gap = sent.text[g.core_end:cue_start]
            toks = _tokens(gap)
            if toks and toks[0] in ("and", "or") and _carry_gap_ok(sent, g.core_end, cue_start):
                return g.subjects, self._group_sentence_quals(sent, g, cue_start), "sentence", g.core_end, cue_start
            return None
        earlier = [g for g in groups if g.segment[1] <= seg[0]]
        if seg[0] > 0 and _carry_gap_ok(sent, seg[0], cue_start):
            if earlier:
                g = earlier[-1]
                return g.subjects, self._group_sentence_quals(sent, g, g.segment[1]), "sentence", seg[0], cue_start
            prior = [m for m in sent.subjects if m.end <= seg[0]]
            if prior:
                m = prior[-1]
                pseg = sent.segment_of(m.start)
                quals = dict(m.implies)
                quals.update(self._nearest_words(sent, pseg[0], pseg[1], m.start, m.end, [m]))
                return [m], quals, "sentence", seg[0], cue_start
            return None
        ante = self._resolve(sent, anaphor, ctx)
        if ante is not None and seg[0] == 0:
            a_start, a_end = anaphor.span("ana")
            if a_end <= cue_start and _anaphor_gap_ok(sent, a_end, cue_start):
                pseudo = _Mention("subject", ante.subject, a_start, a_end, anaphor.group("ana"), FrozenMap())
                return [pseudo], dict(ante.qualifiers), "anaphor", a_end, a_start
        return None

    def _group_sentence_quals(self, sent: _Sentence, g: _Group, right: int) -> dict[str, str]:
        """The sentence-level qualifiers of an earlier group, for a clause that shares its subject."""
        quals = dict(g.carried)
        if g.subjects:
            quals.update(g.subjects[0].implies)
        core_start = min([m.start for m in g.effects] + [g.own_start])
        quals.update(self._nearest_words(sent, g.segment[0], right, core_start, g.core_end, g.subjects))
        return quals

    def _backward(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int
    ) -> _Group | None:
        """effect ... cue ... subject: "cramps caused by B12"."""
        effects = sent.effects_before(cue_start, left)
        if not effects:
            return None
        subjects = sent.subjects_after(cue_end, seg[1])
        if not subjects:
            return None
        walk = sent.walk_back(sent.text[effects[-1].end:cue_start])
        if sent.prefix_negated(left, effects[0].start):
            walk.negated = not walk.negated
        return _Group(subjects, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                      {}, "sentence", effects[0].start)

    def _between(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int
    ) -> _Group | None:
        """cue ... subject and effect (either order): "no link between B12 and cramps"."""
        mentions = sorted(
            (m for m in sent.subjects + sent.effects if m.start >= cue_end and m.end <= seg[1]),
            key=lambda m: m.start,
        )
        if len(mentions) < 2:
            return None
        a = mentions[0]
        b = next((m for m in mentions[1:] if m.kind != a.kind), None)
        if b is None:
            return None
        head = _tokens(sent.text[cue_end:a.start])
        mid = sent.text[a.end:b.start]
        mid_toks = _tokens(mid)
        if len(head) > 3 or "and" not in mid_toks or len(mid_toks) > 5:
            return None
        if any(m.start >= a.end and m.end <= b.start for m in mentions):
            return None
        subj, eff = (a, b) if a.kind == "subject" else (b, a)
        walk = sent.walk_back(sent.text[left:cue_start])
        if sent.prefix_negated(left, cue_start):
            walk.negated = not walk.negated
        return _Group([subj], [eff], cue_start, cue_end, seg, walk.negated, walk.softened,
                      {}, "sentence", cue_start)

    def _side_effect(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int
    ) -> _Group | None:
        """Side-effect wording: "Y is a side effect of X", "side effects of X include Y"."""
        text = sent.text
        of = re.match(r"\s+(?:of|from|with)\s+", text[cue_end:seg[1]])
        subj_after: list[_Mention] = []
        if of:
            pos = cue_end + of.end()
            found = sent.subjects_after(pos, seg[1])
            if found and len(_tokens(text[pos:found[0].start])) <= 2:
                subj_after = found
        # "Y is a (common) side effect of X"
        effects = sent.effects_before(cue_start, left)
        if effects and subj_after:
            walk = sent.walk_back(text[effects[-1].end:cue_start])
            if sent.prefix_negated(left, effects[0].start):
                walk.negated = not walk.negated
            return _Group(subj_after, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                          {}, "sentence", effects[0].start)
        # "side effects of X include Y" / "X's side effects include Y"
        if subj_after:
            subjects, start_pos, walk = subj_after, subj_after[-1].end, sent.walk_back(text[left:cue_start])
            own_start = cue_start
        else:
            subj = next((m for m in reversed(sent.subjects) if left <= m.start and m.end <= cue_start), None)
            if subj is None or not sent.gap_ok(text[subj.end:cue_start], subj.end, cue_start, limit=4, allowed=None):
                return None
            if any(t in self.lex._breakers for t in _tokens(text[subj.end:cue_start])):
                return None
            subjects, _ = sent.coordinated_before(subj, left)
            start_pos, walk = cue_end, sent.walk_back(text[subj.end:cue_start])
            own_start = subjects[0].start
        linker = self.lex._linkers.search(text, start_pos, seg[1]) if self.lex._linkers else None
        if linker is None or len(_tokens(text[start_pos:linker.start()])) > 3:
            return None
        effects, post_neg = sent.effects_after(linker.end(), seg[1])
        if not effects:
            return None
        if any(self.lex._is_negation(t) for t in _tokens(text[start_pos:linker.end()])) or post_neg:
            walk.negated = not walk.negated
        if sent.prefix_negated(left, own_start):
            walk.negated = not walk.negated
        return _Group(subjects, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                      {}, "sentence", own_start)

    # -- windows, stance, qualifiers -----------------------------------------------------

    @staticmethod
    def _assign_windows(sent: _Sentence, groups: list[_Group]) -> None:
        """Each group's stretch of its clause: qualifier and stance cues are looked up there,
        so two claims in one clause do not borrow each other's words."""
        by_segment: dict[tuple[int, int], list[_Group]] = defaultdict(list)
        for g in groups:
            by_segment[g.segment].append(g)
        for seg, gs in by_segment.items():
            gs.sort(key=lambda g: g.own_start)
            for i, g in enumerate(gs):
                g.left = seg[0] if i == 0 else max(seg[0], min(gs[i - 1].core_end, g.own_start))
                g.right = seg[1] if i == len(gs) - 1 else max(g.core_end, gs[i + 1].own_start)

    def _stance(self, sent: _Sentence, g: _Group) -> tuple[str, str]:
        lex, text = self.lex, sent.text
        if g.negated:
            softened = g.softened or bool(
                lex._scope_softeners and lex._scope_softeners.search(text, g.left, g.right)
            )
            stance = "rare" if softened else "negative"
        elif lex._rare and any(
            not sent._in_contrast(m.start(), m.end()) for m in lex._rare.finditer(text, g.left, g.right)
        ):
            stance = "rare"
        else:
            stance = "positive"
        certainty = "certain"
        if lex._hedges:
            hedge_end = max(g.cue_end, min(m.start for m in g.effects), g.left)
            for m in lex._hedges.finditer(text, g.left, hedge_end):
                if _norm(m.group()) == "can" and re.match(r"['\u2019]t\b|\s*not\b", text[m.end():]):
                    continue
                certainty = "possible"
                break
        return stance, certainty

    def _partial_denial(self, sent: _Sentence, g: _Group) -> bool:
        """A negative claim limited after its cue by an exception, or by a condition that
        names no qualifier: its real scope cannot be represented, so it is no claim."""
        lex, text = self.lex, sent.text
        if lex._exceptions and lex._exceptions.search(text, g.cue_end, g.right):
            return True
        if lex._conditionals:
            for m in lex._conditionals.finditer(text, g.cue_end, g.right):
                if not any(s >= m.end() and e <= g.right for s, e, _ in sent.qualifiers):
                    return True
        return False

    def _nearest_words(
        self, sent: _Sentence, left: int, right: int, core_start: int, core_end: int,
        subjects: Sequence[_Mention],
    ) -> dict[str, str]:
        """Per dimension, the qualifier word in ``[left, right)`` nearest the claim's core."""
        best: dict[str, tuple[int, int, str]] = {}
        for s, e, (dim, value) in sent.qualifiers:
            if s < left or e > right:
                continue
            if (dim, value) in self.lex._near_subject and not any(
                len(_tokens(sent.text[min(e, m.end):max(s, m.start)])) <= 2 for m in subjects
            ):
                continue
            distance = 0 if (s >= core_start and e <= core_end) else min(abs(core_start - e), abs(s - core_end))
            if dim not in best or (distance, s) < best[dim][:2]:
                best[dim] = (distance, s, value)
        return {d: v for d, (_, _, v) in best.items()}

    def _qualifiers(
        self, sent: _Sentence, g: _Group, subj: _Mention, headings: tuple[str, ...]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """(qualifiers, where each came from) for one subject of a group: headings, then what
        an anaphor or shared subject carries, then the mention itself, then the clause."""
        quals: dict[str, str] = {}
        sources: dict[str, str] = {}
        for dim, value in self._heading_qualifiers(headings, subj.id).items():
            quals[dim], sources[dim] = value, "heading"
        for dim, value in g.carried.items():
            quals[dim], sources[dim] = value, g.carried_source
        for dim, value in subj.implies.items():
            quals[dim], sources[dim] = value, "sentence"
        core_start = min([m.start for m in g.effects] + [g.own_start])
        for dim, value in self._nearest_words(sent, g.left, g.right, core_start, g.core_end, [subj]).items():
            quals[dim], sources[dim] = value, "sentence"
        return quals, sources

    def _heading_qualifiers(self, headings: tuple[str, ...], subject: str) -> dict[str, str]:
        """Qualifiers the enclosing headings lend a claim about ``subject``, inner headings
        winning. A heading that names only other subjects lends nothing, nor does a dimension
        a heading gives two values ("Oral vs injected B12")."""
        key = (headings, subject)
        cached = self.lex._heading_cache.get(key)
        if cached is not None:
            return cached
        quals: dict[str, str] = {}
        for heading in headings:
            sent = _Sentence(self.lex, heading)
            if sent.subjects and subject not in {m.id for m in sent.subjects}:
                continue
            values: dict[str, set[str]] = defaultdict(set)
            for m in sent.subjects:
                if m.id == subject:
                    for dim, value in m.implies.items():
                        values[dim].add(value)
            own = [m for m in sent.subjects if m.id == subject]
            for start, end, (dim, value) in sent.qualifiers:
                if (dim, value) in self.lex._near_subject and not any(
                    len(_tokens(heading[min(end, m.end):max(start, m.start)])) <= 2 for m in own
                ):
                    continue
                values[dim].add(value)
            for dim, vs in values.items():
                if len(vs) == 1:
                    quals[dim] = next(iter(vs))
        if len(self.lex._heading_cache) < 4096:
            self.lex._heading_cache[key] = quals
        return quals


def _unique_effects(effects: list[_Mention]) -> list[_Mention]:
    seen: set[str] = set()
    out = []
    for m in effects:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out


def extract_claims(sentences: Sequence[SentenceInput], lexicon: ClaimLexicon | None = None) -> list[Claim]:
    """Every causal claim in ``sentences``, in sentence order; one sentence can give several
    ("B12 injections can rarely cause hypokalemia and cramps" gives two)."""
    return _Extractor(lexicon or ClaimLexicon.default()).run(sentences)


# --------------------------------------------------------------------------------------
# Consistency


def _covers(negative: Mapping[str, str], other: Mapping[str, str], lex: ClaimLexicon) -> bool:
    """Whether a negative claim with qualifiers ``negative`` speaks about every case that
    ``other`` does (SPEC §9)."""
    if any(other.get(d) != v for d, v in negative.items()):
        return False
    return not any(d not in negative and (d, v) in lex.uncovered for d, v in other.items())


def _state_hint(negative: Mapping[str, str], positive: Mapping[str, str], lex: ClaimLexicon) -> str | None:
    missing = [d for d in positive if d not in negative]
    if not missing:
        return None
    parts = [
        f"{lex.dimension_labels.get(d, d.replace('_', ' '))} ({lex.dimension_alternatives(d, positive[d])})"
        for d in missing
    ]
    return "state the " + " and the ".join(parts)


def _order(c: Claim) -> tuple[int, int, int]:
    return (c.sentence, c.start, c.end)


def find_contradictions(
    claims: Sequence[Claim], lexicon: ClaimLexicon | None = None
) -> list[tuple[Claim, Claim, str]]:
    """Pairs (earlier, later, hint) of claims that contradict: same subject, relation and
    effect, one negative and the other positive or rare, the negative's scope covering the
    other's. The hint names the qualifier that would separate them ("state the route (oral
    or injection)"). Claims from the same sentence are not paired.

    ``lexicon`` (default: the starter lexicon) gives the dimension labels and values used in
    hints and the values an unstated dimension does not cover; pass the lexicon the claims
    were extracted with."""
    lex = lexicon or ClaimLexicon.default()
    by_key: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=_order):
        by_key[(c.subject, c.relation, c.effect)].append(c)
    found: list[tuple[Claim, Claim, str]] = []
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.sentence == b.sentence:
                    continue
                if a.stance == "negative" and b.stance != "negative":
                    neg, pos = a, b
                elif b.stance == "negative" and a.stance != "negative":
                    neg, pos = b, a
                else:
                    continue
                if _covers(neg.qualifiers, pos.qualifiers, lex):
                    hint = _state_hint(neg.qualifiers, pos.qualifiers, lex) or (
                        "both claims are about the same case: correct one of them, or state the "
                        "route, dose or population each one is about"
                    )
                    found.append((a, b, hint))
    found.sort(key=lambda t: (_order(t[1]), _order(t[0])))
    return found


def _describe_scope(quals: Mapping[str, str]) -> str:
    return ", ".join(f"{d} {v.replace('_', ' ')}" for d, v in sorted(quals.items()))


def registry_conflicts(
    claims: Sequence[Claim], entries: Sequence[RegistryEntry], lexicon: ClaimLexicon | None = None
) -> list[tuple[Claim, RegistryEntry, str]]:
    """Pairs (claim, entry, hint) where an article claim contradicts a registry entry under
    the same rule as ``find_contradictions``, in either direction: a negative claim whose
    scope covers a positive or rare entry, or a positive or rare claim inside the scope of a
    negative entry. Pass the lexicon ``load_registry`` returned."""
    lex = lexicon or ClaimLexicon.default()
    index: dict[tuple[str, str], list[RegistryEntry]] = defaultdict(list)
    for e in entries:
        index[(e.subject, e.effect)].append(e)
    found: list[tuple[Claim, RegistryEntry, str]] = []
    for c in sorted(claims, key=_order):
        if c.relation != RELATION:
            continue
        for e in index.get((c.subject, c.effect), ()):
            if c.stance == "negative" and e.stance != "negative":
                if not _covers(c.qualifiers, e.qualifiers, lex):
                    continue
                hint = _state_hint(c.qualifiers, e.qualifiers, lex) or (
                    f"the registry says it does ({e.source}): correct the claim, or state the "
                    "route, dose or population it is about"
                )
            elif c.stance != "negative" and e.stance == "negative":
                if not _covers(e.qualifiers, c.qualifiers, lex):
                    continue
                if e.qualifiers:
                    hint = (
                        f"the registry says it does not for {_describe_scope(e.qualifiers)} "
                        f"({e.source}): state a different "
                        + " or ".join(lex.dimension_labels.get(d, d) for d in sorted(e.qualifiers))
                        + " if the claim is about another case"
                    )
                else:
                    hint = (
                        f"the registry says it does not ({e.source}): correct the claim, or cite "
                        "a source and update the registry"
                    )
            else:
                continue
            found.append((c, e, hint))
    return found


# --------------------------------------------------------------------------------------
# Registry files


def _node_at(root: yaml.Node | None, path: Sequence[Any], *, key: bool = False) -> yaml.Node | None:
    """The node at ``path`` (mapping keys and sequence indexes); with ``key``, the key node
    when the last step is a mapping key. Stops at the deepest node that exists."""
    node = root
    for i, part in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                return node
            node = pair[0] if key and i == len(path) - 1 else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _check_duplicate_keys(node: yaml.Node | None, path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    raise DataError(path, f"duplicate key {k.value!r}", _line(k))
                seen.add(k.value)
            _check_duplicate_keys(v, path)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _check_duplicate_keys(v, path)


def _validate_registry(doc: Any, root: yaml.Node | None, path: str) -> None:
    import jsonschema

    schema = data.schema("claim-registry")
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(
        validator.iter_errors(doc), key=lambda e: (len(e.absolute_path), [str(p) for p in e.absolute_path])
    )
    if errors:
        err = errors[-1] if errors[-1].absolute_path else errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise DataError(path, f"{where}: {err.message}", _line(_node_at(root, list(err.absolute_path))) or 1)


def _registry_files(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            files.append(p)
    return files


def load_registry(
    paths: Sequence[str | Path], lexicon: ClaimLexicon
) -> tuple[list[RegistryEntry], ClaimLexicon]:
    """Read claim-registry files (a folder stands for its ``*.yaml``/``*.yml`` files).

    Returns the entries and ``lexicon`` extended with every file's ``lexicon:`` block. A bad
    file — invalid YAML, failing ``schemas/claim-registry.schema.json``, naming a subject,
    effect or qualifier the lexicon does not know, or reusing an id — raises ``DataError``
    naming the file and line.
    """
    docs: list[tuple[str, dict[str, Any], yaml.Node | None]] = []
    for file in _registry_files(paths):
        path = str(file)
        doc = data.load_yaml_file(file)
        root = yaml.compose(file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        if doc is None:
            raise DataError(path, "empty claim registry: expected a mapping with a `claims:` list", 1)
        _check_duplicate_keys(root, path)
        _validate_registry(doc, root, path)
        docs.append((path, doc, root))

    lex = lexicon
    for path, doc, root in docs:
        if "lexicon" in doc:
            try:
                lex = lex.extended(doc["lexicon"])
            except LexiconError as exc:
                node = _node_at(root, ["lexicon", *exc.where], key=True)
                raise DataError(path, f"lexicon: {exc}", _line(node)) from None

    entries: list[RegistryEntry] = []
    first_seen: dict[str, str] = {}
    for path, doc, root in docs:
        for i, item in enumerate(doc["claims"]):
            at = ["claims", i]
            line = _line(_node_at(root, at)) or 1

            def fail(message: str, *sub: Any) -> None:
                raise DataError(path, f"claims/{i} ({item['id']}): {message}",
                                _line(_node_at(root, at + list(sub))) or line)

            if item["id"] in first_seen:
                fail(f"duplicate claim id (first defined at {first_seen[item['id']]})", "id")
            if item["subject"] not in lex.subjects:
                fail(f"unknown subject {item['subject']!r}: use a lexicon id or add it under "
                     "`lexicon: subjects:`", "subject")
            if item["effect"] not in lex.effects:
                fail(f"unknown effect {item['effect']!r}: use a lexicon id or add it under "
                     "`lexicon: effects:`", "effect")
            for dim, value in (item.get("qualifiers") or {}).items():
                if dim not in lex.dimensions:
                    fail(f"unknown qualifier dimension {dim!r} (known: {', '.join(lex.dimensions)})", "qualifiers", dim)
                if value not in lex.dimensions[dim]:
                    fail(f"unknown {dim} value {value!r} (known: {', '.join(lex.dimensions[dim])})", "qualifiers", dim)
            first_seen[item["id"]] = f"{path}:{line}"
            entries.append(
                RegistryEntry(
                    id=item["id"],
                    subject=item["subject"],
                    effect=item["effect"],
                    stance=item["stance"],
                    qualifiers=FrozenMap(item.get("qualifiers") or {}),
                    source=item["source"],
                    path=path,
                    line=line,
                    note=item.get("note"),
                )
            )
    return entries, lex
