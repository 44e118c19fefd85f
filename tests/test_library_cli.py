"""Library-wide claims through the command line: shards + merge agree with one run,
and ``medlint claims`` over a library (grouped, --conflicts, --subject)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

SUPPRESS = "<!-- medlint-disable-next-line claim-library-conflict -- {why} -->\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Conflicts that the size-balanced shards split: one negative against six
    positives, a suppressed side, and a suppression whose conflict is elsewhere."""
    (tmp_path / "medlint.toml").write_text('include = ["**/*.md"]\n', encoding="utf-8")
    for i in range(6):
        (tmp_path / f"p{i}.md").write_text(f"# Iron {i}\n\n" + "Iron tablets can cause constipation.\n" * (i % 2 + 1),
                                           encoding="utf-8")
    (tmp_path / "neg.md").write_text("Iron does not cause constipation.\n\n" + SUPPRESS.format(why="checked")
                                     + "B12 never causes cramps.\n", encoding="utf-8")
    (tmp_path / "b12.md").write_text("B12 injections can cause cramps.\n", encoding="utf-8")
    (tmp_path / "b12b.md").write_text(SUPPRESS.format(why="nothing to suppress") + "Oral B12 does not cause cramps.\n",
                                      encoding="utf-8")
    return tmp_path


def invoke(folder: Path, args: list[str]) -> str:
    old = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_shards_and_merge_report_exactly_what_one_run_does(library):
    common = ["--format", "json", "--today", "2026-11-25", "--no-cache"]
    one = json.loads(invoke(library, ["check", *common]))
    shards = []
    for k in (1, 2, 3):
        invoke(library, ["check", "--shard", f"{k}/3", *common, "-o", f"s{k}.json"])
        shards.append(json.loads((library / f"s{k}.json").read_text(encoding="utf-8")))
        assert (library / f"s{k}.json.library.json").is_file()
    # the conflicts really are split across shards: the shards alone miss some
    concatenated = [f for shard in shards for f in shard if f["rule"] == "claim-library-conflict"]
    assert len(concatenated) < len([f for f in one if f["rule"] == "claim-library-conflict"])
    merged = json.loads(invoke(library, ["merge", "s1.json", "s2.json", "s3.json"]))
    assert merged == one
    # a glob names the claims files too: they are read with their reports
    globbed = sorted(p.name for p in library.glob("s*.json"))
    assert len(globbed) == 6 and json.loads(invoke(library, ["merge", *globbed])) == one
    rules = {(f["path"], f["rule"]) for f in one}
    assert ("neg.md", "claim-library-conflict") in rules and ("b12.md", "claim-library-conflict") in rules
    assert ("b12b.md", "unused-suppression") in rules and ("neg.md", "unused-suppression") not in rules


def test_sarif_shards_and_merge_give_the_results_of_one_run(library):
    common = ["--format", "sarif", "--today", "2026-11-25", "--no-cache"]
    one = json.loads(invoke(library, ["check", *common]))
    for k in (1, 2, 3):
        invoke(library, ["check", "--shard", f"{k}/3", *common, "-o", f"s{k}.sarif"])
        shard = json.loads((library / f"s{k}.sarif").read_text(encoding="utf-8"))
        assert shard["runs"][0]["properties"]["medlint-library"]["files"]
    merged = json.loads(invoke(library, ["merge", "s1.sarif", "s2.sarif", "s3.sarif"]))
    [run], [want] = merged["runs"], one["runs"]
    assert "properties" not in run
    assert run["tool"] == want["tool"]

    def results(r):
        return sorted(json.dumps(x, sort_keys=True) for x in r["results"])

    assert results(run) == results(want)
    assert sum(1 for x in want["results"] if x["ruleId"] == "ML406") == 11


def test_merge_refuses_a_mix_of_shards_with_and_without_claims(library):
    common = ["--format", "json", "--today", "2026-11-25", "--no-cache"]
    for k in (1, 2):
        invoke(library, ["check", "--shard", f"{k}/2", *common, "-o", f"s{k}.json"])
    (library / "s2.json.library.json").unlink()
    old = os.getcwd()
    os.chdir(library)
    try:
        result = CliRunner().invoke(main, ["merge", "s1.json", "s2.json"])
    finally:
        os.chdir(old)
    assert result.exit_code == 2 and "s2.json: no shard claims beside it" in result.output


def test_claims_command_over_a_library(library):
    table = invoke(library, ["claims", "."])
    assert "iron causes constipation (10 claims)  CONFLICT" in table
    assert "  neg.md:1:1  negative" in table and "      contradicts p0.md:3:1" in table
    rows = json.loads(invoke(library, ["claims", ".", "--conflicts", "--format", "json"]))
    by_place = {(r["path"], r["line"]): r for r in rows}
    assert [c["path"] for c in by_place[("neg.md", 1)]["conflicts"]] == ["p0.md", "p1.md", "p1.md", "p2.md", "p3.md",
                                                                         "p3.md", "p4.md", "p5.md", "p5.md"]
    # the B12 pair: the general denial covers the injections, not the oral claim
    assert [c["path"] for c in by_place[("neg.md", 4)]["conflicts"]] == ["b12.md"]
    assert by_place[("b12b.md", 2)]["conflicts"] == []
    only_b12 = json.loads(invoke(library, ["claims", ".", "--subject", "B12", "--format", "json"]))
    assert {r["subject"] for r in only_b12} == {"vitamin_b12"} and len(only_b12) == 3


def test_claims_conflicts_within_one_article(tmp_path):
    (tmp_path / "a.md").write_text("B12 never causes cramps.\n\nB12 injections can cause cramps.\n\n"
                                   "Iron can cause constipation.\n", encoding="utf-8")
    table = invoke(tmp_path, ["claims", "a.md", "--conflicts", "--isolated"])
    assert "vitamin_b12 causes muscle_cramps (2 claims)  CONFLICT" in table and "iron" not in table
    assert "contradicts a.md:3:1" in table
