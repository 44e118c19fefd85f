"""The library stage: rules that compare the articles of a library (``Stage.LIBRARY``).

Each file is first linted on its own; its result carries its claims, the library
rules enabled for it (severity, options, class: ``results.rule_setting``) and the
suppressions whose use is still open (``FileResult.deferred``). Then, per library, each library rule gets a
``LibraryContext``: an index of the claims of every file of the library where the
rule is enabled (``claims.index.ClaimIndex``) and the claims to check, those of the
files being reported. Its findings go to the file they are reported in, where that
file's own suppressions apply (``settle``).

**What the library is.** With a config file (found, or ``--config``) and without
``--isolated``: every file the config includes (its ``include``/``exclude`` under
the config's folder), plus the files the command names; so a pre-commit run on one
staged file compares it with all the others. Their results come from the cache, or
they are linted (and cached) but not reported. Without a config file, or with
``--isolated``: only the files the command names (no folder is walked that nobody
asked for; ``python -m medlint.evaluate`` lints labelled corpora this way). With
``--shard K/N``: the shard's files; ``medlint merge`` compares the shards.

``Libraries`` is the one entry point: ``check`` for a run, ``update`` for an editor
that re-lints one file at a time and keeps the library in memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Related, Severity
from .results import FileResult
from .rule import INTERNAL_ERROR, ResolvedOptions, Rule

if TYPE_CHECKING:
    from .claims.index import ClaimIndex
    from .claims.lexicon import ClaimLexicon
    from .config import Config
    from .runner import Session, Target


@dataclass
class LibraryContext:
    """What a library rule's ``check_library`` receives: the claims of the library
    (``index``: every file where the rule is enabled) and the claims to check
    (``claims()``: those of the files being reported); it reports at a claim."""

    rule: Rule
    index: "ClaimIndex"
    reported: Sequence[FileResult]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _by_path: dict[str, FileResult] | None = field(default=None, repr=False)

    @property
    def options(self) -> dict[str, Any]:
        return self.rule.options

    def claims(self) -> Iterator[Any]:
        """The claims of the reported files where the rule is enabled, in file order."""
        for result in self.reported:
            if self.rule.name in result.library_rules and result.claims:
                yield from result.claims

    def report(self, at: Any, message: str, *, hint: str = "", related: Iterable[Related] = (),
               **data: Any) -> Diagnostic:
        """A finding at the claim ``at`` (a ``ClaimRecord`` of a reported file); ``message``
        is a key of the rule's ``messages`` or a literal text, formatted with ``data``."""
        claim = at
        severity = self._severity(claim.path)
        template = self.rule.messages.get(message, message)
        diag = Diagnostic(
            path=claim.path, rule=self.rule.name, code=self.rule.code, severity=severity,
            message=template.format(**data) if data else template, line=claim.line, column=claim.column,
            end_line=claim.end_line, end_column=claim.end_column, related=tuple(related), hint=hint,
            data={"message_id": message if message in self.rule.messages else None})
        self.diagnostics.append(diag)
        return diag

    @staticmethod
    def related(claim: Any, message: str) -> Related:
        """A related location at another claim (of any file of the library)."""
        return Related(claim.path, claim.line, claim.column, message, claim.end_line, claim.end_column)

    def _severity(self, path: str) -> Severity:
        if self._by_path is None:
            self._by_path = {r.path: r for r in self.reported}
        result = self._by_path.get(path)
        if result is None or self.rule.name not in result.library_rules:
            raise ValueError(f"{self.rule.name} reported at {path}, which is not a reported file where it is on")
        return Severity(result.library_rules[self.rule.name]["severity"])


