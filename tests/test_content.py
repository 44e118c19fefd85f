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
    result = CliRunner().invoke(main, ["check", "content/articles", "content/defects", "content/library",
                                       "--format", "json", "--today", "2026-11-25"])
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


def test_library_articles_agree_but_for_the_planted_conflict(monkeypatch):
    """The library's findings are the same whether one, some or all of its articles are
    checked: the library is what the config includes."""
    monkeypatch.chdir(ROOT)
    want = {row for row in expected() if row[0].startswith("content/library/")}
    assert {row[1] for row in want} == {"claim-library-conflict"} and len(want) == 2
    result = CliRunner().invoke(main, ["check", "content/library", "--format", "json", "--today", "2026-11-25"])
    assert {(d["path"], d["rule"], d["line"], d["column"]) for d in json.loads(result.output)} == want
    for path, rule, line, column in want:  # a pre-commit run on one staged article
        one = CliRunner().invoke(main, ["check", path, "--format", "json", "--today", "2026-11-25"])
        [finding] = json.loads(one.output)
        assert (finding["line"], finding["column"]) == (line, column)
        assert finding["related"][0]["path"] in {p for p, *_ in want} - {path}
    assert len(list((ROOT / "content" / "library").glob("*.md"))) >= 5


def test_claims_conflicts_lists_the_planted_group(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["claims", "content", "--conflicts"])
    assert result.exit_code == 0
    groups = [line for line in result.output.splitlines() if line.endswith("CONFLICT")]
    assert groups == ["vitamin_b12 causes muscle_cramps (4 claims)  CONFLICT",
                      "calcium causes constipation (2 claims)  CONFLICT"]
    assert "magnesium causes diarrhea" not in result.output
