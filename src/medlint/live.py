"""A warm linting pipeline for long-running front ends: the editor server and watch mode.

This module is the one place where ``medlint server`` (``medlint.server``) and
``medlint check --watch`` (``medlint.watch``) meet the linting pipeline. They never
touch the runner, the config or the fix loop directly: when the pipeline's API
changes, only this module changes.

A ``Project`` keeps what a lint run loads (configs, rules and plugins, lexicons, the
claim registry) between requests, so linting an editor buffer costs only the
article's own work. ``reload()`` forgets all of it; the front ends call it when a
config, lexicon, YAML rule, plugin or registry file changes. Problems that are not
about the article (a config error, a rule file that failed to load) come back as
findings on the file that has the problem (``Linted.others``), never as exceptions.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .config import ConfigError
from .diagnostics import Diagnostic, Severity
from .position import Source
from .reading import Unreadable, decode, read_stream
from .engine import unreadable
from .results import FileResult
from .runner import RunOptions, Session, Target

if TYPE_CHECKING:
    from .library import Libraries

ARTICLE_SUFFIXES = (".md", ".mdx", ".markdown")
# Besides articles, the files whose change can change findings: configs (medlint.toml,
# pyproject.toml), plugins, YAML rules, claim registries, lexicons, JSON Schemas.
SETTINGS_SUFFIXES = (".toml", ".py", ".yaml", ".yml", ".json")
WATCHED_GLOBS = tuple(f"**/*{suffix}" for suffix in SETTINGS_SUFFIXES)


@dataclass
class Linted:
    """The outcome of linting one article's text."""

    path: str
    diagnostics: list[Diagnostic]  # the article's findings, suppressions applied
    source: Source | None  # the text they point into (None: nothing was linted)
    front_matter_lines: int = 0  # lines 1..N hold the YAML front matter
    # Findings on other files, by absolute path: the config that failed to load, a
    # plugin or YAML rule file that failed to load.
    others: dict[str, list[Diagnostic]] = field(default_factory=dict)


class Project:
    """Lint articles with everything loaded once. ``options`` are those of ``medlint
    check`` (config file, isolated, --select/--ignore, date); with ``follow_clock``
    the date is today's, taken afresh each day (a server runs for weeks)."""

    def __init__(self, options: RunOptions | None = None, *, follow_clock: bool = True,
                 clock: Callable[[], dt.date] = dt.date.today):
        self.options = options or RunOptions()
        self.options.keep_sources = True
        # The editor's buffers are never cached (their text is not the file's); the rest of
        # the library is read through the result cache (see libraries()).
        self.options.cache_dir = None
        self._follow_clock = follow_clock
        self._clock = clock
        self._session: Session | None = None
        self._libraries: "Libraries | None" = None

    # -- state ---------------------------------------------------------------
    def session(self) -> Session:
        """The warm session (a new one each day, so review ages stay right).
        Raises ConfigError when ``--config`` names a bad file."""
        if self._follow_clock and self.options.today != self._clock():
            self.options.today = self._clock()
            self._session = None
        if self._session is None:
            self._session = Session(self.options)
            self._libraries = None
        return self._session

    def libraries(self, session: Session) -> "Libraries":
        """The session's libraries (the other articles' claims, for library rules such
        as claim-library-conflict): loaded on first use, from the result cache where
        `medlint check` left one (keyed by each file's bytes, so the editor's unsaved
        text is never taken for the file's), and kept until the next reload."""
        from .library import Libraries
        from .pipeline import default_cache_dir

        if self._libraries is None or self._libraries.session is not session:
            if session.cache is None:
                session.use_cache(default_cache_dir(session))
            self._libraries = Libraries(session)
        return self._libraries

    def reload(self) -> None:
        """Forget every config, rule, plugin, lexicon and registry loaded so far: the
        next lint reads them again from disk."""
        self._session = None
        self._libraries = None
        _forget_user_files()

    # -- linting -----------------------------------------------------------------
    def wants(self, path: str) -> bool:
        """Whether ``path`` is an article to lint: a Markdown file that the nearest
        config's ``include``/``exclude`` globs select (any Markdown file when no
        config file applies)."""
        if not path.lower().endswith(ARTICLE_SUFFIXES):
            return False
        try:
            config = self.session().config_for(path)
        except ConfigError:
            return True  # linting it shows the config error
        if config.path is None:
            return True
        rel = config.relative(Path(path))
        if rel.startswith("../") or os.path.isabs(rel):
            return True
        return config.selects(rel)

    def lint(self, path: str, text: str) -> Linted:
        """Lint ``text`` as the contents of the article at ``path`` (absolute; the file
        need not exist or match what is on disk)."""
        from .linter import lint_text
        from .plugins import load_error_diagnostics

        refused = _unreadable(text)
        if refused is not None:  # what `medlint check` says of such a file (binary, too large)
            return Linted(path, unreadable(path, refused.message, refused.line, refused.column).diagnostics, None)
        target = Target(path, path, True)
        try:
            session = self.session()
            config = session.config_of(target)
            registry = session.registry_for(config)
            settings_for = session.settings_for(target)
            run = session.run_context(config)
        except ConfigError as exc:
            return self._config_failed(path, text, exc)
        result = lint_text(path, text, settings_for, run)
        fm_lines = 0
        if result.document is not None and result.document.front_matter.end:
            fm_lines = result.document.point(result.document.front_matter.end).line
        if result.library_rules or result.deferred:  # compared with the rest of the library
            result = self.libraries(session).update(target, result)
        others: dict[str, list[Diagnostic]] = {}
        for diag in load_error_diagnostics([registry]):
            diag.path = os.path.abspath(diag.path)
            others.setdefault(diag.path, []).append(diag)
        return Linted(path, result.diagnostics, result.source, fm_lines, others)

    def fix_all(self, path: str, text: str, unsafe: bool = False) -> str | None:
        """``text`` with every safe (with ``unsafe``: every) fix applied by the fix
        loop of ``medlint check --fix``; None when nothing changes or it cannot be
        linted."""
        from .runner import fix_text

        try:
            outcome = fix_text(self.session(), Target(path, path, True), text.encode("utf-8", "surrogatepass"),
                               unsafe)
        except ConfigError:
            return None
        return outcome.fixed

    def explain(self, rule: str, path: str) -> str | None:
        """``medlint explain RULE`` for the rules that apply to ``path`` (plugins and
        YAML rules included); None for an unknown rule."""
        from .docs import render_rule

        try:
            session = self.session()
            registry = session.registry_for(session.config_for(path))
        except ConfigError:
            from .registry import Registry

            registry = Registry.builtin()
        name = registry.resolve(rule)
        return render_rule(registry.rules[name]) if name else None

    # -- watch mode ----------------------------------------------------------------
    def discover(self, paths: tuple[str, ...]) -> list[Target]:
        return self.session().discover(paths)

    def lint_target(self, target: Target) -> FileResult:
        """Lint a file from disk, as ``medlint check`` does (unreadable files included)."""
        return self.session().lint_target(target)

    def load_failures(self, targets: list[Target]) -> list[Diagnostic]:
        """A ``rule-error`` finding per plugin or YAML rule file that failed to load
        for the configs of ``targets``."""
        from .pipeline import load_failures

        return load_failures(self.session(), targets)

    # -- config problems ----------------------------------------------------------
    def _config_failed(self, path: str, text: str, exc: ConfigError) -> Linted:
        where, line, message = locate(str(exc))
        article = Diagnostic(path=path, rule="config-error", code="", severity=Severity.ERROR,
                             message=f"medlint cannot check this file: {exc}", line=1, column=1, end_line=1,
                             end_column=1, hint="fix the configuration; the file is checked again when it is saved")
        others = {}
        if where is not None:
            others[where] = [Diagnostic(path=where, rule="config-error", code="", severity=Severity.ERROR,
                                        message=message, line=line, column=1, end_line=line, end_column=1)]
        return Linted(path, [article], Source(text), 0, others)


