"""The library stage's findings kept in the cache (``Libraries._run_rules``): keyed by
every member's claims and settings, so a change anywhere in the library recomputes
them, and a stored file that is not exactly what was written is never reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "medlint.toml").write_text('include = ["**/*.md"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# Iron\n\nIron tablets can cause constipation.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Iron\n\nIron does not cause constipation.\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# B12\n\nB12 injections can cause cramps.\n", encoding="utf-8")
    return tmp_path


def check(folder: Path, *paths: str) -> list[dict]:
    old = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["check", *paths, "--format", "json", "--today", "2026-11-25",
                                           "--cache-dir", str(folder / "cache")])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.output) if f["rule"] == "claim-library-conflict"]


def stored(folder: Path) -> list[Path]:
    return sorted((folder / "cache" / "data").glob("library-*.json"))


def test_a_warm_run_reports_the_stored_library_findings(library):
    cold = check(library)
    assert {f["path"] for f in cold} == {"a.md", "b.md"}
    assert len(stored(library)) == 1
    assert check(library) == cold


def test_a_changed_claim_in_a_file_not_checked_now_changes_the_findings(library):
    assert {f["path"] for f in check(library, "a.md")} == {"a.md"}
    (library / "b.md").write_text("# Iron\n\nIron helps tired people.\n", encoding="utf-8")
    assert check(library, "a.md") == []  # a.md is a cache hit; its library changed


@pytest.mark.parametrize("content", ["", "[]", '{"a.md": [{"line": "one"}]}', '{"elsewhere.md": []}',
                                     '{"a.md": [{"path": "a.md"}]}'])
def test_a_corrupt_stored_file_is_recomputed(library, content):
    cold = check(library)
    [path] = stored(library)
    path.write_text(content, encoding="utf-8")
    assert check(library) == cold
    assert json.loads(path.read_text(encoding="utf-8")).keys() == {"a.md", "b.md"}
