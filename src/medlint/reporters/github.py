"""``--format github``: GitHub Actions workflow commands (SPEC §1 "CI", §4 "Command line").

The Actions runner reads the job log line by line and turns each line of the form
``::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE`` into an
annotation on the pull request (``::warning`` for warnings, ``::notice`` for info
findings). Each finding is exactly one such line, and nothing from a message, a
path or a rule name can start a second command, because the text is escaped as
the runner (and ``@actions/core``) expects:

- in the message (command data): ``%`` -> ``%25``, ``\\r`` -> ``%0D``, ``\\n`` -> ``%0A``;
- in property values, additionally ``:`` -> ``%3A`` and ``,`` -> ``%2C``.

Characters that other readers treat as line breaks (``\\v``, ``\\f``, ``\\x1c``-``\\x1e``,
``\\x85``, U+2028, U+2029) are written as an escaped ``\\n`` too, so no tool that
splits the log into lines can see a line the runner did not.

``col``/``endColumn`` are sent only for a single-line span, as the annotations API
accepts columns only when start and end lines agree; ``endColumn`` is exclusive, as
everywhere in medlint (SPEC §3 "Positions"). The title reads
``medlint ML304 reference-empty``; a hint, when the rule gives one, is a second
line of the message. GitHub shows only the first annotations of each kind per
step in the UI; every finding stays in the log.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import IO, Any

from medlint.diagnostics import Diagnostic, Severity
from medlint.reporters import RuleInfo, render_with
from medlint.reporters.text import visible

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_OTHER_LINE_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
) -> str:
    """One workflow command line per finding, in report order."""
    return render_with(lambda out: Writer(out, rules, files=files), diagnostics, files)


class Writer:
    def __init__(self, out: IO[str], rules: Mapping[str, RuleInfo] | None = None, *, files: Sequence[str] = ()):
        self.out = out

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None, facts: Any = None) -> None:
        self.out.writelines(_command(d) + "\n" for d in diagnostics)

    def finish(self) -> None:
        pass


def _command(d: Diagnostic) -> str:
    properties: dict[str, object] = {"file": d.path, "line": d.line, "endLine": d.end_line}
    if d.end_line == d.line:
        properties |= {"col": d.column, "endColumn": d.end_column}
    properties["title"] = " ".join(part for part in ("medlint", d.code, d.rule) if part)
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = f"{d.message}\nHint: {d.hint}" if d.hint else d.message
    return f"::{_COMMANDS[Severity(d.severity)]} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """Escape command data (the message) as ``@actions/core``'s ``escapeData`` does;
    control and invisible characters (ESC, U+202E, zero-width, TAG characters) are
    shown as ``\\x1b``, ``\\u202e`` so the log viewer neither interprets nor hides them."""
    text = visible(text, keep_line_breaks=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _OTHER_LINE_BREAKS.sub("%0A", text)


def escape_property(text: str) -> str:
    """Escape a property value as ``@actions/core``'s ``escapeProperty`` does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
