"""ACM001 brand-terms: a table of valid and invalid snippets (medlint.testing)."""

from acme_medlint import BrandTerms
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(BrandTerms)

test_brand_terms = tester.cases(
    valid=[
        "Take ibuprofen (Advil) for a headache.\n",
        "Advil (ibuprofen) helps with pain.\n",
        "Ibuprofen works for most headaches.\n",
        "> Patients often say Advil when they mean any painkiller.\n",  # quoted
        "Text.\n\n## References\n\n1. Tylenol label. 2024.\n",  # a reference entry
        Valid("Take Advil for a headache.\n", options={"brands": {"Panadol": "paracetamol"}}, name="custom-table"),
    ],
    invalid=[
        Invalid("Take Advil for a headache.\n",
                errors=[Expect(1, 6, 1, 11, message_id="brand",
                               message="Advil is a brand name: also name the generic drug (ibuprofen)")],
                output=None),  # the fix is unsafe: not applied by default
        Invalid("Take Advil for a headache.\n", name="unsafe-fix", unsafe=True,
                errors=[Expect(1, 6, 1, 11)], output="Take ibuprofen (Advil) for a headache.\n"),
        Invalid("TYLENOL and Advil.\nAdvil again, and Motrin.\n", unsafe=True,
                errors=[Expect(1, 1, 1, 8), Expect(1, 13, 1, 18), Expect(2, 1, 2, 6)],
                output="acetaminophen (TYLENOL) and ibuprofen (Advil).\nibuprofen (Advil) again, and Motrin.\n"),
        Invalid("- Panadol helps.\n", options={"brands": {"Panadol": "paracetamol"}}, unsafe=True,
                errors=[Expect(1, 3, 1, 10)], output="- paracetamol (Panadol) helps.\n"),
    ],
)


def test_rule_tester_fixture(rule_tester):
    """The pytest plugin's fixture builds a RuleTester too."""
    found = rule_tester(BrandTerms).lint("# Aleve or Tylenol?\n")
    assert [(d.column, d.message) for d in found] == [
        (3, "Aleve is a brand name: also name the generic drug (naproxen)"),
        (12, "Tylenol is a brand name: also name the generic drug (acetaminophen)"),
    ]
