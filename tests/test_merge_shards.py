"""``medlint merge`` of CI shards (issue #19 item 12): every shard of one run, each
once, or exit 2 with what is wrong; the merged report's verdict as ``check``'s exit
code; the library findings the merge adds filtered by the shards' baseline.

A JSON shard report stays the plain array of SPEC §5: the shard's index and count,
its baseline and the report's digest live in ``REPORT.library.json``; a SARIF
shard's in its run's ``properties["medlint-library"]``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

TODAY = ["--today", "2026-11-25", "--no-cache"]


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Claims that conflict across articles, which three shards split."""
    (tmp_path / "medlint.toml").write_text('include = ["**/*.md"]\n', encoding="utf-8")
    for i in range(6):
        (tmp_path / f"p{i}.md").write_text(f"# Iron {i}\n\nIron tablets can cause constipation.\n", encoding="utf-8")
    (tmp_path / "neg.md").write_text("# Iron\n\nIron does not cause constipation.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def medlint(*args: str):
    return CliRunner().invoke(main, list(args))


def shards(fmt: str = "json", count: int = 3, prefix: str = "s", *extra: str) -> list[str]:
    ext = "json" if fmt == "json" else "sarif"
    names = []
    for k in range(1, count + 1):
        result = medlint("check", "--shard", f"{k}/{count}", "--format", fmt, *TODAY, *extra,
                         "-o", f"{prefix}{k}.{ext}")
        assert result.exit_code in (0, 1), result.output
        names.append(f"{prefix}{k}.{ext}")
    return names


def test_a_json_shard_report_stays_an_array_and_its_claims_name_the_shard(library):
    names = shards()
    for k, name in enumerate(names, start=1):
        assert isinstance(json.loads(Path(name).read_text(encoding="utf-8")), list)
        side = json.loads(Path(name + ".library.json").read_text(encoding="utf-8"))
        assert side["shard"] == {"index": k, "count": 3} and len(side["report_sha256"]) == 64


def test_merge_exits_as_check_does_on_the_merged_report(library):
    one = medlint("check", "--format", "json", *TODAY)
    assert one.exit_code == 1  # claim-library-conflict is an error
    merged = medlint("merge", *shards())
    assert merged.exit_code == 1 and json.loads(merged.stdout) == json.loads(one.stdout)
    assert medlint("merge", "--exit-zero", *shards()).exit_code == 0
    assert medlint("merge", *shards("sarif")).exit_code == 1


@pytest.mark.parametrize(("findings", "options", "code"), [
    ([], [], 0),
    ([("warning", "link-bare")], [], 0),
    ([("warning", "link-bare")], ["--max-warnings", "0"], 1),
    ([("warning", "link-bare")], ["--max-warnings", "1"], 0),
    ([("error", "link-bare")], [], 1),
    ([("error", "link-bare")], ["--exit-zero"], 0),
    ([("error", "rule-error")], ["--exit-zero"], 2),
])
def test_the_verdict_of_plain_reports(tmp_path, findings, options, code):
    report = [{"path": "a.md", "rule": rule, "code": "ML000", "severity": severity, "message": "m", "line": 1,
               "column": 1, "end_line": 1, "end_column": 2, "fix": None, "related": []}
              for severity, rule in findings]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    result = medlint("merge", str(path), *options)
    assert result.exit_code == code, result.output


def test_a_missing_shard_fails_the_merge(library):
    s1, s2, s3 = shards()
    for given in ([s1, s3], [s1, s3, s1 + ".library.json", s3 + ".library.json"]):
        result = medlint("merge", *given)
        assert result.exit_code == 2
        assert "shard 2 of 3 missing: only 2 of 3 shard reports given" in result.output
    assert "shards 1, 3 of 3 missing" in medlint("merge", s2).output


def test_a_shard_given_twice_or_of_another_count_fails_the_merge(library):
    s1, s2, s3 = shards()
    shutil.copy(s1, "copy.json")
    shutil.copy(s1 + ".library.json", "copy.json.library.json")
    result = medlint("merge", s1, s2, s3, "copy.json")
    assert result.exit_code == 2 and "s1.json and copy.json are both shard 1 of 3" in result.output
    t1, _ = shards(count=2, prefix="t")
    result = medlint("merge", s1, s2, s3, t1)
    assert result.exit_code == 2 and "t1.json is shard 1 of 2, but s1.json is one of 3" in result.output


@pytest.mark.parametrize(("damage", "expected"), [
    (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), "s2.json: "),
    (lambda p: p.write_bytes(b""), "s2.json: empty file"),
    (lambda p: p.write_text("[]\n", encoding="utf-8"), "s2.json: not the report its shard claims"),
    (lambda p: p.unlink(), "s2.json.library.json: shard claims without their report"),
])
def test_a_crashed_shard_fails_the_merge(library, damage, expected):
    """A shard cut short (truncated, empty, an old report beside new claims) or that
    wrote only its claims: exit 2, naming the file."""
    names = shards()
    damage(Path("s2.json"))
    given = sorted(str(p) for p in Path(".").glob("s*.json*"))
    result = medlint("merge", *given)
    assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output


