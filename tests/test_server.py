"""`medlint server` end to end: a real LSP client (pygls's LanguageClient) starts the
server as a subprocess and talks to it over stdio, as an editor does (SPEC §13)."""

from __future__ import annotations

import asyncio
import datetime as dt
import textwrap
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
from lsprotocol import types

from lsp_client import CAPABILITIES, Editor

TODAY = dt.date.today().isoformat()

ARTICLE = textwrap.dedent(f"""\
    ---
    title: Iron
    author: A. Writer
    medically_reviewed_by: Dr. B
    last_reviewed: {TODAY}
    ---

    # Iron basics

    Iron helps your blood carry oxygen [1].
    Read 😀 更多 https://example.org/iron today.

    ## Medical disclaimer

    This article is for information only and is not a substitute for professional medical advice.

    ## References

    1. Iron fact sheet. NIH Office of Dietary Supplements. <https://ods.od.nih.gov/factsheets/Iron-Consumer/>
    """)
URL_LINE = 10  # 0-based: "Read 😀 更多 https://example.org/iron today."


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "medlint.toml").write_text('[rules.readability-grade]\nseverity = "off"\n', encoding="utf-8")
    return tmp_path


def run(scenario) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(scenario())


def rng(line: int, start: int, end: int) -> types.Range:
    return types.Range(types.Position(line, start), types.Position(line, end))


def by_code(params: types.PublishDiagnosticsParams, code: str) -> list[types.Diagnostic]:
    return [d for d in params.diagnostics if d.code == code]


