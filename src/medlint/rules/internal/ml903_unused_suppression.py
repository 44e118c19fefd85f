from __future__ import annotations

from ...rule import Context, Rule, Stage


class UnusedSuppression(Rule):
    """Suppressions must suppress something, name real rules, and not outlive their expiry.

    ## What it does
    Reports a `medlint-disable…` comment (or a front-matter `medlint.ignore` entry)
    that matched no finding, names a rule medlint does not know, or has passed the
    date in its `until YYYY-MM-DD` (an expired suppression also stops suppressing).
    The fix removes the unused comment, or the unused rule names from it.

    ## Why it matters
    A stale suppression silently switches a safety check off for text written later.
    Like Ruff's unused `noqa`, reporting it keeps silenced checks to the places that
    truly need them.

    ## Example
    ```markdown
    <!-- medlint-disable-next-line link-bare -- reviewed -->
    Read the [NHS guidance](https://www.nhs.uk/) first.
    ```

    ## Use instead
    ```markdown
    Read the [NHS guidance](https://www.nhs.uk/) first.
    ```
    """

    code = "ML903"
    name = "unused-suppression"
    summary = "Suppression comment that matches nothing, names an unknown rule, or has expired"
    fixable = True
    stage = Stage.SUPPRESSIONS
    messages = {
        "unused": "suppression of `{rules}` matches no finding",
        "unused-all": "suppression matches no finding",
        "unknown": "suppression names an unknown rule `{rules}`",
        "expired": "suppression expired on {date}{owner}; it no longer suppresses anything",
        "malformed": "{why}",
    }

    def check(self, ctx: Context) -> None:
        outcome = ctx.suppressions
        enabled = outcome.enabled
        for start, end, why in outcome.problems:
            ctx.report(start, end, "malformed", why=why)
        for sup in outcome.suppressions:
            if sup.unknown:
                close = [c for c in map(outcome.suggest, sup.unknown) if c]
                ctx.report(sup.start, sup.end, "unknown", rules=", ".join(sup.unknown),
                           hint=f"did you mean `{close[0]}`?" if len(close) == 1 and len(sup.unknown) == 1
                           else "use a rule name or code from `medlint rules`")
                if not sup.rules:
                    continue
            if sup.expires and not ctx.date_in(None, sup.expires):
                owner = f" (owner @{sup.owner})" if sup.owner else ""
                ctx.report(sup.start, sup.end, "expired", date=sup.expires.isoformat(), owner=owner,
                           hint="fix the finding, or renew the suppression with a new date and reason")
                continue
            if sup.kind == "file":
                if sup.rules and sup.rules[0] in enabled and not sup.used:
                    ctx.report(sup.start, sup.end, "unused", rules=sup.written[0])
                continue
            if not sup.rules:
                if not sup.used_all:
                    ctx.report(sup.start, sup.end, "unused-all", fix=self._remove(ctx, sup, ()))
                continue
            unused = [w for w, r in zip(sup.written, _resolved(sup)) if r in enabled and r not in sup.used]
            if unused:
                keep = tuple(w for w, r in zip(sup.written, _resolved(sup)) if r in sup.used or r not in enabled)
                ctx.report(sup.start, sup.end, "unused", rules=", ".join(unused), fix=self._remove(ctx, sup, keep))

    def _remove(self, ctx: Context, sup, keep: tuple[str, ...]):
        text = ctx.doc.text
        if keep:
            head = {"range": "medlint-disable", "next-line": "medlint-disable-next-line",
                    "line": "medlint-disable-line"}[sup.kind]
            reason = f" -- {sup.reason}" if sup.reason else ""
            return ctx.replace(sup.start, sup.end, f"<!-- {head} {','.join(keep)}{reason} -->",
                               description="drop the unused rule names")
        start, end = sup.start, sup.end
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            start, end = line_start, min(line_end + 1, len(text))
        return ctx.replace(start, end, "", description="remove the unused suppression")


def _resolved(sup) -> list[str | None]:
    """Each written name's canonical rule (None where unknown), parallel to sup.written."""
    out, known = [], iter(sup.rules)
    unknown = set(sup.unknown)
    for w in sup.written:
        out.append(None if w in unknown else next(known, None))
    return out