def run_rules(lexicon: "ClaimLexicon", members: Iterable[Any], reported: Sequence[Any],
              rule_class: Callable[[str, str], type[Rule]]) -> dict[str, list[Diagnostic]]:
    """Each library rule enabled in a reported file, once over one library: findings
    by path. ``members`` is every file of the library (the reported ones included);
    each file's result says which library rules apply to it, with what options and
    from which class (``FileResult.library_rules``), and ``rule_class(name, where)``
    gives the class. A rule that raises becomes a ``rule-error`` finding in each
    reported file where it is enabled."""
    import json

    from .claims.index import ClaimIndex
    from .engine import rule_error

    members = list(members)
    found: dict[str, list[Diagnostic]] = {}
    names = sorted({name for r in reported for name in r.library_rules})
    for name in names:
        index = ClaimIndex(lexicon)
        for result in members:
            if name in result.library_rules and result.claims:
                index.add(result.claims)
        by_options: dict[str, list[FileResult]] = {}
        for result in reported:
            if name in result.library_rules:
                key = json.dumps(result.library_rules[name]["options"], sort_keys=True, default=str)
                by_options.setdefault(key, []).append(result)
        for files in by_options.values():
            setting = files[0].library_rules[name]
            # Resolved and validated when the file was linted (a cached result's key covers
            # the config and medlint's code): validating them again imported jsonschema
            # (~30 ms) on every run served from the cache.
            rule = rule_class(name, setting["rule"])(ResolvedOptions(setting["options"]))
            ctx = LibraryContext(rule, index, files)
            try:
                rule.check_library(ctx)  # type: ignore[attr-defined]
                diagnostics = ctx.diagnostics
            except Exception as exc:  # a rule must never abort the run
                what = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
                diagnostics = [rule_error(r.path, rule, what) for r in files]
            for diag in diagnostics:
                found.setdefault(diag.path, []).append(diag)
    return found


def import_rule(where: str) -> type[Rule] | None:
    """The rule class at ``module:qualname``, or None when it cannot be imported (a
    plugin loaded from a file)."""
    import importlib

    module, _, name = where.partition(":")
    try:
        found: Any = importlib.import_module(module)
        for part in name.split("."):
            found = getattr(found, part)
    except (ImportError, AttributeError, ValueError):
        return None
    return found if isinstance(found, type) and issubclass(found, Rule) else None


def settle(result: FileResult, found: Sequence[Diagnostic] = ()) -> FileResult:
    """``result`` with the library findings ``found`` (for its file) added: those one
    of its suppressions covers are dropped, and what the suppression-stage rules say of
    each open suppression (``Deferred.variants``) is added for the library rules it
    ended up suppressing. Call it once per result, with ``()`` when there are none."""
    if not found and not result.deferred:
        return result
    kept = []
    used: list[set[str]] = [set() for _ in result.deferred]
    # Line suppressions are looked up by line (a file may have thousands); ranges are few.
    by_line: dict[int, list[int]] = {}
    wide: list[int] = []
    for i, d in enumerate(result.deferred):
        if d.last_line - d.first_line < 64:
            for line in range(d.first_line, d.last_line + 1):
                by_line.setdefault(line, []).append(i)
        else:
            wide.append(i)
    for diag in found:
        covering = [i for i in (*by_line.get(diag.line, ()), *wide) if result.deferred[i].covers(diag)]
        for i in covering:
            used[i].add(diag.rule)
        if not covering:
            kept.append(diag)
    for deferred, rules in zip(result.deferred, used):
        kept.extend(deferred.variants.get(tuple(sorted(rules)), ()))
    result.diagnostics = sorted([*result.diagnostics, *kept], key=Diagnostic.sort_key)
    result.deferred = []
    if any(d.data.get(INTERNAL_ERROR) for d in kept):
        result.internal_error = True
    return result


@dataclass
class _Library:
    config: "Config"
    members: dict[str, FileResult] = field(default_factory=dict)  # absolute path -> result
    loaded: bool = False


