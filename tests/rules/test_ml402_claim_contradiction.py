import itertools

import pytest

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
        # issue #13: each relation is compared only with itself
        "Saw palmetto treats an enlarged prostate [1].\n\nSaw palmetto can cause an upset stomach.\n",
        "Vitamin C does not prevent colds.\n\nVitamin C may shorten colds, and it treats scurvy.\n",
        "Allopurinol prevents gout attacks.\n\nAllopurinol does not treat a gout attack.\n",
        # a negative about one member says nothing about the class or another member
        "Sumatriptan does not cause chest tightness.\n\nTriptans can cause chest tightness.\n",
        "Fexofenadine does not cause drowsiness.\n\nCetirizine can cause drowsiness.\n",
        # the qualifier separates them: dose, duration, population
        "At the right dose, levothyroxine does not cause bone loss.\n\nToo much levothyroxine can cause bone loss.\n",
        "Taking a benzodiazepine for a few days does not cause dependence.\n\n"
        "Benzodiazepines taken every day for more than four weeks can cause dependence.\n",
        "In adults, aspirin does not cause Reye's syndrome.\n\nIn children, aspirin can cause Reye's syndrome.\n",
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
        # issue #13 "Why": subjects from the medicine vocabulary
        Invalid("Colchicine does not cause diarrhoea.\n\nHigh doses of colchicine can cause diarrhoea.\n",
                errors=[Expect(3, 15, 3, 45)]),
        Invalid("Lamotrigine never causes a rash.\n\nLamotrigine can cause a serious rash.\n",
                errors=[Expect(3, 1, 3, 37)]),
        Invalid("Coenzyme Q10 does not cause insomnia.\n\nCoQ10 can cause insomnia in some people.\n",
                errors=[Expect(3, 1, 3, 25)]),
        # relations other than causing, each compared with itself
        Invalid("Saw palmetto treats an enlarged prostate [1].\n\nSaw palmetto does not treat an enlarged prostate.\n",
                errors=[Expect(3, 1, 3, 49)]),
        Invalid("Echinacea prevents colds.\n\nEchinacea does not prevent colds.\n", errors=[Expect(3, 1, 3, 33)]),
        Invalid("Terbinafine does not cure nail fungus.\n\nTerbinafine cures fungal nail infections.\n",
                errors=[Expect(3, 1, 3, 41)]),
        Invalid("Statins lower the risk of a heart attack.\n\nStatins do not lower the risk of a heart attack.\n",
                errors=[Expect(3, 1, 3, 48)]),
        Invalid("Montelukast does not raise the risk of depression.\n\nSingulair can raise the risk of depression.\n",
                errors=[Expect(3, 1, 3, 43)]),
        Invalid("Ginkgo does not improve memory.\n\nGinkgo biloba can improve memory in older adults.\n",
                errors=[Expect(3, 1, 3, 33)]),
        Invalid("Pseudoephedrine does not worsen high blood pressure.\n\nSudafed can worsen high blood pressure.\n",
                errors=[Expect(3, 1, 3, 39)]),
        # a class covers its members
        Invalid("Triptans do not cause chest tightness.\n\nSumatriptan can cause chest tightness.\n",
                errors=[Expect(3, 1, 3, 38)]),
        Invalid("Beta blockers do not worsen asthma.\n\nPropranolol can worsen asthma.\n", errors=[Expect(3, 1, 3, 30)]),
        # the phrasings writers use
        Invalid("Sertraline doesn't cause sweating.\n\nSweating is a known side effect of Zoloft.\n",
                errors=[Expect(3, 1, 3, 42)]),
        Invalid("Lamotrigine is not known to cause weight gain.\n\nSome people find that Lamictal can cause weight gain.\n",
                errors=[Expect(3, 23, 3, 53)]),
        Invalid("Levothyroxine has not been linked to hair loss.\n\nLevothyroxine can cause hair loss.\n",
                errors=[Expect(3, 1, 3, 34)]),
        Invalid("Amlodipine is not associated with ankle swelling.\n\nAnkle swelling is a common side effect of amlodipine.\n",
                errors=[Expect(3, 1, 3, 53)]),
    ],
)


HINTS = [
    # issue #13: claims about tablets that differ by dose or population are told so, not "route"
    ("Ibuprofen does not cause stomach bleeding.\n\nHigh doses of ibuprofen tablets can cause stomach bleeding.\n",
     "state the dose (standard or high)"),
    ("Ibuprofen does not cause stomach bleeding.\n\nIn older adults, ibuprofen tablets can cause stomach bleeding.\n",
     "state the population (adults or older adults)"),
    ("Triptans do not cause chest tightness.\n\nSumatriptan can cause chest tightness.\n",
     "sumatriptan is one of the triptans; both claims are about the same case"),
]


@pytest.mark.parametrize("text, hint", HINTS)
def test_hint_names_what_separates_the_claims(text, hint):
    [finding] = tester.lint(text)
    assert finding.hint.startswith(hint), finding.hint
    assert "route" not in finding.hint or hint.startswith("state the route")


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
