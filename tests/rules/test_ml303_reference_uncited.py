from medlint.rules.citations.ml303_reference_uncited import ReferenceUncited
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(ReferenceUncited)
REFS = "\n\n## References\n\n1. Smith J. Title. 2020.\n2. Jones K. Other. 2021.\n"

test_reference_uncited = tester.cases(
    valid=[
        "Claims [1] and [2]." + REFS,
        "Range [1-2]." + REFS,
        "No markers at all, so the list is a reading list." + REFS,
        "Foot[^a].\n\n[^a]: Smith. Title.\n",
    ],
    invalid=[
        Invalid("Only [1]." + REFS, errors=[Expect(6, 1, 6, 25, message_id="list")]),
        Invalid("Nothing cites it.\n\n[^a]: Smith. Title.\n", errors=[Expect(3, 1, 3, 6, message_id="footnote")]),
    ],
)
