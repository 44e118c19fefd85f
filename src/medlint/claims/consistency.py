"""Consistency: claims that contradict each other (``find_contradictions``) or a team's
registry (``registry_conflicts``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from .model import Claim, RegistryEntry, RELATION
from .lexicon import ClaimLexicon


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
