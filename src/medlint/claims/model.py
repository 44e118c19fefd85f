"""The claims analyser's records: what goes in (``SentenceInput``, or a whole article's as
``SentenceInputs``), what comes out (``Claim``), a registry entry (``RegistryEntry``), the
immutable mapping their qualifiers are held in (``FrozenMap``), the lexicon error and what
an alias names (``_Alias``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

RELATION = "causes"  # the relation of a registry entry that names none

STANCES = ("negative", "rare", "positive")


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


class SentenceInputs(Sequence[SentenceInput]):
    """Sentences for ``extract_claims`` held as columns, each ``SentenceInput`` made only
    when asked for (making them all at once, each with a copy of its text, was the peak
    of an 8 MiB article's memory).

    ``items`` are objects with a ``text`` (a Document's sentences, whose text is cut from
    their block when read); ``contexts`` the distinct (headings, paragraph, quoted) of
    the items, and ``context_of`` each item's entry in ``contexts``. The extractor reads
    these columns directly: most sentences are dropped after a look at their words, and
    making an input for each cost more than that look."""

    def __init__(self, items: Sequence[Any], contexts: Sequence[tuple[tuple[str, ...], int, bool]],
                 context_of: Sequence[int]):
        self.items, self.contexts, self.context_of = items, contexts, context_of

    @classmethod
    def of(cls, sentences: Sequence[SentenceInput]) -> SentenceInputs:
        """``sentences`` as columns (itself if it already is)."""
        if isinstance(sentences, SentenceInputs):
            return sentences
        items = list(sentences)
        return cls(items, [(s.headings, s.paragraph, s.quoted) for s in items], range(len(items)))

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, i: int) -> SentenceInput: ...

    @overload
    def __getitem__(self, i: slice) -> list[SentenceInput]: ...

    def __getitem__(self, i: int | slice) -> SentenceInput | list[SentenceInput]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return SentenceInput(self.items[i].text, *self.contexts[self.context_of[i]])

    def __iter__(self) -> Iterator[SentenceInput]:
        # Sequence's own __iter__ calls __getitem__ (and catches IndexError) per item.
        contexts = self.contexts
        for item, context in zip(self.items, self.context_of):
            yield SentenceInput(item.text, *contexts[context])


@dataclass(frozen=True)
class Claim:
    """A claim found in sentence ``sentence`` (an index into the input list).

    ``start``/``end`` span the subject mention and the effect mention inside the sentence
    text (for "cramps caused by B12" the effect comes first). ``subject``/``effect`` are
    lexicon ids; ``subject_text``/``effect_text`` are the words as written (for an anaphor,
    the anaphor: "These injections"); ``relation`` is a relation id of the lexicon ("causes",
    "prevents", ...). ``qualifier_sources`` says where each qualifier came
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
    relation: str = RELATION

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


# The extractor's own records (this one and those in ``sentence``) are plain classes with
# slots rather than dataclasses: they are made often, and creating a dataclass costs about
# half a millisecond at import.


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
