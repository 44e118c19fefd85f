"""Merging CI shard reports (SPEC §4 ``medlint merge``, §5 JSON; issue 5).

The inputs are real reports: ``medlint check --format json|sarif`` run through
click's test runner on articles in a temporary folder, one run per shard. The
merged report must equal what one run over every file reports.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from medlint import merge
from medlint.cli import main

REPO_ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = REPO_ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

HEAD = """\
---
title: {title}
author: A. Writer
medically_reviewed_by: Dr B. Reviewer
last_reviewed: 2026-01-01
---

"""
TAIL = """
## References

1. MedlinePlus. Talking With Your Doctor. <https://medlineplus.gov/talking.html>
2. National Library of Medicine. Vitamin D. <https://ods.od.nih.gov/factsheets/VitaminD-Consumer/>

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""
ARTICLES = {
    "content/a.md": "## Visits\n\nSee https://example.org/a for a checklist [1].\n\nAsk questions [2].\n",
    "content/b.md": "## Sun\n\nVitamin D matters [7]. Read https://example.org/b too [1, 2].\n",
    "content/c.md": "## Clean\n\nNothing wrong here [1]. Or here [2].\n",
    "content/sub/d.md": "## Ünïcode ✓\n\nSee www.example.org/d now [1] and [2].\n",
}


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the result cache, if any, lands here
    for rel, body in ARTICLES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEAD.format(title=Path(rel).stem) + body + TAIL, encoding="utf-8")
    return tmp_path


def check(fmt: str, *paths: str, out: str) -> Path:
    """Run ``medlint check`` as CI would and return the report file."""
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--today", "2026-02-01", "--format", fmt, "--output-file", out, *paths]
    )
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Path(out)


def shards(fmt: str) -> tuple[list[Path], Path]:
    ext = "sarif" if fmt == "sarif" else "json"
    parts = [
        check(fmt, "content/a.md", "content/c.md", out=f"shard1.{ext}"),
        check(fmt, "content/b.md", out=f"shard2.{ext}"),
        check(fmt, "content/sub", out=f"shard3.{ext}"),
    ]
    return parts, check(fmt, "content", out=f"full.{ext}")


# -- JSON ----------------------------------------------------------------------------
def test_the_library_has_findings_in_several_files(library: Path) -> None:
    _, full = shards("json")
    findings = json.loads(full.read_text(encoding="utf-8"))
    assert {f["path"] for f in findings} == {"content/a.md", "content/b.md", "content/sub/d.md"}
    assert {f["rule"] for f in findings} >= {"link-bare", "citation-unresolved"}


def test_merged_json_shards_equal_one_run_over_every_file(library: Path) -> None:
    parts, full = shards("json")
    kind, text = merge.merge_files(list(reversed(parts)))
    assert kind == "json"
    assert text == full.read_text(encoding="utf-8")


def test_json_merge_drops_identical_findings_and_sorts(library: Path) -> None:
    parts, full = shards("json")
    kind, text = merge.merge_files([parts[1], *parts, parts[0]])
    assert text == full.read_text(encoding="utf-8")
    merged = json.loads(text)
    assert merged == sorted(merged, key=lambda f: (f["path"], f["line"], f["column"], f["rule"]))
    # Same position, different message: both kept.
    twin = dict(merged[0], message="another finding at the same place")
    assert len(merge.merge_json([merged, [twin]])) == len(merged) + 1


def test_json_keys_keep_the_contract_order(library: Path) -> None:
    parts, _ = shards("json")
    merged = json.loads(merge.merge_files(parts)[1])
    assert list(merged[0]) == ["path", "rule", "code", "severity", "message", "line", "column",
                               "end_line", "end_column", "fix", "related", "hint"]


def test_empty_json_reports_merge_to_an_empty_array(library: Path) -> None:
    clean = check("json", "content/c.md", out="clean.json")
    assert merge.merge_files([clean, clean]) == ("json", "[]\n")


# -- SARIF ---------------------------------------------------------------------------
def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def validate(log: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)


