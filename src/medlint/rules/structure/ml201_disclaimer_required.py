from __future__ import annotations

import re

from ...diagnostics import FixSafety, Severity
from ...rule import Context, Rule

DEFAULT_WORDING = [
    r"(?:not|no)\s+(?:be\s+)?(?:(?:intended|meant|designed)\s+(?:to\s+be\s+|as\s+)?)?(?:a\s+)?"
    r"(?:substitutes?|replacements?)\s+for\b[^.]{0,60}\b(?:advice|care|consultation|diagnosis|treatment)",
    r"(?:should|does|do|is|are|must|can|will)\s+(?:not|never)\s+(?:be\s+used\s+to\s+)?"
    r"(?:replace|take\s+the\s+place\s+of)\b[^.]{0,60}\b(?:advice|care|doctor|clinician|professional|provider)",
    r"(?:doesn't|don't|isn't|aren't|shouldn't|can't|won't)\s+(?:replace|take\s+the\s+place\s+of)\b[^.]{0,60}"
    r"\b(?:advice|care|doctor|clinician|professional|provider)",
    r"not\s+(?:intended|meant)\s+(?:to\s+)?(?:replace|diagnose|provide\s+medical\s+advice)",
    r"does\s+not\s+(?:constitute|provide|offer)\s+(?:professional\s+)?medical\s+advice",
    r"is\s+not\s+medical\s+advice",
]
# A paragraph that starts with a bold "Disclaimer:" label (``allow_paragraph_label``).
DISCLAIMER_LABEL = re.compile(r"\s*(?:\*\*|__)?\s*(?:medical\s+)?disclaimer(?![a-z])\s*:?\s*(?:\*\*|__)?\s*:?\s*", re.I)
DEFAULT_HEADING = "disclaimer"
DEFAULT_TEXT = (
    "This article is for informational purposes only and is not a substitute for professional "
    "medical advice, diagnosis or treatment. Always ask your doctor or another qualified health "
    "provider about any questions you have about a medical condition or treatment."
)


class DisclaimerRequired(Rule):
    """Every article needs a medical-disclaimer section with approved wording.

    ## What it does
    Looks for a section whose heading matches `heading` (default: contains
    "disclaimer") and checks that its text says the article is not a substitute for
    (or should not replace) professional medical advice. The section's text is all
    its prose, including GitHub alerts and the text inside HTML blocks or JSX
    components. Reports a missing section at
    line 1, and a section without the approved wording at its heading.

    ## Why it matters
    Readers may act on what they read instead of seeing a clinician. The disclaimer
    tells them the article supports, and does not replace, care from their own
    doctor (HONcode principle 2, "complementarity").

    ## Example
    ```markdown
    # Magnesium and sleep

    Magnesium may help some people fall asleep.
    ```

    ## Use instead
    ```markdown
    # Magnesium and sleep

    Magnesium may help some people fall asleep.

    ## Medical disclaimer

    This article is for informational purposes only and is not a substitute for
    professional medical advice.
    ```

    ## Options
    - `heading` (string, regex, default `disclaimer`): what the section's heading must match (case-insensitive).
    - `wording` (list of regexes): accepted wording; the section must match one. Default:
      "not a substitute for … advice/care", "should not replace … advice", "is not medical advice".
    - `allow_paragraph_label` (boolean, default false; also written `allow-paragraph-label`): also
      accept a paragraph that starts with a bold label such as `**Disclaimer:**`.
    - `text` (string): the disclaimer inserted by the unsafe fix. When the article
      already has a `**Disclaimer:**` paragraph, the fix turns its label into the
      section heading instead of adding a second disclaimer.
    """

    code = "ML201"
    name = "disclaimer-required"
    summary = "No medical-disclaimer section with approved wording"
    severity = Severity.ERROR
    fixable = True
    messages = {
        "missing": "the article has no medical disclaimer section",
        "wording": "the disclaimer does not say the article is not a substitute for professional medical advice",
    }
    options_schema = {
        "type": "object",
        "properties": {
            "heading": {"type": "string", "default": DEFAULT_HEADING},
            "wording": {"type": "array", "items": {"type": "string"}, "minItems": 1, "default": DEFAULT_WORDING},
            "allow_paragraph_label": {"type": "boolean", "default": False},
            "text": {"type": "string", "minLength": 1, "default": DEFAULT_TEXT},
        },
        "additionalProperties": False,
    }

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        heading = re.compile(self.options["heading"], re.I)
        wording = [re.compile(w, re.I) for w in self.options["wording"]]

        def approved(text: str) -> bool:
            text = " ".join(text.replace("\u2019", "'").split())
            return any(w.search(text) for w in wording)

        sections = [s for s in doc.sections if heading.search(s.title)]
        for section in sections:
            body = " ".join(b.text for b in doc.blocks
                            if section.start <= b.node.start < section.end and b.node is not section.heading)
            if approved(body):
                return
        labelled = [b for b in doc.prose_blocks() if b.kind == "paragraph"
                    and DISCLAIMER_LABEL.match(doc.text[b.node.start:b.node.end])]
        if self.options["allow_paragraph_label"] and any(approved(b.text) for b in labelled):
            return
        if sections:
            h = sections[0].heading
            ctx.report(h.start, h.end, "wording",
                       hint="say the article is for information only and not a substitute for professional medical advice")
            return
        if labelled:
            # The article has a disclaimer paragraph: appending a section would make two.
            # Its label becomes the section's heading when its wording is approved.
            block = next((b for b in labelled if approved(b.text)), None)
            fix = None
            if block is not None:
                label = DISCLAIMER_LABEL.match(doc.text, block.node.start)
                fix = ctx.replace(block.node.start, label.end(), "## Medical disclaimer\n\n", safety=FixSafety.UNSAFE,
                                  description="turn the disclaimer paragraph into a section")
            ctx.report(0, 0, "missing", fix=fix,
                       hint="make the `Disclaimer:` paragraph a `## Medical disclaimer` section (or set "
                            "allow_paragraph_label)")
            return
        end = len(doc.text)
        sep = "" if doc.text.endswith("\n\n") else ("\n" if doc.text.endswith("\n") else "\n\n")
        insert = f"{sep}## Medical disclaimer\n\n{self.options['text']}\n"
        fix = None
        if _lands_as_a_section(doc, insert, heading):  # not swallowed by an unclosed fence or comment
            fix = ctx.replace(end, end, insert, safety=FixSafety.UNSAFE, description="add a medical disclaimer section")
        ctx.report(0, 0, "missing", fix=fix,
                   hint="add a `## Medical disclaimer` section saying the article is not a substitute for professional medical advice")


def _lands_as_a_section(doc, insert: str, heading: "re.Pattern[str]") -> bool:  # type: ignore[no-untyped-def]
    """Whether ``insert`` appended to the file is read as a section of its own."""
    return any(n.type == "heading" and heading.search(n.plain_text()) for n in doc.blocks_after_appending(insert))
