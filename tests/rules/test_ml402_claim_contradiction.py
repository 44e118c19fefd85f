import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.rules.clinical.ml402_claim_contradiction import ClaimContradiction
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(ClaimContradiction)

test_claim_contradiction = tester.cases(
    valid=[
        # SPEC §9: the route separates them
        "Excess oral B12 is not a cause of cramps.\n\nB12 injections can rarely cause hypokalemia and cramps.\n",
        # specific negative vs general positive: P may hold elsewhere
        "Oral B12 does not cause cramps.\n\nB12 can cause cramps.\n",
        # rare is not never; rare vs positive is no contradiction
        "B12 rarely causes cramps.\n\nB12 can cause cramps.\n",
        # different values of one dimension
        "Magnesium in food does not cause diarrhea.\n\nMagnesium supplements can cause diarrhea.\n",
        # heading inheritance separates them
        "## Tablets\n\nOral B12 never causes cramps.\n\n## The rare case of B12 injections\n\nB12 can cause cramps.\n",
        # questions and quoted myths are not claims
        "Does B12 cause cramps?\n\nB12 injections can cause cramps.\n",
        "> B12 never causes cramps.\n\nB12 injections can cause cramps.\n",
        # not a causal claim
        "Vitamin D does not prevent colds.\n\nVitamin D can cause nausea at high doses.\n",
        # different effects
        "Iron never causes headaches.\n\nIron can cause constipation.\n",
        # reported speech is not the article's claim
        "Zinc lozenges can cause nausea. People often say zinc never causes nausea, but that is a myth.\n",
        # a quoted myth in a block quote is not a claim (SPEC §12)
        "B12 never causes cramps.\n\n> B12 injections can cause cramps.\n",
    ],
    invalid=[
        Invalid("B12 never causes cramps.\n\n## B12 injections\n\nB12 injections can cause cramps.\n",
                errors=[Expect(5, 1, 5, 32, message_id="contradiction")]),
        # general negative vs heading-qualified positive
        Invalid("B12 is not known to cause cramps.\n\n## Injections\n\nB12 can cause cramps.\n",
                errors=[Expect(5, 1)]),
        # negative vs rare
        Invalid("There is no evidence that magnesium causes diarrhea.\n\nIn rare cases magnesium causes diarrhea.\n",
                errors=[Expect(3, 15)]),
        # dose qualifier on the positive; the negative is general
        Invalid("- Vitamin D does not cause nausea.\n- High doses of vitamin D can cause nausea.\n",
                errors=[Expect(2, 17, 2, 43)]),
        # alerts and HTML blocks are prose: their claims count (SPEC §12 "What is prose")
        Invalid("B12 never causes cramps.\n\n> [!NOTE]\n> B12 injections can cause cramps.\n",
                errors=[Expect(4, 3)]),
        Invalid("B12 never causes cramps.\n\n<aside>\n  B12 injections can cause cramps.\n</aside>\n",
                errors=[Expect(4, 3)]),
    ],
)


def test_related_points_at_the_earlier_claim():
    [finding] = tester.lint("B12 never causes cramps.\n\nB12 injections can cause cramps.\n")
    assert [(r.line, r.column) for r in finding.related] == [(1, 1)]
    assert finding.hint


SENTENCES = [
    "B12 never causes cramps.",
    "B12 injections can cause cramps.",
    "Iron can cause constipation.",
    "Sleep matters.",
    "Oral iron does not cause headaches.",
]


@settings(max_examples=60, deadline=None)
@given(st.permutations(SENTENCES))
def test_reordering_never_changes_whether_a_contradiction_is_found(order):
    text = "\n\n".join(order) + "\n"
    assert len(tester.lint(text)) == 1