def test_a_writing_session(library: Path) -> None:
    """Open, see findings with exact UTF-16 ranges, fix one, hover, fix-all, shut down."""
    path = library / "iron.md"

    async def scenario() -> None:
        editor = Editor(library)
        init = await editor.start()
        assert init.capabilities.position_encoding == types.PositionEncodingKind.Utf16
        assert init.capabilities.hover_provider
        opened = await editor.open(path, ARTICLE)
        uri = editor.uri_of(path)
        [bare] = opened.diagnostics
        # "Read 😀 更多 " is 10 code points (medlint column 11) and 11 UTF-16 units:
        # the emoji takes two, each CJK character one.
        assert bare.range == rng(URL_LINE, 11, 35)
        assert bare.code == "ML305"
        assert bare.source == "medlint"
        assert bare.severity == types.DiagnosticSeverity.Warning
        assert bare.message.startswith("bare URL in prose: https://example.org/iron")
        page = Path(url2pathname(urlparse(bare.code_description.href).path))
        assert page.read_text(encoding="utf-8").startswith("# ML305 · link-bare")
        # Registered dynamically (before the first lint is published).
        [watchers] = [r for r in editor.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
        globs = [w["globPattern"] for w in watchers.register_options["watchers"]]
        assert {"**/*.toml", "**/*.yaml", "**/*.yml", "**/*.py", "**/*.json"} <= set(globs)

        # The unsaved buffer is what gets linted: a second bare URL, typed not saved.
        typed = ARTICLE.replace("today.", "today. See also https://example.org/more now.")
        changed = await editor.change(uri, typed)
        assert [d.range for d in changed.diagnostics] == [rng(URL_LINE, 11, 35), rng(URL_LINE, 52, 76)]

        # Code actions on the first URL: its safe fix and the suppression.
        actions = await editor.code_actions(uri, rng(URL_LINE, 12, 12))
        titles = [a.title for a in actions]
        [fix] = [a for a in actions if a.title.startswith("Wrap the URL")]
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
        assert any(t.startswith("Suppress link-bare (ML305) on this line") for t in titles)
        assert "Fix all safe problems in this file (medlint)" in titles
        after_fix = await editor.apply(fix)
        assert "Read 😀 更多 <https://example.org/iron> today." in editor.texts[uri]
        assert [d.range for d in after_fix.diagnostics] == [rng(URL_LINE, 54, 78)]

        # Hover over the remaining finding: the rule's explanation.
        hover = await editor.hover(uri, URL_LINE, 60)
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.kind == types.MarkupKind.Markdown
        assert "# ML305 · link-bare" in hover.contents.value and "## Why it matters" in hover.contents.value
        assert await editor.hover(uri, 0, 0) is None

        # Fix all (resolved lazily, as VS Code asks for it).
        [fix_all] = await editor.code_actions(uri, rng(0, 0, 0), only=["source.fixAll"])
        assert fix_all.edit is None
        resolved = await editor.resolve(fix_all)
        clean = await editor.apply(resolved)
        assert clean.diagnostics == ()
        assert "See also <https://example.org/more> now." in editor.texts[uri]

        # Closing the document clears its findings.
        await editor.change(uri, ARTICLE)
        mark = len(editor.published)
        editor.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        assert (await editor.wait_for(uri, after=mark)).diagnostics == ()

        assert await editor.stop() == 0

    run(scenario)


def test_suppress_action_inserts_a_comment_that_suppresses(library: Path) -> None:
    path = library / "iron.md"

    async def scenario() -> None:
        editor = Editor(library)
        await editor.start()
        await editor.open(path, ARTICLE)
        uri = editor.uri_of(path)
        actions = await editor.code_actions(uri, rng(URL_LINE, 20, 20))
        [suppress] = [a for a in actions if a.title.startswith("Suppress")]
        after = await editor.apply(suppress)
        lines = editor.texts[uri].split("\n")
        assert lines[URL_LINE - 1] == ("Iron helps your blood carry oxygen [1]. "
                                       "<!-- medlint-disable-next-line link-bare -- reason -->")
        assert after.diagnostics == ()  # suppressed, and the suppression is used
        assert await editor.stop() == 0

    run(scenario)


def test_config_changes_are_picked_up_without_a_restart(library: Path) -> None:
    path = library / "iron.md"
    config = library / "medlint.toml"

    async def scenario() -> None:
        editor = Editor(library)
        await editor.start()
        opened = await editor.open(path, ARTICLE)
        uri, config_uri = editor.uri_of(path), editor.uri_of(config)
        assert [d.code for d in opened.diagnostics] == ["ML305"]

        config.write_text('[rules.readability-grade]\nseverity = "off"\n[rules.link-bare]\nseverity = "off"\n',
                          encoding="utf-8")
        mark = editor.files_changed(config)
        # A publish already on its way from before the change may still arrive after
        # `mark`: wait for the one that reflects the new config.
        relinted = await editor.wait_for(uri, lambda p: not p.diagnostics, after=mark)
        assert relinted.diagnostics == ()

        # A config error is a diagnostic on the config file, at the bad key; the
        # article says why it is not checked; the server lives on.
        config.write_text('# house style\n\ncolour = "red"\n[rules.readability-grade]\nseverity = "off"\n',
                          encoding="utf-8")
        mark = editor.files_changed(config)
        on_config = await editor.wait_for(config_uri, lambda p: bool(p.diagnostics), after=mark)
        [problem] = on_config.diagnostics
        assert "unknown key `colour`" in problem.message
        assert problem.range.start.line == 2
        on_article = await editor.wait_for(
            uri, lambda p: any("cannot check" in d.message for d in p.diagnostics), after=mark)
        [blocked] = on_article.diagnostics
        assert "medlint cannot check this file" in blocked.message

        config.write_text('[rules.readability-grade]\nseverity = "off"\n', encoding="utf-8")
        mark = editor.files_changed(config)
        assert (await editor.wait_for(config_uri, lambda p: not p.diagnostics, after=mark)).diagnostics == ()
        relinted = await editor.wait_for(uri, lambda p: [d.code for d in p.diagnostics] == ["ML305"], after=mark)
        assert [d.code for d in relinted.diagnostics] == ["ML305"]
        assert await editor.stop() == 0

    run(scenario)


CRASHING_PLUGIN = '''
from medlint.rule import Rule


class Crashes(Rule):
    """Crashes on purpose.

    ## What it does
    Raises.

    ## Why it matters
    Tests need a broken rule.

    ## Example
    ```markdown
    boom
    ```

    ## Use instead
    ```markdown
    fine
    ```
    """

    code = "TST001"
    name = "crashes"
    summary = "Crashes"

    def check(self, ctx):
        raise ValueError("cannot cope")


RULES = [Crashes]
'''


def test_a_crashing_rule_and_bad_input_are_diagnostics_not_a_dead_server(library: Path) -> None:
    (library / "crash.py").write_text(CRASHING_PLUGIN, encoding="utf-8")
    (library / "medlint.toml").write_text('plugins = ["crash.py"]\n[rules.readability-grade]\nseverity = "off"\n',
                                          encoding="utf-8")

    async def scenario() -> None:
        editor = Editor(library)
        await editor.start()
        opened = await editor.open(library / "iron.md", ARTICLE)
        crash = [d for d in opened.diagnostics if d.code == "ML901"]
        assert len(crash) == 1 and "rule `crashes` failed on this file: ValueError: cannot cope" in crash[0].message
        assert by_code(opened, "ML305"), "the other rules still ran"

        nested = await editor.open(library / "nested.md", "> " * 5000 + "deep\n\n" + "- " * 3000 + "x\n")
        assert {d.code for d in nested.diagnostics} == {"ML101", "ML201", "ML301", "ML901"}
        # A NUL character: as `medlint check` says of such a file, it looks binary.
        binary = await editor.open(library / "binary.md", "# T\n\nab\x00c\n")
        [unreadable] = binary.diagnostics
        assert unreadable.code == "ML902" and "NUL" in unreadable.message
        assert unreadable.range.start == types.Position(2, 2)
        # Garbage on the wire, and requests about documents that were never opened.
        editor.client.protocol.writer.write(b"Content-Length: 7\r\n\r\n{oops!}")
        never = editor.uri_of(library / "never-opened.md")
        assert await editor.code_actions(never, rng(0, 0, 0)) == []
        assert await editor.hover(never, 0, 0) is None
        # An article outside the config's include globs, and a non-Markdown file, get nothing.
        other = await editor.open(library / "notes.txt", "https://example.org bare", language="plaintext")
        assert other.diagnostics == ()
        # The server still answers.
        assert await editor.hover(editor.uri_of(library / "iron.md"), URL_LINE, 20) is not None
        assert await editor.stop() == 0

    run(scenario)


def test_related_information_points_at_the_other_claim(library: Path) -> None:
    claims = library / "claims"
    claims.mkdir()
    (claims / "b12.yaml").write_text(textwrap.dedent("""\
        version: 1
        claims:
          - id: b12-no-cramps
            subject: vitamin_b12
            effect: muscle_cramps
            stance: negative
            source: "test registry"
        """), encoding="utf-8")
    (library / "medlint.toml").write_text('claims = ["claims/*.yaml"]\n[rules.readability-grade]\nseverity = "off"\n',
                                          encoding="utf-8")
    article = ARTICLE.replace("Iron helps your blood carry oxygen [1].",
                              "B12 never causes cramps [1].\n\nB12 injections can cause cramps [1].")

    async def scenario() -> None:
        editor = Editor(library)
        await editor.start()
        opened = await editor.open(library / "b12.md", article)
        uri = editor.uri_of(library / "b12.md")
        [contradiction] = by_code(opened, "ML402")
        [earlier] = contradiction.related_information
        assert earlier.location.uri == uri
        assert earlier.location.range.start == types.Position(9, 0)
        [registry] = by_code(opened, "ML403")
        [entry] = registry.related_information
        assert entry.location.uri == editor.uri_of(claims / "b12.yaml")
        assert entry.location.range.start.line == 2
        assert "b12-no-cramps" in entry.message
        assert await editor.stop() == 0

    run(scenario)


def test_a_conflict_with_another_article_of_the_library_is_shown_with_its_location(library: Path) -> None:
    """claim-library-conflict in the editor: the unsaved buffer is compared with the
    other articles the config includes (read from disk, or the cache), and the
    diagnostic's related information points into the other article."""
    (library / "medlint.toml").write_text('include = ["**/*.md"]\n[rules.readability-grade]\nseverity = "off"\n',
                                          encoding="utf-8")
    other = ARTICLE.replace("Iron helps your blood carry oxygen [1].", "B12 never causes cramps [1].")
    (library / "b12-basics.md").write_text(other, encoding="utf-8")
    mine = ARTICLE

    async def scenario() -> None:
        editor = Editor(library)
        await editor.start()
        opened = await editor.open(library / "injections.md", mine)
        assert by_code(opened, "ML406") == []
        # The writer types a claim that the other article denies: the conflict appears
        # at once, before the file is saved, with the other article's claim as related.
        changed = await editor.change(editor.uri_of(library / "injections.md"), mine.replace(
            "Iron helps your blood carry oxygen [1].", "B12 injections can cause cramps [1]."))
        [conflict] = by_code(changed, "ML406")
        assert conflict.range.start == types.Position(9, 0)
        [there] = conflict.related_information
        assert there.location.uri == editor.uri_of(library / "b12-basics.md")
        assert there.location.range.start == types.Position(9, 0)
        assert await editor.stop() == 0

    run(scenario)


def test_a_utf32_client_without_dynamic_watchers(library: Path) -> None:
    """Positions in the encoding the client asked for; a reload when a config file is
    saved in the editor, for clients that cannot register file watchers."""
    config = library / "medlint.toml"
    capabilities = types.ClientCapabilities(general=types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf32]))

    async def scenario() -> None:
        editor = Editor(library)
        init = await editor.start(capabilities)
        assert init.capabilities.position_encoding == types.PositionEncodingKind.Utf32
        assert editor.registrations == []
        opened = await editor.open(library / "iron.md", ARTICLE)
        [bare] = opened.diagnostics
        assert bare.range == rng(URL_LINE, 10, 34)  # code points, as medlint counts them
        config.write_text('[rules.readability-grade]\nseverity = "off"\n[rules.link-bare]\nseverity = "off"\n',
                          encoding="utf-8")
        mark = len(editor.published)
        editor.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri_of(config))))
        assert (await editor.wait_for(editor.uri_of(library / "iron.md"), after=mark)).diagnostics == ()
        assert await editor.stop() == 0

    run(scenario)