def test_a_missing_sarif_shard_fails_the_merge(library):
    s1, s2, s3 = shards("sarif")
    props = json.loads(Path(s2).read_text(encoding="utf-8"))["runs"][0]["properties"]["medlint-library"]
    assert props["shard"] == {"index": 2, "count": 3}
    result = medlint("merge", s1, s3)
    assert result.exit_code == 2 and "shard 2 of 3 missing" in result.output


def test_the_merge_filters_the_conflicts_it_adds_through_the_shards_baseline(library):
    assert medlint("baseline", "bl.json", *TODAY[:2]).exit_code == 0
    one = medlint("check", "--format", "json", *TODAY, "--baseline", "bl.json")
    assert one.exit_code == 0 and json.loads(one.stdout) == []
    names = shards("json", 3, "s", "--baseline", "bl.json")
    merged = medlint("merge", *names)
    assert merged.exit_code == 0 and json.loads(merged.stdout) == []
    # shards run without one, merged with one named: it filters what the merge adds
    # (the conflicts across shards), not what the shards reported themselves
    plain = shards(prefix="u")
    rules = {f["rule"] for f in json.loads(medlint("merge", *plain).stdout)}
    assert "claim-library-conflict" in rules and len(rules) > 1
    merged = medlint("merge", "--baseline", "bl.json", *plain)
    assert {f["rule"] for f in json.loads(merged.stdout)} == rules - {"claim-library-conflict"}
    sarif = medlint("merge", *shards("sarif", 3, "v", "--baseline", "bl.json"))
    assert sarif.exit_code == 0 and json.loads(sarif.stdout)["runs"][0]["results"] == []


def test_the_readme_workflow_in_real_processes(library):
    """Shards as CI runs them (processes, `|| true` style: each one's exit ignored),
    one crashing before it writes anything: the merge fails instead of reporting
    the other shards' findings as the whole library's."""
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "medlint", *args], capture_output=True, text=True,
                              env={**os.environ, "PYTHONUTF8": "1"})

    for k in (1, 3):
        run("check", "--shard", f"{k}/3", "--format", "json", *TODAY, "-o", f"shard-{k}.json")
    crashed = run("check", "--shard", "2/3", "--format", "json", *TODAY, "--config", "missing.toml",
                  "-o", "shard-2.json")
    assert crashed.returncode == 2 and not Path("shard-2.json").exists()
    globbed = sorted(str(p) for p in Path(".").glob("shard-*.json"))
    result = run("merge", *globbed, "-o", "medlint.json")
    assert result.returncode == 2 and "shard 2 of 3 missing" in result.stderr
    assert not Path("medlint.json").exists()
    run("check", "--shard", "2/3", "--format", "json", *TODAY, "-o", "shard-2.json")
    globbed = sorted(str(p) for p in Path(".").glob("shard-*.json"))
    result = run("merge", *globbed, "-o", "medlint.json")
    one = run("check", "--format", "json", *TODAY)
    assert result.returncode == one.returncode == 1, result.stderr
    assert json.loads(Path("medlint.json").read_text(encoding="utf-8")) == json.loads(one.stdout)
