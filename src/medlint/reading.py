"""Reading article files: bytes to text, or a clear reason why not.

UTF-8 with or without a BOM is accepted. UTF-16 and UTF-32 (with a BOM, or UTF-16
recognised by its NUL pattern), NUL bytes (binary files) and invalid UTF-8 are
reported, with the line and column (code points, any line-end convention) of the
first bad byte.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass


@dataclass(frozen=True)
class Unreadable:
    """Why a file cannot be linted (reading or decoding it failed), and where: the
    position of the first bad byte, or 1:1."""

    message: str
    line: int = 1
    column: int = 1


def _position(data: bytes, index: int) -> tuple[int, int]:
    prefix = data[:index].decode("utf-8", errors="replace")
    if prefix.startswith("\ufeff"):
        prefix = prefix[1:]
    # Line ends as ``Source`` counts them: LF, CRLF and a lone CR each end a line.
    prefix = prefix.replace("\r\n", "\n").replace("\r", "\n")
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    return line, column


def _utf16_without_bom(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 text: NUL in (nearly) every other byte, on one side only."""
    sample = data[:512]
    half = len(sample) // 2
    if half < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.75 * half and min(even, odd) <= 0.05 * half


def decode(data: bytes) -> str | Unreadable:
    """The decoded text (BOM kept: ``Source`` removes it), or why it cannot be read."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return Unreadable("the file is UTF-32 encoded; save it as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF8):
        return Unreadable("the file is UTF-16 encoded; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        if _utf16_without_bom(data):
            return Unreadable("the file looks UTF-16 encoded (without a byte-order mark); save it as UTF-8")
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
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise TextFileError(f"{path}: not a regular file (a pipe or a device), not {what}")
            if info.st_size > MAX_DATA_BYTES:
                raise TextFileError(f"{path}: larger than {MAX_DATA_BYTES // 2**20} MiB, too large for {what}")
            data = handle.read(MAX_DATA_BYTES + 1)
            if len(data) > MAX_DATA_BYTES:
                raise TextFileError(f"{path}: larger than {MAX_DATA_BYTES // 2**20} MiB, too large for {what}")
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


# Reports and baselines (data files) bigger than this are refused: a report of
# 200,000 findings is about 100 MB of JSON.
MAX_DATA_BYTES = 512 * 1024 * 1024

# Bigger files are refused unread, so memory stays bounded (docs/limits.md: a
# 20 MiB article peaks near 0.7 GB).
MAX_FILE_BYTES = 32 * 1024 * 1024


def read_bytes(real_path: str) -> bytes | Unreadable:
    """The file's bytes, or why it cannot be read. Only regular files
    are read, up to MAX_FILE_BYTES: a pipe or a device (even behind a symlink named
    ``x.md``) would block forever or never end. Opening is non-blocking for the same
    reason; the type is checked on the open file, so a swap after a check cannot fool it."""
    try:
        if os.path.isdir(real_path):
            return Unreadable("this is a folder, not a file")
        fd = os.open(real_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                return Unreadable("this is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):
                return Unreadable("this is not a regular file (a pipe, socket or device); medlint reads only files")
            if info.st_size > MAX_FILE_BYTES:
                return _too_large(info.st_size)
            data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:  # it grew while we read it
                return _too_large(len(data))
            return data
    except FileNotFoundError:
        if os.path.islink(real_path):
            return Unreadable("the file is a symbolic link to a file that does not exist")
        return Unreadable("the file vanished before it could be read")
    except PermissionError:
        return Unreadable("permission denied: medlint cannot read this file")
    except OSError as exc:
        return Unreadable(f"cannot read the file: {exc.strerror or exc}")


def read_stream(stream) -> bytes | Unreadable:  # type: ignore[no-untyped-def]
    """Standard input's bytes (up to MAX_FILE_BYTES), or why it cannot be linted."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return _too_large(len(data))
    return data


def _too_large(size: int) -> Unreadable:
    mib = 1024 * 1024
    return Unreadable(f"the file is too large to lint ({size / mib:.1f} MiB; medlint reads articles of up to "
                      f"{MAX_FILE_BYTES // mib} MiB)")
