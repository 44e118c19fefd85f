"""Lint one article: bytes → Document → rules → suppressions → diagnostics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from .config import ConfigError, Resolver, RuleSetting
from .diagnostics import Diagnostic
from .document import Document
from .engine import ConfiguredRule, rule_error, run_rules, too_deep
from .results import MAX_FINDINGS_PER_RULE, Deferred, FileResult, rule_setting
from .position import Source
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
            configured = [ConfiguredRule(_instantiate(rules[name], s), s.severity)
                          for name, s in self.resolver.validated(relpath, frontmatter).items()]
            configured.sort(key=lambda cr: cr.rule.code)
            found = self._cache[key] = FileSettings(configured, self.resolver.registry.resolve, self.time_limit,
                                                      self.resolver.registry.suggest)
        return found


def _instantiate(rule: type, setting: RuleSetting) -> Any:
    """``rule`` with its options; a rule (a plugin's) whose constructor raises for
    them is a configuration error naming it, not a traceback."""
    try:
        return rule(setting.options)
    except Exception as exc:
        summary = str(exc).splitlines()[0] if str(exc) else ""
        raise ConfigError(f"{setting.source}: rule {rule.name} cannot be set up with its options "
                          f"({type(exc).__name__}{': ' + summary if summary else ''})") from None


def scaled_time_limit(limit: float | None, size: int) -> float | None:
    """The per-rule limit for a text of ``size`` characters: the configured limit for a
    normal article, growing with size (one more limit per 2 MB) so that a legitimately
    huge file is linted rather than timed out, while a rule that hangs is still stopped."""
    if not limit:
        return limit
    return limit * (1 + size / 2_000_000)


SettingsFor = Callable[[Document], FileSettings]


def lint_text(path: str, text: str, settings_for: SettingsFor, run: RunContext,
              timings: dict[str, float] | None = None, claims: bool = False) -> FileResult:
    """Lint decoded ``text``; ``settings_for`` picks the rules once the front matter is known.

    The result carries the article's claims when ``claims`` is set or a library rule
    (``Stage.LIBRARY``) is enabled for the file; those rules run later, on the whole
    library (``library.py``), so the suppressions that could cover their findings are
    left open here (``FileResult.deferred``)."""
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
    if doc.unparsed:
        diagnostics += too_deep(doc)
    sups, problems = sup_mod.collect(doc, settings.resolve)
    sups += sup_mod.front_matter_ignores(doc, settings.resolve)
    diagnostics = sup_mod.apply(diagnostics, sups, run)
    library = {cr.rule.name: rule_setting(cr.rule, cr.severity) for cr in settings.stage(Stage.LIBRARY)}
    records = _claim_records(doc, run) if claims or library else None
    late = settings.stage(Stage.SUPPRESSIONS)
    deferred: list[Deferred] = []
    if late:
        enabled = {cr.rule.name for cr in settings.stage(Stage.DOCUMENT)} | set(library)
        open_ = _open_suppressions(sups, library, records or [], run)
        outcome = sup_mod.Outcome([s for s in sups if s not in open_], problems, enabled, settings.suggest)
        diagnostics += run_rules(doc, late, run, limit, timings, suppressions=outcome)
        deferred = [_defer(sup, rules, doc, late, run, limit, outcome) for sup, rules in open_.items()]
    diagnostics.sort(key=Diagnostic.sort_key)
    failed = any(d.data.get(INTERNAL_ERROR) for d in diagnostics)
    return FileResult(path, diagnostics, source=source, document=doc, internal_error=failed, measures=measures,
                      claims=records, library_rules=library, deferred=deferred)


def _claim_records(doc: Document, run: RunContext) -> list:
    from .claim_config import REGISTRY_KEY, claim_records, lexicon_and_registry

    lexicon, _ = lexicon_and_registry(run.setup.paths(REGISTRY_KEY))
    return claim_records(doc, lexicon)


def _open_suppressions(sups: list[sup_mod.Suppression], library: dict[str, dict], records: list,
                       today: sup_mod.Dated) -> dict[sup_mod.Suppression, tuple[str, ...]]:
    """The live suppressions that could cover a library rule's finding (findings of
    library rules are reported at claims), each with the library rules it could cover."""
    if not library or not records:
        return {}
    import bisect

    lines = sorted({r.line for r in records})
    found = {}
    for sup in sups:
        if not sup_mod.is_live(sup, today):
            continue
        rules = tuple(sorted(r for r in library if not sup.rules or r in sup.rules))
        at = bisect.bisect_left(lines, sup.first_line)  # the first claim line the suppression could cover
        if rules and at < len(lines) and lines[at] <= sup.last_line:
            found[sup] = rules
    return found


def _defer(sup: sup_mod.Suppression, rules: tuple[str, ...], doc: Document, late: list[ConfiguredRule],
           run: RunContext, limit: float | None, outcome: sup_mod.Outcome) -> Deferred:
    """What the suppression-stage rules say about ``sup`` for each subset of the library
    rules it may end up suppressing (``outcome``: the file's, for what else it knows)."""
    import copy
    import dataclasses
    import itertools

    variants = {}
    for n in range(len(rules) + 1):
        for used in itertools.combinations(rules, n):
            variant = copy.copy(sup)
            variant.used = set(sup.used) | set(used)
            variant.used_all = sup.used_all or (not sup.rules and bool(used))
            alone = dataclasses.replace(outcome, suppressions=[variant], problems=[])
            variants[used] = run_rules(doc, late, run, limit, suppressions=alone)
    return Deferred(sup.first_line, sup.last_line, sup.rules, variants)


def cap_per_rule(diagnostics: list[Diagnostic], cap: int = MAX_FINDINGS_PER_RULE) -> list[Diagnostic]:
    """``diagnostics`` (sorted) with at most ``cap`` findings of each rule; the rest of
    a rule's findings become one finding at the first of them: "... and N more"."""
    counts: dict[str, int] = {}
    for d in diagnostics:
        counts[d.rule] = counts.get(d.rule, 0) + 1
    if all(n <= cap for n in counts.values()):
        return diagnostics
    import dataclasses

    kept: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for d in diagnostics:
        n = seen[d.rule] = seen.get(d.rule, 0) + 1
        if n <= cap:
            kept.append(d)
        elif n == cap + 1:
            more = counts[d.rule] - cap
            kept.append(dataclasses.replace(
                d, message=f"… and {more} more {d.rule} finding{'s' if more != 1 else ''} in this file from here "
                           f"on (only the first {cap} of a rule are listed)",
                hint="", fix=None, related=(), data={**d.data, "message_id": None, "more": more}))
    return kept


def today() -> dt.date:
    return dt.date.today()
