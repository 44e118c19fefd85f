"""Run a YAML rule's own ``examples`` (``medlint test-rules`` and the pytest plugin).

A valid example must produce no finding; an invalid one at least one (or exactly
``findings``), and when it gives ``output``, applying the rule's fixes must produce
that text. Only the rule under test runs; a rule that fails (for example a pattern
that times out) fails the example with the engine's ``rule-error`` message.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..diagnostics import Diagnostic
from ..document import Document
from ..engine import ConfiguredRule, run_rules
from ..fixes import fix_until_stable
from ..position import Source
from ..rule import INTERNAL_ERROR, RunContext
from .kinds import DeclarativeRule
from .loader import YamlRuleError, load_rule_file, rule_files

# Examples are about wording, not dates: a fixed day keeps them reproducible.
EXAMPLE_TODAY = RunContext(today=dt.date(2026, 1, 1))


@dataclass(frozen=True)
class Example:
    rule: type[DeclarativeRule]
    label: str  # "valid[0]", "invalid[2]"
    text: str
    valid: bool
    findings: int | None = None
    output: str | None = None


@dataclass(frozen=True)
class Outcome:
    example: Example
    ok: bool
    detail: str = ""


def examples(rule: type[DeclarativeRule]) -> Iterator[Example]:
    for i, text in enumerate(rule.yaml_examples.get("valid", ())):
        yield Example(rule, f"valid[{i}]", text, True)
    for i, case in enumerate(rule.yaml_examples.get("invalid", ())):
        if isinstance(case, dict):
            yield Example(rule, f"invalid[{i}]", case["text"], False, case.get("findings"), case.get("output"))
        else:
            yield Example(rule, f"invalid[{i}]", case, False)


def lint(rule: type[DeclarativeRule], text: str) -> list[Diagnostic]:
    doc = Document("example.md", Source(text))
    found = run_rules(doc, [ConfiguredRule(rule(), rule.severity)], EXAMPLE_TODAY, time_limit_s=None)
    return sorted(found, key=Diagnostic.sort_key)


def fixed(rule: type[DeclarativeRule], text: str) -> str:
    return fix_until_stable(text, lambda current: lint(rule, current), unsafe=False).text


def run_example(example: Example) -> Outcome:
    found = lint(example.rule, example.text)
    errors = [d for d in found if d.data.get(INTERNAL_ERROR)]
    if errors:
        return Outcome(example, False, errors[0].message)
    listing = "; ".join(f"{d.line}:{d.column} {d.message}" for d in found)
    if example.valid:
        return Outcome(example, not found, f"expected no finding, got {len(found)}: {listing}" if found else "")
    if not found:
        return Outcome(example, False, "expected a finding, got none")
    if example.findings is not None and len(found) != example.findings:
        return Outcome(example, False, f"expected {example.findings} finding(s), got {len(found)}: {listing}")
    if example.output is not None:
        after = fixed(example.rule, example.text)
        if after != example.output:
            return Outcome(example, False, f"fix output expected {example.output!r}, got {after!r}")
    return Outcome(example, True)


def run_examples(rule: type[DeclarativeRule]) -> list[Outcome]:
    return [run_example(e) for e in examples(rule)]


@dataclass(frozen=True)
class RuleFileResult:
    """One rule file: the rule's example outcomes, or why it could not be loaded."""

    path: str
    rule: type[DeclarativeRule] | None
    outcomes: tuple[Outcome, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and all(o.ok for o in self.outcomes)


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> list[RuleFileResult]:
    """Load every rule file under ``paths`` (files or folders) and run its examples."""
    results = []
    for given in paths:
        for file in rule_files(given):
            shown = file.as_posix()
            try:
                rule = load_rule_file(file, shown)
            except YamlRuleError as exc:
                results.append(RuleFileResult(shown, None, error=str(exc)))
                continue
            results.append(RuleFileResult(shown, rule, tuple(run_examples(rule))))
    return results


def report(results: list[RuleFileResult], *, quiet: bool = False) -> str:
    """``medlint test-rules`` output: one line per example, then a summary."""
    lines = []
    for result in results:
        if result.error:
            lines.append(f"ERROR {result.error}")
            continue
        assert result.rule is not None
        for o in result.outcomes:
            if o.ok and quiet:
                continue
            head = f"{'PASS' if o.ok else 'FAIL'}  {result.path} {result.rule.code} {result.rule.name} {o.example.label}"
            lines.append(head + (f": {o.detail}" if o.detail else ""))
    outcomes = [o for r in results for o in r.outcomes]
    failed = sum(1 for o in outcomes if not o.ok)
    broken = sum(1 for r in results if r.error)
    summary = (f"{len(results)} rule file{'s' if len(results) != 1 else ''}, {len(outcomes)} example"
               f"{'s' if len(outcomes) != 1 else ''}: {len(outcomes) - failed} passed, {failed} failed")
    if broken:
        summary += f", {broken} rule file{'s' if broken != 1 else ''} could not be loaded"
    lines.append(summary + ".")
    return "\n".join(lines) + "\n"
