from __future__ import annotations

from ...diagnostics import Diagnostic, Severity
from ...rule import UNSUPPRESSIBLE, Rule, Stage


class FileUnreadable(Rule):
    """The file could not be read as UTF-8 text.

    ## What it does
    Reports a file that is not valid UTF-8 (at the first bad byte), is UTF-16 (save it
    as UTF-8), holds NUL bytes (binary), or could not be opened (permissions, a folder,
    deleted while medlint ran). The other files are still linted.

    ## Why it matters
    A file medlint cannot read is a file nobody checked; saying so beats a silent pass.

    ## Example
    ```markdown
    (a file saved as UTF-16 or Latin-1)
    ```

    ## Use instead
    ```markdown
    (the same article saved as UTF-8)
    ```
    """

    code = "ML902"
    name = "file-unreadable"
    summary = "Not UTF-8 text, binary, unreadable or vanished"
    severity = Severity.ERROR
    stage = Stage.ENGINE

    @classmethod
    def finding(cls, path: str, message: str, line: int = 1, column: int = 1) -> Diagnostic:
        """``path`` could not be read or decoded: ``message``, at the first bad byte."""
        return Diagnostic(path=path, rule=cls.name, code=cls.code, severity=Severity.ERROR,
                          message=message, line=line, column=column, end_line=line, end_column=column,
                          data={UNSUPPRESSIBLE: True})
