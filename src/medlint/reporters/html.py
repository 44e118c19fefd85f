"""``--format html``: one self-contained page about a library, for people (SPEC §14).

Editors-in-chief and compliance leads ask "which articles are blocking, for what?"
The page answers, top to bottom:

- **Totals**: articles, failing (at least one error), passing (with and without
  warnings), findings by severity and, with ``--baseline``, new vs baselined findings.
- **Findings by rule**: an SVG bar chart, stacked by severity.
- **Articles**: those with findings, worst first (errors, then warnings, then info),
  each a collapsed ``<details>`` with one compact row per finding: line:column,
  severity, rule (a link to the rule's documentation on the page), message, the
  flagged text in its line, hint. Clean articles are one compact list.
- **Claim map**: subjects x effects; each cell counts the articles' claims by stance
  (causes / rarely causes / does not cause), is marked when claims conflict and links
  to the list of those claims (article, line, sentence, qualifiers).
- **Readability**: each article's reading grade as a small SVG chart (one bar per
  article; a histogram by grade when there are more than 60 graded articles).
- **Rules**: the documentation of every rule that has findings (the text of
  ``medlint explain RULE`` and ``docs/rules/``), so a rule link works offline and
  wherever the report is opened.

Filters by rule and severity are a few lines of inline JavaScript; with scripts off the
filter form stays hidden and everything is still on the page (expand an article to
read its findings). The page makes no request: CSS, SVG and the script are inline, and
no ``src`` or ``href`` leaves the page. Every text that comes from an article, a path, a
message or a rule is escaped (``html.escape`` with quotes), and characters HTML does not
allow (C0 controls, lone surrogates) are replaced, so an article cannot inject markup.

A claim **conflicts** when another claim on the same subject and effect contradicts it by
the claims analyser's own test (:func:`medlint.claims.find_contradictions`: one negative,
the other positive or rare, the negative's qualifiers covering the other's; two claims of
one sentence are never paired), across the whole library; a claim flagged by
``claim-contradiction`` or ``claim-registry-conflict`` is marked too.

Input beyond the findings, for the claim map and the readability chart, is an
:class:`ArticleFacts` per path (``facts``); without it those sections say there is no
data. Scale: a library of 10,000 articles stays well under 20 MB (see
``bench/report_scale.py``).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO

import medlint
from medlint.claim_config import ClaimRecord
from medlint.diagnostics import Diagnostic, Severity
from medlint.fingerprints import split_lines
from medlint.reporters import RuleInfo, binary_spool, render_with
from medlint.results import FileResult


@dataclass(frozen=True)
class ArticleFacts:
    """What the report shows about an article besides its findings: its claims (a run
    with ``RunOptions.claims`` carries them in ``FileResult.claims``) and its reading
    grade (``FileResult.measures["reading-grade"]``, recorded by the readability-grade
    rule with its configured formula; None when the rule is off or the article is too
    short to grade)."""

    path: str
    claims: Sequence[ClaimRecord] = ()
    grade: float | None = None

    @classmethod
    def of(cls, result: FileResult) -> ArticleFacts:
        return cls(result.path, tuple(result.claims or ()), result.measures.get(GRADE_MEASURE))


SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
STANCES = {  # stance -> (label, symbol, class); order is the display order
    "positive": ("causes", "+", "pos"),
    "rare": ("rarely causes", "~", "rare"),
    "negative": ("does not cause", "\u2212", "neg"),
}
CONFLICT_RULES = frozenset({"claim-contradiction", "claim-registry-conflict"})
GRADE_MEASURE = "reading-grade"  # what the readability-grade rule records (ctx.measure)
GRADE_TARGET = (6.0, 8.0)  # what health agencies ask for (see the readability-grade rule)
EXPAND_FAILING = 10  # up to this many failing articles are shown open
EXPAND_CONFLICTS = 10  # up to this many conflicting claim lists are shown open
PER_ARTICLE_GRADES = 60  # up to this many graded articles, one bar each; more: a histogram
EXCERPT = 140  # longest excerpt shown, in characters
WARN, ELLIPSIS = "\u26a0", "\u2026"

_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def esc(text: object) -> str:
    """``text`` safe in HTML text and in quoted attribute values."""
    return html.escape(_NOT_HTML.sub("\ufffd", str(text)), quote=True)


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def esc_prose(text: str) -> str:
    """A message or hint, escaped, with its `code` spans (rules write keys, headings
    and rule names that way) shown as code rather than between backticks."""
    return _CODE_SPAN.sub(r"<code>\1</code>", esc(text))


def render(
    diagnostics: Sequence[Diagnostic],
    rules: Mapping[str, RuleInfo],
    *,
    files: Sequence[str],
    sources: Mapping[str, str] | None = None,
    facts: Mapping[str, ArticleFacts] | None = None,
    baselined: int | None = None,
) -> str:
    """The report page. ``sources`` (path -> file text) gives excerpts; ``facts`` (path ->
    :class:`ArticleFacts`) the claim map and grades; ``baselined`` is the number of
    findings the baseline hid (None: no baseline given)."""
    return render_with(lambda out: Writer(out, rules, files=files, baselined=baselined, facts=facts),
                       diagnostics, files, sources)


class Writer:
    """The page lists the worst articles first and links rules by their rank, which
    only the last file settles: each article's findings are rendered as it comes (its
    excerpts from its text) to a spool file, with placeholders for what is settled at
    the end; what is kept per article is its anchor, counts and place in the spool, its
    facts (claims, grade) and the positions of conflict findings, for the claim map."""

    def __init__(self, out: IO[str], rules: Mapping[str, RuleInfo], *, files: Sequence[str] = (),
                 baselined: int | None = None, facts: Mapping[str, ArticleFacts] | None = None):
        self.out = out
        self.baselined = baselined
        self.report = _Report(rules, files, facts or {})

    def file(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None = None,
             facts: ArticleFacts | None = None) -> None:
        self.report.add(path, diagnostics, text, facts)

    def finish(self, baselined: int | None = None) -> None:
        self.report.write(self.out, self.baselined if baselined is None else baselined)
        self.report.spool.close()


@dataclass
class _Article:
    path: str
    anchor: str
    counts: Counter[Severity] = field(default_factory=Counter)
    rendered: tuple[int, int] | None = None  # where its findings are in the spool (offset, bytes)

    @property
    def order(self) -> tuple:
        return (*(-self.counts[s] for s in SEVERITIES), self.path)


# In an article's spooled HTML (escaped text never holds a NUL): \0N\0 is the anchor of
# the rule numbered N on arrival, \0o\0 where " open" goes when the article is shown open.
_PLACEHOLDER = re.compile("\0(o|\\d+)\0")


class _Report:
    def __init__(self, rules: Mapping[str, RuleInfo], files: Sequence[str], facts: Mapping[str, ArticleFacts]):
        self.rules = rules
        self.facts = dict(facts)
        self.articles_by_path: dict[str, _Article] = {}
        for path in files:
            if path not in self.articles_by_path:
                self.articles_by_path[path] = _Article(path, f"a{len(self.articles_by_path) + 1}")
        self.found = 0
        self.severity_counts: Counter[Severity] = Counter()
        self.by_rule: dict[str, Counter[Severity]] = defaultdict(Counter)
        self.codes: dict[str, str] = {}
        self.rule_ids: dict[str, int] = {}  # rule -> its number on arrival (placeholders)
        self.conflict_at: set[tuple[str, int, int]] = set()  # where conflict findings point
        self.spool = binary_spool()

    def add(self, path: str, diagnostics: Sequence[Diagnostic], text: str | None,
            facts: ArticleFacts | None) -> None:
        if facts is not None:
            self.facts[path] = facts
        article = self.articles_by_path.get(path)
        if article is None:
            article = self.articles_by_path[path] = _Article(path, f"a{len(self.articles_by_path) + 1}")
        for d in diagnostics:
            severity = Severity(d.severity)
            article.counts[severity] += 1
            self.severity_counts[severity] += 1
            self.by_rule[d.rule][severity] += 1
            self.codes.setdefault(d.rule, d.code)
            self.rule_ids.setdefault(d.rule, len(self.rule_ids))
            if d.rule in CONFLICT_RULES:
                self.conflict_at.add((d.path, d.line, d.column))
                self.conflict_at.update((r.path, r.line, r.column) for r in d.related)
        self.found += len(diagnostics)
        if diagnostics:
            html_text = self._article(article, diagnostics, split_lines(text) if text is not None else None)
            data = html_text.encode("utf-8", "surrogatepass")
            article.rendered = (self.spool.tell(), len(data))
            self.spool.write(data)

    def write(self, out: IO[str], baselined: int | None) -> None:
        # Rules by number of findings (most first); anchors r1, r2, ... in that order.
        self.rule_order = sorted(self.by_rule, key=lambda r: (-sum(self.by_rule[r].values()),
                                                              *(-self.by_rule[r][s] for s in SEVERITIES), r))
        self.rule_anchor = {name: f"r{i}" for i, name in enumerate(self.rule_order, start=1)}
        self.failing = sum(1 for a in self.articles_by_path.values() if a.counts[Severity.ERROR])
        self.warned = sum(1 for a in self.articles_by_path.values()
                          if a.counts[Severity.WARNING] and not a.counts[Severity.ERROR])
        out.write("".join([
            _HEAD.format(title=esc(self.title), css=_CSS),
            '<header><h1>medlint report</h1>',
            f'<p class="lead">{esc(self.verdict)}</p>',
            _NAV,
            "</header><main>",
            self.totals(baselined),
            self.rule_chart(),
            self.filters(),
        ]))
        self.articles(out)
        out.write("".join([
            self.claim_map(),
            self.readability(),
            self.rule_docs(),
            f'</main><footer>Made by medlint {esc(medlint.__version__)}: <code>medlint check --format html</code>.'
            "</footer>",
            f"<script>{_SCRIPT}</script></body></html>\n",
        ]))

    # -- header ------------------------------------------------------------
    @property
    def title(self) -> str:
        n = len(self.articles_by_path)
        return f"medlint report: {_count(n, 'article')}, {self.failing} failing"

    @property
    def verdict(self) -> str:
        n = len(self.articles_by_path)
        if not n:
            return "No articles were checked."
        if not self.found:
            return f"All {_count(n, 'article')} pass with no findings."
        if self.failing:
            verb = "has" if self.warned == 1 else "have"
            more = f"{self.warned:,} more {verb} warnings to review." if self.warned else ""
            return (f"{self.failing:,} of {_count(n, 'article')} fail: they have errors to fix before publishing. "
                    f"{more}").rstrip()
        return (f"No article has errors; {self.warned:,} of {_count(n, 'article')} "
                f"{'has' if self.warned == 1 else 'have'} warnings to review.")

    def totals(self, baselined: int | None) -> str:
        n = len(self.articles_by_path)
        passing = n - self.failing
        cards = [
            _card(f"{n:,}", "articles checked", ""),
            _card(f"{self.failing:,}", "failing", "have at least one error", "e" if self.failing else ""),
            _card(f"{passing:,}", "passing", f"{self.warned:,} of them with warnings", "ok"),
        ]
        findings = " \u00b7 ".join(
            f'<span class="sev {s.value}">{_count(self.severity_counts[s], s.value, _PLURAL[s])}</span>'
            for s in SEVERITIES)
        out = [f'<section id="summary" aria-label="Summary"><div class="cards">{"".join(cards)}</div>',
               f'<p class="findings">Findings: {findings}</p>']
        if baselined is not None:
            out.append(f'<p class="baseline"><b>{_count(self.found, "new finding")}</b> '
                       f'(listed below) \u00b7 {_count(baselined, "finding")} already recorded in the '
                       f'baseline (not listed)</p>')
        out.append("</section>")
        return "".join(out)

    # -- findings by rule ----------------------------------------------------
    def rule_chart(self) -> str:
        out = ['<section id="by-rule"><h2>Findings by rule</h2>']
        if not self.rule_order:
            out.append('<p class="none">No findings.</p></section>')
            return "".join(out)
        label_w, bar_w, row_h = 200, 560, 40
        most = max(sum(c.values()) for c in self.by_rule.values())
        height = row_h * len(self.rule_order) + 4
        width = label_w + bar_w + 60
        svg = [f'<svg class="chart" role="img" aria-label="Number of findings per rule" '
               f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">']
        for i, name in enumerate(self.rule_order):
            y = 4 + i * row_h
            counts = self.by_rule[name]
            total = sum(counts.values())
            info = self.rules.get(name)
            svg.append(f'<a href="#{self.rule_anchor[name]}"><title>{esc(name)}: '
                       f'{esc(_breakdown(counts))}</title>')
            svg.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{esc(_clip(name, 28))}</text>')
            x = float(label_w)
            for severity in SEVERITIES:
                if counts[severity]:
                    w = max(bar_w * counts[severity] / most, 2.0)
                    svg.append(f'<rect class="{severity.value}" x="{x:.1f}" y="{y + 2}" width="{w:.1f}" '
                               f'height="16"/>')
                    x += w
            svg.append(f'<text x="{x + 6:.1f}" y="{y + 14}">{total}</text>')
            if info is not None and info.summary:
                svg.append(f'<text class="sum" x="{label_w}" y="{y + 32}">{esc(_clip(info.summary, 100))}</text>')
            svg.append("</a>")
        svg.append("</svg>")
        out.append("".join(svg))
        out.append('<p class="legend">' + " ".join(
            f'<span class="key {s.value}"></span>{s.value}' for s in SEVERITIES) + "</p></section>")
        return "".join(out)

    # -- filters -------------------------------------------------------------
    def filters(self) -> str:
        if not self.found:
            return ""
        rule_options = "".join(f'<option value="{self.rule_anchor[r]}">{esc(r)} '
                               f'({sum(self.by_rule[r].values())})</option>' for r in self.rule_order)
        severity_options = "".join(f'<option value="{s.value}">{s.value}</option>' for s in SEVERITIES)
        return ('<form id="filters" class="filters" hidden><label>Rule <select id="f-rule">'
                f'<option value="">all rules</option>{rule_options}</select></label> '
                '<label>Severity <select id="f-sev"><option value="">all</option>'
                f'{severity_options}</select></label> '
                '<button type="button" id="f-open">Expand all</button> '
                '<button type="button" id="f-close">Collapse all</button> '
                '<output id="f-count"></output></form>')

    # -- articles ------------------------------------------------------------
    def articles(self, out: IO[str]) -> None:
        with_findings = sorted((a for a in self.articles_by_path.values() if a.rendered), key=lambda a: a.order)
        clean = sorted((a for a in self.articles_by_path.values() if not a.rendered), key=lambda a: a.path)
        out.write('<section id="articles"><h2>Articles with findings</h2>')
        if not with_findings:
            out.write('<p class="none">None: every article is clean.</p>')
        else:
            out.write('<p class="help">Worst first. Open an article to see its findings: where (line:column '
                      'in the file), how serious, which rule (a link to what it checks), what is wrong, the '
                      'text it flags (<mark>highlighted</mark>) and how to fix it.</p>')
        # A short list of blocking articles is shown open; everything else starts collapsed.
        failing = [a for a in with_findings if a.counts[Severity.ERROR]]
        expand = {id(a) for a in failing} if len(failing) <= EXPAND_FAILING else set()
        anchors = {str(i): self.rule_anchor[name] for name, i in self.rule_ids.items()}
        for article in with_findings:
            assert article.rendered is not None
            offset, size = article.rendered
            self.spool.seek(offset)
            shown = " open" if id(article) in expand else ""
            out.write(_PLACEHOLDER.sub(lambda m: shown if m.group(1) == "o" else anchors[m.group(1)],
                                       self.spool.read(size).decode("utf-8", "surrogatepass")))
        if clean:
            items = "".join(f'<li id="{a.anchor}">{esc(a.path)}{self._grade_note(a.path)}</li>' for a in clean)
            out.write(f'<details class="clean"><summary>{_count(len(clean), "clean article")} '
                      f'(no findings)</summary><ul>{items}</ul></details>')
        out.write("</section>")

    def _article(self, article: _Article, findings: Sequence[Diagnostic], lines: list[str] | None) -> str:
        worst = next((s for s in SEVERITIES if article.counts[s]), Severity.INFO)
        badges = " ".join(f'<span class="badge {s.value}">{_count(article.counts[s], s.value, _PLURAL[s])}</span>'
                          for s in SEVERITIES if article.counts[s])
        rows = []
        for d in findings:
            severity = Severity(d.severity).value
            anchor = f"\0{self.rule_ids[d.rule]}\0"
            excerpt = _excerpt(lines, d) if lines is not None else ""
            hint = f'<div class="hint">Hint: {esc_prose(d.hint)}</div>' if d.hint else ""
            rows.append(f'<tr data-r="{anchor}" data-s="{severity}"><td class="at">{d.line}:{d.column}</td>'
                        f'<td><b class="sev {severity}">{severity}</b> <a href="#{anchor}">{esc(d.rule)}</a></td>'
                        f'<td>{esc_prose(d.message)}{excerpt}{hint}</td></tr>')
        return (f'<details class="art {worst.value}" id="{article.anchor}"\0o\0>'
                f'<summary>{badges} <span class="path">{esc(article.path)}</span>'
                f'{self._grade_note(article.path)} <span class="rules">\u2014 {esc(_rule_list(findings))}'
                f'</span></summary>'
                f'<table class="findings"><tbody>{"".join(rows)}</tbody></table></details>')

    def _grade_note(self, path: str) -> str:
        facts = self.facts.get(path)
        if facts is None or facts.grade is None:
            return ""
        return f' <span class="grade">reading grade {facts.grade:.1f}</span>'

    # -- claim map -----------------------------------------------------------
    def claim_map(self) -> str:
        out = ['<section id="claims"><h2>Claim map</h2>']
        claims = [(path, c) for path, f in sorted(self.facts.items()) for c in f.claims]
        if not claims:
            out.append('<p class="none">No health claims found' +
                       ("." if self.facts else " (this report was made without article facts).") + "</p></section>")
            return "".join(out)
        conflicting = _conflicts(claims) | self._flagged_claims(claims)
        cells: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, (_, c) in enumerate(claims):
            cells[(c.subject, c.effect)].append(i)
        subjects = sorted({s for s, _ in cells})
        effects = sorted({e for _, e in cells})
        cell_anchor = {key: f"c{i}" for i, key in enumerate(sorted(cells), start=1)}
        n_conflicts = sum(1 for idx in cells.values() if any(i in conflicting for i in idx))
        out.append('<p class="help">What the library says causes what: each row a subject, each column an '
                   'effect; a cell counts the claims by stance. ' + _stance_legend() +
                   ' <span class="conflict-key">\u26a0 conflicting claims</span>. Open a cell to read the claims.'
                   '</p>')
        if n_conflicts:
            out.append(f'<p class="alert">{_count(n_conflicts, "subject/effect pair")} with conflicting claims.</p>')
        labels = _Labels()
        head = "".join(f'<th scope="col">{esc(labels.effect(e))}</th>' for e in effects)
        out.append(f'<div class="scroll"><table class="claimmap"><thead><tr><th>subject \u2193 effect \u2192</th>'
                   f'{head}</tr></thead><tbody>')
        for s in subjects:
            row = [f'<tr><th scope="row">{esc(labels.subject(s))}</th>']
            for e in effects:
                idx = cells.get((s, e))
                if not idx:
                    row.append("<td></td>")
                    continue
                stances = Counter(claims[i][1].stance for i in idx)
                chips = "".join(f'<span class="st {STANCES[k][2]}" title="{_count(stances[k], "claim")}: '
                                f'{STANCES[k][0]}">{STANCES[k][1]}{stances[k]}</span>'
                                for k in STANCES if stances[k])
                if any(i in conflicting for i in idx):
                    row.append(f'<td class="conflict"><a href="#{cell_anchor[(s, e)]}">{chips}<b>{WARN}</b></a></td>')
                else:
                    row.append(f'<td><a href="#{cell_anchor[(s, e)]}">{chips}</a></td>')
            out.append("".join(row) + "</tr>")
        out.append("</tbody></table></div>")
        for key in sorted(cells, key=lambda k: (not any(i in conflicting for i in cells[k]), k)):
            out.append(self._claim_list(key, cells[key], claims, conflicting, cell_anchor[key],
                                        expand=n_conflicts <= EXPAND_CONFLICTS, labels=labels))
        out.append("</section>")
        return "".join(out)

    def _claim_list(self, key: tuple[str, str], idx: list[int], claims: list[tuple[str, ClaimRecord]],
                    conflicting: set[int], anchor: str, expand: bool, labels: _Labels) -> str:
        flag = any(i in conflicting for i in idx)
        n_articles = len({claims[i][0] for i in idx})
        items = []
        for i in sorted(idx, key=lambda i: (list(STANCES).index(claims[i][1].stance)
                                            if claims[i][1].stance in STANCES else 9, claims[i][0])):
            path, c = claims[i]
            label, symbol, cls = STANCES.get(c.stance, (c.stance, "?", "pos"))
            quals = ", ".join(f"{k}: {v}" for k, v in sorted(c.qualifiers.items()))
            article = self.articles_by_path.get(path)
            where = (f'<a href="#{article.anchor}">{esc(path)}</a>' if article else esc(path))
            quals = f' <span class="q">({esc(quals)})</span>' if quals else ""
            mark = f' <b class="conflict">{WARN} conflicts</b>' if i in conflicting else ""
            items.append(f'<li><span class="st {cls}">{symbol} {esc(label)}</span> {where}:{c.line} '
                         f'\u201c{esc(c.sentence)}\u201d{quals}{mark}</li>')
        note = f" \u2014 <b>{WARN} conflicting</b>" if flag else ""
        state = ' class="claims conflict" open' if flag and expand else f' class="claims{" conflict" if flag else ""}"'
        return (f'<details{state} id="{anchor}"><summary>'
                f'{esc(labels.subject(key[0]))} \u2192 {esc(labels.effect(key[1]))}: {_count(len(idx), "claim")} in '
                f'{_count(n_articles, "article")}{note}</summary><ul>{"".join(items)}</ul></details>')

    def _flagged_claims(self, claims: list[tuple[str, ClaimRecord]]) -> set[int]:
        """Claims that a claim-contradiction or claim-registry-conflict finding points at."""
        at = self.conflict_at
        return {i for i, (path, c) in enumerate(claims) if (path, c.line, c.column) in at}

    # -- readability ---------------------------------------------------------
    def readability(self) -> str:
        out = ['<section id="readability"><h2>Readability</h2>']
        graded = sorted(((f.grade, path) for path, f in self.facts.items() if f.grade is not None),
                        key=lambda gp: (-gp[0], gp[1]))
        if not graded:
            out.append('<p class="none">No reading grades' +
                       (" (the readability-grade rule is off, or the articles are too short to grade)."
                        if self.facts else
                        " (this report was made without article facts).") + "</p></section>")
            return "".join(out)
        low, high = GRADE_TARGET
        above = sum(1 for g, _ in graded if g > high)
        out.append(f'<p class="help">Reading grade (US school year, as the readability-grade rule computes it: '
                   f'Flesch-Kincaid unless configured otherwise) of each article\u2019s '
                   f'prose. Health agencies ask for grade {low:g}\u2013{high:g} (shaded). '
                   f'{_count(above, "article")} of {len(graded)} {"is" if above == 1 else "are"} above '
                   f'{high:g}.</p>')
        out.append(self._grades_per_article(graded) if len(graded) <= PER_ARTICLE_GRADES
                   else _grade_histogram([g for g, _ in graded]))
        out.append("</section>")
        return "".join(out)

    def _grades_per_article(self, graded: list[tuple[float, str]]) -> str:
        label_w, bar_w, row_h = 300, 420, 20
        top = max(16.0, max(g for g, _ in graded))
        height = row_h * len(graded) + 24
        scale = bar_w / top
        low, high = GRADE_TARGET
        svg = [f'<svg class="chart" role="img" aria-label="Reading grade per article" '
               f'viewBox="0 0 {label_w + bar_w + 50} {height}" width="{label_w + bar_w + 50}" height="{height}">',
               f'<rect class="target" x="{label_w + low * scale:.1f}" y="0" width="{(high - low) * scale:.1f}" '
               f'height="{height - 20}"/>']
        for i, (grade, path) in enumerate(graded):
            y = i * row_h
            article = self.articles_by_path.get(path)
            cls = "hard" if grade > high else "easy"
            bar = (f'<title>{esc(path)}: grade {grade:.1f}</title>'
                   f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">'
                   f'{esc(_clip(PurePath(path).name, 40))}</text>'
                   f'<rect class="{cls}" x="{label_w}" y="{y + 4}" width="{max(grade, 0.1) * scale:.1f}" '
                   f'height="{row_h - 7}"/><text x="{label_w + max(grade, 0.1) * scale + 5:.1f}" y="{y + 14}">'
                   f'{grade:.1f}</text>')
            svg.append(f'<a href="#{article.anchor}">{bar}</a>' if article else f"<g>{bar}</g>")
        for tick in range(0, int(top) + 1, 2):
            svg.append(f'<text class="tick" x="{label_w + tick * scale:.1f}" y="{height - 4}" '
                       f'text-anchor="middle">{tick}</text>')
        svg.append("</svg>")
        return "".join(svg)

    # -- rule documentation --------------------------------------------------
    def rule_docs(self) -> str:
        if not self.rule_order:
            return ""
        out = ['<section id="rules"><h2>Rules</h2><p class="help">What each rule checks and how to fix what '
               'it finds (the same text as <code>medlint explain RULE</code>).</p>']
        for name in self.rule_order:
            info = self.rules.get(name)
            code = info.code if info is not None else self.codes[name]
            summary = f" \u2014 {esc(info.summary)}" if info is not None and info.summary else ""
            docs = f'<pre class="doc">{esc(info.docs)}</pre>' if info is not None and info.docs else ""
            out.append(f'<details id="{self.rule_anchor[name]}"><summary><code>{esc(code)}</code> '
                       f'<b>{esc(name)}</b>{summary} ({esc(_breakdown(self.by_rule[name]))})</summary>'
                       f'{docs}</details>')
        out.append("</section>")
        return "".join(out)


def _conflicts(claims: list[tuple[str, ClaimRecord]]) -> set[int]:
    """Indexes of the claims that another claim contradicts (see the module docstring).

    Claims with the same subject, relation, effect, stance and qualifiers behave alike,
    so the analyser compares one representative of each such kind; a pair of kinds
    found contradicting counts when some two of their claims are from different
    sentences (the analyser never pairs the two sides of one sentence)."""
    from medlint.claims import Claim, find_contradictions

    kinds: dict[tuple, list[int]] = defaultdict(list)
    for i, (_, c) in enumerate(claims):
        kinds[(c.subject, c.relation, c.effect, c.stance, tuple(sorted(c.qualifiers.items())))].append(i)
    keys = list(kinds)
    representatives = [Claim(sentence=n, start=0, end=0, subject=k[0], effect=k[2], subject_text="",
                             effect_text="", relation=k[1], stance=k[3], certainty="", qualifiers=dict(k[4]))
                       for n, k in enumerate(keys)]
    found: set[int] = set()
    for a, b, _ in find_contradictions(representatives):
        left, right = kinds[keys[a.sentence]], kinds[keys[b.sentence]]
        sentences = {(claims[i][0], claims[i][1].sentence) for i in left + right}
        if len(sentences) > 1:
            found.update(left)
            found.update(right)
    return found


def _excerpt(lines: list[str], d: Diagnostic) -> str:
    """The flagged line with the flagged part marked, shortened around it when long."""
    if not 1 <= d.line <= len(lines):
        return ""
    line = lines[d.line - 1]
    start = min(max(d.column - 1, 0), len(line))
    end = min(d.end_column - 1, len(line)) if d.end_line == d.line else len(line)
    end = max(end, start)
    if not any(ch.isalnum() for ch in line):
        return ""  # a front-matter fence or a rule line: nothing to read
    lo, hi, cut = 0, len(line), end
    if len(line) > EXCERPT:
        cut = min(end, start + EXCERPT // 2)
        lo = max(0, start - EXCERPT // 4)
        hi = min(len(line), max(cut + EXCERPT // 4, lo + EXCERPT))
    before, flagged, after = line[lo:start], line[start:cut], line[cut:hi]
    more = ELLIPSIS if cut < end else ""
    head = ELLIPSIS if lo else ""
    tail = ELLIPSIS if hi < len(line) else ""
    return f'<div class="excerpt">{head}{esc(before)}<mark>{esc(flagged)}{more}</mark>{esc(after)}{tail}</div>'


def _grade_histogram(grades: list[float]) -> str:
    """Articles per grade band (below 5, one band per grade, 16 and above)."""
    bands = ["<5", *(f"{g}-{g + 1}" for g in range(5, 16)), "16+"]
    counts = Counter(0 if g < 5 else min(int(g) - 4, len(bands) - 1) for g in grades)
    col_w, chart_h = 56, 180
    most = max(counts.values())
    low, high = GRADE_TARGET
    width = col_w * len(bands)
    svg = [f'<svg class="chart" role="img" aria-label="Number of articles per reading grade" '
           f'viewBox="0 0 {width} {chart_h + 40}" width="{width}" height="{chart_h + 40}">',
           f'<rect class="target" x="{(low - 4) * col_w:.0f}" y="0" width="{(high - low) * col_w:.0f}" '
           f'height="{chart_h + 20}"/>']
    for i, band in enumerate(bands):
        n = counts[i]
        h = chart_h * n / most
        x = i * col_w
        cls = "hard" if i >= high - 4 else "easy"
        svg.append(f'<g><title>grade {band}: {_count(n, "article")}</title>'
                   f'<rect class="{cls}" x="{x + 6}" y="{chart_h - h + 16:.1f}" width="{col_w - 12}" '
                   f'height="{h:.1f}"/><text x="{x + col_w / 2:.0f}" y="{chart_h - h + 12:.1f}" '
                   f'text-anchor="middle">{n}</text><text class="tick" x="{x + col_w / 2:.0f}" '
                   f'y="{chart_h + 34}" text-anchor="middle">{band}</text></g>')
    svg.append("</svg>")
    return "".join(svg)


def _card(number: str, label: str, note: str, cls: str = "") -> str:
    return (f'<div class="card {cls}"><div class="n">{number}</div><div class="l">{esc(label)}</div>'
            f'<div class="note">{esc(note)}</div></div>')


_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _breakdown(counts: Mapping[Severity, int]) -> str:
    return ", ".join(_count(counts[s], s.value, _PLURAL[s]) for s in SEVERITIES if counts.get(s))


def _rule_list(findings: Sequence[Diagnostic], shown: int = 3) -> str:
    """The rules an article breaks, most findings first: "link-bare, claim-uncited +2 more"."""
    counts = Counter(d.rule for d in findings)
    names = sorted(counts, key=lambda r: (-counts[r], r))
    more = f" +{len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


class _Labels:
    """How the claim map names a subject or effect: the shipped claims lexicon's label
    ("vitamin B12", "hypokalemia (low potassium)"), or for an id a project's own
    lexicon added, the id as words (``my_tonic`` -> ``my tonic``)."""

    def __init__(self) -> None:
        from medlint.claims.lexicon import ClaimLexicon

        lexicon = ClaimLexicon.default()
        self.subjects, self.effects = lexicon.subjects, lexicon.effects

    def subject(self, identifier: str) -> str:
        return self.subjects.get(identifier) or identifier.replace("_", " ")

    def effect(self, identifier: str) -> str:
        return self.effects.get(identifier) or identifier.replace("_", " ")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _stance_legend() -> str:
    return " ".join(f'<span class="st {cls}">{symbol}</span> {label}' for label, symbol, cls in STANCES.values())


_NAV = ('<nav><a href="#summary">Summary</a><a href="#by-rule">By rule</a><a href="#articles">Articles</a>'
        '<a href="#claims">Claim map</a><a href="#readability">Readability</a><a href="#rules">Rules</a></nav>')

_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="medlint">
<title>{title}</title>
<style>{css}</style></head><body>
"""

