"""The text reporter's layout: excerpt, caret and notes line up in one gutter."""

from __future__ import annotations

import pytest

from medlint.diagnostics import Diagnostic, Related, Severity
from medlint.reporters import text


def _plain(s: str, **_: object) -> str:
    return s


def _finding(line: int) -> Diagnostic:
    return Diagnostic(path="a.md", rule="link-bare", code="ML305", severity=Severity.WARNING,
                      message="bare URL", line=line, column=5, end_line=line, end_column=8,
                      hint="write it as a link", related=(Related("a.md", 1, 1, "see here"),))


@pytest.mark.parametrize("line, gutter", [(5, "  "), (42, "   "), (123, "    ")])
def test_notes_stand_under_the_gutter_whatever_the_line_number_width(line, gutter):
    source = "\n".join(f"see url{n}" for n in range(1, 200))
    out = text.render([_finding(line)], {"a.md": source}, style=_plain).splitlines()
    assert out[1:] == [
        f"{gutter}|",
        f"{line} | see url{line}",
        f"{gutter}|     ^^^",
        f"{gutter}= related: a.md:1:1: see here",
        f"{gutter}= hint: write it as a link",
        "",
    ]
