"""Lint one article: bytes → Document → rules → suppressions → diagnostics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from .config import Resolver
from .diagnostics import Diagnostic
from .document import Document
from .engine import ConfiguredRule, rule_error, run_rules
from .results import FileResult, unreadable
from .position import Source
from .reading import Unreadable, decode
from .rule import INTERNAL_ERROR, RunContext, Stage
from . import suppressions as sup_mod


@dataclass
class FileSettings:
    """Everything needed to lint one file, resolved from config (see config.py):
    the enabled rules (sorted by code) and how to read a rule name in a suppression."""

    rules: list[ConfiguredRule]
    resolve: Callable[[str], str | None]
    time_limit: float | None = 10.0
    suggest: Callable[[str], str | None] = lambda ref: None  # Registry.suggest

    def stage(self, stage: Stage) -> list[ConfiguredRule]:
        return [cr for cr in self.rules if cr.rule.stage == stage]


class RuleSet:
    """FileSettings for each file of one config: each distinct setting (which
    overrides match) instantiates its rules once."""

    def __init__(self, resolver: Resolver, time_limit: float | None = 10.0):
        self.resolver = resolver
        self.time_limit = time_limit
        self._cache: dict[tuple, FileSettings] = {}

    def for_file(self, relpath: str, frontmatter: dict) -> FileSettings:
        key = self.resolver.settings_key(relpath, frontmatter)
        found = self._cache.get(key)
        if found is None:
            rules = self.resolver.registry.rules
            configured = [ConfiguredRule(rules[name](s.options), s.severity)
                          for name, s in self.resolver.validated(relpath, frontmatter).items()]
            configured.sort(key=lambda cr: cr.rule.code)
            found = self._cache[key] = FileSettings(configured, self.resolver.registry.resolve, self.time_limit,
                                                      self.resolver.registry.suggest)
        return found


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
    limit = scaled_time_limit(settings.time_limit, len(text))
    measures: dict[str, float] = {}
    diagnostics = run_rules(doc, settings.stage(Stage.DOCUMENT), run, limit, timings, measures=measures)
    sups, problems = sup_mod.collect(doc, settings.resolve)
    sups += sup_mod.front_matter_ignores(doc, settings.resolve)
    diagnostics = sup_mod.apply(diagnostics, sups, run.today)
    late = settings.stage(Stage.SUPPRESSIONS)
    if late:
        outcome = sup_mod.Outcome(sups, problems, {cr.rule.name for cr in settings.stage(Stage.DOCUMENT)},
                                  settings.suggest)
        diagnostics += run_rules(doc, late, run, limit, timings, suppressions=outcome)
    diagnostics.sort(key=Diagnostic.sort_key)
    failed = any(d.data.get(INTERNAL_ERROR) for d in diagnostics)
    return FileResult(path, diagnostics, source=source, document=doc, internal_error=failed, measures=measures)


def today() -> dt.date:
    return dt.date.today()
