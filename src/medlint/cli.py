"""The ``medlint`` command line (click).

Exit codes: 0 no failing findings; 1 findings that fail the run (any error, or more
warnings than ``--max-warnings``); 2 usage, configuration or internal error (a rule
that crashed). Heavy modules are imported inside commands so that ``--version`` and
``--help`` start fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence

import click

from . import __version__
from .results import MAX_FINDINGS_PER_RULE

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2  # as pipeline.Report.exit_code returns them
FORMATS = ("text", "json", "sarif", "github", "junit", "html", "markdown")


def _split_refs(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _selection(select: Sequence[str], ignore: Sequence[str], extend: Sequence[str] = ()) -> Any:
    """The CliOverrides of the rule options (``--select ""`` selects no rule)."""
    from .config import CliOverrides

    return CliOverrides(_split_refs(select) if select else None, _split_refs(ignore), _split_refs(extend))


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


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


class _Main(click.Group):
    """The command group, with the exit codes the README promises whatever happens:
    an unexpected exception (a bug) is a one-line message and exit 2, never a
    traceback with exit 1 (the findings code); Ctrl-C is exit 130; a report that
    cannot be written to standard output (a full disk, a closed pipe) is exit 2.
    ``MEDLINT_DEBUG=1`` shows the traceback of an internal error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            _quiet_stdout()
            click.echo("medlint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except MemoryError:
            _quiet_stdout()
            click.echo("medlint: error: out of memory", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            _quiet_stdout()
            if os.environ.get("MEDLINT_DEBUG"):
                import traceback

                traceback.print_exc()
            summary = str(exc).splitlines()[0] if str(exc) else ""
            click.echo(f"medlint: internal error: {type(exc).__name__}{': ' + summary if summary else ''} "
                       f"(this is a bug in medlint or a plugin; MEDLINT_DEBUG=1 shows where)", err=True)
            sys.exit(EXIT_ERROR)


def _quiet_stdout() -> None:
    """Send what is left in standard output's buffer nowhere: flushing it at exit
    would fail again (a full disk, a closed pipe) and print a traceback."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="medlint")
def main() -> None:
    """medlint: a content-integrity linter for health articles (Markdown + YAML front matter)."""
    try:
        os.getcwd()
    except OSError:
        fail("the current folder no longer exists (it was deleted or moved); cd into a folder and run again")


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
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when findings fail the run (still 2 for usage and internal errors).")
@click.option("--show-traceback", is_flag=True, help="Print the traceback of each rule that crashed (rule-error).")
@click.option("--force-exclude", is_flag=True,
              help="Apply `exclude` to files named on the command line too (for pre-commit, which names each file).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="Skip what .gitignore files (and .git/info/exclude) ignore when walking folders.")
@click.option("--stdin-filename", metavar="NAME", help="Path to report (and configure) for `-` (standard input).")
@click.option("--quiet", "-q", is_flag=True, help="Only the findings: no source excerpts, hints or summary.")
@click.option("--statistics", is_flag=True, help="Show the number of findings per rule instead of the findings.")
@click.option("--color/--no-color", default=None, help="Force colour on or off (default: on a terminal).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomic writes; every other byte kept).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply fixes that change meaning-bearing text.")
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff (only the diff on standard output; the report goes to -o, "
                   "else to standard error) instead of writing them (exit 1 if any).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of cores; used when there are more than a few files).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Cache folder (default: `cache-dir` from config, else .medlint_cache).")
@click.option("--shard", metavar="K/N", default=None, help="Lint only shard K of N (deterministic, balanced by size).")
@click.option("--profile-rules", is_flag=True, help="Print the time spent in each rule (one process) to stderr.")
@click.option("--max-findings-per-rule", "max_per_rule", type=click.IntRange(min=0), default=MAX_FINDINGS_PER_RULE,
              show_default=True,
              help="List at most this many findings of one rule in one file; the rest are summed up in one "
                   "finding (0: no limit).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Report only findings not recorded in this baseline (see `medlint baseline`).")
@click.option("--strict-baseline", is_flag=True, help="With --baseline: fail (exit 1) when entries are fixed and can be pruned.")
@click.option("--prune-baseline", is_flag=True, help="With --baseline: remove fixed entries from the baseline file.")
@click.option("--watch", is_flag=True, help="Re-lint the articles that change until Ctrl-C (needs medlint[watch]).")
def check(paths: tuple[str, ...], **opts: Any) -> None:
    """Lint articles (files or folders; default: the configured include globs, else **/*.md, **/*.mdx and
    **/*.markdown)."""
    from .config import ConfigError
    from .pipeline import CheckError, check as run_check

    # The report's path is made absolute now: a plugin that changes the working folder cannot move it.
    output_file = os.path.abspath(opts["output_file"]) if opts["output_file"] else None
    out = Output(opts["fmt"], output_file, opts["quiet"], opts["statistics"], opts["color"])
    request = _check_request(paths, opts)
    if opts["watch"]:
        _watch(request, out)
    from .reporters import spool

    rendered = spool()  # the report, written as the run goes, printed once it is complete
    request.sink = _ReportSink(out, rendered, baselined=request.baseline is not None)
    try:
        with _progress(request, out) as request.progress:
            report = run_check(request)
    except (ConfigError, CheckError) as exc:
        fail(str(exc))
    except Exception as exc:
        from concurrent.futures.process import BrokenProcessPool

        if not isinstance(exc, BrokenProcessPool):
            raise
        fail("a worker process died while linting (a plugin or medlint crashed hard, or memory ran out); "
             "no report was written")
    if opts["profile_rules"]:
        _print_timings(report.timings, report.linted)
    if request.fix is not None:
        _print_fixes(report, write=request.fix == "write", quiet=out.quiet)
    if request.baseline is not None:
        _print_baseline(report, request.baseline.path, out.quiet)
    if report.library is not None:
        _with_shard_claims(report, out, rendered)
    if request.fix == "diff" and not out.output_file:
        _write_stream(rendered, sys.stderr)  # standard output carries only the diff
    elif request.fix is not None and report.stdin_used and not out.output_file:
        _write_stream(rendered, sys.stderr)  # standard output carries the fixed text
    else:
        _write(rendered, out.output_file, report.files)
    if request.fix == "diff" and (out.fmt == "text" or out.output_file):  # never inside a report on stderr
        click.echo(_would_fix(report, opts["unsafe_fixes"]), err=True)
    _print_notes(report, opts)
    code = report.exit_code(opts["max_warnings"], diff=opts["diff"], strict_baseline=opts["strict_baseline"])
    sys.exit(EXIT_OK if opts["exit_zero"] and code == EXIT_FINDINGS else code)


def _print_notes(report: Any, opts: dict[str, Any]) -> None:
    """What the report alone does not say, on standard error: nothing was linted and
    why, what the baseline hid, why warnings fail the run, crashed rules' tracebacks."""
    if report.no_files is not None:
        click.echo(f"medlint: warning: no files to lint: nothing matched "
                   f"{report.no_files or 'the given paths'}", err=True)
    if report.no_rules:
        click.echo("medlint: warning: the command line's --select/--ignore leave no rule enabled: "
                   "nothing was checked", err=True)
    if report.hidden and opts["fmt"] != "text":
        click.echo(f"medlint: {_hidden(report.hidden)}", err=True)
    reason = report.too_many_warnings(opts["max_warnings"])
    if reason:
        click.echo(f"medlint: {reason}", err=True)
    if opts["show_traceback"]:
        for d in report.crashes:
            if "traceback" in d.data:
                click.echo(f"{d.path}: rule `{d.data.get('failed_rule')}` crashed:\n{d.data['traceback']}", err=True)


def _would_fix(report: Any, unsafe: bool) -> str:
    """The summary of a ``--diff`` run: what the diff would change, and that nothing was written."""
    if not report.changed:
        return "medlint: no fixes to apply (nothing written)"
    applied = sum(f.outcome.applied for f in report.fixes if f.outcome.fixed is not None)
    flags = "--fix --unsafe-fixes" if unsafe else "--fix"
    return (f"medlint: would fix {_plural(applied, 'problem')} in {_plural(report.changed, 'file')} "
            f"(nothing written; apply with {flags})")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _hidden(count: int) -> str:
    return f"{_plural(count, 'finding')} hidden by the baseline"


def _with_shard_claims(report: Any, out: "Output", rendered: IO[str]) -> None:
    """With --shard: the shard's index and count and its claims, for `medlint merge`
    to check that every shard is there and to find conflicts across shards: beside a
    JSON report (which stays an array); a SARIF report has them inside (the run's
    properties, ``_ReportSink``)."""
    import hashlib

    from . import jsonio
    from .library import SHARD_SUFFIX
    from .reporters import chunks

    if out.fmt == "json" and out.output_file:
        # The report's digest ties the two files together: merge refuses a report cut
        # short, or one left from another run beside these claims.
        digest = hashlib.sha256()
        for chunk in chunks(rendered):
            digest.update(chunk.encode("utf-8", "surrogatepass"))
        _write(jsonio.dumps({**report.library, "report_sha256": digest.hexdigest()}) + "\n",
               out.output_file + SHARD_SUFFIX)
    elif out.fmt == "json":
        click.echo("medlint: warning: --shard without --output-file: the shard's claims are not written, so "
                   "`medlint merge` cannot report claims that conflict across shards", err=True)


@dataclass
class Output:
    """How ``check`` prints its report."""

    fmt: str
    output_file: str | None
    quiet: bool
    statistics: bool
    color: bool | None


def _check_request(paths: tuple[str, ...], opts: dict[str, Any]) -> Any:
    """The CheckRequest the ``check`` options describe."""
    from .pipeline import BaselineUse, CheckRequest, jobs_default
    from .runner import RunOptions

    fix = "diff" if opts["diff"] else ("write" if opts["fix"] else None)
    baseline = None
    if opts["baseline_file"] is not None:
        baseline = BaselineUse(opts["baseline_file"], opts["strict_baseline"], opts["prune_baseline"])
    options = RunOptions(
        config_file=opts["config_file"], isolated=opts["isolated"], today=opts["today"],
        overrides=_selection(opts["select"], opts["ignore"], opts["extend_select"]),
        keep_sources=opts["fmt"] in ("text", "sarif", "html") or baseline is not None,
        claims=opts["fmt"] == "html")
    return CheckRequest(
        paths=paths, options=options, use_cache=not opts["no_cache"], cache_dir=opts["cache_dir"],
        stdin=_stdin() if "-" in paths else None, stdin_filename=opts["stdin_filename"],
        jobs=opts["jobs"] or jobs_default(), shard=_parse_shard(opts["shard"]) if opts["shard"] else None,
        force_exclude=opts["force_exclude"], respect_gitignore=opts["respect_gitignore"],
        fix=fix, unsafe_fixes=opts["unsafe_fixes"], baseline=baseline, profile=opts["profile_rules"],
        max_per_rule=opts["max_per_rule"],
        rule_infos=opts["fmt"] in ("sarif", "junit", "html", "markdown"))


def _watch(request: Any, out: Output) -> "NoReturn":  # type: ignore[name-defined]
    """``check --watch``: the same options, linted again on every change (watch.py)."""
    if out.fmt != "text" or out.output_file or request.fix or request.stdin is not None or request.baseline:
        raise click.UsageError("--watch prints text to the terminal: it cannot be combined with --format, "
                               "--output-file, --fix, --diff, --baseline or standard input")
    from .live import Project
    from .pipeline import Report
    from .runner import PathError, check_named
    from .watch import MissingExtra, watch

    try:
        for path in request.paths:
            check_named(path)  # a path that does not exist is a usage error here too
    except PathError as exc:
        fail(str(exc))
    pinned = click.get_current_context().get_parameter_source("today") == click.core.ParameterSource.COMMANDLINE

    def render(results: list[Any], found: list[Any], nfiles: int) -> str:
        return _render_text(Report(results, found, [r.path for r in results][:nfiles]), out)

    try:
        sys.exit(watch(request.paths, Project(request.options, follow_clock=not pinned), render))
    except MissingExtra as exc:
        fail(str(exc))


def _stdin() -> Any:
    if sys.stdin is None:  # started with standard input closed (<&-)
        fail("standard input is closed: nothing to read for `-`")
    return sys.stdin.buffer


@contextlib.contextmanager
def _progress(request: Any, out: Output) -> Iterator[Any]:
    """A progress bar on a terminal while a text report of many files is made."""
    if out.fmt != "text" or out.quiet or not sys.stderr.isatty() or request.fix or request.profile:
        yield None
        return
    with contextlib.ExitStack() as stack:

        class Bar:
            bar: Any = None

            def start(self, total: int) -> None:
                if total > 20:
                    self.bar = stack.enter_context(
                        click.progressbar(length=total, label="Linting", file=sys.stderr))

            def advance(self) -> None:
                if self.bar is not None:
                    self.bar.update(1)

        yield Bar()


class _Discard:
    def write(self, text: str) -> None:
        pass

    def writelines(self, lines: Iterable[str]) -> None:
        pass


class _ReportSink:
    """The report of ``check`` in the chosen format, written to ``dest`` as the
    pipeline hands each file over (``pipeline.ReportSink``)."""

    def __init__(self, out: Output, dest: Any, *, baselined: bool = False):
        self.out = out
        self.dest = dest
        self.baselined = baselined
        self.writer: Any = None

    def start(self, report: Any) -> None:
        out = self.out
        if out.fmt == "text":
            from .reporters import text as text_reporter

            use_colour = out.color if out.color is not None else (out.output_file is None and sys.stdout.isatty())

            def style(s: str, **kw: Any) -> str:
                return click.style(s, **kw) if use_colour else s

            self.writer = text_reporter.Writer(_Discard() if out.statistics else self.dest, style=style,
                                               show_source=not out.quiet, show_hints=not out.quiet,
                                               show_related=not out.quiet)
            return
        from .reporters import writer

        self.writer = writer(out.fmt)(self.dest, report.rule_infos, files=report.files)

    def file(self, path: str, diagnostics: list[Any], text: str | None, result: Any) -> None:
        facts = None
        if self.out.fmt == "html" and result is not None:
            from .reporters.html import ArticleFacts

            facts = ArticleFacts.of(result)
        self.writer.file(path, diagnostics, text, facts)

    def finish(self, report: Any) -> None:
        fmt = self.out.fmt
        if fmt == "text":
            self.dest.write(_text_ending(report, self.out, self.writer))
        elif fmt == "sarif":
            self.writer.finish({"medlint-library": report.library} if report.library is not None else None)
        elif fmt in ("html", "markdown"):  # how many findings the baseline hid
            self.writer.finish(report.hidden if self.baselined else None)
        else:
            self.writer.finish()


def _print_timings(timings: dict[str, float], nfiles: int) -> None:
    total = sum(timings.values()) or 1.0
    click.echo(f"{'seconds':>9} {'ms/file':>8} {'share':>6}  stage", err=True)
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        click.echo(f"{seconds:9.3f} {1000 * seconds / max(nfiles, 1):8.2f} {100 * seconds / total:5.1f}%  {name}",
                   err=True)


def _parse_shard(spec: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in spec.split("/"))
    except ValueError:
        raise click.BadParameter(f"{spec!r} is not K/N (for example 2/4)", param_hint="--shard") from None
    if not 1 <= k <= n:
        raise click.BadParameter(f"{spec!r}: K must be between 1 and N", param_hint="--shard")
    return k, n


def _print_baseline(report: Any, path: Path, quiet: bool) -> None:
    """Say which baseline entries are fixed (and whether they were pruned)."""
    stale = report.stale
    if not report.pruneable:
        return
    if report.pruned:
        click.echo(f"medlint: removed {stale} fixed entr{'y' if stale == 1 else 'ies'} from {path}", err=True)
        return
    click.echo(f"medlint: {stale} baseline entr{'y is' if stale == 1 else 'ies are'} fixed and can be "
               f"removed from {path} (--prune-baseline)", err=True)
    if not quiet:
        for p in report.pruneable:
            click.echo(f"  {p.describe()}", err=True)


def _print_fixes(report: Any, *, write: bool, quiet: bool) -> None:
    """The diff of each fixed file (``--diff``), or the fixed text of standard input
    and a line per written file (``--fix``)."""
    import difflib

    for item in report.fixes:
        target, outcome = item.target, item.outcome
        if outcome.fixed is None:
            if target.real == "-" and write:
                _write_stdout(outcome.original or "")
            continue
        if not write:
            before = (outcome.original or "").splitlines(keepends=True)
            after = outcome.fixed.splitlines(keepends=True)
            diff = difflib.unified_diff(before, after, f"a/{target.display}", f"b/{target.display}")
            sys.stdout.writelines(_visible_line(line) for line in diff)
        elif target.real == "-":
            _write_stdout(outcome.fixed)
        elif not quiet:
            click.echo(f"Fixed {outcome.applied} problem{'s' if outcome.applied != 1 else ''} in {target.display}",
                       err=True)


def _visible_line(line: str) -> str:
    """A diff line with the article's control characters made visible (its own line
    end kept): a diff must not send escape sequences to the terminal or CI log."""
    from .reporters.text import visible

    body = line.rstrip("\r\n")
    end = line[len(body):]
    if not end and body and body[-1] in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":  # str.splitlines breaks
        body, end = body[:-1], "\n"
    return visible(body) + end


def _write_stdout(text: str) -> None:
    stream = sys.stdout.buffer
    stream.write(text.encode("utf-8"))
    stream.flush()


def _render_text(report: Any, out: Output) -> str:
    """A text report of results already collected (``check --watch``)."""
    import io

    from .reporters import by_file

    buffer = io.StringIO()
    sink = _ReportSink(out, buffer)
    sink.start(report)
    sources = report.sources()
    for path, found in by_file(report.diagnostics, ()):
        sink.file(path, found, sources.get(path), None)
    sink.finish(report)
    return buffer.getvalue()


def _text_ending(report: Any, out: Output, writer: Any) -> str:
    """What a text report ends with: the summary line (or, with --statistics, only
    the count per rule)."""
    if out.statistics:
        return writer.statistics()
    if out.quiet:
        return ""
    if report.no_files is not None:
        return writer.style("No files matched: nothing was linted.", fg="yellow") + "\n"
    if report.no_rules:
        return writer.style(f"No rule selected: nothing was checked ({_plural(len(report.files), 'file')}).",
                            fg="yellow") + "\n"
    return writer.summary(len(report.files), [_hidden(report.hidden)] if report.hidden else [])


def _write(out: str | IO[str], output_file: str | None, linted: Iterable[str] = ()) -> None:
    """Print ``out`` (a string, or a ``reporters.spool`` file), or write it to
    ``output_file``: atomically, replacing a symlink rather than writing through it
    (a device or pipe such as /dev/stdout is written as a stream), and never over
    one of the ``linted`` articles."""
    if output_file:
        _refuse_article(output_file, linted)
        from .fixes import write_atomic
        from .reporters import chunks

        try:
            st = os.stat(output_file)
        except OSError:
            st = None
        try:
            if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
                with open(output_file, "w", encoding="utf-8") as handle:
                    _copy(out, handle)
            else:
                write_atomic(output_file, out if isinstance(out, str) else chunks(out), follow=False)
        except OSError as exc:
            fail(f"cannot write {output_file}: {exc.strerror or exc}")
    else:
        _write_stream(out, sys.stdout)


def _write_stream(out: str | IO[str], stream: IO[str]) -> None:
    try:
        _copy(out, stream)
        stream.flush()
    except OSError as exc:  # a full disk (> /dev/full), a closed pipe
        _quiet_stdout()
        fail(f"cannot write the report to standard {'output' if stream is sys.stdout else 'error'}: "
             f"{exc.strerror or exc}")


def _copy(out: str | IO[str], stream: IO[str]) -> None:
    from .reporters import copy

    if isinstance(out, str):
        stream.write(out)
    else:
        copy(out, stream)


@main.command("server")
def server_cmd() -> None:
    """Run the editor server: Language Server Protocol over stdio (needs medlint[lsp]; see docs/editors.md)."""
    from .server import MissingExtra, run

    try:
        run()
    except MissingExtra as exc:
        fail(str(exc))


def _refuse_article(path: str | Path, linted: Iterable[str]) -> None:
    """Stop (exit 2) when ``path`` is one of the ``linted`` articles: a report or a
    baseline written there would destroy it."""
    try:
        st = os.stat(path)
    except OSError:
        return
    for article in linted:
        if article == "-":
            continue
        try:
            other = os.stat(article)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            fail(f"{path} is one of the linted articles ({article}); refusing to overwrite it")


@main.command("baseline")
@click.argument("baseline_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, metavar="RULE,...",
              help="Record only these rules' findings (names, codes, prefixes).")
@click.option("--ignore", multiple=True, metavar="RULE,...", help="Do not record these rules' findings.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Ignore all config files and plugins.")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="Date to measure review age against (use the same one with `check --baseline`).")
def baseline_cmd(baseline_file: Path, paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
                 config_file: Path | None, isolated: bool, today: dt.date) -> None:
    """Record today's findings in BASELINE_FILE so CI fails only on new ones."""
    from . import baseline as bl
    from .config import ConfigError
    from .pipeline import CheckError, CheckRequest, check as run_check
    from .runner import RunOptions

    options = RunOptions(config_file=config_file, isolated=isolated, today=today,
                         overrides=_selection(select, ignore), keep_sources=True)
    try:
        results = run_check(CheckRequest(paths=paths, options=options)).results
    except (ConfigError, CheckError) as exc:
        fail(str(exc))
    if any(r.internal_error for r in results):
        fail("a rule failed (rule-error); fix it before recording a baseline")
    _refuse_article(baseline_file, [r.path for r in results])
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
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the merged report to this file instead of standard output.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Filter the library findings the merge adds through this baseline (default: the one the "
                   "shards used).")
@click.option("--max-warnings", type=click.IntRange(min=0), default=None,
              help="Exit 1 when the merged report has more warnings than this.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the merged report has failing findings.")
def merge_cmd(reports: tuple[str, ...], output_file: str | None, baseline_file: str | None,
              max_warnings: int | None, exit_zero: bool) -> None:
    """Combine JSON or SARIF reports from CI shards into one report; exit as `check` would on it (1 on errors).
    Shard reports must be all the shards of one run (1 to N, each once)."""
    from .merge import MergeError, merge_paths

    try:
        merged = merge_paths(list(reports), baseline_file)
    except MergeError as exc:
        fail(str(exc))
    _write(merged.text(), output_file)
    errors, warnings, crashed = merged.counts()
    if crashed:
        fail(f"{_plural(crashed, 'rule-error finding')} in the reports: a rule crashed in a shard")
    failing = errors or (max_warnings is not None and warnings > max_warnings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


# The other subcommands register themselves on `main` (imported last: they import it).
from . import commands  # noqa: E402,F401


if __name__ == "__main__":  # pragma: no cover
    main()
