"""Security and reliability guarantees from the second attack pass (issue #19):
no network, no writes outside the project and cache, output escaping, hostile
reports and caches, exit codes. docs/limits.md states each one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

TODAY = "2026-11-25"
ARTICLE = ("---\ntitle: Iron\nauthor: A\nmedically_reviewed_by: Dr B\nlast_reviewed: 2026-01-01\n---\n"
           "# Iron\n\nIron is a mineral [1].\n\n## References\n\n1. Smith J. Iron. 2020.\n\n"
           "## Medical disclaimer\n\nThis article is not a substitute for professional medical advice.\n")


def _no_network(monkeypatch) -> list[str]:
    calls: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            calls.append(name)
            raise OSError(f"medlint must not do this: {name}")
        return blocked

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return calls


def _invoke(args: list[str], **kwargs):
    return CliRunner().invoke(main, args, **kwargs)


# -- 2. no network: $ref in a front-matter schema ----------------------------------
@pytest.mark.parametrize("ref", ["http://127.0.0.1:9/schema.json", "https://example.com/s.json#/defs/x",
                                 "ftp://example.com/s.json"])
def test_remote_schema_ref_is_a_config_error_not_a_download(tmp_path, monkeypatch, ref):
    schema = {"type": "object", "properties": {"title": {"$ref": ref}}}
    (tmp_path / "fm.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('frontmatter-schema = "fm.schema.json"\n', encoding="utf-8")
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text(ARTICLE, encoding="utf-8")
    calls = _no_network(monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", ".", "--no-cache", "-j", "1", "--today", TODAY])
    assert calls == []
    assert result.exit_code == 2, result.output
    assert result.output.count("remote") == 1, result.output  # one config error, not one per file
    assert ref.split("#")[0] in result.output


def test_local_schema_refs_are_resolved(tmp_path, monkeypatch):
    (tmp_path / "defs.json").write_text(json.dumps({"$defs": {"short": {"type": "string", "maxLength": 3}}}),
                                        encoding="utf-8")
    schema = {"type": "object", "properties": {"title": {"$ref": "defs.json#/$defs/short"}}}
    (tmp_path / "fm.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('frontmatter-schema = "fm.schema.json"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    calls = _no_network(monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md", "--no-cache", "--format", "json", "--today", TODAY, "--select", "ML101"])
    assert calls == []
    found = json.loads(result.output)
    assert [f["rule"] for f in found] == ["frontmatter-schema"], found
    assert "too long" in found[0]["message"]


# -- 3. no writes outside the project and the cache --------------------------------
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.md").write_text(ARTICLE, encoding="utf-8")
    return project


def test_symlinked_cache_folder_is_refused(tmp_path, monkeypatch):
    project = _project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".medlint_cache").symlink_to(elsewhere)
    monkeypatch.chdir(project)
    result = _invoke(["check", "a.md", "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not IS_ROOT, reason="needs root to make a folder owned by another user")
def test_cache_folder_of_another_user_is_refused(tmp_path, monkeypatch):
    project = _project(tmp_path)
    cache = project / ".medlint_cache"
    cache.mkdir()
    os.chown(cache, 12345, 12345)
    monkeypatch.chdir(project)
    result = _invoke(["check", "a.md", "--today", TODAY])
    assert result.exit_code == 2 and "another user" in result.output, result.output
    assert list(cache.iterdir()) == []


def test_dangling_gitignore_link_in_the_cache_is_not_followed(tmp_path, monkeypatch):
    project = _project(tmp_path)
    cache = project / ".medlint_cache"
    cache.mkdir()
    victim = tmp_path / "victim"
    (cache / ".gitignore").symlink_to(victim)
    monkeypatch.chdir(project)
    result = _invoke(["check", "a.md", "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert not victim.exists()
    assert any(p.suffix == ".json" for p in cache.rglob("*"))  # the cache still works


def test_fix_does_not_write_through_an_article_swapped_for_a_link(tmp_path, monkeypatch):
    """The article is replaced by a symlink to another file after it was read: the
    fixed text must not land in that file."""
    from medlint import pipeline
    from medlint.runner import fix_text as real_fix_text

    project = _project(tmp_path)
    (project / "a.md").write_text(ARTICLE + "\nSee http://example.com for more.\n", encoding="utf-8")
    secret = tmp_path / "secret"
    secret.write_text("do not touch\n", encoding="utf-8")
    os.chmod(secret, 0o600)

    def swapping_fix_text(session, target, data, unsafe):
        outcome = real_fix_text(session, target, data, unsafe)
        os.unlink(target.real)
        os.symlink(secret, target.real)
        return outcome

    monkeypatch.setattr(pipeline, "fix_text", swapping_fix_text)
    monkeypatch.chdir(project)
    result = _invoke(["check", "a.md", "--fix", "--today", TODAY])
    assert secret.read_text(encoding="utf-8") == "do not touch\n"
    assert result.exit_code == 2 and "changed while it was being fixed" in result.output, result.output


def test_fix_still_rewrites_the_target_of_a_symlinked_article(tmp_path, monkeypatch):
    project = _project(tmp_path)
    real = project / "real.md"
    real.write_text(ARTICLE + "\nSee http://example.com for more.\n", encoding="utf-8")
    (project / "link.md").symlink_to("real.md")
    monkeypatch.chdir(project)
    result = _invoke(["check", "link.md", "--fix", "--today", TODAY])
    assert result.exit_code in (0, 1), result.output
    assert (project / "link.md").is_symlink()
    assert "<http://example.com>" in real.read_text(encoding="utf-8")


def test_init_does_not_follow_a_dangling_config_link(tmp_path, monkeypatch):
    victim = tmp_path / "victim.toml"
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "medlint.toml").symlink_to(victim)
    monkeypatch.chdir(folder)
    result = _invoke(["init"])
    assert not victim.exists()
    assert "exists" in result.output
    result = _invoke(["init", "--force"])
    assert result.exit_code == 0, result.output
    assert not victim.exists()
    assert not (folder / "medlint.toml").is_symlink()


def test_output_file_that_is_a_symlink_is_replaced_not_written_through(tmp_path, monkeypatch):
    project = _project(tmp_path)
    target = tmp_path / "target.txt"
    target.write_text("keep\n", encoding="utf-8")
    (project / "report.json").symlink_to(target)
    monkeypatch.chdir(project)
    result = _invoke(["check", "a.md", "--no-cache", "--format", "json", "-o", "report.json", "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == "keep\n"
    assert json.loads((project / "report.json").read_text(encoding="utf-8")) == []


def test_output_file_on_a_device_is_written_as_a_stream(tmp_path, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    result = _invoke(["check", "a.md", "--no-cache", "-o", os.devnull, "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


@pytest.mark.parametrize("command", [["check", "a.md", "--no-cache", "-o", "a.md"],
                                     ["check", "a.md", "--no-cache", "-o", "./link.md"],
                                     ["baseline", "a.md", "a.md"]])
def test_report_or_baseline_over_a_linted_article_is_refused(tmp_path, monkeypatch, command):
    project = _project(tmp_path)
    (project / "link.md").symlink_to("a.md")
    monkeypatch.chdir(project)
    result = _invoke([*command, "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "refusing to overwrite" in result.output
    assert (project / "a.md").read_text(encoding="utf-8") == ARTICLE


# -- 4. terminal and annotation injection ------------------------------------------
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"
INVISIBLE = "\u200b\u200f\u061c\U000e0041\u202e"


def _fixable_article(extra: str) -> str:
    return ARTICLE + f"\nSee http://example.com for more.{extra}\n"


def test_diff_shows_escape_sequences_from_the_article_escaped(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(_fixable_article(ESCAPES + INVISIBLE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md", "--diff", "--today", TODAY])
    assert result.exit_code == 1, result.output
    assert "+See <http://example.com> for more." in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    for ch in INVISIBLE:
        assert ch not in result.output
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in result.output
    assert "\\u200b\\u200f\\u061c\\U000e0041\\u202e" in result.output


def test_github_format_escapes_control_and_bidi_characters_in_the_file_name(tmp_path, monkeypatch):
    name = "a\x1b[31m\u202ede\u200b.md"
    (tmp_path / name).write_text(_fixable_article(ESCAPES), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", ".", "--no-cache", "--format", "github", "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("::warning file=")
    assert "\x1b" not in result.output and "\u202e" not in result.output and "\u200b" not in result.output
    assert "file=a\\x1b[31m\\u202ede\\u200b.md" in result.output


def test_text_output_makes_invisible_characters_visible(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(_fixable_article(INVISIBLE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md", "--no-cache", "--today", TODAY])
    assert result.exit_code == 0, result.output
    for ch in INVISIBLE:
        assert ch not in result.output
    assert "for more.\\u200b\\u200f\\u061c\\U000e0041\\u202e" in result.output


# -- 5. file names that are not UTF-8 ----------------------------------------------
def _medlint(args: list[str], cwd: Path, timeout: float = 120.0) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUTF8": "0", "LC_ALL": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "medlint", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, env=env)


@pytest.fixture
def latin1_named(tmp_path):
    (tmp_path / "clean.md").write_text(ARTICLE, encoding="utf-8")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.md"), "w", encoding="utf-8") as f:
        f.write(_fixable_article(""))
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_non_utf8_file_name_in_every_format(latin1_named, fmt):
    run = _medlint(["check", ".", "--format", fmt, "--today", TODAY, "-j", "1"], latin1_named)
    assert b"Traceback" not in run.stderr, run.stderr.decode(errors="replace")
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    out = run.stdout.decode("utf-8")  # valid UTF-8
    assert "caf\\xe9.md" in out or "caf\\udce9.md" in out or "caf%E9.md" in out, out
    if fmt == "json":
        assert json.loads(out)[0]["path"] == "caf\udce9.md"  # PEP 383: os.fsencode gives the bytes back
    run2 = _medlint(["check", ".", "--format", fmt, "--today", TODAY, "-j", "1"], latin1_named)  # warm cache
    assert run2.stdout == run.stdout


def test_non_utf8_file_name_output_file_baseline_and_merge(latin1_named):
    run = _medlint(["check", ".", "--format", "json", "-o", "r.json", "--today", TODAY], latin1_named)
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr.decode(errors="replace")
    (latin1_named / "r.json").read_text(encoding="utf-8")
    merged = _medlint(["merge", "r.json"], latin1_named)
    assert merged.returncode == 0, merged.stderr.decode(errors="replace")
    assert json.loads(merged.stdout.decode("utf-8"))[0]["path"] == "caf\udce9.md"
    run = _medlint(["check", ".", "--format", "sarif", "-o", "r.sarif", "--today", TODAY], latin1_named)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    assert "caf%E9.md" in (latin1_named / "r.sarif").read_text(encoding="utf-8")
    base = _medlint(["baseline", "b.json", ".", "--today", TODAY], latin1_named)
    assert base.returncode == 0 and b"Traceback" not in base.stderr, base.stderr.decode(errors="replace")
    again = _medlint(["check", ".", "--baseline", "b.json", "--today", TODAY], latin1_named)
    assert again.returncode == 0 and b"All checks passed" in again.stdout, again.stdout


# -- 6. corrupt cache entries are ignored and rebuilt ------------------------------
def _entry_with(findings_line) -> str:
    from medlint import __version__
    from medlint.cache import FORMAT

    diag = {"path": "a.md", "rule": "link-bare", "code": "ML305", "severity": "warning", "message": "m",
            "line": findings_line, "column": 1, "end_line": 1, "end_column": 2}
    return json.dumps({"format": FORMAT, "version": __version__, "diagnostics": [diag]})


@pytest.mark.parametrize("corrupt", ["[]", "null", "[" * 100_000 + "]" * 100_000, "{", '"x"',
                                     "LINE:nine", "LINE:true", '{"format": 2, "diagnostics": {}}'])
def test_corrupt_cache_entries_are_ignored_and_rebuilt(tmp_path, monkeypatch, corrupt):
    (tmp_path / "a.md").write_text(_fixable_article(""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cold = _invoke(["check", "a.md", "--format", "json", "--today", TODAY])
    entries = [p for p in (tmp_path / ".medlint_cache").rglob("*.json") if p.parent.name != "data"]
    assert len(entries) == 1
    text = _entry_with("nine" if corrupt == "LINE:nine" else True) if corrupt.startswith("LINE:") else corrupt
    entries[0].write_text(text, encoding="utf-8")
    warm = _invoke(["check", "a.md", "--format", "json", "--today", TODAY])
    assert warm.exception is None or isinstance(warm.exception, SystemExit), warm.exception
    assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output)
    assert json.loads(entries[0].read_text(encoding="utf-8"))["diagnostics"]  # rebuilt


# -- 7. hostile reports and baselines ----------------------------------------------
SARIF_BAD = [
    {"version": "2.1.0", "runs": "x"},
    {"version": "2.1.0", "runs": [{"tool": "x", "results": []}]},
    {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint", "rules": "x"}}, "results": [1]}]},
    {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint"}}, "results": [
        {"ruleId": 5, "level": [], "message": {"text": 3}, "locations": "x"}]}]},
    {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint"}}, "results": [
        {"ruleId": "a", "message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": 7}, "region": {"startLine": "x"}}}]}]}]},
    {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint"}}, "results": [
        {"ruleId": "a", "message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a.md"}, "region": {"startLine": 10 ** 30}}}]}]}]},
]
HOSTILE_JSON = ["[" * 100_000 + "]" * 100_000, "[" + "9" * 5000 + "]", '[{"line": ' + "9" * 5000 + "}]",
                '{"version": 1, "entries": ' + "[" * 100_000 + "]" * 100_000 + "}"]


@pytest.mark.parametrize("content", HOSTILE_JSON + [json.dumps(s) for s in SARIF_BAD])
def test_hostile_reports_for_merge_are_clear_errors(tmp_path, content):
    (tmp_path / "r.json").write_text(content, encoding="utf-8")
    ok = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "medlint"}}, "results": []}]}
    (tmp_path / "ok.json").write_text(json.dumps(ok) if '"runs"' in content else "[]", encoding="utf-8")
    result = _invoke(["merge", str(tmp_path / "ok.json"), str(tmp_path / "r.json")])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert "r.json" in result.output and "cannot merge JSON and SARIF" not in result.output


@pytest.mark.parametrize("content", HOSTILE_JSON + ['{"version": 1, "entries": {"a.md": {"x": ' + "9" * 5000 + "}}}"])
def test_hostile_baselines_are_clear_errors(tmp_path, monkeypatch, content):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.json").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md", "--no-cache", "--baseline", "b.json", "--today", TODAY])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2 and "b.json" in result.output, result.output


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_special_files_as_report_or_baseline_are_refused(tmp_path, monkeypatch, special):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    if special == "fifo":
        os.mkfifo(tmp_path / "fifo")
    path = special if special.startswith("/") else str(tmp_path / special)
    monkeypatch.chdir(tmp_path)
    for args in (["merge", path], ["check", "a.md", "--no-cache", "--baseline", path]):
        run = subprocess.run([sys.executable, "-m", "medlint", *args], cwd=tmp_path, capture_output=True,
                             text=True, timeout=60)  # hang guard
        assert run.returncode == 2, run.stderr
        assert "not a regular file" in run.stderr and "Traceback" not in run.stderr, run.stderr


# -- 8. hostile configuration and environment --------------------------------------
def _sh(script: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MEDLINT": f"{sys.executable} -m medlint"}, **kwargs)


@pytest.mark.parametrize("toml", ["max-warnings = " + "9" * 5000, "x = " + "[" * 2000 + "]" * 2000])
def test_hostile_config_file_is_a_clear_error(tmp_path, monkeypatch, toml):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "medlint.toml").write_text(toml + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md", "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2 and "medlint.toml: invalid TOML" in result.output, result.output


def test_yaml_rule_regex_that_would_exhaust_memory_is_refused(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "big.yaml").write_text(
        "code: ACM101\nname: big\nkind: existence\nsummary: s\nmessage: m\ndocs: {why: w}\n"
        "examples: {valid: ['x\\n'], invalid: ['aaa\\n']}\npatterns: ['((a{1000}){1000}){1000}']\n",
        encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('rule-dirs = ["rules"]\n', encoding="utf-8")
    run = _sh("$MEDLINT check a.md --no-cache --format json", tmp_path)  # the timeout guards the hang
    assert run.returncode == 2, run.stderr
    assert "too large once its counted repeats are expanded" in run.stdout, run.stdout


def test_expanded_size_bounds_counted_repeats():
    from medlint.declarative.loader import expanded_size

    assert expanded_size(r"\d{4}-\d{2}-\d{2}") == 10
    assert expanded_size("(a{1000}){1000}") == 1_000_000
    assert expanded_size("[{}]{3}x") == 4


def test_report_to_a_full_disk_is_exit_2(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run = _sh("$MEDLINT check a.md --no-cache > /dev/full", tmp_path)
    assert run.returncode == 2, run.stderr
    assert "cannot write the report to standard output" in run.stderr and "Traceback" not in run.stderr


def test_deleted_working_folder_is_a_clear_error(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gone").mkdir()
    run = _sh(f"cd gone && rmdir ../gone && $MEDLINT check {tmp_path / 'a.md'} --no-cache", tmp_path)
    assert run.returncode == 2, run.stderr
    assert "current folder no longer exists" in run.stderr and "Traceback" not in run.stderr


def test_closed_standard_input(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    run = _sh("$MEDLINT check - --no-cache <&-", tmp_path)
    assert run.returncode == 2 and "standard input is closed" in run.stderr, run.stderr
    run = _sh("$MEDLINT check a.md --no-cache <&-", tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr


def test_init_edge_cases(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schemas").write_text("a file, not a folder\n", encoding="utf-8")
    result = _invoke(["init"])
    assert result.exit_code == 2 and "exists and is not a folder" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (tmp_path / "schemas").unlink()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "frontmatter.schema.json").mkdir()
    result = _invoke(["init", "--force"])
    assert result.exit_code == 2 and "it is a folder" in result.output, result.output


@pytest.mark.skipif(IS_ROOT, reason="root can write into a read-only folder")
def test_init_in_a_read_only_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.chmod(tmp_path, 0o555)
    try:
        result = _invoke(["init"])
    finally:
        os.chmod(tmp_path, 0o755)
    assert result.exit_code == 2 and "cannot write" in result.output, result.output


def test_plugin_rule_whose_constructor_raises_is_a_config_error(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "acme.py").write_text(
        "from medlint.rule import Rule\n"
        "class Picky(Rule):\n"
        "    '''Picky.'''\n"
        "    code = 'TST001'\n    name = 'picky'\n    summary = 'picky'\n"
        "    options_schema = {'type': 'object', 'properties': {'level': {'type': 'integer'}}}\n"
        "    def check(self, ctx):\n        pass\n"
        "    def __init__(self, options=None):\n"
        "        super().__init__(options)\n"
        "        if self.options.get('level') == 3:\n"
        "            raise ValueError('level 3 is not supported')\n"
        "RULES = [Picky]\n", encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('plugins = ["acme.py"]\n[rules.picky]\nlevel = 3\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for jobs in ("1", "2"):
        result = _invoke(["check", "a.md", "--no-cache", "-j", jobs])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code == 2, result.output
        assert "rule picky cannot be set up with its options (ValueError: level 3 is not supported)" in result.output


# -- 9. exit codes: internal errors are 2, Ctrl-C is 130 ---------------------------
def test_an_internal_error_exits_2_with_a_message(tmp_path, monkeypatch):
    from medlint import pipeline

    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "check", broken)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md"])
    assert result.exit_code == 2
    assert "internal error: RuntimeError: boom" in result.output


def test_ctrl_c_exits_130(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    script = ("import os, signal, sys\n"
              "from medlint import pipeline\n"
              "from medlint.cli import main\n"
              "def interrupted(request):\n"
              "    os.kill(os.getpid(), signal.SIGINT)\n"
              "pipeline.check = interrupted\n"
              "sys.argv = ['medlint', 'check', 'a.md']\n"
              "main()\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 130, (run.returncode, run.stderr)
    assert "interrupted" in run.stderr and "Traceback" not in run.stderr


# -- 11. the cache fingerprint covers an installed plugin's whole package ----------
def test_plugin_fingerprint_covers_helper_modules_and_yaml_rules(tmp_path, monkeypatch):
    import importlib.metadata

    from medlint import runner

    package = tmp_path / "helperplug"
    (package / "rules").mkdir(parents=True)
    (package / "__init__.py").write_text("from .helper import RULES\n", encoding="utf-8")
    (package / "helper.py").write_text("RULES = []\n", encoding="utf-8")
    (package / "rules" / "r.yaml").write_text("code: HLP001\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    ep = importlib.metadata.EntryPoint("helperplug", "helperplug", "medlint.rules")
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group=None: [ep] if group == "medlint.rules" else [])
    first = runner._installed_plugins()
    (package / "helper.py").write_text("RULES = []  # edited\n", encoding="utf-8")
    second = runner._installed_plugins()
    assert second != first
    (package / "rules" / "r.yaml").write_text("code: HLP002\nname: x\n", encoding="utf-8")
    assert runner._installed_plugins() != second


# -- 16. suppression processing is linear -------------------------------------------
def _suppressed_article(n: int) -> str:
    """n ranges of one rule left open, n `enable` comments of another rule (each used
    to scan every open range), and n findings under them all."""
    lines = ["# T", ""]
    lines += ["<!-- medlint-disable link-bare -- why -->"] * n
    for i in range(n):
        lines += ["<!-- medlint-enable citation-unresolved -->", f"See http://x.com/{i} here.", ""]
    return "\n".join(lines) + "\n"


def test_suppression_processing_is_linear():
    sys.path.insert(0, str(Path(__file__).parent))
    from scaling import assert_linear

    from medlint import suppressions
    from medlint.document import Document
    from medlint.position import Source
    from medlint.registry import Registry

    resolve = Registry.builtin().resolve
    today = __import__("datetime").date(2026, 11, 25)

    def make(n):
        doc = Document("a.md", Source(_suppressed_article(n)))
        diags = [_diag("link-bare", line) for line in range(3, 3 * n + 3)]

        def run():
            found, _ = suppressions.collect(doc, resolve)
            kept = suppressions.apply(diags, found, today)
            assert kept == []
        return run

    assert_linear(make, 250, 4000)


def _diag(rule: str, line: int):
    from medlint.diagnostics import Diagnostic, Severity

    return Diagnostic(path="a.md", rule=rule, code="ML305", severity=Severity.WARNING, message="m",
                      line=line, column=1, end_line=line, end_column=2)


# -- 20. citation numbers and big plain front matter --------------------------------
@pytest.mark.parametrize("style", ["list", "bracket"])
def test_markers_and_reference_entries_agree_on_digit_counts(style):
    from medlint.document import Document
    from medlint.position import Source

    # an ordered list numbers its items from its first one
    numbers = [9998, 9999, 10000] if style == "list" else [1, 9999, 10000, 123456, 999999999]
    body = "# T\n\nText " + " ".join(f"[{n}]" for n in numbers) + " and <sup>10001</sup>.\n\n## References\n\n"
    entry = (lambda n: f"{n}. Source {n}.\n") if style == "list" else (lambda n: f"[{n}] Source {n}.\n\n")
    body += "".join(entry(n) for n in [*numbers, 10001])
    doc = Document("a.md", Source(body))
    cited = {n for c in doc.citations if c.kind != "footnote" for n in c.numbers}
    assert cited == {*numbers, 10001}
    assert {r.number for r in doc.references} == {*numbers, 10001}


def test_many_plain_front_matter_keys_are_not_an_alias_bomb():
    from medlint.document import Document
    from medlint.position import Source

    keys = "".join(f"k{i}: v\n" for i in range(100_000))
    doc = Document("a.md", Source(f"---\ntitle: x\n{keys}---\n# T\n"))
    assert doc.front_matter.problems == []
    assert len(doc.front_matter.data) == 100_001
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefgh"[i]
        bomb.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    doc = Document("b.md", Source("---\n" + "\n".join(bomb) + "\n---\n# T\n"))
    assert [p.message for p in doc.front_matter.problems] == ["front matter is too large once its aliases are expanded"]


# -- 15. findings per rule per file are capped ---------------------------------------
def test_findings_per_rule_per_file_are_capped_with_a_summary(tmp_path, monkeypatch):
    from medlint.results import MAX_FINDINGS_PER_RULE

    n = MAX_FINDINGS_PER_RULE + 500
    (tmp_path / "a.md").write_text(ARTICLE + "\n" + "".join(f"See http://x.com/{i} now.\n\n" for i in range(n)),
                                   encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md", "--no-cache", "--format", "json", "--today", TODAY])
    found = [f for f in json.loads(result.output) if f["rule"] == "link-bare"]
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    summary = found[-1]
    assert summary["message"].startswith(f"… and 500 more link-bare findings in this file")
    assert summary["fix"] is None
    assert summary["line"] > found[-2]["line"]
    # fixes still apply to every finding (the fix loop lints again)
    _invoke(["check", "a.md", "--fix", "--today", TODAY])
    result = _invoke(["check", "a.md", "--no-cache", "--format", "json", "--today", TODAY])
    assert [f for f in json.loads(result.output) if f["rule"] == "link-bare"] == []


def test_cap_per_rule_keeps_everything_up_to_the_cap():
    from medlint.linter import cap_per_rule

    diags = [_diag("link-bare", i) for i in range(1, 11)] + [_diag("other", 1)]
    assert cap_per_rule(diags, cap=10) == diags
    capped = cap_per_rule(diags, cap=4)
    assert [d.line for d in capped if d.rule == "link-bare"] == [1, 2, 3, 4, 5]
    assert capped[4].message.startswith("… and 6 more link-bare findings")
    assert capped[-1].rule == "other"


# -- 13. the cache on a full disk, and pruning ---------------------------------------
def test_cache_write_failure_leaves_no_temporary_file(tmp_path, monkeypatch):
    import errno

    from medlint import cache as cache_mod

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cache_mod.os, "replace", full)
    result = _invoke(["check", "a.md", "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / ".medlint_cache").rglob(".tmp-*")] == []


def test_cache_entries_not_used_for_a_month_are_pruned(tmp_path, monkeypatch):
    import time

    from medlint.cache import DAY, PRUNE_AFTER_DAYS

    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _invoke(["check", "a.md", "b.md", "--today", TODAY]).exit_code == 0
    cache = tmp_path / ".medlint_cache"
    entries = sorted(p for p in cache.rglob("*.json") if p.parent.name != "data")
    assert len(entries) == 2
    old = time.time() - (PRUNE_AFTER_DAYS + 1) * DAY
    for entry in entries:
        os.utime(entry, (old, old))
    stray = entries[0].parent / ".tmp-stray.json"
    stray.write_text("", encoding="utf-8")
    os.utime(stray, (old, old))
    os.utime(cache / "data" / "pruned", (old, old))  # the last pass was long ago
    # a.md is linted (a hit refreshes its entry); b.md's entry is not used
    assert _invoke(["check", "a.md", "--today", TODAY]).exit_code == 0
    left = sorted(p for p in cache.rglob("*.json") if p.parent.name != "data")
    assert len(left) == 1 and not stray.exists()
    assert time.time() - left[0].stat().st_mtime < DAY


# -- 14. processes -------------------------------------------------------------------
def _plugin_project(tmp_path: Path, body: str, files: int = 10) -> Path:
    for i in range(files):
        (tmp_path / f"a{i}.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "acme.py").write_text(
        "import os, time\nfrom medlint.rule import Rule\n"
        "class Odd(Rule):\n    '''Odd.'''\n    code = 'TST001'\n    name = 'odd'\n    summary = 'odd'\n"
        "    def check(self, ctx):\n" + body + "RULES = [Odd]\n", encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('plugins = ["acme.py"]\n', encoding="utf-8")
    return tmp_path


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(x) for x in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_workers_die_with_the_parent(tmp_path, sig):
    import signal
    import time

    project = _plugin_project(tmp_path, "        time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-m", "medlint", "check", ".", "--no-cache", "-j", "2"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        for _ in range(600):  # hang guard: the pool starts after the first file (60 s sleep ends it)
            workers = _children(proc.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "no worker processes started"
        os.kill(proc.pid, getattr(signal, sig))
        proc.wait(timeout=30)
        for _ in range(300):  # hang guard
            if not any(_alive(w) for w in workers):
                break
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived medlint"
    finally:
        proc.kill()
        for w in workers | _children(proc.pid):
            try:
                os.kill(w, signal.SIGKILL)
            except OSError:
                pass


def test_never_more_workers_than_files_and_no_processes_left_degrades(tmp_path, monkeypatch):
    import concurrent.futures.process as cfp

    from medlint.runner import RunOptions, Session, Target

    for i in range(10):
        (tmp_path / f"a{i}.md").write_text(ARTICLE, encoding="utf-8")
    targets = [Target(str(p), str(p)) for p in sorted(tmp_path.glob("*.md"))]
    sizes: list[int] = []
    real_init = cfp.ProcessPoolExecutor.__init__

    def recording_init(self, max_workers=None, *args, **kwargs):
        sizes.append(max_workers)
        real_init(self, max_workers, *args, **kwargs)

    monkeypatch.setattr(cfp.ProcessPoolExecutor, "__init__", recording_init)
    session = Session(RunOptions(isolated=True))
    expected = [r.diagnostics for r in session.lint_many(targets, None, 1)]
    assert [r.diagnostics for r in session.lint_many(targets, None, 100)] == expected
    assert sizes == [9]  # the first file is linted before the pool starts

    def no_more_processes(self):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(cfp.ProcessPoolExecutor, "_spawn_process", no_more_processes)
    assert [r.diagnostics for r in session.lint_many(targets, None, 4)] == expected


def test_a_huge_shard_count_is_cheap():
    from medlint.runner import Target, shard

    targets = [Target(f"a{i}.md", f"/nonexistent/a{i}.md") for i in range(5)]
    assert [shard(targets, k, 10**9) for k in range(1, 7)] == [shard(targets, k, 5) for k in range(1, 6)] + [[]]
    assert shard(targets, 10**9, 10**9) == []


def test_a_plugin_that_changes_folder_moves_nothing(tmp_path, monkeypatch):
    project = _plugin_project(tmp_path, "        os.chdir('/')\n", files=12)
    monkeypatch.chdir(project)
    for jobs in ("1", "2"):
        result = _invoke(["check", ".", "-j", jobs, "--format", "json", "-o", f"report{jobs}.json",
                          "--today", TODAY])
        assert result.exit_code == 0, result.output
        assert os.getcwd() == str(project)
        assert json.loads((project / f"report{jobs}.json").read_text(encoding="utf-8")) == []
        assert (project / ".medlint_cache").is_dir()
    result = _invoke(["check", ".", "-j", "1", "--format", "json", "--today", TODAY, "--no-cache",
                      "--select", "odd,frontmatter-schema"])
    assert json.loads(result.output) == []  # every file was found and read
