"""Human-readable output: one finding per block with a source excerpt and a caret.

::

    content/b12.md:14:1: error stop-taking-unqualified (ML401) advice to stop ...
       |
    14 | Stop taking your statin if your legs ache.
       | ^^^^^^^^^^^^^^^^^^^^^^^
       = hint: add "talk to your doctor first"

Text that came from an article is shown with control characters made visible, so
an article cannot send escape sequences to the writer's terminal.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from typing import IO, Any, Callable, Mapping, Sequence

from ..diagnostics import Diagnostic, Severity

# Characters a reader cannot see or that change how text around them shows: C0/C1
# controls (ESC starts terminal sequences), bidi embeddings, overrides and isolates,
# zero-width characters, LRM/RLM/ALM, invisible operators, the BOM and Unicode TAG
# characters (which can carry hidden text).
HIDDEN_CHARACTERS = ("\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u061c\u180e\u200b-\u200f"
                     "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\U000e0000-\U000e007f"
                     # lone surrogates: a file name byte that is not UTF-8 (PEP 383) shows as \\xe9
                     "\ud800-\udfff")
# Line breaks: a file name or message must not be able to start a forged line.
LINE_BREAKS = "\x0a-\x0d\x1c-\x1e\x85\u2028\u2029"
_CONTROL = re.compile(f"[{HIDDEN_CHARACTERS}{LINE_BREAKS}]")
_HIDDEN = re.compile(f"[{HIDDEN_CHARACTERS}]")
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, *, keep_line_breaks: bool = False) -> str:
    """Untrusted text with terminal control characters, bidi controls and invisible
    characters shown as ``\\x1b``, ``\\u202e``, ``\\U000e0041``; line breaks too unless
    ``keep_line_breaks`` (the caller escapes them its own way)."""
    return (_HIDDEN if keep_line_breaks else _CONTROL).sub(_escape, text)


def render(diagnostics: Sequence[Diagnostic], sources: Mapping[str, str], *,
           style: Callable[..., str], show_source: bool = True, show_hints: bool = True,
           show_related: bool = True) -> str:
    """``sources`` maps a path to its normalised text (for excerpts); ``style`` is
    ``click.style`` or a no-op."""
    out = io.StringIO()
    writer = Writer(out, style=style, show_source=show_source, show_hints=show_hints, show_related=show_related)
    for path, found in itertools.groupby(diagnostics, key=lambda d: d.path):  # in the order given
        writer.file(path, list(found), sources.get(path))
    return out.getvalue()


class Writer:
    """Writes each file's findings as it comes and counts what the summary says."""

    def __init__(self, out: IO[str], *, style: Callable[..., str], show_source: bool = True,
                 show_hints: bool = True, show_related: bool = True):
        self.out = out
        self.style = style
        self.show_source, self.show_hints, self.show_related = show_source, show_hints, show_related
        self.severities: Counter[Severity] = Counter()
        self.by_rule: Counter[tuple[str, str]] = Counter()  # (code, rule) -> findings
        self.with_findings = 0
        self.fixable = 0  # findings with a safe fix

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None, facts: Any = None) -> None:
        style, out = self.style, self.out
        lines = text.split("\n") if self.show_source and text is not None and diagnostics else None
        for d in diagnostics:
            out.write(f"{style(visible(d.path), bold=True)}:{d.line}:{d.column}: "
                      f"{style(d.severity.value, fg=_COLOURS[d.severity], bold=True)} "
                      f"{style(d.rule, bold=True)} ({d.code}) {visible(d.message)}\n")
            if lines is not None:
                out.writelines(line + "\n" for line in _excerpt(d, lines, style))
            # The '=' of a note stands under the excerpt's '|', however wide the line number.
            note = " " * (len(str(d.line)) + 1) + "= "
            for r in d.related if self.show_related else ():
                out.write(f"{note}related: {visible(r.path)}:{r.line}:{r.column}: {visible(r.message)}\n")
            if self.show_hints and d.hint:
                out.write(f"{note}hint: {visible(d.hint)}\n")
            if self.show_source or self.show_hints:
                out.write("\n")
            self.severities[d.severity] += 1
            self.by_rule[(d.code, d.rule)] += 1
            self.fixable += d.fix is not None and d.fix.safety.value == "safe"
        self.with_findings += bool(diagnostics)

    def summary(self, files: int, notes: Sequence[str] = ()) -> str:
        return _summary(self.severities, self.with_findings, files, self.fixable, self.style, notes)

    def statistics(self) -> str:
        return _statistics(self.by_rule)


