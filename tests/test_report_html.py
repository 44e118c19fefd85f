"""``--format html``: the page as a person meets it (SPEC §14).

The page is parsed with the standard library's ``html.parser`` into a small tree (every
end tag must close the element it opened), and the tests read it the way a reader
does: the totals, the worst articles first with their findings and excerpts, the
claim map with its conflicts, the reading grades, the rule documentation. Hostile
articles must not inject markup, and the page must make no request. A browser test
renders content/ in headless Chromium (skipped, saying why, when it is not installed).
"""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.claim_config import ClaimRecord
from medlint.cli import main
from medlint.diagnostics import Diagnostic, Related, Severity
from medlint.registry import Registry, RuleInfo
from medlint.reporters import REPORTERS
from medlint.reporters import html as report
from medlint.reporters.html import ArticleFacts
from medlint.results import FileResult

ROOT = Path(__file__).resolve().parents[1]
RULES = Registry.builtin().infos()
BLOCKS = {"div", "p", "li", "td", "th", "tr", "summary", "details", "pre", "section", "h1", "h2", "ul", "table"}
VOID = {"meta", "br", "img", "input", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}


# -- a small DOM ----------------------------------------------------------------------


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str | None]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        """The text as a reader sees it: blocks (divs, cells, items...) apart, whitespace collapsed."""
        return " ".join(self._spaced().split())

    def _spaced(self) -> str:
        inner = "".join(c if isinstance(c, str) else c._spaced() for c in self.children)
        return f" {inner} " if self.tag in BLOCKS else inner

    def iter(self, tag: str | None = None):  # type: ignore[no-untyped-def]
        for child in self.children:
            if isinstance(child, Element):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter(tag) if cls is None or cls in (e.attrs.get("class") or "").split()]

    def find(self, tag: str, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    def by_id(self, anchor: str) -> Element:
        found = [e for e in self.iter() if e.attrs.get("id") == anchor]
        assert len(found) == 1, f"id {anchor!r} found {len(found)} times"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: str) -> Element:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> is never closed"
    return builder.root


# -- input --------------------------------------------------------------------------


def finding(path: str, rule: str, line: int, column: int, end_column: int, message: str = "", *,
            severity: Severity | None = None, hint: str = "", related: tuple[Related, ...] = ()) -> Diagnostic:
    info = RULES.get(rule)
    return Diagnostic(path=path, rule=rule, code=info.code if info else "X001",
                      severity=severity or (info.severity if info else Severity.WARNING),
                      message=message or f"{rule} here", line=line, column=column, end_line=line,
                      end_column=end_column, hint=hint, related=related)


def claim(subject: str, effect: str, stance: str, line: int, sentence: str, column: int = 1,
          **qualifiers: str) -> ClaimRecord:
    return ClaimRecord("x.md", line, column, line, column + 5, subject, subject, effect, effect, "causes", stance,
                       "certain", dict(qualifiers), {k: "sentence" for k in qualifiers}, sentence)


SOURCES = {
    "lib/a.md": "---\ntitle: A\n---\n\nTake 500 mg daily [7]. See http://example.org now.\n",
    "lib/b.md": "---\ntitle: B\n---\n\nThis cures everything.\n",
    "lib/c.md": "---\ntitle: C\n---\n\nAll good.\n",
}
FINDINGS = [
    finding("lib/a.md", "citation-unresolved", 5, 19, 22, "citation [7] has no matching entry",
            hint="add the missing reference"),
    finding("lib/a.md", "link-bare", 5, 28, 46, "bare URL"),
    finding("lib/a.md", "reference-empty", 1, 1, 4, "reference entry 3 is empty"),
    finding("lib/b.md", "absolute-claim", 5, 6, 11, 'absolute claim: "cures"'),
]


def render(diagnostics=FINDINGS, files=tuple(SOURCES), sources=SOURCES, facts=None,  # type: ignore[no-untyped-def]
           baselined=None, rules=RULES) -> str:
    return report.render(diagnostics, rules, files=list(files), sources=sources, facts=facts or {},
                         baselined=baselined)


# -- what a reader sees ---------------------------------------------------------------


def test_the_registry_serves_the_html_and_markdown_formats() -> None:
    assert REPORTERS["html"] is report.render
    assert {"html", "markdown"} <= set(REPORTERS)


