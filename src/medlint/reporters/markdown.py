"""``--format markdown``: a short summary for a CI job page (SPEC §14).

Written for GitHub's job summary (``$GITHUB_STEP_SUMMARY``, which ``action.yml``
appends it to) and any other page that renders GitHub-flavoured Markdown: a verdict
line, findings by severity (and, with ``--baseline``, how many the baseline hid), a
table per rule (code, rule, findings by severity, articles) and the ten articles with
the most serious findings. It is a summary: the findings themselves are in the
annotations, the SARIF upload or the HTML report.

Paths, rule names and summaries are escaped for Markdown tables: ``&``, ``<`` and
``>`` become entities, ``|`` and the other Markdown punctuation are backslash-escaped,
line breaks become spaces, so no text can add a row, a link, an image or HTML.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from medlint.diagnostics import Diagnostic, Severity
from medlint.reporters import RuleInfo

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
TOP_ARTICLES = 10
_PUNCTUATION = re.compile(r"([\\`*_\[\]()!|~])")
_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def md(text: str) -> str:
    """``text`` as literal text inside a Markdown table cell."""
    text = _CONTROLS.sub("", _BREAKS.sub(" ", text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _PUNCTUATION.sub(r"\\\1", text)


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
    baselined: int | None = None,
) -> str:
    """The summary; ``baselined`` is the number of findings the baseline hid (None: no baseline)."""
    per_article: dict[str, Counter[Severity]] = {path: Counter() for path in files}
    per_rule: dict[str, Counter[Severity]] = defaultdict(Counter)
    rule_articles: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, str] = {}
    for d in diagnostics:
        severity = Severity(d.severity)
        per_article.setdefault(d.path, Counter())[severity] += 1
        per_rule[d.rule][severity] += 1
        rule_articles[d.rule].add(d.path)
        codes.setdefault(d.rule, d.code)
    totals = Counter(Severity(d.severity) for d in diagnostics)
    failing = sum(1 for c in per_article.values() if c[Severity.ERROR])
    warned = sum(1 for c in per_article.values() if c[Severity.WARNING] and not c[Severity.ERROR])
    n = len(per_article)

    if not diagnostics:
        verdict = f"All {_count(n, 'article')} pass with no findings."
    elif failing:
        verdict = f"**{failing} of {_count(n, 'article')} failing** (errors)" + (
            f"; {warned} more with warnings." if warned else ".")
    else:
        verdict = f"No errors; {warned} of {_count(n, 'article')} with warnings."
    out = ["## medlint", "", verdict, "",
           "Findings: " + ", ".join(_count(totals[s], s.value, _PLURAL[s]) for s in SEVERITIES) + "."]
    if baselined is not None:
        out.append(f"New findings: {len(diagnostics)}; already in the baseline (not counted above): {baselined}.")
    if not diagnostics:
        return "\n".join(out) + "\n"

    out += ["", "### Findings by rule", "",
            "| Code | Rule | Errors | Warnings | Info | Articles |", "|---|---|--:|--:|--:|--:|"]
    order = sorted(per_rule, key=lambda r: (*(-per_rule[r][s] for s in SEVERITIES), r))
    for name in order:
        info = rules.get(name)
        label = f"`{md_code(name)}`" + (f" {md(info.summary)}" if info is not None and info.summary else "")
        counts = per_rule[name]
        out.append(f"| {md(info.code if info is not None else codes[name])} | {label} | "
                   + " | ".join(str(counts[s] or "") for s in SEVERITIES) + f" | {len(rule_articles[name])} |")

    worst = sorted((p for p, c in per_article.items() if c),
                   key=lambda p: (*(-per_article[p][s] for s in SEVERITIES), p))
    shown = worst[:TOP_ARTICLES]
    title = "Articles with the most serious findings" if len(worst) > TOP_ARTICLES else "Articles with findings"
    out += ["", f"### {title}", "", "| Article | Errors | Warnings | Info |", "|---|--:|--:|--:|"]
    for path in shown:
        counts = per_article[path]
        out.append(f"| {md(path)} | " + " | ".join(str(counts[s] or "") for s in SEVERITIES) + " |")
    if len(worst) > len(shown):
        out += ["", f"…and {_count(len(worst) - len(shown), 'more article')} with findings."]
    return "\n".join(out) + "\n"


def md_code(text: str) -> str:
    """``text`` inside a code span in a table cell: no backticks, pipes or line breaks."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", text)).replace("`", "'").replace("|", "\\|")


_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
