from medlint.rules.citations.ml306_claim_uncited import ClaimUncited
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(ClaimUncited)

test_claim_uncited = tester.cases(
    valid=[
        "Studies show that walking lowers blood pressure [1].\n",
        "About 40% of adults take a supplement. This varies by age [2].\n",
        "One in five adults has high blood pressure.[^1]\n\n[^1]: CDC. Facts.\n",
        "Research suggests a benefit (see the [review](https://example.org/review)).\n",
        "Use 1% hydrocortisone cream for itchy skin.\n",
        "More research is needed.\n",
        "| Group | Share |\n|---|---|\n| Adults | 40% |\n",
        "## 40% of adults\n",
        "| Measure | At diagnosis |\n|---|---|\n| HbA1c | 7.8% |\n",
        "| Drug | Note |\n|---|---|\n| Fexofenadine | Drowsiness in fewer than 1 in 10 people [3] |\n",
        "| Drug | Note | Source |\n|---|---|---|\n| Fexofenadine | Drowsiness in fewer than 1 in 10 | [3] |\n",
        "- About 30% of people get side effects [3].\n",
        "Here is what the evidence says, in plain words.\n",
        "About 40% of adults take a supplement (Smith et al., 2020).\n",
        "Studies show a small benefit (CDC, 2023; Lee & Park 2019a).\n",
        # issue #12: the source as a bracketed URL; arithmetic on the article's own numbers;
        # product composition
        "Nearly 38 million Americans have diabetes (https://www.cdc.gov/diabetes).\n",
        "Each capsule gives you 90 mg of vitamin C, that is 100 percent of your daily need.\n",
        "Choose dark chocolate with 70% cocoa.\n",
        "Our gummies contain 90% protein by weight.\n",
        "My antibodies fell from 640 to 290, a drop of 55%.\n",
    ],
    invalid=[
        Invalid("Studies show that 30% of adults over 50 do not absorb enough B12.\n",
                errors=[Expect(1, 1, 1, 66, message_id="uncited")]),
        Invalid("Low iron is common. About 25% of children have it.\n", errors=[Expect(1, 21, 1, 51)]),
        Invalid("- Smokers are twice as likely to get gum disease.\n", errors=[Expect(1, 3)]),
        Invalid("Sleep matters.\n\nA 2019 study found that naps help. Cited elsewhere [1].\n\nResearch shows it works.\n",
                errors=[Expect(5, 1)]),
        Invalid("There is no evidence that detox teas remove toxins.\n", errors=[Expect(1, 1)]),
        Invalid("About 40% of adults take a supplement (in 2020).\n", errors=[Expect(1, 1)]),
        # every container is read (SPEC §12 "What is prose")
        Invalid("> Studies show that 90% of people love it.\n", errors=[Expect(1, 3, 1, 43)]),
        Invalid("> [!NOTE]\n> Research shows that magnesium helps sleep.\n", errors=[Expect(2, 3, 2, 45)]),
        Invalid("## Studies show that turmeric eases joint pain\n", errors=[Expect(1, 4)]),
        Invalid("| Drug | Note |\n|---|---|\n| Fexofenadine | Drowsiness in fewer than 1 in 10 people |\n",
                errors=[Expect(3, 18)]),
        Invalid('<div class="callout">\n  <p>Studies show that 40% of adults lack vitamin D.</p>\n</div>\n',
                errors=[Expect(2, 6, 2, 53)]),
        Invalid("<aside>\n\nResearch suggests zinc shortens colds.\n\n</aside>\n", errors=[Expect(3, 1)]),
        # issue #12: population figures, passive evidence, studies in other words, authority
        Invalid("Nearly 38 million Americans have diabetes.\n", errors=[Expect(1, 1, 1, 43)]),
        Invalid("Diabetes is common.\nGlucomannan has been shown to help weight loss.\n",
                errors=[Expect(2, 1, 2, 48)]),
        Invalid("Fexofenadine was found to cause less drowsiness.\n", errors=[Expect(1, 1, 1, 49)]),
        Invalid("- A trial in Denmark concluded that it made no difference.\n", errors=[Expect(1, 3, 1, 59)]),
        Invalid("Researchers at a university in Iran found a benefit.\n", errors=[Expect(1, 1, 1, 53)]),
        Invalid("Experts say that most of us are low in vitamin D by February.\n", errors=[Expect(1, 1)]),
        Invalid("Most doctors agree that exercise is the best treatment.\n", errors=[Expect(1, 1)]),
        Invalid("It is well known that chocolate triggers migraines.\n", errors=[Expect(1, 1)]),
    ],
)