def test_the_top_of_the_page_says_how_many_articles_fail() -> None:
    page = parse(render())
    assert page.find("title").text() == "medlint report: 3 articles, 1 failing"
    assert page.find("p", "lead").words() == (
        "1 of 3 articles fail: they have errors to fix before publishing. 1 more has warnings to review.")
    cards = [c.words() for c in page.by_id("summary").find_all("div", "card")]
    assert cards == ["3 articles checked", "1 failing have at least one error", "2 passing 1 of them with warnings"]
    assert page.find("p", "findings").words() == "Findings: 2 errors \u00b7 2 warnings \u00b7 0 info"
    assert not page.find_all("p", "baseline")


def test_with_a_baseline_new_and_baselined_findings_are_counted() -> None:
    page = parse(render(baselined=12))
    assert page.find("p", "baseline").words() == (
        "4 new findings (listed below) \u00b7 12 findings already recorded in the baseline (not listed)")


def test_articles_are_listed_worst_first_with_every_finding() -> None:
    page = parse(render())
    articles = page.find_all("details", "art")
    assert [a.find("span", "path").text() for a in articles] == ["lib/a.md", "lib/b.md"]
    first = articles[0]
    assert "error" in first.attrs["class"] and "open" in first.attrs  # a failing article starts open
    assert first.find("summary").words() == (
        "2 errors 1 warning lib/a.md \u2014 citation-unresolved, link-bare, reference-empty")
    rows = first.find("tbody").find_all("tr")
    # In file order: line, column.
    assert [r.find_all("td")[0].text() for r in rows] == ["1:1", "5:19", "5:28"]
    cells = rows[1].find_all("td")
    assert cells[1].words() == "error citation-unresolved"
    assert cells[2].find("mark").text() == "[7]"
    assert cells[2].find("div", "excerpt").text() == "Take 500 mg daily [7]. See http://example.org now."
    assert cells[2].find("div", "hint").text() == "Hint: add the missing reference"
    assert rows[1].attrs["data-s"] == "error"
    # The front-matter fence has nothing to read: no excerpt.
    assert not rows[0].find_all("div", "excerpt")
    clean = page.find("details", "clean")
    assert clean.find("summary").words() == "1 clean article (no findings)"
    assert [li.text() for li in clean.find_all("li")] == ["lib/c.md"]


def test_every_rule_link_opens_that_rules_documentation_on_the_page() -> None:
    page = parse(render())
    for row in page.by_id("articles").find_all("tr"):
        if "data-r" not in row.attrs:
            continue
        link = row.find("a")
        target = page.by_id(link.attrs["href"].removeprefix("#"))
        assert target.tag == "details" and target.find("b").text() == link.text()
        assert target.find("pre", "doc").text() == RULES[link.text()].docs
    rules = page.by_id("rules").find_all("details")
    assert rules[0].find("summary").words().startswith("ML302 citation-unresolved \u2014 Inline citation marker")


def test_the_rule_chart_has_one_bar_per_rule_in_proportion() -> None:
    diagnostics = FINDINGS + [finding("lib/b.md", "absolute-claim", 5, 1, 3), finding("lib/c.md", "absolute-claim",
                                                                                   5, 1, 3)]
    page = parse(render(diagnostics))
    svg = page.by_id("by-rule").find("svg")
    bars = svg.find_all("a")
    labels = [b.find_all("text")[0].text() for b in bars]
    assert labels == ["absolute-claim", "citation-unresolved", "reference-empty", "link-bare"]
    widths = [float(b.find("rect").attrs["width"]) for b in bars]
    assert widths[0] == pytest.approx(3 * widths[1], rel=1e-3)
    assert [b.find_all("text")[1].text() for b in bars] == ["3", "1", "1", "1"]
    assert bars[0].find("title").text() == "absolute-claim: 3 warnings"


# -- claim map ------------------------------------------------------------------------

B12_NO = claim("vitamin_b12", "muscle_cramps", "negative", 10, "B12 does not cause cramps.", 5)
B12_INJECTION = claim("vitamin_b12", "muscle_cramps", "rare", 12, "B12 injections can rarely cause cramps.",
                      route="injection")
ORAL_NO = claim("vitamin_d", "nausea", "negative", 3, "Oral vitamin D does not cause nausea.", route="oral")
INJECTION_YES = claim("vitamin_d", "nausea", "positive", 8, "Vitamin D injections cause nausea.", route="injection")
ONE_SENTENCE = "Iron does not cause stomach upset in most people, but it can cause stomach upset at high doses."


