"""Plugins: entry points, plugin files and rule-dirs through one loading path, and
fault isolation (a broken plugin or a failing rule never aborts the run; exit 2)."""

from __future__ import annotations

import importlib.metadata
import json
import os
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import plugins
from medlint.cli import main
from medlint.config import Config, load
from medlint.registry import Registry
from medlint.runner import RunOptions, Session, Target

GOOD_RULE = '''
from medlint.rule import Rule


class {cls}(Rule):
    """Finds the word {word}.

    ## What it does
    Reports "{word}".

    ## Why it matters
    Tests need a rule.

    ## Example
    ```markdown
    {word}
    ```

    ## Use instead
    ```markdown
    fine
    ```
    """

    code = "{code}"
    name = "{name}"
    summary = "The word {word}"
    messages = {{"found": "found {{word}}"}}

    def check(self, ctx):
        text = ctx.doc.text
        at = text.find("{word}")
        if at >= 0:
            if "BOOM" in text:
                raise ValueError("cannot handle BOOM\\nsecond line")
            if "GARBAGE" in text:
                ctx.diagnostics.append("not a diagnostic")
                return
            ctx.report(at, at + len("{word}"), "found", word="{word}")
'''


def rule_source(cls="FooWord", word="foo", code="TST001", name="foo-word"):
    return textwrap.dedent(GOOD_RULE.format(cls=cls, word=word, code=code, name=name))


def plugin_file(folder: Path, filename: str, body: str) -> Path:
    path = folder / filename
    path.write_text(body, encoding="utf-8")
    return path


