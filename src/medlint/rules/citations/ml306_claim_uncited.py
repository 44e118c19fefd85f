from __future__ import annotations

import re

from ...document import Container, ProseBlock
from ...language.evidence import find_evidence_claims, may_hold_evidence_claims
from ...rule import Context, Rule


class ClaimUncited(Rule):
    """Statistics and evidence claims need a citation.

    ## What it does
    Finds sentences that state a statistic or an evidence claim — a percentage
    ("40% of adults"), a proportion ("one in five"), a relative risk ("twice as
    likely", "doubles the risk"), "studies show", "research suggests", "a 2019 study
    found" — with no citation marker (`[1]`, `[^1]`, `<sup>1</sup>`) and no link in
    the sentence or its paragraph (or list item); an author-year citation such as
    "(Smith et al., 2020)" and a source URL in brackets ("(https://www.who.int/…)")
    also count. Besides numbers and "studies show", evidence reported in the passive
    ("has been shown to", "was found to", "it has been proven that"), discoveries and
    studies described in other words ("scientists have discovered", "a trial in
    Denmark concluded", "a landmark study", "In one small trial, …"), verdicts on the
    evidence ("the science is clear"), appeals to authority ("experts say",
    "physiotherapists say", "most doctors agree", "podiatrists recommend a urea
    cream", "according to experts", "doctors won't tell you", "it is well known
    that", "dermatologist-recommended", "most psychiatrists now agree") and counts of
    people ("Nearly 38 million Americans have diabetes", "around 1,500 travellers")
    are claims too. Not claims: evidence said to be absent ("there is little good
    evidence for this", "there's no evidence that ..."), an association stated as a
    description ("it is often linked with raised eye pressure"; "is linked to a
    higher risk of ..." and "has been linked to" stay claims), arithmetic on the article's
    own numbers ("which is 53% of the NRV", "10 fewer plaques, a 71% drop"), prices
    ("40% cheaper"), product strength and composition ("Amorolfine 5% nail lacquer",
    "0.5% malathion", "70% cocoa", "contains 90% protein", "the 2% versions", "a 50%
    DEET repellent", "a 90% omega-3 concentrate"), comparisons of dosing
    ("apply it twice as often"), and the reader's own clinician recommending how to
    take a medicine ("your doctor may recommend", "doctors recommend taking it with
    food"). Reported once per sentence, from its first word. In a table,
    the cell's row is its paragraph: a citation in any cell of the row covers the
    row. A heading or table cell is read when it makes a statement (four words or
    more): a value ("40%") or a label ("## 40% of adults") is not a claim.

    It reads all of the article's prose: paragraphs, headings, list items, table
    cells, block quotes, GitHub alerts, the text inside raw HTML blocks and, in
    `.mdx` files, inside JSX components. Reference entries and footnotes are not
    checked.

    ## Why it matters
    Numbers and "research shows" persuade. An unsourced one cannot be checked, and
    the FTC expects health claims to be backed by competent and reliable evidence.

    ## Example
    ```markdown
    Studies show that 30% of adults over 50 do not absorb enough vitamin B12.
    ```

    ## Use instead
    ```markdown
    Studies show that 10% to 30% of adults over 50 do not absorb enough vitamin B12 from food [1].
    ```
    """

    code = "ML306"
    name = "claim-uncited"
    summary = "Statistic or evidence claim with no citation in its sentence or paragraph"
    messages = {"uncited": "{kind} (\"{text}\") with no citation in the sentence or its paragraph"}

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        cited_units = {_unit(c.block) for c in doc.citations if c.block is not None}
        cited_units |= {_unit(link.block) for link in doc.links if link.block is not None}
        for block in doc.prose_blocks(quoted=True):  # every container, quotes included
            if block.in_footnote or _unit(block) in cited_units or not may_hold_evidence_claims(block.text):
                continue
            if block.container in _LABELS and len(_WORD.findall(block.text)) < _STATEMENT_WORDS:
                continue  # a value or a label ("40%", "## 40% of adults"), not a statement
            if _AUTHOR_YEAR.search(block.text) or _BRACKETED_URL.search(block.text):
                continue  # "(Smith et al., 2020)", "(https://www.who.int/...)": cited in the text
            for sentence in block.sentences:
                found = find_evidence_claims(sentence.text)
                if not found:
                    continue
                first = found[0]
                start, end = sentence.span()
                ctx.report(start, end, "uncited", kind=_KINDS.get(first.kind, "evidence claim"), text=first.text,
                           hint="cite the source with a marker such as [1] and list it under References")


# Headings and table cells are read when they hold a statement: at least this many words.
_LABELS = frozenset({Container.HEADING, Container.TABLE_CELL})
_STATEMENT_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+")


def _unit(block: ProseBlock) -> int:
    """What one citation covers: the paragraph or list item, or a table cell's row."""
    unit = block.unit
    if unit.type == "table_cell" and unit.parent is not None:
        return id(unit.parent)
    return id(unit)


# An author-year citation: "(Smith et al., 2020)", "(CDC, 2023)", "(Lee & Park 2019a; ...)".
_AUTHOR_YEAR = re.compile(
    r"\((?:see\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:et\s+al\.?|and|&)(?:\s+[A-Z][\w'\u2019.-]*)?)?,?\s+"
    r"(?:19|20)\d{2}[a-z]?(?:[;,][^)]{0,120})?\)")

# A source given as a URL in brackets: "(https://www.who.int/...)", "[www.nhs.uk/...]".
_BRACKETED_URL = re.compile(r"[(\[]\s*(?:https?://|www\.)[^\s)\]]+\s*[)\]]", re.IGNORECASE)

_KINDS = {
    "percentage": "statistic",
    "proportion": "statistic",
    "relative-risk": "statistic",
    "research-finding": "research claim",
    "evidence-statement": "evidence claim",
    "proven-claim": "evidence claim",
    "study-reference": "research claim",
    "study-mention": "research claim",
    "passive-evidence": "research claim",
    "authority": "appeal to authority",
    "population": "statistic",
}
