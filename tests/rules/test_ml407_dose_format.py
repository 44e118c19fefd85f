import pytest

from medlint.rules.clinical.ml407_dose_format import DoseFormat
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(DoseFormat)

test_dose_format = tester.cases(
    valid=[
        "Take 0.5 mg of melatonin, or 5 mg, or 2.5 mg.\n",
        "Digoxin 125 mcg is the same as 0.125 mg.\n",
        "Take 10 units of insulin before breakfast.\n",
        # vitamins A, D and E are labelled in IU (NIH ODS)
        "Take 1,000 IU of vitamin D a day.\n",
        # not doses: body weight, versions, lab values, percentages
        "A loss of 5.0 kg or more is worth mentioning.\n",
        "Our app (version 2.0) lists your medicines.\n",
        "Aim for a glucose of 4.0 to 7.0 mmol/L; a TSH of 0.4 to 4.0 mU/L is normal.\n",
        "Normal magnesium is 1.8 to 2.0 mg/dL.\n",
        "ALT above 40.0 U/L is high.\n",
        "About 2.0% of adults are affected.\n",
        # "q.d.s." is four times a day (UK); QD outside a medicine sentence is no frequency
        "Take 500 mg q.d.s. with food.\n",
        "The QD display uses quantum dots.\n",
        "`5.0 mg` in code is not prose.\n",
    ],
    invalid=[
        Invalid("Warfarin 5.0 mg in the evening.\n",
                errors=[Expect(1, 10, 1, 13, message_id="trailing-zero",
                               message="\"5.0 mg\" can be misread as 50 mg: drop the trailing zero (5 mg)")],
                output="Warfarin 5 mg in the evening.\n"),
        Invalid("Take 2.50 mg or 1.0-2.0 mg.\n",
                errors=[Expect(1, 6, 1, 10), Expect(1, 17, 1, 20), Expect(1, 21, 1, 24)],
                output="Take 2.5 mg or 1-2 mg.\n"),
        Invalid("Digoxin .125 mg once a day.\n",
                errors=[Expect(1, 9, 1, 13, message_id="naked-decimal",
                               message="\".125 mg\" can be misread as 125 mg: write a zero before the decimal "
                                       "point (0.125 mg)")],
                output="Digoxin 0.125 mg once a day.\n"),
        Invalid("- For a baby, give .5 mL at a time.\n", errors=[Expect(1, 20, 1, 22)],
                output="- For a baby, give 0.5 mL at a time.\n"),
        Invalid("A multivitamin may list 50 \u00b5g of vitamin B12.\n",
                errors=[Expect(1, 28, 1, 30, message_id="unit",
                               message="\"\u00b5g\" is an error-prone abbreviation (\u00b5g is misread as mg): "
                                       "write \"mcg\"")],
                output="A multivitamin may list 50 mcg of vitamin B12.\n"),
        Invalid("| 75 ug | violet |\n|---|---|\n| 25\u03bcg | white |\n",
                errors=[Expect(1, 6, 1, 8), Expect(3, 5, 3, 7)],
                output="| 75 mcg | violet |\n|---|---|\n| 25mcg | white |\n"),
        Invalid("Draw up 0.2 cc of insulin.\n", errors=[Expect(1, 13, 1, 15, message_id="unit")],
                output="Draw up 0.2 mL of insulin.\n"),
        Invalid("Inject 10 U of insulin, or 4U at night.\n",
                errors=[Expect(1, 11, 1, 12, message_id="unit"), Expect(1, 29, 1, 30, message_id="unit")],
                output="Inject 10 units of insulin, or 4 units at night.\n"),
        Invalid("Vitamin D 1,000 U a day.\n", errors=[Expect(1, 17, 1, 18, message_id="unit")],
                output="Vitamin D 1,000 IU a day.\n"),
        Invalid("Insulin glargine 20 IU at bedtime.\n",
                errors=[Expect(1, 21, 1, 23, message_id="iu-units")],
                output="Insulin glargine 20 units at bedtime.\n"),
        # wording changes: unsafe fixes, applied only with --unsafe-fixes
        Invalid("Amlodipine 5 mg QD.\n", errors=[Expect(1, 17, 1, 19, message_id="frequency")],
                output=None),
        Invalid("Amlodipine 5 mg QD.\n", errors=[Expect(1, 17, 1, 19)],
                output="Amlodipine 5 mg once daily.\n", unsafe=True),
        Invalid("Aspirin 75 mg q.d. with food.\n", errors=[Expect(1, 15, 1, 19)],
                output="Aspirin 75 mg once daily with food.\n", unsafe=True),
        Invalid("| Prednisolone | 10 mg QOD |\n|---|---|\n",
                errors=[Expect(1, 24, 1, 27, message="\"QOD\" is an error-prone abbreviation (misread as QD or "
                                                     "QID): write \"every other day\"")],
                output="| Prednisolone | 10 mg every other day |\n|---|---|\n", unsafe=True),
        Invalid("Take one tablet QD.\n", errors=[Expect(1, 17, 1, 19)]),
        Invalid("Take one tablet q.d.\n", errors=[Expect(1, 17, 1, 20)],
                output="Take one tablet once daily.\n", unsafe=True),
        # block quotes are read too: a reader copies notation from a quote as well
        Invalid("> Warfarin 5.0 mg.\n", errors=[Expect(1, 12, 1, 15)], output="> Warfarin 5 mg.\n"),
    ],
)


