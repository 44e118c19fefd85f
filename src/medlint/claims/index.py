"""The claims of a library, indexed so that what contradicts one claim is found at a
cost that does not grow with the number of articles.

Claims are kept in **buckets** of claims the comparison cannot tell apart: same
subject, relation, effect, stance and qualifiers (``consistency.contradiction`` reads
nothing else). Two buckets are compared once, with one claim of each, and the verdict
holds for every pair of their claims; so a library where 5,000 articles say "ibuprofen
can cause stomach upset" and 300 say it does not costs one comparison, not 1.5 million.
Buckets are found by key (subject, relation, effect): a claim is compared only with
the buckets under its own subject and, since a claim about a class covers its members
(SPEC §9), under each class its subject belongs to (``ClaimRecord.classes``), and with
the buckets of the members of its subject when that is a class.

The records are ``claim_config.ClaimRecord``s (anything with their fields); the index
never reads files. ``add``/``remove`` keep it current one article at a time (an editor
changes one file), and the verdicts between buckets are remembered until a bucket
appears or disappears.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .consistency import contradiction
from .lexicon import ClaimLexicon

Signature = tuple[str, str, str, str, tuple[tuple[str, str], ...]]  # subject, relation, effect, stance, qualifiers
Key = tuple[str, str, str]  # subject (or class), relation, effect


def signature(record: Any) -> Signature:
    return (record.subject, record.relation, record.effect, record.stance, tuple(sorted(record.qualifiers.items())))


def _order(record: Any) -> tuple[str, int, int]:
    return (record.path, record.line, record.column)


def _classes(record: Any) -> tuple[str, ...]:
    return tuple(record.classes)


class _Bucket:
    __slots__ = ("records", "per_path", "ordered")

    def __init__(self) -> None:
        self.records: list[Any] = []
        self.per_path: Counter[str] = Counter()
        self.ordered = True

    def sorted(self) -> list[Any]:
        if not self.ordered:
            self.records.sort(key=_order)
            self.ordered = True
        return self.records


@dataclass
class Conflicts:
    """The claims that contradict one claim: how many, and the first ones (by path,
    line, column) on demand, each with the hint that would separate it from the claim."""

    count: int
    _buckets: list[tuple[_Bucket, str]] = field(repr=False)
    _skip: Any = field(repr=False)  # record -> bool: not counted (same article, same sentence)

    def __bool__(self) -> bool:
        return self.count > 0

    def first(self, n: int) -> list[tuple[Any, str]]:
        """The first ``n`` contradicting claims with their hints."""
        streams = [((_order(r), i, r, hint) for r in bucket.sorted()) for i, (bucket, hint) in
                   enumerate(self._buckets)]
        out: list[tuple[Any, str]] = []
        for _, _, record, hint in heapq.merge(*streams):
            if self._skip(record):
                continue
            out.append((record, hint))
            if len(out) == n:
                break
        return out


class ClaimIndex:
    """A library's claims, by bucket (see the module docstring)."""

    def __init__(self, lexicon: ClaimLexicon | None = None):
        self.lexicon = lexicon or ClaimLexicon.default()
        self._buckets: dict[Signature, _Bucket] = {}
        # key -> (signatures whose subject is the key, signatures whose subject is a member of it)
        self._by_key: dict[Key, tuple[set[Signature], set[Signature]]] = defaultdict(lambda: (set(), set()))
        self._by_path: dict[str, list[Any]] = {}
        self._matches: dict[Signature, list[tuple[Signature, str]]] = {}

    def __len__(self) -> int:
        return sum(len(records) for records in self._by_path.values())

    @property
    def paths(self) -> list[str]:
        return sorted(self._by_path)

    def claims_of(self, path: str) -> list[Any]:
        return list(self._by_path.get(path, ()))

    def records(self) -> Iterator[Any]:
        """Every claim, by path, line and column."""
        for path in sorted(self._by_path):
            yield from sorted(self._by_path[path], key=_order)

    def add(self, records: Iterable[Any]) -> None:
        for record in records:
            sig = signature(record)
            bucket = self._buckets.get(sig)
            if bucket is None:
                bucket = self._buckets[sig] = _Bucket()
                self._file(sig, record, add=True)
            bucket.records.append(record)
            bucket.ordered = False
            bucket.per_path[record.path] += 1
            self._by_path.setdefault(record.path, []).append(record)

    def remove(self, path: str) -> None:
        """Forget the claims of one article."""
        for record in self._by_path.pop(path, ()):
            sig = signature(record)
            bucket = self._buckets.get(sig)
            if bucket is None or not bucket.per_path[record.path]:
                continue
            bucket.records = [r for r in bucket.records if r.path != path]
            del bucket.per_path[path]
            if not bucket.records:
                del self._buckets[sig]
                self._file(sig, record, add=False)

    def replace(self, path: str, records: Iterable[Any]) -> None:
        """The claims of article ``path`` are now ``records``."""
        self.remove(path)
        self.add(records)

    def _file(self, sig: Signature, record: Any, *, add: bool) -> None:
        subject, relation, effect = sig[:3]
        places = [self._by_key[(subject, relation, effect)][0]]
        places += [self._by_key[(cls, relation, effect)][1] for cls in _classes(record)]
        for place in places:
            if add:
                place.add(sig)
            else:
                place.discard(sig)
        self._matches.clear()  # a bucket appeared or went: verdicts are recomputed as needed

    def _matching(self, sig: Signature, record: Any) -> list[tuple[Signature, str]]:
        """The buckets that contradict bucket ``sig``, with the hint, in a stable order."""
        found = self._matches.get(sig)
        if found is None:
            subject, relation, effect = sig[:3]
            own, members = self._by_key.get((subject, relation, effect), (set(), set()))
            candidates = set(own) | members
            for cls in _classes(record):
                candidates |= self._by_key.get((cls, relation, effect), (set(), set()))[0]
            found = []
            for other in sorted(candidates - {sig}):
                hint = contradiction(record, self._buckets[other].records[0], self.lexicon)
                if hint is not None:
                    found.append((other, hint))
            self._matches[sig] = found
        return found

    def conflicts(self, record: Any, *, within: bool = False) -> Conflicts:
        """The claims that contradict ``record``: in other articles, and with ``within``
        also in its own article (never from its own sentence)."""
        matched = [(self._buckets[sig], hint) for sig, hint in self._matching(signature(record), record)]
        count = sum(len(b.records) - b.per_path[record.path] for b, _ in matched)
        path = record.path
        if within:
            same = [r for b, _ in matched for r in b.records if r.path == path and r.sentence != record.sentence]
            count += len(same)

            def skip(r: Any) -> bool:
                return r.path == path and r.sentence == record.sentence
        else:

            def skip(r: Any) -> bool:
                return r.path == path
        return Conflicts(count, matched, skip)

    def groups(self) -> dict[Key, list[Any]]:
        """The claims by (subject, relation, effect), each group by path, line, column."""
        out: dict[Key, list[Any]] = defaultdict(list)
        for record in self.records():
            out[(record.subject, record.relation, record.effect)].append(record)
        return dict(sorted(out.items()))


