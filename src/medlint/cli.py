"""The ``medlint`` command line (click).

Exit codes: 0 no failing findings; 1 findings that fail the run (any error, or more
warnings than ``--max-warnings``); 2 usage, configuration or internal error (a rule
that crashed). Heavy modules are imported inside commands so that ``--version`` and
``--help`` start fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, Sequence

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "junit")


def _split_refs(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def fail(message: str) -> "NoReturn":  # type: ignore[name-defined]
    click.echo(f"medlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="medlint")
def main() -> None:
    """medlint: a content-integrity linter for health articles (Markdown + YAML front matter)."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--select", multiple=True, metavar="RULE,...", help="Only these rules (names, codes, prefixes).")
@click.option("--ignore", multiple=True, metavar="RULE,...", help="Not these rules.")
@click.option("--extend-select", multiple=True, metavar="RULE,...", help="These rules on top of the configured ones.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Ignore all config files and plugins.")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="Date to measure review age against (for reproducible runs).")
@click.option("--max-warnings", type=click.IntRange(min=0), default=None,
              help="Fail (exit 1) when there are more warnings than this.")
@click.option("--stdin-filename", metavar="NAME", help="Path to report (and configure) for `-` (standard input).")
@click.option("--quiet", "-q", is_flag=True, help="Only the findings: no source excerpts, hints or summary.")
@click.option("--statistics", is_flag=True, help="Show the number of findings per rule instead of the findings.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomic writes; every other byte kept).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply fixes that change meaning-bearing text.")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff instead of writing them (exit 1 if any).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of cores; used when there are more than a few files).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Cache folder (default: `cache-dir` from config, else .medlint_cache).")
@click.option("--shard", metavar="K/N", default=None, help="Lint only shard K of N (deterministic, balanced by size).")
@click.option("--profile-rules", is_flag=True, help="Print the time spent in each rule (one process) to stderr.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Report only findings not recorded in this baseline (see `medlint baseline`).")
@click.option("--strict-baseline", is_flag=True, help="With --baseline: fail (exit 1) when entries are fixed and can be pruned.")
@click.option("--prune-baseline", is_flag=True, help="With --baseline: remove fixed entries from the baseline file.")
def check(paths: tuple[str, ...], fmt: str, output_file: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], extend_select: tuple[str, ...], config_file: Path | None, isolated: bool,
          today: dt.date, max_warnings: int | None, stdin_filename: str | None, quiet: bool,
          statistics: bool, color: bool | None, fix: bool, unsafe_fixes: bool, diff: bool, jobs: int | None,
          no_cache: bool, cache_dir: Path | None, shard: str | None, baseline_file: Path | None,
          strict_baseline: bool, prune_baseline: bool, profile_rules: bool) -> None:
    """Lint articles (files or folders; default: the configured include globs, else **/*.md)."""
    from .config import CliOverrides, ConfigError
    from .diagnostics import Severity
    from .runner import RunOptions, Session, Target, shard as pick_shard

    shard_spec = _parse_shard(shard) if shard else None
    options = RunOptions(config_file=config_file, isolated=isolated, today=today,
                         overrides=CliOverrides(_split_refs(select), _split_refs(ignore), _split_refs(extend_select)),
                         keep_sources=fmt in ("text", "sarif") or baseline_file is not None)
    baseline = _load_baseline(baseline_file) if baseline_file else None
    try:
        session = Session(options)
        if not no_cache and not (fix or diff):
            options.cache_dir = cache_dir or _default_cache_dir(session)
            session = Session(options)
        targets = session.discover(paths)
        if shard_spec:
            targets = pick_shard(targets, *shard_spec)
        stdin = None
        if any(t.real == "-" for t in targets):
            from .reading import read_stream

            stdin = read_stream(sys.stdin.buffer)
            if stdin_filename:
                targets = [Target(stdin_filename, "-", True) if t.real == "-" else t for t in targets]
        show_progress = fmt == "text" and len(targets) > 20 and sys.stderr.isatty() and not quiet
        changed = 0
        timings: dict[str, float] = {}
        if fix or diff:
            results, changed = _fix_all(session, targets, stdin, unsafe_fixes, write=fix and not diff, quiet=quiet)
        elif profile_rules:
            results = [session.lint_target(t, stdin, timings) for t in targets]
            _print_timings(timings, len(targets))
        else:
            import os

            stream = session.lint_many(targets, stdin, jobs or os.cpu_count() or 1)
            if show_progress:
                with click.progressbar(stream, length=len(targets), label="Linting", file=sys.stderr) as bar:
                    results = list(bar)
            else:
                results = list(stream)
    except ConfigError as exc:
        fail(str(exc))
    except Exception as exc:
        from concurrent.futures.process import BrokenProcessPool

        if not isinstance(exc, BrokenProcessPool):
            raise
        fail("a worker process died while linting (a plugin or medlint crashed hard, or memory ran out); "
             "no report was written")

    load_failures = _load_failures(session, targets)  # plugins / YAML rules that failed to load
    found = [d for r in results for d in r.diagnostics]
    stale = 0
    if baseline is not None:
        found, stale = _apply_baseline(session.active_rules(targets), results, baseline, baseline_file,
                                       prune_baseline, quiet)
    diagnostics = sorted([*found, *load_failures], key=lambda d: d.sort_key())
    files = [r.path for r in results] + sorted({d.path for d in load_failures})
    rules_info = session.rule_infos(targets) if fmt in ("sarif", "junit") else {}

    if fmt == "text":
        out = _render_text(results, diagnostics, len(files), quiet, statistics, output_file, color)
    else:
        from .reporters import REPORTERS

        if fmt == "sarif":
            from .reporters import sarif

            sources = {r.path: r.source.text for r in results if r.source is not None}
            out = sarif.render(diagnostics, rules_info, files=files, sources=sources)
        else:
            out = REPORTERS[fmt](diagnostics, rules_info, files=files)
    if (fix or diff) and stdin is not None and not output_file:
        click.echo(out, err=True, nl=False)  # standard output carries the fixed text
    else:
        _write(out, output_file)

    if load_failures or any(r.internal_error for r in results):
        sys.exit(EXIT_ERROR)
    if diff and changed:
        sys.exit(EXIT_FINDINGS)
    if strict_baseline and stale:
        sys.exit(EXIT_FINDINGS)
    errors = sum(1 for d in diagnostics if d.severity == Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity == Severity.WARNING)
    if max_warnings is None:  # the config's `max-warnings`, for the configs of the linted files
        limits = [c.data["max-warnings"] for c in session.configs(targets) if "max-warnings" in c.data]
        max_warnings = min(limits) if limits else None
    if errors or (max_warnings is not None and warnings > max_warnings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _load_failures(session: Any, targets: list[Any]) -> list[Any]:
    """A ``rule-error`` finding for each plugin or YAML rule file that failed to load
    for the configs of ``targets`` (see plugins.py); the run then exits with 2."""
    from .config import ConfigError

    if session.options.isolated:
        return []  # no plugins are loaded
    try:
        configs = {c.label: c for c in (session.config_of(t)
                                        for t in targets)}
        if not configs:
            config = session.forced or session.config_for(Path.cwd() / "x")
            configs = {config.label: config}
    except ConfigError as exc:
        fail(str(exc))
    if not any(c.data.get("plugins") or c.data.get("rule-dirs") for c in configs.values()):
        import importlib.metadata

        if not importlib.metadata.entry_points(group="medlint.rules"):
            return []  # nothing that could have failed to load
    registries = [session.registry_for(c) for c in configs.values()]
    if not any(r.load_errors for r in registries):
        return []
    from .plugins import load_error_diagnostics

    return load_error_diagnostics(registries)


def _print_timings(timings: dict[str, float], nfiles: int) -> None:
    total = sum(timings.values()) or 1.0
    click.echo(f"{'seconds':>9} {'ms/file':>8} {'share':>6}  stage", err=True)
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        click.echo(f"{seconds:9.3f} {1000 * seconds / max(nfiles, 1):8.2f} {100 * seconds / total:5.1f}%  {name}",
                   err=True)


def _load_baseline(path: Path):  # type: ignore[no-untyped-def]
    from .baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as exc:
        fail(str(exc))


def _apply_baseline(active: set[str], results: list[Any], baseline: Any, path: Path, prune: bool,
                    quiet: bool) -> tuple[list[Any], int]:
    """Drop baselined findings; report (and optionally prune) entries that were fixed."""
    from . import baseline as bl

    kept, pruneable = bl.filter(results, baseline, active_rules=active)
    stale = sum(p.unused for p in pruneable)
    if pruneable:
        if prune:
            bl.save(bl.prune(baseline, pruneable), path)
            click.echo(f"medlint: removed {stale} fixed entr{'y' if stale == 1 else 'ies'} from {path}", err=True)
        else:
            click.echo(f"medlint: {stale} baseline entr{'y is' if stale == 1 else 'ies are'} fixed and can be "
                       f"removed from {path} (--prune-baseline)", err=True)
            if not quiet:
                for p in pruneable:
                    click.echo(f"  {p.describe()}", err=True)
    return kept, stale


def _parse_shard(spec: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in spec.split("/"))
    except ValueError:
        raise click.BadParameter(f"{spec!r} is not K/N (for example 2/4)", param_hint="--shard") from None
    if not 1 <= k <= n:
        raise click.BadParameter(f"{spec!r}: K must be between 1 and N", param_hint="--shard")
    return k, n


def _default_cache_dir(session: Any) -> Path:
    config = session.forced or session.config_for(Path.cwd() / "x")
    if "cache-dir" in config.data:
        return config.root / config.data["cache-dir"]
    return Path(".medlint_cache")


def _fix_all(session: Any, targets: list[Any], stdin: bytes | None, unsafe: bool, *, write: bool,
             quiet: bool) -> tuple[list[Any], int]:
    """Fix each target; write (atomically) or print a diff. Returns results and the
    number of files changed."""
    import difflib

    from .fixes import write_atomic
    from .results import unreadable
    from .runner import fix_text

    results, changed = [], 0
    for target in targets:
        data = session.read(target, stdin)
        if isinstance(data, str) or data is None:
            results.append(unreadable(target.display, data or "no input"))
            continue
        outcome = fix_text(session, target, data, unsafe)
        results.append(outcome.result)
        if outcome.fixed is None:
            if target.real == "-" and write:
                _write_stdout(outcome.original or "")
            continue
        changed += 1
        if not write:
            before = (outcome.original or "").splitlines(keepends=True)
            after = outcome.fixed.splitlines(keepends=True)
            sys.stdout.writelines(difflib.unified_diff(before, after, f"a/{target.display}", f"b/{target.display}"))
        elif target.real == "-":
            _write_stdout(outcome.fixed)
        else:
            try:
                write_atomic(target.real, outcome.fixed)
            except OSError as exc:
                fail(f"{target.display}: cannot write the fixed file: {exc.strerror or exc}")
            if not quiet:
                click.echo(f"Fixed {outcome.applied} problem{'s' if outcome.applied != 1 else ''} in {target.display}",
                           err=True)
    return results, changed


def _write_stdout(text: str) -> None:
    stream = sys.stdout.buffer
    stream.write(text.encode("utf-8"))
    stream.flush()


def _render_text(results: list[Any], diagnostics: list[Any], nfiles: int, quiet: bool, statistics: bool,
                 output_file: str | None, color: bool | None) -> str:
    from .reporters import text as text_reporter

    use_colour = color if color is not None else (output_file is None and sys.stdout.isatty())

    def style(s: str, **kw: Any) -> str:
        return click.style(s, **kw) if use_colour else s

    if statistics:
        return text_reporter.statistics(diagnostics)
    sources = {r.path: r.source.text for r in results if r.source is not None}
    out = text_reporter.render(diagnostics, sources, style=style, show_source=not quiet, show_hints=not quiet)
    if not quiet:
        fixable = sum(1 for d in diagnostics if d.fix is not None and d.fix.safety.value == "safe")
        out += text_reporter.summary(diagnostics, nfiles, fixable, style)
    return out


def _write(out: str, output_file: str | None) -> None:
    if output_file:
        try:
            Path(output_file).write_text(out, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {output_file}: {exc.strerror or exc}")
    else:
        stream = sys.stdout
        stream.write(out)
        stream.flush()


@main.command("baseline")
@click.argument("baseline_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, metavar="RULE,...")
@click.option("--ignore", multiple=True, metavar="RULE,...")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--isolated", is_flag=True)
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD")
def baseline_cmd(baseline_file: Path, paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
                 config_file: Path | None, isolated: bool, today: dt.date) -> None:
    """Record today's findings in BASELINE_FILE so CI fails only on new ones."""
    from . import baseline as bl
    from .config import CliOverrides, ConfigError
    from .runner import RunOptions, Session

    options = RunOptions(config_file=config_file, isolated=isolated, today=today,
                         overrides=CliOverrides(_split_refs(select), _split_refs(ignore)), keep_sources=True)
    try:
        session = Session(options)
        results = [session.lint_target(t) for t in session.discover(paths)]
    except ConfigError as exc:
        fail(str(exc))
    if any(r.internal_error for r in results):
        fail("a rule failed (rule-error); fix it before recording a baseline")
    document = bl.create(results, root=baseline_file.resolve().parent)
    try:
        bl.save(document, baseline_file)
    except OSError as exc:
        fail(f"cannot write {baseline_file}: {exc.strerror or exc}")
    count = sum(len(r.diagnostics) for r in results)
    nfiles = sum(1 for r in results if r.diagnostics)
    click.echo(f"medlint: recorded {count} finding{'s' if count != 1 else ''} in {nfiles} "
               f"file{'s' if nfiles != 1 else ''} to {baseline_file}", err=True)


@main.command("merge")
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default=None)
def merge_cmd(reports: tuple[str, ...], output_file: str | None) -> None:
    """Combine JSON or SARIF reports from CI shards into one report."""
    from .merge import MergeError, merge_files

    try:
        _, text = merge_files(list(reports))
    except MergeError as exc:
        fail(str(exc))
    _write(text, output_file)


@main.command("init")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init_cmd(force: bool) -> None:
    """Write a starter medlint.toml and front-matter schema into the current folder."""
    from .data import package_path

    files = {
        Path("medlint.toml"): STARTER_CONFIG,
        Path("schemas/frontmatter.schema.json"): package_path("schemas", "frontmatter.schema.json").read_text(
            encoding="utf-8"),
    }
    for path, text in files.items():
        if path.exists() and not force:
            click.echo(f"medlint: {path} exists; left unchanged (use --force to overwrite)", err=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(f"wrote {path}")


STARTER_CONFIG = """\
# medlint configuration: https://pypi.org/project/medlint/ (see `medlint config --show FILE`)
include = ["**/*.md"]
exclude = ["drafts"]
frontmatter-schema = "schemas/frontmatter.schema.json"
# claims = ["claims/*.yaml"]          # your team's claim registry

[rules.review-stale]
max_age_days = 365

[rules.readability-grade]
max_grade = 8

# Stricter reading level for articles written for patients:
[[overrides]]
frontmatter = {audience = "patient"}
rules = {readability-grade = {max_grade = 6}}
"""


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--isolated", is_flag=True, help="Built-in rules only.")
def rules_cmd(fmt: str, config_file: Path | None, isolated: bool) -> None:
    """List every rule: code, name, default severity, fixable, summary."""
    registry = _registry(config_file, isolated)
    rows = registry.sorted()
    if fmt == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": str(r.severity.value),
                                "fixable": r.fixable, "summary": r.summary, "origin": r.origin} for r in rows],
                              indent=2))
        return
    width = max(len(r.name) for r in rows)
    click.echo(f"{'CODE':<7} {'NAME':<{width}}  {'SEVERITY':<8} {'FIX':<3}  SUMMARY")
    for r in rows:
        click.echo(f"{r.code:<7} {r.name:<{width}}  {r.severity.value:<8} {'yes' if r.fixable else '-':<3}  {r.summary}")


