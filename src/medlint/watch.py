"""``medlint check --watch``: lint, then re-lint the articles that change, until Ctrl-C.

Needs the ``watch`` extra (``pip install 'medlint[watch]'``, which brings
watchfiles); the command line imports this module only with ``--watch``. After
each change the screen is cleared (on a terminal) and the findings of every
watched article are printed again with a one-line summary. A change to a config,
lexicon, YAML rule, plugin or registry file reloads everything; a config error is
printed and watching goes on. Ctrl-C ends it with exit code 0.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Sequence

from .config import ConfigError
from .diagnostics import Diagnostic
from .live import ARTICLE_SUFFIXES, SETTINGS_SUFFIXES, Project
from .results import FileResult
from .runner import PathError

MISSING = ("medlint check --watch needs the `watch` extra: pip install 'medlint[watch]' "
           "(it installs watchfiles)")

Render = Callable[[list[FileResult], list[Diagnostic], int], str]


class MissingExtra(Exception):
    """watchfiles (the ``watch`` extra) is not installed."""


def watch(paths: Sequence[str], project: Project, render: Render, *, write: Callable[[str], None] | None = None,
          clear: Callable[[], None] | None = None, debounce_ms: int = 200) -> int:
    """Lint ``paths`` (as ``medlint check`` finds them), print, and re-lint on every
    change until interrupted; returns the exit code (0)."""
    try:
        import watchfiles
    except ImportError:
        raise MissingExtra(MISSING) from None
    import logging

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its own "stopping watch" line on Ctrl-C
    write = write or _write
    clear = clear or _clear
    state = _State(tuple(paths), project)
    try:
        state.refresh(None)
        _show(state, render, write, clear)
        for changes in watchfiles.watch(*state.roots(), watch_filter=_filter(watchfiles), debounce=debounce_ms,
                                        raise_interrupt=False):
            state.refresh({os.path.abspath(path) for _, path in changes})
            _show(state, render, write, clear)
    except KeyboardInterrupt:
        pass
    write("\n")
    return 0


class _State:
    """The watched articles and their latest results."""

    def __init__(self, paths: tuple[str, ...], project: Project):
        self.paths = paths
        self.project = project
        self.results: dict[str, FileResult] = {}  # by display path, in target order
        self.extra: list[Diagnostic] = []  # rule files that failed to load
        self.error: str | None = None  # a config error: nothing could be linted

    def roots(self) -> list[str]:
        folders = {os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in self.paths or (".",)}
        try:
            session = self.project.session()
            for target in self.project.discover(self.paths):
                folders.add(os.path.abspath(session.config_of(target).root))
        except (ConfigError, PathError):  # a named path deleted while watching: shown by refresh
            pass
        # A folder inside another one is watched through it.
        return sorted(f for f in folders if not any(f != g and f.startswith(g.rstrip(os.sep) + os.sep)
                                                    for g in folders))

    def refresh(self, changed: set[str] | None) -> None:
        """Re-lint after ``changed`` (absolute paths; None: everything)."""
        if changed is None or any(not p.lower().endswith(ARTICLE_SUFFIXES) for p in changed) or self.error:
            self.project.reload()
            changed = None
        try:
            targets = self.project.discover(self.paths)
            old = self.results
            self.results = {}
            for target in targets:
                stale = changed is None or target.display not in old or os.path.abspath(target.real) in changed
                self.results[target.display] = (self.project.lint_target(target) if stale
                                                else old[target.display])
            self.extra = self.project.load_failures(targets)
            self.error = None
        except (ConfigError, PathError) as exc:
            self.error = str(exc)


def _show(state: _State, render: Render, write: Callable[[str], None], clear: Callable[[], None]) -> None:
    clear()
    if state.error is not None:
        write(f"medlint: error: {state.error}\n")
    else:
        results = list(state.results.values())
        diagnostics = sorted([*(d for r in results for d in r.diagnostics), *state.extra], key=Diagnostic.sort_key)
        write(render(results, diagnostics, len(results)))
    write("Watching for changes (press Ctrl-C to stop)…\n")


def _filter(watchfiles) -> Callable[[object, str], bool]:  # type: ignore[no-untyped-def]
    """Articles and settings files, outside the folders watchfiles ignores (.git,
    .venv, ...) and medlint's cache."""
    default = watchfiles.DefaultFilter(ignore_dirs=(*watchfiles.DefaultFilter.ignore_dirs, ".medlint_cache"))

    def relevant(change: object, path: str) -> bool:
        return path.lower().endswith(ARTICLE_SUFFIXES + SETTINGS_SUFFIXES) and default(change, path)

    return relevant


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _clear() -> None:
    if sys.stdout.isatty():
        sys.stdout.write("\x1b[2J\x1b[H")
