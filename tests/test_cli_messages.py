"""What a new user meets (issue #15): usage errors, summaries that tell the truth,
"did you mean", crashed plugins, --exit-zero. Through CliRunner and a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import click
from click.testing import CliRunner

from medlint.cli import main

from test_cli import BAD, GOOD

TODAY = ["--today", "2026-11-25"]


def run(args, cwd: Path, input=None):
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, args, input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def medlint(args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "medlint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    return tmp_path


# -- 1. a path that does not exist is a usage error ---------------------------
def test_missing_path_is_a_usage_error_naming_it(project):
    done = medlint(["check", "artcles/", *TODAY], project)
    assert done.returncode == 2
    assert "artcles/: no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


@pytest.mark.parametrize("command", [["check", "good.md", "gone.md"], ["baseline", "b.json", "gone.md"],
                                     ["claims", "gone.md"]])
def test_missing_path_in_every_linting_command(project, command):
    result = run(command, project)
    assert result.exit_code == 2
    assert "gone.md: no such file or folder" in result.stderr


def test_dangling_symlink_named_explicitly_is_still_a_finding(project):
    (project / "link.md").symlink_to(project / "nowhere.md")
    result = run(["check", "link.md", "--format", "json", *TODAY], project)
    assert result.exit_code == 1
    [d] = json.loads(result.stdout)
    assert d["rule"] == "file-unreadable" and "does not exist" in d["message"]


# -- 2. nothing matched / nothing selected -----------------------------------
def test_folder_without_markdown_says_nothing_matched(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    result = run(["check", "notes"], tmp_path)
    assert result.exit_code == 0
    assert "All checks passed" not in result.stdout
    assert "No files matched" in result.stdout
    from medlint.config import DEFAULT_INCLUDE

    assert (f"no files to lint: nothing matched 'notes' with include = {json.dumps(list(DEFAULT_INCLUDE))}, "
            "exclude = [\"drafts\"]") in result.stderr
    assert "medlint.toml" in result.stderr


def test_configured_include_is_named_when_nothing_matched(tmp_path):
    (tmp_path / "medlint.toml").write_text('include = ["content/**/*.md"]\n', encoding="utf-8")
    (tmp_path / "README.md").write_text("# Readme\n", encoding="utf-8")
    result = run(["check"], tmp_path)
    assert result.exit_code == 0
    assert 'include = ["content/**/*.md"]' in result.stderr


@pytest.mark.parametrize("selection", [["--select", ""], ["--select", "ML101", "--ignore", "ML1"]])
def test_selection_of_no_rule_says_so(project, selection):
    result = run(["check", "bad.md", *selection, *TODAY], project)
    assert result.exit_code == 0, result.output
    assert "All checks passed" not in result.stdout
    assert "No rule selected: nothing was checked (1 file)." in result.stdout
    assert "leave no rule enabled" in result.stderr


# -- 3. the true source of a bad rule name, and "did you mean" ----------------
@pytest.mark.parametrize("args, where", [
    (["--select", "readabilty-grade"], "command line `--select`"),
    (["--ignore", "ML9O1"], "command line `--ignore`"),
    (["--isolated", "--extend-select", "link-bare,review-stal"], "command line `--extend-select`"),
])
def test_unknown_rule_on_the_command_line_is_blamed_on_it(project, args, where):
    (project / "medlint.toml").write_text("", encoding="utf-8")
    result = run(["check", "good.md", *args], project)
    assert result.exit_code == 2
    assert where in result.stderr and "medlint.toml" not in result.stderr and "(defaults)" not in result.stderr
    assert "did you mean `" in result.stderr


@pytest.mark.parametrize("toml, expected", [
    ('select = ["readabilty-grade"]', "medlint.toml: `select`: unknown rule `readabilty-grade`; "
                                      "did you mean `readability-grade`?"),
    ('[rules.review-stal]\nmax_age_days = 3', "`rules.review-stal`: unknown rule `review-stal`; "
                                               "did you mean `review-stale`?"),
    ('[per-file-ignores]\n"a.md" = ["ML3O1"]', "did you mean `ML301`?"),
    ('select = ["zzzzzz"]', "unknown rule `zzzzzz` (see `medlint rules`)"),
])
def test_unknown_rule_in_config_suggests(project, toml, expected):
    (project / "medlint.toml").write_text(toml + "\n", encoding="utf-8")
    result = run(["check", "good.md"], project)
    assert result.exit_code == 2
    assert expected in result.stderr


def test_unknown_rule_in_a_suppression_suggests(project):
    (project / "s.md").write_text(GOOD.replace("# Iron basics\n", "# Iron basics\n\n"
                                               "<!-- medlint-disable-next-line link-bair -->\n"), encoding="utf-8")
    result = run(["check", "s.md", "--format", "json", *TODAY], project)
    [d] = [d for d in json.loads(result.stdout) if d["rule"] == "unused-suppression"]
    assert "unknown rule `link-bair`" in d["message"]
    assert d["hint"] == "did you mean `link-bare`?"


def test_explain_suggests(project):
    result = run(["explain", "readability"], project)
    assert result.exit_code == 2
    assert "unknown rule `readability`; did you mean `readability-grade`?" in result.stderr


# -- 4. a crashing plugin: rule, file, the plugin's own file:line, traceback ---
CRASHING = '''
from medlint.rule import Rule


def helper(x):
    return 1 / x


class Divides(Rule):
    """Divides.

    ## What it does
    Crashes.

    ## Why it matters
    Tests need a crash.

    ## Example
    ```markdown
    x
    ```

    ## Use instead
    ```markdown
    y
    ```
    """

    code = "TST901"
    name = "divides"
    summary = "Crashes"

    def check(self, ctx):
        helper(0)


RULES = [Divides]
'''


def test_crashing_plugin_names_rule_file_and_its_own_line(project):
    plugin = project / "crash.py"
    plugin.write_text(textwrap.dedent(CRASHING), encoding="utf-8")
    (project / "medlint.toml").write_text('plugins = ["crash.py"]\n', encoding="utf-8")
    result = run(["check", "good.md", "--format", "json", *TODAY], project)
    assert result.exit_code == 2
    [d] = [d for d in json.loads(result.stdout) if d["rule"] == "rule-error"]
    assert d["path"] == "good.md"
    assert d["message"] == (f"rule `divides` failed on this file: ZeroDivisionError: division by zero "
                            f"(at {plugin}:6)")
    assert "Traceback" not in result.stderr
    shown = run(["check", "good.md", "--show-traceback", *TODAY], project)
    assert "good.md: rule `divides` crashed:" in shown.stderr
    assert "Traceback (most recent call last)" in shown.stderr and "in helper" in shown.stderr
    assert "ZeroDivisionError: division by zero" in shown.stderr


# -- 5. --exit-zero -------------------------------------------------------------
def test_exit_zero_reports_but_never_fails(project):
    result = medlint(["check", "bad.md", "--exit-zero", *TODAY], project)
    assert result.returncode == 0
    assert "Found" in result.stdout and "bad.md:" in result.stdout


def test_exit_zero_keeps_exit_2_for_usage_errors(project):
    assert run(["check", "nope.md", "--exit-zero"], project).exit_code == 2


# -- 6-8. summaries that tell the truth -----------------------------------------
WARNS = GOOD.replace("carry oxygen [1].", "carry oxygen [1]. See https://example.org/a and https://example.org/b.")


def test_max_warnings_failure_says_why(project):
    (project / "w.md").write_text(WARNS, encoding="utf-8")
    result = run(["check", "w.md", "--max-warnings", "1", *TODAY], project)
    assert result.exit_code == 1
    assert "medlint: 2 warnings exceed --max-warnings 1" in result.stderr
    ok = run(["check", "w.md", "--max-warnings", "2", *TODAY], project)
    assert ok.exit_code == 0 and "exceed" not in ok.stderr


def test_config_max_warnings_failure_says_why(project):
    (project / "w.md").write_text(WARNS, encoding="utf-8")
    (project / "medlint.toml").write_text("max-warnings = 0\n", encoding="utf-8")
    result = run(["check", "w.md", "--format", "json", *TODAY], project)
    assert result.exit_code == 1
    assert "medlint: 2 warnings exceed max-warnings (config) 0" in result.stderr
    json.loads(result.stdout)  # the note never lands in the report


def test_baseline_says_how_many_findings_it_hid(project):
    (project / "w.md").write_text(WARNS, encoding="utf-8")
    assert run(["baseline", "bl.json", "w.md", *TODAY], project).exit_code == 0
    result = run(["check", "w.md", "--baseline", "bl.json", *TODAY], project)
    assert result.exit_code == 0
    assert "All checks passed (1 file linted; 2 findings hidden by the baseline)." in result.stdout
    as_json = run(["check", "w.md", "--baseline", "bl.json", "--format", "json", *TODAY], project)
    assert json.loads(as_json.stdout) == [] and "medlint: 2 findings hidden by the baseline" in as_json.stderr
    (project / "w.md").write_text(WARNS.replace("## References", "See https://example.org/c.\n\n## References"),
                                  encoding="utf-8")
    new = run(["check", "w.md", "--baseline", "bl.json", *TODAY], project)
    assert "Found 1 problem (1 warning) in 1 of 1 file. 1 fixable with --fix. " \
           "(2 findings hidden by the baseline.)" in new.stdout


CONTRADICTION = Path(__file__).resolve().parents[1] / "content" / "defects" / "b12-contradiction.md"


def test_quiet_prints_no_related_lines(tmp_path):
    loud = run(["check", str(CONTRADICTION), *TODAY], tmp_path)
    assert "= related:" in loud.stdout
    quiet = run(["check", "-q", str(CONTRADICTION), *TODAY], tmp_path)
    assert "claim-contradiction" in quiet.stdout
    assert "= related:" not in quiet.stdout and "= hint:" not in quiet.stdout and "|" not in quiet.stdout


# -- 9. the README's first command fails on purpose, and says so ------------------
def test_readme_says_the_bundled_content_command_exits_1(tmp_path):
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "medlint check content/ --today 2026-11-25" in readme
    assert "exit code 1 on purpose" in readme
    assert run(["check", str(root / "content"), "--today", "2026-11-25", "-q"], tmp_path).exit_code == 1
    assert "medlint check content/articles/ --today 2026-11-25" in readme
    assert run(["check", str(root / "content" / "articles"), "--today", "2026-11-25"], tmp_path).exit_code == 0


# -- 13. config --show honours the front matter's medlint.ignore ---------------------
def test_config_show_honours_front_matter_ignore(project):
    (project / "fm.md").write_text(BAD.replace("---\n# Iron", "medlint:\n  ignore: [link-bare, ML3O2]\n---\n# Iron"),
                                   encoding="utf-8")
    result = run(["config", "--show", "fm.md"], project)
    assert result.exit_code == 0
    assert "ML305 link-bare: ignored (warning)  (fm.md front matter `medlint.ignore`)" in result.stdout
    assert "ML302 citation-unresolved: error" in result.stdout
    assert "front matter `medlint.ignore`: unknown rule `ML3O2`; did you mean `ML302`?" in result.stderr
    checked = {d["rule"] for d in json.loads(run(["check", "fm.md", "--format", "json", *TODAY], project).stdout)}
    assert "link-bare" not in checked  # what check does, config --show says


# -- 14. --force-exclude ----------------------------------------------------------------
def test_force_exclude_applies_exclude_to_named_files(project):
    (project / "drafts").mkdir()
    (project / "drafts" / "wip.md").write_text(BAD, encoding="utf-8")
    (project / "medlint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    assert run(["check", "drafts/wip.md", *TODAY], project).exit_code == 1  # named: linted
    forced = run(["check", "drafts/wip.md", "good.md", "--force-exclude", "--format", "json", *TODAY], project)
    assert forced.exit_code == 0 and json.loads(forced.stdout) == []
    alone = run(["check", "drafts/wip.md", "--force-exclude", *TODAY], project)
    assert alone.exit_code == 0 and "No files matched" in alone.stdout


def test_pre_commit_hook_uses_force_exclude():
    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["entry"] == "medlint check --force-exclude"


# -- 15. init writes a content-folder include ------------------------------------------
def test_init_includes_the_content_folder_and_says_so(tmp_path):
    (tmp_path / "README.md").write_text("# Project\n", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(GOOD, encoding="utf-8")
    from medlint.config import DEFAULT_INCLUDE

    result = run(["init"], tmp_path)
    assert result.exit_code == 0
    include = json.dumps([f"articles/{p}" for p in DEFAULT_INCLUDE])
    assert f"include = {include}" in (tmp_path / "medlint.toml").read_text(encoding="utf-8")
    assert include.startswith('["articles/**/*.md"')
    assert "lints the articles under articles/" in result.stdout
    checked = run(["check", "--format", "json", *TODAY], tmp_path)
    assert json.loads(checked.stdout) == [] and checked.exit_code == 0  # README.md is not an article


def test_init_without_articles_uses_content(tmp_path):
    result = run(["init"], tmp_path)
    assert 'include = ["content/**/*.md"' in (tmp_path / "medlint.toml").read_text(encoding="utf-8")
    assert "under content/ (no such folder yet)" in result.stdout


# -- 17. .gitignore is respected when walking folders; pathspec only when needed --------
@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "content" / "generated").mkdir(parents=True)
    (root / "content" / "keep").mkdir()
    for name in ("content/a.md", "content/generated/g.md", "content/keep/k.md", "content/scratch.md",
                 "content/keep/also.md"):
        (root / name).write_text(BAD, encoding="utf-8")
    (root / ".gitignore").write_text("generated/\nscratch.md\n", encoding="utf-8")
    (root / "content" / "keep" / ".gitignore").write_text("*.md\n!k.md\n", encoding="utf-8")
    (root / ".git" / "info").mkdir()
    (root / ".git" / "info" / "exclude").write_text("/content/a.md\n", encoding="utf-8")
    return root


def paths_linted(result):
    return sorted({d["path"] for d in json.loads(result.stdout)})


def test_gitignore_is_respected_when_walking(repo):
    result = run(["check", "content", "--format", "json", *TODAY], repo)
    assert paths_linted(result) == ["content/keep/k.md"]
    from_inside = run(["check", ".", "--format", "json", *TODAY], repo / "content" / "keep")
    assert paths_linted(from_inside) == ["k.md"]  # the .gitignore files above apply too
    everything = run(["check", "content", "--no-respect-gitignore", "--format", "json", *TODAY], repo)
    assert paths_linted(everything) == ["content/a.md", "content/generated/g.md", "content/keep/also.md",
                                        "content/keep/k.md", "content/scratch.md"]


def test_gitignore_does_not_drop_named_files(repo):
    result = run(["check", "content/scratch.md", "--format", "json", *TODAY], repo)
    assert paths_linted(result) == ["content/scratch.md"]


def test_gitignore_outside_the_repository_is_not_read(repo):
    (repo.parent / ".gitignore").write_text("*.md\n", encoding="utf-8")
    result = run(["check", "content", "--format", "json", *TODAY], repo)
    assert paths_linted(result) == ["content/keep/k.md"]


def test_linting_one_file_does_not_import_pathspec(project):
    code = ("import sys\nfrom medlint.cli import main\n"
            "try:\n    main(['check', 'good.md', '--no-cache', '--today', '2026-11-25'])\n"
            "except SystemExit as exit:\n    print('exit', exit.code, 'pathspec' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert "exit 0 False" in done.stderr, done.stderr
    walked = subprocess.run([sys.executable, "-c", code.replace("'good.md'", "'.'")], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert walked.stderr.strip().endswith("True"), walked.stderr  # walking a folder matches globs


# -- 18. the caret under wide characters ------------------------------------------------
@pytest.mark.parametrize("before, columns", [
    ("日本語の文章です ", 17),  # eight wide characters and a space
    ("Emoji 😀😀 then ", 16),
    ("Café au lait ", 13),  # accented, but one column each
    ("plain ", 6),
])
def test_caret_is_placed_by_display_width(tmp_path, before, columns):
    (tmp_path / "w.md").write_text(f"# T\n\n{before}https://example.org/x here.\n", encoding="utf-8")
    result = run(["check", "--isolated", "--select", "ML305", "w.md"], tmp_path)
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("3 | "))
    caret = lines[at + 1]
    assert caret == "  | " + " " * columns + "^" * len("https://example.org/x"), lines[at:at + 2]


def test_ascii_lines_do_not_import_wcwidth(project):
    code = ("import sys\nfrom medlint.cli import main\n"
            "try:\n    main(['check', 'bad.md', '--no-cache', '--today', '2026-11-25'])\n"
            "except SystemExit:\n    print('wcwidth' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert "^" in done.stdout and done.stderr.strip().endswith("False"), done.stderr


# -- 19. every option of every command has help text ---------------------------------
def test_every_option_has_help_text():
    missing = []
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and not param.help and "--help" not in param.opts:
                missing.append(f"{name} {param.opts[0]}")
    assert missing == [], missing
    for name in ("baseline", "config", "merge"):
        assert "--" in run([name, "--help"], Path.cwd()).stdout


def test_readme_documents_the_new_options_and_the_progress_bar():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for needle in ("--exit-zero", "--force-exclude", "--no-respect-gitignore", ".gitignore", "extends =",
                   "root = true", "progress bar", "pre-commit autoupdate --freeze", '"applicability"'):
        assert needle in readme, needle


def test_watch_with_a_missing_path_is_a_usage_error(tmp_path):
    done = medlint(["check", "--watch", "nope.md"], tmp_path)
    assert done.returncode == 2 and "medlint: error: nope.md: no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_watch_refuses_a_baseline_it_would_not_apply(tmp_path):
    """Regression: `check --watch --baseline b.json` listed every finding, baselined ones too."""
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.json").write_text("[]", encoding="utf-8")
    done = medlint(["check", "--watch", "--baseline", "b.json", "a.md"], tmp_path)
    assert done.returncode == 2 and "--baseline" in done.stderr and "Traceback" not in done.stderr


def test_config_show_of_a_missing_file_is_a_usage_error(tmp_path):
    """Regression: `config --show nope.md` printed settings and exited 0."""
    done = medlint(["config", "--show", "nope.md"], tmp_path)
    assert done.returncode == 2 and "medlint: error: nope.md: no such file or folder" in done.stderr
