from medlint.rules.clinical.ml404_absolute_claim import AbsoluteClaim
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(AbsoluteClaim)

test_absolute_claim = tester.cases(
    valid=[
        "There is no miracle cure for poor sleep.\n",
        "No supplement can cure insomnia on its own.\n",
        "There is no cure for hay fever, but treatment helps.\n",
        '> The label calls it "a miracle detox" and that is all it is: a label.\n',
        "## What is a liver detox?\n\nA liver detox is a diet sold as a cleanse.\n",
        "## Can turmeric cure arthritis?\n",
        "## Liver detox\n",
        "## Miracle cures\n\nThere is no miracle cure for arthritis.\n",
        "## Myths about supplements\n\nThey claim it cures everything.\n",
        "Always take your medicine with food. Never double a dose.\n",
        "Cured meats are high in salt.\n",
        "Most people have no side effects from the vaccine.\n",
        "Run `cures everything` as a test string.\n",
    ],
    invalid=[
        # once per sentence, at the first absolute phrase
        Invalid("This supplement cures anxiety and is 100% safe.\n",
                errors=[Expect(1, 17, 1, 22, message_id="absolute")]),
        Invalid("- A miracle pill for weight loss.\n", errors=[Expect(1, 5)]),
        Invalid("# Detox your body in 3 days\n", errors=[Expect(1, 3)]),
        Invalid("Results are guaranteed.\r\n", errors=[Expect(1, 13, 1, 23)]),
        Invalid("| Claim |\n|---|\n| No side effects at all |\n", errors=[Expect(3, 3)]),
        # every container is read (SPEC §12 "What is prose")
        Invalid("> This tea is a miracle detox!\n", errors=[Expect(1, 17)]),
        Invalid("> [!TIP]\n> This balm cures eczema.\n", errors=[Expect(2, 13, 2, 18)]),
        Invalid("## Guaranteed results in a week\n", errors=[Expect(1, 4)]),
        Invalid("<aside>\n  This oil <em>cures</em> arthritis.\n</aside>\n", errors=[Expect(2, 16, 2, 21)]),
    ],
)