class Libraries:
    """The libraries of a session, one per config. ``whole``: a library is every file
    its config includes (see the module docstring); otherwise the files checked."""

    def __init__(self, session: "Session", *, whole: bool = True, jobs: int = 1):
        self.session = session
        self.whole = whole
        self.jobs = jobs
        self._libraries: dict[str, _Library] = {}

    def check(self, targets: Sequence["Target"], results: list[FileResult]) -> list[FileResult]:
        """The results of one run with the library rules' findings settled in."""
        found = self.findings([(t, r) for t, r in zip(targets, results) if r.library_rules or r.deferred], targets)
        for result in results:
            settle(result, found.get(result.path, ()))
        return results

    def findings(self, entries: Sequence[tuple["Target", Any]], targets: Sequence["Target"] = ()
                 ) -> dict[str, list[Diagnostic]]:
        """The library rules' findings of one run, by path. ``entries`` pair a file of
        the run with what the stage reads of its result (``path``, ``claims``,
        ``library_rules``; a ``FileResult`` has them), for the files with library
        rules or open suppressions; ``targets`` is every file of the run (the library
        does not lint them again)."""
        found: dict[str, list[Diagnostic]] = {}
        if not entries:
            return found
        run: dict[str, dict[str, Any]] = {}
        for target in targets:
            run.setdefault(self.session.config_of(target).label, {})[_key(target)] = None
        by_config: dict[str, list[tuple["Target", Any]]] = {}
        for target, entry in entries:
            by_config.setdefault(self.session.config_of(target).label, []).append((target, entry))
        for label, pairs in by_config.items():
            ours = {_key(t): r for t, r in pairs}
            library = self._library(pairs[0][0], known={**run.get(label, {}), **ours})
            reported = [r for _, r in pairs]
            if any(r.library_rules for r in reported):
                members = {**library.members, **ours}
                for path, diags in self._run_rules(library.config, list(members.values()), reported).items():
                    found.setdefault(path, []).extend(diags)
        return found

    def _run_rules(self, config: "Config", members: list[Any], reported: list[Any]) -> dict[str, list[Diagnostic]]:
        """``run_rules`` over one library, its findings kept in the session's cache
        under a digest of everything they are computed from: the run's fingerprint
        (config, plugins, the claim registry, medlint's code: the rules and the shipped
        lexicons), and the path, library rule settings and claims of every member and
        which of them are reported. A run where no claim changed (every file a cache
        hit) neither compiles the claims lexicon nor runs the library rules."""
        cache = self.session.cache
        key = None
        if cache is not None:
            from .cache import fingerprint

            key = "library-" + fingerprint(["library findings", self.session.run_fingerprint(config),
                                            repr([(r.path, r.library_rules, r.claims) for r in members]),
                                            repr([r.path for r in reported])])
            stored = _stored_findings(cache.get_data(key), {r.path for r in reported})
            if stored is not None:
                return stored
        found = run_rules(self._lexicon(config), members, reported, self._rule_class(config))
        if key is not None and not any(d.data.get(INTERNAL_ERROR) for diags in found.values() for d in diags):
            from .cache import dump_diagnostic

            cache.put_data(key, {path: [dump_diagnostic(d) for d in diags] for path, diags in found.items()})
        return found

    def update(self, target: "Target", result: FileResult) -> FileResult:
        """For an editor: ``result`` (one file just linted, unsaved text included) with
        its library findings, against the rest of the library (loaded once, from the
        cache where there is one); the library then holds this version of the file."""
        library = self._library(target, known={_key(target): result})
        library.members[_key(target)] = result
        found = run_rules(self._lexicon(library.config), library.members.values(), [result],
                          self._rule_class(library.config)) if result.library_rules else {}
        return settle(result, found.get(result.path, ()))

    def _library(self, target: "Target", known: Mapping[str, FileResult]) -> _Library:
        """``target``'s library, its other files loaded on first use (``known``: the
        results the caller has already)."""
        config = self.session.config_of(target)
        library = self._libraries.get(config.label)
        if library is None:
            library = self._libraries[config.label] = _Library(config)
        if not library.loaded:
            library.loaded = True
            if self.whole and config.path is not None and not self.session.options.isolated:
                self._load(library, known)
        return library

    def _load(self, library: _Library, known: Mapping[str, FileResult]) -> None:
        """Every file the config includes, linted or from the cache, not reported."""
        from .runner import Target

        found = [Target(_display(p), p) for p in self.session.included(library.config)]
        found = [t for t in found if _key(t) not in library.members and _key(t) not in known]
        for target, result in zip(found, self.session.lint_many(found, None, self.jobs)):
            library.members.setdefault(_key(target), result)

    def _rule_class(self, config: "Config") -> Callable[[str, str], type[Rule]]:
        """Find a library rule's class: imported from where the result says it is, else
        from the rules the config loads (plugins from files)."""

        def find(name: str, where: str) -> type[Rule]:
            return import_rule(where) or self.session.registry_for(config).rules[name]

        return find

    def lexicon(self, target: "Target") -> "ClaimLexicon":
        """The claim lexicon of ``target``'s config (the registry's entries included)."""
        return self._lexicon(self.session.config_of(target))

    def _lexicon(self, config: "Config") -> "ClaimLexicon":
        from .claim_config import REGISTRY_KEY, lexicon_and_registry

        lexicon, _ = lexicon_and_registry(tuple(str(p) for p in config.paths(REGISTRY_KEY)))
        return lexicon