def test_merged_sarif_shards_equal_one_run_and_validate(library: Path) -> None:
    parts, full = shards("sarif")
    kind, text = merge.merge_files(parts)
    assert kind == "sarif"
    merged, whole = json.loads(text), load(full)
    validate(merged)
    assert len(merged["runs"]) == 1
    run, expected = merged["runs"][0], whole["runs"][0]
    assert run["tool"]["driver"]["rules"] == expected["tool"]["driver"]["rules"]
    assert run["columnKind"] == "unicodeCodePoints"
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(map(key, run["results"])) == sorted(map(key, expected["results"]))
    assert len(run["results"]) == len(expected["results"]) > 0
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_merge_unions_rules_by_id_and_fixes_rule_indexes(library: Path) -> None:
    """A shard whose rule list differs (another config, a plugin) still merges right."""
    parts, _ = shards("sarif")
    first, second = load(parts[0]), load(parts[1])
    assert first["runs"][0]["results"] and second["runs"][0]["results"]
    # Shard 2 knows only the rules it reported, in reverse order, plus one plugin rule.
    run = second["runs"][0]
    used = {r["ruleId"] for r in run["results"]}
    kept = [r for r in run["tool"]["driver"]["rules"] if r["id"] in used][::-1]
    plugin = {"id": "ACME001", "name": "acme-house-style", "shortDescription": {"text": "House style."}}
    run["tool"]["driver"]["rules"] = [plugin, *kept]
    for result in run["results"]:
        result["ruleIndex"] = [r["id"] for r in run["tool"]["driver"]["rules"]].index(result["ruleId"])
    run["results"].append(dict(copy.deepcopy(run["results"][0]), ruleId="ACME001", ruleIndex=0,
                               message={"text": "house style"}))
    # Shard 1 gives one result only by index, as SARIF allows.
    result = first["runs"][0]["results"][0]
    rule_id = result.pop("ruleId")

    merged = merge.merge_sarif([first, second])
    validate(merged)
    rules = merged["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids)) and "ACME001" in ids
    assert len(ids) == len(first["runs"][0]["tool"]["driver"]["rules"]) + 1
    results = merged["runs"][0]["results"]
    assert len(results) == len(first["runs"][0]["results"]) + len(run["results"])
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert sum(r["ruleId"] == rule_id for r in results) >= 1
    assert results == sorted(results, key=lambda r: (
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["ruleId"]))


def test_sarif_merge_drops_identical_results(library: Path) -> None:
    parts, full = shards("sarif")
    merged = json.loads(merge.merge_files([*parts, *parts])[1])
    assert len(merged["runs"][0]["results"]) == len(load(full)["runs"][0]["results"])


def test_several_runs_in_one_log_become_one(library: Path) -> None:
    parts, full = shards("sarif")
    logs = [load(p) for p in parts]
    combined = dict(logs[0], runs=[log["runs"][0] for log in logs])
    merged = merge.merge_sarif([combined])
    validate(merged)
    assert len(merged["runs"]) == 1
    assert len(merged["runs"][0]["results"]) == len(load(full)["runs"][0]["results"])


# -- errors --------------------------------------------------------------------------
def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_json_and_sarif_cannot_be_mixed(library: Path) -> None:
    json_parts, _ = shards("json")
    sarif_parts, _ = shards("sarif")
    with pytest.raises(merge.MergeError) as info:
        merge.merge_files([json_parts[0], sarif_parts[0]])
    assert str(info.value) == (f"cannot merge JSON and SARIF reports together: {json_parts[0]} is JSON, "
                               f"{sarif_parts[0]} is SARIF; merge each kind separately")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty file, not a report"),
        ("{oops", "not valid JSON (line 1, column 2"),
        (b"\xff\xfe[\x00]\x00", "not a report: not UTF-8 text"),
        ('{"a": 1}', "not a medlint report: expected a JSON array of findings"),
        ('{"version": 1, "entries": {}}', "this is a medlint baseline, not a report"),
        ("[1]", "finding 1 is not an object"),
        ('[{"path": "a.md"}]', 'finding 1 has no "rule"'),
        ('[{"path": "a.md", "rule": "x", "code": "X", "severity": "error", "message": "m", "line": "1",'
         ' "column": 1, "end_line": 1, "end_column": 1, "fix": null, "related": []}]',
         'finding 1: "line" has the wrong type ("1")'),
        ('[{"path": "a.md", "rule": "x", "code": "X", "severity": "fatal", "message": "m", "line": 1,'
         ' "column": 1, "end_line": 1, "end_column": 1, "fix": null, "related": []}]',
         'finding 1: unknown severity "fatal"'),
        ('{"version": "2.0.0", "runs": []}', "SARIF version '2.0.0' is not supported"),
        ('{"version": "2.1.0", "runs": {}}', '"runs" must be an array'),
        ('{"version": "2.1.0", "runs": [{"tool": {}}]}', "run 1 has no tool.driver.name"),
        ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "eslint"}}, "results": []}]}',
         "run 1 comes from 'eslint', not medlint"),
        ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint", "rules": [{}]}}}]}',
         'tool.driver.rules must be an array of rules with an "id"'),
        ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint"}}, "results": [1]}]}',
         '"results" must be an array of objects'),
        ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint"}}, "artifacts": []}]}',
         'has an "artifacts" table'),
    ],
)
def test_invalid_inputs_name_the_file_and_the_problem(tmp_path: Path, content: str | bytes, expected: str) -> None:
    path = write(tmp_path, "report.json", content)
    with pytest.raises(merge.MergeError) as info:
        merge.merge_files([path])
    assert str(info.value).startswith(f"{path}: ")
    assert expected in str(info.value)


def test_unreadable_inputs(tmp_path: Path) -> None:
    with pytest.raises(merge.MergeError, match="no such file"):
        merge.merge_files([tmp_path / "missing.json"])
    with pytest.raises(merge.MergeError, match="is a folder, not a report"):
        merge.merge_files([tmp_path])
    with pytest.raises(merge.MergeError, match="nothing to merge"):
        merge.merge_files([])


def test_runs_of_different_versions_or_column_kinds_are_refused(library: Path) -> None:
    parts, _ = shards("sarif")
    first, second = load(parts[0]), load(parts[1])
    other = copy.deepcopy(second)
    other["runs"][0]["tool"]["driver"]["version"] = "0.0.1"
    with pytest.raises(merge.MergeError, match="different tool versions"):
        merge.merge_sarif([first, other], names=["one.sarif", "two.sarif"])
    other = copy.deepcopy(second)
    other["runs"][0]["columnKind"] = "utf16CodeUnits"
    with pytest.raises(merge.MergeError, match="two.sarif has 'utf16CodeUnits'"):
        merge.merge_sarif([first, other], names=["one.sarif", "two.sarif"])


def test_a_result_that_names_no_rule_is_refused(library: Path) -> None:
    parts, _ = shards("sarif")
    log = load(parts[1])
    result = log["runs"][0]["results"][0]
    del result["ruleId"]
    result["ruleIndex"] = 999
    with pytest.raises(merge.MergeError, match="shard2.sarif: result 1 names no rule"):
        merge.merge_sarif([log], names=["shard2.sarif"])
