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

import re
from collections import Counter
from typing import Callable, Mapping, Sequence

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
    out: list[str] = []
    lines_by_path: dict[str, list[str]] = {}  # split each file once, not once per finding
    for d in diagnostics:
        head = (f"{style(visible(d.path), bold=True)}:{d.line}:{d.column}: "
                f"{style(d.severity.value, fg=_COLOURS[d.severity], bold=True)} "
                f"{style(d.rule, bold=True)} ({d.code}) {visible(d.message)}")
        out.append(head)
        text = sources.get(d.path)
        if show_source and text is not None:
            if d.path not in lines_by_path:
                lines_by_path[d.path] = text.split("\n")
            out.extend(_excerpt(d, lines_by_path[d.path], style))
        # The '=' of a note stands under the excerpt's '|', however wide the line number.
        note = " " * (len(str(d.line)) + 1) + "= "
        for r in d.related if show_related else ():
            out.append(f"{note}related: {visible(r.path)}:{r.line}:{r.column}: {visible(r.message)}")
        if show_hints and d.hint:
            out.append(f"{note}hint: {visible(d.hint)}")
        if show_source or show_hints:
            out.append("")
    return "\n".join(out) + ("\n" if out else "")


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
    if not diagnostics:
        said = "; ".join([f"{files} file{'s' if files != 1 else ''} linted", *notes])
        return style(f"All checks passed ({said}).", fg="green") + "\n"
    counts = Counter(d.severity for d in diagnostics)
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    with_findings = len({d.path for d in diagnostics})
    text = (f"Found {len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''} ({', '.join(parts)}) "
            f"in {with_findings} of {files} file{'s' if files != 1 else ''}.")
    if fixable:
        text += f" {fixable} fixable with --fix."
    if notes:
        text += f" ({'; '.join(notes)}.)"
    return style(text, bold=True) + "\n"


def statistics(diagnostics: Sequence[Diagnostic]) -> str:
    counts = Counter((d.code, d.rule) for d in diagnostics)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "".join(f"{n:>6}  {code:<7} {rule}\n" for (code, rule), n in rows)
