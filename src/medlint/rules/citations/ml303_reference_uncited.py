from __future__ import annotations

from ...rule import Context, Rule
from ._entries import entry_span


class ReferenceUncited(Rule):
    """Reference entries should be cited somewhere in the text.

    ## What it does
    When the article uses numbered citation markers (`[1]`, `<sup>1</sup>`), reports
    each entry of the references list that no marker cites. A footnote definition
    that no `[^key]` marker uses is always reported.

    ## Why it matters
    An uncited source suggests a claim lost its citation in an edit, or that the list
    pads the article with sources it does not use; either way the reader cannot tell
    which statement rests on which source.

    ## Example
    ```markdown
    Iron helps make red blood cells [1].

    ## References

    1. MedlinePlus. Iron in diet.
    2. NHS. Iron deficiency anaemia.
    ```

    ## Use instead
    ```markdown
    Iron helps make red blood cells [1]. Low iron can cause anaemia [2].

    ## References

    1. MedlinePlus. Iron in diet.
    2. NHS. Iron deficiency anaemia.
    ```
    """

    code = "ML303"
    name = "reference-uncited"
    summary = "Reference entry that no marker cites"
    messages = {
        "list": "reference {number} is not cited anywhere in the text",
        "footnote": "footnote [^{key}] is defined but never cited",
    }

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        cited_numbers = {n for c in doc.citations if c.kind != "footnote" for n in c.numbers}
        cited_keys = {c.key for c in doc.citations if c.kind == "footnote"}
        for ref in doc.references:
            start, end = entry_span(doc, ref)
            if ref.kind == "list" and cited_numbers and ref.number not in cited_numbers:
                ctx.report(start, end, "list", number=ref.number, hint=f"cite it with [{ref.number}] or remove it")
            elif ref.kind == "footnote" and ref.key not in cited_keys:
                label = ref.node.attrs.get("label", ref.key)
                ctx.report(ref.node.start, ref.node.start + len(label) + 4, "footnote", key=label)
