"""What rules declare they need (path options, config keys), through the CLI with the
cache on: a changed file named by an option is a cache miss, and a relative option
path is read from the config file's folder, whatever folder medlint runs from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

ARTICLE = """---
title: Moonwort
author: Sam Lee
medically_reviewed_by: Dr. Ana Ruiz, MD
last_reviewed: 2026-10-01
---
# Moonwort

Stop taking your moonwort every evening.
"""


def check(cwd: Path, *args: str, fresh: bool = False) -> tuple[int, list[dict]]:
    """Run ``medlint check`` in ``cwd`` (``fresh``: in a new process, so nothing read by
    an earlier run in this one can be reused, only the result cache on disk)."""
    argv = ["check", "--today", "2026-11-25", "--format", "json", *args]
    if fresh:
        done = subprocess.run([sys.executable, "-m", "medlint", *argv], cwd=cwd, capture_output=True, text=True)
        return done.returncode, json.loads(done.stdout)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, argv, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.output)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "stop.yaml").write_text("medication_objects:\n  - moonwort\n", encoding="utf-8")
    (tmp_path / "medlint.toml").write_text(
        '[rules.stop-taking-unqualified]\nlexicon = "lexicons/stop.yaml"\n', encoding="utf-8")
    return tmp_path


def rules(findings: list[dict]) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in findings]


def test_changed_lexicon_named_by_a_rule_option_is_a_cache_miss(project):
    code, found = check(project, "docs/a.md", "--select", "ML401")
    assert (code, rules(found)) == (1, [("stop-taking-unqualified", 9)])
    (project / "lexicons" / "stop.yaml").write_text("medication_objects:\n  - tonic\n", encoding="utf-8")
    code, found = check(project, "docs/a.md", "--select", "ML401", fresh=True)
    assert (code, found) == (0, [])
    assert list((project / ".medlint_cache").glob("*/*.json"))  # the cache was on


def test_changed_lexicon_named_in_an_override_is_a_cache_miss(project):
    (project / "medlint.toml").write_text(
        '[[overrides]]\nfiles = ["docs/**"]\nrules = {stop-taking-unqualified = {lexicon = "lexicons/stop.yaml"}}\n',
        encoding="utf-8")
    assert rules(check(project, "docs/a.md", "--select", "ML401")[1]) == [("stop-taking-unqualified", 9)]
    (project / "lexicons" / "stop.yaml").write_text("medication_objects:\n  - tonic\n", encoding="utf-8")
    assert check(project, "docs/a.md", "--select", "ML401", fresh=True)[1] == []


@pytest.mark.parametrize("cwd", [".", "docs"])
def test_relative_lexicon_option_resolves_against_the_config_file(project, cwd):
    target = "docs/a.md" if cwd == "." else "a.md"
    code, found = check(project / cwd, target, "--select", "ML401")
    assert (code, rules(found)) == (1, [("stop-taking-unqualified", 9)])


SCHEMA = {"type": "object", "required": ["title", "audience"]}


@pytest.mark.parametrize("how", ["rule-option", "top-level-key"])
@pytest.mark.parametrize("cwd", [".", "docs"])
def test_relative_schema_path_resolves_against_the_config_file(project, cwd, how):
    (project / "schemas").mkdir()
    (project / "schemas" / "fm.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    config = ('[rules.frontmatter-schema]\nschema = "schemas/fm.json"\n' if how == "rule-option"
              else 'frontmatter-schema = "schemas/fm.json"\n')
    (project / "medlint.toml").write_text(config, encoding="utf-8")
    target = "docs/a.md" if cwd == "." else "a.md"
    code, found = check(project / cwd, target, "--select", "ML101")
    assert code == 1
    assert [(f["rule"], f["message"]) for f in found] == [
        ("frontmatter-schema", "front matter is missing the required key `audience`")]
    # the schema file changes: the cached result is not reused
    (project / "schemas" / "fm.json").write_text(json.dumps({"type": "object"}), encoding="utf-8")
    assert check(project / cwd, target, "--select", "ML101", fresh=True) == (0, [])


def test_rule_option_path_in_a_parent_config_is_read_from_that_folder(project, tmp_path):
    nested = project / "docs" / "medlint.toml"
    nested.write_text('[rules.stop-taking-unqualified]\nlexicon = "../lexicons/stop.yaml"\n', encoding="utf-8")
    code, found = check(project / "docs", "a.md", "--select", "ML401")
    assert rules(found) == [("stop-taking-unqualified", 9)]


REGISTRY = """claims:
  - id: b12-oral-no-cramps
    subject: vitamin_b12
    effect: muscle_cramps
    stance: negative
    qualifiers: {route: oral}
    source: NIH ODS Vitamin B12 fact sheet
"""


def test_a_new_file_matching_a_config_key_glob_is_a_cache_miss(project):
    """`claims = ["claims/*.yaml"]` (a key the claim rules declare): a registry file
    added later is read, although the cache remembers which files the rules named."""
    (project / "claims").mkdir()
    (project / "medlint.toml").write_text('claims = ["claims/*.yaml"]\n', encoding="utf-8")
    (project / "docs" / "a.md").write_text(ARTICLE.replace(
        "Stop taking your moonwort every evening.", "Taking B12 tablets can cause muscle cramps."), encoding="utf-8")
    assert check(project, "docs/a.md", "--select", "ML403") == (0, [])
    (project / "claims" / "b12.yaml").write_text(REGISTRY, encoding="utf-8")
    code, found = check(project, "docs/a.md", "--select", "ML403", fresh=True)
    assert (code, rules(found)) == (1, [("claim-registry-conflict", 9)])


PLUGIN = '''
from pathlib import Path

from medlint.rule import Rule


class BannedWords(Rule):
    """Words the team bans, listed in a file.

    ## What it does
    Reports each word listed in the `words` file.

    ## Why it matters
    House style.

    ## Example
    ```markdown
    moonwort
    ```

    ## Use instead
    ```markdown
    a herb
    ```

    ## Options
    - `words` (string): a file with one word per line.
    """

    code, name, summary = "TST401", "banned-words", "Banned words"
    messages = {"banned": "`{word}` is banned"}
    options_schema = {"type": "object", "properties": {"words": {"type": ["string", "null"], "default": None}},
                      "additionalProperties": False}
    path_options = ("words",)

    def check(self, ctx):
        if not self.options["words"]:
            return
        for word in Path(self.options["words"]).read_text(encoding="utf-8").split():
            at = ctx.doc.text.find(word)
            if at >= 0:
                ctx.report(at, at + len(word), "banned", word=word)


RULES = [BannedWords]
'''


def test_a_plugin_rule_declaring_a_path_option_is_treated_like_a_built_in(project):
    (project / "tools").mkdir()
    (project / "tools" / "house.py").write_text(PLUGIN, encoding="utf-8")
    (project / "lists").mkdir()
    (project / "lists" / "banned.txt").write_text("moonwort\n", encoding="utf-8")
    (project / "medlint.toml").write_text(
        'plugins = ["tools/house.py"]\n[rules.banned-words]\nwords = "lists/banned.txt"\n', encoding="utf-8")
    code, found = check(project / "docs", "a.md", "--select", "TST401")  # from a subfolder
    assert (code, rules(found)) == (0, [("banned-words", 9)])  # a warning
    (project / "lists" / "banned.txt").write_text("evening\n", encoding="utf-8")
    code, found = check(project / "docs", "a.md", "--select", "TST401", fresh=True)
    assert [(f["rule"], f["message"]) for f in found] == [("banned-words", "`evening` is banned")]
