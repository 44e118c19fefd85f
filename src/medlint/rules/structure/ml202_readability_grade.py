from __future__ import annotations

import re

from ...document import Container
from ...language import readability as rd
from ...rule import Context, Rule
from .ml201_disclaimer_required import DEFAULT_HEADING, DISCLAIMER_LABEL

_NOT_GRADED = frozenset({Container.HEADING, Container.TABLE_CELL})
FORMULAS = {"flesch-kincaid": ("Flesch-Kincaid", rd.flesch_kincaid_grade), "smog": ("SMOG", rd.smog_grade)}


class ReadabilityGrade(Rule):
    """Body text should be readable at the target school grade.

    ## What it does
    Computes a reading grade (Flesch-Kincaid by default, SMOG selectable) over the
    article's prose only: paragraphs, list items, block quotes, GitHub alerts, the
    text inside raw HTML blocks and (in `.mdx`) JSX components, without headings,
    code, tables, footnotes, the references section and the medical disclaimer (a
    section whose heading contains "disclaimer", or a `**Disclaimer:**` paragraph):
    those are set wording the writer does not choose, so they neither raise nor lower
    the grade (options to grade them too). Reports once per article, at the
    first prose line, when the grade is above `max_grade`; the message lists the
    grade of each section, hardest first, so the writer knows where to start.
    Articles with fewer than `min_words` words of prose are not graded.

    ## Why it matters
    About a third of adults have limited health literacy, and people read below
    their schooling when ill or worried. Health agencies ask for grade 6-8
    (NLM: about 6th-7th grade; NIH: no higher than 8th). Hard text is misread text.

    ## Example
    ```markdown
    Pharmacological intervention utilising hydroxymethylglutaryl-coenzyme A reductase inhibitors necessitates systematic evaluation of musculoskeletal symptomatology, particularly myalgia, considering interindividual pharmacokinetic variability and concomitant medication administration. Comprehensive documentation of creatine kinase concentrations facilitates differentiation between clinically significant myopathy and nonspecific discomfort. Discontinuation considerations require multidisciplinary consultation incorporating cardiovascular risk stratification methodologies and individualised therapeutic alternatives. Periodic reassessment of lipid-lowering efficacy, hepatic transaminase elevations and patient-reported adherence determines whether dosage modification, alternative statin selection or non-statin pharmacotherapy represents the appropriate subsequent intervention. Individualised counselling regarding anticipated adverse manifestations substantially improves therapeutic persistence among susceptible populations. Pharmacist-led medication reconciliation additionally identifies clinically relevant interactions with cytochrome P450 inhibitors, fibrates and macrolide antibiotics.
    ```

    ## Use instead
    ```markdown
    Statins lower cholesterol. Some people get sore muscles when they take them. If your muscles ache, tell your doctor. A blood test can show if the pain is from the statin. Your doctor may change your dose or your medicine. Do not stop on your own. Most people can keep taking a statin with a few changes. Ask your doctor what is right for you. Write down when the pain starts and how bad it is. Bring the list to your next visit. It helps your doctor choose the best plan. Keep taking your other medicines as normal. Call your doctor if you feel very weak.
    ```

    ## Options
    - `max_grade` (number, default 8): the highest acceptable grade.
    - `formula` (`flesch-kincaid` or `smog`, default `flesch-kincaid`).
    - `min_words` (integer, default 100): shorter prose is not graded.
    - `include_disclaimer` (boolean, default false): grade the disclaimer too.
    - `include_references` (boolean, default false): grade the references section too.
    """

    code = "ML202"
    name = "readability-grade"
    summary = "Body text above the target reading grade"
    messages = {
        "hard": "reading grade {grade} ({formula}) is above max_grade {max}; by section: {sections}",
    }
    options_schema = {
        "type": "object",
        "properties": {
            "max_grade": {"type": "number", "minimum": 0, "default": 8,
                          "description": "Highest acceptable reading grade."},
            "formula": {"enum": ["flesch-kincaid", "smog"], "default": "flesch-kincaid",
                        "description": "Which grade formula to use."},
            "min_words": {"type": "integer", "minimum": 0, "default": 100,
                          "description": "Prose shorter than this is not graded."},
            "include_disclaimer": {"type": "boolean", "default": False,
                                   "description": "Grade the medical disclaimer too."},
            "include_references": {"type": "boolean", "default": False,
                                   "description": "Grade the references section too."},
        },
        "additionalProperties": False,
    }

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        label, formula = FORMULAS[self.options["formula"]]
        # Per top-level section, its sentences: the stats of a section's sentences are
        # those of its blocks summed (rd.stats counts each sentence and each word once).
        per_section: dict[str, list[str]] = {}
        first = None
        skip_disclaimer = not self.options["include_disclaimer"]
        known_sections: dict[int, tuple[str, bool]] = {}  # per section: its top title, a disclaimer?
        for block in doc.prose_blocks(quoted=True, references=self.options["include_references"]):
            if block.container in _NOT_GRADED or block.in_footnote:
                continue
            known = known_sections.get(id(block.section))
            if known is None:
                known = known_sections[id(block.section)] = (
                    _top_title(block), skip_disclaimer and _disclaimer_section(block.section))
            title, disclaimer = known
            if disclaimer or (skip_disclaimer and DISCLAIMER_LABEL.match(doc.text, block.unit.start)):
                continue  # in a disclaimer section, or a paragraph labelled as the disclaimer
            if first is None:
                first = block
            texts = per_section.get(title)
            if texts is None:
                texts = per_section[title] = []
            texts.extend([s.text for s in block.sentences])
        if first is None:
            return
        sections = {t: rd.stats(texts) for t, texts in per_section.items()}
        total = rd.combine(sections.values())
        if total.words < self.options["min_words"]:
            return
        grade = formula(total)
        if grade is not None:
            ctx.measure("reading-grade", grade)
        if grade is None or grade <= self.options["max_grade"]:
            return
        graded = []
        for title in sections:
            g = formula(sections[title]) if sections[title].words else None
            if g is not None:
                graded.append((g, title))
        graded.sort(key=lambda gt: -gt[0])
        listing = ", ".join(f"{t} {g:.1f}" for g, t in graded[:6])
        if len(graded) > 6:
            listing += f", and {len(graded) - 6} more"
        line = doc.point(first.node.start).line
        start = doc.source.line_start(line)
        ctx.report(start, doc.source.line_end(line), "hard", grade=_shown(grade, self.options["max_grade"]),
                   formula=label,
                   max=_fmt(self.options["max_grade"]), sections=listing,
                   hint="use shorter sentences and everyday words; explain medical terms")


def _top_title(block) -> str:  # type: ignore[no-untyped-def]
    section = block.section
    if section is None:
        return "(introduction)"
    while section.parent is not None and section.parent.level > 1:
        section = section.parent
    if section.level == 1:
        return "(introduction)"
    return section.title


def _disclaimer_section(section) -> bool:  # type: ignore[no-untyped-def]
    """Is ``section`` or a section around it a disclaimer?"""
    while section is not None:
        if _DISCLAIMER_HEADING.search(section.title):
            return True
        section = section.parent
    return False


_DISCLAIMER_HEADING = re.compile(DEFAULT_HEADING, re.I)


def _shown(grade: float, limit: float) -> str:
    """``grade`` with one decimal, or as many as it takes not to read as equal to ``limit``
    ("6.04", not "6.0 is above 6")."""
    for digits in range(1, 5):
        text = f"{grade:.{digits}f}"
        if float(text) > limit:
            return text
    return repr(grade)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
