from __future__ import annotations

from typing import Any

from ...diagnostics import Diagnostic, Severity
from ...rule import Rule, Stage


class MarkdownTooDeep(Rule):
    """Markdown nested too deeply to parse was read as plain text.

    ## What it does
    Reports each block (a run of lines between blank lines) whose lists and block
    quotes nest beyond what the Markdown parser can follow, such as thousands of
    alternating `- x` / `> - x` / `> > - x` lines. That block is read as plain text
    (markers and all), so the other rules still check its words and links at their
    exact positions, and the rest of the file is parsed as usual.

    ## Why it matters
    Such nesting is almost always a mistake (a paste gone wrong, generated content);
    no reader sees structure in it. Reading it as plain text keeps the article linted
    instead of losing the whole file to a parser error, and this warning says where
    the structure was ignored.

    The parser reports it (like `file-unreadable`): it is not run as a rule, but a
    `<!-- medlint-disable markdown-too-deep -- reason -->` comment above the block silences it.

    ## Example
    ```markdown
    (the three lines below, repeated a few hundred times with no blank line)
    - x
    > - x
    > > - x
    ```

    ## Use instead
    ```markdown
    - x
    - x

    > A quote, nested at most a few levels.
    ```
    """

    code = "ML203"
    name = "markdown-too-deep"
    summary = "Lists and quotes nested too deeply to parse; read as plain text"
    severity = Severity.WARNING
    stage = Stage.ENGINE

    @classmethod
    def findings(cls, doc: Any) -> list[Diagnostic]:
        """One finding per block of ``doc`` read as plain text (``Document.unparsed``)."""
        found = []
        for start, end in doc.unparsed:
            p, q = doc.point(start), doc.point(end)
            found.append(Diagnostic(
                path=doc.path, rule=cls.name, code=cls.code, severity=cls.severity,
                message=f"this block nests lists and quotes too deeply to parse: read as plain text "
                        f"({q.line - p.line + 1} lines)",
                line=p.line, column=p.column, end_line=q.line, end_column=q.column,
                hint="split the block, or nest its lists and block quotes a few levels at most"))
        return found
