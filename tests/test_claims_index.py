"""The claims index (``claims/index.py``): buckets instead of pairs, kept current per article."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.claim_config import ClaimRecord
from medlint.claims.index import ClaimIndex
from scaling import assert_linear

ROOT = Path(__file__).resolve().parents[1]


def record(path: str, stance: str, quals: dict[str, str] | None = None, line: int = 1) -> ClaimRecord:
    return ClaimRecord(path, line, 1, line, 10, "iron", "iron", "constipation", "constipation", "causes", stance,
                       "certain", quals or {}, {}, f"{path} {stance}")


def test_index_counts_and_lists_without_pairing_every_claim():
    index = ClaimIndex()
    index.add([record(f"p{i}.md", "positive", {"route": "oral"}) for i in range(1000)])
    index.add([record(f"n{i}.md", "negative") for i in range(400)])
    index.add([record("p0.md", "negative", {"route": "injection"}, line=2)])
    neg = index.claims_of("n0.md")[0]
    found = index.conflicts(neg)
    assert found.count == 1000
    assert [r.path for r, _ in found.first(3)] == ["p0.md", "p1.md", "p10.md"]
    pos = index.claims_of("p5.md")[0]
    assert index.conflicts(pos).count == 400  # the injection negative does not cover oral
    index.remove("n0.md")
    assert index.conflicts(pos).count == 399
    assert index.conflicts(index.claims_of("p0.md")[0], within=False).count == 399


def test_index_pass_grows_linearly_with_the_library():
    def make(n: int):
        records = [record(f"p{i}.md", "positive", {"route": "oral"} if i % 2 else {}) for i in range(n)]
        records += [record(f"n{i}.md", "negative") for i in range(n // 10)]

        def full_pass():
            index = ClaimIndex()
            index.add(records)
            for r in index.records():
                found = index.conflicts(r)
                found.first(5)
        return full_pass

    assert_linear(make, 500, 5000)


def test_a_class_claim_is_compared_with_its_members_and_members_not_with_each_other():
    def claim(path, subject, stance, classes=()):
        return ClaimRecord(path, 1, 1, 1, 10, subject, subject, "chest_pain", "chest pain", "causes", stance,
                           "certain", {}, {}, f"{path} {subject} {stance}", tuple(classes))

    index = ClaimIndex()
    index.add([claim("a.md", "triptans", "negative"), claim("b.md", "sumatriptan", "positive", ["triptans"]),
               claim("c.md", "rizatriptan", "positive", ["triptans"]),
               claim("d.md", "sumatriptan", "negative", ["triptans"])])
    [cls] = index.claims_of("a.md")
    assert [r.path for r, _ in index.conflicts(cls).first(5)] == ["b.md", "c.md"]
    [member] = index.claims_of("b.md")
    assert [r.path for r, _ in index.conflicts(member).first(5)] == ["a.md", "d.md"]
    [other] = index.claims_of("c.md")
    assert [r.path for r, _ in index.conflicts(other).first(5)] == ["a.md"]  # a sumatriptan denial is not about it
    index.remove("a.md")
    assert index.conflicts(other).count == 0


# -- the claim registry (issue #19 item 18) ---------------------------------------------
SENTENCES = ["Triptans do not cause nausea.", "Sumatriptan can cause nausea.", "NSAIDs do not cause stomach bleeding.",
             "Ibuprofen can cause stomach bleeding.", "Oral iron can cause constipation.",
             "Iron supplements do not cause constipation.", "Calcium rarely causes constipation."]


def registry_entries(size: int) -> list:
    """``size`` entries over the subjects and effects of SENTENCES (classes, members and
    the other way round), then over the rest of the lexicon: every stance, some scoped."""
    from medlint.claims import ClaimLexicon, RegistryEntry

    lex = ClaimLexicon.default()
    near = [("triptans", "nausea"), ("sumatriptan", "nausea"), ("nsaids", "stomach_bleeding"),
            ("ibuprofen", "stomach_bleeding"), ("iron", "constipation"), ("calcium", "constipation"),
            ("minerals", "constipation")]
    subjects, effects = sorted(lex.subjects), sorted(lex.effects)
    pairs = [near[i % len(near)] for i in range(len(near) * 6)]
    pairs += [(subjects[i % len(subjects)], effects[(i // len(subjects)) % len(effects)]) for i in range(size - len(pairs))]
    return [RegistryEntry(f"e{i}", subject, effect, ("positive", "negative", "rare")[i % 3],
                          {"route": "oral"} if i % 4 == 1 else {}, "src", "r.yaml", i + 1)
            for i, (subject, effect) in enumerate(pairs[:size])]


def test_registry_lookups_find_what_comparing_every_entry_finds():
    from medlint.claims import ClaimLexicon, SentenceInput, contradiction, extract_claims, registry_conflicts
    from medlint.claims.index import RegistryIndex

    lex = ClaimLexicon.default()
    entries = registry_entries(3000)
    claims = extract_claims([SentenceInput(s) for s in SENTENCES], lex)
    assert len(claims) == len(SENTENCES)
    found = registry_conflicts(claims, RegistryIndex(entries, lex), lex)
    brute = [(c, e) for c in claims for e in entries if contradiction(c, e, lex) is not None]
    assert len(brute) > 10  # classes both ways, stances, scopes
    assert sorted((id(c), e.id) for c, e, _ in found) == sorted((id(c), e.id) for c, e in brute)
    assert found == registry_conflicts(claims, entries, lex)  # a plain list gets an index too


def test_registry_lookup_cost_does_not_grow_with_the_registry():
    """The claims of one article against a registry 20 times larger cost about the
    same: only the entries about their subjects (and classes) are compared."""
    from medlint.claims import ClaimLexicon, SentenceInput, extract_claims, registry_conflicts
    from medlint.claims.index import RegistryIndex
    from scaling import growth

    lex = ClaimLexicon.default()
    claims = extract_claims([SentenceInput(s) for s in SENTENCES], lex)
    indexes = {n: RegistryIndex(registry_entries(n), lex) for n in (2_000, 40_000)}

    def make(n: int):
        return lambda: [registry_conflicts(claims, indexes[n], lex) for _ in range(20)]

    assert growth(make, 2_000, 40_000) < 3  # a scan of every entry costs ~20x


@pytest.mark.slow  # about 8 s: five loads of a 10,000-entry registry
def test_registry_loading_is_linear(tmp_path):
    import sys

    from medlint.claims import ClaimLexicon, load_registry

    sys.path.insert(0, str(ROOT / "bench"))
    from registry import registry_text

    for n in (1_000, 10_000):
        (tmp_path / f"r{n}.yaml").write_text(registry_text(n), encoding="utf-8")
    lex = ClaimLexicon.default()

    def make(n: int):
        return lambda: load_registry([tmp_path / f"r{n}.yaml"], lex)

    assert_linear(make, 1_000, 10_000)
