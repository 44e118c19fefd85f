from __future__ import annotations

from ...diagnostics import Diagnostic, Severity
from ...rule import INTERNAL_ERROR, UNSUPPRESSIBLE, Rule, Stage


class RuleError(Rule):
    """A rule or plugin failed on this file.

    ## What it does
    When a rule raises an exception, reports something that is not a finding, or runs
    past its time limit on a file, medlint reports `rule-error` for that file naming
    the rule and the error, keeps every other rule's findings, lints the other files,
    and exits with code 2.

    ## Why it matters
    A crashed check is not a passed check. Hiding it would let an article ship
    unchecked; aborting the whole run would hide every other finding.

    ## Example
    ```markdown
    (produced by the engine, not by article text)
    ```

    ## Use instead
    ```markdown
    (fix or remove the failing plugin; report the bug to its author)
    ```
    """

    code = "ML901"
    name = "rule-error"
    summary = "A rule or plugin raised or timed out on this file"
    severity = Severity.ERROR
    stage = Stage.ENGINE

    @classmethod
    def finding(cls, path: str, rule: str, what: str) -> Diagnostic:
        """Rule ``rule`` failed on ``path`` (raised, timed out, reported garbage): ``what``."""
        return Diagnostic(
            path=path, rule=cls.name, code=cls.code, severity=Severity.ERROR,
            message=f"rule `{rule}` failed on this file: {what}",
            line=1, column=1, end_line=1, end_column=1,
            hint="this is a bug in the rule, not in the article; report it to the rule's author",
            data={"failed_rule": rule, INTERNAL_ERROR: True, UNSUPPRESSIBLE: True},
        )

    @classmethod
    def load_failure(cls, source: str, message: str, line: int = 1) -> Diagnostic:
        """A plugin or YAML rule file (``source``) that could not be loaded."""
        return Diagnostic(
            path=source, rule=cls.name, code=cls.code, severity=Severity.ERROR,
            message=f"could not load rules: {message}", line=line, column=1, end_line=line, end_column=1,
            hint="fix or remove this plugin or rule file; every other rule still ran",
            data={"load_error": True, INTERNAL_ERROR: True, UNSUPPRESSIBLE: True},
        )
