"""Issue #19 item 10: folders that cannot be listed (mode 000 or 111) and paths
longer than PATH_MAX are never skipped in silence: a ``file-unreadable`` finding
when found by walking, a usage error (exit 2) when named on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

from test_cli import GOOD


def run(args, cwd: Path):
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def deep_folder(top: Path) -> str:
    """A folder under ``top`` whose path is longer than PATH_MAX, holding a.md (made
    with relative steps, as no single call may name it); its path relative to ``top``."""
    old = os.getcwd()
    parts = []
    try:
        os.chdir(top)
        for _ in range(24):
            name = "d" * 200
            os.mkdir(name)
            os.chdir(name)
            parts.append(name)
        Path("a.md").write_text(GOOD, encoding="utf-8")
    finally:
        os.chdir(old)
    return "/".join(parts)


def test_folder_beyond_path_max_is_reported_not_skipped(tmp_path):
    (tmp_path / "ok.md").write_text(GOOD, encoding="utf-8")
    deep = deep_folder(tmp_path)
    assert len(str(tmp_path / deep)) > os.pathconf("/", "PC_PATH_MAX")
    result = run(["check", ".", "--format", "json", "--today", "2026-11-25"], tmp_path)
    found = json.loads(result.output)
    assert result.exit_code == 1
    [d] = found
    assert d["rule"] == "file-unreadable" and "cannot read this folder (File name too long)" in d["message"]
    assert d["path"].startswith("dddd") and deep.startswith(d["path"])


def test_path_beyond_path_max_named_explicitly_is_a_usage_error(tmp_path):
    deep = deep_folder(tmp_path)
    result = run(["check", f"{deep}/a.md"], tmp_path)
    assert result.exit_code == 2
    assert "File name too long" in result.output and "Traceback" not in result.output


@pytest.fixture
def locked(tmp_path, monkeypatch):
    """A folder ``locked`` that cannot be listed: really (mode 000) when not root,
    else by making listing it fail as it would."""
    (tmp_path / "ok.md").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.md").write_text(GOOD, encoding="utf-8")
    if os.geteuid() != 0:
        locked.chmod(0)
        yield locked
        locked.chmod(0o755)
        return
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.path.normpath(os.fspath(path))) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield locked


def test_folder_that_cannot_be_listed_is_a_finding(locked):
    result = run(["check", ".", "--format", "json", "--today", "2026-11-25"], locked.parent)
    [d] = json.loads(result.output)
    assert (d["path"], d["rule"], d["line"], d["column"]) == ("locked", "file-unreadable", 1, 1)
    assert d["message"] == ("cannot read this folder (Permission denied): the articles in it were not linted")
    assert result.exit_code == 1


def test_folder_that_cannot_be_listed_named_explicitly_is_a_usage_error(locked):
    result = run(["check", "locked"], locked.parent)
    assert result.exit_code == 2
    assert "locked: cannot read this folder: Permission denied" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_mode_111_folder_through_a_subprocess(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "x").chmod(0o111)
    try:
        done = subprocess.run([sys.executable, "-m", "medlint", "check", ".", "--format", "json"], cwd=tmp_path,
                              capture_output=True, text=True)
    finally:
        (tmp_path / "x").chmod(0o755)
    assert done.returncode == 1
    assert [d["path"] for d in json.loads(done.stdout)] == ["x"]