_CSS = """
:root{--e:#c62828;--w:#b45f06;--i:#1565c0;--ok:#2e7d32;--line:#d9dde3;--soft:#f5f6f8;--text:#1f2328}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text);background:#fff}
header{background:#1f3b57;color:#fff;padding:18px 32px 0}
header h1{margin:0;font-size:22px}
.lead{margin:4px 0 12px;font-size:17px}
nav a{color:#d6e4f0;margin-right:18px;text-decoration:none;display:inline-block;padding:6px 0}
nav a:hover{color:#fff;text-decoration:underline}
main{max-width:1160px;padding:8px 32px 48px}
h2{font-size:19px;margin:30px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin-top:18px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 18px;min-width:170px;background:var(--soft)}
.card .n{font-size:30px;font-weight:700}
.card .l{font-weight:600}
.card .note{color:#57606a;font-size:13px;min-height:1em}
.card.e{border-color:var(--e);background:#fdecea}.card.e .n{color:var(--e)}
.card.ok .n{color:var(--ok)}
.findings,.baseline{margin:12px 0 0}
.baseline{background:#eef4fb;border-left:4px solid var(--i);padding:6px 10px}
.sev{font-weight:600}.sev.error{color:var(--e)}.sev.warning{color:var(--w)}.sev.info{color:var(--i)}
svg.chart{max-width:100%;height:auto;font-size:13px;display:block}
svg.chart text{fill:var(--text)}svg.chart .tick{fill:#57606a;font-size:11px}svg.chart .sum{fill:#57606a;font-size:12px}
svg.chart a:hover text{text-decoration:underline}
rect.error,.key.error{fill:var(--e);background:var(--e)}
rect.warning,.key.warning{fill:var(--w);background:var(--w)}
rect.info,.key.info{fill:var(--i);background:var(--i)}
rect.target{fill:#e3f1e4}rect.hard{fill:var(--w)}rect.easy{fill:var(--ok)}
.legend{font-size:13px;color:#57606a}
.key{display:inline-block;width:11px;height:11px;margin:0 4px 0 12px;vertical-align:-1px}
.help{color:#57606a;margin:4px 0 10px}
.none{color:#57606a;font-style:italic}
.filters{position:sticky;top:0;z-index:1;background:#fff;border:1px solid var(--line);border-radius:6px;
padding:8px 12px;margin-top:22px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.filters[hidden]{display:none}
.filters select,.filters button{font:inherit;padding:2px 6px}
#f-count{color:#57606a}
details.art{border:1px solid var(--line);border-left:5px solid var(--i);border-radius:6px;margin:8px 0;background:#fff}
details.art.error{border-left-color:var(--e)}details.art.warning{border-left-color:var(--w)}
details>summary{cursor:pointer;padding:7px 10px}
details.art>summary{background:var(--soft)}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px;margin-left:2px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;margin-right:4px}
.badge.error{background:var(--e)}.badge.warning{background:var(--w)}.badge.info{background:var(--i)}
.grade{color:#57606a;font-size:13px;margin-left:8px}
.rules{color:#57606a;font-size:13px;margin-left:4px}
table.findings{border-collapse:collapse;width:100%;font-size:14px;table-layout:fixed}
table.findings td:nth-child(1){width:84px}table.findings td:nth-child(2){width:230px}
table.findings td{overflow-wrap:anywhere}
table.findings td{border-top:1px solid var(--line);padding:6px 8px;vertical-align:top}
table.findings tr:first-child td{border-top:0}
td.at{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap;color:#57606a}
.excerpt{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;background:var(--soft);padding:3px 6px;
margin-top:4px;white-space:pre-wrap;word-break:break-word;border-radius:4px}
mark{background:#ffe08a;border-radius:2px}
.hint{color:#2e5e2f;font-size:13px;margin-top:3px}
table.findings code{font-size:13px;background:var(--soft);padding:0 3px;border-radius:3px}
details.clean ul{columns:2;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
.scroll{overflow-x:auto}
table.claimmap{border-collapse:collapse;font-size:13px}
table.claimmap th,table.claimmap td{border:1px solid var(--line);padding:4px 8px;text-align:center}
table.claimmap th[scope=row]{text-align:right;background:var(--soft)}
table.claimmap thead th{background:var(--soft);font-weight:600}
table.claimmap td a{text-decoration:none;color:inherit;display:block}
table.claimmap td.conflict{background:#fdecea;outline:2px solid var(--e)}
.st{display:inline-block;border-radius:4px;padding:0 5px;margin:1px;font-weight:600;font-size:12px}
.st.pos{background:#fbe3cf;color:#8a3b00}.st.rare{background:#fff2c2;color:#6b5400}.st.neg{background:#dcebfb;color:#0d4a8a}
.conflict-key{color:var(--e);font-weight:600}
.alert{color:var(--e);font-weight:600}
details.claims{margin:4px 0}details.claims.conflict>summary{color:var(--e)}
details.claims ul{margin:0 0 8px;font-size:14px}
.q{color:#57606a}b.conflict{color:var(--e)}
footer{color:#57606a;font-size:13px;padding:0 32px 24px}
pre.doc{white-space:pre-wrap;background:var(--soft);padding:10px;border-radius:6px;font-size:13px;margin:0 10px 10px}
@media print{.filters{display:none}details{break-inside:avoid}}
"""

