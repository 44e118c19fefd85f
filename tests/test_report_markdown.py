"""``--format markdown``: the summary a CI job page shows (SPEC §14).

Read as GitHub renders it: the whole text for a small run, the table rows split on
their (unescaped) pipes, and hostile paths that must stay one literal cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main
from medlint.diagnostics import Diagnostic, Severity
from medlint.registry import Registry
from medlint.reporters import REPORTERS
from medlint.reporters import markdown

RULES = Registry.builtin().infos()


def finding(path: str, rule: str, severity: Severity | None = None) -> Diagnostic:
    info = RULES.get(rule)
    return Diagnostic(path=path, rule=rule, code=info.code if info else "X001",
                      severity=severity or (info.severity if info else Severity.WARNING),
                      message="m", line=1, column=1, end_line=1, end_column=2)


def cells(row: str) -> list[str]:
    """A table row's cells, split where GitHub splits them (pipes not escaped)."""
    assert row.startswith("| ") and row.endswith(" |"), row
    return [c.strip() for c in re.split(r"(?<!\\)\|", row[1:-1])]


def test_the_registry_serves_markdown() -> None:
    assert REPORTERS["markdown"] is markdown.render


def test_a_small_run_reads_as_a_summary() -> None:
    diagnostics = [
        finding("lib/a.md", "citation-unresolved"), finding("lib/a.md", "link-bare"),
        finding("lib/b.md", "link-bare"), finding("lib/b.md", "link-bare"),
        finding("lib/c.md", "absolute-claim", Severity.INFO),
    ]
    text = markdown.render(diagnostics, RULES, files=["lib/a.md", "lib/b.md", "lib/c.md", "lib/d.md"])
    assert text == """\
## medlint

**1 of 4 articles failing** (errors); 1 more with warnings.

Findings: 1 error, 3 warnings, 1 info.

### Findings by rule

| Code | Rule | Errors | Warnings | Info | Articles |
|---|---|--:|--:|--:|--:|
| ML302 | `citation-unresolved` Inline citation marker with no matching reference entry | 1 |  |  | 1 |
| ML305 | `link-bare` Bare or glued URL in prose instead of a link |  | 3 |  | 2 |
| ML404 | `absolute-claim` Miracle or absolute wording: cures, guaranteed, 100% safe, no side effects |  |  | 1 | 1 |

### Articles with findings

| Article | Errors | Warnings | Info |
|---|--:|--:|--:|
| lib/a.md | 1 | 1 |  |
| lib/b.md |  | 2 |  |
| lib/c.md |  |  | 1 |
"""


def test_only_the_ten_worst_articles_are_listed() -> None:
    diagnostics = [finding(f"a{i:02}.md", "link-bare") for i in range(12) for _ in range(i % 3 + 1)]
    diagnostics.append(finding("z.md", "citation-unresolved"))
    text = markdown.render(diagnostics, RULES, files=[])
    section = text.split("### Articles with the most serious findings\n\n")[1]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Article")]
    assert len(rows) == 10
    assert cells(rows[0]) == ["z.md", "1", "", ""]  # an error outranks any number of warnings
    assert [cells(r)[0] for r in rows[1:5]] == ["a02.md", "a05.md", "a08.md", "a11.md"]
    assert section.rstrip().endswith("…and 3 more articles with findings.")


def test_a_clean_run_and_a_baseline() -> None:
    assert markdown.render([], RULES, files=["a.md", "b.md"]) == (
        "## medlint\n\nAll 2 articles pass with no findings.\n\nFindings: 0 errors, 0 warnings, 0 info.\n")
    text = markdown.render([finding("a.md", "link-bare")], RULES, files=["a.md"], baselined=7)
    assert "No errors; 1 of 1 article with warnings." in text
    assert "New findings: 1; already in the baseline (not counted above): 7." in text


def test_paths_and_rule_text_stay_literal_in_their_cell() -> None:
    hostile = "lib/a|b <script>x</script> [y](http://e.org) ![i](z) `c` *d*\n| x | y |.md"
    diagnostics = [finding(hostile, "link-bare"), finding("b.md", "evil|rule`<b>")]
    text = markdown.render(diagnostics, RULES, files=[])
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(len(cells(r)) == len(cells(rows[0])) for r in rows[:3])  # rule table: no extra columns
    article = [r for r in rows if "script" in r][0]
    assert len(cells(article)) == 4
    outside_code = re.sub(r"`[^`]*`", "", text)  # a code span shows its text literally, even <b>
    assert "<" not in outside_code and "](" not in outside_code.replace("\\](", "")
    assert cells(article)[0] == (r"lib/a\|b &lt;script&gt;x&lt;/script&gt; \[y\]\(http://e.org\) \!\[i\]\(z\) "
                                 r"\`c\` \*d\* \| x \| y \|.md")
    assert "`evil\\|rule'&lt;b&gt;`" not in text and "| X001 | `evil\\|rule'<b>` |" in text


def test_check_format_markdown(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# A\n\nSee http://example.org today.\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["check", str(article), "--isolated", "--format", "markdown"])
    assert done.exit_code == 1
    assert done.output.startswith("## medlint\n\n**1 of 1 article failing** (errors)")
    assert "| ML305 | `link-bare`" in done.output
