"""claim-library-conflict (ML406): claims that contradict across the articles of a library.

Tables of small libraries (file name -> Markdown) in, findings (file, line, column) out;
then what the library is (config include, --isolated), suppressions per side, the
cache, the cap on related locations, and the editor API (``Libraries.update``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.config import CliOverrides
from medlint.docs import example_blocks
from medlint.library import Libraries
from medlint.pipeline import CheckRequest, check
from medlint.registry import Registry
from medlint.runner import RunOptions, Session, Target

RULE = "claim-library-conflict"
TODAY = dt.date(2026, 11, 25)
CONFIG = 'include = ["**/*.md"]\n'


def write(folder: Path, files: dict[str, str], config: str | None = CONFIG) -> Path:
    if config is not None:
        (folder / "medlint.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(folder: Path, *paths: str, extra: tuple[str, ...] = (), select: str = RULE) -> list[dict]:
    """``medlint check --format json`` in ``folder`` (only ``select``), as a user runs it."""
    old = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["check", "--format", "json", "--today", "2026-11-25", "--select", select,
                                           *extra, *paths])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def where(findings: list[dict]) -> list[tuple[str, str, int, int]]:
    return sorted((d["path"], d["rule"], d["line"], d["column"]) for d in findings)


CASES = [
    # (id, library, expected (file, line, column) of the findings)
    ("general negative vs specific positive",
     {"a.md": "B12 never causes cramps.\n", "b.md": "# Shots\n\nB12 injections can cause cramps.\n"},
     [("a.md", 1, 1), ("b.md", 3, 1)]),
    ("route separates them",
     {"a.md": "Oral B12 does not cause cramps.\n", "b.md": "B12 injections can cause cramps.\n"}, []),
    ("specific negative, general positive",
     {"a.md": "Oral B12 does not cause cramps.\n", "b.md": "B12 can cause cramps.\n"}, []),
    ("rare is not never", {"a.md": "B12 rarely causes cramps.\n", "b.md": "B12 can cause cramps.\n"}, []),
    ("qualifier from the heading",
     {"a.md": "# B12 injections\n\nThey are safe. B12 does not cause cramps.\n",
      "b.md": "Intramuscular B12 injections can cause cramps.\n"},
     [("a.md", 3, 16), ("b.md", 1, 15)]),
    ("same article is claim-contradiction's job",
     {"a.md": "B12 never causes cramps.\n\nB12 injections can cause cramps.\n", "b.md": "Iron is fine.\n"}, []),
    ("a claim about a class covers its members, not the other way",
     {"a.md": "Triptans do not cause chest tightness.\n",
      "b.md": "Sumatriptan can cause chest tightness.\n\nSumatriptan does not cause nausea.\n",
      "c.md": "Triptans can cause nausea.\n"},
     [("a.md", 1, 1), ("b.md", 1, 1)]),
    ("each relation is compared with itself",
     {"a.md": "Saw palmetto does not treat an enlarged prostate.\n",
      "b.md": "Saw palmetto treats an enlarged prostate.\n", "c.md": "Saw palmetto can cause nausea.\n"},
     [("a.md", 1, 1), ("b.md", 1, 1)]),
    ("three articles", {"a.md": "Iron does not cause constipation.\n",
                        "b.md": "Iron tablets can cause constipation.\n",
                        "c.md": "Iron tablets often cause constipation.\n"},
     [("a.md", 1, 1), ("b.md", 1, 1), ("c.md", 1, 1)]),
]


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_conflicts_across_articles(tmp_path, files, expected):
    write(tmp_path, files)
    assert where(run(tmp_path)) == sorted((f, RULE, line, col) for f, line, col in expected)


def test_each_side_names_the_other_claim(tmp_path):
    write(tmp_path, {"a.md": "B12 never causes cramps.\n", "b.md": "# Shots\n\nB12 injections can cause cramps.\n"})
    a, b = run(tmp_path)
    assert a["related"] == [{"path": "b.md", "line": 3, "column": 1,
                             "message": "contradicting claim: B12 injections can cause cramps."}]
    assert b["related"] == [{"path": "a.md", "line": 1, "column": 1,
                             "message": "contradicting claim: B12 never causes cramps."}]
    assert "contradicts b.md:3 (B12 injections can cause cramps.)" in a["message"]
    assert (a["end_line"], a["end_column"]) == (1, 24)


def test_the_library_is_what_the_config_includes_not_only_the_files_named(tmp_path):
    write(tmp_path, {"a.md": "B12 never causes cramps.\n", "sub/b.md": "B12 injections can cause cramps.\n",
                     "drafts/c.md": "B12 injections can cause cramps.\n"},
          config='include = ["**/*.md"]\nexclude = ["drafts"]\n')
    found = run(tmp_path, "a.md")  # a pre-commit run on one staged file
    assert where(found) == [("a.md", RULE, 1, 1)]
    assert [r["path"] for r in found[0]["related"]] == ["sub/b.md"]  # not the excluded draft
    assert where(run(tmp_path, "sub/b.md")) == [("sub/b.md", RULE, 1, 1)]


def test_isolated_or_without_config_the_library_is_the_files_named(tmp_path):
    write(tmp_path, {"a.md": "B12 never causes cramps.\n", "b.md": "B12 injections can cause cramps.\n"})
    assert run(tmp_path, "a.md", extra=("--isolated",)) == []
    assert where(run(tmp_path, "a.md", "b.md", extra=("--isolated",))) == [("a.md", RULE, 1, 1), ("b.md", RULE, 1, 1)]
    (tmp_path / "medlint.toml").unlink()
    assert run(tmp_path, "a.md") == []
    assert len(run(tmp_path, ".")) == 2


def test_a_file_where_the_rule_is_off_is_out_of_the_library(tmp_path):
    write(tmp_path, {"a.md": "B12 never causes cramps.\n", "legacy/b.md": "B12 injections can cause cramps.\n"},
          config=CONFIG + '[per-file-ignores]\n"legacy/**" = ["claim-library-conflict"]\n')
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "--format", "json", "--today", "2026-11-25"])
    finally:
        os.chdir(old)
    assert [d for d in json.loads(result.output) if d["rule"] == RULE] == []


SUPPRESSED_A = "<!-- medlint-disable-next-line claim-library-conflict -- b.md is about injections -->\n" \
               "B12 never causes cramps.\n"


def test_a_suppression_silences_its_own_side_only(tmp_path):
    write(tmp_path, {"a.md": SUPPRESSED_A, "b.md": "B12 injections can cause cramps.\n"})
    rules = f"{RULE},unused-suppression"
    assert where(run(tmp_path, select=rules)) == [("b.md", RULE, 1, 1)]
    assert where(run(tmp_path, "a.md", select=rules)) == []  # used: no unused-suppression
    # the other side fixed: now the suppression matches nothing
    (tmp_path / "b.md").write_text("Oral B12 can cause cramps in rare cases.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("B12 tablets are fine.\n", encoding="utf-8")
    assert where(run(tmp_path, select=rules)) == [("a.md", "unused-suppression", 1, 1)]


def test_a_blanket_or_mixed_suppression_is_used_by_the_library_finding(tmp_path):
    blanket = "<!-- medlint-disable-next-line -- reviewed -->\nB12 never causes cramps.\n"
    mixed = ("<!-- medlint-disable-next-line claim-library-conflict,link-bare -- reviewed -->\n"
             "B12 never causes cramps.\n")
    rules = f"{RULE},unused-suppression,link-bare"
    write(tmp_path, {"a.md": blanket, "b.md": "B12 injections can cause cramps.\n"})
    assert where(run(tmp_path, select=rules)) == [("b.md", RULE, 1, 1)]
    (tmp_path / "a.md").write_text(mixed, encoding="utf-8")
    found = run(tmp_path, select=rules)
    assert where(found) == [("a.md", "unused-suppression", 1, 1), ("b.md", RULE, 1, 1)]
    assert "`link-bare`" in found[0]["message"]


def test_front_matter_ignore_covers_the_whole_file(tmp_path):
    text = "---\ntitle: A\nmedlint:\n  ignore: [claim-library-conflict]\n---\nB12 never causes cramps.\n"
    write(tmp_path, {"a.md": text, "b.md": "B12 injections can cause cramps.\n"})
    assert where(run(tmp_path, select=f"{RULE},unused-suppression")) == [("b.md", RULE, 1, 1)]


def test_one_finding_per_claim_with_the_others_capped(tmp_path):
    files = {f"p{i:02}.md": "Iron tablets can cause constipation.\n" for i in range(30)}
    files["neg.md"] = "Iron does not cause constipation.\n"
    write(tmp_path, files)
    found = run(tmp_path)
    assert len(found) == 31
    [neg] = [d for d in found if d["path"] == "neg.md"]
    assert "contradicts 30 claims in other articles: p00.md:1, p01.md:1, p02.md:1, p03.md:1, p04.md:1 and 25 more" \
           in neg["message"]
    assert [r["path"] for r in neg["related"]] == ["p00.md", "p01.md", "p02.md", "p03.md", "p04.md"]
    assert all(len(d["related"]) == 1 for d in found if d["path"] != "neg.md")


def test_max_related_option(tmp_path):
    files = {f"p{i}.md": "Iron tablets can cause constipation.\n" for i in range(4)}
    files["neg.md"] = "Iron does not cause constipation.\n"
    write(tmp_path, files, config=CONFIG + "[rules.claim-library-conflict]\nmax_related = 2\n")
    [neg] = [d for d in run(tmp_path) if d["path"] == "neg.md"]
    assert len(neg["related"]) == 2 and neg["message"].endswith("p0.md:1, p1.md:1 and 2 more")


def test_cached_library_relints_only_the_changed_file_and_no_cache_agrees(tmp_path):
    files = {f"a{i}.md": f"# Article {i}\n\nIron tablets can cause constipation.\n" for i in range(12)}
    files["neg.md"] = "Iron does not cause constipation.\n"
    write(tmp_path, files)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        def once(*paths: str, cache: bool = True):
            request = CheckRequest(paths=paths, options=RunOptions(today=TODAY, overrides=CliOverrides(select=(RULE,))),
                                   use_cache=cache, cache_dir=tmp_path / ".cache")
            session_report = check(request)
            return [d.to_dict() for d in session_report.diagnostics]

        cold = once("neg.md")
        assert len(cold) == 1 and "13" not in cold[0]["message"]
        Path("a3.md").write_text("# Article 3\n\nIron tablets rarely cause constipation.\n", encoding="utf-8")
        from medlint import cache as cache_mod

        misses = []
        real_get = cache_mod.Cache.get

        def counting_get(self, key, *args):
            entry = real_get(self, key, *args)
            if entry is None:
                misses.append(key)
            return entry

        cache_mod.Cache.get = counting_get
        try:
            warm = once("neg.md")
        finally:
            cache_mod.Cache.get = real_get
        assert len(set(misses)) == 1  # only the changed article is linted again
        assert warm == once("neg.md", cache=False)
        assert warm[0]["message"] == cold[0]["message"]  # a3's rare claim still contradicts
    finally:
        os.chdir(old)


def test_docs_examples_conflict_and_use_instead_does_not(tmp_path):
    rule = Registry.builtin().rules[RULE]
    for section, expected in (("Example", 2), ("Use instead", 0)):
        folder = tmp_path / section.replace(" ", "-")
        folder.mkdir()
        blocks = example_blocks(rule, section)
        assert len(blocks) == 2
        write(folder, {f"article{i}.md": block for i, block in enumerate(blocks)})
        assert len(run(folder)) == expected, section


def test_subprocess_pre_commit_style_run(tmp_path):
    write(tmp_path, {"a.md": "B12 never causes cramps.\n", "b.md": "B12 injections can cause cramps.\n"})
    done = subprocess.run([sys.executable, "-m", "medlint", "check", "--select", RULE, "a.md"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "a.md:1:1: error claim-library-conflict (ML406)" in done.stdout
    assert "1 | B12 never causes cramps.\n  | ^^^^^^^^^^^^^^^^^^^^^^^" in done.stdout  # the excerpt of a file clean before
    assert "related: b.md:1:1: contradicting claim: B12 injections can cause cramps." in done.stdout


def test_editor_api_updates_one_file_against_the_library(tmp_path):
    write(tmp_path, {"a.md": "B12 is fine.\n", "b.md": "B12 injections can cause cramps.\n"})
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        session = Session(RunOptions(today=TODAY, overrides=CliOverrides(select=(RULE,))))
        libraries = Libraries(session)
        target = Target("a.md", "a.md")

        def edit(text: str):
            result = session.lint_text(target, text)
            return [(d.rule, d.line) for d in libraries.update(target, result).diagnostics]

        assert edit("B12 is fine.\n") == []
        assert edit("Intro.\n\nB12 never causes cramps.\n") == [(RULE, 3)]
        assert edit("Oral B12 never causes cramps.\n") == []
    finally:
        os.chdir(old)


def test_baseline_records_and_hides_library_findings(tmp_path):
    write(tmp_path, {"a.md": "B12 never causes cramps.\n", "b.md": "B12 injections can cause cramps.\n"})
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        runner = CliRunner()
        recorded = runner.invoke(main, ["baseline", "base.json", "--select", RULE])
        assert recorded.exit_code == 0, recorded.output
        assert "recorded 2 findings" in recorded.output
        again = runner.invoke(main, ["check", "--select", RULE, "--baseline", "base.json", "--format", "json"])
        assert json.loads(again.stdout) == [] and again.exit_code == 0
        assert "2 findings hidden by the baseline" in again.stderr
    finally:
        os.chdir(old)


PLUGIN = '''
from medlint.diagnostics import Severity
from medlint.rule import Rule, Stage


class SubjectInManyArticles(Rule):
    """A subject written about in more than one article.

    ## What it does
    Reports each claim whose subject other articles also make claims about.

    ## Why it matters
    Shows that a plugin can compare articles.

    ## Example
    ```markdown
    Iron can cause constipation.
    ```

    ## Use instead
    ```markdown
    Nothing here.
    ```
    """

    code = "ACM901"
    name = "subject-in-many-articles"
    summary = "A subject other articles also write about"
    severity = Severity.INFO
    stage = Stage.LIBRARY

    def check_library(self, lib):
        paths = {}
        for claim in lib.index.records():
            paths.setdefault(claim.subject, set()).add(claim.path)
        for claim in lib.claims():
            others = sorted(paths[claim.subject] - {claim.path})
            if others:
                lib.report(claim, f"also in {', '.join(others)}")


RULES = [SubjectInManyArticles]
'''


def test_a_plugin_rule_can_run_on_the_library(tmp_path):
    write(tmp_path, {"a.md": "Iron can cause constipation.\n", "b.md": "Iron tablets can cause nausea.\n",
                     "c.md": "B12 can cause acne.\n"},
          config=CONFIG + 'plugins = ["acme.py"]\n')
    (tmp_path / "acme.py").write_text(PLUGIN, encoding="utf-8")
    found = run(tmp_path, "a.md", select="ACM901")
    assert [(d["path"], d["rule"], d["severity"], d["message"]) for d in found] == [
        ("a.md", "subject-in-many-articles", "info", "also in b.md")]


def test_fixing_one_file_reads_the_rest_of_the_library_from_the_cache(tmp_path):
    write(tmp_path, {"a.md": "B12 never causes cramps. See https://example.org now.\n",
                     "b.md": "B12 injections can cause cramps.\n"})
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        def fix():
            request = CheckRequest(paths=("a.md",), options=RunOptions(today=TODAY), use_cache=True,
                                   cache_dir=tmp_path / ".cache", fix="write")
            return check(request)

        first = fix()
        assert [d.rule for d in first.diagnostics if d.rule == RULE] == [RULE]
        assert "<https://example.org>" in Path("a.md").read_text(encoding="utf-8")
        assert list((tmp_path / ".cache").glob("[0-9a-f][0-9a-f]/*.json"))  # b.md's result was cached
    finally:
        os.chdir(old)


def test_class_conflict_names_the_class_and_lists_every_member(tmp_path):
    write(tmp_path, {"a.md": "Triptans do not cause chest tightness.\n",
                     "b.md": "Sumatriptan can cause chest tightness.\n",
                     "c.md": "Rizatriptan can cause chest tightness.\n"})
    found = {d["path"]: d for d in run(tmp_path)}
    assert sorted(found) == ["a.md", "b.md", "c.md"]
    assert [r["path"] for r in found["a.md"]["related"]] == ["b.md", "c.md"]
    assert found["b.md"]["related"][0]["path"] == "a.md"
