from __future__ import annotations

from ...diagnostics import Severity
from ...rule import Context, Rule
from ._entries import is_usable


class ReferencesRequired(Rule):
    """Every article needs a references section with at least one real entry.

    ## What it does
    Looks for a section headed References, Sources, Citations or Bibliography (or
    footnote definitions) and checks that it holds at least one usable entry (an
    author, title, URL, DOI or PMID). A missing section is reported at line 1; a
    section with no usable entry at its heading.

    ## Why it matters
    Attribution lets readers and reviewers check a health claim against its source
    (JAMA benchmark "attribution", DISCERN question 4, HONcode principle 4).

    ## Example
    ```markdown
    # Statins and muscle pain

    Muscle aches are the most reported side effect.
    ```

    ## Use instead
    ```markdown
    # Statins and muscle pain

    Muscle aches are the most reported side effect [1].

    ## References

    1. NHS. Statins: side effects. https://www.nhs.uk/medicines/statins/side-effects-of-statins/
    ```
    """

    code = "ML301"
    name = "references-required"
    summary = "No references section, or one with no usable entry"
    severity = Severity.ERROR
    messages = {
        "missing": "the article has no references section (References, Sources, Citations or Bibliography)",
        "empty": "the references section has no usable entry",
    }

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        if any(is_usable(r) for r in doc.references):
            return
        section = doc.references_section
        if section is None:
            ctx.report(0, 0, "missing", hint="add a `## References` section listing your sources")
        else:
            ctx.report(section.heading.start, section.heading.end, "empty",
                       hint="list each source with its author, title and a URL, DOI or PMID")
