"""Overlapping fixes: one round applies the earliest of two fixes that overlap and
defers the other; the fix loop lints again and applies it if it is still offered."""

from __future__ import annotations

import re

import pytest

from medlint.diagnostics import Diagnostic, Fix, Replacement, Severity
from medlint.fixes import apply, fix_until_stable
from medlint.position import Source


def fix_at(source: Source, start: int, end: int, text: str) -> Fix:
    p, q = source.point(start), source.point(end)
    return Fix((Replacement(p.line, p.column, q.line, q.column, text),))


def finding(fix: Fix) -> Diagnostic:
    r = fix.replacements[0]
    return Diagnostic("t.md", "t", "TST001", Severity.WARNING, "m", r.line, r.column, r.end_line, r.end_column,
                      fix=fix)


def two_rules(text: str) -> list[Diagnostic]:
    """Rule one: "ab" -> "AB". Rule two: "bc" in any case -> "XY". On "abc" they overlap on "b"."""
    source = Source(text)
    found = [finding(fix_at(source, m.start(), m.end(), "AB")) for m in re.finditer("ab", text)]
    found += [finding(fix_at(source, m.start(), m.end(), "XY")) for m in re.finditer("(?i)bc", text)]
    return found


def test_one_round_applies_the_earlier_of_two_overlapping_fixes():
    source = Source("abc\n")
    assert apply(source, [f.fix for f in two_rules(source.text)]) == ("ABc\n", 1)
    # the order they are offered in does not matter
    assert apply(source, [f.fix for f in reversed(two_rules(source.text))]) == ("ABc\n", 1)


@pytest.mark.parametrize("text, fixed, applied", [
    ("abc\n", "AXY\n", 2),  # "ab" first; then "Bc" still matches rule two
    ("abcabc\n", "AXYAXY\n", 4),
    ("xbc ab\n", "xXY AB\n", 2),  # no overlap: both in one round
])
def test_fix_loop_applies_the_deferred_fix_in_the_next_round(text, fixed, applied):
    run = fix_until_stable(text, two_rules, unsafe=False)
    assert (run.text, run.applied, run.offered) == (fixed, applied, True)


def test_fix_loop_on_text_with_nothing_to_fix():
    run = fix_until_stable("nothing\n", two_rules, unsafe=False)
    assert (run.text, run.applied, run.offered) == ("nothing\n", 0, False)
