from medlint.rules.citations.ml304_reference_empty import ReferenceEmpty
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(ReferenceEmpty)

test_reference_empty = tester.cases(
    valid=[
        "## References\n\n1. Smith J. Vitamin D. 2020.\n",
        "## References\n\n1. <https://ods.od.nih.gov/factsheets/VitaminD-Consumer/>\n",
        "## References\n\n1. doi:10.1177/2054270417694291\n",
        "## References\n\n1. PMID 12345678\n",
        "## Sources\n\n- NHS. Vitamin D.\n",
        "Note[^1].\n\n[^1]: Smith J. Title.\n",
    ],
    invalid=[
        Invalid("## References\n\n1. Smith J. Title.\n2. .\n", errors=[Expect(4, 1, 4, 5, message_id="empty")]),
        Invalid("## References\n\n1. 12, 2020.\n", errors=[Expect(3, 1, 3, 13)]),
        Invalid("## References\n\n1. TBD\n", errors=[Expect(3, 1, 3, 7)]),
        Invalid("## References\n\n1.\n2. Smith. Title.\n", errors=[Expect(3, 1, 3, 3)]),
        Invalid("Note[^1].\n\n[^1]: ...\n", errors=[Expect(3, 1, 3, 10)]),
    ],
)
