from __future__ import annotations

import re

from ...language.evidence import find_evidence_claims
from ...rule import Context, Rule


class ClaimUncited(Rule):
    """Statistics and evidence claims need a citation.

    ## What it does
    Finds sentences that state a statistic or an evidence claim — a percentage
    ("40% of adults"), a proportion ("one in five"), a relative risk ("twice as
    likely", "doubles the risk"), "studies show", "research suggests", "a 2019 study
    found" — with no citation marker (`[1]`, `[^1]`, `<sup>1</sup>`) and no link in
    the sentence or its paragraph (or list item); an author-year citation such as
    "(Smith et al., 2020)" also counts. Reported once per sentence, from
    its first word. Block quotes, tables, reference entries and footnotes are not
    checked; product strengths ("1% hydrocortisone cream") are not statistics.

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
        cited_units = {id(c.block.unit) for c in doc.citations if c.block is not None}
        cited_units |= {id(link.block.unit) for link in doc.links if link.block is not None}
        for block in doc.prose_blocks():
            if block.kind in ("heading", "table_cell") or block.in_footnote or id(block.unit) in cited_units:
                continue
            if _AUTHOR_YEAR.search(block.text):
                continue  # "(Smith et al., 2020)": cited, in author-year style
            for sentence in block.sentences:
                found = find_evidence_claims(sentence.text)
                if not found:
                    continue
                first = found[0]
                start, end = sentence.span()
                ctx.report(start, end, "uncited", kind=_KINDS.get(first.kind, "evidence claim"), text=first.text,
                           hint="cite the source with a marker such as [1] and list it under References")


# An author-year citation: "(Smith et al., 2020)", "(CDC, 2023)", "(Lee & Park 2019a; ...)".
_AUTHOR_YEAR = re.compile(
    r"\((?:see\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:et\s+al\.?|and|&)(?:\s+[A-Z][\w'\u2019.-]*)?)?,?\s+"
    r"(?:19|20)\d{2}[a-z]?(?:[;,][^)]{0,120})?\)")

_KINDS = {
    "percentage": "statistic",
    "proportion": "statistic",
    "relative-risk": "statistic",
    "research-finding": "research claim",
    "evidence-statement": "evidence claim",
    "proven-claim": "evidence claim",
    "study-reference": "research claim",
}
