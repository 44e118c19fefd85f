"""Applying fixes: non-overlapping edits, from the end, every other byte kept.

Edits are expressed in file positions (line/column); they are applied to the
original text, so a BOM, CRLF line ends and the final newline survive untouched
outside the edited spans. Line breaks inside inserted text follow the file's own
convention. Overlapping edits are deferred to the next round (the caller re-lints
and applies again, up to a bound, as Ruff does).
"""

from __future__ import annotations

import bisect
import contextlib
import os
import stat
import signal
import tempfile
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .diagnostics import Diagnostic, Fix, FixSafety
from .position import BOM, Source

MAX_ROUNDS = 10


@dataclass
class FixRun:
    text: str  # the text after the last round
    applied: int  # replacements applied in all rounds
    offered: bool  # any fix was offered at all


def fix_until_stable(text: str, lint: Callable[[str], Iterable[Diagnostic]], unsafe: bool) -> FixRun:
    """Lint ``text``, apply the fixes offered, lint again, until no fix applies or
    the text stops changing (at most MAX_ROUNDS rounds): the one fix loop of the
    command line, RuleTester and YAML rule examples. ``lint`` is called on every
    text it produces, last on the final one."""
    applied, offered = 0, False
    found = lint(text)
    for _ in range(MAX_ROUNDS):
        fixes = select((d.fix for d in found), unsafe)
        if not fixes:
            break
        offered = True
        new_text, count = apply(Source(text), fixes)
        if count == 0 or new_text == text:
            break
        text, applied = new_text, applied + count
        found = lint(text)
    return FixRun(text, applied, offered)


def select(fixes: Iterable[Fix | None], unsafe: bool) -> list[Fix]:
    return [f for f in fixes if f is not None and (unsafe or f.safety == FixSafety.SAFE)]


def apply(source: Source, fixes: Iterable[Fix]) -> tuple[str, int]:
    """The file's full text (BOM included) with as many non-overlapping fixes applied
    as possible; returns (text, number of fixes applied)."""
    edits: list[tuple[int, int, str, int]] = []  # original start, end, text, fix index
    for index, fix in enumerate(fixes):
        for rep in fix.replacements:
            start = source.original_offset(source.offset(rep.line, rep.column))
            end = source.original_offset(source.offset(rep.end_line, rep.end_column))
            text = rep.text.replace("\n", source.newline) if source.newline != "\n" else rep.text
            edits.append((start, max(start, end), text, index))
    # A fix is all-or-nothing: keep the fixes whose every edit fits without overlap
    # (with the edits already taken, and with each other). ``taken`` stays sorted and
    # free of overlaps, so each check looks only at its neighbours: thousands of
    # fixes in one file (a bare URL on every line) cost n log n, not n squared.
    by_fix: dict[int, list[tuple[int, int, str, int]]] = {}
    for edit in edits:
        by_fix.setdefault(edit[3], []).append(edit)
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str, int]] = []
    for index in sorted(by_fix, key=lambda i: min(e[0] for e in by_fix[i])):
        group = sorted(by_fix[index], key=lambda e: (e[0], e[1]))
        if any(_overlaps(e[0], e[1], f[0], f[1]) for e, f in zip(group, group[1:])):
            continue  # a fix whose own edits overlap cannot be applied safely
        if any(_conflicts(taken, e[0], e[1]) for e in group):
            continue
        for e in group:
            bisect.insort(taken, (e[0], e[1]))
        chosen.extend(group)
    pieces: list[str] = [BOM] if source.has_bom else []
    cursor = 0
    for start, end, new, _ in sorted(chosen, key=lambda e: (e[0], e[1])):
        pieces.append(source.original[cursor:start])
        pieces.append(new)
        cursor = end
    pieces.append(source.original[cursor:])
    return "".join(pieces), len({e[3] for e in chosen})


def _conflicts(taken: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether edit ``a..b`` overlaps an edit in ``taken`` (sorted, no overlaps, so
    ends rise with starts). Only edits starting at or before ``b`` and ending at or
    after ``a`` can overlap it."""
    j = bisect.bisect_right(taken, (b, b)) - 1
    while j >= 0 and taken[j][1] >= a:
        if _overlaps(a, b, *taken[j]):
            return True
        j -= 1
    return False


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    if a == b or c == d:  # insertions conflict only at the same point or strictly inside
        return (a == c and b == d) or (c < a < d) or (a < c < b)
    return a < d and c < b


class FileChanged(OSError):
    """The file to replace is no longer the one that was read (swapped for a link or
    another file while medlint worked): nothing is written."""


def identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` leads to, for ``write_atomic(expect=)``."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def write_atomic(path: str | os.PathLike[str], text: str | Iterable[str], *, follow: bool = True,
                 expect: tuple[int, int] | None = None) -> None:
    """Replace ``path`` with ``text`` (UTF-8; a string or its chunks) atomically: a temporary file in the same
    folder, flushed and fsynced, then renamed over the original (an existing file keeps
    its mode; a new one gets the umask's default). An interrupted write leaves either
    the old file or the new one, never half of one. With ``follow`` a symlink stays a
    symlink: the file it points to is the one replaced; without it the link itself is
    replaced and its target never touched. With ``expect`` (the ``identity`` of the
    file when it was read) the file is re-checked just before the rename and
    ``FileChanged`` raised if it is now another file. SIGTERM during the write unwinds
    like Ctrl-C (SystemExit), so the temporary file is removed; only SIGKILL or a power
    cut can leave one behind (``.medlint-*.tmp``, never the article itself)."""
    path = os.path.realpath(os.fspath(path)) if follow else os.path.abspath(os.fspath(path))
    folder = os.path.dirname(path)
    try:
        mode = os.lstat(path).st_mode & 0o7777 if not os.path.islink(path) else None
    except FileNotFoundError:
        mode = None
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with _terminate_unwinds():
        fd, tmp = tempfile.mkstemp(prefix=".medlint-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                if isinstance(text, str):
                    handle.write(text)
                else:
                    handle.writelines(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            if expect is not None:
                try:
                    st = os.lstat(path)
                except OSError:
                    st = None
                if st is None or not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != tuple(expect):
                    raise FileChanged(f"{path} changed while it was being fixed (it is now another file or a "
                                      f"link); not written")
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    _fsync_folder(folder)


@contextlib.contextmanager
def _terminate_unwinds() -> Iterator[None]:
    """While writing: SIGTERM raises SystemExit (exit status 128 + 15) instead of
    killing the process on the spot, so cleanup runs. Only when SIGTERM still has its
    default action and we are in the main thread (elsewhere signals cannot be set)."""
    if (not hasattr(signal, "SIGTERM") or threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL):
        yield
        return

    def _unwind(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
