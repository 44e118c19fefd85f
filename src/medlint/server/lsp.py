"""The language server: pygls handlers around a warm ``medlint.live.Project``.

Linting runs on the server's main thread, between messages: that is where the
engine's per-rule time limit (SIGALRM) works, and changes that arrive while a lint
runs are coalesced into the next one. A change is linted ``debounce`` seconds after
the last keystroke; opening a document lints it at once.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..diagnostics import Diagnostic, Fix, FixSafety, Replacement
from ..fixes import apply
from ..live import ARTICLE_SUFFIXES, WATCHED_GLOBS, Linted, Project
from ..position import Source
from ..rule import UNSUPPRESSIBLE
from .convert import Lines, edit_between, to_lsp

log = logging.getLogger("medlint.server")

DEFAULT_DEBOUNCE = 0.015  # seconds after the last change
RELOAD_DELAY = 0.1  # a checkout changes many files at once: reload once
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.medlint"
REASON = "reason"  # the placeholder a writer replaces with why the finding is fine


@dataclass
class Published:
    """What was last published for an open document."""

    version: int | None
    text: str
    linted: Linted
    diagnostics: list[types.Diagnostic]  # parallel to linted.diagnostics


class MedlintServer(LanguageServer):
    def __init__(self, project: Project | None = None) -> None:
        super().__init__("medlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.project = project or Project()
        self.debounce = DEFAULT_DEBOUNCE
        self.published: dict[str, Published] = {}
        self.open_uris: set[str] = set()
        self._others_shown: set[str] = set()  # files (not articles) we published findings on
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._reload_timer: asyncio.TimerHandle | None = None
        self._pages: dict[tuple[str, str], str] = {}  # (rule, article folder) -> URI of its explanation
        self._pages_dir: str | None = None

    # -- linting -----------------------------------------------------------
    def units(self, text: str) -> int:
        return self.workspace.position_codec.client_num_units(text)

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, unless another change comes first."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._timers[uri] = asyncio.get_running_loop().call_later(delay, self.lint_and_publish, uri)

    def schedule_reload(self) -> None:
        if self._reload_timer is not None:
            self._reload_timer.cancel()
        self._reload_timer = asyncio.get_running_loop().call_later(RELOAD_DELAY, self.reload)

    def lint_and_publish(self, uri: str) -> Published | None:
        """Lint the open document's current text and publish the findings (on the
        document, and on any config or rule file that has a problem)."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if uri not in self.open_uris:
            return None
        document = self.workspace.get_text_document(uri)
        text, path = document.source, to_fs_path(uri)
        lines = Lines(text)
        try:
            if path is None or not self.project.wants(path):
                self.published.pop(uri, None)
                self._publish(uri, [], document.version)
                return None
            linted = self.project.lint(path, text)
            diagnostics = [to_lsp(d, lines, self.units, href=self.rule_page(d, path),
                                  related=self._related(d, path, lines)) for d in linted.diagnostics]
        except Exception as exc:  # a medlint bug costs this document's findings, never the server
            log.exception("linting %s failed", path)
            linted = Linted(path or uri, [_internal_error(path or uri, exc)], Source(text))
            diagnostics = [to_lsp(linted.diagnostics[0], lines, self.units)]
        published = Published(document.version, text, linted, diagnostics)
        self.published[uri] = published
        self._publish(uri, diagnostics, document.version)
        self._publish_others()
        return published

    def current(self, uri: str) -> Published | None:
        """The findings for the document's current version (linted now if a change
        is still waiting for its debounce)."""
        published = self.published.get(uri)
        if uri in self.open_uris and (published is None or uri in self._timers
                                      or published.version != self.workspace.get_text_document(uri).version):
            published = self.lint_and_publish(uri)
        return published

    def reload(self) -> None:
        """Re-read configs, rules, lexicons and registries; re-lint every open document."""
        self._reload_timer = None
        self.project.reload()
        self._pages.clear()
        for uri in sorted(self.open_uris):
            self.lint_and_publish(uri)
        self._publish_others()

    def close(self, uri: str) -> None:
        """The editor closed ``uri``: forget it and clear its findings."""
        self.open_uris.discard(uri)
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if self.published.pop(uri, None) is not None:
            self._publish(uri, [])
            self._publish_others()

    def cancel_timers(self) -> None:
        for timer in [*self._timers.values(), self._reload_timer]:
            if timer is not None:
                timer.cancel()
        self._timers.clear()
        self._reload_timer = None

    def _publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None = None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def _publish_others(self) -> None:
        found: dict[str, list[Diagnostic]] = {}
        for published in self.published.values():
            for path, diags in published.linted.others.items():
                known = found.setdefault(path, [])
                known.extend(d for d in diags if d.message not in {k.message for k in known})
        for path in sorted(self._others_shown - set(found)):
            self._publish(from_fs_path(path) or path, [])
        for path, diags in sorted(found.items()):
            lines = self._file_lines(path)
            self._publish(from_fs_path(path) or path,
                          [to_lsp(d, lines, self.units, href=self.rule_page(d, path)) for d in diags])
        self._others_shown = set(found)

    def _file_lines(self, path: str) -> Lines:
        uri = from_fs_path(path)
        if uri in self.open_uris:
            return Lines(self.workspace.get_text_document(uri).source)
        try:
            return Lines(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return Lines("")

    def _related(self, diag: Diagnostic, path: str, lines: Lines) -> list[types.DiagnosticRelatedInformation]:
        out = []
        for r in diag.related:
            where = os.path.abspath(r.path)
            where_lines = lines if where == path else self._file_lines(where)
            end_line = r.end_line if r.end_line is not None else r.line
            end_column = r.end_column if r.end_column is not None else r.column
            out.append(types.DiagnosticRelatedInformation(
                location=types.Location(uri=from_fs_path(where) or where,
                                        range=where_lines.range(r.line, r.column, end_line, end_column, self.units)),
                message=r.message))
        return out

    def rule_page(self, diag: Diagnostic, path: str) -> str | None:
        """A file URI of the rule's explanation (``medlint explain``), rendered once
        into this server's own temporary folder: the ``codeDescription`` link an
        editor opens."""
        if not diag.code:
            return None
        key = (diag.rule, os.path.dirname(path))
        if key not in self._pages:
            text = self.project.explain(diag.rule, path)
            if text is None:
                return None
            if self._pages_dir is None:
                self._pages_dir = tempfile.mkdtemp(prefix="medlint-rules-")
                atexit.register(shutil.rmtree, self._pages_dir, True)
            page = Path(self._pages_dir) / f"{len(self._pages)}-{diag.code}-{diag.rule}.md"
            try:
                page.write_text(text, encoding="utf-8")
            except OSError:
                return None
            self._pages[key] = page.as_uri()
        return self._pages[key]

    # -- code actions -------------------------------------------------------
    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        published = self.current(uri)
        if published is None or published.linted.source is None:
            return []
        only = [getattr(k, "value", k) for k in params.context.only or ()]
        wanted = (lambda kind: True) if not only else (
            lambda kind: any(kind == k or kind.startswith(f"{k}.") for k in only))
        actions: list[types.CodeAction] = []
        source = published.linted.source
        for diag, lsp_diag in zip(published.linted.diagnostics, published.diagnostics):
            if not _overlaps(lsp_diag.range, params.range) or not wanted(types.CodeActionKind.QuickFix.value):
                continue
            if diag.fix is not None and diag.fix.replacements:
                unsafe = diag.fix.safety == FixSafety.UNSAFE
                what = diag.fix.description or f"fix {diag.rule}"
                title = f"{what[:1].upper()}{what[1:]} ({diag.code}{', unsafe: check the new wording' if unsafe else ''})"
                edit = edit_between(published.text, apply(source, [diag.fix])[0], self.units)
                if edit is not None:
                    actions.append(_action(title, types.CodeActionKind.QuickFix, uri, published.version, [edit],
                                           [lsp_diag], preferred=not unsafe))
            suppress = _suppression(diag, published.linted)
            if suppress is not None:
                edit = edit_between(published.text, apply(source, [suppress])[0], self.units)
                if edit is not None:
                    actions.append(_action(f"Suppress {diag.rule} ({diag.code}) on this line… (write the reason)",
                                           types.CodeActionKind.QuickFix, uri, published.version, [edit],
                                           [lsp_diag]))
        if wanted(FIX_ALL_KIND) and any(d.fix is not None and d.fix.safety == FixSafety.SAFE
                                        for d in published.linted.diagnostics):
            action = types.CodeAction(title="Fix all safe problems in this file (medlint)", kind=FIX_ALL_KIND,
                                      data={"uri": uri, "version": published.version})
            if not self._resolves_edits():
                action = self.resolve_fix_all(action)
            actions.append(action)
        return actions

    def resolve_fix_all(self, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        published = self.current(uri) if isinstance(uri, str) else None
        if published is None:
            return action
        fixed = self.project.fix_all(published.linted.path, published.text)
        edit = edit_between(published.text, fixed, self.units) if fixed is not None else None
        if edit is not None:
            action.edit = _workspace_edit(uri, published.version, [edit])
        return action

    def _resolves_edits(self) -> bool:
        caps = self.client_capabilities.text_document
        support = caps.code_action.resolve_support if caps and caps.code_action else None
        return bool(support and "edit" in support.properties)

    # -- hover -----------------------------------------------------------------
    def hover(self, params: types.HoverParams) -> types.Hover | None:
        published = self.current(params.text_document.uri)
        if published is None:
            return None
        shown: list[str] = []
        hit: types.Range | None = None
        for diag, lsp_diag in zip(published.linted.diagnostics, published.diagnostics):
            if not _contains(lsp_diag.range, params.position):
                continue
            hit = hit or lsp_diag.range
            explanation = self.project.explain(diag.rule, published.linted.path) if diag.code else None
            shown.append(f"**{diag.code} {diag.rule}**: {diag.message}" if diag.code else diag.message)
            if explanation and explanation not in shown:
                shown.append(explanation)
        if not shown:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value="\n\n---\n\n".join(shown)), range=hit)


