"""--fix, --unsafe-fixes and --diff end to end: bytes outside the edits are kept."""

from __future__ import annotations

import os

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.cli import main

ARTICLE = (
    "---\ntitle: T\nauthor: A\nmedically_reviewed_by: B\nlast_reviewed: 2026-10-01\n---\n"
    "# Iron\n\nIron matters [1]. See https://example.org/iron and www.cdc.gov/iron now.\n\n"
    "## References\n\n1. MedlinePlus. Iron.\n"
)


def invoke(args, cwd, input=None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_fix_writes_safe_fixes_and_keeps_crlf_and_bom(tmp_path):
    path = tmp_path / "a.md"
    original = ("\ufeff" + ARTICLE).replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    result = invoke(["check", "a.md", "--fix", "--today", "2026-11-25"], tmp_path)
    fixed = path.read_bytes()
    assert fixed == original.replace(b"https://example.org/iron", b"<https://example.org/iron>")
    assert "Fixed 1 problem in a.md" in result.output
    # remaining: the www address (unsafe fix) and the missing disclaimer (unsafe fix)
    assert "link-bare" in result.output and "disclaimer-required" in result.output
    again = invoke(["check", "a.md", "--fix", "--today", "2026-11-25"], tmp_path)
    assert path.read_bytes() == fixed, "a second --fix must change nothing"
    assert "Fixed" not in again.output


def test_unsafe_fixes_add_disclaimer_and_link(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    invoke(["check", "a.md", "--fix", "--unsafe-fixes", "--today", "2026-11-25"], tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "[www.cdc.gov/iron](https://www.cdc.gov/iron)" in text
    assert text.endswith("## Medical disclaimer\n\nThis article is for informational purposes only and is not a "
                         "substitute for professional medical advice, diagnosis or treatment. Always ask your doctor "
                         "or another qualified health provider about any questions you have about a medical "
                         "condition or treatment.\n")
    result = invoke(["check", "a.md", "--today", "2026-11-25"], tmp_path)
    assert result.exit_code == 0, result.output


def test_diff_shows_changes_without_writing(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = invoke(["check", "a.md", "--diff", "--select", "link-bare"], tmp_path)
    assert path.read_text(encoding="utf-8") == ARTICLE
    assert "-Iron matters [1]. See https://example.org/iron" in result.output
    assert "+Iron matters [1]. See <https://example.org/iron>" in result.output
    assert result.exit_code == 1


def test_fix_from_stdin_prints_fixed_text(tmp_path):
    result = CliRunner().invoke(main, ["check", "-", "--fix", "--select", "link-bare"], input=ARTICLE)
    assert "<https://example.org/iron>" in result.stdout


def test_unused_suppression_fix_removes_the_comment_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Text.\n<!-- medlint-disable-next-line link-bare -- old -->\nMore text.\n", encoding="utf-8")
    invoke(["check", "a.md", "--fix", "--select", "link-bare,unused-suppression"], tmp_path)
    assert path.read_text(encoding="utf-8") == "Text.\nMore text.\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["word ", "https://x.org/a ", "www.x.org ", "\n", "\r\n", "[1] ", "`c` ", "> ", "- "]),
                max_size=30).map("".join))
def test_fixing_twice_equals_fixing_once(text):
    from medlint.fixes import apply, select
    from medlint.linter import RuleSet, lint_text
    from medlint.position import Source
    from medlint.registry import Registry
    from medlint.config import Config, Resolver
    from medlint.rule import RunContext
    import datetime as dt
    from pathlib import Path

    resolver = Resolver(Config(None, Path(".")), Registry.builtin())
    run = RunContext(dt.date(2026, 1, 1))

    def fix_once(t: str) -> str:
        result = lint_text("t.md", t, lambda doc: RuleSet(resolver).for_file("t.md", doc.data), run)
        fixes = select((d.fix for d in result.diagnostics), unsafe=True)
        return apply(Source(t), fixes)[0] if fixes else t

    def fix_all(t: str) -> str:  # what --fix does: rounds until stable
        for _ in range(10):
            new = fix_once(t)
            if new == t:
                break
            t = new
        return t

    once = fix_all(text)
    assert fix_all(once) == once


# Issue #15 item 10: --diff prints only a diff; the report (positions on disk) goes elsewhere.
SHIFTING = ARTICLE.replace("# Iron\n\n", "# Iron\n\nSee https://example.org/a.\n\n")


def test_diff_stdout_is_only_the_diff_and_positions_are_from_disk(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.md").write_text(SHIFTING, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "medlint", "check", "a.md", "--diff", "--unsafe-fixes",
                           "--select", "ML305", "--today", "2026-11-25"], cwd=tmp_path, capture_output=True,
                          text=True)
    assert done.returncode == 1
    assert done.stdout.startswith("--- a/a.md\n+++ b/a.md\n@@ ")
    assert all(line[:1] in " +-@" for line in done.stdout.splitlines())
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == SHIFTING
    # Findings where they are in the file on disk (the fixed text has other columns).
    assert "a.md:9:5: warning link-bare" in done.stderr
    assert "a.md:11:23: warning link-bare" in done.stderr and "a.md:11:52: warning link-bare" in done.stderr
    assert "All checks passed" not in done.stderr
    assert "medlint: would fix 3 problems in 1 file (nothing written; apply with --fix --unsafe-fixes)" in done.stderr


def test_diff_with_json_keeps_the_json_parseable(tmp_path):
    import json

    (tmp_path / "a.md").write_text(SHIFTING, encoding="utf-8")
    result = invoke(["check", "a.md", "--diff", "--format", "json", "--select", "ML305"], tmp_path)
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/a.md")
    found = json.loads(result.stderr)
    assert [(d["line"], d["column"]) for d in found] == [(9, 5), (11, 23), (11, 52)]
    to_file = invoke(["check", "a.md", "--diff", "--format", "json", "--select", "ML305", "-o", "r.json"], tmp_path)
    assert to_file.stdout.startswith("--- a/a.md")
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))) == 3
    assert "would fix 2 problems in 1 file (nothing written; apply with --fix)" in to_file.stderr


def test_diff_with_nothing_to_fix(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = invoke(["check", "a.md", "--diff", "--select", "ML301"], tmp_path)
    assert result.exit_code == 0 and result.stdout == ""
    assert "medlint: no fixes to apply (nothing written)" in result.stderr
