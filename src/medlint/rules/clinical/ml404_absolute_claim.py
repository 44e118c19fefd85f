from __future__ import annotations

import re

from ...document import Container
from ...language.absolute import Match, find_absolute_claims
from ...rule import Context, Rule


class AbsoluteClaim(Rule):
    """Avoid miracle and absolute wording about health effects.

    ## What it does
    Reports wording that promises too much: "cures", "guaranteed", "100% safe",
    "no side effects", "risk-free", "miracle", "detox your body", "permanently
    reverses", "doctors don't want you to know". "Never" and "always" alone are not
    findings. Negated and myth-busting uses pass ("there is no miracle cure", "no
    supplement can cure…", a heading or sentence about myths or marketing claims),
    and so does wording inside quotation marks.

    It reads all of the article's prose: paragraphs, headings, list items, table
    cells, block quotes, GitHub alerts, the text inside raw HTML blocks and, in
    `.mdx` files, inside JSX components. A heading that asks a question ("## Can
    turmeric cure arthritis?", "## What is a liver detox?") or only names the topic
    ("## Liver detox", "## Miracle cures") is not a claim; a heading that promises
    ("## Detox your body in 3 days", "## Guaranteed results") is.

    ## Why it matters
    Absolute claims are rarely true in medicine and make readers drop treatments that
    work or take risks they should not. The FTC treats such claims as needing strong
    evidence; FDA rules forbid disease claims for supplements.

    ## Example
    ```markdown
    This supplement cures anxiety and is 100% safe.
    ```

    ## Use instead
    ```markdown
    In small studies, this supplement eased anxiety for some people [1]. It can cause side effects.
    ```
    """

    code = "ML404"
    name = "absolute-claim"
    summary = "Miracle or absolute wording: cures, guaranteed, 100% safe, no side effects"
    messages = {"absolute": "absolute claim: \"{text}\""}

    def check(self, ctx: Context) -> None:
        for block in ctx.doc.prose_blocks(quoted=True):  # every container, quotes included
            if block.in_footnote:
                continue
            heading = block.container is Container.HEADING
            if heading and _is_question(block.text):
                continue
            context = " / ".join(block.section.path()) if block.section else ""
            for sentence in block.sentences:
                for match in find_absolute_claims(sentence.text, context=context):
                    if heading and _names_topic(sentence.text, match):
                        continue
                    start, end = sentence.span(match.start, match.end)
                    ctx.report(start, end, "absolute", text=match.text,
                               hint="say what the evidence shows, for whom, and how often; avoid promises")


# The wording kinds that, as a bare noun phrase, name a topic ("Liver detox", "Detox
# diets", "Miracle cures", "Cures for hay fever") rather than promise something.
_TOPIC_KINDS = frozenset({"detox", "miracle", "cure"})
_WORDS = re.compile(r"[^\W\d_][\w'\u2019-]*")
_FILLER = frozenset({"a", "an", "the", "and", "or", "of", "for", "your", "my", "our"})


def _is_question(heading: str) -> bool:
    return heading.rstrip(" *_`\u201d\"'").endswith("?")


def _names_topic(heading: str, match: Match) -> bool:
    """A heading that is a noun phrase around the wording: at most one other word
    besides articles and the like, and no "your" (which makes "Detox your body" a promise)."""
    if match.kind not in _TOPIC_KINDS or "your" in match.text.lower().split():
        return False
    rest = heading[: match.start] + " " + heading[match.end :]
    return len([w for w in _WORDS.findall(rest) if w.lower() not in _FILLER]) <= 1
