"""The command line, through click's CliRunner and through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

GOOD = """---
title: Iron basics
author: Sam Lee
medically_reviewed_by: Dr. Ana Ruiz, MD
last_reviewed: 2026-10-01
---
# Iron basics

Iron helps your blood carry oxygen [1].

## References

1. MedlinePlus. Iron in diet. <https://medlineplus.gov/ency/article/002422.htm>

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""

BAD = GOOD.replace("carry oxygen [1].", "carry oxygen [4]. See https://example.org/iron now.")


def run(args, cwd=None, input=None):
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(main, args, input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_clean_file_exits_zero(project):
    result = run(["check", "good.md", "--today", "2026-11-25"], cwd=project)
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output


def test_findings_text_output_has_positions_excerpt_and_summary(project):
    result = run(["check", "bad.md", "--today", "2026-11-25"], cwd=project)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "bad.md:9:36: error citation-unresolved (ML302) citation [4] has no matching entry" in result.output
    assert "9 | Iron helps your blood carry oxygen [4]." in result.output
    assert "  |                                    ^^^" in lines
    assert "bad.md:9:45: warning link-bare (ML305) bare URL in prose: https://example.org/iron" in result.output
    assert "bad.md:13:1: warning reference-uncited (ML303) reference 1 is not cited" in result.output
    assert "Found 3 problems (1 error, 2 warnings) in 1 of 1 file. 1 fixable with --fix." in result.output
    assert "\x1b[" not in result.output  # no colour when piped


def test_json_output_matches_the_contract(project):
    result = run(["check", "bad.md", "good.md", "--format", "json", "--today", "2026-11-25"], cwd=project)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [list(d) for d in data][0] == ["path", "rule", "code", "severity", "message", "line", "column",
                                         "end_line", "end_column", "fix", "related", "hint"]
    first = data[0]
    assert (first["path"], first["rule"], first["code"], first["line"], first["column"], first["end_column"]) == \
        ("bad.md", "citation-unresolved", "ML302", 9, 36, 39)
    bare = data[1]
    assert bare["fix"] == {"replacements": [{"line": 9, "column": 45, "end_line": 9, "end_column": 69,
                                             "text": "<https://example.org/iron>"}],
                           "applicability": "safe"}


def test_select_and_ignore(project):
    only = json.loads(run(["check", "bad.md", "--format", "json", "--select", "ML305"], cwd=project).output)
    assert {d["rule"] for d in only} == {"link-bare"}
    rest = json.loads(run(["check", "bad.md", "--format", "json", "--ignore", "link-bare,ML302,ML3",
                           "--today", "2026-11-25"], cwd=project).output)
    assert rest == []


def test_unknown_rule_in_select_is_a_usage_error(project):
    result = run(["check", "bad.md", "--select", "no-such-rule"], cwd=project)
    assert result.exit_code == 2
    assert "unknown rule `no-such-rule`" in result.output


def test_max_warnings(project):
    warn_only = ["check", "bad.md", "--select", "link-bare"]
    assert run(warn_only, cwd=project).exit_code == 0
    assert run(warn_only + ["--max-warnings", "0"], cwd=project).exit_code == 1
    assert run(warn_only + ["--max-warnings", "1"], cwd=project).exit_code == 0


def test_stdin_with_filename(project):
    result = run(["check", "-", "--stdin-filename", "docs/iron.md", "--format", "json", "--today", "2026-11-25"],
                 cwd=project, input=BAD)
    data = json.loads(result.output)
    assert {d["path"] for d in data} == {"docs/iron.md"}
    assert result.exit_code == 1


def test_config_file_is_discovered_and_validated(project):
    (project / "medlint.toml").write_text('[rules.link-bare]\nseverity = "error"\n', encoding="utf-8")
    data = json.loads(run(["check", "bad.md", "--format", "json", "--today", "2026-11-25"], cwd=project).output)
    assert {d["rule"]: d["severity"] for d in data}["link-bare"] == "error"
    (project / "medlint.toml").write_text('colour = "blue"\n', encoding="utf-8")
    result = run(["check", "bad.md"], cwd=project)
    assert result.exit_code == 2
    assert "unknown key `colour`" in result.output


def test_bad_rule_option_names_rule_and_key(project):
    (project / "medlint.toml").write_text("[rules.review-stale]\nmax_age_days = \"soon\"\n", encoding="utf-8")
    result = run(["check", "bad.md"], cwd=project)
    assert result.exit_code == 2
    assert "option `max_age_days` of review-stale" in result.output


def test_isolated_ignores_config(project):
    (project / "medlint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    assert run(["check", "bad.md", "--format", "json"], cwd=project).output.strip() == "[]"
    data = json.loads(run(["check", "bad.md", "--format", "json", "--isolated", "--today", "2026-11-25"],
                          cwd=project).output)
    assert data


def test_overrides_by_frontmatter_value(project):
    (project / "medlint.toml").write_text(
        '[[overrides]]\nfrontmatter = {audience = "patient"}\nrules = {link-bare = "off"}\n', encoding="utf-8")
    patient = BAD.replace("title: Iron basics", "title: Iron basics\naudience: patient")
    (project / "patient.md").write_text(patient, encoding="utf-8")
    rules = {d["rule"] for d in json.loads(run(["check", "patient.md", "--format", "json"], cwd=project).output)}
    assert "link-bare" not in rules
    rules = {d["rule"] for d in json.loads(run(["check", "bad.md", "--format", "json"], cwd=project).output)}
    assert "link-bare" in rules


def test_per_file_ignores(project):
    (project / "medlint.toml").write_text('[per-file-ignores]\n"bad.md" = ["link-bare"]\n', encoding="utf-8")
    rules = {d["rule"] for d in json.loads(run(["check", "bad.md", "--format", "json"], cwd=project).output)}
    assert "link-bare" not in rules


def test_config_show(project):
    (project / "medlint.toml").write_text('[rules.review-stale]\nmax_age_days = 90\n', encoding="utf-8")
    result = run(["config", "--show", "bad.md"], cwd=project)
    assert result.exit_code == 0
    assert "medlint.toml" in result.output
    assert 'ML102 review-stale: warning {"max_age_days": 90}' in result.output


def test_rules_and_explain():
    listing = run(["rules"]).output
    assert "ML304   reference-empty" in listing
    explained = run(["explain", "ML304"])
    assert explained.exit_code == 0
    assert explained.output.startswith("# ML304 · reference-empty")
    assert "## Why it matters" in explained.output
    assert run(["explain", "nope"]).exit_code == 2


def test_unreadable_files_are_findings_not_crashes(project):
    (project / "utf16.md").write_bytes("# hi\n".encode("utf-16"))
    (project / "latin1.md").write_bytes(b"# caf\xe9\nline\n")
    (project / "dir.md").mkdir()
    result = run(["check", "utf16.md", "latin1.md", "--format", "json"], cwd=project)
    data = json.loads(result.output)
    assert [(d["path"], d["rule"], d["line"], d["column"]) for d in data] == [
        ("latin1.md", "file-unreadable", 1, 6), ("utf16.md", "file-unreadable", 1, 1)]
    assert "save it as UTF-8" in data[1]["message"]
    assert result.exit_code == 1


def test_folder_discovery_is_sorted_and_skips_excluded(project):
    (project / "sub").mkdir()
    (project / "sub" / "a.md").write_text(GOOD, encoding="utf-8")
    (project / "node_modules").mkdir()
    (project / "node_modules" / "x.md").write_text(BAD, encoding="utf-8")
    (project / "notes.txt").write_text("https://x.org", encoding="utf-8")
    result = run(["check", ".", "--format", "junit", "--today", "2026-11-25"], cwd=project)
    import re

    names = re.findall(r'<testcase[^>]* name="([^"]*)"', result.output)
    assert names == ["bad.md", "good.md", "sub/a.md"]


def test_subprocess_entry_points(project):
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "medlint", "check", "bad.md", "--format", "json",
                           "--today", "2026-11-25"], cwd=project, capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)[0]["rule"] == "citation-unresolved"
    version = subprocess.run([sys.executable, "-m", "medlint", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and "medlint" in version.stdout


def test_colour_is_forced_on_request(project):
    result = run(["check", "bad.md", "--color"], cwd=project)
    assert "\x1b[" in result.output


def test_article_text_cannot_drive_the_terminal(project):
    evil = GOOD.replace("carry oxygen [1].", "carry oxygen [9].\x1b]0;pwned\x07\x1b[2J")
    (project / "evil.md").write_text(evil, encoding="utf-8")
    result = run(["check", "evil.md"], cwd=project)
    assert "\x1b" not in result.output
    assert "\\x1b" in result.output


def test_claims_command_table_and_json(tmp_path):
    article = ("# B12\n\nOral B12 is not a cause of cramps.\n\n## The rare case of B12 injections\n\n"
               "B12 shots can rarely cause hypokalemia and cramps.\n")
    (tmp_path / "b12.md").write_text(article, encoding="utf-8")
    table = run(["claims", "b12.md", "--isolated"], cwd=tmp_path)
    assert table.exit_code == 0
    assert "3:6" in table.output and "negative" in table.output and "route=oral (sentence)" in table.output
    data = json.loads(run(["claims", "b12.md", "--format", "json", "--isolated"], cwd=tmp_path).output)
    assert data[0]["subject"] == "vitamin_b12" and data[0]["stance"] == "negative"
    assert {d["effect"] for d in data[1:]} >= {"muscle_cramps"}
    assert all(d["qualifiers"].get("route") == "injection" for d in data[1:])


def test_claims_command_shows_relation_and_class(tmp_path):
    article = ("# Triptans\n\nTriptans do not cause chest tightness.\n\n"
               "Sumatriptan can cause chest tightness.\n\nTriptans treat migraine.\n")
    (tmp_path / "t.md").write_text(article, encoding="utf-8")
    table = run(["claims", "t.md", "--isolated"], cwd=tmp_path)
    assert table.exit_code == 0
    assert "class: triptans" in table.output and "treats" in table.output
    proc = subprocess.run([sys.executable, "-m", "medlint", "claims", "t.md", "--format", "json", "--isolated"],
                          cwd=tmp_path, capture_output=True, text=True)
    rows = json.loads(proc.stdout)
    assert [(r["line"], r["subject"], r["relation"], r["classes"]) for r in rows] == [
        (3, "triptans", "causes", []), (5, "sumatriptan", "causes", ["triptans"]), (7, "triptans", "treats", [])]


def test_bad_claim_registry_is_a_config_error(tmp_path):
    (tmp_path / "reg.yaml").write_text("claims:\n  - id: x\n", encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('claims = ["reg.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    result = run(["check", "a.md"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "reg.yaml:2" in result.output


def test_pyproject_tool_table_is_discovered_from_a_subfolder(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.medlint]\nignore = ["link-bare"]\n',
                                            encoding="utf-8")
    sub = project / "articles" / "deep"
    sub.mkdir(parents=True)
    (sub / "bad.md").write_text(BAD, encoding="utf-8")
    rules = {d["rule"] for d in json.loads(run(["check", "articles/deep/bad.md", "--format", "json"],
                                                cwd=project).output)}
    assert "link-bare" not in rules and "citation-unresolved" in rules
    (project / "pyproject.toml").write_text('[tool.medlint]\nignroe = ["link-bare"]\n', encoding="utf-8")
    result = run(["check", "articles/deep/bad.md"], cwd=project)
    assert result.exit_code == 2 and "unknown key `ignroe` in [tool.medlint]" in result.output


def test_pyproject_without_tool_table_is_not_a_config(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "medlint.toml").unlink(missing_ok=True)
    assert run(["check", "bad.md", "--format", "json"], cwd=project).exit_code == 1


def test_exclude_globs_under_dot_folders(tmp_path):
    """Regression: a relative folder starting with "." lost its dot before matching."""
    (tmp_path / "medlint.toml").write_text('exclude = [".internal/drafts"]\n', encoding="utf-8")
    for folder in (".internal/drafts", ".internal/live"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "a.md").write_text("# A\n", encoding="utf-8")
    result = run(["check", ".", "--format", "junit"], cwd=tmp_path)
    import re

    assert re.findall(r'<testcase[^>]* name="([^"]*)"', result.output) == [".internal/live/a.md"]


def test_max_warnings_from_config(project):
    (project / "medlint.toml").write_text("max-warnings = 0\n", encoding="utf-8")
    assert run(["check", "bad.md", "--select", "link-bare"], cwd=project).exit_code == 1
    assert run(["check", "bad.md", "--select", "link-bare", "--max-warnings", "5"], cwd=project).exit_code == 0


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["--version", "check"], ["-V", "--help"]])
def test_version_fast_path_prints_what_click_prints(args):
    """`medlint --version` alone is answered before click is imported, with click's text;
    anything else goes through click as before."""
    expected = CliRunner().invoke(main, args, prog_name="medlint")
    got = subprocess.run([sys.executable, "-m", "medlint", *args], capture_output=True, text=True)
    assert (got.returncode, got.stdout.replace("python -m medlint", "medlint")) == (expected.exit_code, expected.output)


def test_version_alone_does_not_import_click():
    code = "import sys; sys.argv = ['medlint', '--version']; from medlint.__main__ import run; run(); print('click' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.splitlines() == ["medlint, version " + __import__("medlint").__version__, "False"]
