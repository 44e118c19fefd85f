"""One file's outcome (kept light: cache hits and reporters need no parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from .claim_config import ClaimRecord
    from .diagnostics import Severity
    from .rule import Rule
    from .document import Document
    from .position import Source


# A hostile article can make one rule report without end (400 contradicting claim
# pairs gave 160,000 findings, a 2.3 GB SARIF file): past this many findings of one
# rule in one file, a report sums the rest up in one finding (linter.cap_per_rule).
MAX_FINDINGS_PER_RULE = 1000

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
    # The article's claims when the run asked for them (``RunOptions.claims``) or a
    # library rule is enabled for it.
    claims: list[ClaimRecord] | None = None
    # The library rules (``Stage.LIBRARY``) enabled for this file: name -> severity,
    # options and class (``library.rule_setting``).
    library_rules: dict[str, dict] = field(default_factory=dict)
    # Suppressions whose use depends on the library stage (see ``Deferred``).
    deferred: list["Deferred"] = field(default_factory=list)


@dataclass
class Deferred:
    """A suppression that may cover a library rule's finding, which is known only once
    every file of the library was read. Until then its outcome is open: ``variants``
    holds what the file's suppression-stage rules (unused-suppression) report about it
    for each set of library rules it ends up suppressing (sorted names; ``()``: none).
    ``library.settle`` picks the variant and adds it to the file's findings."""

    first_line: int
    last_line: int
    rules: tuple[str, ...]  # () = every rule
    variants: dict[tuple[str, ...], list[Diagnostic]]

    def covers(self, diag: Diagnostic) -> bool:
        return self.first_line <= diag.line <= self.last_line and (not self.rules or diag.rule in self.rules)


def rule_setting(rule: "Rule", severity: "Severity") -> dict[str, Any]:
    """What a file's result records of a library rule enabled for it (plain data): its
    severity and options, and where its class is, so the library stage of a warm run
    imports that class alone rather than every rule."""
    cls = type(rule)
    return {"severity": severity.value, "options": rule.options, "rule": f"{cls.__module__}:{cls.__qualname__}"}
