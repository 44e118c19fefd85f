"""The example plugin package (examples/medlint-plugin-example): as an installed
entry-point plugin (CI installs it: see .ci/run), and as a plugin file named in
medlint.toml (always runs, nothing to install)."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import plugins
from medlint.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "medlint-plugin-example"
MODULE = EXAMPLE / "src" / "acme_medlint" / "__init__.py"
INSTALLED = importlib.util.find_spec("acme_medlint") is not None
needs_install = pytest.mark.skipif(
    not INSTALLED, reason="acme_medlint is not installed: run `python -m pip install -e examples/medlint-plugin-example` "
                          "(.ci/run does)")

ARTICLE = """---
title: Headaches
author: A
medically_reviewed_by: B
last_reviewed: 2026-10-01
---
# Headaches

Take Advil, or try a detox [1].

## References

1. Smith J. Headaches. 2020.

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""


def invoke(args, cwd):
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def findings(cwd, *extra):
    result = invoke(["check", "a.md", "--format", "json", "--no-cache", "--today", "2026-11-25", *extra], cwd)
    return result, [(d["code"], d["line"], d["column"]) for d in json.loads(result.output)]


@needs_install
def test_installed_plugin_is_listed_and_explained(tmp_path):
    listed = invoke(["rules"], tmp_path)
    assert listed.exit_code == 0
    codes = {line.split()[0]: line for line in listed.stdout.splitlines()[1:]}
    assert "brand-terms" in codes["ACM001"] and "no-detox" in codes["ACM101"]
    as_json = {r["code"]: r for r in json.loads(invoke(["rules", "--format", "json"], tmp_path).stdout)}
    assert as_json["ACM001"]["origin"] == "plugin:acme-medlint"
    assert as_json["ACM101"]["origin"] == "plugin:acme-medlint (yaml:no-detox.yaml)"
    explained = invoke(["explain", "ACM001"], tmp_path)
    assert explained.exit_code == 0
    for part in ("# ACM001 · brand-terms", "## What it does", "## Why it matters", "## Example", "## Use instead",
                 "| `brands` | object |"):
        assert part in explained.stdout
    assert "# ACM101 · no-detox" in invoke(["explain", "no-detox"], tmp_path).stdout


@needs_install
def test_installed_plugin_checks_articles(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result, found = findings(tmp_path)
    assert found == [("ACM001", 9, 6), ("ACM101", 9, 22)] and result.exit_code == 0
    result, found = findings(tmp_path, "--isolated")
    assert found == [] and result.exit_code == 0


def test_plugin_file_from_config(tmp_path, monkeypatch):
    """The same module works as a plugin file (``plugins = [...]``) with nothing installed."""
    monkeypatch.setattr(plugins.importlib.metadata, "entry_points", lambda group: [])
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "medlint.toml").write_text(f'plugins = [{json.dumps(str(MODULE))}]\n[rules.ACM101]\n'
                                           f'severity = "error"\n', encoding="utf-8")
    result, found = findings(tmp_path)
    assert found == [("ACM001", 9, 6), ("ACM101", 9, 22)]
    assert result.exit_code == 1  # ACM101 configured as an error
    explained = invoke(["explain", "ACM001"], tmp_path)
    assert f"Source: plugin:{MODULE}" in explained.stdout


def test_example_package_declares_the_entry_point():
    text = (EXAMPLE / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points."medlint.rules"]\nacme = "acme_medlint"' in text
    assert (EXAMPLE / "src" / "acme_medlint" / "rules" / "no-detox.yaml").is_file()


def test_ci_installs_and_tests_the_example():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    install = ci.index("pip install --quiet -e examples/medlint-plugin-example")
    assert install < ci.index("python -m pytest -q\n")
    assert "python -m pytest -q examples/medlint-plugin-example/tests" in ci
