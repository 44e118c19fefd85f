"""Inline suppressions, front-matter ignores, reasons, owners, expiry, unused-suppression."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medlint.config import CliOverrides, Config, Resolver
from medlint.linter import RuleSet, lint_text
from medlint.registry import Registry
from medlint.rule import RunContext

TODAY = dt.date(2026, 11, 25)


def lint(text: str, select: str = "link-bare,unused-suppression,citation-unresolved"):
    resolver = Resolver(Config(None, Path(".")), Registry.builtin(), CliOverrides(select=tuple(select.split(","))))
    result = lint_text("t.md", text, lambda doc: RuleSet(resolver).for_file("t.md", doc.data), RunContext(TODAY))
    return [(d.rule, d.line, d.column, d.message) for d in result.diagnostics]


def rules_at(found):
    return [(r, line) for r, line, _, _ in found]


@pytest.mark.parametrize("text, expected", [
    # next line
    ("<!-- medlint-disable-next-line link-bare -- press release -->\nSee https://x.org/a\n", []),
    ("<!-- medlint-disable-next-line ML305 -->\nSee https://x.org/a\n", []),
    # only the next line
    ("<!-- medlint-disable-next-line link-bare -->\nSee https://x.org/a\nSee https://x.org/b\n",
     [("link-bare", 3)]),
    # a different rule is not suppressed, and the suppression is then unused
    ("<!-- medlint-disable-next-line citation-unresolved -->\nSee https://x.org/a\n",
     [("unused-suppression", 1), ("link-bare", 2)]),
    # ranges
    ("<!-- medlint-disable link-bare -->\nA https://x.org/a\n\nB https://x.org/b\n<!-- medlint-enable link-bare -->\n"
     "\nC https://x.org/c\n", [("link-bare", 7)]),
    # disable without rules: everything
    ("<!-- medlint-disable -->\nA https://x.org/a [9]\n", []),
    # same line (inline comment)
    ("A https://x.org/a <!-- medlint-disable-line link-bare -->\n", []),
    # unknown rule
    ("<!-- medlint-disable-next-line no-such-rule -->\nText.\n", [("unused-suppression", 1)]),
    # unused
    ("<!-- medlint-disable-next-line link-bare -- old -->\nText.\n", [("unused-suppression", 1)]),
    # comments inside code are not suppressions
    ("```\n<!-- medlint-disable-next-line link-bare -->\n```\nSee https://x.org/a\n", [("link-bare", 4)]),
    # in a list item
    ("- a\n  <!-- medlint-disable-next-line link-bare -->\n  https://x.org/a\n", []),
])
def test_inline_suppressions(text, expected):
    assert rules_at(lint(text)) == expected


def test_partially_used_suppression_reports_only_the_unused_rule():
    found = lint("<!-- medlint-disable-next-line link-bare, citation-unresolved -->\nSee https://x.org/a\n")
    assert [(r, m) for r, _, _, m in found] == [
        ("unused-suppression", "suppression of `citation-unresolved` matches no finding")]


def test_expired_suppression_stops_suppressing_and_is_reported():
    text = "<!-- medlint-disable-next-line link-bare -- legal asked @sam until 2026-01-01 -->\nSee https://x.org/a\n"
    found = lint(text)
    assert rules_at(found) == [("unused-suppression", 1), ("link-bare", 2)]
    assert "expired on 2026-01-01 (owner @sam)" in found[0][3]


def test_future_expiry_still_suppresses():
    text = "<!-- medlint-disable-next-line link-bare -- until 2027-03-01 -->\nSee https://x.org/a\n"
    assert lint(text) == []


def test_front_matter_ignore():
    text = "---\nmedlint:\n  ignore: [link-bare, ML302]\n---\nSee https://x.org/a [4]\n"
    assert lint(text) == []
    unused = lint("---\nmedlint:\n  ignore: [link-bare]\n---\nNothing here.\n")
    assert rules_at(unused) == [("unused-suppression", 3)]


def test_rule_errors_cannot_be_suppressed():
    from medlint.document import Document
    from medlint.rules.internal.ml901_rule_error import RuleError
    from medlint.rules.internal.ml902_file_unreadable import FileUnreadable
    from medlint.suppressions import apply, collect

    doc = Document.from_text("<!-- medlint-disable -->\nText.\n", "t.md")
    sups, _ = collect(doc, Registry.builtin().resolve)
    found = [RuleError.finding("t.md", "link-bare", "boom"), FileUnreadable.finding("t.md", "not UTF-8", 2, 1)]
    assert apply(found, sups, TODAY) == found


def test_suppression_ignored_when_rule_is_not_enabled():
    # the rule is off in this run: the comment is not "unused" here
    assert lint("<!-- medlint-disable-next-line citation-unresolved -->\nText.\n",
                select="link-bare,unused-suppression") == []
