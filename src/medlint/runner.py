"""A lint run: find the files, resolve each one's config, lint them, in order.

This is the library entry point the CLI uses (``Session``); it never prints.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .cache import Cache, file_digest, fingerprint
from .config import CliOverrides, Config, ConfigError, Resolver, discover, load, untrusted
from .globs import GitIgnore
from .position import Source
from .reading import Unreadable, decode, read_bytes
from .registry import Registry
from .engine import unreadable
from .results import FileResult
from .rule import RunContext, Setup, SetupError

if TYPE_CHECKING:
    from .cache import Pack
    from .document import Document
    from .linter import FileSettings


@dataclass
class RunOptions:
    config_file: Path | None = None
    isolated: bool = False
    overrides: CliOverrides = field(default_factory=CliOverrides)
    today: dt.date = field(default_factory=dt.date.today)
    time_limit: float | None = 10.0
    cache_dir: Path | None = None  # None: no cache
    # Keep each file's Source in results that have findings (text excerpts, SARIF fingerprints).
    keep_sources: bool = True
    # Each result carries its article's claims (``FileResult.claims``), cached with it.
    claims: bool = False


@dataclass(frozen=True)
class Target:
    display: str  # the path as the user gave it (or as found under a given folder)
    real: str  # where to read it ("-" for standard input)
    explicit: bool = False
    # Found by walking a folder, but a symlink to a file outside that folder: not read.
    outside: bool = False
    # Why it cannot be read, known before reading (a folder that cannot be listed).
    problem: str = ""


class PathError(Exception):
    """A path named on the command line that does not exist or cannot be read: a
    usage error (exit code 2), never a finding."""


class Session:
    def __init__(self, options: RunOptions):
        self.options = options
        self._configs: dict[str, Config] = {}
        self._checked: set[str] = set()  # configs whose plugins, rule-dirs and claims are trusted
        self._resolvers: dict[str, Resolver] = {}
        self._registries: dict[str, Registry] = {}
        self.forced: Config | None = None
        self._fingerprints: dict[str, str] = {}
        self._runs: dict[str, RunContext] = {}
        self._rulesets: dict[str, "RuleSet"] = {}
        self.cache: Cache | None = None
        if options.cache_dir is not None:
            self.use_cache(options.cache_dir)
        if options.isolated:
            self.forced = Config(None, Path.cwd())
        elif options.config_file is not None:
            if not options.config_file.is_file():
                raise ConfigError(f"{options.config_file}: config file not found")
            self.forced = _trusted(load(options.config_file))

    def use_cache(self, folder: Path) -> None:
        """Serve and store results in the cache folder ``folder``."""
        self.options.cache_dir = folder
        self.cache = Cache(folder)

    # -- config ------------------------------------------------------------
    def config_for(self, path: str | Path) -> Config:
        if self.forced is not None:
            return self.forced
        key = os.path.dirname(os.path.abspath(path))
        if key not in self._configs:
            config = discover(Path(key))
            if config.label not in self._checked:  # folders sharing a config check it once
                self._checked.add(_trusted(config).label)
            self._configs[key] = config
        return self._configs[key]

    def config_of(self, target: Target) -> Config:
        """The config that applies to ``target`` (standard input: by its display name)."""
        return self.config_for(target.real if target.real != "-" else target.display)

    def registry_for(self, config: Config) -> Registry:
        """Built-in rules plus, unless isolated, the plugins and YAML rules ``config``
        names and the installed entry-point plugins (load failures are recorded in
        ``registry.load_errors``, never raised)."""
        key = config.label
        if key not in self._registries:
            registry = Registry.builtin()
            if not self.options.isolated:
                from .plugins import load_into

                load_into(registry, config)
            self._registries[key] = registry
        return self._registries[key]

    def resolver_for(self, config: Config) -> Resolver:
        key = config.label
        if key not in self._resolvers:
            registry = self.registry_for(config)
            try:
                self._resolvers[key] = Resolver(config, registry, self.options.overrides)
            except ConfigError as exc:
                if registry.load_errors:  # the rule it names may be in a plugin that failed to load
                    failed = "; ".join(f"{source}: {message}" for source, message in registry.load_errors)
                    raise ConfigError(f"{exc} (plugins that failed to load: {failed})") from None
                raise
        return self._resolvers[key]

    def configs(self, targets: Iterable[Target]) -> list[Config]:
        """The distinct configs that apply to ``targets``."""
        found: dict[str, Config] = {}
        for t in targets:
            config = self.config_of(t)
            found.setdefault(config.label, config)
        return list(found.values())

    def active_rules(self, targets: Iterable[Target]) -> set[str]:
        """Names of the rules enabled (before per-file overrides) for these targets' configs."""
        return {name for config in self.configs(targets) for name in self.resolver_for(config).validated("", {})}

    def rule_infos(self, targets: Iterable[Target]) -> dict:
        """Reporter metadata of every rule known to these targets' configs (built-ins at least)."""
        infos = Registry.builtin().infos()
        for config in self.configs(targets):
            infos.update(self.registry_for(config).infos())
        return infos

    def settings_for(self, target: Target) -> "callable":
        config = self.config_of(target)
        if config.label not in self._rulesets:
            from .linter import RuleSet

            self._rulesets[config.label] = RuleSet(self.resolver_for(config), self.options.time_limit)
        ruleset = self._rulesets[config.label]
        rel = config.relative(Path(target.display))

        def settings(doc: Document) -> FileSettings:
            return ruleset.for_file(rel, doc.data)

        return settings

    # -- files -------------------------------------------------------------
    def discover(self, paths: Iterable[str], force_exclude: bool = False,
                 respect_gitignore: bool = True) -> list[Target]:
        """Files to lint, in a stable order. Folders are walked (symlinked folders are
        not followed, so a link loop cannot hang the run), skipping what the
        config excludes and, with ``respect_gitignore``, what git ignores; explicit
        files are kept even when they do not match ``include``, and even when
        ``exclude`` matches them unless ``force_exclude``."""
        targets: list[Target] = []
        seen: set[str] = set()
        for given in list(paths) or ["."]:
            if given == "-":
                targets.append(Target("-", "-", True))
                continue
            check_named(given)
            if os.path.isdir(given):
                for found in self._walk(given, respect_gitignore):
                    key = os.path.abspath(found.real)
                    if key not in seen:
                        seen.add(key)
                        targets.append(found)
            else:
                key = os.path.abspath(given)
                if force_exclude and self._excluded(given):
                    continue
                if key not in seen:
                    seen.add(key)
                    targets.append(Target(given, given, True))
        return targets

    def _excluded(self, path: str) -> bool:
        """Whether the config of ``path`` excludes it (the file or a folder above it)."""
        config = self.config_for(path)
        rel = config.relative(Path(path))
        return not rel.startswith("../") and config.excludes(rel)

    def selection(self, paths: Iterable[str]) -> str:
        """Which include and exclude globs the folders among ``paths`` (none: the
        current folder) were walked with, and from which config: to say why no file matched."""
        folders = [p for p in paths if p != "-" and os.path.isdir(p)] or (["."] if not list(paths) else [])
        out = []
        for folder in folders:
            config = self.config_for(Path(folder) / "x")
            exclude = config.data.get("exclude", [])
            out.append(f"{folder!r} with include = {json.dumps(list(config.include))}"
                       + (f", exclude = {json.dumps(exclude)}" if exclude else "") + f" (from {config.label})")
        return "; ".join(out)

    def included(self, config: Config) -> list[str]:
        """Every file ``config`` includes under its folder, as a walk of that folder
        finds them (absolute paths, sorted)."""
        return [t.real for t in self._walk(os.path.abspath(config.root)) if not t.problem and not t.outside]

    def _walk(self, folder: str, respect_gitignore: bool = True) -> Iterator[Target]:
        config = self.config_for(Path(folder) / "x")
        root = os.path.abspath(config.root)
        found: list[Target] = []
        top = os.path.realpath(folder)
        gitignore = GitIgnore(folder) if respect_gitignore else None

        def display(path: str) -> str:
            return os.path.normpath(path) if folder not in (".", "./") else os.path.relpath(path)

        def cannot_list(error: OSError) -> None:
            where = error.filename if isinstance(error.filename, str) else folder
            if os.path.normpath(where) == os.path.normpath(folder):
                raise PathError(f"{folder}: cannot read this folder: {error.strerror or error}")
            found.append(Target(display(where), where, problem=(
                f"cannot read this folder ({error.strerror or error}): the articles in it were not linted")))

        for dirpath, dirnames, filenames in os.walk(folder, onerror=cannot_list, followlinks=False):
            rel_dir = os.path.relpath(os.path.abspath(dirpath), root).replace(os.sep, "/")
            if rel_dir == ".":
                rel_dir = ""
            elif rel_dir.startswith("../"):  # walking outside the config's folder
                rel_dir = dirpath.replace(os.sep, "/").strip("/")
            prefix = f"{rel_dir}/" if rel_dir else ""
            dirnames[:] = sorted(d for d in dirnames if not config.excludes(f"{prefix}{d}/")
                                 and not (gitignore and gitignore.ignored(os.path.join(dirpath, d), True)))
            if gitignore is not None:
                gitignore.load(dirpath)
            for name in filenames:
                rel = prefix + name
                if config.selects(rel) \
                        and not (gitignore and gitignore.ignored(os.path.join(dirpath, name), False)):
                    path = display(os.path.join(dirpath, name))
                    found.append(Target(path, path, outside=_links_outside(path, top)))
        yield from sorted(found, key=lambda t: t.display)

    # -- linting -----------------------------------------------------------
    def run_context(self, config: Config) -> RunContext:
        """The run's date and what ``config`` gives the rules' ``prepare``. Rules whose
        declared config keys name files are prepared now, so a bad file stops the run
        with a configuration error before any file is linted."""
        run = self._runs.get(config.label)
        if run is None:
            registry = self.registry_for(config)
            keys = {key for rule in registry.rules.values() for key in rule.config_keys}
            setup = Setup({key: tuple(str(p) for p in config.paths(key)) for key in sorted(keys)})
            run = RunContext(today=self.options.today, setup=setup)
            for rule in registry.rules.values():
                if rule.prepares() and any(setup.paths(key) for key in rule.config_keys):
                    try:
                        run.prepared(rule)
                    except SetupError as exc:
                        raise ConfigError(str(exc)) from None
            self._runs[config.label] = run
        return run

    def run_fingerprint(self, config: Config) -> str:
        """Everything besides the file itself that decides its findings: the options,
        the config file, and the content of every file the config names for medlint
        (plugins, rule folders) or for a rule (what rules declare: path options,
        config keys)."""
        key = config.label
        if key not in self._fingerprints:
            rules: list[str | bytes] = [key, repr(self.options.isolated)]  # what decides which rules exist
            # Every file merged into the config (the folders above, what it extends).
            rules.extend(part for f in (config.files or ([config.path] if config.path else []))
                         for part in (str(f), file_digest(f)))
            rules.extend(_digests([*config.paths("plugins"), *config.paths("rule-dirs")]))
            if not self.options.isolated:
                rules.extend(_installed_plugins())
            # Not --today: each entry keeps the days its result holds for (RunContext.dates).
            parts = [*rules, repr(self.options.overrides),
                     repr(self.options.time_limit), *_digests(self._referenced_files(config, fingerprint(rules)))]
            self._fingerprints[key] = fingerprint(parts)
        return self._fingerprints[key]

    def _referenced_files(self, config: Config, rules_key: str) -> list[Path]:
        """The files the rules read because ``config`` names them
        (``Resolver.referenced``). Finding out loads every rule, so the answer is kept
        in the cache under ``rules_key`` (config, plugins, medlint's code) and a warm
        run imports no rule; globs in config keys are expanded afresh every run."""
        name = f"referenced-{rules_key}"
        found = self.cache.get_data(name) if self.cache is not None else None
        if not (isinstance(found, dict) and all(isinstance(found.get(k), list) for k in ("paths", "keys"))):
            paths, keys = self.resolver_for(config).referenced()
            found = {"paths": [str(p) for p in paths], "keys": keys}
            if self.cache is not None:
                self.cache.put_data(name, found)
        return [*(Path(p) for p in found["paths"]), *(p for key in found["keys"] for p in config.paths(key))]

    def lint_target(self, target: Target, stdin: bytes | Unreadable | None = None,
                    timings: dict[str, float] | None = None) -> FileResult:
        data = self.read(target, stdin)
        if isinstance(data, Unreadable):
            return unreadable(target.display, data.message, data.line, data.column)
        key = None
        if timings is None:
            key = self._cache_key(target, data)
            cached = self._cached(target, data, key)
            if cached is not None:
                return cached
        text = decode(data)
        del data  # not held beside the text while linting (an 8 MiB article's bytes)
        if isinstance(text, Unreadable):
            return unreadable(target.display, text.message, text.line, text.column)
        return self._lint_decoded(target, text, key, timings)

    def lint_text(self, target: Target, text: str) -> FileResult:
        """Lint ``text`` as the content of ``target`` (an editor's unsaved buffer);
        never cached. Library findings are added by ``library.Libraries.update``."""
        from .linter import lint_text

        run = self.run_context(self.config_of(target))
        result = lint_text(target.display, text, self.settings_for(target), run, claims=self.options.claims)
        if result.document is not None:
            result.outline = result.document.outline()
        result.document = None
        return result

    def read(self, target: Target, stdin: bytes | Unreadable | None = None) -> bytes | Unreadable:
        """The target's bytes, or why it cannot be read (standard input comes in ``stdin``)."""
        if target.real == "-":
            return stdin if stdin is not None else b""
        if target.problem:
            return Unreadable(target.problem)
        if target.outside:
            return OUTSIDE
        return read_bytes(target.real)

    def open(self, path: str | Path) -> "Document | Unreadable":
        """The article at ``path`` as a Document (or why it cannot be read): the one
        way from a file to a Document outside a lint run."""
        from .document import Document

        data = read_bytes(str(path))
        text = data if isinstance(data, Unreadable) else decode(data)
        if isinstance(text, Unreadable):
            return text
        return Document(str(path), Source(text))

    def _cache_key(self, target: Target, data: bytes) -> str | None:
        if self.cache is None:
            return None
        config = self.config_of(target)
        return self.cache.key(self.run_fingerprint(config), target.display, data)

    def _cached(self, target: Target, data: bytes, key: str | None = None,
                pack: "Pack | None" = None) -> FileResult | None:
        key = key or self._cache_key(target, data)
        if key is None:
            return None
        entry = (pack or self.cache).get(key, self.options.today, self.options.claims)  # type: ignore[union-attr]
        if entry is None:
            return None
        source = None
        if entry.diagnostics and self.options.keep_sources:
            text = decode(data)
            source = Source(text) if isinstance(text, str) else None
        return FileResult(target.display, entry.diagnostics, source=source, claims=entry.claims,
                          outline=entry.outline, measures=entry.measures or {},
                          library_rules=entry.library_rules, deferred=entry.deferred)

    def _lint_decoded(self, target: Target, text: str, key: str | None,
                      timings: dict[str, float] | None = None) -> FileResult:
        """Lint the decoded text of ``target``; ``key``: where the cache keeps the result (None: not kept)."""
        config = self.config_of(target)
        from .linter import lint_text

        run = self.run_context(config)
        run.reset_dates()
        result = lint_text(target.display, text, self.settings_for(target), run, timings, self.options.claims)
        if result.document is not None:
            result.outline = result.document.outline()
        if key is not None and not result.internal_error:
            self.cache.put(key, result, run.dates)
        result.document = None
        if not (result.diagnostics and self.options.keep_sources):
            result.source = None
        return result

    def lint_many(self, targets: list[Target], stdin: bytes | Unreadable | None, jobs: int) -> Iterator[FileResult]:
        """Results in target order. Cache hits are served here; the misses go to a
        process pool when there are enough of them to pay for one."""
        if self.cache is not None:
            results: list[FileResult | None] = []
            misses: list[int] = []
            pack = self.cache.pack(t.display for t in targets)
            try:
                for i, target in enumerate(targets):
                    data = self.read(target, stdin)
                    hit = (unreadable(target.display, data.message, data.line, data.column)
                           if isinstance(data, Unreadable) else self._cached(target, data, pack=pack))
                    results.append(hit)
                    if hit is None:
                        misses.append(i)
            finally:
                pack.close()
            fresh = self._lint_all([targets[i] for i in misses], stdin, jobs)
            for i, result in zip(misses, fresh):
                results[i] = result
            yield from (r for r in results if r is not None)
            return
        yield from self._lint_all(targets, stdin, jobs)

    def _lint_all(self, targets: list[Target], stdin: bytes | Unreadable | None, jobs: int) -> Iterator[FileResult]:
        if jobs <= 1 or len(targets) < POOL_THRESHOLD or any(t.real == "-" for t in targets):
            for target in targets:
                yield self.lint_target(target, stdin)
            return
        import concurrent.futures as cf
        import multiprocessing

        global _PARENT
        # The first file is linted here, before the pool starts: it loads the config,
        # the rules and their compiled lexicons once, and forked workers inherit them
        # (with "spawn", where there is no fork, each worker builds its own).
        yield self.lint_target(targets[0], stdin)
        rest = targets[1:]
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        jobs = min(jobs, len(rest))  # never more workers than files
        chunk = max(1, min(32, len(rest) // (jobs * 8) or 1))
        _PARENT = self
        try:
            pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                          initargs=(self.options, os.getpid()))
            try:
                # map submits every task (starting the workers) before yielding anything
                results = pool.map(_lint_in_worker, rest, chunksize=chunk)
            except OSError:  # no more processes allowed (ulimit -u): lint here instead
                pool.shutdown(wait=False, cancel_futures=True)
                results = (self.lint_target(target, stdin) for target in rest)
            with pool:
                yield from results
        finally:
            _PARENT = None


OUTSIDE = Unreadable("a symbolic link to a file outside the folder being linted: not read, so a link cannot "
                     "show another file's text in the report (name the file itself to lint it)")


# Config keys naming what medlint loads and runs or trusts: plugin code, YAML rules, claim registries.
TRUSTED_KEYS = ("plugins", "rule-dirs", "claims")


def _trusted(config: Config) -> Config:
    """``config``, once each file its ``plugins``, ``rule-dirs`` and ``claims`` name
    is owned by the user (or root) and not writable by others; else a ConfigError."""
    for key in TRUSTED_KEYS:
        for path in config.paths(key):
            inside = sorted(path.iterdir()) if key == "rule-dirs" and path.is_dir() else []
            for each in (path, *inside):
                why = untrusted(each)
                if why:
                    raise ConfigError(f"{config.source_of(key)}: `{key}`: refusing to load {each}: {why} "
                                      f"(medlint loads only files you or root own that others cannot write)")
    return config


def check_named(path: str) -> None:
    """Raise PathError unless the path named on the command line exists (a dangling
    symlink exists: reading it reports what is wrong)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        raise PathError(f"{path}: no such file or folder") from None
    except OSError as exc:
        raise PathError(f"{path}: {exc.strerror or exc}") from None


def _links_outside(path: str, top: str) -> bool:
    """Whether ``path``, found while walking the folder ``top`` (resolved), is a
    symlink whose target lies outside that folder."""
    if not os.path.islink(path):
        return False
    try:
        return os.path.commonpath([os.path.realpath(path), top]) != top
    except ValueError:  # another drive
        return True


POOL_THRESHOLD = 8


def _digests(paths: Iterable[Path]) -> list[str | bytes]:
    """Name and content digest of each file (a folder: each file in it; a missing
    file: its name and a marker, so creating it changes the result)."""
    parts: list[str | bytes] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file() or not f.exists():
                parts.extend([str(f), file_digest(f)])
    return parts


def _installed_plugins() -> list[str | bytes]:
    """Identity of the installed ``medlint.rules`` plugins: name, target, version and
    the files of the plugin's top-level package (found without importing it): name,
    size and modification time of every file in it, so an edited helper module or
    YAML rule of an (editable) plugin, or an upgrade, never reuses cached results. A
    plugin that is a single module: that file's content."""
    import importlib.metadata
    import importlib.util

    parts: list[str | bytes] = []
    for ep in sorted(importlib.metadata.entry_points(group="medlint.rules"), key=lambda e: (e.name, e.value)):
        version = ep.dist.version if ep.dist is not None else ""
        parts.append(f"{ep.name}={ep.value}@{version}")
        try:
            spec = importlib.util.find_spec(ep.value.split(":")[0].split(".")[0])
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            continue
        if spec.submodule_search_locations:
            for folder in sorted(spec.submodule_search_locations):
                parts.extend(_tree_stats(Path(folder)))
        elif spec.origin:
            parts.append(file_digest(spec.origin))
    return parts


def _tree_stats(folder: Path) -> list[str | bytes]:
    """Path, size and modification time of every file under ``folder`` (compiled
    bytecode aside): cheap enough for every run, and any edit changes it."""
    parts: list[str | bytes] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return parts
_WORKER: Session | None = None
# The session that started the pool; a forked worker finds it already in memory.
_PARENT: Session | None = None


def _init_worker(options: RunOptions, parent: int | None = None) -> None:
    """Set up a worker process of the pool started by process ``parent``."""
    global _WORKER
    if parent is not None:
        _die_with_parent(parent)
    _WORKER = _PARENT if _PARENT is not None and _PARENT.options is options else Session(options)


def _die_with_parent(parent: int) -> None:
    """A worker ends when medlint does (killed by SIGTERM or SIGKILL), instead of
    waiting for work forever: the kernel signals it (Linux), and a watcher thread
    checks the parent every second elsewhere."""
    import signal
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="medlint-parent-watch").start()


