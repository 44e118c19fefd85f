"""CLI wiring for CI: baseline, check --baseline, merge, init, output files, statistics."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main

ARTICLE = """---
title: T
author: A
medically_reviewed_by: B
last_reviewed: 2026-10-01
---
# T

Text https://x.org/a here [1].

## References

1. Smith J. Title. 2020.

## Disclaimer

This is not a substitute for professional medical advice.
"""


def run(args, cwd):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_baseline_then_only_new_findings_fail(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    made = run(["baseline", "medlint-baseline.json", "a.md"], tmp_path)
    assert made.exit_code == 0 and "recorded 1 finding in 1 file" in made.output
    ok = run(["check", "a.md", "--baseline", "medlint-baseline.json", "--select", "link-bare",
              "--max-warnings", "0"], tmp_path)
    assert ok.exit_code == 0, ok.output
    # lines added above: still the same finding
    (tmp_path / "a.md").write_text(ARTICLE.replace("# T\n", "# T\n\nNew intro.\n\nMore.\n"), encoding="utf-8")
    moved = run(["check", "a.md", "--baseline", "medlint-baseline.json", "--select", "link-bare",
                 "--max-warnings", "0"], tmp_path)
    assert moved.exit_code == 0, moved.output
    # a new bare URL is new
    (tmp_path / "a.md").write_text(ARTICLE + "\nAlso https://x.org/b\n", encoding="utf-8")
    new = run(["check", "a.md", "--baseline", "medlint-baseline.json", "--select", "link-bare", "--format", "json"],
              tmp_path)
    assert [d["line"] for d in json.loads(new.stdout)] == [19]


def test_fixed_entries_are_reported_and_pruned(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run(["baseline", "bl.json", "a.md", "--select", "link-bare"], tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE.replace("https://x.org/a", "<https://x.org/a>"), encoding="utf-8")
    strict = run(["check", "a.md", "--baseline", "bl.json", "--select", "link-bare", "--strict-baseline"], tmp_path)
    assert strict.exit_code == 1
    assert "can be removed from bl.json" in strict.output
    run(["check", "a.md", "--baseline", "bl.json", "--select", "link-bare", "--prune-baseline"], tmp_path)
    assert json.loads((tmp_path / "bl.json").read_text())["entries"] == {}


def test_corrupt_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bl.json").write_text("{not json", encoding="utf-8")
    result = run(["check", "a.md", "--baseline", "bl.json"], tmp_path)
    assert result.exit_code == 2 and "bl.json" in result.output


def test_merge_shards_equals_one_run(tmp_path):
    for n in range(4):
        (tmp_path / f"a{n}.md").write_text(ARTICLE.replace("x.org/a", f"x.org/{n}"), encoding="utf-8")
    whole = run(["check", ".", "--format", "json", "--select", "link-bare"], tmp_path).output
    for k in (1, 2):
        run(["check", ".", "--format", "json", "--select", "link-bare", "--shard", f"{k}/2", "-o", f"s{k}.json"],
            tmp_path)
    merged = run(["merge", "s1.json", "s2.json"], tmp_path)
    assert merged.exit_code == 0
    assert json.loads(merged.output) == json.loads(whole)
    bad = run(["merge", "s1.json", "a0.md"], tmp_path)
    assert bad.exit_code == 2


def test_output_file_and_statistics(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE + "\nAnd https://x.org/c too.\n", encoding="utf-8")
    result = run(["check", "a.md", "--format", "sarif", "-o", "out.sarif"], tmp_path)
    assert result.output == ""
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    stats = run(["check", "a.md", "--statistics"], tmp_path)
    assert "     2  ML305   link-bare" in stats.output


def test_init_writes_starter_files_once(tmp_path):
    first = run(["init"], tmp_path)
    assert first.exit_code == 0
    assert (tmp_path / "medlint.toml").exists() and (tmp_path / "schemas" / "frontmatter.schema.json").exists()
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    assert run(["check", "a.md", "--select", "frontmatter-schema"], tmp_path).exit_code == 0
    again = run(["init"], tmp_path)
    assert "left unchanged" in again.output
