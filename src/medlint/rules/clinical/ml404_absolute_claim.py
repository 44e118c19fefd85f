from __future__ import annotations

from ...language.absolute import find_absolute_claims
from ...rule import Context, Rule


class AbsoluteClaim(Rule):
    """Avoid miracle and absolute wording about health effects.

    ## What it does
    Reports wording that promises too much: "cures", "guaranteed", "100% safe",
    "no side effects", "risk-free", "miracle", "detox your body", "permanently
    reverses", "doctors don't want you to know". "Never" and "always" alone are not
    findings. Negated and myth-busting uses pass ("there is no miracle cure", "no
    supplement can cure…", a heading or sentence about myths or marketing claims),
    and so do quotations and block quotes.

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
        for block in ctx.doc.prose_blocks():
            if block.in_footnote:
                continue
            context = " / ".join(block.section.path()) if block.section else ""
            for sentence in block.sentences:
                for match in find_absolute_claims(sentence.text, context=context):
                    start, end = sentence.span(match.start, match.end)
                    ctx.report(start, end, "absolute", text=match.text,
                               hint="say what the evidence shows, for whom, and how often; avoid promises")
