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
from typing import IO, Any

from medlint.diagnostics import Diagnostic, Severity
from medlint.reporters import RuleInfo, render_with

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
    return render_with(lambda out: Writer(out, rules, files=files, baselined=baselined), diagnostics, files)


class Writer:
    """Counts per rule and severity, and the worst articles so far: nothing per article."""

    def __init__(self, out: IO[str], rules: Mapping[str, RuleInfo], *, files: Sequence[str] = (),
                 baselined: int | None = None):
        self.out = out
        self.rules = rules
        self.baselined = baselined
        self.articles = self.failing = self.warned = self.with_findings = 0
        self.totals: Counter[Severity] = Counter()
        self.per_rule: dict[str, Counter[Severity]] = defaultdict(Counter)
        self.rule_articles: Counter[str] = Counter()
        self.codes: dict[str, str] = {}
        self.worst: list[tuple[tuple[int, ...], str, Counter[Severity]]] = []  # at most TOP_ARTICLES kept

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None, facts: Any = None) -> None:
        counts: Counter[Severity] = Counter()
        for d in diagnostics:
            severity = Severity(d.severity)
            counts[severity] += 1
            self.per_rule[d.rule][severity] += 1
            self.codes.setdefault(d.rule, d.code)
        self.rule_articles.update({d.rule for d in diagnostics})
        self.totals.update(counts)
        self.articles += 1
        self.failing += bool(counts[Severity.ERROR])
        self.warned += bool(counts[Severity.WARNING] and not counts[Severity.ERROR])
        if counts:
            self.with_findings += 1
            self.worst.append((tuple(-counts[s] for s in SEVERITIES), path, counts))
            if len(self.worst) > 4 * TOP_ARTICLES:
                self.worst = sorted(self.worst, key=lambda w: w[:2])[:TOP_ARTICLES]

    def finish(self, baselined: int | None = None) -> None:
        self.out.write(self._summary(self.baselined if baselined is None else baselined))

    def _summary(self, baselined: int | None) -> str:
        n, failing, warned, totals, per_rule = self.articles, self.failing, self.warned, self.totals, self.per_rule
        found = sum(totals.values())
        if not found:
            verdict = f"All {_count(n, 'article')} pass with no findings."
        elif failing:
            verdict = f"**{failing} of {_count(n, 'article')} failing** (errors)" + (
                f"; {warned} more with warnings." if warned else ".")
        else:
            verdict = f"No errors; {warned} of {_count(n, 'article')} with warnings."
        out = ["## medlint", "", verdict, "",
               "Findings: " + ", ".join(_count(totals[s], s.value, _PLURAL[s]) for s in SEVERITIES) + "."]
        if baselined is not None:
            out.append(f"New findings: {found}; already in the baseline (not counted above): {baselined}.")
        if not found:
            return "\n".join(out) + "\n"

        out += ["", "### Findings by rule", "",
                "| Code | Rule | Errors | Warnings | Info | Articles |", "|---|---|--:|--:|--:|--:|"]
        order = sorted(per_rule, key=lambda r: (*(-per_rule[r][s] for s in SEVERITIES), r))
        for name in order:
            info = self.rules.get(name)
            label = f"`{md_code(name)}`" + (f" {md(info.summary)}" if info is not None and info.summary else "")
            counts = per_rule[name]
            out.append(f"| {md(info.code if info is not None else self.codes[name])} | {label} | "
                       + " | ".join(str(counts[s] or "") for s in SEVERITIES) + f" | {self.rule_articles[name]} |")

        shown = sorted(self.worst, key=lambda w: w[:2])[:TOP_ARTICLES]
        title = ("Articles with the most serious findings" if self.with_findings > TOP_ARTICLES
                 else "Articles with findings")
        out += ["", f"### {title}", "", "| Article | Errors | Warnings | Info |", "|---|--:|--:|--:|"]
        for _, path, counts in shown:
            out.append(f"| {md(path)} | " + " | ".join(str(counts[s] or "") for s in SEVERITIES) + " |")
        if self.with_findings > len(shown):
            out += ["", f"…and {_count(self.with_findings - len(shown), 'more article')} with findings."]
        return "\n".join(out) + "\n"


def md_code(text: str) -> str:
    """``text`` inside a code span in a table cell: no backticks, pipes or line breaks."""
    return _CONTROLS.sub("", _BREAKS.sub(" ", text)).replace("`", "'").replace("|", "\\|")


_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