def _claim_page(facts: dict[str, ArticleFacts], diagnostics=()) -> Element:  # type: ignore[no-untyped-def]
    return parse(render(list(diagnostics), files=list(facts), sources={}, facts=facts))


def _cell(page: Element, subject: str, effect: str) -> Element:
    table = page.find("table", "claimmap")
    effects = [th.text() for th in table.find("thead").find_all("th")][1:]
    for row in table.find("tbody").find_all("tr"):
        if row.find("th").text() == subject:
            return row.find_all("td")[effects.index(effect)]
    raise AssertionError(subject)


def test_claims_that_contradict_across_articles_are_marked_and_linked() -> None:
    facts = {"x.md": ArticleFacts("x.md", (B12_NO,), 6.0), "y.md": ArticleFacts("y.md", (B12_INJECTION,), 7.0)}
    page = _claim_page(facts)
    cell = _cell(page, "vitamin B12", "muscle cramps")
    assert cell.attrs.get("class") == "conflict"
    assert [s.text() for s in cell.find_all("span", "st")] == ["~1", "\u22121"]
    listing = page.by_id(cell.find("a").attrs["href"][1:])
    assert "open" in listing.attrs  # a short list of conflicts is shown open
    assert listing.find("summary").words() == (
        "vitamin B12 \u2192 muscle cramps: 2 claims in 2 articles \u2014 \u26a0 conflicting")
    items = listing.find_all("li")
    assert [i.words() for i in items] == [
        "~ rarely causes y.md:12 \u201cB12 injections can rarely cause cramps.\u201d (route: injection) "
        "\u26a0 conflicts",
        "\u2212 does not cause x.md:10 \u201cB12 does not cause cramps.\u201d \u26a0 conflicts",
    ]
    # Each claim links to its article.
    assert page.by_id(items[1].find("a").attrs["href"][1:]).words().startswith("x.md")
    assert page.find("p", "alert").words() == "1 subject/effect pair with conflicting claims."


def test_claims_about_different_cases_or_one_sentence_are_no_conflict() -> None:
    facts = {
        "oral.md": ArticleFacts("oral.md", (ORAL_NO,)),
        "injection.md": ArticleFacts("injection.md", (INJECTION_YES,)),
        "iron.md": ArticleFacts("iron.md", (claim("iron", "stomach_upset", "negative", 4, ONE_SENTENCE),
                                            claim("iron", "stomach_upset", "positive", 4, ONE_SENTENCE, 50))),
    }
    page = _claim_page(facts)
    assert _cell(page, "vitamin D", "nausea").attrs.get("class") is None
    assert _cell(page, "iron", "upset stomach").attrs.get("class") is None
    assert not page.find_all("p", "alert")
    # The same two kinds of claim, made in two sentences, do conflict.
    facts["iron2.md"] = ArticleFacts("iron2.md", (claim("iron", "stomach_upset", "positive", 9, "Iron causes it."),))
    assert _cell(_claim_page(facts), "iron", "upset stomach").attrs.get("class") == "conflict"


def test_a_claim_flagged_by_the_claim_rules_is_marked() -> None:
    facts = {"oral.md": ArticleFacts("oral.md", (ORAL_NO,))}
    flagged = finding("oral.md", "claim-registry-conflict", 3, 1, 20, "conflicts with registry entry d-nausea")
    page = _claim_page(facts, [flagged])
    assert _cell(page, "vitamin D", "nausea").attrs.get("class") == "conflict"


def test_without_facts_the_claim_map_and_grades_say_so() -> None:
    page = parse(render())
    assert page.by_id("claims").find("p", "none").text() == (
        "No health claims found (this report was made without article facts).")
    assert "without article facts" in page.by_id("readability").find("p", "none").text()


# -- readability ----------------------------------------------------------------------


def test_reading_grades_are_one_bar_per_article_hardest_first() -> None:
    facts = {p: ArticleFacts(p, grade=g) for p, g in (("lib/a.md", 7.25), ("lib/b.md", 11.0), ("lib/c.md", None))}
    page = parse(render(facts=facts))
    section = page.by_id("readability")
    assert section.find("p", "help").words().endswith("1 article of 2 is above 8.")
    bars = section.find("svg").find_all("a")
    assert [b.find("title").text() for b in bars] == ["lib/b.md: grade 11.0", "lib/a.md: grade 7.2"]
    assert [b.find_all("rect")[0].attrs["class"] for b in bars] == ["hard", "easy"]
    # Each bar links to its article; the article's summary shows its grade.
    article = page.by_id(bars[0].attrs["href"][1:])
    assert article.find("span", "grade").text() == "reading grade 11.0"


