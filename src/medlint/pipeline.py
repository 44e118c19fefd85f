"""One check pipeline: a ``CheckRequest`` in, a ``Report`` out.

``check`` is what ``medlint check``, ``medlint baseline`` and ``medlint claims`` run
(and what an editor server or the HTML report should run): find the files, pick the
shard, read standard input when it is named, lint (cache, worker processes) or fix
until stable, add the findings for rule files that failed to load, apply the
baseline. It prints nothing and exits nothing: ``cli.py`` turns the Report into
output and an exit code (``Report.exit_code``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from .diagnostics import Diagnostic, Severity
from .results import MAX_FINDINGS_PER_RULE, FileResult, unreadable
from .runner import FixOutcome, PathError, RunOptions, Session, Target, fix_text, shard

if TYPE_CHECKING:
    from .baseline import Pruneable
    from .registry import RuleInfo

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...


class CheckError(Exception):
    """The run cannot go on (a baseline file that cannot be used, a fixed file that
    cannot be written); exit code 2."""


@dataclass
class BaselineUse:
    """``--baseline FILE``: report only findings it does not record."""

    path: Path
    strict: bool = False  # pruneable entries fail the run
    prune: bool = False  # write the baseline back without its fixed entries


@dataclass
class CheckRequest:
    """Everything one check run is asked to do. ``options`` are the lint options
    that decide findings (config, selection, date); the rest says which files and
    what to do with them."""

    paths: tuple[str, ...] = ()
    options: RunOptions = field(default_factory=RunOptions)
    # The result cache: used unless fixing; None means the config's `cache-dir`,
    # else .medlint_cache.
    use_cache: bool = False
    cache_dir: Path | None = None
    stdin: IO[bytes] | None = None  # read when a path is "-"
    stdin_filename: str | None = None
    force_exclude: bool = False  # `exclude` applies to files named explicitly too
    respect_gitignore: bool = True  # walking a folder skips what git ignores
    jobs: int = 1
    shard: tuple[int, int] | None = None  # (K, N)
    fix: str | None = None  # None, "write" (atomic writes) or "diff" (nothing written)
    unsafe_fixes: bool = False
    baseline: BaselineUse | None = None
    # Findings of one rule in one file listed one by one; the rest become one "and N
    # more" finding (linter.cap_per_rule). 0: no cap.
    max_per_rule: int = MAX_FINDINGS_PER_RULE
    profile: bool = False  # one process, time per rule in Report.timings
    rule_infos: bool = False  # Report.rule_infos: every rule known to the configs
    progress: Progress | None = None  # told the number of files, then of each one done
    # Run the library rules (``library.py``); off where only per-file data is wanted
    # (``medlint claims``), which leaves suppressions of their findings open.
    library: bool = True


@dataclass
class FileFix:
    """What fixing one file did (``Report.fixes``)."""

    target: Target
    outcome: FixOutcome


@dataclass
class Report:
    """The outcome of one check: per-file results (in file order) and the findings
    to report (sorted, baselined findings removed, load failures added)."""

    results: list[FileResult]
    diagnostics: list[Diagnostic]
    files: list[str]  # every file reported on (linted files, then failed rule files)
    load_failures: list[Diagnostic] = field(default_factory=list)
    fixes: list[FileFix] = field(default_factory=list)
    pruneable: list["Pruneable"] = field(default_factory=list)
    pruned: bool = False  # the baseline file was rewritten without them
    timings: dict[str, float] = field(default_factory=dict)
    rule_infos: dict[str, "RuleInfo"] = field(default_factory=dict)
    # The configs' `max-warnings` (the smallest), for when the caller sets none.
    config_max_warnings: int | None = None
    stdin_used: bool = False
    hidden: int = 0  # findings the baseline recorded, so not reported
    # When no file was found: which include/exclude applied where (Session.selection).
    no_files: str | None = None
    # The command line selected rules, and none is enabled.
    no_rules: bool = False
    # With --shard: what ``medlint merge`` needs to find conflicts across shards
    # (``library.shard_data``).
    library: dict[str, Any] | None = None

    @property
    def changed(self) -> int:
        """Files whose text the fixes changed."""
        return sum(1 for f in self.fixes if f.outcome.fixed is not None)

    @property
    def stale(self) -> int:
        """Baseline findings that are gone (pruneable)."""
        return sum(p.unused for p in self.pruneable)

    def sources(self) -> dict[str, str]:
        return {r.path: r.source.text for r in self.results if r.source is not None}

    def exit_code(self, max_warnings: int | None = None, *, diff: bool = False, strict_baseline: bool = False) -> int:
        """0 nothing fails; 1 findings fail the run (errors, more warnings than
        allowed, a diff to apply, fixed baseline entries under ``strict_baseline``);
        2 a rule or rule file failed."""
        if self.load_failures or any(r.internal_error for r in self.results):
            return EXIT_ERROR
        if (diff and self.changed) or (strict_baseline and self.stale):
            return EXIT_FINDINGS
        errors = sum(1 for d in self.diagnostics if d.severity == Severity.ERROR)
        return EXIT_FINDINGS if errors or self.too_many_warnings(max_warnings) else EXIT_OK

    def too_many_warnings(self, max_warnings: int | None = None) -> str | None:
        """"N warnings exceed --max-warnings M" when they do (the limit given, else
        the configs'), else None."""
        if max_warnings is not None:
            limit, name = max_warnings, "--max-warnings"
        elif self.config_max_warnings is not None:
            limit, name = self.config_max_warnings, "max-warnings (config)"
        else:
            return None
        warnings = sum(1 for d in self.diagnostics if d.severity == Severity.WARNING)
        if warnings <= limit:
            return None
        return f"{warnings} warning{'s' if warnings != 1 else ''} exceed{'s' if warnings == 1 else ''} {name} {limit}"


def check(request: CheckRequest) -> Report:
    """Run ``request``. Raises ``config.ConfigError`` or ``CheckError`` for what stops
    a run before (or instead of) a report."""
    baseline = _load_baseline(request.baseline)
    session = Session(request.options)
    if request.use_cache and request.fix is None:
        session.use_cache(request.cache_dir or default_cache_dir(session))
    targets, stdin = _targets(session, request)
    report = Report([], [], [], stdin_used=stdin is not None)
    if not targets:
        report.no_files = session.selection(request.paths)
    elif request.options.overrides.given and not session.active_rules(targets):
        report.no_rules = True
    if request.progress is not None:
        request.progress.start(len(targets))
    if request.fix is not None:
        report.results = _fix_all(session, targets, stdin, request, report)
    elif request.profile:
        report.results = [_done(request, session.lint_target(t, stdin, report.timings)) for t in targets]
    else:
        report.results = [_done(request, r) for r in session.lint_many(targets, stdin, request.jobs)]
    if request.shard is not None:
        from .library import shard_data

        baseline_path = str(request.baseline.path) if request.baseline is not None else None
        report.library = shard_data(report.results, request.options, request.shard, baseline_path)
    report.results = _library_stage(session, targets, report.results, request, stdin)
    if session.cache is not None:
        session.cache.prune()
    report.load_failures = load_failures(session, targets)
    found = [d for r in report.results for d in r.diagnostics]
    if baseline is not None:
        everything = len(found)
        found = _apply_baseline(session, targets, report, baseline, request.baseline)
        report.hidden = everything - len(found)
    if request.max_per_rule:
        found = _capped(found, request.max_per_rule)
    report.diagnostics = sorted([*found, *report.load_failures], key=lambda d: d.sort_key())
    report.files = [r.path for r in report.results] + sorted({d.path for d in report.load_failures})
    if request.rule_infos:
        report.rule_infos = session.rule_infos(targets)
    limits = [c.data["max-warnings"] for c in session.configs(targets) if "max-warnings" in c.data]
    report.config_max_warnings = min(limits) if limits else None
    return report


def _capped(found: list[Diagnostic], cap: int) -> list[Diagnostic]:
    """At most ``cap`` findings of a rule in a file (``linter.cap_per_rule``); applied
    to what is reported, after the baseline, so baselined findings never count."""
    from .linter import cap_per_rule

    by_path: dict[str, list[Diagnostic]] = {}
    for d in found:
        by_path.setdefault(d.path, []).append(d)
    if all(len(ds) <= cap for ds in by_path.values()):
        return found
    return [d for ds in by_path.values() for d in cap_per_rule(sorted(ds, key=lambda d: d.sort_key()), cap)]


def _load_baseline(use: BaselineUse | None) -> Any:
    if use is None:
        return None
    from .baseline import BaselineError, load

    try:
        return load(use.path)
    except BaselineError as exc:
        raise CheckError(str(exc)) from None


def _targets(session: Session, request: CheckRequest) -> tuple[list[Target], Any]:
    """The files of this run (this shard's), and standard input's bytes (or why it
    cannot be read) when one of them is ``-``."""
    try:
        targets = session.discover(request.paths, force_exclude=request.force_exclude,
                                   respect_gitignore=request.respect_gitignore)
    except PathError as exc:
        raise CheckError(str(exc)) from None
    if request.shard:
        targets = shard(targets, *request.shard)
    if not any(t.real == "-" for t in targets):
        return targets, None
    from .reading import read_stream

    stdin = read_stream(request.stdin) if request.stdin is not None else b""
    if request.stdin_filename:
        targets = [Target(request.stdin_filename, "-", True) if t.real == "-" else t for t in targets]
    return targets, stdin


def _library_stage(session: Session, targets: list[Target], results: list[FileResult],
                   request: CheckRequest, stdin: Any) -> list[FileResult]:
    """Run the library rules (``library.py``) over the run's library: the files the
    config includes, or with ``--shard`` only the shard's (``medlint merge`` compares
    the shards). A file that had no finding before gets its text back for excerpts
    and fingerprints."""
    if not request.library or not any(r.library_rules or r.deferred for r in results):
        return results
    from .library import Libraries
    from .position import Source
    from .reading import Unreadable, decode

    if request.use_cache and session.cache is None:  # fixing: the other articles still come from the cache
        session.use_cache(request.cache_dir or default_cache_dir(session))
    before = {id(r) for r in results if r.diagnostics}
    results = Libraries(session, whole=request.shard is None, jobs=request.jobs).check(targets, results)
    if session.options.keep_sources:
        for target, result in zip(targets, results):
            if result.diagnostics and result.source is None and id(result) not in before:
                data = session.read(target, stdin)
                text = data if isinstance(data, Unreadable) else decode(data)
                result.source = None if isinstance(text, Unreadable) else Source(text)
    return results


def _done(request: CheckRequest, result: FileResult) -> FileResult:
    if request.progress is not None:
        request.progress.advance()
    return result


def _fix_all(session: Session, targets: list[Target], stdin: Any, request: CheckRequest,
             report: Report) -> list[FileResult]:
    """Fix each target until stable; write the fixed text (atomically) unless asked
    for a diff. Standard input's fixed text is for the caller to print."""
    from .fixes import identity, write_atomic
    from .reading import Unreadable

    results = []
    for target in targets:
        # Taken before reading: the fixed text is written only over this same file.
        read_identity = identity(target.real) if target.real != "-" else None
        data = session.read(target, stdin)
        if isinstance(data, Unreadable):
            results.append(_done(request, unreadable(target.display, data.message, data.line, data.column)))
            continue
        outcome = fix_text(session, target, data, request.unsafe_fixes)
        # A diff changes nothing on disk: report the file as it is there.
        results.append(_done(request, outcome.before if request.fix == "diff" and outcome.before else outcome.result))
        report.fixes.append(FileFix(target, outcome))
        if outcome.fixed is not None and request.fix == "write" and target.real != "-":
            try:
                write_atomic(target.real, outcome.fixed, expect=read_identity)
            except OSError as exc:
                raise CheckError(f"{target.display}: cannot write the fixed file: {exc.strerror or exc}") from None
    return results


def _apply_baseline(session: Session, targets: list[Target], report: Report, baseline: Any,
                    use: BaselineUse | None) -> list[Diagnostic]:
    """Drop baselined findings; note (and with ``prune``, remove) entries that were fixed."""
    from . import baseline as bl

    kept, report.pruneable = bl.filter(report.results, baseline, active_rules=session.active_rules(targets))
    if report.pruneable and use is not None and use.prune:
        bl.save(bl.prune(baseline, report.pruneable), use.path)
        report.pruned = True
    return kept


def load_failures(session: Session, targets: list[Target]) -> list[Diagnostic]:
    """A ``rule-error`` finding for each plugin or YAML rule file that failed to load
    for the configs of ``targets`` (see plugins.py); the run then exits with 2."""
    if session.options.isolated:
        return []  # no plugins are loaded
    configs = {c.label: c for c in (session.config_of(t) for t in targets)}
    if not configs:
        config = session.forced or session.config_for(Path.cwd() / "x")
        configs = {config.label: config}
    if not any(c.data.get("plugins") or c.data.get("rule-dirs") for c in configs.values()):
        import importlib.metadata

        if not importlib.metadata.entry_points(group="medlint.rules"):
            return []  # nothing that could have failed to load
    registries = [session.registry_for(c) for c in configs.values()]
    if not any(r.load_errors for r in registries):
        return []
    from .plugins import load_error_diagnostics

    return load_error_diagnostics(registries)


def default_cache_dir(session: Session) -> Path:
    """The config's `cache-dir` (relative to the config's folder), else .medlint_cache."""
    config = session.forced or session.config_for(Path.cwd() / "x")
    if "cache-dir" in config.data:
        return config.folder_of("cache-dir") / config.data["cache-dir"]
    return Path(".medlint_cache")


def jobs_default() -> int:
    return os.cpu_count() or 1
