"""Positions: from offsets in the decoded text to 1-based line and column in the file.

medlint works on one normalised string per file: BOM removed, CRLF and lone CR turned
into LF. Line numbers and columns (Unicode code points) are the same in that string
and in the original file, because a line terminator is one "character" in both; only
offsets differ. ``Source`` keeps what is needed to go back to original offsets (for
fixes, which must keep every byte outside the edited spans).
"""

from __future__ import annotations

import bisect
from array import array
from typing import NamedTuple

BOM = "\ufeff"


class Point(NamedTuple):
    line: int
    column: int


class Source:
    """A decoded file: ``text`` (normalised, what every rule sees) and ``original``."""

    __slots__ = ("original", "text", "has_bom", "_line_starts", "_crlf", "newline")

    def __init__(self, original: str):
        self.has_bom = original.startswith(BOM)
        if self.has_bom:
            original = original[1:]
        self.original = original
        if "\r" in original:
            crlf: list[int] = []
            out: list[str] = []
            i = 0
            n = len(original)
            norm_len = 0
            while i < n:
                j = original.find("\r", i)
                if j < 0:
                    out.append(original[i:])
                    break
                out.append(original[i:j])
                norm_len += j - i
                if j + 1 < n and original[j + 1] == "\n":
                    crlf.append(norm_len)
                    i = j + 2
                else:
                    i = j + 1
                out.append("\n")
                norm_len += 1
            self.text = "".join(out)
            self._crlf = crlf
            self.newline = "\r\n" if crlf else "\r"
        else:
            self.text = original
            self._crlf = []
            self.newline = "\n"
        starts = [0]
        text = self.text
        pos = text.find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._line_starts = array("q", starts)  # 8 bytes a line, not 36 (a big article has 100,000s)

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def point(self, offset: int) -> Point:
        """1-based line and column of a normalised offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset)
        return Point(line, offset - self._line_starts[line - 1] + 1)

    def offset(self, line: int, column: int) -> int:
        """Normalised offset of a 1-based line and column (clamped to the line)."""
        line = max(1, min(line, len(self._line_starts)))
        start = self._line_starts[line - 1]
        end = self.line_end(line)
        return max(start, min(start + column - 1, end))

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset of the newline that ends ``line`` (or the end of the text)."""
        if line < len(self._line_starts):
            return self._line_starts[line] - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def original_offset(self, offset: int) -> int:
        """The offset in ``original`` (BOM excluded) of a normalised offset."""
        if not self._crlf:
            return offset
        return offset + bisect.bisect_left(self._crlf, offset)
