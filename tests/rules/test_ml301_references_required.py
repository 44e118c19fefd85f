from medlint.rules.citations.ml301_references_required import ReferencesRequired
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(ReferencesRequired)

test_references_required = tester.cases(
    valid=[
        "# T\n\nText [1].\n\n## References\n\n1. NHS. Statins.\n",
        "# T\n\nText.\n\n## Sources\n\n- MedlinePlus. Iron.\n",
        "# T\n\nText.\n\n## Bibliography\n\n* Smith J. Book. 2019.\n",
        "# T\n\nText[^1].\n\n[^1]: Smith J. Title. 2020.\n",
    ],
    invalid=[
        Invalid("# T\n\nText only.\n", errors=[Expect(1, 1, 1, 1, message_id="missing")]),
        Invalid("# T\n\n## References\n\nTo be added.\n", errors=[Expect(3, 4, 3, 14, message_id="empty")]),
        Invalid("# T\n\n## References\n\n1. .\n", errors=[Expect(3, 4, 3, 14, message_id="empty")]),
    ],
)