class RegistryIndex(Sequence[Any]):
    """A claim registry's entries (``RegistryEntry``, in file order), found by the
    claims that could contradict them: by (subject, relation, effect), and for a claim
    about a class, by the classes of the entries' subjects. A lookup costs the entries
    it returns, not the size of the registry (100,000 entries: issue #19 item 18).
    Built once per registry (``claim_config.lexicon_and_registry``)."""

    def __init__(self, entries: Iterable[Any], lexicon: ClaimLexicon):
        self._entries = tuple(entries)
        self._classes_of = lexicon.classes_of
        self._by_subject: dict[Key, list[int]] = defaultdict(list)
        self._by_class: dict[Key, list[int]] = defaultdict(list)  # a class's key: its members' entries
        for i, entry in enumerate(self._entries):
            self._by_subject[(entry.subject, entry.relation, entry.effect)].append(i)
            for cls in lexicon.classes_of(entry.subject):
                self._by_class[(cls, entry.relation, entry.effect)].append(i)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, i: Any) -> Any:
        return self._entries[i]

    def candidates(self, claim: Any) -> list[Any]:
        """The entries ``consistency.contradiction`` could find ``claim`` contradicting,
        in registry order: a negative claim covers entries about its subject and, when
        that is a class, about its members; any other claim is covered by entries about
        its subject or one of its classes."""
        relation, effect = claim.relation, claim.effect
        if claim.stance == "negative":
            found = [self._by_subject.get((claim.subject, relation, effect), ()),
                     self._by_class.get((claim.subject, relation, effect), ())]
        else:
            found = [self._by_subject.get((subject, relation, effect), ())
                     for subject in (claim.subject, *self._classes_of(claim.subject))]
        return [self._entries[i] for i in sorted({i for positions in found for i in positions})]
