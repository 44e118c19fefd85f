"""From medlint's positions and fixes to the Language Server Protocol's.

medlint counts 1-based lines and columns in Unicode code points; LSP counts 0-based
lines and characters in the code units of the negotiated position encoding (UTF-16
unless the client offers another): an emoji is one medlint column and two UTF-16
units. ``units`` is the function that counts a string's code units. Line breaks are
the same in both models (LF, CRLF and a lone CR each end a line).
"""

from __future__ import annotations

import re
from typing import Callable

from lsprotocol import types

from ..diagnostics import Diagnostic, Severity

Units = Callable[[str], int]

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_BREAK = re.compile(r"\r\n|\r|\n")


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """A text's lines (without their breaks), for turning positions into LSP ones.
    A byte-order mark is part of the editor's text but not of medlint's columns."""

    def __init__(self, text: str):
        self.lines = _BREAK.split(text)
        self.bom = 1 if text.startswith("\ufeff") else 0

    def position(self, line: int, column: int, units: Units) -> types.Position:
        """The LSP position of medlint's 1-based ``line``:``column`` (clamped to the text)."""
        index = min(max(line, 1), len(self.lines)) - 1
        text = self.lines[index]
        if line > len(self.lines):  # past the end: the end of the last line
            return types.Position(index, units(text))
        skip = self.bom if index == 0 else 0
        return types.Position(index, units(text[: skip + max(column, 1) - 1]))

    def range(self, line: int, column: int, end_line: int, end_column: int, units: Units) -> types.Range:
        return types.Range(self.position(line, column, units), self.position(end_line, end_column, units))

    def column(self, position: types.Position, units: Units) -> tuple[int, int]:
        """medlint's 1-based (line, column) of an LSP position (inside a surrogate
        pair, the character it belongs to)."""
        index = min(max(position.line, 0), len(self.lines) - 1)
        text = self.lines[index]
        skip = self.bom if index == 0 else 0
        count = 0
        for i, char in enumerate(text):
            if count >= position.character:
                return index + 1, max(i + 1 - skip, 1)
            count += units(char)
        return index + 1, len(text) + 1 - skip


def to_lsp(diag: Diagnostic, lines: Lines, units: Units, *, href: str | None = None,
           related: list[types.DiagnosticRelatedInformation] | None = None) -> types.Diagnostic:
    message = f"{diag.message}\nHint: {diag.hint}" if diag.hint else diag.message
    return types.Diagnostic(
        range=lines.range(diag.line, diag.column, diag.end_line, diag.end_column, units),
        message=message,
        severity=SEVERITIES[diag.severity],
        code=diag.code or None,
        code_description=types.CodeDescription(href=href) if href else None,
        source="medlint",
        related_information=related or None,
        data={"rule": diag.rule},
    )


def edit_between(old: str, new: str, units: Units) -> types.TextEdit | None:
    """One TextEdit that turns ``old`` into ``new``: the changed middle only, so the
    editor keeps the cursor and the undo history small. None when they are equal."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    # Never split a CRLF: LSP positions cannot point between its two characters.
    if start and old[start - 1] == "\r" and old[start:start + 1] == "\n":
        start -= 1
    if end and old[len(old) - end - 1:len(old) - end] == "\r" and old[len(old) - end] == "\n":
        end -= 1
    old_end = len(old) - end
    return types.TextEdit(range=types.Range(offset_position(old, start, units), offset_position(old, old_end, units)),
                          new_text=new[start:len(new) - end])


def offset_position(text: str, offset: int, units: Units) -> types.Position:
    """The LSP position of a code-point offset into ``text``."""
    line = 0
    line_start = 0
    for m in _BREAK.finditer(text, 0, offset):
        if m.end() > offset:
            break
        line += 1
        line_start = m.end()
    return types.Position(line, units(text[line_start:offset]))


def apply_edits(text: str, edits: list[types.TextEdit], units: Units = utf16_units) -> str:
    """``text`` with LSP ``edits`` applied (what an editor does with a code action;
    for tests and the benchmark)."""
    lines = Lines(text)
    starts = [0]
    for m in _BREAK.finditer(text):
        starts.append(m.end())

    def offset(position: types.Position) -> int:
        line, column = lines.column(position, units)
        return starts[line - 1] + column - 1 + (lines.bom if line == 1 else 0)

    out = text
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = offset(edit.range.start), offset(edit.range.end)
        out = out[:a] + edit.new_text + out[b:]
    return out
