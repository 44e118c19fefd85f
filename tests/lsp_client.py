"""A scripted editor for the server tests and the latency benchmark: pygls's own
LanguageClient driving ``medlint server`` as a subprocess over stdio."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from medlint.server.convert import apply_edits, offset_position, utf16_units

WAIT = 60.0  # seconds; only so that a broken server fails the test instead of hanging it

CAPABILITIES = types.ClientCapabilities(
    general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
    workspace=types.WorkspaceClientCapabilities(
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)),
    text_document=types.TextDocumentClientCapabilities(
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True,
                                                                       version_support=True),
        code_action=types.CodeActionClientCapabilities(
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])),
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown])),
)


class Editor:
    """Open, change, ask and wait, as an editor would."""

    def __init__(self, root: Path):
        self.root = root
        self.client = LanguageClient("medlint-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.received_at: list[float] = []  # parallel to published
        self.registrations: list[types.Registration] = []
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self._arrived = asyncio.Event()
        self.stderr = b""

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self.received_at.append(time.perf_counter())
            self._arrived.set()

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def log_message(params: types.LogMessageParams) -> None:
            pass

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show_message(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

        self.messages: list[str] = []

    async def start(self, capabilities: types.ClientCapabilities = CAPABILITIES,
                    options: dict[str, Any] | None = None) -> types.InitializeResult:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        await self.client.start_io(sys.executable, "-m", "medlint", "server", cwd=str(self.root), env=env)
        self._stderr_task = asyncio.create_task(self._collect_stderr())
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities, root_uri=self.uri_of(self.root), process_id=os.getpid(),
            workspace_folders=[types.WorkspaceFolder(uri=self.uri_of(self.root), name="articles")],
            initialization_options=options if options is not None else {"debounceMs": 0})), WAIT)
        self.client.initialized(types.InitializedParams())
        return result

    async def _collect_stderr(self) -> None:
        server = self.client._server
        assert server is not None and server.stderr is not None
        while chunk := await server.stderr.read(4096):
            self.stderr += chunk

    async def stop(self) -> int:
        """shutdown, exit, and the server's exit code."""
        await asyncio.wait_for(self.client.shutdown_async(None), WAIT)
        self.client.exit(None)
        server = self.client._server
        assert server is not None
        code = await asyncio.wait_for(server.wait(), WAIT)
        await self.client.stop()
        return code

    def uri_of(self, path: Path) -> str:
        return from_fs_path(str(path))

    async def wait_for(self, uri: str, accept: Callable[[types.PublishDiagnosticsParams], bool] = lambda p: True,
                       after: int = 0) -> types.PublishDiagnosticsParams:
        """The first diagnostics published for ``uri`` (from message number ``after``
        on) that ``accept`` takes."""
        deadline = time.monotonic() + WAIT
        while True:
            for params in self.published[after:]:
                if params.uri == uri and accept(params):
                    return params
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no diagnostics for {uri}; got {[p.uri for p in self.published]}; "
                                   f"server said: {self.stderr.decode(errors='replace')}")
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    async def open(self, path: Path, text: str, language: str = "markdown") -> types.PublishDiagnosticsParams:
        uri = self.uri_of(path)
        self.texts[uri], self.versions[uri] = text, 1
        mark = len(self.published)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return await self.wait_for(uri, lambda p: p.version in (None, 1), mark)

    async def change(self, uri: str, text: str) -> types.PublishDiagnosticsParams:
        """Replace the whole text (as one incremental change) and wait for its findings."""
        version = self.versions[uri] + 1
        mark = len(self.published)
        self.send_change(uri, text)
        return await self.wait_for(uri, lambda p: p.version == version, mark)

    def send_edit(self, uri: str, start: int, end: int, new_text: str) -> int:
        """Replace ``start``..``end`` (code-point offsets) with ``new_text``, as a
        keystroke does: a small incremental change."""
        old = self.texts[uri]
        at = types.Range(offset_position(old, start, utf16_units), offset_position(old, end, utf16_units))
        self.versions[uri] += 1
        self.texts[uri] = old[:start] + new_text + old[end:]
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(range=at, text=new_text)]))
        return self.versions[uri]

    def send_change(self, uri: str, text: str) -> int:
        old = self.texts[uri]
        lines = old.split("\n")
        end = types.Position(len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2)
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(0, 0), end), text=text)]))
        return self.versions[uri]

    async def apply(self, action: types.CodeAction) -> types.PublishDiagnosticsParams:
        """Apply a code action's edit to the buffer, as the editor does, and send the change."""
        assert action.edit is not None and action.edit.document_changes
        change = action.edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit)
        uri = change.text_document.uri
        assert change.text_document.version == self.versions[uri], "the edit is for another version"
        return await self.change(uri, apply_edits(self.texts[uri], list(change.edits)))

    async def code_actions(self, uri: str, at: types.Range,
                           only: list[str] | None = None) -> list[types.CodeAction]:
        result = await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=at,
            context=types.CodeActionContext(diagnostics=[], only=only))), WAIT)
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    async def resolve(self, action: types.CodeAction) -> types.CodeAction:
        return await asyncio.wait_for(self.client.code_action_resolve_async(action), WAIT)

    async def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return await asyncio.wait_for(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, character))), WAIT)

    def files_changed(self, *paths: Path) -> int:
        mark = len(self.published)
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=self.uri_of(p), type=types.FileChangeType.Changed) for p in paths]))
        return mark