def test_a_large_library_gets_a_grade_histogram() -> None:
    facts = {f"a{i}.md": ArticleFacts(f"a{i}.md", grade=4 + i % 14) for i in range(140)}
    page = parse(render([], files=list(facts), sources={}, facts=facts))
    groups = page.by_id("readability").find("svg").find_all("g")
    assert [g.find("title").text() for g in groups][:3] == ["grade <5: 10 articles", "grade 5-6: 10 articles",
                                                            "grade 6-7: 10 articles"]
    assert groups[-1].find("title").text() == "grade 16+: 20 articles"  # grades 16 and 17
    assert sum(int(g.find_all("text")[0].text()) for g in groups) == 140


# -- safety ---------------------------------------------------------------------------

HOSTILE_PATH = "lib/<b>&amp;x.md"
HOSTILE_TEXT = 'Intro <script>alert(1)</script> and "><img src=x onerror=alert(2)> end.\n'


def _hostile_page() -> tuple[str, Element]:
    sources = {HOSTILE_PATH: "---\ntitle: x\n---\n\n" + HOSTILE_TEXT}
    evil_rule = RuleInfo("evil-rule", "EV001", "<b>bold</b> summary", "</pre><script>alert(3)</script>",
                         Severity.ERROR, False, "plugin:evil")
    diagnostics = [
        finding(HOSTILE_PATH, "absolute-claim", 5, 7, 32, 'claim "><img src=x onerror=alert(4)>',
                hint="</details><script>alert(5)</script>"),
        finding(HOSTILE_PATH, "evil-rule", 5, 1, 3, "x", severity=Severity.ERROR),
    ]
    facts = {HOSTILE_PATH: ArticleFacts(HOSTILE_PATH, (
        claim("<i>x</i>", "\"'><svg onload=alert(6)>", "negative", 5, "<script>alert(7)</script>",
              route="<img src=y>"),), 9.0)}
    text = report.render(diagnostics, {**RULES, "evil-rule": evil_rule}, files=[HOSTILE_PATH], sources=sources,
                         facts=facts)
    return text, parse(text)


def test_article_text_paths_and_messages_cannot_inject_markup() -> None:
    text, page = _hostile_page()
    scripts = page.find_all("script")
    assert len(scripts) == 1 and scripts[0].text() == report._SCRIPT
    assert not page.find_all("img") and not page.find_all("i")
    assert all(svg.attrs["class"] == "chart" for svg in page.find_all("svg"))
    assert all(not name.startswith("on") for e in page.iter() for name in e.attrs)
    assert "<script>alert" not in text and "<img" not in text and "<svg onload" not in text
    # ...and every text reads back exactly as written.
    article = page.find("details", "art")
    assert article.find("span", "path").text() == HOSTILE_PATH
    assert [m.text() for m in article.find_all("mark")] == ["In", "<script>alert(1)</script>"]
    assert 'claim "><img src=x onerror=alert(4)>' in article.text()
    assert article.find("div", "hint").text() == "Hint: </details><script>alert(5)</script>"
    assert page.by_id("claims").find("li").words() == (
        '\u2212 does not cause lib/<b>&amp;x.md:5 \u201c<script>alert(7)</script>\u201d (route: <img src=y>)')
    rules = page.by_id("rules").words()
    assert "<b>bold</b> summary" in rules and "</pre><script>alert(3)</script>" in rules


def test_code_spans_in_messages_and_hints_are_shown_as_code() -> None:
    """Rules write keys, headings and rule names between backticks: the page shows
    them as code, still escaped; a lone backtick stays as written."""
    found = [finding("lib/a.md", "citation-unresolved", 5, 19, 22, "the required key `last_reviewed` is missing",
                     hint="add a `## References` section; `<b>x</b>` is text; a lone ` stays")]
    cell = parse(render(found)).find("table", "findings").find_all("td")[2]
    codes = cell.find_all("code")
    assert [c.text() for c in codes] == ["last_reviewed", "## References", "<b>x</b>"]
    assert all(len(c.children) == 1 and isinstance(c.children[0], str) for c in codes)
    assert cell.text().count("`") == 1


