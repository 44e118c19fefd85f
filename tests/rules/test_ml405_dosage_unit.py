from medlint.rules.clinical.ml405_dosage_unit import DosageUnit
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(DosageUnit)

test_dosage_unit = tester.cases(
    valid=[
        "Most adults need 2.4 mcg of vitamin B12 a day.\n",
        "A 1 mg vitamin B12 injection is given each month.\n",
        "Take 600 IU of vitamin D. Some need 1,000 IU.\n",
        "| Nutrient | Dose |\n|---|---|\n| Vitamin B12 | 2.4 mcg |\n| Iron | 18 mg |\n",
        "Use 400 mcg of folic acid before pregnancy.\n",
        "> Take 1000 mg of vitamin B12, the ad said.\n",
    ],
    invalid=[
        Invalid("Some take 1000 mg of vitamin B12 a week.\n", errors=[Expect(1, 11, 1, 18, message_id="implausible")],
                output=None),
        Invalid("Take 2.4 mcg of B12 daily, or 500 mcg weekly, or 250 µg twice a week.\n",
                errors=[Expect(1, 54, 1, 56, message_id="mixed")],
                output="Take 2.4 mcg of B12 daily, or 500 mcg weekly, or 250 mcg twice a week.\n"),
        Invalid("- 10 mg of vitamin D\n", errors=[Expect(1, 3)]),
        Invalid("Take 5 ug of vitamin D.\n\nOr 10 mcg. Or 15 mcg.\n\nOr 20 ug.\n",
                errors=[Expect(1, 8, 1, 10)],
                output="Take 5 mcg of vitamin D.\n\nOr 10 mcg. Or 15 mcg.\n\nOr 20 mcg.\n"),
    ],
)
