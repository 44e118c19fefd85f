"""What a one-file ``medlint check`` loads: start-up is most of its time, so the modules
and compiled forms it does not need stay unloaded (measured in bench/run.py; these
tests hold the structure, not a time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import runpy, sys
sys.argv = ["medlint", *sys.argv[1:]]
try:
    runpy.run_module("medlint", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write("LOADED:" + ",".join(sorted(sys.modules)) + "\\n")
"""

VALID = """---
title: Vitamin D and bones
author: Sam Lee
medically_reviewed_by: Dr. Ana Ruiz, MD
last_reviewed: 2026-02-27
---
# Vitamin D and bones

Vitamin D helps the body absorb calcium.
"""


def modules_loaded(*args: str, cwd: Path) -> set[str]:
    """The modules a medlint run loads beyond what the bare interpreter loads at start-up
    (a site's .pth files may import certifi, tempfile and more before medlint runs)."""
    return _loaded(PROBE, *args, cwd=cwd) - _loaded(BARE, cwd=cwd)


BARE = """
import sys
sys.stderr.write("LOADED:" + ",".join(sorted(sys.modules)) + "\\n")
"""


def _loaded(code: str, *args: str, cwd: Path) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    [line] = [x for x in done.stderr.splitlines() if x.startswith("LOADED:")]
    return set(line[len("LOADED:"):].split(","))


def test_valid_front_matter_is_checked_without_importing_jsonschema(tmp_path: Path):
    (tmp_path / "one.md").write_text(VALID, encoding="utf-8")
    loaded = modules_loaded("check", "--isolated", "--no-cache", "one.md", cwd=tmp_path)
    assert "medlint.rules.front_matter.ml101_frontmatter_schema" in loaded
    assert "jsonschema" not in loaded


def test_a_check_that_writes_no_cache_entry_imports_no_temporary_file_machinery(tmp_path: Path):
    """Packaged data is found from medlint's own path, and the cache imports tempfile only
    to write an entry: importlib.resources, tempfile, random and shutil cost ~8 ms."""
    (tmp_path / "one.md").write_text(VALID, encoding="utf-8")
    loaded = modules_loaded("check", "--isolated", "--no-cache", "one.md", cwd=tmp_path)
    assert "medlint.language.dosage.lexicon" in loaded  # packaged data was read
    assert not loaded & {"importlib.resources", "tempfile", "random", "shutil"}


def test_invalid_front_matter_still_gets_jsonschema_positions(tmp_path: Path):
    (tmp_path / "one.md").write_text(VALID.replace("2026-02-27", "2026-02-30"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "medlint", "check", "--isolated", "--no-cache", "one.md"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "one.md:5:1" in done.stdout and "real calendar date" in done.stdout


def test_a_run_served_from_the_cache_does_not_validate_options_again(tmp_path: Path):
    """The library stage rebuilds its rules from the options each cached result
    records: they were validated when the file was linted, so jsonschema stays unloaded."""
    (tmp_path / "one.md").write_text(VALID + "\nVitamin D causes bone loss.\n", encoding="utf-8")
    args = ("check", "--isolated", "--cache-dir", str(tmp_path / "cache"), "one.md")
    modules_loaded(*args, cwd=tmp_path)  # fills the cache
    loaded = modules_loaded(*args, cwd=tmp_path)
    assert "medlint.library" in loaded and "medlint.cache" in loaded
    assert "jsonschema" not in loaded


def test_a_run_served_from_the_cache_reads_library_findings_without_the_claims_analyser(tmp_path: Path):
    """Every file a cache hit, no claim changed: the library findings come from the
    cache, and neither the claims lexicon nor the document model is loaded."""
    (tmp_path / "a.md").write_text(VALID + "\nIron tablets can cause constipation.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(VALID + "\nIron does not cause constipation.\n", encoding="utf-8")
    args = ("check", "--isolated", "--cache-dir", str(tmp_path / "cache"), "a.md", "b.md")
    first = modules_loaded(*args, cwd=tmp_path)  # fills the cache
    assert "medlint.claims.lexicon" in first
    loaded = modules_loaded(*args, cwd=tmp_path)
    assert "medlint.library" in loaded
    assert not loaded & {"medlint.claims.lexicon", "medlint.claims.index", "medlint.document", "mistune"}
