"""Config that composes (issue #15 item 16) and the trust boundary of configuration
(issue #19 item 1): ``extends``, nested ``medlint.toml`` files merged with their
parents' up to ``root = true``, the repository root or the home folder, the file
each value came from, and configs, plugins, rule folders and registries refused
when another user owns them or others can write them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

from test_cli import BAD, GOOD

TODAY = ["--today", "2026-11-25"]
ARTICLE = BAD  # a bare URL (link-bare, warning) and an unresolved citation (error)


def run(args, cwd: Path, env=None):
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner(env=env).invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def findings(result):
    return sorted((d["path"], d["rule"], d["severity"]) for d in json.loads(result.stdout))


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write(root / "content" / "a.md", ARTICLE)
    return root


# -- nested configs merge with their parents --------------------------------------------
def test_nested_config_merges_with_its_parent(repo):
    write(repo / "medlint.toml", """\
        exclude = ["drafts"]
        [rules.link-bare]
        severity = "error"
        [rules.review-stale]
        max_age_days = 30
    """)
    write(repo / "content" / "medlint.toml", """\
        [rules.citation-unresolved]
        severity = "warning"
    """)
    write(repo / "content" / "drafts" / "d.md", ARTICLE)
    result = run(["check", "content", "--format", "json", *TODAY], repo)
    # the parent's link-bare severity and exclude apply; the child's own setting too
    assert ("content/a.md", "link-bare", "error") in findings(result)
    assert ("content/a.md", "citation-unresolved", "warning") in findings(result)
    assert not any(p.startswith("content/drafts") for p, _, _ in findings(result))
    shown = run(["config", "--show", "content/a.md"], repo).stdout
    assert f"merged from: {repo / 'medlint.toml'}, {repo / 'content' / 'medlint.toml'} (later files win)" in shown
    assert f'exclude: ["drafts"]  ({repo / "medlint.toml"})' in shown
    assert f'ML102 review-stale: warning {{"max_age_days": 30}}  ({repo / "medlint.toml"})' in shown
    assert f"ML302 citation-unresolved: warning  ({repo / 'content' / 'medlint.toml'})" in shown


def test_root_true_stops_the_merge(repo):
    write(repo / "medlint.toml", '[rules.link-bare]\nseverity = "error"\n')
    write(repo / "content" / "medlint.toml", "root = true\n")
    result = run(["check", "content", "--format", "json", *TODAY], repo)
    assert ("content/a.md", "link-bare", "warning") in findings(result)
    assert "merged from" not in run(["config", "--show", "content/a.md"], repo).stdout


def test_discovery_stops_at_the_repository_root(repo):
    write(repo.parent / "medlint.toml", 'select = ["ML101"]\n')  # outside the repository: not read
    result = run(["check", "content", "--format", "json", *TODAY], repo)
    assert {rule for _, rule, _ in findings(result)} >= {"link-bare", "citation-unresolved"}


def test_discovery_stops_at_home(tmp_path):
    home = tmp_path / "home" / "me"
    write(home / "notes" / "a.md", ARTICLE)
    write(tmp_path / "home" / "medlint.toml", 'select = ["ML101"]\n')  # above home: not read
    write(home / "medlint.toml", '[rules.link-bare]\nseverity = "error"\n')  # home itself: read
    result = run(["check", "notes", "--format", "json", *TODAY], home, env={"HOME": str(home)})
    assert ("notes/a.md", "link-bare", "error") in findings(result)
    assert ("notes/a.md", "citation-unresolved", "error") in findings(result)


# -- extends ---------------------------------------------------------------------------
def test_extends_a_path_with_paths_from_the_base_folder(repo):
    write(repo / "shared" / "base.toml", """\
        exclude = ["drafts"]
        claims = ["registry/*.yaml"]
        [per-file-ignores]
        "content/old/*.md" = ["link-bare"]
        [rules.review-stale]
        max_age_days = 30
    """)
    write(repo / "shared" / "registry" / "iron.yaml", "claims: []\n")
    write(repo / "medlint.toml", """\
        extends = ["shared/base.toml"]
        [rules.review-stale]
        severity = "error"
    """)
    write(repo / "content" / "old" / "o.md", ARTICLE)
    shown = run(["config", "--show", "content/a.md"], repo).stdout
    assert f'ML102 review-stale: error {{"max_age_days": 30}}  ({repo / "medlint.toml"})' in shown
    assert f'claims: ["registry/*.yaml"]  ({repo / "shared" / "base.toml"})' in shown
    from medlint.config import load

    assert load(repo / "medlint.toml").paths("claims") == [repo / "shared" / "registry" / "iron.yaml"]
    # the base's per-file-ignores glob is read from the base's folder: "content/old" is not under shared/
    result = run(["check", "content", "--format", "json", *TODAY], repo)
    assert ("content/old/o.md", "link-bare", "warning") in findings(result)


def test_extends_a_package(repo, tmp_path, monkeypatch):
    package = write(tmp_path / "site" / "medlint_acme" / "__init__.py", "raise RuntimeError('never imported')\n")
    write(package.parent / "medlint.toml", '[rules.link-bare]\nseverity = "error"\n')
    write(package.parent / "strict.toml", '[rules.citation-unresolved]\nseverity = "warning"\n')
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    write(repo / "medlint.toml", 'extends = ["package:medlint_acme", "package:medlint_acme/strict.toml"]\n')
    result = run(["check", "content", "--format", "json", *TODAY], repo)
    assert ("content/a.md", "link-bare", "error") in findings(result)
    assert ("content/a.md", "citation-unresolved", "warning") in findings(result)


@pytest.mark.parametrize("extends, message", [
    ('["missing.toml"]', "missing.toml: cannot read config"),
    ('["package:no_such_package_xyz"]', "no installed package `no_such_package_xyz`"),
    ('["medlint.toml"]', "`extends` loops back to this file"),
])
def test_bad_extends_is_a_config_error(repo, extends, message):
    write(repo / "medlint.toml", f"extends = {extends}\n")
    result = run(["check", "content"], repo)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_a_base_config_change_invalidates_the_cache(repo):
    write(repo / "base.toml", '[rules.link-bare]\nseverity = "warning"\n')
    write(repo / "medlint.toml", 'extends = ["base.toml"]\n')
    args = ["check", "content", "--format", "json", "--cache-dir", str(repo / ".cache"), *TODAY]
    assert ("content/a.md", "link-bare", "warning") in findings(run(args, repo))
    write(repo / "base.toml", '[rules.link-bare]\nseverity = "error"\n')
    assert ("content/a.md", "link-bare", "error") in findings(run(args, repo))


# -- issue #19 item 1: the trust boundary -------------------------------------------------
OTHER_UID = 12345


@pytest.fixture
def as_root():
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")


def test_config_owned_by_another_user_is_refused(repo, as_root):
    config = write(repo / "medlint.toml", 'plugins = ["evil.py"]\n')
    write(repo / "evil.py", "open('PWNED', 'w').close()\n")
    os.chown(config, OTHER_UID, -1)
    done = subprocess.run([sys.executable, "-m", "medlint", "check", "content"], cwd=repo, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert f"{config}: refusing to load this config: it is owned by another user (uid {OTHER_UID})" in done.stderr
    assert not (repo / "PWNED").exists() and "Traceback" not in done.stderr
    # named explicitly, the user has chosen to trust it
    assert "refusing" not in run(["check", "content", "--config", str(config)], repo).output


def test_config_writable_by_others_is_refused(repo):
    config = write(repo / "medlint.toml", "")
    config.chmod(0o666)
    result = run(["check", "content"], repo)
    assert result.exit_code == 2
    assert "refusing to load this config: other users can write to it (mode 666)" in result.output


def test_extended_config_is_checked_too(repo):
    base = write(repo / "base.toml", "")
    base.chmod(0o646)
    write(repo / "medlint.toml", 'extends = ["base.toml"]\n')
    result = run(["check", "content"], repo)
    assert result.exit_code == 2 and f"{base}: refusing to load this config" in result.output


@pytest.mark.parametrize("key, make", [
    ("plugins", lambda root: write(root / "p.py", "RULES = []\n")),
    ("claims", lambda root: write(root / "registry.yaml", "claims: []\n")),
    ("rule-dirs", lambda root: write(root / "rules" / "r.yaml", "id: x\n")),
])
def test_plugins_rule_dirs_and_registries_writable_by_others_are_refused(repo, key, make):
    made = make(repo)
    made.chmod(0o666)
    named = made.parent.name if key == "rule-dirs" else made.name
    write(repo / "medlint.toml", f'{key} = ["{named}"]\n')
    for args in (["check", "content"], ["check", "content", "--config", "medlint.toml"]):
        result = run(args, repo)
        assert result.exit_code == 2
        assert f"`{key}`: refusing to load " in result.output
        assert f"{made.relative_to(repo)}: other users can write to it (mode 666)" in result.output