def _unreadable(text: str) -> Unreadable | None:
    """Why ``text`` would not be linted as a file, through the same checks as files
    (size limit, NUL bytes, encoding), or None."""
    data = read_stream(io.BytesIO(text.encode("utf-8", "surrogatepass")))
    decoded = data if isinstance(data, Unreadable) else decode(data)
    return decoded if isinstance(decoded, Unreadable) else None


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_KEY = re.compile(r"`([^`]+)`")


def locate(message: str) -> tuple[str | None, int, str]:
    """The file, line and remaining text of a config-error message. The messages
    name the file first (``PATH: ...``, ``claim registry: PATH:LINE: ...``); the line
    comes from the message (TOML and YAML errors) or from the first line that writes
    the key named in backquotes."""
    for m in re.finditer(r": ", message):
        head, rest = message[: m.start()], message[m.end():]
        head = re.sub(r"^[a-z ]+: ", "", head)  # "claim registry: "
        line = 0
        numbered = re.match(r"^(.*):(\d+)$", head)
        if numbered and os.path.isfile(numbered.group(1)):
            head, line = numbered.group(1), int(numbered.group(2))
        if not os.path.isfile(head):
            continue
        if not line:
            toml = _TOML_LINE.search(rest)
            key = _KEY.search(rest)
            if toml:
                line = int(toml.group(1))
            elif key:
                line = _line_of_key(head, key.group(1))
        return os.path.abspath(head), max(line, 1), rest
    return None, 1, message


def _line_of_key(path: str, key: str) -> int:
    """The first line of ``path`` that writes the last part of a dotted ``key``."""
    last = key.split(".")[-1]
    if not last or last.isdigit():
        return 1
    pattern = re.compile(rf"(^|[\s\[.\"']){re.escape(last)}([\s\]=.\"']|$)")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                if pattern.search(text):
                    return number
    except OSError:
        pass
    return 1


def _forget_user_files() -> None:
    """Clear every ``functools`` cache in medlint's modules (and in plugin files it
    loaded). Those that matter are keyed by a file's path (config discovery, lexicon
    extensions, the claim registry, a front-matter schema) and would serve an edited
    file stale; the rest only cost their first call again."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("medlint") or module is None:
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and hasattr(value, "cache_info"):
                clear()