def _excerpt(d: Diagnostic, lines: Sequence[str], style: Callable[..., str]) -> list[str]:
    if not 1 <= d.line <= len(lines):
        return []
    line = lines[d.line - 1]
    gutter = len(str(d.line))
    width = max(1, (d.end_column - d.column) if d.end_line == d.line else len(line) - d.column + 1)
    if len(line) > 1000:
        # A very long line (a megabyte of prose): only a window of it is expanded,
        # so many findings on one line stay cheap.
        left = max(0, d.column - 60)
        shown = ("…" if left else "") + visible(line[left:left + 150].expandtabs(4)) + "…"
        col = len(visible(line[left:max(left, d.column - 1)].expandtabs(4))) + 1 + (1 if left else 0)
    else:
        shown = visible(line.expandtabs(4))
        if len(shown) > 160:
            left = max(0, d.column - 60)
            shown = ("…" if left else "") + shown[left:left + 150] + "…"
            col = d.column - left + (1 if left else 0)
        elif not line.isascii():
            # Columns on screen, not code points: a wide character (CJK, emoji) takes two.
            col = display_width(visible(line[:d.column - 1].expandtabs(4))) + 1
            spanned = line[d.column - 1:d.column - 1 + width]
            width = max(1, display_width(visible(spanned.expandtabs(4))))
            return _lines(d, shown, col, min(width, max(1, display_width(shown) - col + 1)), gutter, style)
        else:
            col = len(visible(line[:d.column - 1].expandtabs(4))) + 1
    return _lines(d, shown, col, min(width, max(1, len(shown) - col + 1)), gutter, style)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: its length for ASCII, else measured with
    wcwidth (imported only for a line that needs it)."""
    if text.isascii():
        return len(text)
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _lines(d: Diagnostic, shown: str, col: int, width: int, gutter: int, style: Callable[..., str]) -> list[str]:
    """The excerpt: the line as shown, and ``width`` carets from screen column ``col``."""
    caret = " " * (col - 1) + "^" * width
    pad = " " * gutter
    return [
        f"{pad} |",
        f"{style(str(d.line), fg='blue')} | {shown}",
        f"{pad} | {style(caret, fg=_COLOURS[d.severity], bold=True)}",
    ]


def summary(diagnostics: Sequence[Diagnostic], files: int, fixable: int, style: Callable[..., str],
            notes: Sequence[str] = ()) -> str:
    """The last line: counts by severity, or that all checks passed; ``notes`` are
    added in brackets (what the baseline hid)."""
    return _summary(Counter(d.severity for d in diagnostics), len({d.path for d in diagnostics}), files, fixable,
                    style, notes)


def _summary(counts: Counter[Severity], with_findings: int, files: int, fixable: int, style: Callable[..., str],
             notes: Sequence[str]) -> str:
    total = sum(counts.values())
    if not total:
        said = "; ".join([f"{files} file{'s' if files != 1 else ''} linted", *notes])
        return style(f"All checks passed ({said}).", fg="green") + "\n"
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    text = (f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) "
            f"in {with_findings} of {files} file{'s' if files != 1 else ''}.")
    if fixable:
        text += f" {fixable} fixable with --fix."
    if notes:
        text += f" ({'; '.join(notes)}.)"
    return style(text, bold=True) + "\n"


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    return _statistics(Counter((d.code, d.rule) for d in diagnostics))


def _statistics(counts: Counter[tuple[str, str]]) -> str:
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "".join(f"{n:>6}  {code:<7} {rule}\n" for (code, rule), n in rows)
