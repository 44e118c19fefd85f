"""``action.yml``, the composite GitHub Action: its shape, and its run step executed
with bash the way the runner executes it (inputs arrive as environment variables)."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))

ARTICLE = """\
---
title: A visit
author: A. Writer
medically_reviewed_by: Dr B. Reviewer
last_reviewed: 2026-01-01
---

A little planning helps you and your doctor make the most of a short visit [{n}].

## References

1. MedlinePlus. Talking With Your Doctor. <https://medlineplus.gov/talkingwithyourdoctor.html>

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""


def test_the_action_is_composite_with_the_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    inputs = ACTION["inputs"]
    assert set(inputs) == {"paths", "format", "args", "job-summary", "python-version"}
    assert inputs["job-summary"]["default"] == "true"
    assert inputs["format"]["default"] == "github"
    assert inputs["paths"]["default"] == "" and inputs["args"]["default"] == ""
    assert str(inputs["python-version"]["default"]).startswith("3.")
    steps = ACTION["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    assert "pip install" in steps[1]["run"] and "$MEDLINT_ACTION_PATH" in steps[1]["run"]
    assert steps[1]["env"]["MEDLINT_ACTION_PATH"] == "${{ github.action_path }}"
    assert "medlint check" in steps[2]["run"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # Expressions in a script are pasted in before the shell sees it: injection.
            assert "${{" not in step["run"], step["run"]


def _run_step(tmp_path: Path, inputs: dict[str, str], summary: Path | None = None) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "medlint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m medlint "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    step = ACTION["runs"]["steps"][2]
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("GITHUB_STEP_SUMMARY", None)  # the job summary of a CI run of these tests is not ours to write
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    for name, expression in step["env"].items():
        key = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", expression).group(1)
        env[name] = inputs.get(key, ACTION["inputs"][key]["default"])
    return subprocess.run([bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_the_run_step_lints_the_given_paths_with_annotations(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "good.md").write_text(ARTICLE.format(n=1), encoding="utf-8")
    (tmp_path / "content" / "bad.md").write_text(ARTICLE.format(n=7), encoding="utf-8")
    (tmp_path / "elsewhere.md").write_text(ARTICLE.format(n=9), encoding="utf-8")
    done = _run_step(tmp_path, {"paths": "content/good.md\n  content/bad.md ",
                                "args": "--isolated  --today 2026-02-01"})
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("::error file=content/bad.md,line=8,") for line in lines), done.stdout
    assert "elsewhere.md" not in done.stdout and "good.md" not in done.stdout


def test_the_run_step_passes_clean_articles_and_honours_format(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(ARTICLE.format(n=1), encoding="utf-8")
    done = _run_step(tmp_path, {"paths": "good.md", "format": "json", "args": "--isolated --today 2026-02-01"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]"


def test_inputs_cannot_inject_shell_code(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(ARTICLE.format(n=1), encoding="utf-8")
    done = _run_step(tmp_path, {"paths": "good.md *", "args": "--today 2026-02-01 $(touch injected) ;touch injected2"})
    assert not (tmp_path / "injected").exists() and not (tmp_path / "injected2").exists()
    # The words reach medlint verbatim, as paths that do not exist: a usage error
    # naming the first of them (exit 2).
    assert "medlint: error: $(touch: no such file or folder" in done.stderr, done.stderr
    assert done.returncode == 2
    # `*` is not expanded (it would match good.md).
    star = _run_step(tmp_path, {"paths": "good.md *", "args": "--today 2026-02-01"})
    assert "medlint: error: *: no such file or folder" in star.stderr and star.returncode == 2


def test_the_run_step_appends_a_markdown_summary_to_the_job_summary(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(ARTICLE.format(n=1), encoding="utf-8")
    (tmp_path / "bad.md").write_text(ARTICLE.format(n=7), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    args = "--isolated --today 2026-02-01 --output-file findings.json"
    done = _run_step(tmp_path, {"paths": "good.md bad.md", "format": "json", "args": args}, summary)
    assert done.returncode == 1, done.stdout + done.stderr  # the lint's status, not the summary's
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## medlint\n")  # appended, not overwritten
    assert "| ML302 | `citation-unresolved`" in text and "| bad.md | 1 | 1 |  |" in text
    # --output-file in args still receives the requested format.
    assert json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))[0]["rule"] == "citation-unresolved"


def test_the_job_summary_can_be_switched_off(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(ARTICLE.format(n=1), encoding="utf-8")
    summary = tmp_path / "summary.md"
    done = _run_step(tmp_path, {"paths": "good.md", "args": "--isolated --today 2026-02-01",
                                "job-summary": "false"}, summary)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not summary.exists()