def config_with(folder: Path, **keys) -> Config:
    lines = [f"{k.replace('_', '-')} = {json.dumps(v)}" for k, v in keys.items()]
    (folder / "medlint.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load(folder / "medlint.toml")


@pytest.fixture
def no_entry_points(monkeypatch):
    monkeypatch.setattr(plugins.importlib.metadata, "entry_points", lambda group: [])


def loaded(config: Config) -> Registry:
    registry = Registry.builtin()
    plugins.load_into(registry, config)
    return registry


# -- file plugins ----------------------------------------------------------------------
def test_file_plugin_rules_are_registered_with_origin(tmp_path, no_entry_points, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plugin_file(tmp_path, "acme.py", rule_source() + "\nRULES = [FooWord]\n")
    registry = loaded(config_with(tmp_path, plugins=["acme.py"]))
    assert registry.load_errors == []
    rule = registry.rules["foo-word"]
    assert rule.origin == "plugin:acme.py"
    assert registry.resolve("TST001") == "foo-word"


@pytest.mark.parametrize("body, message", [
    ("import no_such_module_xyz\n", "ModuleNotFoundError: No module named 'no_such_module_xyz'"),
    ("def broken(:\n", "SyntaxError: "),
    ("raise RuntimeError('plugin exploded')\n", "RuntimeError: plugin exploded"),
    ("import sys\nsys.exit(3)\n", "SystemExit: 3"),
    ("X = 1\n", "does not expose RULES"),
    ("RULES = 'FooWord'\n", "must give Rule classes"),
])
def test_broken_plugin_is_recorded_and_others_still_load(tmp_path, no_entry_points, monkeypatch, body, message):
    monkeypatch.chdir(tmp_path)
    plugin_file(tmp_path, "broken.py", body)
    plugin_file(tmp_path, "good.py", rule_source() + "\nRULES = [FooWord]\n")
    registry = loaded(config_with(tmp_path, plugins=["broken.py", "good.py"]))
    assert "foo-word" in registry.rules
    assert len(registry.load_errors) == 1
    source, text = registry.load_errors[0]
    assert source == "broken.py" and message in text and "\n" not in text


@pytest.mark.parametrize("extra, message", [
    ("RULES = [FooWord, 'text', 42]", "'text' is not a medlint Rule class"),
    ("class NotARule: pass\nRULES = [FooWord, NotARule]", "is not a medlint Rule class"),
    ("RULES = [FooWord, FooWord()]", "is not a medlint Rule class"),
    ("RULES = [FooWord, FooWord]", "rule TST001 foo-word is listed twice"),
    ("class Dup(FooWord):\n    name = 'other-name'\nRULES = [FooWord, Dup]", "clashes with TST001 foo-word"),
    ("class Dup(FooWord):\n    code = 'TST002'\nRULES = [FooWord, Dup]", "clashes with TST001 foo-word"),
    ("class Mine(FooWord):\n    code = 'ML305'\n    name = 'mine'\nRULES = [FooWord, Mine]",
     "the ML prefix is reserved for built-in rules"),
    ("class Mine(FooWord):\n    code = 'TS01'\n    name = 'mine'\nRULES = [FooWord, Mine]",
     "code 'TS01' must be 2-4 capital letters and 3 digits"),
    ("class Mine(FooWord):\n    code = 'TST009'\n    name = 'Mine_Rule'\nRULES = [FooWord, Mine]", "must be kebab-case"),
    ("class Mine(FooWord):\n    '''  '''\n    code = 'TST009'\n    name = 'mine'\nRULES = [FooWord, Mine]",
     "has no documentation"),
    ("class Mine(FooWord):\n    code = 'TST009'\n    name = 'mine'\n    summary = ''\nRULES = [FooWord, Mine]",
     "has no summary"),
    ("class Mine(FooWord):\n    '''Doc.'''\n    code = 'TST009'\n    name = 'mine'\n    options_schema = {'type': 7}\n"
     "RULES = [FooWord, Mine]", "options schema is invalid"),
    ("from medlint.rule import Rule\nclass Mine(Rule):\n    '''Doc.'''\n    code = 'TST009'\n    name = 'mine'\n"
     "    summary = 's'\nRULES = [FooWord, Mine]", "defines neither check(ctx) nor a visit_<node> hook"),
    ("class Mine(FooWord):\n    code = 'TST009'\n    name = 'mine'\n    def __init__(self, options=None):\n"
     "        raise KeyError('boom')\nRULES = [FooWord, Mine]", "cannot be created: KeyError: 'boom'"),
    ("from medlint.rules.citations.ml305_link_bare import LinkBare\nRULES = [FooWord, LinkBare]",
     "is medlint's built-in rule ML305"),
])
def test_bad_rule_classes_are_refused_one_by_one(tmp_path, no_entry_points, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    plugin_file(tmp_path, "acme.py", rule_source() + "\n" + extra + "\n")
    registry = loaded(config_with(tmp_path, plugins=["acme.py"]))
    assert "foo-word" in registry.rules
    assert [m for _, m in registry.load_errors if message in m], registry.load_errors
    from medlint.rules.citations.ml305_link_bare import LinkBare

    assert LinkBare.origin == "builtin" and registry.rules["link-bare"] is LinkBare


def test_rule_that_needs_options_may_load(tmp_path, no_entry_points, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plugin_file(tmp_path, "acme.py", rule_source() + textwrap.dedent('''
        class Needs(FooWord):
            """Needs options.

            ## What it does
            Needs its `words` option.
            """

            code = "TST003"
            name = "needs-options"
            options_schema = {"type": "object", "required": ["words"],
                              "properties": {"words": {"type": "array"}}}
        RULES = [Needs]
        '''))
    registry = loaded(config_with(tmp_path, plugins=["acme.py"]))
    assert registry.load_errors == [] and "needs-options" in registry.rules


def test_missing_plugin_file_and_rule_dir(tmp_path, no_entry_points, monkeypatch):
    monkeypatch.chdir(tmp_path)
    registry = loaded(config_with(tmp_path, plugins=["nope.py"], rule_dirs=["styles"]))
    assert registry.load_errors == [("nope.py", "PluginError: plugin file not found (`plugins` in the config)"),
                                    ("styles", "rule folder not found (`rule-dirs` in the config)")]


# -- entry points ------------------------------------------------------------------------
@pytest.fixture
def fake_entry_points(tmp_path, monkeypatch):
    """Entry points that load modules written into ``tmp_path``."""
    monkeypatch.syspath_prepend(str(tmp_path))
    found: list[importlib.metadata.EntryPoint] = []
    monkeypatch.setattr(plugins.importlib.metadata, "entry_points",
                        lambda group: [ep for ep in found if ep.group == group])
    yield found
    for name in [m for m in sys.modules if m.startswith("epmod_")]:
        del sys.modules[name]


def entry_point(name: str, value: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(name, value, plugins.ENTRY_POINT_GROUP)


@pytest.mark.parametrize("target", ["epmod_a", "epmod_a:RULES", "epmod_a:FooWord", "epmod_a:as_tuple"])
def test_entry_point_targets(tmp_path, fake_entry_points, target):
    plugin_file(tmp_path, "epmod_a.py", rule_source() + "\nRULES = [FooWord]\nas_tuple = (FooWord,)\n")
    fake_entry_points.append(entry_point("acme", target))
    registry = loaded(Config(None, tmp_path))
    assert registry.load_errors == []
    assert registry.rules["foo-word"].origin == "plugin:epmod_a"


def test_entry_point_failures_are_isolated(tmp_path, fake_entry_points):
    plugin_file(tmp_path, "epmod_b.py", "raise ImportError('missing C library')\n")
    plugin_file(tmp_path, "epmod_c.py", rule_source() + "\nRULES = [FooWord]\n")
    fake_entry_points += [entry_point("broken", "epmod_b"), entry_point("gone", "epmod_nowhere"),
                          entry_point("attr", "epmod_c:NOPE"), entry_point("good", "epmod_c")]
    registry = loaded(Config(None, tmp_path))
    assert "foo-word" in registry.rules
    errors = dict(registry.load_errors)
    assert errors["entry point broken = epmod_b (epmod_b)"] == "ImportError: missing C library"
    assert errors["entry point gone = epmod_nowhere (epmod_nowhere)"].startswith("ModuleNotFoundError")
    assert errors["entry point attr = epmod_c:NOPE (epmod_c)"].startswith("AttributeError")


def test_isolated_loads_no_plugins(tmp_path, fake_entry_points, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plugin_file(tmp_path, "epmod_d.py", rule_source() + "\nRULES = [FooWord]\n")
    fake_entry_points.append(entry_point("acme", "epmod_d"))
    config_with(tmp_path, rule_dirs=["styles"])
    session = Session(RunOptions(isolated=True))
    assert "foo-word" not in session.registry_for(session.config_for(tmp_path / "a.md")).rules
    session = Session(RunOptions())
    registry = session.registry_for(session.config_for(tmp_path / "a.md"))
    assert "foo-word" in registry.rules and registry.load_errors[0][0] == "styles"


def test_yaml_rules_from_a_plugin_keep_their_file_in_the_origin(tmp_path, fake_entry_points):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "no-foo.yaml").write_text(textwrap.dedent("""\
        code: TST101
        name: no-foo
        kind: existence
        tokens: [foo]
        summary: s
        message: m
        docs: {why: w}
        examples: {valid: [bar], invalid: [foo]}
        """), encoding="utf-8")
    plugin_file(tmp_path, "epmod_e.py", "from pathlib import Path\nfrom medlint.declarative import load_rule_dir\n"
                                        "RULES = load_rule_dir(Path(__file__).parent / 'rules')\n")
    fake_entry_points.append(entry_point("acme", "epmod_e"))
    registry = loaded(Config(None, tmp_path))
    assert registry.rules["no-foo"].origin == "plugin:epmod_e (yaml:no-foo.yaml)"


# -- the CLI: findings, rule-error, exit codes -------------------------------------------------------
ARTICLE = """---
title: Foo
author: A
medically_reviewed_by: B
last_reviewed: 2026-10-01
---
# Foo

foo is here [1].

## References

1. Smith J. Foo. 2020.

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""


def cli(args, cwd):
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, [*args, "--today", "2026-11-25", "--no-cache", "--format", "json"],
                                  catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path, no_entry_points):
    plugin_file(tmp_path, "acme.py", rule_source() + "\nRULES = [FooWord]\n")
    plugin_file(tmp_path, "broken.py", "import no_such_module_xyz\n")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_check_reports_plugin_findings(project):
    config_with(project, plugins=["acme.py"])
    result = cli(["check", "a.md"], project)
    found = json.loads(result.output)
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("TST001", 9, 1)], result.output
    assert result.exit_code == 0  # a warning


def test_check_reports_a_plugin_that_fails_to_import(project):
    config_with(project, plugins=["broken.py", "acme.py"])
    result = cli(["check", "a.md"], project)
    found = json.loads(result.output)
    assert [(d["path"], d["rule"], d["line"]) for d in found] == [("a.md", "foo-word", 9), ("broken.py", "rule-error", 1)]
    assert "ModuleNotFoundError: No module named 'no_such_module_xyz'" in found[1]["message"]
    assert result.exit_code == 2


def test_rule_that_raises_on_one_file(project):
    config_with(project, plugins=["acme.py"])
    (project / "b.md").write_text(ARTICLE.replace("foo is here [1].", "foo BOOM and https://example.org [1]."),
                                  encoding="utf-8")
    result = cli(["check", "a.md", "b.md"], project)
    found = json.loads(result.output)
    assert [(d["path"], d["rule"]) for d in found] == [("a.md", "foo-word"), ("b.md", "rule-error"),
                                                       ("b.md", "link-bare")]
    raised_at = 1 + (project / "acme.py").read_text(encoding="utf-8").splitlines().index(
        '                raise ValueError("cannot handle BOOM\\nsecond line")')
    assert found[1]["message"] == (f"rule `foo-word` failed on this file: ValueError: cannot handle BOOM "
                                   f"(at {project / 'acme.py'}:{raised_at})")
    assert result.exit_code == 2


def test_rule_reporting_garbage_is_a_rule_error(project):
    config_with(project, plugins=["acme.py"])
    (project / "a.md").write_text(ARTICLE.replace("foo is here", "foo GARBAGE here"), encoding="utf-8")
    result = cli(["check", "a.md"], project)
    found = json.loads(result.output)
    assert [(d["rule"], d["message"]) for d in found] == [
        ("rule-error", "rule `foo-word` failed on this file: reported an invalid diagnostic")]
    assert result.exit_code == 2


def test_rule_over_its_time_limit(project):
    plugin_file(project, "slow.py", rule_source().replace("text = ctx.doc.text", "import time; time.sleep(5)")
                + "\nRULES = [FooWord]\n")
    session = Session(RunOptions(config_file=config_with(project, plugins=["slow.py"]).path, time_limit=0.2))
    result = session.lint_target(Target(str(project / "a.md"), str(project / "a.md")))
    assert [d.message for d in result.diagnostics] == ["rule `foo-word` failed on this file: took longer than 0.2 s"]
    assert result.internal_error


def test_plugin_rules_are_configured_and_suppressed_like_built_ins(project):
    (project / "medlint.toml").write_text('plugins = ["acme.py"]\n[rules.TST001]\nseverity = "error"\n',
                                          encoding="utf-8")
    result = cli(["check", "a.md"], project)
    assert json.loads(result.output)[0]["severity"] == "error" and result.exit_code == 1
    (project / "a.md").write_text(ARTICLE.replace(
        "foo is here", "<!-- medlint-disable-next-line TST001 -- tested -->\nfoo is here"), encoding="utf-8")
    result = cli(["check", "a.md"], project)
    assert json.loads(result.output) == [] and result.exit_code == 0


def test_isolated_check_ignores_plugins(project):
    config_with(project, plugins=["broken.py", "acme.py"])
    result = cli(["check", "a.md", "--isolated"], project)
    assert json.loads(result.output) == [] and result.exit_code == 0


def test_invalid_yaml_rule_is_reported_at_its_line(project):
    styles = project / "styles"
    styles.mkdir()
    (styles / "bad.yaml").write_text("code: TST102\nname: bad\nkind: existence\ntokenz: [x]\n", encoding="utf-8")
    (styles / "good.yaml").write_text(textwrap.dedent("""\
        code: TST103
        name: no-here
        kind: existence
        tokens: [here]
        summary: s
        message: 'no "{match}"'
        docs: {why: w}
        examples: {valid: [there], invalid: [here]}
        """), encoding="utf-8")
    config_with(project, rule_dirs=["styles"])
    result = cli(["check", "a.md"], project)
    found = json.loads(result.output)
    assert [(d["path"], d["rule"], d["line"]) for d in found] == [("a.md", "no-here", 9),
                                                                  ("styles/bad.yaml", "rule-error", 4)]
    assert "styles/bad.yaml:4: key `tokenz`: unknown key for kind `existence`" in found[1]["message"]
    assert result.exit_code == 2


def test_rules_and_explain_list_plugin_rules_and_warn_about_failures(project):
    config_with(project, plugins=["broken.py", "acme.py"])
    old = os.getcwd()
    try:
        os.chdir(project)
        runner = CliRunner()
        listed = runner.invoke(main, ["rules"])
        explained = runner.invoke(main, ["explain", "TST001"])
    finally:
        os.chdir(old)
    assert listed.exit_code == 0
    assert any(line.startswith("TST001") and "foo-word" in line for line in listed.stdout.splitlines())
    assert "broken.py: could not load rules: ModuleNotFoundError" in listed.stderr
    assert explained.exit_code == 0
    assert "# TST001 · foo-word" in explained.stdout and "Source: plugin:acme.py" in explained.stdout
