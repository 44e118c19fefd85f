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
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from .diagnostics import Diagnostic, Severity
from .position import Source
from .engine import unreadable
from .results import MAX_FINDINGS_PER_RULE, FileResult
from .runner import FixOutcome, PathError, RunOptions, Session, Target, fix_text, shard

if TYPE_CHECKING:
    from .baseline import Pruneable
    from .registry import RuleInfo

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...


class ReportSink(Protocol):
    """Where a streaming run sends its report (``CheckRequest.sink``): ``start`` once
    the files are known (``report.files``), then ``file`` for every path of the report
    in path order with its findings to report (sorted), its text when the run keeps
    sources, and its result (None for a rule file that failed to load), then
    ``finish`` with the report's totals."""

    def start(self, report: "Report") -> None: ...

    def file(self, path: str, diagnostics: list[Diagnostic], text: str | None, result: FileResult | None) -> None: ...

    def finish(self, report: "Report") -> None: ...


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
    # Stream the report to this sink instead of keeping it (``Report.results`` and
    # ``Report.diagnostics`` stay empty): memory then does not grow with the number of
    # files or findings.
    sink: ReportSink | None = None


@dataclass
class FileFix:
    """What fixing one file did (``Report.fixes``)."""

    target: Target
    outcome: FixOutcome


@dataclass
class Report:
    """The outcome of one check: per-file results (in file order) and the findings
    to report (sorted, baselined findings removed, load failures added); with a
    ``CheckRequest.sink``, only the totals (the sink had the rest)."""

    results: list[FileResult]
    diagnostics: list[Diagnostic]
    files: list[str]  # every file reported on (linted files, then failed rule files)
    # Findings to report by severity, and those of crashed rules (``rule-error``).
    counts: Counter[Severity] = field(default_factory=Counter)
    crashes: list[Diagnostic] = field(default_factory=list)
    internal_error: bool = False  # a rule crashed in some file
    linted: int = 0  # files linted (or served from the cache)
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
        if self.load_failures or self.internal_error:
            return EXIT_ERROR
        if (diff and self.changed) or (strict_baseline and self.stale):
            return EXIT_FINDINGS
        return EXIT_FINDINGS if self.counts[Severity.ERROR] or self.too_many_warnings(max_warnings) else EXIT_OK

    def too_many_warnings(self, max_warnings: int | None = None) -> str | None:
        """"N warnings exceed --max-warnings M" when they do (the limit given, else
        the configs'), else None."""
        if max_warnings is not None:
            limit, name = max_warnings, "--max-warnings"
        elif self.config_max_warnings is not None:
            limit, name = self.config_max_warnings, "max-warnings (config)"
        else:
            return None
        warnings = self.counts[Severity.WARNING]
        if warnings <= limit:
            return None
        return f"{warnings} warning{'s' if warnings != 1 else ''} exceed{'s' if warnings == 1 else ''} {name} {limit}"


