"""Compiled regular expressions kept between runs, as ``__pycache__`` keeps bytecode.

Python compiles a regex in two steps: a pure-Python parser and code generator
(``re._parser.parse``, ``re._compiler._code``), which is slow, then ``_sre.compile``,
which builds the pattern object from that code, which is fast. medlint compiles about
235 regexes in a one-file check (the lexicons' long alternations among them), and the
first step was ~63 ms of its ~200 ms. ``install()`` routes the ``re`` module's compiler
through a table of the second step's inputs (the code, the groups), written by an
earlier run: a pattern found there is rebuilt by ``_sre.compile`` alone (~2 ms for all
of them); any other is compiled by ``re`` as usual and added to the table when the
process exits.

It cannot change a result:

- the table is looked up by the pattern's full text and flags, and the file is ignored
  unless it was written by the same Python build (``sys.version``), the same ``_sre``
  (``_sre.MAGIC``) and the same medlint version;
- an entry is written only after the pattern rebuilt from exactly what is written
  compares equal (``==`` on patterns compares text, flags and code) to the one ``re``
  compiled, with the same groups;
- a file that cannot be read or decoded, an entry that does not rebuild, anything
  unexpected: ``re`` compiles the pattern itself.

Where: beside medlint's bytecode (``medlint/__pycache__/regex.<cache tag>.bin``), or,
when that folder cannot be written (a system-wide install), in the user's cache folder
(``$XDG_CACHE_HOME/medlint`` or ``~/.cache/medlint``). Like bytecode it is written only
when Python writes bytecode (not under ``python -B`` or ``PYTHONDONTWRITEBYTECODE``), read
either way, and written to a temporary file then renamed. ``--no-cache`` is about lint
results and does not turn it off (the table holds no result, only what ``re`` would
compute anyway); ``MEDLINT_NO_REGEX_CACHE=1`` does.

Installed by the ``medlint`` command (``medlint.__main__``) for its own process and the
worker processes it forks, never by ``import medlint``: a program that uses medlint as
a library keeps its ``re`` untouched.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array
from collections.abc import Callable
from typing import Any

from . import __version__

# Patterns kept at most: entries this run did not use are dropped first.
MAX_ENTRIES = 2000

_Key = tuple[Any, int]  # (pattern text, flags)


class _Table:
    def __init__(self, path: str | None, fallback: str | None):
        self.path = path  # where the table is read from and written to
        self.fallback = fallback  # the user cache folder's table, when path is not writable
        self.header = f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{__version__}|{array('I').itemsize}"
        self.entries: dict[_Key, tuple] = {}
        self.used: set[_Key] = set()
        self.new: dict[_Key, re.Pattern] = {}
        self.derived: dict[tuple[str, str], str] = {}  # (namespace, pattern) -> text, see derived()
        self.new_derived: dict[tuple[str, str], str] = {}
        self.pid = os.getpid()

    def load(self) -> None:
        for path in (self.path, self.fallback):
            if path is None:
                continue
            try:
                with open(path, "rb") as handle:
                    if hasattr(os, "geteuid") and os.fstat(handle.fileno()).st_uid != os.geteuid():
                        continue  # only a table this user wrote
                    header, entries, derived = marshal.loads(handle.read())
            except (OSError, ValueError, EOFError, TypeError):
                continue
            if header == self.header and isinstance(entries, dict) and isinstance(derived, dict):
                self.entries = entries
                self.derived = derived
                return

    def compile(self, pattern: Any, flags: int) -> re.Pattern:
        if not isinstance(pattern, (str, bytes)):
            return _compile(pattern, flags)
        key = (pattern, int(flags))
        entry = self.entries.get(key)
        if entry is not None:
            try:
                compiled = _build(pattern, entry)
            except Exception:  # noqa: BLE001 - any failure: re compiles it below
                pass
            else:
                self.used.add(key)
                return compiled
        compiled = _compile(pattern, flags)
        if not flags & re.DEBUG:
            self.new[key] = compiled
        return compiled

    def save(self) -> None:
        """Write the table if this run compiled patterns it did not hold (the process
        that installed it only: forked workers leave it to their parent)."""
        if not (self.new or self.new_derived) or os.getpid() != self.pid or sys.dont_write_bytecode:
            return
        added = {}
        for key, compiled in self.new.items():
            try:
                entry = _entry(*key)
                rebuilt = _build(key[0], marshal.loads(marshal.dumps(entry)))
            except Exception:  # noqa: BLE001 - a pattern that cannot be kept is compiled each time
                continue
            if rebuilt == compiled and rebuilt.groupindex == compiled.groupindex and rebuilt.groups == compiled.groups:
                added[key] = entry
        if not added and not self.new_derived:
            return
        kept = self.entries
        if len(kept) + len(added) > MAX_ENTRIES:
            kept = {k: v for k, v in kept.items() if k in self.used}
        entries = {**kept, **added}
        derived = {**self.derived, **self.new_derived}
        if len(derived) > MAX_ENTRIES:
            derived = dict(self.new_derived)
        payload = marshal.dumps((self.header, entries, derived))
        for path in (self.path, self.fallback):
            if path is not None and _write(path, payload):
                return


def _entry(pattern: Any, flags: int) -> tuple:
    """What ``_sre.compile`` needs to rebuild ``pattern`` (as ``re._compiler.compile``
    computes it), in a form ``marshal`` keeps: the code as 32-bit words."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def _build(pattern: Any, entry: tuple) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = entry
    words = array("I")
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), groups, groupindex, indexgroup)


def _write(path: str, payload: bytes) -> bool:
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def _user_cache() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "medlint")


def locations() -> tuple[str | None, str | None]:
    """Where the table is read and written: beside medlint's bytecode, and the user's
    cache folder when that folder cannot be written (then only the latter)."""
    name = f"regex.{sys.implementation.cache_tag}.bin"
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")
    fallback = os.path.join(_user_cache(), name)
    if os.access(beside, os.W_OK) or (not os.path.exists(beside)
                                       and os.access(os.path.dirname(beside), os.W_OK)):
        return os.path.join(beside, name), fallback
    return fallback, None


_table: _Table | None = None


def derived(namespace: str, pattern: str, compute: Callable[[], str]) -> str:
    """``compute()``, a text worked out from the regex ``pattern`` (a rewritten pattern,
    say), kept in the table beside the compiled patterns when the medlint command
    installed it. ``namespace`` must change whenever the code behind ``compute`` does
    (``language.matches`` uses a digest of its functions' bytecode), and the table is
    per medlint version and Python build like every entry."""
    table = _table
    if table is None or os.getpid() != table.pid:
        return compute()
    key = (namespace, pattern)
    text = table.derived.get(key)
    if not isinstance(text, str):
        text = table.new_derived[key] = compute()
    return text


def install() -> None:
    """Route this process's regex compiling through the table (once; nothing when
    ``MEDLINT_NO_REGEX_CACHE`` is set or this Python's ``re`` is not the one this module
    knows)."""
    global _table, _compile
    if _table is not None or os.environ.get("MEDLINT_NO_REGEX_CACHE") or not _SUPPORTED:
        return
    _compile = _compiler.compile
    _table = _Table(*locations())
    _table.load()
    _compiler.compile = _table.compile
    import atexit

    atexit.register(_table.save)


try:
    import _sre
    from re import _compiler, _parser

    _compile = _compiler.compile
    _SUPPORTED = all(callable(f) for f in (_compiler.compile, _compiler._code, _parser.parse, _sre.compile))
except (ImportError, AttributeError):
    _SUPPORTED = False
