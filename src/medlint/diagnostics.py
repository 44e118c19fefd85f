"""Diagnostics: what a rule reports, in file coordinates.

Every position is 1-based; columns count Unicode code points; ``end_column`` is
exclusive (the column just after the span), as ESLint and Ruff display them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class FixSafety(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Replacement:
    """Replace the text between two file positions (end exclusive) with ``text``."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
        }


@dataclass(frozen=True)
class Fix:
    replacements: tuple[Replacement, ...]
    safety: FixSafety = FixSafety.SAFE
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        # "applicability" extends SPEC §5 (as Ruff names it): apply "unsafe" fixes only on request.
        return {"replacements": [r.to_dict() for r in self.replacements], "applicability": self.safety.value}


@dataclass(frozen=True)
class Related:
    path: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


@dataclass
class Diagnostic:
    path: str
    rule: str
    code: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    hint: str = ""
    # Offsets into the decoded file text (without BOM), kept for fixes and
    # fingerprints; not part of the JSON contract.
    offset: int = 0
    end_offset: int = 0
    data: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": self.fix.to_dict() if self.fix else None,
            "related": [r.to_dict() for r in self.related],
            "hint": self.hint,  # extends SPEC §5: after its keys, "" when the rule gives none
        }


def well_formed(diag: Any, lines: int | None = None) -> bool:
    """Right types everywhere, and a span that starts (and, when the file's number of
    ``lines`` is given, ends) inside the file: what reporters may rely on. Checked on
    what rules report and on what the cache reads back."""
    if not isinstance(diag, Diagnostic):
        return False
    if not all(type(v) is int for v in (diag.line, diag.column, diag.end_line, diag.end_column, diag.offset,
                                          diag.end_offset)):
        return False
    if not (1 <= diag.line <= diag.end_line and diag.column >= 1 and diag.end_column >= 1):
        return False
    if lines is not None and diag.end_line > lines:
        return False
    if diag.line == diag.end_line and diag.end_column < diag.column:
        return False
    if not all(isinstance(v, str) for v in (diag.path, diag.rule, diag.code, diag.message, diag.hint)):
        return False
    if not isinstance(diag.severity, Severity) or not isinstance(diag.data, dict):
        return False
    if not isinstance(diag.related, (tuple, list)) or not all(
            isinstance(r, Related) and isinstance(r.path, str) and isinstance(r.message, str)
            and type(r.line) is int and type(r.column) is int and r.line >= 1 and r.column >= 1
            for r in diag.related):
        return False
    if diag.fix is not None:
        if not isinstance(diag.fix, Fix) or not isinstance(diag.fix.safety, FixSafety):
            return False
        if not isinstance(diag.fix.replacements, (tuple, list)) or not all(
                isinstance(r, Replacement) and isinstance(r.text, str)
                and all(type(v) is int and v >= 1 for v in (r.line, r.column, r.end_line, r.end_column))
                for r in diag.fix.replacements):
            return False
    return True
