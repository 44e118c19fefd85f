"""End to end: lint the bundled content/ library and compare with content/EXPECTED.md.

EXPECTED.md is the writers' record of every planted defect (file, rule, line:column);
passing articles must produce no finding at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main
from medlint.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| `(content/[^`]+\.mdx?)` \| `([a-z-]+)` \| `(\d+):(\d+)` \|")


def expected() -> set[tuple[str, str, int, int]]:
    rows = set()
    for line in (ROOT / "content" / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            rows.add((m.group(1), m.group(2), int(m.group(3)), int(m.group(4))))
    return rows


def test_content_library_findings_match_expected(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "content/articles", "content/defects", "--format", "json",
                                       "--today", "2026-11-25"])
    assert result.exit_code == 1, result.output
    actual = {(d["path"], d["rule"], d["line"], d["column"]) for d in json.loads(result.output)}
    known = set(Registry.builtin().rules)
    want = {row for row in expected() if row[1] in known}
    assert len(expected()) >= 15
    assert sorted(actual - want) == [], "unexpected findings"
    assert sorted(want - actual) == [], "missed findings"


def test_every_passing_article_is_clean(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "content/articles", "--format", "json", "--today", "2026-11-25"])
    assert json.loads(result.output) == []
    assert result.exit_code == 0
    assert len(list((ROOT / "content" / "articles").glob("*.md"))) >= 6
    assert list((ROOT / "content" / "articles").glob("*.mdx")), "an .mdx article is linted by default"
