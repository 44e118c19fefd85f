"""The text a finding is identified by, for identities that survive moved lines.

SARIF ``partialFingerprints`` and the baseline both identify a finding by the text
it flags rather than by its line number, so that adding or removing lines
elsewhere in the file keeps the identity. Both use the helpers here, so the two
agree on what "the flagged text" is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from medlint.diagnostics import Diagnostic

# CommonMark's line endings; str.splitlines() would also split on \f, \x85, U+2028…
# and disagree with the parser's line numbers.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The file's lines as the parser numbers them (a leading BOM dropped)."""
    return LINE_BREAK.split(text.removeprefix("\ufeff"))


def collapse(text: str) -> str:
    """Whitespace runs (spaces, tabs, line breaks) become one space; ends trimmed."""
    return " ".join(text.split())


def flagged_text(lines: Sequence[str], d: Diagnostic) -> str:
    """The flagged line(s) with whitespace runs collapsed. A span ending at column 1
    stops before that line: the end is exclusive, so none of it is flagged."""
    last = d.end_line - 1 if d.end_line > d.line and d.end_column <= 1 else d.end_line
    chunk = lines[max(d.line, 1) - 1 : max(last, d.line)]
    return collapse(" ".join(chunk))
