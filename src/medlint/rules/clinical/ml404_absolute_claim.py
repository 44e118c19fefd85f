from __future__ import annotations

import re

from ...document import Container
from ...language.absolute import Match, find_absolute_claims, may_hold_absolute_claims
from ...rule import Context, Rule


class AbsoluteClaim(Rule):
    """Avoid miracle and absolute wording about health effects.

    ## What it does
    Reports wording that promises too much: "cures", "guaranteed", "100% safe",
    "no side effects", "none of the downsides of prescription drugs", "no risk",
    "risk-free", "miracle", "detox your body", "reverses type 2 diabetes",
    "eliminates eczema forever", "permanently lowers", "you can take as much as you
    like", "doctors don't want you to know", and promises in other words: "banishes
    eczema", "wipes out head lice", "say goodbye to bloating", "never suffer from cold
    sores again", "kills 100% of lice", "natural, so it can't hurt you", "works every
    single time", "the only remedy you will ever need", "without the side effects",
    "100% natural and safe", "permanently rewires your brain", "boosts your immune
    system for good", "you really can't overdo it" —
    once per sentence, at its first such phrase. "Never" and "always" alone are not
    findings, nor is a mention of a topic ("a liver detox", "detox teas"), a figure of
    speech ("the other half of the cure"), safety hedged by whom or how often
    ("completely safe for most children") or a question ("What is a liver detox?").
    Negated and myth-busting uses pass ("there is no miracle cure", "no supplement
    can cure…", "not intended to diagnose, treat, cure or prevent any disease", "not
    the safe, side-effect-free fix some websites make it sound", a heading or
    sentence about myths or marketing claims), and so do
    wording inside quotation marks and a hedged statement of fact with a citation in
    the sentence ("Antibiotics usually cure strep throat [2].").

    It reads all of the article's prose: paragraphs, headings, list items, table
    cells, block quotes, GitHub alerts, the text inside raw HTML blocks and, in
    `.mdx` files, inside JSX components. A heading that asks a question ("## Can
    turmeric cure arthritis?", "## What is a liver detox?") or only names the topic
    ("## Liver detox", "## Miracle cures", "## Cures for hay fever") is not a claim; a
    heading that promises ("## Detox your body in 3 days", "## Guaranteed results",
    "## A natural cure for eczema") is.

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
        markers: dict[int, list[int]] = {}  # unit id -> source offsets of its citation markers
        for citation in ctx.doc.citations:
            if citation.block is not None:
                markers.setdefault(id(citation.block.unit), []).append(citation.start)
        for block in ctx.doc.prose_blocks(quoted=True):  # every container, quotes included
            if block.in_footnote or not may_hold_absolute_claims(block.text):
                continue
            heading = block.container is Container.HEADING
            if heading and _is_question(block.text):
                continue
            context = " / ".join(block.section.path()) if block.section else ""
            unit_markers = markers.get(id(block.unit), ())
            for sentence in block.sentences:
                found = find_absolute_claims(sentence.text, context=context)
                if found and unit_markers:
                    start, end = sentence.span()
                    if any(start <= m <= end for m in unit_markers):
                        found = find_absolute_claims(sentence.text, context=context, cited=True)
                if heading:
                    found = [match for match in found if not _names_topic(sentence.text, match)]
                if found:  # once per sentence, at its first absolute phrase
                    start, end = sentence.span(found[0].start, found[0].end)
                    ctx.report(start, end, "absolute", text=found[0].text,
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
    besides articles and the like, and no "your" (which makes "Detox your body" a promise);
    or the noun "cure" naming what the section is about ("Cures for hay fever", "The
    cure for athlete's foot"), with no word that vouches for it ("A natural cure for …")."""
    if match.kind not in _TOPIC_KINDS or "your" in match.text.lower().split():
        return False
    if _CURE_FOR.match(heading, match.start) and not _VOUCHED.search(heading, 0, match.start):
        return True
    rest = heading[: match.start] + " " + heading[match.end :]
    return len([w for w in _WORDS.findall(rest) if w.lower() not in _FILLER]) <= 1


_CURE_FOR = re.compile(r"cures?\s+for\b", re.IGNORECASE)
_VOUCHED = re.compile(r"\b(?:natural|real|true|only|best|ultimate|proven|guaranteed|secret|permanent|"
                      r"simple|easy|fast|quick|instant|complete|total|one|this|our|my)\b", re.IGNORECASE)
