"""The engine: read a file, build its Document, run the rules, apply suppressions.

One walk of the tree serves every rule's ``visit_<type>`` hooks; then each rule's
``check`` runs. A rule that raises or overruns its time limit becomes a ``rule-error``
finding for that file; the other rules and files still run.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .diagnostics import Diagnostic, Severity, well_formed
from .rule import Context, Rule, RunContext

if TYPE_CHECKING:
    from .document import Document
    from .results import FileResult

# Per rule and file; a rule that takes longer is reported, not waited for.
DEFAULT_RULE_TIME_LIMIT = 10.0


@dataclass
class ConfiguredRule:
    rule: Rule
    severity: Severity


class RuleTimeout(BaseException):
    """Not an Exception: a rule's own ``except Exception`` must not swallow it."""


class _Watchdog:
    """One SIGALRM timer for a whole ``run_rules`` call that stops any single rule
    call running longer than ``seconds`` (Unix, main thread; a no-op elsewhere).

    Arming a timer around every rule call cost two syscalls and two handler swaps per
    call. Instead the timer is armed once, and the engine only notes which call is
    running and since when (``enter``/``leave``). The timer's deadline is never later
    than the running call's start plus ``seconds`` (calls start later and later);
    when it fires early, or between calls, the handler re-arms it for the running
    call's own deadline, so a call is stopped exactly when it overruns. A call that
    catches its RuleTimeout and carries on is still reported as over its limit
    (``fired``); it is not interrupted again (one shot, as before).
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.fired = False
        self._started: float | None = None  # start of the running call; None between calls
        self._active = bool(seconds) and hasattr(signal, "setitimer") and (
            threading.current_thread() is threading.main_thread())

    def __enter__(self) -> "_Watchdog":
        if self._active:
            self._previous = signal.signal(signal.SIGALRM, self._alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    def enter(self) -> None:
        self.fired = False
        self._started = time.perf_counter()

    def leave(self) -> None:
        self._started = None

    def _alarm(self, signum: int, frame: Any) -> None:
        assert self.seconds
        started = self._started
        if started is None or self.fired:  # between calls, or this call had its one shot
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            return
        running = time.perf_counter() - started
        if running < self.seconds:
            signal.setitimer(signal.ITIMER_REAL, self.seconds - running)
            return
        self.fired = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        raise RuleTimeout()


_VISITORS: dict[type, list[tuple[str, str]]] = {}


def _visitor_names(cls: type) -> list[tuple[str, str]]:
    if cls not in _VISITORS:
        _VISITORS[cls] = [(name[len("visit_"):], name) for name in dir(cls)
                          if name.startswith("visit_") and callable(getattr(cls, name))]
    return _VISITORS[cls]


def run_rules(doc: Document, rules: list[ConfiguredRule], run: RunContext,
              time_limit_s: float | None = DEFAULT_RULE_TIME_LIMIT,
              timings: dict[str, float] | None = None, suppressions: Any = None,
              measures: dict[str, float] | None = None) -> list[Diagnostic]:
    """Run ``rules`` on ``doc``; failures become ``rule-error`` diagnostics.
    ``suppressions`` is what ``Stage.SUPPRESSIONS`` rules read (``ctx.suppressions``);
    what the rules that did not fail measured is added to ``measures``."""
    contexts = [Context(doc, cr.rule, cr.severity, run, suppressions) for cr in rules]
    failed: dict[int, str] = {}
    tracebacks: dict[int, str] = {}
    visitors: dict[str, list[tuple[int, Callable[..., Any]]]] = {}
    for i, ctx in enumerate(contexts):
        for node_type, name in _visitor_names(type(ctx.rule)):
            visitors.setdefault(node_type, []).append((i, getattr(ctx.rule, name)))

    def call(i: int, fn: Callable[..., Any], *args: Any) -> None:
        if i in failed:
            return
        started = time.perf_counter()
        try:
            watchdog.enter()
            try:
                fn(contexts[i], *args)
            finally:
                watchdog.leave()
            if watchdog.fired:  # the rule caught the timeout itself and returned late
                raise RuleTimeout()
        except RuleTimeout:
            failed[i] = f"took longer than {round(time_limit_s or 0, 1):g} s"
        except RecursionError:
            failed[i] = "RecursionError: input nested too deeply for this rule"
        except (Exception, SystemExit) as exc:  # a rule must never abort (or end) the run
            summary = str(exc).splitlines()[0] if str(exc) else ""
            failed[i] = f"{type(exc).__name__}: {summary}" if summary else type(exc).__name__
            where, tracebacks[i] = _where(type(contexts[i].rule), exc)
            if where:
                failed[i] += f" (at {where})"
        finally:
            if timings is not None:
                name = contexts[i].rule.name
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - started

    # A rule (a plugin) that changes the working folder must not move the files,
    # report or cache of the run: the folder is put back after the walk and each check.
    cwd = _cwd()
    with _Watchdog(time_limit_s) as watchdog:
        if visitors:
            for node in doc.root.walk():
                for i, fn in visitors.get(node.type, ()):
                    call(i, fn, node)
            _restore(cwd)
        for i, ctx in enumerate(contexts):
            check = getattr(ctx.rule, "check", None)
            if check is not None:
                call(i, check)
                _restore(cwd)

    out: list[Diagnostic] = []
    for i, ctx in enumerate(contexts):
        if i in failed:
            error = rule_error(doc.path, ctx.rule, failed[i])
            if i in tracebacks:
                error.data["traceback"] = tracebacks[i]  # shown with --show-traceback
            out.append(error)
        else:
            out.extend(_checked(ctx, doc))
            if measures is not None:
                measures.update(ctx.measures)
    return out


def _where(rule: type, exc: BaseException) -> tuple[str, str]:
    """Where in the rule's own code ``exc`` was raised ("file:line", the innermost
    frame in the rule's module, else the innermost frame), and the formatted traceback."""
    import inspect
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)[1:]  # below the engine's own call
    try:
        own = inspect.getsourcefile(rule)
    except TypeError:  # a class built at run time (YAML rules)
        own = None
    mine = [f for f in frames if own is not None and f.filename == own]
    frame = (mine or frames or [None])[-1]
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (f"{frame.filename}:{frame.lineno}" if frame is not None else ""), text


