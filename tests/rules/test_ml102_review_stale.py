import datetime as dt

from medlint.rules.front_matter.ml102_review_stale import ReviewStale
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(ReviewStale, today=dt.date(2026, 11, 25))


def fm(date: str) -> str:
    return f"---\ntitle: T\nlast_reviewed: {date}\n---\n"


test_review_stale = tester.cases(
    valid=[
        fm("2026-11-01"),
        fm("2025-11-25"),  # exactly 365 days: not strictly older
        fm("2026-02-30"),  # invalid: frontmatter-schema's finding
        "# no front matter\n",
        Valid(fm("2026-10-01"), options={"max_age_days": 90}),
        Valid("---\ntitle: T\nreviewed: 2026-11-01\n---\n", options={"field": "reviewed"}),
    ],
    invalid=[
        Invalid(fm("2025-11-24"), errors=[Expect(3, 16, 3, 26, message_id="stale")]),
        Invalid(fm("2023-01-15"), errors=[Expect(3, 16, 3, 26, message="last medical review was 2023-01-15 (1410 days ago); articles must be reviewed every 365 days")]),
        Invalid(fm("'2024-01-01'"), errors=[Expect(3, 16, 3, 28)]),
        Invalid(fm("2026-06-01"), options={"max_age_days": 90}, errors=[Expect(3, 16)]),
        Invalid(fm("2027-01-01"), errors=[Expect(3, 16, message_id="future")]),
    ],
)