def check(request: CheckRequest) -> Report:
    """Run ``request``. Raises ``config.ConfigError`` or ``CheckError`` for what stops
    a run before (or instead of) a report.

    The files are linted in report order (by path) and each result is put aside
    (``_Held``: pickled to a temporary file when streaming) with only what the
    library stage needs kept in memory (``_LibraryEntry``: claims, library rules, open
    suppressions); once the library rules have run, each result is taken back in
    turn, settled, filtered by the baseline and capped, and reported."""
    baseline = _load_baseline(request.baseline)
    session = Session(request.options)
    if request.use_cache and request.fix is None:
        session.use_cache(request.cache_dir or default_cache_dir(session))
    targets, stdin = _targets(session, request)
    report = Report([], [], [], stdin_used=stdin is not None, linted=len(targets))
    if not targets:
        report.no_files = session.selection(request.paths)
    elif request.options.overrides.given and not session.active_rules(targets):
        report.no_rules = True
    if request.progress is not None:
        request.progress.start(len(targets))
    # Report order: by path, files of one path in their given order (sorted() is stable).
    order = sorted(range(len(targets)), key=lambda i: targets[i].display)
    ordered = [targets[i] for i in order]
    held = _Held(spill=request.sink is not None)
    entries: list[tuple[Target, _LibraryEntry] | None] = [None] * len(targets)
    if request.fix is not None:
        results: Iterator[FileResult] = iter(_fix_all(session, ordered, stdin, request, report))
    elif request.profile:
        results = (session.lint_target(t, stdin, report.timings) for t in ordered)
    else:
        results = session.lint_many(ordered, stdin, request.jobs)
    settings: dict[str, dict[str, dict]] = {}  # one copy of each set of library rule settings
    for i, result in zip(order, results):
        if request.fix is None:  # _fix_all tells progress itself
            _done(request, result)
        if result.library_rules or result.deferred:
            rules = settings.setdefault(repr(result.library_rules), result.library_rules)
            entries[i] = (targets[i], _LibraryEntry(result.path, result.claims or None, rules, result.deferred or ()))
        held.add(result)
    if request.shard is not None:
        from .library import shard_data

        baseline_path = str(request.baseline.path) if request.baseline is not None else None
        report.library = shard_data((e for _, e in filter(None, entries)), request.options, request.shard,
                                    baseline_path)
    found = _library_stage(session, targets, [e for e in entries if e is not None], request)
    if request.fix is not None:  # back in the order the files were given
        position = {id(t): i for i, t in enumerate(targets)}
        report.fixes.sort(key=lambda f: position[id(f.target)])
    if session.cache is not None:
        session.cache.prune()
    report.load_failures = load_failures(session, targets)
    report.files = [t.display for t in targets] + sorted({d.path for d in report.load_failures})
    if request.rule_infos:
        report.rule_infos = session.rule_infos(targets)
    limits = [c.data["max-warnings"] for c in session.configs(targets) if "max-warnings" in c.data]
    report.config_max_warnings = min(limits) if limits else None
    screen = None
    if baseline is not None:
        from . import baseline as bl

        screen = bl.Filter(baseline, active_rules=session.active_rules(targets))
    if request.sink is not None:
        request.sink.start(report)
    kept_results: list[FileResult | None] = [None] * len(targets)
    everything = unhidden = 0
    settled = ((i, _settled(session, targets[i], r, found, stdin)) for i, r in zip(order, held.results()))
    groups = _by_path(settled, report.load_failures)
    for path, members, failures in groups:
        reported: list[Diagnostic] = []
        for i, result in members:
            everything += len(result.diagnostics)
            kept = screen.keep(result) if screen is not None else result.diagnostics
            unhidden += len(kept)
            reported.extend(kept)
            report.internal_error |= result.internal_error
            if request.sink is None:
                kept_results[i] = result
        if request.max_per_rule and len(reported) > request.max_per_rule:
            from .linter import cap_per_rule

            reported = cap_per_rule(sorted(reported, key=lambda d: d.sort_key()), request.max_per_rule)
        reported = sorted([*reported, *failures], key=lambda d: d.sort_key())
        report.counts.update(d.severity for d in reported)
        report.crashes.extend(d for d in reported if "traceback" in d.data)
        if request.sink is not None:
            last = members[-1][1] if members else None
            text = next((r.source.text for _, r in reversed(members) if r.source is not None), None)
            request.sink.file(path, reported, text, last)
        else:
            report.diagnostics.extend(reported)
    if request.sink is None:
        report.results = [r for r in kept_results if r is not None]
    if screen is not None:
        report.pruneable = screen.pruneable()
        report.hidden = everything - unhidden
        if report.pruneable and request.baseline is not None and request.baseline.prune:
            from . import baseline as bl

            bl.save(bl.prune(baseline, report.pruneable), request.baseline.path)
            report.pruned = True
    if request.sink is not None:
        request.sink.finish(report)
    return report


