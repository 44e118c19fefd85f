"""Globs as git reads them: every path pattern in a config (``include``, ``exclude``,
``per-file-ignores``, ``[[overrides]] files``, ``claims``, ``plugins``, ``rule-dirs``)
and every ``.gitignore`` met while walking a folder.

One engine, ``pathspec``'s gitwildmatch (the syntax of ``.gitignore``): a pattern
without a "/" matches a file or folder name at any depth, one with a "/" is taken
from the config's folder, ``**`` spans folders, ``[ab]``, ``[!a]`` and ``\\*`` mean
what they mean to git, a trailing "/" matches folders only, ``!`` re-includes, and a
matched folder takes everything under it. ``pathspec`` is imported on the first
match: a run that names one file and has no per-file patterns never loads it.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Iterable

GLOB_CHARS = "*?["


def _normal(pattern: str) -> str:
    pattern = pattern.strip()
    return pattern[2:] if pattern.startswith("./") else pattern


@functools.lru_cache(maxsize=512)
def spec(patterns: tuple[str, ...]) -> Any:
    """The compiled ``pathspec.PathSpec`` of ``patterns``."""
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", [_normal(p) for p in patterns])


def any_match(patterns: Iterable[str], relpath: str) -> bool:
    """Whether ``relpath`` (relative to the config's folder, "/"-separated) matches
    ``patterns`` as one ``.gitignore`` would (a later ``!pattern`` re-includes)."""
    patterns = tuple(patterns)
    return bool(patterns) and spec(patterns).match_file(relpath)


def glob_match(pattern: str, relpath: str) -> bool:
    return any_match((pattern,), relpath)


def is_glob(pattern: str) -> bool:
    return any(ch in pattern for ch in GLOB_CHARS)


def expand(root: Path, pattern: str) -> list[Path]:
    """The files and folders under ``root`` that ``pattern`` names (sorted; a folder
    that matches stands for itself, not for what is inside). Only the part of the
    tree below the pattern's literal leading folders is walked."""
    pattern = _normal(pattern)
    if not is_glob(pattern):
        return [root / pattern]
    parts = pattern.strip("/").split("/")
    literal = []
    for part in parts[:-1]:
        if is_glob(part) or "\\" in part:
            break
        literal.append(part)
    start = root.joinpath(*literal)  # may climb out of root ("../shared/*.yaml")
    rest = "/".join(parts[len(literal):]) + ("/" if pattern.endswith("/") else "")
    # The rest is matched from ``start``: anchored there when the pattern had a "/".
    matcher = spec((f"/{rest}" if "/" in pattern.rstrip("/") else rest,))
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(start, followlinks=False):
        rel_dir = os.path.relpath(dirpath, start).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else f"{rel_dir}/"
        keep = []
        for name in sorted(dirnames):
            if matcher.match_file(f"{prefix}{name}/"):
                found.append(Path(dirpath, name))
            else:
                keep.append(name)
        dirnames[:] = keep
        found.extend(Path(dirpath, name) for name in filenames if matcher.match_file(f"{prefix}{name}"))
    return sorted(found)


class GitIgnore:
    """The ``.gitignore`` files that apply while walking a folder: those of the folders
    above it up to the repository root (the folder holding ``.git``), the
    repository's ``.git/info/exclude``, and those found on the way down. A deeper file
    overrides a shallower one, as in git."""

    def __init__(self, top: str):
        self._specs: dict[str, Any] = {}  # folder (absolute) -> compiled spec or None
        self._active: list[tuple[str, Any]] = []  # the folders with a spec, outermost first
        top = os.path.abspath(top)
        self.repo = repository_root(top)
        folder = top
        above = []
        while True:
            above.append(folder)
            if self.repo is None or folder == self.repo:
                break
            folder = os.path.dirname(folder)
        for folder in reversed(above):
            self.load(folder)

    def load(self, folder: str) -> None:
        """Read ``folder``'s ``.gitignore`` (once)."""
        folder = os.path.abspath(folder)
        if folder in self._specs:
            return
        lines: list[str] = []
        sources = [os.path.join(folder, ".gitignore")]
        if folder == self.repo:
            sources.insert(0, os.path.join(folder, ".git", "info", "exclude"))
        for source in sources:
            try:
                with open(source, encoding="utf-8", errors="replace") as handle:
                    lines.extend(handle.read(1 << 20).splitlines())
            except OSError:
                continue
        lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
        if lines:
            import pathspec

            self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines)
            self._active.append((folder, self._specs[folder]))
            self._active.sort(key=lambda item: item[0].count(os.sep))
        else:
            self._specs[folder] = None

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether git ignores ``path`` (its folders' ``.gitignore`` files loaded)."""
        if not self._active:
            return False
        path = os.path.abspath(path)
        verdict = None
        for folder, spec_ in self._active:
            if not path.startswith(folder.rstrip(os.sep) + os.sep):
                continue
            rel = path[len(folder.rstrip(os.sep)) + 1:].replace(os.sep, "/") + ("/" if is_dir else "")
            result = spec_.check_file(rel)
            if result.include is not None:
                verdict = result.include  # deeper files come later and override
        return bool(verdict)


def repository_root(start: str) -> str | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or the file
    of a worktree or submodule), else None."""
    folder = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
