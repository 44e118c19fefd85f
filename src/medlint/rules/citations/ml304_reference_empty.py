from __future__ import annotations

from ...diagnostics import Severity
from ...rule import Context, Rule
from ._entries import entry_span, is_usable


class ReferenceEmpty(Rule):
    """A reference entry must hold a citation.

    ## What it does
    Reports an entry of the references list, or a footnote definition, that is empty
    or holds only numbers and punctuation (or a placeholder such as "TBD"): no author,
    title, URL, DOI or PMID. The finding points at the entry.

    ## Why it matters
    An empty entry makes the claims that cite it look sourced when they are not.

    ## Example
    ```markdown
    Zinc lozenges may shorten a cold [1].

    ## References

    1. .
    ```

    ## Use instead
    ```markdown
    Zinc lozenges may shorten a cold [1].

    ## References

    1. Hemilä H. Zinc lozenges and the common cold. JRSM Open. 2017. doi:10.1177/2054270417694291
    ```
    """

    code = "ML304"
    name = "reference-empty"
    summary = "Reference entry with no author, title, URL, DOI or PMID"
    severity = Severity.ERROR
    messages = {"empty": "reference entry {label} is empty: it names no author, title, URL, DOI or PMID"}

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        for ref in doc.references:
            if is_usable(ref):
                continue
            start, end = entry_span(doc, ref)
            label = str(ref.number) if ref.kind == "list" else f"[^{ref.node.attrs.get('label', ref.key)}]"
            ctx.report(start, end, "empty", label=label, hint="write the full citation or delete the entry")
