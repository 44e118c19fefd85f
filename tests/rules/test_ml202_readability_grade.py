from medlint.rules.structure.ml202_readability_grade import ReadabilityGrade
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(ReadabilityGrade)

EASY = ("Statins lower cholesterol. Some people get sore muscles. Tell your doctor if your legs ache. "
        "A blood test can help. Your doctor may change the dose. Do not stop on your own. ") * 4
HARD = ("Pharmacological intervention utilising hydroxymethylglutaryl-coenzyme reductase inhibitors "
        "necessitates systematic evaluation of musculoskeletal symptomatology. ") * 10
FM = "---\ntitle: T\n---\n"

test_readability_grade = tester.cases(
    valid=[
        EASY,
        FM + "# Title\n\n" + EASY + "\n\n```\n" + HARD + "\n```\n",
        "# T\n\n| a |\n|---|\n| " + HARD + " |\n\n" + EASY,
        "Too short to grade: pharmacological intervention necessitates evaluation.\n",
        EASY + "\n\n## References\n\n1. " + HARD + "\n",
        Valid(HARD, options={"max_grade": 60}),
        Valid(HARD, options={"min_words": 10_000}),
    ],
    invalid=[
        Invalid(FM + "# Title\n\n" + HARD + "\n", errors=[Expect(6, 1, 6, len(HARD.rstrip()) + 2, message_id="hard")]),
        Invalid("# T\n\n" + EASY + "\n\n## Dosing\n\n" + HARD + "\n\n## Side effects\n\n" + HARD + "\n",
                errors=[Expect(3, 1)]),
        Invalid(EASY, options={"max_grade": 1}, errors=[Expect(1, 1)]),
        Invalid(HARD, options={"formula": "smog"}, errors=[Expect(1, 1)]),
        Invalid("- " + HARD + "\n", errors=[Expect(1, 1)]),
    ],
)


def test_message_lists_section_grades_hardest_first():
    text = "# T\n\n" + EASY + "\n\n## Dosing\n\n" + HARD + "\n\n## Side effects\n\n" + EASY + "\n"
    [finding] = tester.lint(text)
    sections = finding.message.split("by section: ")[1]
    assert sections.startswith("Dosing ")
    assert "(introduction)" in sections and "Side effects" in sections
