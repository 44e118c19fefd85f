"""One file's outcome (kept light: cache hits and reporters need no parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from .claim_config import ClaimRecord
    from .document import Document
    from .position import Source


@dataclass
class FileResult:
    """One file's result. Everything but ``source`` and ``document`` is plain data
    that the cache stores and worker processes send back."""

    path: str
    diagnostics: list[Diagnostic]
    source: Source | None = None
    # Only while the result is being made (lint_text); dropped before it leaves the runner.
    document: Document | None = None
    # Set when the file could not be linted at all (unreadable).
    unreadable: bool = False
    internal_error: bool = False
    # What rules measured on the article (``Context.measure``), e.g. the reading grade.
    measures: dict[str, float] = field(default_factory=dict)
    # (line, title) of each heading, from the Document (``Document.outline``):
    # what the baseline fingerprints findings under. None: not known (unreadable).
    outline: list[tuple[int, str]] | None = None
    # The article's claims when the run asked for them (``RunOptions.claims``).
    claims: list[ClaimRecord] | None = None


def unreadable(path: str, message: str, line: int = 1, column: int = 1) -> FileResult:
    """The result for a file that could not be read: one ``file-unreadable`` finding."""
    from .rules.internal.ml902_file_unreadable import FileUnreadable

    return FileResult(path, [FileUnreadable.finding(path, message, line, column)], unreadable=True)
