"""Consistency: claims that contradict each other (``find_contradictions``) or a team's
registry (``registry_conflicts``).

The verdict on a pair is ``contradiction(a, b, lexicon)``: a function of the two claims
(subject, relation, effect, stance, qualifiers) and the lexicon that defines their ids, so
that the same comparison serves one article, a whole library and a registry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol

from .model import Claim, RegistryEntry
from .lexicon import ClaimLexicon


class _Stated(Protocol):
    """What the comparison reads of a claim or a registry entry."""

    subject: str
    relation: str
    effect: str
    stance: str
    qualifiers: Mapping[str, str]


def _covers(negative: Mapping[str, str], other: Mapping[str, str], lex: ClaimLexicon) -> bool:
    """Whether a negative claim with qualifiers ``negative`` speaks about every case that
    ``other`` does (SPEC §9)."""
    if any(other.get(d) != v for d, v in negative.items()):
        return False
    return not any(d not in negative and (d, v) in lex.uncovered for d, v in other.items())


def covering_class(negative_subject: str, other_subject: str, lex: ClaimLexicon) -> str | None:
    """How a negative claim's subject covers another claim's: ``""`` for the same subject,
    the class id when ``other_subject`` is one of its members ("triptans" covers
    sumatriptan), None when it does not (a member never covers its class or another
    member)."""
    if negative_subject == other_subject:
        return ""
    if negative_subject in lex.classes_of(other_subject):
        return negative_subject
    return None


def _separating_dimensions(negative: Mapping[str, str], other: Mapping[str, str], lex: ClaimLexicon) -> list[str]:
    """The qualifier dimensions the other claim states and the negative leaves open, the
    ones that would really separate them first: a value marked ``usual`` in the lexicon
    (oral, standard dose) is what a general statement is about already, so it is named only
    when nothing else separates the two."""
    missing = [d for d in lex.dimensions if d in other and d not in negative]
    marked = [d for d in missing if (d, other[d]) not in lex.usual]
    return marked or missing


def separating_hint(negative: Mapping[str, str], other: Mapping[str, str], lex: ClaimLexicon) -> str | None:
    """"state the dose (standard or high)": the qualifiers that would separate a negative
    claim from the claim it covers, with the other claim's value and an alternative; None
    when both are about the same case."""
    dims = _separating_dimensions(negative, other, lex)
    if not dims:
        return None
    parts = [f"{lex.dimension_labels.get(d, d.replace('_', ' '))} ({lex.dimension_alternatives(d, other[d])})"
             for d in dims]
    return "state the " + " and the ".join(parts)


def _same_case(qualifiers: Mapping[str, str], lex: ClaimLexicon) -> str:
    scope = ", ".join(f"{lex.dimension_labels.get(d, d)} {v.replace('_', ' ')}" for d, v in qualifiers.items())
    return ("both claims are about the same case" + (f" ({scope})" if scope else "")
            + ": correct one of them, or say which case each one is about")


def _class_note(cls: str, member: str, lex: ClaimLexicon) -> str:
    return f"{lex.subjects.get(member, member)} is one of the {lex.subjects.get(cls, cls)}"


def contradiction(a: _Stated, b: _Stated, lexicon: ClaimLexicon | None = None) -> str | None:
    """The hint if claims ``a`` and ``b`` contradict, else None (SPEC §9): same relation
    and effect; one negative, the other positive or rare; the negative's subject is the
    other's or a class the other's belongs to; and the negative's scope covers the
    other's qualifiers. The hint names what would separate them."""
    lex = lexicon or ClaimLexicon.default()
    if a.relation != b.relation or a.effect != b.effect:
        return None
    if a.stance == "negative" and b.stance != "negative":
        neg, pos = a, b
    elif b.stance == "negative" and a.stance != "negative":
        neg, pos = b, a
    else:
        return None
    via = covering_class(neg.subject, pos.subject, lex)
    if via is None or not _covers(neg.qualifiers, pos.qualifiers, lex):
        return None
    hint = separating_hint(neg.qualifiers, pos.qualifiers, lex) or _same_case(pos.qualifiers, lex)
    return f"{_class_note(via, pos.subject, lex)}; {hint}" if via else hint


def _order(c: Claim) -> tuple[int, int, int]:
    return (c.sentence, c.start, c.end)


def find_contradictions(
    claims: Sequence[Claim], lexicon: ClaimLexicon | None = None
) -> list[tuple[Claim, Claim, str]]:
    """Pairs (earlier, later, hint) of claims that contradict (``contradiction``), sorted by
    the later claim. Claims from the same sentence are not paired: a sentence that states
    both sides draws its own contrast.

    ``lexicon`` (default: the starter lexicon) gives the classes, the dimension labels and
    values used in hints and the values an unstated dimension does not cover; pass the
    lexicon the claims were extracted with."""
    lex = lexicon or ClaimLexicon.default()
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=_order):
        by_key[(c.relation, c.effect)].append(c)
    found: list[tuple[Claim, Claim, str]] = []
    for group in by_key.values():
        if len(group) < 2 or not any(c.stance == "negative" for c in group):
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.sentence == b.sentence:
                    continue
                hint = contradiction(a, b, lex)
                if hint is not None:
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
    negative entry. Pass the lexicon ``load_registry`` returned. ``entries`` may be a
    ``index.RegistryIndex`` built once for many calls (else one is built here)."""
    from .index import RegistryIndex

    lex = lexicon or ClaimLexicon.default()
    index = entries if isinstance(entries, RegistryIndex) else RegistryIndex(entries, lex)
    found: list[tuple[Claim, RegistryEntry, str]] = []
    for c in sorted(claims, key=_order):
        for e in index.candidates(c):
            if contradiction(c, e, lex) is None:
                continue
            if c.stance == "negative":
                via = covering_class(c.subject, e.subject, lex)
                hint = separating_hint(c.qualifiers, e.qualifiers, lex) or (
                    f"the registry says it does ({e.source}): correct the claim, or state the "
                    "dose, duration, population, route or form it is about"
                )
                note = _class_note(via, e.subject, lex) if via else ""
            else:
                via = covering_class(e.subject, c.subject, lex)
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
                note = _class_note(via, c.subject, lex) if via else ""
            found.append((c, e, f"{note}; {hint}" if note else hint))
    return found
