"""Lint one article: bytes → Document → rules → suppressions → diagnostics."""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass
from typing import Callable

from .diagnostics import Diagnostic, Severity
from .document import Document
from .engine import ConfiguredRule, FileResult, rule_error, run_rules
from .position import Source
from .reading import Unreadable, decode
from .rule import Context, RunContext
from .rules.internal.ml903_unused_suppression import UnusedSuppression
from . import suppressions as sup_mod


@dataclass
class FileSettings:
    """Everything needed to lint one file, resolved from config (see config.py)."""

    rules: list[ConfiguredRule]
    resolve: Callable[[str], str | None]
    # Severity of unused-suppression, or None when it is switched off.
    unused_suppression: Severity | None = Severity.WARNING
    time_limit: float | None = 10.0


def unreadable(path: str, message: str, line: int = 1, column: int = 1) -> FileResult:
    diag = Diagnostic(path=path, rule="file-unreadable", code="ML902", severity=Severity.ERROR,
                      message=message, line=line, column=column, end_line=line, end_column=column)
    return FileResult(path, [diag], unreadable=True)


# Bigger files are refused unread, so memory stays bounded (docs/limits.md: a
# 20 MiB article peaks near 0.7 GB).
MAX_FILE_BYTES = 32 * 1024 * 1024


def read_bytes(real_path: str) -> bytes | str:
    """The file's bytes, or a message saying why it cannot be read. Only regular files
    are read, up to MAX_FILE_BYTES: a pipe or a device (even behind a symlink named
    ``x.md``) would block forever or never end. Opening is non-blocking for the same
    reason; the type is checked on the open file, so a swap after a check cannot fool it."""
    try:
        if os.path.isdir(real_path):
            return "this is a folder, not a file"
        fd = os.open(real_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                return "this is a folder, not a file"
            if not stat.S_ISREG(info.st_mode):
                return "this is not a regular file (a pipe, socket or device); medlint reads only files"
            if info.st_size > MAX_FILE_BYTES:
                return _too_large(info.st_size)
            data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:  # it grew while we read it
                return _too_large(len(data))
            return data
    except FileNotFoundError:
        if os.path.islink(real_path):
            return "the file is a symbolic link to a file that does not exist"
        return "the file vanished before it could be read"
    except PermissionError:
        return "permission denied: medlint cannot read this file"
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"


def _too_large(size: int) -> str:
    mib = 1024 * 1024
    return (f"the file is too large to lint ({size / mib:.1f} MiB; medlint reads articles of up to "
            f"{MAX_FILE_BYTES // mib} MiB)")


SettingsFor = Callable[[Document], FileSettings]


def lint_bytes(path: str, data: bytes, settings_for: SettingsFor, run: RunContext,
               timings: dict[str, float] | None = None) -> FileResult:
    text = decode(data)
    if isinstance(text, Unreadable):
        return unreadable(path, text.message, text.line, text.column)
    return lint_text(path, text, settings_for, run, timings)


def lint_text(path: str, text: str, settings_for: SettingsFor, run: RunContext,
              timings: dict[str, float] | None = None) -> FileResult:
    """Lint decoded ``text``; ``settings_for`` picks the rules once the front matter is known."""
    import time

    started = time.perf_counter()
    source = Source(text)
    try:
        doc = Document(path, source)
    except RecursionError:
        return FileResult(path, [rule_error(path, "parser", "the Markdown is nested too deeply to parse")],
                          source=source, internal_error=True)
    if timings is not None:
        timings["(read, parse, document)"] = timings.get("(read, parse, document)", 0.0) + time.perf_counter() - started
    settings = settings_for(doc)
    rules = settings.rules
    diagnostics = run_rules(doc, rules, run, settings.time_limit, timings)
    sups, problems = sup_mod.collect(doc, settings.resolve)
    sups += sup_mod.front_matter_ignores(doc, settings.resolve)
    diagnostics = sup_mod.apply(diagnostics, sups, run.today)
    if settings.unused_suppression is not None:
        rule = UnusedSuppression()
        ctx = Context(doc, rule, settings.unused_suppression, run)
        enabled = {cr.rule.name for cr in rules}
        rule.report(ctx, sups, problems, enabled, run.today)
        diagnostics += ctx.diagnostics
    diagnostics.sort(key=Diagnostic.sort_key)
    failed = any(d.rule == "rule-error" for d in diagnostics)
    return FileResult(path, diagnostics, source=source, document=doc, internal_error=failed)


def today() -> dt.date:
    return dt.date.today()