def _cwd() -> str | None:
    try:
        return os.getcwd()
    except OSError:
        return None


def _restore(cwd: str | None) -> None:
    if cwd is not None and _cwd() != cwd:
        try:
            os.chdir(cwd)
        except OSError:
            pass


def _checked(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    """A rule's valid diagnostics; any garbage (from plugins) is dropped and reported
    once as a rule-error, so reporters only ever see well-formed findings."""
    lines = doc.source.line_count
    bad = False
    for diag in ctx.diagnostics:
        if well_formed(diag, lines):
            yield diag
        else:
            bad = True
    if bad:
        yield rule_error(doc.path, ctx.rule, "reported an invalid diagnostic")


def rule_error(path: str, rule: Rule | type[Rule] | str, what: str) -> Diagnostic:
    """The finding for ``rule`` (or "parser") failing on ``path``."""
    from .rules.internal.ml901_rule_error import RuleError

    return RuleError.finding(path, rule if isinstance(rule, str) else rule.name, what)


def load_failure(source: str, message: str, line: int = 1) -> Diagnostic:
    """The ``rule-error`` finding for a plugin or YAML rule file that failed to load."""
    from .rules.internal.ml901_rule_error import RuleError

    return RuleError.load_failure(source, message, line)


def rule_error_ids() -> tuple[str, str]:
    """The name and code of ``rule-error`` findings, to recognise them in a report."""
    from .rules.internal.ml901_rule_error import RuleError

    return RuleError.name, RuleError.code


def unreadable(path: str, message: str, line: int = 1, column: int = 1) -> "FileResult":
    """The result for a file that could not be read: one ``file-unreadable`` finding."""
    from .results import FileResult
    from .rules.internal.ml902_file_unreadable import FileUnreadable

    return FileResult(path, [FileUnreadable.finding(path, message, line, column)], unreadable=True)


def too_deep(doc: Document) -> list[Diagnostic]:
    """The ``markdown-too-deep`` findings for the parts of ``doc`` read as plain text."""
    from .rules.structure.ml203_markdown_too_deep import MarkdownTooDeep

    return MarkdownTooDeep.findings(doc)