def _lint_in_worker(target: Target) -> FileResult:
    assert _WORKER is not None
    return _WORKER.lint_target(target)


def shard(targets: list[Target], index: int, count: int) -> list[Target]:
    """Shard ``index`` (1-based) of ``count``: a deterministic split balanced by file
    size (largest first, each to the lightest shard; ties by path)."""
    sizes = []
    for target in targets:
        try:
            size = os.path.getsize(target.real) if target.real != "-" else 0
        except OSError:
            size = 0
        sizes.append((size, target.display, target))
    import heapq

    # Only the first len(targets) shards can get a file (an empty shard is always the
    # lightest), so --shard 1/1000000000 costs what 1/len(targets) does.
    count = min(count, max(len(targets), 1))
    loads = [(0, i) for i in range(count)]  # a heap: (load, shard), lightest first
    chosen: list[Target] = []
    for size, _, target in sorted(sizes, key=lambda s: (-s[0], s[1])):
        load, lightest = heapq.heappop(loads)
        heapq.heappush(loads, (load + size + 1, lightest))
        if lightest == index - 1:
            chosen.append(target)
    order = {id(t): i for i, t in enumerate(targets)}
    return sorted(chosen, key=lambda t: order[id(t)])


@dataclass
class FixOutcome:
    result: FileResult  # findings left after fixing
    original: str | None  # decoded text before (None: unreadable, nothing done)
    fixed: str | None  # decoded text after (None: unchanged)
    applied: int = 0
    before: FileResult | None = None  # findings in the original text (positions in the file on disk)


def fix_text(session: Session, target: Target, data: bytes, unsafe: bool) -> FixOutcome:
    """Lint, apply the offered fixes, re-lint, until nothing changes (bounded)."""
    from .fixes import fix_until_stable
    from .linter import lint_text

    text = decode(data)
    if isinstance(text, Unreadable):
        return FixOutcome(unreadable(target.display, text.message, text.line, text.column), None, None)
    settings_for, run = session.settings_for(target), session.run_context(session.config_of(target))
    linted: list[FileResult] = []

    def lint(current: str) -> list:
        linted.append(lint_text(target.display, current, settings_for, run, claims=session.options.claims))
        return linted[-1].diagnostics

    fixed = fix_until_stable(text, lint, unsafe)
    for result in (linted[0], linted[-1]):
        if result.document is not None:
            result.outline = result.document.outline()
        result.document = None
    return FixOutcome(linted[-1], text, fixed.text if fixed.text != text else None, fixed.applied, linted[0])
