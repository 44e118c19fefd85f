from __future__ import annotations

from ...diagnostics import Related, Severity
from ...claims import registry_conflicts
from ...rule import Context, Rule, Setup
from . import _claims
from ._claims import describe, quote


class ClaimRegistryConflict(Rule):
    """Articles must agree with the team's canonical claims.

    ## What it does
    Compares each health claim in the article with the claim registry — YAML files
    (`claims = ["content/claims/*.yaml"]` in `medlint.toml`) where the team records
    canonical, sourced claims with the same fields: id, subject, relation (causes by
    default; prevents, treats, cures, lowers_risk, raises_risk, improves, worsens),
    effect, stance, qualifiers and source. A claim that contradicts an entry under the
    `claim-contradiction` semantics (same relation and effect; an entry or claim about
    a class covers the class's members) is reported, naming the entry and its source.
    A registry file that is not valid stops the run with its file and line. Claims
    are read from the same prose as `claim-contradiction` reads (questions, quoted
    myths in block quotes, table cells, code and references give none).

    ## Why it matters
    The registry is what the team's clinicians signed off. An article that says
    otherwise is either wrong, or the registry needs review; either way a clinician
    should look before the article ships.

    ## Example
    ```markdown
    Taking B12 tablets can cause muscle cramps.
    ```

    ## Use instead
    ```markdown
    Taking B12 tablets does not cause muscle cramps.
    ```

    (with a registry entry saying oral B12 does not cause cramps)
    """

    code = "ML403"
    name = "claim-registry-conflict"
    summary = "A claim that contradicts the team's claim registry"
    severity = Severity.ERROR
    messages = {
        "conflict": "this claim ({claim}) contradicts registry entry `{id}` ({stance}, {scope}; source: {source})",
    }

    config_keys = (_claims.REGISTRY_KEY,)

    @classmethod
    def prepare(cls, setup: Setup) -> tuple:
        return _claims.prepare(setup)

    def check(self, ctx: Context) -> None:
        lexicon, entries = ctx.prepared
        if not entries:
            return
        found = ctx.doc.claims(lexicon)
        by_claim = {id(c.claim): c for c in found}
        for claim, entry, hint in registry_conflicts([c.claim for c in found], entries, lexicon=lexicon):
            at = by_claim[id(claim)]
            start, end = at.span()
            ctx.report(start, end, "conflict", claim=quote(at.sentence.text), id=entry.id, stance=entry.stance,
                       scope=describe(entry.qualifiers), source=entry.source, hint=hint,
                       related=[Related(entry.path, entry.line, 1, f"registry entry {entry.id}")])
