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

from medlint import jsonio
from medlint.diagnostics import Diagnostic
from medlint.reporters import RuleInfo, by_position


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
) -> str:
    """The findings as one JSON array (``rules`` and ``files`` add nothing to it)."""
    payload = [d.to_dict() for d in by_position(diagnostics)]
    return jsonio.dumps(payload, indent=2) + "\n"
