from __future__ import annotations

import re

from ...diagnostics import FixSafety
from ...language import dosage
from ...rule import Context, Rule
from .ml405_dosage_unit import table_context

# ISMP: "QD" is mistaken for "QID" (four times a day), "QOD" for "QD" or "QID". "q.d.s."
# (four times a day, UK) is not "q.d.".
_FREQUENCY = re.compile(
    r"(?<![\w.])(?:(?P<qod>q\.\s?o\.\s?d\.?|qod)|(?P<qd>q\.\s?d\.?(?!\.?\s?s\b)|qd))(?!\w)",
    re.IGNORECASE,
)
# A final dot that also ends the sentence stays: "take q.d." -> "take once daily."
_SENTENCE_END = re.compile(r"\s*(?:$|[A-Z])")
_FREQUENCY_TEXT = {"qd": ("once daily", "QID (four times a day)"),
                   "qod": ("every other day", "QD or QID")}
# A sentence about a medicine: "QD" elsewhere (a quantum dot) is not a dose.
_MEDICATION = re.compile(r"\b(?:tablets?|capsules?|pills?|doses?|take|taken|taking|medicines?|"
                         r"medications?|prescri\w*|mg|mcg|units?)\b", re.IGNORECASE)
# Lab values per volume (mg/dL, U/L, mmol/L) are measurements, not doses.
_LAB_PER = frozenset({"dl", "deciliter", "deciliters", "decilitre", "decilitres",
                      "l", "liter", "liters", "litre", "litres"})
_DIGIT = re.compile(r"[0-9]")
_TRAILING_ZERO = re.compile(r"[\d,\u00a0\u202f\u2009 ]*\d\.\d*0")