# Filters hide the finding rows that do not match and the articles left without one;
# following a link to a collapsed article, claim list or rule opens it.
_SCRIPT = """
(function(){
var form=document.getElementById('filters');
function openTarget(){var id=decodeURIComponent(location.hash.slice(1));var el=id&&document.getElementById(id);
for(;el;el=el.parentElement){if(el.tagName==='DETAILS')el.open=true;}}
window.addEventListener('hashchange',openTarget);openTarget();
if(!form)return;
form.hidden=false;
var rule=document.getElementById('f-rule'),sev=document.getElementById('f-sev'),count=document.getElementById('f-count');
var arts=document.querySelectorAll('details.art');
function apply(){var r=rule.value,s=sev.value,shown=0,inArts=0;
for(var i=0;i<arts.length;i++){var rows=arts[i].querySelectorAll('tbody tr'),n=0;
for(var j=0;j<rows.length;j++){var ok=(!r||rows[j].getAttribute('data-r')===r)&&(!s||rows[j].getAttribute('data-s')===s);
rows[j].hidden=!ok;if(ok)n++;}
arts[i].hidden=n===0;shown+=n;if(n)inArts++;}
count.textContent=(r||s)?'Showing '+shown+' finding'+(shown===1?'':'s')+' in '+inArts+' article'+(inArts===1?'':'s'):'';}
rule.addEventListener('change',apply);sev.addEventListener('change',apply);
function setAll(o){for(var i=0;i<arts.length;i++)arts[i].open=o;}
document.getElementById('f-open').addEventListener('click',function(){setAll(true);});
document.getElementById('f-close').addEventListener('click',function(){setAll(false);});
})();
"""

