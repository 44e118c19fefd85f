from __future__ import annotations

from ...diagnostics import Severity
from ...rule import Rule


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
    engine_only = True
