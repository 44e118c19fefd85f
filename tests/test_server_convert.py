"""The editor server's conversions, in process: medlint positions to LSP ones (UTF-16),
minimal edits, and the suppression comment it inserts (which must really suppress)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types

from medlint.fixes import apply
from medlint.live import Project, locate
from medlint.runner import RunOptions
from medlint.server.convert import Lines, apply_edits, edit_between, offset_position, utf16_units
from medlint.server.lsp import _suppression


def utf32(text: str) -> int:
    return len(text)


@pytest.mark.parametrize("text, line, column, expected", [
    ("plain text", 1, 7, (0, 6)),
    ("😀 smile", 1, 3, (0, 3)),  # the emoji is one code point, two UTF-16 units
    ("更多内容 here", 1, 6, (0, 5)),  # CJK: one unit each
    ("a\n𝄞𝄞x", 2, 3, (1, 4)),  # two astral characters before x
    ("a\r\nb😀c\r\n", 2, 3, (1, 3)),  # CRLF is one line break
    ("a\rb", 2, 2, (1, 1)),  # so is a lone CR
    ("short", 1, 99, (0, 5)),  # past the end of the line: its end
    ("one\ntwo", 7, 1, (1, 3)),  # past the last line: the end of the text
    ("\ufeffab\ncd", 1, 2, (0, 2)), ("\ufeffab\ncd", 2, 2, (1, 1)),  # a BOM counts for the editor only
])
def test_positions_are_utf16_code_units(text, line, column, expected):
    assert Lines(text).position(line, column, utf16_units) == types.Position(*expected)


def test_other_negotiated_encodings_count_their_own_units():
    assert Lines("😀x").position(1, 2, utf32) == types.Position(0, 1)
    assert Lines("😀x").position(1, 2, lambda s: len(s.encode("utf-8"))) == types.Position(0, 4)


@pytest.mark.parametrize("text, character, expected", [
    ("😀x", 0, (1, 1)), ("😀x", 2, (1, 2)), ("😀x", 1, (1, 2)),  # inside the pair: after it
    ("更多x", 2, (1, 3)), ("ab", 9, (1, 3)), ("\ufeffab", 2, (1, 2)),
])
def test_lsp_positions_back_to_code_points(text, character, expected):
    assert Lines(text).column(types.Position(0, character), utf16_units) == expected


@pytest.mark.parametrize("old, new", [
    ("abc", "abXc"), ("😀 a\nb", "😀 A\nb"), ("x\r\ny\r\n", "x\r\nz\r\ny\r\n"), ("a\r\nb", "a\nb"),
    ("same", "same"), ("", "new"), ("gone", ""), ("line1\nline2\n", "line1\n<!-- c -->\nline2\n"),
])
def test_edit_between_is_minimal_and_exact(old, new):
    edit = edit_between(old, new, utf16_units)
    if old == new:
        assert edit is None
        return
    assert apply_edits(old, [edit]) == new
    assert len(edit.new_text) <= len(new)


def test_offset_position_counts_line_breaks_of_every_kind():
    assert offset_position("a\r\nb\rc\nd😀e", 9, utf16_units) == types.Position(3, 3)


# -- the suppression comment ---------------------------------------------------------
TODAY = dt.date.today().isoformat()
HEAD = textwrap.dedent(f"""\
    ---
    title: T
    author: A
    medically_reviewed_by: B
    last_reviewed: {TODAY}
    ---

    """)


@pytest.mark.parametrize("body, rule", [
    # a paragraph's later line: the comment goes at the end of the line above
    ("Iron matters.\nSee https://example.org/a now.\n", "link-bare"),
    # the first line of a paragraph, after a blank line: a line of its own
    ("Intro.\n\nSee https://example.org/a now.\n", "link-bare"),
    # the first body line, right below the front matter
    ("See https://example.org/a now.\n", "link-bare"),
    # a list item below another one
    ("- first item\n- see https://example.org/a now\n", "link-bare"),
    # an indented list item continuation
    ("- first item\n\n  see https://example.org/a now\n", "link-bare"),
    ("Magic pills cure everything.\n", "absolute-claim"),
    # a table row below another one: inside the last cell of the row above
    ("| source | note |\n|---|---|\n| NHS | fine |\n| blog | https://example.org/a |\n", "link-bare"),
])
def test_the_inserted_comment_suppresses_the_finding(tmp_path: Path, body, rule):
    path = str(tmp_path / "a.md")
    project = Project(RunOptions(isolated=True))
    text = HEAD + body
    before = project.lint(path, text)
    [finding] = [d for d in before.diagnostics if d.rule == rule]
    fix = _suppression(finding, before)
    assert fix is not None
    fixed, applied = apply(before.source, [fix])
    assert applied == 1 and "<!-- medlint-disable-next-line" in fixed
    after = project.lint(path, fixed)
    assert [d.rule for d in after.diagnostics if d.rule in (rule, "unused-suppression")] == []
    # Nothing else changed: the same findings, besides the suppressed one.
    assert sorted(d.rule for d in after.diagnostics) == sorted(d.rule for d in before.diagnostics if d.rule != rule)


@pytest.mark.parametrize("text, rule", [
    ("---\ntitle: T\n---\n", "frontmatter-schema"),  # in the front matter: no comment can go there
    ("```\ncode\n```\nhttps://example.org/a\n", "link-bare"),  # below a fence line
    ("| a | b |\n|---|---|\n| https://example.org/a | c |\n", "link-bare"),  # below a table's delimiter row
])
def test_no_suppression_where_a_comment_cannot_go(tmp_path: Path, text, rule):
    project = Project(RunOptions(isolated=True))
    linted = project.lint(str(tmp_path / "a.md"), text)
    targets = [d for d in linted.diagnostics if d.rule == rule]
    assert targets
    assert all(_suppression(d, linted) is None for d in targets)


def test_rule_errors_cannot_be_suppressed(tmp_path: Path):
    project = Project(RunOptions(isolated=True))
    linted = project.lint(str(tmp_path / "a.md"), "# T\n\nhttps://example.org/a\n")
    [bare] = [d for d in linted.diagnostics if d.rule == "link-bare"]
    bare.data["unsuppressible"] = True  # as rule-error and file-unreadable findings are
    assert _suppression(bare, linted) is None


# -- config problems point at the file and line -------------------------------------
def test_locate_config_errors(tmp_path: Path):
    config = tmp_path / "medlint.toml"
    config.write_text('include = ["*.md"]\n\n[rules.link-bare]\nseverty = "off"\n', encoding="utf-8")
    registry = tmp_path / "claims.yaml"
    registry.write_text("x: 1\n", encoding="utf-8")
    assert locate(f"{config}: unknown key `rules.link-bare.severty`") == (
        str(config), 4, "unknown key `rules.link-bare.severty`")
    assert locate(f"{config}: invalid TOML: Expected '=' (at line 3, column 2)")[:2] == (str(config), 3)
    assert locate(f"claim registry: {registry}:1: bad entry")[:2] == (str(registry), 1)
    assert locate("no file named here: oops") == (None, 1, "no file named here: oops")


# -- a server in this process, no client connection ------------------------------------
Published = list[tuple[str, list[types.Diagnostic], int | None]]


def in_process_server(tmp_path: Path, text: str, project: Project | None = None,
                      version: int = 1) -> tuple[Any, str, Published]:
    """The server with ``text`` open as ``a.md``; returns it, the document's URI and
    the list that receives each publish as ``(uri, diagnostics, version)``."""
    from pygls.workspace import Workspace

    from medlint.server.lsp import build

    server = build(project or Project(RunOptions(isolated=True)))
    server.protocol._workspace = Workspace(None)
    server.protocol.client_capabilities = types.ClientCapabilities()  # no codeAction/resolve
    uri = (tmp_path / "a.md").as_uri()
    server.workspace.put_text_document(types.TextDocumentItem(uri=uri, language_id="markdown", version=version,
                                                              text=text))
    server.open_uris.add(uri)
    published: Published = []
    server._publish = lambda uri, diagnostics, version=None: published.append((uri, diagnostics, version))
    return server, uri, published


# -- a bug in medlint costs one document's findings, not the server --------------------
class Exploding(Project):
    def lint(self, path, text):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in medlint")


def test_a_failing_lint_is_published_as_a_rule_error(tmp_path: Path):
    server, uri, sent = in_process_server(tmp_path, "# Title\n", Exploding(), version=3)
    server.lint_and_publish(uri)
    [(where, [diagnostic], version)] = sent
    assert (where, version) == (uri, 3)
    assert diagnostic.code == "ML901"
    assert diagnostic.message.startswith("rule `medlint` failed on this file: RuntimeError: a bug in medlint")


# -- reload reads a team's files again ---------------------------------------------------
def test_reload_picks_up_edited_registry_and_schema_files(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "medlint.toml").write_text('claims = ["claims.yaml"]\nfrontmatter-schema = "fm.json"\n'
                                           'select = ["claim-registry-conflict", "frontmatter-schema"]\n',
                                           encoding="utf-8")
    registry = tmp_path / "claims.yaml"
    entry = "version: 1\nclaims:\n  - id: b12\n    subject: vitamin_b12\n    effect: muscle_cramps\n" \
            "    stance: {stance}\n    source: test\n"
    registry.write_text(entry.format(stance="negative"), encoding="utf-8")
    schema = tmp_path / "fm.json"
    schema.write_text('{"type": "object", "required": ["title"]}', encoding="utf-8")
    article = str(tmp_path / "a.md")
    text = "---\ntitle: T\n---\n\nB12 can cause cramps.\n"
    project = Project()

    def rules() -> list[str]:
        return sorted(d.rule for d in project.lint(article, text).diagnostics)

    assert rules() == ["claim-registry-conflict"]
    registry.write_text(entry.format(stance="positive"), encoding="utf-8")
    schema.write_text('{"type": "object", "required": ["title", "author"]}', encoding="utf-8")
    assert rules() == ["claim-registry-conflict"], "without a reload the loaded files are kept"
    project.reload()
    assert rules() == ["frontmatter-schema"]


@pytest.mark.parametrize("name, wanted", [
    ("content/a.md", True), ("content/deep/b.mdx", True), ("README.md", False), ("content/notes.txt", False),
    ("content/drafts/c.md", False),
])
def test_the_server_lints_what_the_config_includes(tmp_path: Path, name, wanted):
    (tmp_path / "medlint.toml").write_text('include = ["content/**/*.md", "content/**/*.mdx"]\nexclude = ["drafts"]\n',
                                           encoding="utf-8")
    assert Project().wants(str(tmp_path / name)) is wanted


def test_without_a_config_every_markdown_file_is_linted(tmp_path: Path):
    assert Project().wants(str(tmp_path / "README.md")) and not Project().wants(str(tmp_path / "a.txt"))


# -- code actions, in process -------------------------------------------------------


def test_unsafe_fixes_are_labelled_and_fix_all_comes_with_its_edit(tmp_path: Path):
    text = "# T\n\nSee www.example.org and https://example.org/b today.\n"
    server, uri, _ = in_process_server(tmp_path, text)
    actions = server.code_actions(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(types.Position(2, 0), types.Position(2, 60)), context=types.CodeActionContext(diagnostics=[])))
    titles = {a.title: a for a in actions}
    [unsafe] = [a for t, a in titles.items() if "unsafe: check the new wording" in t]
    assert not unsafe.is_preferred
    assert apply_edits(text, list(unsafe.edit.document_changes[0].edits)) == \
        "# T\n\nSee [www.example.org](https://www.example.org) and https://example.org/b today.\n"
    fix_all = titles["Fix all safe problems in this file (medlint)"]
    assert fix_all.kind == "source.fixAll.medlint"
    # The client cannot resolve: the edit comes at once, and applies only the safe fix.
    assert apply_edits(text, list(fix_all.edit.document_changes[0].edits)) == \
        "# T\n\nSee www.example.org and <https://example.org/b> today.\n"


def test_only_asks_for_a_kind(tmp_path: Path):
    server, uri, _ = in_process_server(tmp_path, "# T\n\nSee https://example.org/b today.\n")
    actions = server.code_actions(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(types.Position(2, 5), types.Position(2, 5)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert [a.kind for a in actions] == ["source.fixAll.medlint"]


def test_actions_keep_crlf_and_the_bom(tmp_path: Path):
    text = "\ufeff# T\r\n\r\nSee https://example.org/b 😀.\r\n"
    server, uri, _ = in_process_server(tmp_path, text)
    actions = server.code_actions(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(types.Position(2, 6), types.Position(2, 6)),
        context=types.CodeActionContext(diagnostics=[])))
    by_title = {a.title.split(" (")[0]: a for a in actions}
    fixed = apply_edits(text, list(by_title["Wrap the URL in <...>"].edit.document_changes[0].edits))
    assert fixed == "\ufeff# T\r\n\r\nSee <https://example.org/b> 😀.\r\n"
    suppressed = apply_edits(text, list(by_title["Suppress link-bare"].edit.document_changes[0].edits))
    assert suppressed == ("\ufeff# T\r\n\r\n<!-- medlint-disable-next-line link-bare -- reason -->\r\n"
                          "See https://example.org/b 😀.\r\n")


def test_edits_on_the_first_line_of_a_bom_text():
    old = "\ufeffSee 😀 here\n"
    new = "\ufeffSee 😀 there\n"
    assert apply_edits(old, [edit_between(old, new, utf16_units)]) == new


HANGING_PLUGIN = '''
from medlint.rule import Rule


class Hangs(Rule):
    """Never returns.

    ## What it does
    Loops.

    ## Why it matters
    Tests need a rule that hangs.

    ## Example
    ```markdown
    x
    ```

    ## Use instead
    ```markdown
    y
    ```
    """

    code = "TST002"
    name = "hangs"
    summary = "Hangs"

    def check(self, ctx):
        while True:
            pass


RULES = [Hangs]
'''


def test_a_hanging_rule_is_stopped_and_reported(tmp_path: Path):
    """Linting runs on the server's main thread, where the engine's time limit works."""
    (tmp_path / "hang.py").write_text(HANGING_PLUGIN, encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('plugins = ["hang.py"]\nselect = ["hangs", "link-bare"]\n',
                                           encoding="utf-8")
    server, uri, sent = in_process_server(tmp_path, "# T\n\nSee https://example.org/a.\n",
                                          Project(RunOptions(time_limit=0.3)))
    server.lint_and_publish(uri)
    [(_, diagnostics, _)] = sent
    messages = sorted(d.message.split("\n")[0] for d in diagnostics)
    assert messages == ["bare URL in prose: https://example.org/a",
                        "rule `hangs` failed on this file: took longer than 0.3 s"]
