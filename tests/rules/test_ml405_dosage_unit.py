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
        # usual doses with their frequencies, caps and schedules
        "Adults: take 400 mg of ibuprofen every 4 to 6 hours with food.\n",
        "Paracetamol 500 mg to 1 g every 4 to 6 hours, up to four times in 24 hours.\n",
        "Methotrexate 15 mg once a week, on the same day each week.\n",
        "Colchicine 0.6 mg once or twice a day.\n",
        # supervised uses, weight-based doses and thresholds are not findings
        "In hospital, a loading dose of 60 mg/kg of levetiracetam may be given.\n",
        "Your doctor may prescribe 50,000 IU of vitamin D once a week as a loading course.\n",
        "Children: 15 mg/kg of paracetamol per dose.\n",
        "Taking more than 100 mg of vitamin B6 a day for months can damage nerves.\n",
        "Ferrous sulfate 200 mg three times a day is the usual prescribed treatment.\n",
        # a unit written out, or by another unit's name ("cc" for mL), is no mix
        "Take 2.4 mcg of B12, or a 500 microgram tablet.\n",
        "Give 5 mL of the syrup, or 5 cc with the dosing syringe.\n",
        # a table column of daily amounts, and the row's medicine
        "| Supplement | Amount per day |\n|---|---|\n| Vitamin C | 500 mg |\n",
    ],
    invalid=[
        # issue #13: each example, with what is wrong
        Invalid("Take 500 mg of colchicine if the pain is severe.\n",
                errors=[Expect(1, 6, 1, 12, message_id="implausible",
                               message="500 mg of colchicine is 417 times the usual maximum of 1.2 mg a dose")],
                output=None),
        Invalid("Start with 25 g of lamotrigine once a day.\n",
                errors=[Expect(1, 12, 1, 16, message="lamotrigine is dosed in milligrams: 25 g is 42 times "
                                                      "the usual maximum of 600 mg a dose")]),
        Invalid("- Athletes take 800 mg of ibuprofen every 2 hours.\n",
                errors=[Expect(1, 17, 1, 23, message="800 mg of ibuprofen every 2 hours is 9.6 g a day, "
                                                      "3 times the usual maximum of 3.2 g a day")]),
        Invalid("Some blends recommend 2,000 mcg of selenium a day.\n",
                errors=[Expect(1, 23, 1, 32, message="2,000 mcg of selenium a day is 5 times the adult upper "
                                                      "limit of 400 mcg a day")]),
        Invalid("Never take 5,000 mg of ibuprofen.\n",
                errors=[Expect(1, 12, 1, 20, message="5,000 mg of ibuprofen is above the usual maximum of "
                                                      "3.2 g a day")]),
        Invalid("Start on levothyroxine 100 mg once a day.\n",
                errors=[Expect(1, 24, 1, 30, message="levothyroxine is dosed in micrograms: 100 mg is 200 times "
                                                      "the highest plausible dose of 500 mcg")]),
        Invalid("Some take 1000 mg of vitamin B12 a week.\n", errors=[Expect(1, 11, 1, 18, message_id="implausible")],
                output=None),
        Invalid("- 10 mg of vitamin D\n", errors=[Expect(1, 3)]),
        Invalid("A leaflet said: take methotrexate 10 mg daily with food.\n",
                errors=[Expect(1, 35, 1, 40, message="methotrexate is taken once a week: 10 mg of methotrexate "
                                                      "daily is 70 mg a week, 2.3 times the usual maximum of "
                                                      "30 mg a week")]),
        Invalid("| Supplement | Amount per day |\n|---|---|\n| Vitamin A | 25,000 IU |\n",
                errors=[Expect(3, 15, 3, 24, message="25,000 IU of vitamin A a day is 2.5 times the adult upper "
                                                      "limit of 10,000 IU a day")]),
        # mixed abbreviations of one unit: at the first of the minority spelling, with a fix
        Invalid("Vitamin D 1,000 IU a day, 400 IU for babies, or 800 I.U. on older labels.\n",
                errors=[Expect(1, 53, 1, 57, message_id="mixed")],
                output="Vitamin D 1,000 IU a day, 400 IU for babies, or 800 IU on older labels.\n"),
        Invalid("Take 5 gm of glycine.\n\nOr 10 g. Or 15 g.\n",
                errors=[Expect(1, 8, 1, 10, message_id="mixed")],
                output="Take 5 g of glycine.\n\nOr 10 g. Or 15 g.\n"),
        # SPEC §8: "mcg vs µg" is a mixed spelling; the fix never writes the error-prone one
        Invalid("Take 2.4 mcg of B12 daily, or 500 mcg weekly, or 250 \u00b5g twice a week.\n",
                errors=[Expect(1, 54, 1, 56, message="\"\u00b5g\" and \"mcg\" both write micrograms in this "
                                                      "article; use one spelling (mcg)")],
                output="Take 2.4 mcg of B12 daily, or 500 mcg weekly, or 250 mcg twice a week.\n"),
        # "µg" used most: reported where "mcg" first appears, and every "µg" becomes "mcg"
        Invalid("- Vitamin D3: 20 \u00b5g.\n- Folic acid: 200 \u00b5g.\n- Selenium: 55 mcg.\n",
                errors=[Expect(3, 16, 3, 19, message="\"mcg\" and \"\u00b5g\" both write micrograms in this "
                                                      "article; use one spelling (mcg)")],
                output="- Vitamin D3: 20 mcg.\n- Folic acid: 200 mcg.\n- Selenium: 55 mcg.\n"),
        # regression: two identical sentences share their cached doses; each "µg" is
        # still its own edit (the fix once rewrote the last one twice and applied nothing)
        Invalid("Take 1000 mcg or 1000 \u00b5g of B12. Take 1000 mcg or 1000 \u00b5g of B12.\n",
                errors=[Expect(1, 23, 1, 25, message_id="mixed")],
                output="Take 1000 mcg or 1000 mcg of B12. Take 1000 mcg or 1000 mcg of B12.\n"),
        Invalid("Selenium 55 ug a day, or 100 mcg, or 200 mcg.\n",
                errors=[Expect(1, 13, 1, 15, message_id="mixed")],
                output="Selenium 55 mcg a day, or 100 mcg, or 200 mcg.\n"),
    ],
)