def test_control_characters_and_lone_surrogates_are_replaced() -> None:
    sources = {"a.md": "x\x00y\ud800z\n"}
    text = report.render([finding("a.md", "link-bare", 1, 1, 6, "m\x1bn")], RULES, files=["a.md"], sources=sources)
    text.encode("utf-8")  # would raise on a lone surrogate
    assert "\x00" not in text and "\x1b" not in text
    assert parse(text).find("details", "art").find("mark").text() == "x\ufffdy\ufffdz"


def test_the_page_makes_no_request() -> None:
    text, page = _hostile_page()
    for page_text, tree in ((text, page), (render(), parse(render()))):
        for element in tree.iter():
            assert "src" not in element.attrs, element.tag
            for name in ("href", "xlink:href", "action", "formaction", "poster", "data"):
                value = element.attrs.get(name)
                assert value is None or value.startswith("#"), (element.tag, name, value)
            assert element.tag not in ("link", "iframe", "object", "embed", "img", "image", "use", "base")
        style = tree.find("style").text()
        assert "url(" not in style and "@import" not in style
        assert not re.search(r"(?:fetch|XMLHttpRequest|import\(|src\s*=)", report._SCRIPT)


def test_everything_is_in_the_html_when_scripts_are_off() -> None:
    page = parse(render())
    assert "hidden" in page.by_id("filters").attrs  # only the script shows the filters
    words = page.words()
    for d in FINDINGS:
        assert d.message in words
    # The filter options name each rule with its count, in the chart's order.
    options = [o.text() for o in page.by_id("f-rule").find_all("option")]
    assert options == ["all rules", "citation-unresolved (1)", "reference-empty (1)", "absolute-claim (1)",
                       "link-bare (1)"]


def test_the_same_input_gives_the_same_bytes() -> None:
    assert render() == render()


def test_an_empty_run_is_a_valid_page() -> None:
    page = parse(report.render([], {}, files=[]))
    assert page.find("p", "lead").text() == "No articles were checked."
    assert page.by_id("by-rule").find("p", "none").text() == "No findings."


def test_a_long_line_is_shortened_around_the_flagged_text() -> None:
    line = "a" * 500 + "FLAG" + "b" * 500
    page = parse(render([finding("a.md", "link-bare", 1, 501, 505)], files=["a.md"], sources={"a.md": line}))
    excerpt = page.find("div", "excerpt").text()
    assert page.find("details", "art").find("mark").text() == "FLAG" and len(excerpt) <= report.EXCERPT + 3
    assert excerpt.startswith("\u2026") and excerpt.endswith("\u2026")


# -- through the command line -----------------------------------------------------------