class DoseFormat(Rule):
    """Doses must not use the notations that medication-safety bodies list as error-prone.

    ## What it does
    Reports, in medication doses, the notations on the ISMP List of Error-Prone
    Abbreviations, Symbols, and Dose Designations:

    - a trailing zero, "5.0 mg" (read as 50 mg): safe fix "5 mg";
    - a naked decimal, ".5 mg" (read as 5 mg): safe fix "0.5 mg";
    - "µg" or "ug" for micrograms (read as mg): safe fix "mcg";
    - "cc" for millilitres (read as U or zeros): safe fix "mL";
    - "U" for units (read as 0 or 4: "10 U" becomes 100), and "IU" for a medicine dosed in
      units, such as insulin or heparin (read as IV or 10): safe fix "units" ("IU" for a
      vitamin labelled in IU, "1,000 U of vitamin D");
    - "QD" / "q.d." (read as QID, four times a day) and "QOD" (read as QD or QID): unsafe
      fix "once daily" / "every other day" (the fix rewords the sentence; apply it with
      `--unsafe-fixes`).

    Only doses: an amount with a dose unit (mcg, mg, g, IU, mL, units) or a frequency in
    a sentence about a medicine. Body weight ("5.0 kg"), version numbers ("version 2.0"),
    lab values ("4.0 mmol/L", "5.0 mg/dL") and percentages are not doses.

    "IU" for vitamins A, D and E is the unit of their labels and fact sheets (NIH ODS),
    so "1,000 IU of vitamin D" passes; "20 IU of insulin glargine" does not.

    `dosage-unit` (ML405) reports one unit abbreviated two ways in an article; it leaves
    "µg", "ug", "cc" and "U" to this rule, so an article mixing "mcg" and "µg" gets one
    finding per "µg" here, each with its fix, and none there.

    ## Why it matters
    These notations have caused tenfold and thousandfold overdoses when a reader, a
    carer or a pharmacist copied a dose from a page: the decimal point of "5.0" disappears
    in print or on a fax, "µ" looks like "m", "U" looks like a zero.

    ## Example
    ```markdown
    Take digoxin .125 mg QD, warfarin 5.0 mg in the evening and 10 U of insulin.
    ```

    ## Use instead
    ```markdown
    Take digoxin 0.125 mg once daily, warfarin 5 mg in the evening and 10 units of insulin.
    ```
    """

    code = "ML407"
    name = "dose-format"
    summary = "Error-prone dose notation (ISMP): trailing zero, naked decimal, µg, cc, U, IU for units, QD"
    fixable = True
    messages = {
        "trailing-zero": "\"{text}\" can be misread as {misread}: drop the trailing zero ({fixed})",
        "naked-decimal": "\"{text}\" can be misread as {misread}: write a zero before the decimal point ({fixed})",
        "unit": "\"{text}\" is an error-prone abbreviation ({why}): write \"{fixed}\"",
        "iu-units": "\"{text}\" for units of {name} is error-prone (IU is misread as IV or 10): write \"units\"",
        "frequency": "\"{text}\" is an error-prone abbreviation (misread as {misread}): write \"{fixed}\"",
    }

    def check(self, ctx: Context) -> None:
        memo: dict = {}
        for block in ctx.doc.prose_blocks(quoted=True):
            if block.kind == "heading":
                continue
            if _DIGIT.search(block.text) is None and "q" not in block.text and "Q" not in block.text:
                continue
            table = None
            for sentence in block.sentences:
                text = sentence.text
                digit = _DIGIT.search(text) is not None
                if not digit and "q" not in text and "Q" not in text:
                    continue  # no number and no "QD": nothing to report
                if table is None:
                    table = table_context(block, ctx.doc.text, memo)
                doses = [d for d in dosage.find_doses(text, **table) if d.per not in _LAB_PER] if digit else []
                for dose in doses:
                    self._numbers(ctx, sentence, dose)
                    self._unit(ctx, sentence, dose)
                if "q" in text or "Q" in text:
                    self._frequency(ctx, sentence, bool(doses))

    def _numbers(self, ctx: Context, sentence, dose: dosage.Dose) -> None:  # type: ignore[no-untyped-def]
        text = sentence.text
        for s, e in dose.numbers:
            number = text[s:e]
            shown = f"{number} {dose.unit_text}"
            if number.startswith("."):
                fixed = "0" + number
                start, end = sentence.span(s, e)
                ctx.report(start, end, "naked-decimal", text=shown, misread=f"{number[1:]} {dose.unit_text}",
                           fixed=f"{fixed} {dose.unit_text}",
                           fix=ctx.replace(start, end, fixed, description=f"write {fixed}"),
                           hint="ISMP: always write a zero before a decimal point")
            elif _TRAILING_ZERO.fullmatch(number):
                fixed = number.rstrip("0").rstrip(".")
                start, end = sentence.span(s, e)
                ctx.report(start, end, "trailing-zero", text=shown,
                           misread=f"{number.replace('.', '')} {dose.unit_text}",
                           fixed=f"{fixed} {dose.unit_text}",
                           fix=ctx.replace(start, end, fixed, description=f"write {fixed}"),
                           hint="ISMP: never write a zero after a decimal point in a dose")

    def _unit(self, ctx: Context, sentence, dose: dosage.Dose) -> None:  # type: ignore[no-untyped-def]
        text = sentence.text
        glued = dose.unit_start > 0 and text[dose.unit_start - 1].isdigit()
        start, end = sentence.span(dose.unit_start, dose.unit_end)
        prone = dosage.error_prone_spelling(dose)
        if prone is not None:
            why, fixed = prone
            if dose.unit == "units" and dose.substance is not None \
                    and "iu" in dosage.usual_units(dose.substance):
                fixed = "IU"  # "1,000 U of vitamin D": its labelled unit
            if fixed.isalpha() and len(fixed) > 3 and glued:  # "10U" -> "10 units"
                fixed = " " + fixed
            ctx.report(start, end, "unit", text=dose.unit_text, why=why, fixed=fixed.strip(),
                       fix=ctx.replace(start, end, fixed, description=f"write {fixed.strip()}"),
                       hint="ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations")
            return
        if dose.unit == "iu" and dose.substance is not None:
            usual = dosage.usual_units(dose.substance)
            if "units" in usual and "iu" not in usual:
                fixed = "unit" if dose.amount == 1 else "units"
                ctx.report(start, end, "iu-units", text=dose.unit_text, name=dosage.substance_name(dose.substance),
                           fix=ctx.replace(start, end, (" " if glued else "") + fixed,
                                           description=f"write {fixed}"),
                           hint="ISMP: write \"units\" in full for insulin, heparin and other medicines dosed in units")

    def _frequency(self, ctx: Context, sentence, has_dose: bool) -> None:  # type: ignore[no-untyped-def]
        text = sentence.text
        matches = list(_FREQUENCY.finditer(text))
        if not matches:
            return
        if not has_dose and not _MEDICATION.search(text) and not dosage.substances_in(text):
            return
        for m in matches:
            kind = "qod" if m.group("qod") else "qd"
            fixed, misread = _FREQUENCY_TEXT[kind]
            stop = m.end()
            if text[stop - 1] == "." and _SENTENCE_END.match(text, stop):
                stop -= 1
            start, end = sentence.span(m.start(), stop)
            ctx.report(start, end, "frequency", text=text[m.start():stop], misread=misread, fixed=fixed,
                       fix=ctx.replace(start, end, fixed, safety=FixSafety.UNSAFE,
                                       description=f"write {fixed}"),
                       hint="ISMP List of Error-Prone Abbreviations: write the frequency in words")