@pytest.mark.parametrize("text", [
    "Warfarin 5.0 mg, digoxin .125 mg, 50 \u00b5g of B12, 5 cc, 10 U of insulin, insulin 20IU, 5 mg QD, 3 mg QOD.\n",
    "| Dose | Note |\n|---|---|\n| 2.50 mg | q.d. |\n",
])
@pytest.mark.parametrize("unsafe", [False, True])
def test_fixes_are_idempotent(text, unsafe):
    once = tester.fix(text, unsafe=unsafe)
    assert once is not None and once != text
    assert tester.fix(once, unsafe=unsafe) in (None, once)
    if unsafe:
        assert tester.lint(once) == []


def test_all_fixed():
    text = ("Warfarin 5.0 mg, digoxin .125 mg, 50 \u00b5g of B12, 5 cc, 10 U of insulin, insulin 20IU, "
            "5 mg QD, 3 mg QOD.\n")
    assert tester.fix(text, unsafe=True) == (
        "Warfarin 5 mg, digoxin 0.125 mg, 50 mcg of B12, 5 mL, 10 units of insulin, insulin 20 units, "
        "5 mg once daily, 3 mg every other day.\n")


_CLI_ARTICLE = ("\ufeffDigoxin .125 mg QD.\r\nWarfarin 5.0 mg and 50 \u00b5g of B12, 2 cc.\r\n"
                "Inject 10 U of insulin; a loss of 5.0 kg (version 2.0).\r\n")


def test_cli_fix_and_unsafe_fixes_keep_every_other_byte(tmp_path):
    import os

    from click.testing import CliRunner

    from medlint.cli import main
    path = tmp_path / "a.md"
    path.write_bytes(_CLI_ARTICLE.encode("utf-8"))
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        def run(*extra):
            return CliRunner().invoke(main, ["check", "a.md", "--isolated", "--select", "dose-format", *extra],
                                      catch_exceptions=False)
        first = run("--fix")
        safe = path.read_bytes()
        assert safe == ("\ufeffDigoxin 0.125 mg QD.\r\nWarfarin 5 mg and 50 mcg of B12, 2 mL.\r\n"
                        "Inject 10 units of insulin; a loss of 5.0 kg (version 2.0).\r\n").encode("utf-8")
        assert first.exit_code == 0 and "QD" in first.output  # the unsafe fix is left, reported
        assert run("--fix").exit_code == 0 and path.read_bytes() == safe
        run("--fix", "--unsafe-fixes")
        assert path.read_bytes() == safe.replace(b"QD.", b"once daily.")
        assert "dose-format" not in run().output
    finally:
        os.chdir(old)


def test_cli_subprocess_reports_positions(tmp_path):
    import json
    import subprocess
    import sys
    path = tmp_path / "a.md"
    path.write_bytes(_CLI_ARTICLE.encode("utf-8"))
    out = subprocess.run([sys.executable, "-m", "medlint", "check", str(path), "--isolated", "--select",
                          "dose-format", "--format", "json"], capture_output=True, text=True, check=False)
    found = [(d["line"], d["column"], d["end_column"]) for d in json.loads(out.stdout)]
    # columns in code points, the BOM not counted
    assert found == [(1, 9, 13), (1, 17, 19), (2, 10, 13), (2, 24, 26), (2, 37, 39), (3, 11, 12)]
