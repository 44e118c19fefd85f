"""The baseline (SPEC §1 "CI", issue 5): record today's findings, fail only on new ones.

Findings come from real lint runs over articles written to a temporary folder, so
the fingerprints are computed from what the runner really returns.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

import medlint
from medlint import baseline
from medlint.diagnostics import Diagnostic, Severity
from medlint.results import FileResult
from medlint.runner import RunOptions, Session

TODAY = dt.date(2026, 2, 1)

ARTICLE = """\
---
title: Getting ready for a visit
author: A. Writer
medically_reviewed_by: Dr B. Reviewer
last_reviewed: 2026-01-01
---

A short introduction to the visit.

## Before your visit

See https://example.org/checklist for a checklist.

## During your visit

Read more at https://example.org/during today.

## References

1. MedlinePlus. Talking With Your Doctor. <https://medlineplus.gov/talking.html>

## Medical disclaimer

This article is for informational purposes only and is not a substitute for professional medical advice.
"""


def lint(*paths: str | Path) -> list[FileResult]:
    session = Session(RunOptions(isolated=True, today=TODAY))
    return [session.lint_target(t) for t in session.discover([str(p) for p in paths])]


def findings(results: list[FileResult]) -> list[tuple[str, int, str]]:
    return [(d.rule, d.line, d.message) for r in results for d in r.diagnostics]


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "content" / "visit.md"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_has_the_findings_the_tests_rely_on(article: Path) -> None:
    assert findings(lint("content")) == [
        ("link-bare", 12, "bare URL in prose: https://example.org/checklist"),
        ("link-bare", 16, "bare URL in prose: https://example.org/during"),
    ]


def test_create_records_rule_count_and_hints_by_path_and_fingerprint(article: Path) -> None:
    document = baseline.create(lint("content"), root=".")
    assert document["version"] == baseline.FORMAT_VERSION
    assert document["medlint_version"] == medlint.__version__
    assert list(document["entries"]) == ["content/visit.md"]
    entries = list(document["entries"]["content/visit.md"].values())
    assert sorted((e["rule"], e["count"], e["line"], e["heading"]) for e in entries) == [
        ("link-bare", 1, "Read more at https://example.org/during today.", "during your visit"),
        ("link-bare", 1, "See https://example.org/checklist for a checklist.", "before your visit"),
    ]
    assert {e["message"] for e in entries} == {
        "bare URL in prose: https://example.org/checklist",
        "bare URL in prose: https://example.org/during",
    }
    # Fingerprints are hex digests, and nothing positional is stored.
    for fp, entry in document["entries"]["content/visit.md"].items():
        assert len(fp) == 20 and int(fp, 16) >= 0
        assert set(entry) == {"rule", "count", "message", "line", "heading"}


def test_a_fresh_baseline_accepts_every_finding_and_has_nothing_to_prune(article: Path) -> None:
    results = lint("content")
    kept, pruneable = baseline.filter(results, baseline.create(results))
    assert kept == [] and pruneable == []


def test_lines_added_above_and_inside_sections_keep_findings_matched(article: Path) -> None:
    document = baseline.create(lint("content"))
    edit(article, "A short introduction", "A new first paragraph.\n\nAnd another one.\n\nA short introduction")
    edit(article, "See https://example.org/checklist", "An added sentence.\n\n\nSee https://example.org/checklist")
    results = lint("content")
    assert [line for _, line, _ in findings(results)] == [19, 23]  # both moved down
    assert baseline.filter(results, document) == ([], [])


def test_reordered_sections_keep_findings_matched(article: Path) -> None:
    document = baseline.create(lint("content"))
    text = article.read_text(encoding="utf-8")
    before = text[text.index("## Before your visit") : text.index("## During your visit")]
    during = text[text.index("## During your visit") : text.index("## References")]
    article.write_text(text.replace(before + during, during + before), encoding="utf-8")
    results = lint("content")
    assert [line for _, line, _ in findings(results)] == [12, 16]
    assert [m for _, _, m in findings(results)][0].endswith("/during")
    assert baseline.filter(results, document) == ([], [])


def test_whitespace_changes_on_the_flagged_line_keep_it_matched(article: Path) -> None:
    document = baseline.create(lint("content"))
    edit(article, "See https://example.org/checklist for a checklist.", "See   https://example.org/checklist\tfor a checklist.  ")
    edit(article, "## During your visit", "##   During  your VISIT")
    assert baseline.filter(lint("content"), document) == ([], [])


def test_crlf_and_bom_do_not_change_fingerprints(article: Path) -> None:
    document = baseline.create(lint("content"))
    article.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    assert baseline.filter(lint("content"), document) == ([], [])


def test_a_new_finding_is_kept_and_a_fixed_one_is_pruneable(article: Path) -> None:
    document = baseline.create(lint("content"))
    edit(article, "See https://example.org/checklist", "See <https://example.org/checklist>")
    edit(article, "A short introduction", "Visit https://example.org/new first. A short introduction")
    kept, pruneable = baseline.filter(lint("content"), document)
    assert [(d.rule, d.line, d.message) for d in kept] == [("link-bare", 8, "bare URL in prose: https://example.org/new")]
    assert len(pruneable) == 1
    item = pruneable[0]
    assert (item.path, item.entry.rule, item.unused, item.reason) == ("content/visit.md", "link-bare", 1, "fixed")
    assert item.entry.message == "bare URL in prose: https://example.org/checklist"
    assert item.describe() == "content/visit.md: link-bare fixed: bare URL in prose: https://example.org/checklist"


def test_editing_the_flagged_line_makes_the_finding_new(article: Path) -> None:
    """The documented trade-off: the writer who touches a line owns what is wrong on it."""
    document = baseline.create(lint("content"))
    edit(article, "for a checklist.", "for a printable checklist.")
    kept, pruneable = baseline.filter(lint("content"), document)
    assert [d.line for d in kept] == [12]
    assert [p.entry.line for p in pruneable] == ["See https://example.org/checklist for a checklist."]


def test_the_same_line_in_two_sections_is_two_fingerprints(article: Path) -> None:
    edit(article, "Read more at https://example.org/during today.", "See https://example.org/checklist for a checklist.")
    document = baseline.create(lint("content"))
    entries = document["entries"]["content/visit.md"]
    assert sorted((e["heading"], e["count"]) for e in entries.values()) == [
        ("before your visit", 1), ("during your visit", 1)]
    # Fixing the one in "Before" and adding one to "Medical disclaimer" is not a wash.
    edit(article, "See https://example.org/checklist", "See <https://example.org/checklist>")
    edit(article, "This article is", "See https://example.org/checklist for a checklist.\n\nThis article is")
    kept, pruneable = baseline.filter(lint("content"), document)
    assert [d.line for d in kept] == [24]
    assert [p.entry.heading for p in pruneable] == ["before your visit"]


def test_the_same_defect_twice_needs_a_count_of_two(article: Path) -> None:
    edit(article, "See https://example.org/checklist for a checklist.",
         "See https://example.org/checklist for a checklist.\n\nSee https://example.org/checklist for a checklist.")
    document = baseline.create(lint("content"))
    counts = sorted(e["count"] for e in document["entries"]["content/visit.md"].values())
    assert counts == [1, 2]
    assert baseline.filter(lint("content"), document) == ([], [])

    # A third copy is new ...
    edit(article, "See https://example.org/checklist for a checklist.",
         "See https://example.org/checklist for a checklist.\n\nSee https://example.org/checklist for a checklist.")
    kept, pruneable = baseline.filter(lint("content"), document)
    assert len(kept) == 1 and kept[0].message.endswith("/checklist") and pruneable == []

    # ... and with only one copy left, one of the two is pruneable.
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("See https://example.org/checklist for a checklist.\n\n", "", 2), encoding="utf-8")
    kept, pruneable = baseline.filter(lint("content"), document)
    assert kept == []
    assert [(p.entry.count, p.unused) for p in pruneable] == [(2, 1)]
    assert "(1 of 2)" in pruneable[0].describe()

    shrunk = baseline.prune(baseline.Baseline.from_document(document), pruneable)
    assert sorted(e["count"] for e in shrunk["entries"]["content/visit.md"].values()) == [1, 1]
    assert baseline.filter(lint("content"), shrunk) == ([], [])


def test_prune_removes_entries_and_files_that_reach_zero(article: Path) -> None:
    document = baseline.create(lint("content"))
    edit(article, "See https://example.org/checklist", "See <https://example.org/checklist>")
    edit(article, "at https://example.org/during", "at <https://example.org/during>")
    loaded = baseline.Baseline.from_document(document)
    kept, pruneable = baseline.filter(lint("content"), loaded)
    assert kept == [] and len(pruneable) == 2
    assert baseline.prune(loaded, pruneable)["entries"] == {}


def test_pruneable_only_for_files_linted_in_this_run(article: Path) -> None:
    other = article.with_name("other.md")
    other.write_text(ARTICLE, encoding="utf-8")
    document = baseline.create(lint("content"))
    assert sorted(document["entries"]) == ["content/other.md", "content/visit.md"]
    edit(other, "See https://example.org/checklist", "See <https://example.org/checklist>")
    # Linting only visit.md says nothing about other.md.
    assert baseline.filter(lint("content/visit.md"), document) == ([], [])
    kept, pruneable = baseline.filter(lint("content"), document)
    assert kept == [] and [p.path for p in pruneable] == ["content/other.md"]


def test_entries_of_a_deleted_file_are_pruneable(article: Path) -> None:
    other = article.with_name("other.md")
    other.write_text(ARTICLE, encoding="utf-8")
    document = baseline.create(lint("content"))
    other.unlink()
    kept, pruneable = baseline.filter(lint("content/visit.md"), document)
    assert kept == []
    assert {(p.path, p.reason) for p in pruneable} == {("content/other.md", "file-missing")}
    assert "file no longer exists" in pruneable[0].describe()


def test_entries_of_rules_not_run_are_not_pruneable(article: Path) -> None:
    document = baseline.create(lint("content"))
    edit(article, "See https://example.org/checklist", "See <https://example.org/checklist>")
    results = lint("content")
    assert baseline.filter(results, document, active_rules={"reference-empty"})[1] == []
    assert len(baseline.filter(results, document, active_rules={"link-bare"})[1]) == 1


def test_paths_are_relative_to_the_baseline_folder_from_any_working_folder(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Created from the repository root, saved there.
    baseline.save(baseline.create(lint("content"), root="."), "medlint-baseline.json")
    loaded = baseline.load(tmp_path / "medlint-baseline.json")
    assert loaded.root == tmp_path
    # Checked from a subfolder, from elsewhere, and with absolute paths.
    monkeypatch.chdir(tmp_path / "content")
    assert baseline.filter(lint("visit.md"), baseline.load("../medlint-baseline.json")) == ([], [])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert baseline.filter(lint("../content"), baseline.load("../medlint-baseline.json")) == ([], [])
    assert baseline.filter(lint(article), baseline.load(tmp_path / "medlint-baseline.json")) == ([], [])

    # Created from a subfolder for a baseline that lives at the root: same keys.
    monkeypatch.chdir(tmp_path / "content")
    again = baseline.create(lint("visit.md"), root="..")
    assert list(again["entries"]) == ["content/visit.md"]


def test_path_key() -> None:
    assert baseline.path_key("-", "/anywhere") == "-"
    assert baseline.path_key("/repo/content/a.md", "/repo") == "content/a.md"
    assert baseline.path_key("/other/a.md", "/repo") == "../other/a.md"


def test_results_without_their_text_are_read_again_from_disk(article: Path) -> None:
    """Results from the cache or a worker process may not carry the text."""
    results = lint("content")
    document = baseline.create(results)
    bare = [FileResult(r.path, r.diagnostics) for r in results]
    assert baseline.create(bare) == document
    assert baseline.filter(bare, document) == ([], [])


def test_an_unreadable_file_is_recorded_by_its_message(article: Path) -> None:
    (article.parent / "legacy.md").write_bytes(ARTICLE.encode("utf-16"))
    results = lint("content")
    document = baseline.create(results)
    (entry,) = document["entries"]["content/legacy.md"].values()
    assert entry["rule"] == "file-unreadable"
    assert entry["line"] == entry["message"]
    assert baseline.filter(lint("content"), document) == ([], [])


def test_rule_errors_are_never_baselined() -> None:
    from medlint.rules.internal.ml901_rule_error import RuleError

    crash = RuleError.finding("a.md", "x", "ValueError")
    results = [FileResult("a.md", [crash], internal_error=True)]
    document = baseline.create(results)
    assert document["entries"] == {}
    forged = {"version": 1, "medlint_version": "0.1.0", "entries": {"a.md": {
        baseline.fingerprint("rule-error", "", crash.message): {"rule": "rule-error", "count": 1}}}}
    kept, _ = baseline.filter(results, forged)
    assert kept == [crash]


def test_long_lines_are_shortened_in_the_hint_only(article: Path) -> None:
    long_line = "Read more at https://example.org/during today. " + "More words here. " * 30
    edit(article, "Read more at https://example.org/during today.", long_line)
    document = baseline.create(lint("content"))
    hints = [e["line"] for e in document["entries"]["content/visit.md"].values()]
    assert max(len(h) for h in hints) == baseline.HINT_LENGTH and any(h.endswith("…") for h in hints)
    assert baseline.filter(lint("content"), document) == ([], [])


# -- headings ------------------------------------------------------------------------
def test_heading_keys_skip_front_matter_comments_and_fenced_code() -> None:
    """The headings a finding is fingerprinted under come from the Document's outline."""
    from medlint.document import Document

    text = """\
---
# a YAML comment, not a heading
title: x
---
# Title #

Text
more text
=========

```sh
# a shell comment
```

~~~~
## not a heading either
~~~
~~~~

- item
---

## Closing ##
   ### Indented three
    # indented code
#nospace
#
"""
    outline = Document.from_text(text).outline()
    assert [(line, baseline._heading_key(title)) for line, title in outline] == [
        (5, "title"),
        (7, "text more text"),  # setext: the paragraph above the underline
        (23, "closing"),
        (24, "indented three"),
        (27, ""),
    ]


