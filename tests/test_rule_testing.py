"""Testing rules: `medlint test-rules DIR` and the pytest plugin (rule_tester fixture,
YAML examples collected as test items, yaml_examples helper)."""

from __future__ import annotations

import importlib.metadata
import os
import textwrap
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main

pytest_plugins = ["pytester"]

GOOD = textwrap.dedent("""\
    code: ACM101
    name: no-detox
    kind: existence
    tokens: [detox]
    summary: Detox claims
    message: 'avoid "{match}"'
    docs: {why: There is no evidence for it.}
    examples:
      valid: ["Your liver filters waste.\\n"]
      invalid:
        - "Try a detox.\\n"
        - {text: "Detox and detox.\\n", findings: 2}
    """)
FAILING = GOOD.replace("code: ACM101", "code: ACM102").replace("name: no-detox", "name: no-detox-2").replace(
    'valid: ["Your liver filters waste.\\n"]', 'valid: ["A detox a day.\\n"]')
BROKEN = "code: ACM103\nname: broken\nkind: existence\nsummary: s\nmessage: m\n"

PLUGIN_AUTOLOADED = any(ep.value == "medlint.testing.plugin"
                        for ep in importlib.metadata.entry_points(group="pytest11"))
PLUGIN_ARGS = [] if PLUGIN_AUTOLOADED else ["-p", "medlint.testing.plugin"]


