from medlint.rules.citations.ml302_citation_unresolved import CitationUnresolved
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(CitationUnresolved)
REFS = "\n\n## References\n\n1. Smith J. Title. 2020.\n2. Jones K. Other. 2021.\n3. .\n"

test_citation_unresolved = tester.cases(
    valid=[
        "Claim [1]." + REFS,
        "Claims [1, 2] and [1-3] and [2–3]." + REFS,
        "Points at an empty entry [3]." + REFS,
        "Sup<sup>2</sup> works." + REFS,
        "Foot[^a] note.\n\n[^a]: Smith. Title.\n",
        "Inside a footnote[^n].\n\n[^n]: See also [2]." + REFS,
        "Code `[9]` is not a citation." + REFS,
        "A link [9](https://x.org) is not a citation." + REFS,
        "No markers at all.\n",
    ],
    invalid=[
        Invalid("Claim [7]." + REFS, errors=[Expect(1, 7, 1, 10, message_id="number")]),
        Invalid("See [2].\n\n## References\n\n1. A source.\n", errors=[
            Expect(1, 5, message="citation [2] has no matching entry in the references list (1 entry)")]),
        Invalid("Range [2-5]." + REFS, errors=[Expect(1, 7, 1, 12, message="citation [4, 5] has no matching entry in the references list (3 entries)")]),
        Invalid("No list [1].\n", errors=[Expect(1, 9, 1, 12)]),
        Invalid("Foot[^x] note.\n\n[^y]: Smith. Title.\n", errors=[Expect(1, 5, 1, 9, message_id="footnote")]),
        Invalid("- item <sup>9</sup>" + REFS, errors=[Expect(1, 8, 1, 20)]),
        Invalid("> quoted [8]" + REFS, errors=[Expect(1, 10, 1, 13)]),
        Invalid("Note[^n].\n\n[^n]: See [9]." + REFS, errors=[Expect(3, 11, 3, 14)]),
    ],
)
