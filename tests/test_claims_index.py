"""The claims index (``claims/index.py``): buckets instead of pairs, kept current per article."""

from __future__ import annotations

from medlint.claim_config import ClaimRecord
from medlint.claims.index import ClaimIndex
from scaling import assert_linear


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