def build(project: Project | None = None) -> MedlintServer:
    """The server with its handlers registered."""
    server = MedlintServer(project)

    @server.feature(types.INITIALIZE)
    def initialize(ls: MedlintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, float(options["debounceMs"]) / 1000)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: MedlintServer, params: types.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if watched is None or not watched.dynamic_registration:
            return  # such clients get a reload on saving a non-article file (didSave)
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(id="medlint-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                       watchers=watchers))]))
        except Exception as exc:  # a client that refuses: no watching, still a working server
            log.warning("could not register file watchers: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MedlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.open_uris.add(params.text_document.uri)
        ls.lint_and_publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MedlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MedlintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri) or ""
        if not path.lower().endswith(ARTICLE_SUFFIXES):
            ls.schedule_reload()  # a config, rule or lexicon file: reload everything

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MedlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: MedlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.schedule_reload()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True))
    def code_action(ls: MedlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: MedlintServer, action: types.CodeAction) -> types.CodeAction:
        return ls.resolve_fix_all(action) if action.kind == FIX_ALL_KIND else action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MedlintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: MedlintServer, params: Any) -> None:
        ls.cancel_timers()

    return server


def _action(title: str, kind: str, uri: str, version: int | None, edits: list[types.TextEdit],
            diagnostics: list[types.Diagnostic], preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title=title, kind=kind, diagnostics=diagnostics, is_preferred=preferred or None,
                            edit=_workspace_edit(uri, version, edits))


