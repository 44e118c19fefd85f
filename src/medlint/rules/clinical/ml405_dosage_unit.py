from __future__ import annotations

import re

from ...language import dosage
from ...rule import Context, Rule


class DosageUnit(Rule):
    """Doses must be plausible for the substance, and one unit written one way.

    ## What it does
    Reads every dose in the article's prose and tables ("1,000 mcg", "2.5 mg",
    "50,000 IU", "800 mg every 2 hours") with the substance named near it (in a table,
    the medicine named in the row's first cell), and reports a dose that is implausible,
    saying what is wrong:

    - a unit slip: "levothyroxine is dosed in micrograms: 100 mg is 200 times the
      highest plausible dose of 500 mcg";
    - one dose above the usual maximum ("500 mg of colchicine is 417 times the usual
      maximum of 1.2 mg a dose");
    - a day's total above the usual maximum, from the stated frequency ("800 mg of
      ibuprofen every 2 hours is 9.6 g a day, 3 times the usual maximum of 3.2 g a day");
      "every 4 to 6 hours" counts its least frequent end, and a stated cap ("up to four
      times in 24 hours", "up to 4 g a day") is respected;
    - a weekly medicine said to be taken daily ("methotrexate is taken once a week");
    - a nutrient above its adult upper limit a day ("2,000 mcg of selenium a day is 5
      times the adult upper limit of 400 mcg a day", NIH ODS).

    The amounts come from the dose table shipped with medlint (about 300 medicines and
    supplements from public labelling, `data/vocabulary/doses.yaml`, sources recorded)
    and the `dosage` lexicon (aliases, wide ranges by route, upper limits). A dose is
    reported above a maximum only by more than a quarter (labels of different countries
    differ by about that much). Not findings: amounts per kilogram or per volume
    (15 mg/kg, 120 mg/5 mL, lab values), body stores and blood levels, a supervised use
    named in the sentence (prescribed, in hospital, a loading dose: then only unit slips
    are reported), an amount named as a danger threshold ("more than 100 mg of B6 a day
    can damage nerves"), an injected dose within the injection range ("a 1 mg B12
    injection"), block quotes.

    Also reports one unit abbreviated two ways in one article ("IU" and "I.U.", "g" and
    "gm", "mcg" and "µg"), at the first use of the less common spelling, with a fix that
    unifies the article to the most used spelling, or to the ISMP-preferred one ("mcg",
    "mL", "units") when the most used is error-prone. A unit written out ("500
    micrograms") or by another name ("cc" for mL) competes with no abbreviation. An
    error-prone spelling ("µg", "ug", "cc", "U") is also reported by `dose-format`
    (ML407) wherever it appears, mixed or not; both fixes write the same text.

    It reads paragraphs, list items, table cells, GitHub alerts, the text inside raw
    HTML blocks and, in `.mdx` files, inside JSX components (not headings; doses in
    block quotes only for unit spellings).

    ## Why it matters
    A unit slip is a 1,000-fold dosing error, and a frequency that adds up to three
    times the daily maximum (paracetamol every two hours) is an overdose a reader can
    follow to the letter. A weekly medicine written as daily (methotrexate) has killed
    patients.

    ## Example
    ```markdown
    Some take 1000 mg of vitamin B12 a week, or 800 mg of ibuprofen every 2 hours.
    ```

    ## Use instead
    ```markdown
    Some take 1000 mcg of vitamin B12 a week, or 400 mg of ibuprofen every 4 to 6 hours.
    ```
    """

    code = "ML405"
    name = "dosage-unit"
    summary = "Implausible dose for the substance (unit, amount or daily total), or mixed spellings of one unit"
    fixable = True
    messages = {
        "implausible": "{reason}",
        "mixed": "\"{spelling}\" and \"{majority}\" both write {unit} in this article; use one spelling ({target})",
    }

    def check(self, ctx: Context) -> None:
        found = []
        memo: dict = {}
        for block in ctx.doc.prose_blocks(quoted=True):
            if block.kind == "heading" or _DIGIT.search(block.text) is None:
                continue
            table = None
            for sentence in block.sentences:
                text = sentence.text
                if not _DIGIT.search(text):
                    continue  # every dose has a number
                if table is None:
                    table = table_context(block, ctx.doc.text, memo)
                for dose in dosage.find_doses(text, **table):
                    found.append((dose, sentence))
                    verdict = dosage.judge(dose)
                    if verdict is not None and not block.quoted:
                        start, end = sentence.span(dose.start, dose.end)
                        ctx.report(start, end, "implausible", reason=verdict.message, hint=verdict.hint)
        doses = [d for d, _ in found]
        for unit, spellings in dosage.unit_spelling_groups(doses).items():
            majority = dosage.majority_spelling(unit, spellings)
            target = dosage.unify_to(unit, majority)
            first_report = True
            for spelling, indexes in spellings.items():
                if spelling == majority:
                    continue
                changed = list(indexes) if spelling != target else []
                if first_report and majority != target:
                    changed = spellings[majority] + changed  # "µg" used most: it changes too
                first_report = False
                edits = []
                for i in changed:
                    dose, sentence = found[i]
                    s, e = sentence.span(dose.unit_start, dose.unit_end)
                    edits.append((s, e, dosage.unit_replacement(dose, target)))
                first, sentence = found[indexes[0]]
                start, end = sentence.span(first.unit_start, first.unit_end)
                fix = ctx.edits(edits, description=f"write every {unit} as {target}") if edits else None
                ctx.report(start, end, "mixed", spelling=first.unit_text, majority=doses[spellings[majority][0]].unit_text,
                           unit=_UNIT_NAMES.get(unit, unit), target=dosage.unit_replacement(first, target), fix=fix,
                           hint="one spelling per unit keeps a reader from wondering whether two units are meant")

_DIGIT = re.compile(r"[0-9]")
_DAILY_HEADER = re.compile(r"\b(?:per|a|each)\s+day\b|\bdaily\b", re.IGNORECASE)


def table_context(block, text: str, memo: dict) -> dict:  # type: ignore[no-untyped-def]
    """For a table cell that holds a number, what its row and column say about its
    doses: ``subject``, the substance named in the row's first cell ("| Vitamin A |
    25,000 IU |"), as (id, name), when it names exactly one; ``daily``, whether the
    column's header says the amounts are a day's ("Amount per day", "Daily dose"). Empty
    outside tables. ``memo`` keeps each row's and header's reading for one document."""
    if block.kind != "table_cell" or not _DIGIT.search(block.text):
        return {}
    cell = block.node
    row = cell.parent
    if row is None or cell not in row.children:
        return {}
    out: dict = {}
    first = row.children[0]
    if first is not cell:
        key = ("row", id(row))
        if key not in memo:
            names = dosage.substances_in(text[first.start:first.end])
            memo[key] = names[0] if names and len({sid for sid, _ in names}) == 1 else None
        if memo[key] is not None:
            out["subject"] = memo[key]
    table = row.parent.parent if row.parent is not None and row.parent.type == "table_body" else None
    if table is not None:
        index = row.children.index(cell)
        key = ("column", id(table), index)
        if key not in memo:
            head = next((c for c in table.children if c.type == "table_head"), None)
            header = head.children[index] if head is not None and index < len(head.children) else None
            memo[key] = header is not None and bool(_DAILY_HEADER.search(text[header.start:header.end]))
        out["daily"] = memo[key]
    return out


_UNIT_NAMES = {"mcg": "micrograms", "mg": "milligrams", "g": "grams", "iu": "international units",
               "ml": "millilitres", "units": "units"}