@main.command()
@click.argument("rule")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path))
def explain(rule: str, config_file: Path | None) -> None:
    """Show a rule's full documentation (by name or code)."""
    from .docs import render_rule

    registry = _registry(config_file, False)
    name = registry.resolve(rule)
    if name is None:
        fail(f"unknown rule `{rule}` (see `medlint rules`)")
    click.echo(render_rule(registry.rules[name]))


@main.command("test-rules")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--quiet", "-q", is_flag=True, help="Only failures and the summary.")
def test_rules(paths: tuple[str, ...], quiet: bool) -> None:
    """Run the examples of YAML rules (files or folders): pass/fail per example, exit 1 on a failure."""
    from .declarative.examples import check_paths, report

    results = check_paths(paths)
    if not results:
        fail(f"no YAML rule files (*.yaml, *.yml) in {', '.join(paths)}")
    click.echo(report(results, quiet=quiet), nl=False)
    sys.exit(EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS)


@main.command("config")
@click.option("--show", "show", type=click.Path(path_type=Path), required=True, metavar="FILE",
              help="The article whose resolved settings to show.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--isolated", is_flag=True)
def config_cmd(show: Path, config_file: Path | None, isolated: bool) -> None:
    """Show the settings that apply to one file, and where each came from."""
    import json

    from .config import ConfigError
    from .document import Document
    from .reading import read_bytes
    from .position import Source
    from .reading import Unreadable, decode
    from .runner import RunOptions, Session

    try:
        session = Session(RunOptions(config_file=config_file, isolated=isolated))
        config = session.config_for(show)
        resolver = session.resolver_for(config)
    except ConfigError as exc:
        fail(str(exc))
    frontmatter: dict[str, Any] = {}
    data = read_bytes(str(show))
    if isinstance(data, bytes):
        text = decode(data)
        if not isinstance(text, Unreadable):
            frontmatter = Document(str(show), Source(text)).data
    settings, applied = resolver.rule_settings(config.relative(show), frontmatter)
    click.echo(f"file: {show}")
    click.echo(f"config: {config.label}")
    if applied:
        click.echo(f"applied: {', '.join(applied)}")
    for key in ("include", "exclude", "claims", "rule-dirs", "plugins", "frontmatter-schema", "max-warnings",
                "cache-dir"):
        if key in config.data:
            click.echo(f"{key}: {json.dumps(config.data[key])}")
    click.echo("rules:")
    registry = session.registry_for(config)
    for name in sorted(settings, key=lambda n: registry.rules[n].code):
        s = settings[name]
        state = s.severity.value if s.enabled else "off"
        opts = f" {json.dumps(s.options, default=str)}" if s.options else ""
        click.echo(f"  {registry.rules[name].code} {name}: {state}{opts}  ({s.source})")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--isolated", is_flag=True, help="No config: the shipped lexicon only, no registry.")