def styles(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_rules(*args, cwd):
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, ["test-rules", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


test_rules.__test__ = False  # a helper, not a test


# -- medlint test-rules -------------------------------------------------------------------------
def test_cli_all_examples_pass(tmp_path):
    styles(tmp_path / "styles", good=GOOD)
    result = test_rules("styles", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "PASS  styles/good.yaml ACM101 no-detox valid[0]",
        "PASS  styles/good.yaml ACM101 no-detox invalid[0]",
        "PASS  styles/good.yaml ACM101 no-detox invalid[1]",
        "1 rule file, 3 examples: 3 passed, 0 failed.",
    ]


def test_cli_failures_and_broken_files_exit_1(tmp_path):
    styles(tmp_path / "styles", good=GOOD, failing=FAILING, zbroken=BROKEN)
    result = test_rules("styles", "--quiet", cwd=tmp_path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == 'FAIL  styles/failing.yaml ACM102 no-detox-2 valid[0]: expected no finding, got 1: 1:3 avoid "detox"'
    assert lines[1].startswith("ERROR styles/zbroken.yaml:1: key `")
    assert lines[-1] == "3 rule files, 6 examples: 5 passed, 1 failed, 1 rule file could not be loaded."


def test_cli_single_file_and_empty_folder(tmp_path):
    styles(tmp_path / "styles", good=GOOD)
    (tmp_path / "empty").mkdir()
    assert test_rules("styles/good.yaml", cwd=tmp_path).exit_code == 0
    empty = test_rules("empty", cwd=tmp_path)
    assert empty.exit_code == 2 and "no YAML rule files" in empty.output


# -- pytest plugin ---------------------------------------------------------------------------------
def test_pytest_collects_yaml_examples_with_option(pytester):
    styles(pytester.path / "styles", good=GOOD, failing=FAILING, zbroken=BROKEN)
    result = pytester.runpytest(*PLUGIN_ARGS, "--medlint-rules", "styles", "-v")
    result.assert_outcomes(passed=5, failed=2)
    result.stdout.fnmatch_lines([
        "styles/failing.yaml::ACM102:valid?0? FAILED*",
        "styles/good.yaml::ACM101:valid?0? PASSED*",
        "styles/zbroken.yaml::load FAILED*",
        "styles/failing.yaml ACM102:valid?0?: expected no finding, got 1: 1:3 avoid \"detox\"",
        "example:",
        "    A detox a day.",
        "styles/zbroken.yaml:1: key `docs`: missing (required) (and 2 more problems)",
    ])


def test_pytest_ini_option_collects_when_no_paths_are_given(pytester):
    styles(pytester.path / "styles", good=GOOD)
    pytester.makeini("[pytest]\nmedlint_rule_dirs = styles\n")
    pytester.makepyfile(test_other="def test_other():\n    pass\n")
    result = pytester.runpytest(*PLUGIN_ARGS)
    result.assert_outcomes(passed=4)
    # With explicit paths, only those run (like testpaths).
    result = pytester.runpytest(*PLUGIN_ARGS, "test_other.py")
    result.assert_outcomes(passed=1)


def test_yaml_files_outside_rule_dirs_are_not_collected(pytester):
    styles(pytester.path / "styles", good=GOOD)
    (pytester.path / "other.yaml").write_text("a: 1\n", encoding="utf-8")
    result = pytester.runpytest(*PLUGIN_ARGS, "--medlint-rules", "styles", str(pytester.path))
    result.assert_outcomes(passed=3)


def test_rule_tester_fixture_and_yaml_examples_helper(pytester):
    styles(pytester.path / "styles", good=GOOD, failing=FAILING)
    pytester.makepyfile(test_rules=textwrap.dedent('''
        from pathlib import Path

        from medlint.declarative import load_rule_file
        from medlint.testing import Expect, Invalid
        from medlint.testing.plugin import yaml_examples

        test_styles = yaml_examples("styles")
        test_missing = yaml_examples("nowhere")


        def test_fixture(rule_tester):
            rule = load_rule_file(Path(__file__).parent / "styles" / "good.yaml")
            tester = rule_tester(rule)
            tester.assert_case(Invalid("A detox.\\n", errors=[Expect(1, 3, 1, 8)]))
        '''))
    result = pytester.runpytest(*PLUGIN_ARGS, "-v")
    result.assert_outcomes(passed=6, failed=2)
    result.stdout.fnmatch_lines(["*test_styles?ACM102:valid?0?? FAILED*", "*test_styles?ACM101:valid?0?? PASSED*",
                                 "*test_missing?nowhere:missing? FAILED*", "*test_fixture PASSED*"])


def test_plugin_is_registered_as_a_pytest11_entry_point():
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.pytest11]\nmedlint = "medlint.testing.plugin"' in text


# -- RuleTester is strict, like ESLint's ------------------------------------------
def _rule(name: str, *, fixable: bool = False, message: str = "word", fix: bool = False):
    from medlint.rule import Context, Rule

    class Words(Rule):
        """Finds "tonic".

        ## What it does
        Reports the word "tonic".
        """

        code, summary = "TST120", "Finds tonic"
        messages = {"word": "the word `{word}`"}

        def check(self, ctx: Context) -> None:
            start = ctx.doc.text.find("tonic")
            if start >= 0:
                offered = ctx.replace(start, start + 5, "remedy") if fix else None
                ctx.report(start, start + 5, message, word="tonic", fix=offered)

    Words.name, Words.fixable = name, fixable
    return Words


def test_rule_tester_rejects_an_undeclared_message_id():
    import pytest

    from medlint.testing import RuleTester

    assert [d.message for d in RuleTester(_rule("ok-id")).lint("A tonic.\n")] == ["the word `tonic`"]
    with pytest.raises(AssertionError, match="UnknownMessageId: typo-id reported message id 'wrod'"):
        RuleTester(_rule("typo-id", message="wrod")).lint("A tonic.\n")
    # a literal message text (not an id) is still allowed
    assert RuleTester(_rule("literal", message="a literal {word} text")).lint("A tonic.\n")[0].message == \
        "a literal tonic text"


def test_rule_tester_rejects_a_fix_from_a_rule_not_declaring_fixable():
    import pytest

    from medlint.testing import RuleTester, RuleTesterError

    assert RuleTester(_rule("fixes", fixable=True, fix=True)).fix("A tonic.\n") == "A remedy.\n"
    with pytest.raises(RuleTesterError, match="undeclared-fix offered a fix but does not declare `fixable = True`"):
        RuleTester(_rule("undeclared-fix", fix=True)).lint("A tonic.\n")


def test_outside_tests_an_undeclared_id_is_reported_as_written():
    import datetime as dt

    from medlint.document import Document
    from medlint.engine import ConfiguredRule, run_rules
    from medlint.rule import RunContext

    rule = _rule("lenient", message="wrod")
    [found] = run_rules(Document.from_text("A tonic.\n"), [ConfiguredRule(rule(), rule.severity)],
                        RunContext(dt.date(2026, 1, 1)))
    assert (found.rule, found.message) == ("lenient", "wrod")
