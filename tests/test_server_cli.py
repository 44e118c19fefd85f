"""The command-line side of the editor server and watch mode: the plain CLI stays lean
(never imports pygls, lsprotocol or watchfiles), and a missing extra is a clear error."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main
from test_startup import modules_loaded

OPTIONAL = ("pygls", "lsprotocol", "cattrs", "watchfiles", "medlint.server", "medlint.live", "medlint.watch")

def loaded_by(*args: str, cwd: Path) -> list[str]:
    """The editor-server and watch modules a medlint run loads."""
    loaded = modules_loaded(*args, cwd=cwd)
    return sorted(m for m in loaded if m in OPTIONAL or m.split(".")[0] in OPTIONAL)


def test_check_never_imports_the_editor_server_or_watch_libraries(tmp_path: Path):
    (tmp_path / "one.md").write_text("# One\n\nSee https://example.org/a now.\n", encoding="utf-8")
    assert loaded_by("check", "--no-cache", "one.md", cwd=tmp_path) == []
    assert loaded_by("--help", cwd=tmp_path) == []


def test_server_without_the_lsp_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygls", None)  # as if not installed
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert "pip install 'medlint[lsp]'" in result.output


def test_watch_without_the_watch_extra_says_how_to_install_it(monkeypatch, tmp_path: Path):
    monkeypatch.setitem(sys.modules, "watchfiles", None)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--watch", "."])
    assert result.exit_code == 2
    assert "pip install 'medlint[watch]'" in result.output


def test_watch_refuses_options_it_cannot_honour(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for extra in (["--format", "json"], ["--fix"], ["--diff"], ["-o", "out.txt"]):
        result = CliRunner().invoke(main, ["check", "--watch", *extra, "."])
        assert result.exit_code == 2, extra
        assert "--watch prints text to the terminal" in result.output