def test_findings_before_any_heading_have_no_heading(article: Path) -> None:
    edit(article, "A short introduction", "See https://example.org/intro first. A short introduction")
    document = baseline.create(lint("content"))
    headings = sorted(e["heading"] for e in document["entries"]["content/visit.md"].values())
    assert headings == ["", "before your visit", "during your visit"]


# -- files ---------------------------------------------------------------------------
def test_save_and_load_round_trip_with_stable_sorted_output(article: Path, tmp_path: Path) -> None:
    other = article.with_name("another.md")
    other.write_text(ARTICLE, encoding="utf-8")
    document = baseline.create(lint("content"))
    target = tmp_path / "medlint-baseline.json"
    baseline.save(document, target)
    text = target.read_text(encoding="utf-8")
    assert text == baseline.dumps(document) and text.endswith("}\n")
    assert list(json.loads(text)["entries"]) == ["content/another.md", "content/visit.md"]
    for entries in json.loads(text)["entries"].values():
        assert list(entries) == sorted(entries)
    loaded = baseline.load(target)
    assert loaded.to_document() == document
    assert loaded.total() == 4
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".medlint-baseline-")]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_save_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "b.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o640)
    baseline.save(baseline.create([]), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert baseline.load(target).entries == {}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not a medlint baseline: not valid JSON (line 1, column 2"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"[]", "it is a JSON array (a `--format json` report?)"),
        (b'"text"', "expected a JSON object, found a string"),
        (b'{"version": "2.1.0", "runs": []}', "baseline format version \"2.1.0\" is not supported"),
        (b'{"runs": []}', "not a medlint baseline (a SARIF report?): it has no \"version\" key"),
        (b'{"version": 2, "entries": {}}', "baseline format version 2 is not supported; medlint 0.1.0 reads version 1"),
        (b'{"version": true, "entries": {}}', "baseline format version true is not supported"),
        (b'{"version": 1}', "\"entries\" must be an object of paths, found null"),
        (b'{"version": 1, "entries": {"a.md": []}}', "entries[\"a.md\"] must be an object of fingerprints"),
        (b'{"version": 1, "entries": {"a.md": {"ff": {"rule": "link-bare", "count": 0}}}}',
         "entries[\"a.md\"][\"ff\"].count must be a whole number of at least 1, found 0"),
        (b'{"version": 1, "entries": {"a.md": {"ff": {"count": 1}}}}',
         "entries[\"a.md\"][\"ff\"].rule must be a rule name, found null"),
        (b'{"version": 1, "entries": {"a.md": {"ff": {"rule": "x", "count": 1, "line": 3}}}}',
         "message, line and heading must be strings"),
        (b'{"version": 1, "medlint_version": 1, "entries": {}}', "\"medlint_version\" must be a string"),
    ],
)
def test_load_names_the_file_and_the_problem(tmp_path: Path, content: bytes, expected: str) -> None:
    target = tmp_path / "medlint-baseline.json"
    target.write_bytes(content)
    with pytest.raises(baseline.BaselineError) as info:
        baseline.load(target)
    message = str(info.value)
    assert message.startswith(f"{target}: ")
    assert expected in message


def test_load_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(baseline.BaselineError, match=r"baseline file not found \(create it with `medlint baseline"):
        baseline.load(tmp_path / "nope.json")
    with pytest.raises(baseline.BaselineError, match="is a folder"):
        baseline.load(tmp_path)