def _workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])


_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def _suppression(diag: Diagnostic, linted: Linted) -> Fix | None:
    """The edit that silences ``diag`` with ``<!-- medlint-disable-next-line RULE --
    reason -->`` (SPEC §7): on a line of its own above the finding's line when that
    starts a block (after a blank line), else at the end of the line above (in a
    table, inside the row's last cell), so a paragraph, list or table stays one.
    None where no comment can go: inside the front matter, below a code fence or a
    table's delimiter row, and for findings that cannot be suppressed."""
    source = linted.source
    if source is None or not diag.code or diag.data.get(UNSUPPRESSIBLE) or diag.line <= linted.front_matter_lines:
        return None
    comment = f"<!-- medlint-disable-next-line {diag.rule} -- {REASON} -->"
    line = diag.line
    above = source.line_text(line - 1) if line > 1 else ""
    if line == 1 or not above.strip() or line - 1 == linted.front_matter_lines:
        text = source.line_text(line)
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        return Fix((Replacement(line, 1, line, 1, f"{indent}{comment}\n"),), FixSafety.SAFE, "suppress")
    if _FENCE.match(above) or ("|" in above and _TABLE_DELIMITER.match(above)):
        return None
    end = len(above.rstrip()) + 1
    if above.rstrip().endswith("|") and not above.rstrip().endswith("\\|"):
        end -= 1  # a table row: inside its last cell
        return Fix((Replacement(line - 1, end, line - 1, end, f"{comment} "),), FixSafety.SAFE, "suppress")
    return Fix((Replacement(line - 1, end, line - 1, end, f" {comment}"),), FixSafety.SAFE, "suppress")


def _internal_error(path: str, exc: Exception) -> Diagnostic:
    from ..engine import rule_error

    summary = str(exc).splitlines()[0] if str(exc) else ""
    return rule_error(path, "medlint", f"{type(exc).__name__}: {summary}" if summary else type(exc).__name__)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _le(a.start, b.end) and _le(b.start, a.end)


def _contains(r: types.Range, p: types.Position) -> bool:
    return _le(r.start, p) and _le(p, r.end)


def _le(p: types.Position, q: types.Position) -> bool:
    return (p.line, p.character) <= (q.line, q.character)
