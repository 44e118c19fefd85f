"""Reading article files: bytes to text, or a clear reason why not.

UTF-8 with or without a BOM is accepted. UTF-16 (with a BOM), NUL bytes (binary
files) and invalid UTF-8 are reported with the position of the first bad byte.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(frozen=True)
class Unreadable:
    message: str
    line: int = 1
    column: int = 1


def _position(data: bytes, index: int) -> tuple[int, int]:
    prefix = data[:index].decode("utf-8", errors="replace")
    if prefix.startswith("\ufeff"):
        prefix = prefix[1:]
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    return line, column


def decode(data: bytes) -> str | Unreadable:
    """The decoded text (BOM kept: ``Source`` removes it), or why it cannot be read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF8):
        return Unreadable("the file is UTF-16 encoded; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        return Unreadable("the file contains NUL bytes: it looks binary, not a Markdown article", line, column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        return Unreadable(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
            line, column)


class TextFileError(Exception):
    """A data file (report, baseline) that cannot be read as UTF-8 text; the message
    starts with the file's name."""


def read_text_file(path: str, what: str) -> str:
    """The UTF-8 text of a data file (BOM dropped), or TextFileError saying why not;
    ``what`` names the kind of file for the message ("a report", "a baseline file")."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise TextFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TextFileError(f"{path}: is a folder, not {what}") from None
    except OSError as exc:
        raise TextFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextFileError(f"{path}: not {what}: not UTF-8 text (bad byte at offset {exc.start})") from None
