"""The lexicon toolkit every analyser uses: loading and caching lexicons, and building
whole-word and phrase regexes from their word lists.

Loading and caching
    ``LexiconCache`` is the one way an analyser holds its lexicon: the shipped lexicon
    (``data/lexicons/<name>.yaml``, read by ``medlint.data.lexicon``) is compiled once, on
    first use; a caller's lexicon ``dict`` is validated against the lexicon's JSON Schema
    and compiled once per object (``IdentityCache``); an already compiled lexicon is used
    as it is. A team's extension file is merged and validated by
    ``medlint.data.extended_lexicon`` (cached per path), and the result passed in as a dict.
    Shipped patterns are compiled joined only (``compile_pattern``): the test suite checks
    each of them (tests/test_lexicons.py), so start-up does not.

Regexes
    ``compile_pattern`` joins a lexicon's regular expressions into one case-insensitive
    regex; ``whole_word`` wraps an alternation so that it matches only whole words;
    ``first_letter_alternation`` writes a long list of literal words as an alternation
    that ``re`` tries quickly.

Literal scans
    ``LiteralScan`` finds which of many literal strings occur in a text in one pass (an
    Aho–Corasick automaton, ``ahocorasick_rs``), with the meaning of ``t in text`` for
    each: the trigger test of a lexicon's entries done once per sentence for all of
    them (``medlint.language.matches``: one scan shared by every shipped lexicon). Built
    once per distinct set of literals per process (``literal_scan``).

Regexes are compiled when first used: an entry's patterns when one of its triggers
occurs (``LazyPattern``), a lexicon's joined patterns when an analyser first reads them
(``LazyRegex``, from ``compile_pattern``). Compiling is most of what loading a lexicon
costs, and a short run needs few of them.

Two analysers keep their own phrase conventions, for reasons their modules give: the
claims lexicon (``medlint.claims.phrases``: phrases matched without regexes, a hyphen
being a separator between words) and the stop-taking lexicon
(``medlint.language.stop_taking.lexicon``: inflected verbs, a hyphen that may be left
out). The stop-taking analyser also takes a lexicon mapping without validating it again
(``find_unqualified_stop_advice`` never raises on odd input; its rule passes the
validated ``extended_lexicon``), so it uses ``IdentityCache`` directly.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from medlint.data import DataError, lexicon as load_default_lexicon, validate

__all__ = ["IdentityCache", "LazyPattern", "LazyRegex", "LexiconCache", "LiteralScan", "compile_pattern",
           "first_letter_alternation", "join_patterns", "literal_scan", "shipped_lexicon", "whole_word"]

C = TypeVar("C")


class IdentityCache(Generic[C]):
    """Compiled forms keyed by the identity of what they were compiled from (a lexicon
    mapping is treated as immutable once passed in). The key object is held with its
    compiled form, so its id cannot be reused while the entry lives; the oldest entry goes
    when ``limit`` are held."""

    def __init__(self, compile_fn: Callable[[Any], C], limit: int = 16):
        self.compile_fn = compile_fn
        self.limit = limit
        self._entries: dict[int, tuple[Any, C]] = {}

    def get(self, key: Any) -> C:
        hit = self._entries.get(id(key))
        if hit is not None and hit[0] is key:
            return hit[1]
        compiled = self.compile_fn(key)
        self.put(key, compiled)
        return compiled

    def put(self, key: Any, compiled: C) -> None:
        if len(self._entries) >= self.limit:
            self._entries.pop(next(iter(self._entries)))
        self._entries[id(key)] = (key, compiled)


# True while a shipped lexicon is compiled: its patterns are checked one by one by the
# test suite (tests/test_lexicons.py), so start-up compiles each of them only once, joined.
_SHIPPED: contextvars.ContextVar[bool] = contextvars.ContextVar("shipped_lexicon", default=False)


class LexiconCache(Generic[C]):
    """Compiled forms of lexicon ``name``: the shipped default once, and caller-supplied
    ones keyed by identity.

    ``lexicon`` arguments of the analysers accept ``None`` (the shipped lexicon), a
    lexicon ``dict`` (validated against the lexicon's schema, then compiled) or an
    already compiled object. ``compile_fn(data, path)`` compiles validated data; ``path``
    is ``<name>.yaml`` for the shipped lexicon and ``<name lexicon>`` for a caller's.
    ``load_fn(name)`` reads the shipped lexicon's data (default ``medlint.data.lexicon``,
    its YAML file; the claims lexicon reads a compiled form of it)."""

    _MAX_CUSTOM = 16

    def __init__(self, name: str, compiled_type: type[C],
                 compile_fn: Callable[[dict[str, Any], str], C],
                 load_fn: Callable[[str], Any] | None = None):
        self.name = name
        self.compiled_type = compiled_type
        self.compile_fn = compile_fn
        self.load_fn = load_fn or load_default_lexicon
        self._default: C | None = None
        self._custom: IdentityCache[C] = IdentityCache(self._compile_custom, self._MAX_CUSTOM)

    def get(self, lexicon: Any = None) -> C:
        if lexicon is None:
            if self._default is None:
                token = _SHIPPED.set(True)
                try:
                    self._default = self.compile_fn(self.load_fn(self.name), f"{self.name}.yaml")
                finally:
                    _SHIPPED.reset(token)
            return self._default
        if isinstance(lexicon, self.compiled_type):
            return lexicon
        return self._custom.get(lexicon)

    def _compile_custom(self, lexicon: Any) -> C:
        path = f"<{self.name} lexicon>"
        validate(lexicon, f"{self.name}-lexicon", path)
        return self.compile_fn(lexicon, path)


def shipped_lexicon() -> bool:
    """Whether a shipped lexicon is being compiled (its data files are validated by the
    test suite, so compiling it need not validate them again)."""
    return _SHIPPED.get()


def compile_pattern(patterns: Sequence[str], where: str, path: str) -> re.Pattern[str] | None:
    """One case-insensitive regex matching any of ``patterns`` (``None`` for none),
    compiled when first used (a ``LazyRegex``, used as the ``re.Pattern`` it stands for).

    An invalid pattern is a ``DataError`` naming the lexicon path of the pattern. Each
    pattern of a team's lexicon is compiled on its own first: one with an unbalanced
    group could otherwise pair up with its neighbour in the joined regex."""
    source = join_patterns(patterns, where, path)
    return None if source is None else LazyRegex(source)  # type: ignore[return-value]


def join_patterns(patterns: Sequence[str], where: str, path: str) -> str | None:
    """The source of ``compile_pattern``'s regex, checked but not compiled (a ``LazyPattern``
    compiles it when first used)."""
    if not patterns:
        return None
    shipped = _SHIPPED.get()
    for i, p in enumerate(patterns):
        if shipped:
            break
        try:
            re.compile(p)
        except re.error as exc:
            raise DataError(path, f"{where}/{i}: invalid regular expression: {exc}") from None
    return "|".join(f"(?:{p})" for p in patterns)


class LazyPattern:
    """A case-insensitive regex compiled when first used: most lexicon entries are never
    triggered in a short run, and compiling a long pattern costs more than using it."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.IGNORECASE)
        return self._compiled


