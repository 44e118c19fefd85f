"""The pre-commit hook, for real (issue 5): ``.pre-commit-hooks.yaml`` installed by
pre-commit from this checkout into a temporary git repository, then commits.

The hook repository is a snapshot of this checkout's working tree (what pre-commit
needs to build medlint: ``pyproject.toml``, ``README.md``, ``src/`` and the hook
file), committed to a temporary repository that the article repository's
``.pre-commit-config.yaml`` names by path and commit, exactly as a team names the
published repository. pre-commit builds the hook's environment with pip, which
fetches medlint's dependencies from the package index: without pre-commit, or
when that download is impossible (offline), the tests skip and say why; any other
installation failure fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-02-01"

GOOD = """\
---
title: Getting ready for a visit
author: A. Writer
medically_reviewed_by: Dr B. Reviewer
last_reviewed: 2026-01-01
---

A little planning helps you and your doctor make the most of a short visit [1].

## References

1. MedlinePlus. Talking With Your Doctor. <https://medlineplus.gov/talkingwithyourdoctor.html>

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""
BAD = GOOD.replace("[1].", "[7].")  # a citation with no reference entry: an error

# pip's words when it cannot reach the package index.
OFFLINE = ("Could not find a version that satisfies", "No matching distribution found",
           "Failed to establish a new connection", "Temporary failure in name resolution",
           "Network is unreachable", "ConnectTimeoutError", "ReadTimeoutError", "ProxyError")


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    empty = home / "gitconfig"
    empty.touch()
    env.update(
        GIT_CONFIG_GLOBAL=str(empty), GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test Writer", GIT_AUTHOR_EMAIL="writer@example.org",
        GIT_COMMITTER_NAME="Test Writer", GIT_COMMITTER_EMAIL="writer@example.org",
        PRE_COMMIT_HOME=str(home / "pre-commit"), PRE_COMMIT_COLOR="never", NO_COLOR="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = _run(["git", *args], cwd, env)
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done


class Hook:
    """An installed hook: make article repositories that use it."""

    def __init__(self, home: Path, env: dict[str, str], config: str):
        self.home, self.env, self.config = home, env, config

    def article_repo(self, path: Path) -> Path:
        path.mkdir()
        _git(path, self.env, "init", "-q")
        (path / ".pre-commit-config.yaml").write_text(self.config, encoding="utf-8")
        installed = _run([sys.executable, "-m", "pre_commit", "install"], path, self.env)
        assert installed.returncode == 0, installed.stdout + installed.stderr
        _git(path, self.env, "add", ".pre-commit-config.yaml")
        return path

    def commit(self, repo: Path, message: str) -> subprocess.CompletedProcess[str]:
        return _run(["git", "commit", "-m", message], repo, self.env)


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Hook:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the `test` extra)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    home = tmp_path_factory.mktemp("precommit")
    env = _environment(home)

    source = home / "medlint-hook"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO_ROOT / name, source / name)
    shutil.copytree(REPO_ROOT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    _git(source, env, "init", "-q")
    _git(source, env, "add", ".")
    _git(source, env, "commit", "-q", "-m", "medlint snapshot")
    rev = _git(source, env, "rev-parse", "HEAD").stdout.strip()

    config = (
        "repos:\n"
        f"  - repo: {source.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: medlint\n"
        f"        args: [--today, \"{TODAY}\"]\n"
    )
    hook = Hook(home, env, config)
    probe = hook.article_repo(home / "probe")
    installed = _run([sys.executable, "-m", "pre_commit", "install-hooks"], probe, env, timeout=300)
    if installed.returncode != 0:
        output = installed.stdout + installed.stderr
        log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
        if log.is_file():
            output += log.read_text(encoding="utf-8", errors="replace")
        if any(word in output for word in OFFLINE):
            pytest.skip("pre-commit could not build the hook environment: the package index is unreachable")
        pytest.fail(f"pre-commit could not install the medlint hook:\n{output}")
    return hook


def test_a_bad_article_blocks_the_commit(hook: Hook, tmp_path: Path) -> None:
    repo = hook.article_repo(tmp_path / "articles")
    (repo / "visit.md").write_text(BAD, encoding="utf-8")
    _git(repo, hook.env, "add", "visit.md")
    done = hook.commit(repo, "add an article")
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "medlint" in output and "Failed" in output
    assert "visit.md:8:" in output and "citation-unresolved" in output
    # Nothing was committed.
    assert _run(["git", "rev-parse", "--verify", "-q", "HEAD"], repo, hook.env).returncode != 0

    (repo / "visit.md").write_text(GOOD, encoding="utf-8")
    _git(repo, hook.env, "add", "visit.md")
    done = hook.commit(repo, "add an article")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout + done.stderr


def test_only_staged_markdown_is_checked(hook: Hook, tmp_path: Path) -> None:
    repo = hook.article_repo(tmp_path / "articles")
    (repo / "draft.md").write_text(BAD, encoding="utf-8")  # never staged
    (repo / "notes.txt").write_text(BAD, encoding="utf-8")  # not Markdown
    _git(repo, hook.env, "add", "notes.txt")
    done = hook.commit(repo, "notes")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "(no files to check)Skipped" in output

    (repo / "visit.md").write_text(GOOD, encoding="utf-8")
    _git(repo, hook.env, "add", "visit.md")
    done = hook.commit(repo, "a good article beside an unstaged bad draft")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "draft.md" not in output
