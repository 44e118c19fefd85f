"""Phrase matching for the claims lexicon: whole-word, case-insensitive phrases with any
run of spaces and hyphens between words, either apostrophe, optional plural/possessive
endings, matched by string comparison on the lower-cased text (a regex only where the two
could differ). ``_PhraseSet`` indexes a whole table of phrases (aliases, qualifier words,
relation cues); ``_Alternation`` and ``_Opening`` are the small lists (negation prefixes,
hedges, anaphora).

Why this is not ``medlint.language.lexicon``'s phrase regex: the claims lexicon is large
(hundreds of aliases, each inflected) and is read on every sentence of every article;
compiling its phrases as regexes took most of its load time, so it matches them without
regexes and keeps the regex (``_phrase_regex``) as the definition it must agree with
(tests/test_claims.py checks the two against each other)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from .model import _Alias, LexiconError

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


class _Deferred(Protocol):
    """Phrases a ``_PhraseSet`` indexes only once a text holds their first word."""

    def starting(self, word: str) -> Sequence[tuple[str, str]] | None:
        """The (text, payload id) of the phrases whose first word is ``word``."""

    def words(self) -> Iterable[str]:
        """Every first word."""

    def payload(self, payload_id: str) -> Any:
        """The payload a phrase stands for."""


class _KeyWords:
    """Words a text must hold for one of a set of phrases to occur in it, tested with a
    set operation or two (``may_hold``): a one-word phrase's word; both of the two
    longest words of a longer phrase (the longest words are the least common, as a rule).
    A phrase is matched on the text's words (``_PhraseSet._scan`` walks its trie word by
    word), each as written but for the last, which may carry an ending (``suffixes``): so
    each key word is looked for as written or, for the phrase's last word, with those
    endings. A text that fails the test holds none of the phrases."""

    def __init__(self, suffixes: tuple[str, ...]):
        self.suffixes = suffixes
        self.single: set[str] = set()  # the words of one-word phrases
        self.pairs: dict[str, set[str]] = {}  # a longer phrase's longest word -> its second
        self.firsts: set[str] = set()  # both of the above: the one test most texts fail
        self._pending: list[str] = []  # one-word phrases not in ``single`` yet (in bulk is faster)

    def add(self, words: Sequence[str]) -> None:
        """Add the phrase whose word tokens are ``words``."""
        suffixes, last = self.suffixes, len(words) - 1
        if not last:
            self._pending.append(words[0])
            return
        # The two longest words, the later of two as long first.
        first, second = (last, last - 1) if len(words[last]) >= len(words[last - 1]) else (last - 1, last)
        for k in range(last - 2, -1, -1):
            if len(words[k]) > len(words[first]):
                first, second = k, first
            elif len(words[k]) > len(words[second]):
                second = k
        forms = [words[first] + s for s in suffixes] if first == last else [words[first]]
        seconds = [words[second] + s for s in suffixes] if second == last else [words[second]]
        for word in forms:
            self.pairs.setdefault(word, set()).update(seconds)
        self.firsts.update(forms)

    def may_hold(self, words: Sequence[str]) -> bool:
        """Whether a text whose ``_words`` are ``words`` holds the key words of a phrase."""
        if self._pending:
            forms = {word + s for word in self._pending for s in self.suffixes}
            self.single |= forms
            self.firsts |= forms
            self._pending.clear()
        if self.firsts.isdisjoint(words):
            return False
        if not self.single.isdisjoint(words):
            return True
        pairs = self.pairs
        return any(not pairs[w].isdisjoint(words) for w in words if w in pairs)


class _PhraseSet:
    """Phrases matched as whole words, each mapped to a payload.

    A trie over lower-case word tokens proposes the phrases that could start at each word
    of a text, longest first; the phrase itself (``_Phrase.match_at``, or its regex where
    needed) then confirms the match: spacing and hyphens, exact case where asked, a plural
    or possessive ending. Scanning is a set lookup per word instead of trying every phrase
    at every position, and a text none of whose words can start a phrase costs one set
    test. Phrases that do not start with a word go to an ``_Alternation``.
    """

    def __init__(
        self, items: Sequence[tuple[str, bool, Any]], *, inflect: bool, what: str,
        deferred: _Deferred | None = None, keyed: Callable[[Any], str | None] | None = None,
    ):
        self.inflect = inflect
        self.index: dict[str, Any] = {}
        self.trie: dict[str, Any] = {}
        self._specs: dict[str, tuple[str, bool]] = {}  # key -> (text, case_sensitive)
        self._suffixes = ("", *_SUFFIXES) if inflect else ("",)
        # For ``could_match``: the key words of the phrases, grouped by ``keyed(payload)``
        # (a phrase it maps to None is in no group).
        self._keyed = keyed
        self._key_words: dict[str, _KeyWords] = {}
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
            stripped = text.strip()
            if not _is_word(stripped[0]):
                self.index[key] = payload
                fallback[key] = _phrase(text, case_sensitive, inflect)
                continue
            self._add(key, text, case_sensitive, payload)
        ordered = sorted(fallback, key=lambda k: (-len(k), k))
        self.fallback = _Alternation([fallback[k] for k in ordered]) if ordered else None
        # The words a phrase can start at: the trie's first words and, with inflection, their
        # plural and possessive forms (exactly the words ``_inflected`` maps back to them).
        self._heads = {w + s for w in self.trie for s in self._suffixes}
        # Phrases added to the trie only when a text holds their first word (a large
        # vocabulary is mostly never named: indexing it all would cost more than a whole
        # article's scan). Case-insensitive; a key already indexed keeps its payload.
        # ``_taken``: the first words done.
        self._deferred = deferred
        self._taken: set[str] = set()
        self._seen: set[str] = set()  # words of texts already looked up
        self._last_words: Sequence[str] | None = None

    def _add(self, key: str, text: str, case_sensitive: bool, payload: Any) -> None:
        self.index[key] = payload
        node = self.trie
        words = _tokens(text)
        for w in words:
            node = node.setdefault(w, {})
        node.setdefault("", []).append((len(key), key))
        self._specs[key] = (text, case_sensitive)
        group = self._keyed(payload) if self._keyed is not None else None
        if group is not None:
            if group not in self._key_words:
                self._key_words[group] = _KeyWords(self._suffixes)
            self._key_words[group].add(words)

    def _take_pending(self, words: Sequence[str]) -> None:
        """Index the deferred phrases whose first word is one of ``words`` (or the stem of
        one)."""
        if words is self._last_words:
            return  # the same text again (``_words`` caches its tuple)
        self._last_words = words
        if self._seen.issuperset(words):
            return  # the usual case: every word of the text has been seen before
        new = set(words).difference(self._seen)
        deferred, taken = self._deferred, self._taken
        assert deferred is not None
        self._seen.update(new)
        for word in new:
            for head in _inflected(word) if self.inflect else (word,):
                if head in taken:
                    continue
                taken.add(head)
                found = deferred.starting(head)
                if not found:
                    continue
                for text, payload_id in found:
                    key = _norm(text)
                    if key not in self.index:
                        self._add(key, text, False, deferred.payload(payload_id))
                self._heads.update(head + s for s in self._suffixes)

    def take_all_pending(self) -> None:
        """Index every deferred phrase now (for checks over the whole vocabulary)."""
        if self._deferred is not None:
            self._take_pending(list(self._deferred.words()))

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

    def could_match(self, words: tuple[str, ...], group: str = "") -> bool:
        """False when no phrase of ``group`` (see ``keyed``) can occur in a text whose
        ``_words`` are ``words`` (it lacks the key words of each, ``_KeyWords``), at the
        cost of a set test or two; True does not mean one does."""
        if self._deferred is not None and not self._seen.issuperset(words):
            self._take_pending(words)
        if self.fallback is not None:
            return True
        key_words = self._key_words.get(group)
        return key_words is not None and key_words.may_hold(words)

    def search(self, text: str) -> bool:
        """Whether any phrase occurs in ``text`` (stops at the first)."""
        if next(self._scan(text), None) is not None:
            return True
        return self.fallback is not None and self.fallback.search(text) is not None

    def _scan(self, text: str) -> Iterator[tuple[int, int, str, Any]]:
        words = _words(text)
        if self._deferred is not None:
            self._take_pending(words)
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