class LazyRegex:
    """A case-insensitive regex compiled the first time one of its ``re.Pattern``
    methods or attributes is used, then used as that pattern (its bound methods are
    kept on the instance, so later calls cost what the pattern's own do). A short run
    uses few of a lexicon's regexes: the absolute-claim lexicon's negation, myth and
    question patterns, say, only for a sentence that holds an absolute phrase."""

    def __init__(self, source: str):
        self.pattern = source

    def __getattr__(self, name: str) -> Any:  # called only for what is not set yet
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, re.IGNORECASE)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                     "scanner", "flags", "groups", "groupindex"):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r})"


def whole_word(alternation: str, *, hyphen: bool = False) -> str:
    """``alternation`` (a regex) matched only as whole words: not preceded or followed by
    a word character (``\\w``), nor, with ``hyphen``, by a hyphen ("stop" is not a whole
    word in "non-stop" then)."""
    if hyphen:
        return r"(?<![\w-])" + alternation + r"(?![\w-])"
    return r"(?<!\w)" + alternation + r"(?!\w)"


def first_letter_alternation(words: list[str]) -> str:
    """A case-insensitive regex alternation of the literal ``words``, which matches what
    ``(?:w1|w2|...)`` matches, but grouped by first letter so that ``re`` need not try
    every word at every position.

    Within a group the words keep their order, and no character can begin words of two
    groups (first letters that ``re`` takes as case variants of each other, like "µ"
    and "μ", share a group), so the first word to match is the same."""
    letters: dict[str, re.Pattern[str]] = {}
    key: dict[str, str] = {}  # a first letter -> the first letter naming its group
    for w in words:
        c = w[0]
        if c not in letters:
            letters[c] = re.compile(re.escape(c), re.IGNORECASE)
            key[c] = next((key[k] for k, rx in letters.items() if k != c
                           and (rx.fullmatch(c) or letters[c].fullmatch(k))), c)
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(key[w[0]], []).append(w)
    alternatives = []
    for ws in groups.values():
        firsts = "".join(sorted({re.escape(w[0]) for w in ws}))
        alternatives.append(f"(?=[{firsts}])(?:" + "|".join(map(re.escape, ws)) + ")")
    return "(?:" + "|".join(alternatives) + ")"


class LiteralScan:
    """Which of ``literals`` occur in a text, found in one pass: ``present(text)`` is
    ``{t for t in literals if t in text}`` (case-sensitive; lower both sides to ignore
    case), in the order of ``literals``. Measured on the bench corpus's sentences with
    the 66 triggers of the evidence and absolute-claim lexicons: ~2 µs a sentence
    against ~11 µs for the substring tests (bench/trigger_scan.py)."""

    def __init__(self, literals: Sequence[str]):
        import ahocorasick_rs  # here: only lexicons that scan literals pay for it

        self.literals = tuple(dict.fromkeys(t for t in literals if t))
        self._automaton = ahocorasick_rs.AhoCorasick(self.literals) if self.literals else None

    def occurs_in(self, text: str) -> bool:
        """Whether any of the literals occurs in ``text`` (``bool(present(text))``, quicker)."""
        return self._automaton is not None and bool(self._automaton.find_matches_as_indexes(text))

    def present(self, text: str) -> list[str]:
        if self._automaton is None:
            return []
        found = {i for i, _, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)}
        return [self.literals[i] for i in sorted(found)]


@functools.lru_cache(maxsize=64)
def literal_scan(literals: tuple[str, ...]) -> LiteralScan:
    """The one LiteralScan of ``literals`` in this process (built on first use)."""
    return LiteralScan(literals)
