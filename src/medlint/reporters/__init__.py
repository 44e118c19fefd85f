"""Machine-readable reporters: diagnostics in, one report string out (SPEC §4, §5).

Every reporter is a pure function with the same shape::

    render(diagnostics, rules, *, files) -> str

``diagnostics`` are the findings left after suppressions and the baseline;
``rules`` maps each rule *name* (``"reference-empty"``) to its metadata, a
:class:`RuleInfo`; ``files`` is every linted path, with or without findings (JUnit
reports clean files as passing test cases). A reporter never reads files, the
configuration or the clock, so the same input always gives the same bytes. The
CLI writes the returned string to standard output or ``--output-file`` as UTF-8.

``sarif.render`` also accepts ``sources`` (path -> decoded file text) to compute
fingerprints that survive lines added above a finding. The reports for people take
more: ``html.render`` accepts ``sources`` (for excerpts), ``facts`` (path ->
``html.ArticleFacts``: the article's claims and reading grade) and ``baselined`` (how
many findings the baseline hid); ``markdown.render`` accepts ``baselined``. The
human-readable ``text`` format belongs to the CLI.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol, runtime_checkable

from medlint.diagnostics import Diagnostic, Severity


@runtime_checkable
class RuleInfo(Protocol):
    """What a reporter needs to know about a rule: any rule object that has these."""

    @property
    def name(self) -> str:
        """Stable kebab-case name, the ``rule`` field of a diagnostic (``reference-empty``)."""

    @property
    def code(self) -> str:
        """Stable short code (``ML304``); SARIF uses it as the rule id."""

    @property
    def summary(self) -> str:
        """One line saying what the rule finds."""

    @property
    def docs(self) -> str:
        """Full Markdown documentation, as ``medlint explain`` prints it."""

    @property
    def severity(self) -> Severity:
        """Default severity, before configuration."""

    @property
    def fixable(self) -> bool:
        """Whether the rule can offer fixes."""


class Reporter(Protocol):
    """The shape every ``render`` function has; see the module docstring."""

    def __call__(
        self,
        diagnostics: Sequence[Diagnostic],
        rules: Mapping[str, RuleInfo],
        *,
        files: Sequence[str],
    ) -> str: ...


def by_position(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The report order every format shares: path, line, column, rule (SPEC §5)."""
    return sorted(diagnostics, key=Diagnostic.sort_key)


class _Reporters(Mapping[str, Reporter]):
    """Format name -> ``render``; a reporter's module is imported when it is first
    asked for, so a run pays only for the format it prints."""

    _FORMATS = ("json", "sarif", "github", "junit", "html", "markdown")

    def __getitem__(self, name: str) -> Reporter:
        if name not in self._FORMATS:
            raise KeyError(name)
        return importlib.import_module(f"medlint.reporters.{name}").render  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._FORMATS)

    def __len__(self) -> int:
        return len(self._FORMATS)


REPORTERS: Mapping[str, Reporter] = _Reporters()

__all__ = ["REPORTERS", "Reporter", "RuleInfo", "by_position"]
