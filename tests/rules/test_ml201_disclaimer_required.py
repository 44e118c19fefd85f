from medlint.rules.structure.ml201_disclaimer_required import DEFAULT_TEXT, DisclaimerRequired
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(DisclaimerRequired)
OK = "This article is for informational purposes only and is not a substitute for professional medical advice."

test_disclaimer_required = tester.cases(
    valid=[
        f"# T\n\n## Medical disclaimer\n\n{OK}\n",
        "# T\n\n## Disclaimer\n\nThis content should not replace advice from your doctor.\n",
        "# T\n\n## Disclaimer\n\nThis page is not medical advice.\n",
        "# T\n\n### disclaimer\n\nIt is not intended to be a substitute for professional medical care.\n",
        "# T\n\n## Disclaimer\n\nThis article is no substitute for professional medical advice.\n",
        "# T\n\n## Disclaimer\n\nIt is not a replacement for medical care from your doctor.\n",
        "# T\n\n## Disclaimer\n\nThis guide should never replace the advice of your own doctor.\n",
        "# T\n\n## Disclaimer\n\nThis page doesn\u2019t replace advice from a healthcare provider.\n",
        Valid(f"# T\n\n**Disclaimer:** {OK}\n", options={"allow-paragraph-label": True}),
        Valid("# T\n\n## Important\n\nNot a substitute for medical advice.\n", options={"heading": "important"}),
    ],
    invalid=[
        Invalid("# T\n\nText.\n", errors=[Expect(1, 1, 1, 1, message_id="missing")], output=None),
        Invalid("# T\n\nText.\n", name="fix", unsafe=True, errors=[Expect(1, 1)],
                output=f"# T\n\nText.\n\n## Medical disclaimer\n\n{DEFAULT_TEXT}\n"),
        Invalid("# T\n\n## Disclaimer\n\nWe try hard to be accurate.\n", errors=[Expect(3, 4, 3, 14, message_id="wording")]),
        Invalid("# T\n\nThis is for informational purposes only.\n", errors=[Expect(1, 1)]),
        Invalid(f"# T\n\n**Disclaimer:** {OK}\n", name="label-not-allowed", errors=[Expect(1, 1)]),
        # Issue #15: an article ending with a **Disclaimer:** paragraph never gets a second disclaimer.
        Invalid(f"# T\n\nText.\n\n**Disclaimer:** {OK}\n", name="label-becomes-heading", unsafe=True,
                errors=[Expect(1, 1, message_id="missing")],
                output=f"# T\n\nText.\n\n## Medical disclaimer\n\n{OK}\n"),
        Invalid(f"# T\n\nText.\n\n__Medical disclaimer__: {OK}\n", name="underscore-label", unsafe=True,
                errors=[Expect(1, 1)], output=f"# T\n\nText.\n\n## Medical disclaimer\n\n{OK}\n"),
        Invalid("# T\n\nText.\n\n**Disclaimer:** we try to be accurate.\n", name="label-without-wording",
                unsafe=True, errors=[Expect(1, 1)], output=None),
    ],
)
