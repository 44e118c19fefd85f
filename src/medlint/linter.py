"""Lint one article: bytes → Document → rules → suppressions → diagnostics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from .diagnostics import Diagnostic, Severity
from .document import Document
from .engine import ConfiguredRule, rule_error, run_rules
from .results import FileResult, unreadable
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


def scaled_time_limit(limit: float | None, size: int) -> float | None:
    """The per-rule limit for a text of ``size`` characters: the configured limit for a
    normal article, growing with size (one more limit per 2 MB) so that a legitimately
    huge file is linted rather than timed out, while a rule that hangs is still stopped."""
    if not limit:
        return limit
    return limit * (1 + size / 2_000_000)


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
    except Exception as exc:  # a parser bug must cost this file, not the run (exit code 2)
        summary = str(exc).splitlines()[0] if str(exc) else ""
        what = f"{type(exc).__name__}: {summary}" if summary else type(exc).__name__
        return FileResult(path, [rule_error(path, "parser", what)], source=source, internal_error=True)
    if timings is not None:
        timings["(read, parse, document)"] = timings.get("(read, parse, document)", 0.0) + time.perf_counter() - started
    settings = settings_for(doc)
    rules = settings.rules
    diagnostics = run_rules(doc, rules, run, scaled_time_limit(settings.time_limit, len(text)), timings)
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
