from __future__ import annotations

import datetime as dt

from ...rule import Context, Rule


class ReviewStale(Rule):
    """The medical review date must be recent.

    ## What it does
    Reads `last_reviewed` from the front matter and reports it when it is more than
    `max_age_days` days before today (or before `--today YYYY-MM-DD`, for
    reproducible runs). The finding points at the date. A missing or malformed date
    is `frontmatter-schema`'s finding, not this rule's.

    ## Why it matters
    Medical advice changes: doses, guidelines and warnings are revised. Readers
    trust a dated review; an old one may mean outdated, even unsafe, advice.

    ## Example
    ```markdown
    ---
    title: Iron and fatigue
    last_reviewed: 2021-01-15
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: Iron and fatigue
    last_reviewed: 2026-10-01
    ---
    ```

    ## Options
    - `max_age_days` (integer, default 365): older than this many days (strictly) is stale.
    - `field` (string, default `last_reviewed`): the front-matter key holding the date.
    """

    code = "ML102"
    name = "review-stale"
    summary = "last_reviewed is older than max_age_days"
    messages = {
        "stale": "last medical review was {date} ({age} days ago); articles must be reviewed every {max} days",
        "future": "last_reviewed {date} is in the future",
    }
    options_schema = {
        "type": "object",
        "properties": {
            "max_age_days": {"type": "integer", "minimum": 1, "default": 365},
            "field": {"type": "string", "default": "last_reviewed"},
        },
        "additionalProperties": False,
    }

    def check(self, ctx: Context) -> None:
        fm = ctx.doc.front_matter
        key = self.options["field"]
        value = fm.mapping.get(key)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                return
        if not isinstance(value, dt.date):
            return
        start, end = fm.value_spans.get((key,), fm.span_for((key,)))
        max_age = self.options["max_age_days"]
        try:
            due = value + dt.timedelta(days=max_age)
        except OverflowError:  # reviewed near 9999-12-31: never due
            due = None
        # Asked as a range, so a result with nothing to report is cached for every day
        # until the review is due; the stale message counts days, so it is per day.
        if ctx.date_in(value, due):
            return
        if ctx.date_in(None, value):  # before the review date (today == value was in range)
            ctx.report(start, end, "future", date=value.isoformat())
            return
        age = (ctx.today - value).days
        ctx.report(start, end, "stale", date=value.isoformat(), age=age, max=max_age,
                   hint="have a clinician review the article and update the date")