ARTICLE = """\
---
title: {title}
author: A. Writer
medically_reviewed_by: Dr B. Reviewer
last_reviewed: 2026-01-01
---

{body} Ask your doctor before you change what you take [1].

## References

1. MedlinePlus. Vitamin B12. <https://medlineplus.gov/vitaminb12.html>

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""


def _library(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "no.md").write_text(ARTICLE.format(title="B12 and cramps", body="Vitamin B12 does not cause muscle cramps."),
                               encoding="utf-8")
    yes = ARTICLE.format(title="B12 injections", body="B12 injections can cause muscle cramps [9].")
    (lib / "yes.md").write_text(yes, encoding="utf-8")
    return lib


def test_check_format_html_writes_the_report_with_claims_and_grades(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    out = tmp_path / "report.html"
    # The two articles contradict each other (claim-library-conflict): off here, where
    # the one finding is yes.md's unresolved citation.
    done = CliRunner().invoke(main, ["check", str(lib), "--isolated", "--today", "2026-02-01", "--format", "html",
                                     "--ignore", "claim-library-conflict", "-o", str(out)])
    assert done.exit_code == 1, done.output  # yes.md cites [9], which does not exist
    page = parse(out.read_text(encoding="utf-8"))
    assert [a.find("span", "path").text() for a in page.find_all("details", "art")] == [f"{lib}/yes.md"]
    assert page.find("details", "art").find("mark").text() == "[9]"
    assert _cell(page, "vitamin B12", "muscle cramps").attrs.get("class") == "conflict"
    # Both articles are too short to grade (fewer than 100 words of prose).
    assert page.by_id("readability").find("p", "none").text() == (
        "No reading grades (the readability-grade rule is off, or the articles are too short to grade).")


def test_the_report_reads_claims_and_grade_from_a_files_result() -> None:
    result = FileResult("a.md", [], claims=[B12_NO], measures={"reading-grade": 9.5})
    assert ArticleFacts.of(result) == ArticleFacts("a.md", (B12_NO,), 9.5)
    assert ArticleFacts.of(FileResult("b.md", [])) == ArticleFacts("b.md", (), None)


def test_the_claim_map_is_the_same_from_the_cache(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    args = ["check", str(lib), "--isolated", "--today", "2026-02-01", "--format", "html",
            "--cache-dir", str(tmp_path / "cache")]
    cold, warm = CliRunner().invoke(main, args).output, CliRunner().invoke(main, args).output
    assert cold == warm and "vitamin B12 \u2192 muscle cramps" in cold


def test_check_format_html_counts_baselined_findings(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    baseline = tmp_path / "baseline.json"
    args = [str(lib), "--isolated", "--today", "2026-02-01", "--ignore", "claim-library-conflict"]
    assert CliRunner().invoke(main, ["baseline", str(baseline), *args]).exit_code == 0
    with (lib / "no.md").open("a", encoding="utf-8") as handle:
        handle.write("\nSee http://example.org for more.\n")
    done = CliRunner().invoke(main, ["check", *args, "--baseline", str(baseline), "--format", "html"])
    page = parse(done.output)
    assert page.find("p", "baseline").words() == (
        "1 new finding (listed below) \u00b7 1 finding already recorded in the baseline (not listed)")


def test_the_report_of_content_agrees_with_the_json_report() -> None:
    args = [sys.executable, "-m", "medlint", "check", "content/", "--today", "2026-11-25", "--no-cache"]
    page_text = subprocess.run([*args, "--format", "html"], cwd=ROOT, capture_output=True, text=True,
                               timeout=300).stdout
    findings = json.loads(subprocess.run([*args, "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                                         timeout=300).stdout)
    page = parse(page_text)
    rows = [r for r in page.by_id("articles").find_all("tr") if "data-r" in r.attrs]
    assert len(rows) == len(findings)
    failing = {f["path"] for f in findings if f["severity"] == "error"}
    assert page.find_all("div", "card")[1].find("div", "n").text() == str(len(failing))
    # The bundled library's deliberate contradiction is on the map.
    assert _cell(page, "vitamin B12", "muscle cramps").attrs.get("class") == "conflict"
    assert len(page.by_id("readability").find("svg").find_all("a")) >= 20


# -- in a browser -----------------------------------------------------------------------


def _screenshot_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("report_screenshot", ROOT / "tools" / "report_screenshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_report_of_content_renders_in_chromium_without_console_errors(tmp_path: Path) -> None:
    tool = _screenshot_tool()
    browser = tool.find_chromium()
    if browser is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium); the browser test needs it")
    page = tmp_path / "report.html"
    done = tool.render_content(page)
    assert page.is_file(), done.stderr
    dom, messages = tool.dump_dom(browser, page)
    assert messages == []  # no uncaught error, nothing logged
    tree = parse(re.sub(r"<(meta|link|br|img|input|hr)([^>]*)>", r"<\1\2/>", dom))
    # The script ran to its end: it showed the filters.
    assert "hidden" not in tree.by_id("filters").attrs
    png = tmp_path / "shot.png"
    assert tool.screenshot(browser, page, png, 1280, 2000) == []
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 50_000  # a page, not a blank rectangle


def test_the_screenshot_in_the_docs_is_committed() -> None:
    png = ROOT / "docs" / "report-screenshot.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "report-screenshot.png" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_claim_map_names_subjects_and_effects_by_the_lexicon_labels():
    """Regression: the map showed lexicon ids as words ("vitamin b12", "hypokalemia");
    a reader sees the lexicon's labels, and an id only a project's lexicon knows is
    shown as words."""
    facts = {"a.md": ArticleFacts("a.md", (claim("vitamin_b12", "hypokalemia", "positive", 3, "B12 causes it."),
                                           claim("my_tonic", "my_effect", "positive", 4, "It causes it.")))}
    page = _claim_page(facts)
    assert _cell(page, "vitamin B12", "hypokalemia (low potassium)") is not None
    assert _cell(page, "my tonic", "my effect") is not None