def _stored_findings(raw: Any, reported: set[str]) -> dict[str, list[Diagnostic]] | None:
    """Library findings as ``Libraries._run_rules`` stored them (None: absent, or not
    exactly what it writes: a corrupt file is computed again, never reported)."""
    from .cache import load_diagnostic
    from .diagnostics import well_formed

    if not isinstance(raw, dict):
        return None
    try:
        found = {path: [load_diagnostic(d) for d in diags] for path, diags in raw.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(path in reported and all(well_formed(d) and d.path == path for d in diags)
               for path, diags in found.items()):
        return None
    return found


def _key(target: "Target") -> str:
    return os.path.abspath(target.display)


def _display(path: str) -> str:
    """A library file's path as a run would show it: relative to the current folder
    when under it (how pre-commit and CI name files, and the cache keys them)."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


@dataclass
class ClaimGroup:
    """The claims of a library about one (subject, relation, effect), for ``medlint
    claims``: each claim with the claims that contradict it (within or across articles)."""

    subject: str
    relation: str
    effect: str
    claims: list[tuple[Any, list[Any]]]  # (claim, contradicting claims)

    @property
    def conflicting(self) -> bool:
        return any(others for _, others in self.claims)


def claim_map(results: Iterable[FileResult], lexicon: "ClaimLexicon") -> list[ClaimGroup]:
    """The claims of ``results`` grouped by (subject, relation, effect), groups in the
    order of their first claim, claims by path, line and column."""
    from .claims.index import ClaimIndex

    index = ClaimIndex(lexicon)
    order: dict[tuple[str, str, str], int] = {}
    for result in results:
        for claim in result.claims or ():
            order.setdefault((claim.subject, claim.relation, claim.effect), len(order))
        index.add(result.claims or ())
    groups = []
    for key, records in sorted(index.groups().items(), key=lambda kv: order[kv[0]]):
        rows = []
        for claim in records:
            found = index.conflicts(claim, within=True)
            rows.append((claim, [other for other, _ in found.first(found.count)] if found else []))
        groups.append(ClaimGroup(*key, rows))
    return groups


# -- shards --------------------------------------------------------------------------
SHARD_FORMAT = 2  # 2: the shard's index and count, its baseline and its report's digest
SHARD_SUFFIX = ".library.json"  # beside a shard's JSON report: ``shard-1.json.library.json``


def shard_data(results: Iterable[FileResult], options: Any, shard: tuple[int, int],
               baseline: str | None = None) -> dict[str, Any]:
    """What ``medlint merge`` needs to check that every shard is there and to compare
    a shard's articles with the other shards': the shard's index and count, each
    file's claims, library rules and open suppressions, taken before the shard
    settled them, the options that decide the rules and the lexicon, and the baseline
    the shard applied (as given on its command line). Plain JSON: written beside a
    JSON report (``SHARD_SUFFIX``, with the report's digest) or into a SARIF run's
    ``properties``."""
    from .cache import dump_deferred

    files = [{"path": r.path, "claims": [c.to_dict() for c in r.claims or ()], "library_rules": r.library_rules,
              "deferred": [dump_deferred(d) for d in r.deferred]}
             for r in results if r.library_rules or r.deferred]
    config = options.config_file
    return {"medlint-library": SHARD_FORMAT, "shard": {"index": shard[0], "count": shard[1]},
            "config": str(config) if config is not None else None, "isolated": bool(options.isolated),
            "baseline": baseline, "files": files}


class ShardDataError(ValueError):
    """Shard data that cannot be used (another format, shards run with other options)."""


def merge_shards(findings: list[dict[str, Any]], shards: Sequence[dict[str, Any]],
                 baseline: Any = None) -> list[dict[str, Any]]:
    """The findings of the shards' JSON reports with the library rules' findings
    recomputed over all the shards' articles, as one unsharded run would report them:
    each shard's own library findings and the outcome of its open suppressions are
    replaced (and filtered by ``baseline``, a ``baseline.Baseline``, as ``check``
    filters them). Run it from the folder the shards ran in (configs are found from
    there)."""
    import json

    if not shards:
        return findings
    names, provisional, fresh = recompute_shards(shards, baseline)

    def identity(finding: dict[str, Any]) -> str:
        return json.dumps(finding, sort_keys=True, ensure_ascii=False)

    stale = {identity(d.to_dict()) for d in provisional}
    kept = [f for f in findings if f["rule"] not in names and identity(f) not in stale]
    return kept + [d.to_dict() for d in fresh]


def recompute_shards(shards: Sequence[dict[str, Any]],
                     baseline: Any = None) -> tuple[set[str], list[Diagnostic], list[Diagnostic]]:
    """From the shards' data (``shard_data``, of this ``SHARD_FORMAT``: merge.py
    checks it, with each shard's index): the names of the library rules, the
    findings a shard may have reported provisionally (what unused-suppression said of
    its open suppressions, in every case), and the findings of one run over all the
    shards: the library rules' and the open suppressions' actual outcome, less what
    ``baseline`` (a ``baseline.Baseline``) records. The shards' other findings went
    through their own baseline already; these are the ones the merge adds."""
    from pathlib import Path

    from .cache import load_deferred
    from .claim_config import ClaimRecord
    from .runner import RunOptions, Session, Target

    settings = {(s.get("config"), s.get("isolated")) for s in shards}
    if len(settings) > 1:
        raise ShardDataError("the shards ran with different --config/--isolated options")
    config, isolated = settings.pop()
    results = []
    for shard in shards:
        for raw in shard["files"]:
            results.append(FileResult(raw["path"], [], claims=[ClaimRecord.from_dict(c) for c in raw["claims"]],
                                      library_rules=dict(raw["library_rules"]),
                                      deferred=[load_deferred(d) for d in raw["deferred"]]))
    names = {name for r in results for name in r.library_rules}
    provisional = [d for r in results for deferred in r.deferred for found in deferred.variants.values()
                   for d in found]
    session = Session(RunOptions(config_file=Path(config) if config else None, isolated=isolated))
    settled = Libraries(session, whole=False).check([Target(r.path, r.path) for r in results], results)
    if baseline is not None:
        from . import baseline as bl

        # The articles' text is read from disk for the fingerprints, as check reads it.
        return names, provisional, bl.filter(settled, baseline)[0]
    return names, provisional, [d for r in settled for d in r.diagnostics]