@dataclass(slots=True)
class _LibraryEntry:
    """What the library stage needs of one file's result (``library.Libraries.findings``)."""

    path: str
    claims: Any
    library_rules: dict[str, dict]
    deferred: Sequence[Any]


class _Held:
    """The run's results between linting and reporting, in report order: a list, or
    with ``spill`` pickled (their text with them) to a spool that moves to a temporary
    file past 64 KiB, so that memory does not grow with the number of files or
    findings."""

    def __init__(self, spill: bool):
        self._list: list[FileResult] = []
        self._file: IO[bytes] | None = None
        self._count = 0
        if spill:
            from .reporters import binary_spool

            self._file = binary_spool()  # in memory while small: one file imports no tempfile

    def add(self, result: FileResult) -> None:
        if self._file is None:
            self._list.append(result)
            return
        import pickle

        text = result.source.text if result.source is not None else None
        result.source = None
        pickle.dump((result, text), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def results(self) -> Iterator[FileResult]:
        """Each result back, in turn."""
        if self._file is None:
            yield from self._list
            self._list = []
            return
        import pickle

        self._file.seek(0)
        for _ in range(self._count):
            result, text = pickle.load(self._file)
            if text is not None:
                result.source = Source(text)
            yield result
        self._file.close()


def _by_path(results: Iterable[tuple[int, FileResult]], failures: list[Diagnostic]
             ) -> Iterator[tuple[str, list[tuple[int, FileResult]], list[Diagnostic]]]:
    """(path, its results, its load failures) for every path of the report, in path
    order; ``results`` come in path order."""
    pending = sorted(failures, key=lambda d: d.path)
    group: list[tuple[int, FileResult]] = []

    def flush_failures(before: str | None) -> Iterator[tuple[str, list, list[Diagnostic]]]:
        while pending and (before is None or pending[0].path < before):
            path = pending[0].path
            mine = [d for d in pending if d.path == path]
            del pending[:len(mine)]
            yield path, [], mine

    for item in results:
        if group and item[1].path != group[0][1].path:
            yield from _group(group, pending)
            group = []
        if not group:
            yield from flush_failures(item[1].path)
        group.append(item)
    if group:
        yield from _group(group, pending)
    yield from flush_failures(None)


def _group(group: list[tuple[int, FileResult]], pending: list[Diagnostic]
           ) -> Iterator[tuple[str, list[tuple[int, FileResult]], list[Diagnostic]]]:
    path = group[0][1].path
    mine = [d for d in pending if d.path == path]
    if mine:
        pending[:] = [d for d in pending if d.path != path]
    yield path, group, mine


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


def _library_stage(session: Session, targets: list[Target], entries: list[tuple[Target, _LibraryEntry]],
                   request: CheckRequest) -> dict[str, list[Diagnostic]] | None:
    """The library rules' findings by path (``library.py``) over the run's library:
    the files the config includes, or with ``--shard`` only the shard's (``medlint
    merge`` compares the shards); None when the stage does not run."""
    if not request.library or not entries:
        return None
    from .library import Libraries

    if request.use_cache and session.cache is None:  # fixing: the other articles still come from the cache
        session.use_cache(request.cache_dir or default_cache_dir(session))
    return Libraries(session, whole=request.shard is None, jobs=request.jobs).findings(entries, targets)


def _settled(session: Session, target: Target, result: FileResult, found: dict[str, list[Diagnostic]] | None,
             stdin: Any) -> FileResult:
    """``result`` with its library findings settled in (``found``: None when the
    library stage did not run). A file that had no finding before gets its text back
    for excerpts and fingerprints."""
    if found is None:
        return result
    from .library import settle
    from .reading import Unreadable, decode

    had = bool(result.diagnostics)
    settle(result, found.get(result.path, ()))
    if session.options.keep_sources and result.diagnostics and result.source is None and not had:
        data = session.read(target, stdin)
        text = data if isinstance(data, Unreadable) else decode(data)
        result.source = None if isinstance(text, Unreadable) else Source(text)
    return result


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
