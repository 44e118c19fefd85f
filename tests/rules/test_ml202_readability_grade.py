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
        # Issue #15: the disclaimer and the references are not graded (set wording).
        EASY + "\n\n## Medical disclaimer\n\n" + HARD + "\n",
        EASY + "\n\n**Disclaimer:** " + HARD + "\n",
        EASY + "\n\n## Notes\n\n### Disclaimer\n\n" + HARD + "\n",
    ],
    invalid=[
        Invalid(FM + "# Title\n\n" + HARD + "\n", errors=[Expect(6, 1, 6, len(HARD.rstrip()) + 2, message_id="hard")]),
        Invalid("# T\n\n" + EASY + "\n\n## Dosing\n\n" + HARD + "\n\n## Side effects\n\n" + HARD + "\n",
                errors=[Expect(3, 1)]),
        Invalid(EASY, options={"max_grade": 1}, errors=[Expect(1, 1)]),
        Invalid(HARD, options={"formula": "smog"}, errors=[Expect(1, 1)]),
        Invalid("- " + HARD + "\n", errors=[Expect(1, 1)]),
        Invalid(EASY + "\n\n## Medical disclaimer\n\n" + HARD + "\n", options={"include_disclaimer": True},
                errors=[Expect(1, 1)]),
        Invalid(EASY + "\n\n## References\n\n" + HARD + "\n", options={"include_references": True},
                errors=[Expect(1, 1)]),
    ],
)


def test_message_lists_section_grades_hardest_first():
    text = "# T\n\n" + EASY + "\n\n## Dosing\n\n" + HARD + "\n\n## Side effects\n\n" + EASY + "\n"
    [finding] = tester.lint(text)
    sections = finding.message.split("by section: ")[1]
    assert sections.startswith("Dosing ")
    assert "(introduction)" in sections and "Side effects" in sections


def test_disclaimer_does_not_raise_the_grade():
    """The disclaimer the unsafe ML201 fix inserts must not make an article fail ML202."""
    from medlint.rules.structure.ml201_disclaimer_required import DEFAULT_TEXT

    plain = "# T\n\n" + EASY + "\n"
    with_disclaimer = plain + "\n## Medical disclaimer\n\n" + DEFAULT_TEXT + "\n"
    strict = {"max_grade": 3}
    assert [f.message for f in tester.lint(plain, options=strict)] == \
        [f.message for f in tester.lint(with_disclaimer, options=strict)]


def test_message_shows_what_was_compared():
    """Never "grade 6.0 ... is above 6": as many decimals as it takes, and the option's name."""
    [low] = tester.lint(EASY, options={"max_grade": 1})
    assert "is above max_grade 1;" in low.message
    grade = float(low.message.split("reading grade ")[1].split(" ")[0])
    [edge] = tester.lint(EASY, options={"max_grade": int(grade * 10) / 10})
    shown = edge.message.split("reading grade ")[1].split(" ")[0]
    assert float(shown) > int(grade * 10) / 10, edge.message
