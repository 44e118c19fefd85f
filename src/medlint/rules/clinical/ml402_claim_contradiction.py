from __future__ import annotations

from ...diagnostics import Severity
from ...claims import find_contradictions
from ...rule import Context, Rule, Setup
from . import _claims
from ._claims import quote


class ClaimContradiction(Rule):
    """One article must not say a thing never happens and, elsewhere, that it can.

    ## What it does
    Extracts health claims (subject, relation, effect, stance, qualifiers) from the
    prose: "B12 never causes cramps" is (vitamin B12, causes, muscle cramps,
    negative); "B12 injections can cause cramps" is (vitamin B12, causes, muscle
    cramps, positive, route=injection). The relations are causes, prevents, treats,
    cures, lowers the risk of, raises the risk of, improves and worsens, each compared
    only with itself ("does not prevent colds" says nothing about causing them).
    Subjects are the medicines, supplements and drug classes of the shipped lexicon and
    vocabulary, by generic, brand or common name (Zoloft is sertraline). Qualifiers —
    dose, duration, severity, route, population, form — come from the sentence, or from
    the heading of the section it sits in.

    A negative claim contradicts a positive or rare one with the same relation and
    effect when it is about the same subject, or about a class the other's subject
    belongs to ("triptans do not cause chest tightness" covers sumatriptan; a negative
    about one member says nothing about the class or other members), and its scope
    covers the other's: for every qualifier it is unstated or the same. So a general
    denial contradicts a specific positive, but "oral B12 does not cause cramps" and
    "B12 injections can rarely cause cramps" are compatible (the route separates them),
    and "rarely" is not "never". Reported at the later claim, with the earlier one as a
    related location; the hint names the qualifier that would separate them (the dose
    when the other claim is about high doses, not the route both share).
    Claims come from all of the article's prose — paragraphs, headings, list items,
    GitHub alerts, the text inside raw HTML blocks and, in `.mdx` files, inside JSX
    components — except questions, quoted myths in block quotes, table cells, code,
    footnotes and reference entries.

    ## Why it matters
    A reader who sees both statements cannot know which to trust, and may act on the
    wrong one. Most such conflicts are a missing qualifier ("oral", "high-dose",
    "in children"); adding it makes both statements true.

    ## Example
    ```markdown
    B12 never causes cramps.

    ## B12 injections

    B12 injections can cause cramps.
    ```

    ## Use instead
    ```markdown
    Excess oral B12 is not a cause of cramps.

    ## B12 injections

    B12 injections can rarely cause hypokalemia and cramps.
    ```
    """

    code = "ML402"
    name = "claim-contradiction"
    summary = "Two claims about the same subject and effect with incompatible stance"
    severity = Severity.ERROR
    messages = {
        "contradiction": "this claim ({later}) contradicts an earlier one on line {line} ({earlier})",
    }

    config_keys = (_claims.REGISTRY_KEY,)

    @classmethod
    def prepare(cls, setup: Setup) -> tuple:
        return _claims.prepare(setup)

    def check(self, ctx: Context) -> None:
        lexicon, _ = ctx.prepared
        found = ctx.doc.claims(lexicon)
        by_claim = {id(c.claim): c for c in found}
        for earlier, later, hint in find_contradictions([c.claim for c in found], lexicon=lexicon):
            first, second = by_claim[id(earlier)], by_claim[id(later)]
            start, end = second.span()
            e_start, e_end = first.span()
            line = ctx.doc.point(e_start).line
            ctx.report(start, end, "contradiction", later=quote(second.sentence.text), line=line,
                       earlier=quote(first.sentence.text), hint=hint,
                       related=[ctx.related(e_start, f"earlier claim: {quote(first.sentence.text)}", e_end)])
