"""Test helpers for rule authors: tables of valid and invalid Markdown snippets.

::

    from medlint.testing import RuleTester, Invalid, Expect
    from acme_medlint.rules import BrandTerms

    tester = RuleTester(BrandTerms)
    test_brand_terms = tester.cases(
        valid=["We sell ibuprofen (Advil).\\n"],
        invalid=[
            Invalid("Try Advil today.\\n",
                    errors=[Expect(line=1, column=5, end_line=1, end_column=10)],
                    output="Try ibuprofen (Advil) today.\\n"),
        ],
    )

``cases`` returns a parametrized pytest test (ids ``CODE:valid[0]``,
``CODE:invalid[1]``), so ``pytest -k ACM001`` works. Like ESLint's RuleTester it is
strict: unknown keys and duplicate cases are rejected, an invalid case must list its
findings, options are validated against the rule's schema, and ``output`` (the text
after applying the rule's fixes) is compared exactly; ``output=None`` asserts that no
fix is offered. Only the rule under test runs. Reporting a message id the rule does
not declare fails the test (``UnknownMessageId``), and so does offering a fix from a
rule that does not declare ``fixable = True``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ..diagnostics import Diagnostic
from ..document import Document
from ..engine import ConfiguredRule, run_rules
from ..fixes import fix_until_stable
from ..position import Source
from ..rule import INTERNAL_ERROR, Rule, RunContext, Setup

_UNSET: Any = object()
DEFAULT_TODAY = dt.date(2026, 1, 1)


@dataclass(frozen=True)
class Expect:
    """One expected finding; fields left as None are not compared."""

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None
    message_id: str | None = None
    message: str | None = None
    severity: str | None = None


@dataclass(frozen=True)
class Valid:
    text: str
    options: dict[str, Any] = field(default_factory=dict)
    name: str = ""


@dataclass(frozen=True)
class Invalid:
    text: str
    errors: Sequence[Expect]
    options: dict[str, Any] = field(default_factory=dict)
    output: Any = _UNSET  # expected text after fixes; None = no fix offered
    unsafe: bool = False  # apply unsafe fixes too when checking ``output``
    name: str = ""


class RuleTesterError(Exception):
    """The test table itself is wrong (not the rule)."""


class RuleTester:
    def __init__(self, rule: type[Rule], *, today: dt.date = DEFAULT_TODAY,
                 run: RunContext | None = None, files: dict[str, Sequence[str]] | None = None):
        """``files``: what the config keys the rule declares (``Rule.config_keys``)
        name, e.g. ``{"claims": ["registry.yaml"]}``; the rule's ``prepare`` reads them."""
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            raise RuleTesterError(f"{rule!r} is not a medlint Rule class")
        self.rule = rule
        setup = Setup({key: tuple(paths) for key, paths in (files or {}).items()})
        self.run_context = run or RunContext(today=today, setup=setup, strict=True)

    # -- running -------------------------------------------------------------
    def lint(self, text: str, options: dict[str, Any] | None = None) -> list[Diagnostic]:
        """The rule's findings on ``text`` (only this rule runs)."""
        instance = self.rule(options or {})
        doc = Document("test.md", Source(text))
        diags = run_rules(doc, [ConfiguredRule(instance, self.rule.severity)], self.run_context, time_limit_s=None)
        for d in diags:
            if d.data.get(INTERNAL_ERROR):
                raise AssertionError(d.message)
            if d.fix is not None and not self.rule.fixable:
                raise RuleTesterError(f"{self.rule.name} offered a fix but does not declare `fixable = True`")
        return sorted(diags, key=Diagnostic.sort_key)

    def fix(self, text: str, options: dict[str, Any] | None = None, unsafe: bool = False) -> str | None:
        """``text`` after applying the rule's fixes until stable; None if none offered."""
        fixed = fix_until_stable(text, lambda current: self.lint(current, options), unsafe)
        return fixed.text if fixed.offered else None

    # -- tables ----------------------------------------------------------------
    def cases(self, valid: Sequence[str | Valid] = (), invalid: Sequence[Invalid] = ()) -> Callable[..., None]:
        import pytest

        params = []
        seen: set[tuple] = set()
        for i, case in enumerate(valid):
            case = Valid(case) if isinstance(case, str) else case
            if not isinstance(case, Valid):
                raise RuleTesterError(f"valid[{i}] must be a string or Valid(...), got {type(case).__name__}")
            self._check_case(case, seen, f"valid[{i}]")
            params.append(pytest.param(case, id=f"{self.rule.code}:valid[{i}]{'-' + case.name if case.name else ''}"))
        for i, case in enumerate(invalid):
            if not isinstance(case, Invalid):
                raise RuleTesterError(f"invalid[{i}] must be Invalid(...), got {type(case).__name__}")
            if not case.errors:
                raise RuleTesterError(f"invalid[{i}] lists no expected findings")
            if case.output is not _UNSET and case.output is not None and not self.rule.fixable:
                raise RuleTesterError(f"invalid[{i}] expects fix output but {self.rule.name} is not fixable")
            self._check_case(case, seen, f"invalid[{i}]")
            params.append(pytest.param(case, id=f"{self.rule.code}:invalid[{i}]{'-' + case.name if case.name else ''}"))

        @pytest.mark.parametrize("case", params)
        def test(case: Valid | Invalid) -> None:
            self.assert_case(case)

        test.__name__ = f"test_{self.rule.name.replace('-', '_')}"
        return test

    def _check_case(self, case: Valid | Invalid, seen: set[tuple], where: str) -> None:
        key = (type(case).__name__, case.text, repr(sorted(case.options.items())), getattr(case, "unsafe", False))
        if key in seen:
            raise RuleTesterError(f"{where} duplicates an earlier case")
        seen.add(key)
        self.rule.resolve_options(case.options)  # raises OptionsError for bad options

    def assert_case(self, case: Valid | Invalid) -> None:
        got = self.lint(case.text, case.options)
        if isinstance(case, Valid):
            assert not got, "expected no findings, got:\n" + _table(got)
            return
        problems = []
        if len(got) != len(case.errors):
            problems.append(f"expected {len(case.errors)} finding(s), got {len(got)}")
        for i, (want, have) in enumerate(zip(sorted(case.errors, key=lambda e: (e.line, e.column)), got)):
            for name in ("line", "column", "end_line", "end_column", "message", "severity"):
                expected = getattr(want, name)
                actual = getattr(have, name)
                if name == "severity" and actual is not None:
                    actual = actual.value
                if expected is not None and expected != actual:
                    problems.append(f"finding {i}: {name} expected {expected!r}, got {actual!r}")
            if want.message_id is not None:
                if want.message_id not in self.rule.messages:
                    raise RuleTesterError(f"message id {want.message_id!r} is not declared by {self.rule.name}")
                if have.data.get("message_id") != want.message_id:
                    problems.append(f"finding {i}: message id expected {want.message_id!r}, "
                                    f"got {have.data.get('message_id')!r}")
        if case.output is not _UNSET:
            fixed = self.fix(case.text, case.options, case.unsafe)
            if fixed != case.output:
                problems.append(f"fix output expected {case.output!r}, got {fixed!r}")
        assert not problems, "\n".join(problems) + "\nactual findings:\n" + _table(got)


def _table(diags: Sequence[Diagnostic]) -> str:
    return "\n".join(f"  {d.line}:{d.column}-{d.end_line}:{d.end_column} {d.rule} {d.message}" for d in diags) or "  (none)"


__all__ = ["RuleTester", "Valid", "Invalid", "Expect", "RuleTesterError"]