def claims(file: Path, fmt: str, config_file: Path | None, isolated: bool) -> None:
    """Show the health claims medlint extracted from FILE (subject, effect, stance, qualifiers)."""
    import json

    from .config import ConfigError
    from .document import Document
    from .reading import read_bytes
    from .position import Source
    from .reading import Unreadable, decode
    from .reporters.text import visible
    from .claim_config import claim_records, lexicon_and_registry
    from .runner import RunOptions, Session

    try:
        session = Session(RunOptions(config_file=config_file, isolated=isolated))
        run = session.run_context(session.config_for(file))
    except ConfigError as exc:
        fail(str(exc))
    data = read_bytes(str(file))
    text = decode(data) if isinstance(data, bytes) else Unreadable(data)
    if isinstance(text, Unreadable):
        fail(f"{file}:{text.line}:{text.column}: {text.message}")
    doc = Document(str(file), Source(text))
    lexicon, _ = lexicon_and_registry(run.setup.paths("claims"))
    rows = [r.to_dict() for r in claim_records(doc, lexicon)]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"{file}: no claims found")
        return
    click.echo(f"{'WHERE':<9} {'SUBJECT':<16} {'EFFECT':<18} {'STANCE':<9} {'CERTAINTY':<9} QUALIFIERS")
    for r in rows:
        quals = ", ".join(f"{k}={v} ({r['qualifier_sources'].get(k, '?')})" for k, v in sorted(r["qualifiers"].items()))
        click.echo(f"{r['line']}:{r['column']:<6} {r['subject']:<16} {r['effect']:<18} {r['stance']:<9} "
                   f"{r['certainty']:<9} {quals or '-'}")
        click.echo(f"          {visible(r['sentence'])}")


def _registry(config_file: Path | None, isolated: bool):  # type: ignore[no-untyped-def]
    from .config import ConfigError
    from .runner import RunOptions, Session

    try:
        session = Session(RunOptions(config_file=config_file, isolated=isolated))
        registry = session.registry_for(session.config_for(Path.cwd() / "x"))
    except ConfigError as exc:
        fail(str(exc))
    for source, message in registry.load_errors:
        click.echo(f"medlint: warning: {source}: could not load rules: {message}", err=True)
    return registry


if __name__ == "__main__":  # pragma: no cover
    main()
