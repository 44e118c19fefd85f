"""One file's outcome (kept light: cache hits and reporters need no parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .document import Document
    from .position import Source


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    source: Source | None = None
    document: Document | None = None
    # Set when the file could not be linted at all (unreadable).
    unreadable: bool = False
    internal_error: bool = False
    stats: dict[str, float] = field(default_factory=dict)


def unreadable(path: str, message: str, line: int = 1, column: int = 1) -> FileResult:
    """The result for a file that could not be read: one ``file-unreadable`` finding."""
    from .rules.internal.ml902_file_unreadable import FileUnreadable

    return FileResult(path, [FileUnreadable.finding(path, message, line, column)], unreadable=True)
