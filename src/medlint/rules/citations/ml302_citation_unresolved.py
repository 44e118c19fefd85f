from __future__ import annotations

from ...diagnostics import Severity
from ...rule import Context, Rule


class CitationUnresolved(Rule):
    """Every citation marker must point at a reference entry.

    ## What it does
    Checks inline citation markers — `[3]`, groups and ranges like `[1, 3-5]`,
    `<sup>3</sup>`, and footnote references `[^3]` — against the references list
    (`[2]` is entry 2 of the list) and the footnote definitions (`[^2]` needs a
    `[^2]:` line). A marker with no matching entry is reported at the marker. A marker
    that points at an empty entry resolves (the entry gets `reference-empty`).

    ## Why it matters
    A dangling marker looks like evidence but leads nowhere: the reader cannot check
    the claim, and the citation was often lost in an edit.

    ## Example
    ```markdown
    Vitamin D helps the body absorb calcium [2].

    ## References

    1. NIH Office of Dietary Supplements. Vitamin D fact sheet.
    ```

    ## Use instead
    ```markdown
    Vitamin D helps the body absorb calcium [1].

    ## References

    1. NIH Office of Dietary Supplements. Vitamin D fact sheet.
    ```
    """

    code = "ML302"
    name = "citation-unresolved"
    summary = "Inline citation marker with no matching reference entry"
    severity = Severity.ERROR
    messages = {
        "number": "citation [{number}] has no matching entry in the references list ({entries})",
        "footnote": "footnote [^{key}] has no definition",
    }

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        numbers = {r.number for r in doc.references if r.kind == "list"}
        keys = {r.key for r in doc.references if r.kind == "footnote"}
        count = len(numbers)
        for cite in doc.citations:
            if cite.kind == "footnote":
                if cite.key not in keys:
                    label = doc.text[cite.start + 2:cite.end - 1]
                    ctx.report(cite.start, cite.end, "footnote", key=label,
                               hint=f"add a definition line `[^{label}]: ...` or fix the marker")
                continue
            missing = [n for n in cite.numbers if n not in numbers]
            if missing:
                ctx.report(cite.start, cite.end, "number", number=", ".join(map(str, missing)),
                           entries=f"{count} entr{'y' if count == 1 else 'ies'}",
                           hint="add the missing reference or correct the number")
