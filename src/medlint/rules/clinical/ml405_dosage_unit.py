from __future__ import annotations

from ...language import dosage
from ...rule import Context, Rule


class DosageUnit(Rule):
    """Doses must use a plausible unit, and one spelling per unit.

    ## What it does
    Reads every dose in the article's prose and tables ("1,000 mcg", "2.5 mg",
    "50,000 IU") with the substance named near it. Reports a dose that is far outside
    the plausible range for that substance and route, from a shipped table of more
    than 30 vitamins, minerals and common drugs ("1000 mg of vitamin B12" — the usual
    range is in micrograms; a "1 mg B12 injection" is real and passes). Also reports
    one unit written several ways in one article (mcg, µg, ug, micrograms), at the
    first use of the less common spelling, with a fix that unifies it.

    ## Why it matters
    A unit slip is a 1,000-fold dosing error. The ISMP lists "µg" as error-prone (it
    is misread as "mg"); mixed spellings in one article invite exactly that misreading.

    ## Example
    ```markdown
    Most adults need 2.4 mcg of vitamin B12 a day. Some take 1000 mg of vitamin B12 weekly, or 500 µg daily.
    ```

    ## Use instead
    ```markdown
    Most adults need 2.4 mcg of vitamin B12 a day. Some take 1,000 mcg of vitamin B12 weekly, or 500 mcg daily.
    ```
    """

    code = "ML405"
    name = "dosage-unit"
    summary = "Implausible dose unit for the substance, or mixed spellings of one unit"
    fixable = True
    messages = {
        "implausible": "{reason}",
        "mixed": "\"{spelling}\" and \"{majority}\" both write {unit} in this article; use one spelling ({majority})",
    }

    def check(self, ctx: Context) -> None:
        found = []
        for block in ctx.doc.prose_blocks(quoted=True):
            if block.kind == "heading":
                continue
            for sentence in block.sentences:
                for dose in dosage.find_doses(sentence.text):
                    found.append((dose, sentence))
                    reason = dosage.implausible(dose)
                    if reason and not block.quoted:
                        start, end = sentence.span(dose.start, dose.end)
                        ctx.report(start, end, "implausible", reason=reason,
                                   hint="check the unit against the product label or a dosing reference")
        by_dose = {id(d): s for d, s in found}
        for unit, spellings in dosage.unit_spelling_groups([d for d, _ in found]).items():
            majority = dosage.majority_spelling(unit, spellings)
            for spelling, doses in spellings.items():
                if spelling == majority:
                    continue
                edits = []
                for dose in doses:
                    s, e = by_dose[id(dose)].span(dose.unit_start, dose.unit_end)
                    edits.append((s, e, dosage.unit_replacement(dose, majority)))
                first = doses[0]
                start, end = by_dose[id(first)].span(first.unit_start, first.unit_end)
                fix = ctx.edits(edits, description=f"write every {unit} as {majority}")
                ctx.report(start, end, "mixed", spelling=first.unit_text, majority=_written(spellings[majority][0]),
                           unit=_UNIT_NAMES.get(unit, unit), fix=fix,
                           hint="ISMP advises \"mcg\" over \"µg\", which is misread as \"mg\"")


def _written(dose: dosage.Dose) -> str:
    return dose.unit_text


_UNIT_NAMES = {"mcg": "micrograms", "mg": "milligrams", "g": "grams", "iu": "international units", "ml": "millilitres"}
