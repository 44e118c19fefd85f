from __future__ import annotations

from ...diagnostics import Severity
from ...rule import Rule


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
    engine_only = True
