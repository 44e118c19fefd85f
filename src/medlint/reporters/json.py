"""``--format json``: the stable contract of SPEC §5 "JSON output".

Consumers (CI scripts, ``medlint merge``, editor integrations) expect exactly one
JSON array. Each element has the keys ``path, rule, code, severity, message,
line, column, end_line, end_column, fix, related`` in that order, then the
extension ``hint`` (a string, ``""`` when none), as :meth:`Diagnostic.to_dict`
builds them; ``fix`` is ``null`` or ``{"replacements": [...], "applicability":
"safe" | "unsafe"}``; ``related`` is a list (possibly empty). Elements are
sorted by path, line, column, rule. Non-ASCII text is written as is (not
``\\uXXXX``), and the document ends with a newline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, Any

from medlint import jsonio
from medlint.diagnostics import Diagnostic
from medlint.reporters import RuleInfo, render_with


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
) -> str:
    """The findings as one JSON array (``rules`` and ``files`` add nothing to it)."""
    return render_with(lambda out: Writer(out, rules, files=files), diagnostics, files)


class Writer:
    """The array written element by element, as ``jsonio.dumps(findings, indent=2)``
    would write it whole."""

    def __init__(self, out: IO[str], rules: Mapping[str, RuleInfo] | None = None, *, files: Sequence[str] = ()):
        self.out = out
        self.count = 0

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None, facts: Any = None) -> None:
        for d in diagnostics:
            element = jsonio.dumps(d.to_dict(), indent=2).replace("\n", "\n  ")  # JSON strings hold no raw line break
            self.out.write(f"{',' if self.count else '['}\n  {element}")
            self.count += 1

    def finish(self) -> None:
        self.out.write("\n]\n" if self.count else "[]\n")
