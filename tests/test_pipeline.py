"""The check pipeline as a library: CheckRequest in, Report out (no printing, no exit)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from medlint.config import CliOverrides
from medlint.pipeline import CheckRequest, check
from medlint.reading import Unreadable
from medlint.runner import RunOptions, Session

TODAY = dt.date(2026, 11, 25)
ARTICLE = """---
title: B12
author: Sam Lee
medically_reviewed_by: Dr. Ana Ruiz, MD
last_reviewed: 2026-10-01
---
# B12

B12 never causes cramps.

## B12 injections

B12 injections can cause cramps. See https://example.org/b12 now.
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "b12.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"caf\xe9\n")
    return tmp_path


def options(**kw) -> RunOptions:
    return RunOptions(isolated=True, today=TODAY, **kw)


def test_report_has_results_in_file_order_and_sorted_findings(library):
    report = check(CheckRequest(paths=(str(library),), options=options()))
    assert [Path(r.path).name for r in report.results] == ["b12.md", "bad.md"]
    assert report.files == [r.path for r in report.results]
    assert [d.sort_key() for d in report.diagnostics] == sorted(d.sort_key() for d in report.diagnostics)
    rules = {(Path(d.path).name, d.rule) for d in report.diagnostics}
    assert {("b12.md", "claim-contradiction"), ("b12.md", "link-bare"), ("bad.md", "file-unreadable")} <= rules
    assert report.exit_code() == 1
    assert report.results[1].unreadable and report.results[1].outline is None


def test_each_result_carries_its_outline_and_on_request_its_claims(library, tmp_path):
    request = CheckRequest(paths=(str(library / "b12.md"),), options=options(claims=True), use_cache=True,
                           cache_dir=tmp_path / "cache")
    [first] = check(request).results
    assert first.outline == [(7, "B12"), (11, "B12 injections")]
    claims = [(c.line, c.subject, c.effect, c.stance) for c in first.claims]
    assert claims == [(9, "vitamin_b12", "muscle_cramps", "negative"), (13, "vitamin_b12", "muscle_cramps", "positive")]
    assert json.loads(json.dumps([c.to_dict() for c in first.claims]))[0]["sentence"] == "B12 never causes cramps."
    # served from the cache: the same claims and outline, not recomputed
    again = CheckRequest(paths=request.paths, options=options(claims=True), use_cache=True, cache_dir=request.cache_dir)
    [second] = check(again).results
    assert (second.claims, second.outline) == (first.claims, first.outline)
    [entry] = list((tmp_path / "cache").glob("[0-9a-f][0-9a-f]/*.json"))
    assert json.loads(entry.read_text(encoding="utf-8"))["claims"][0]["subject"] == "vitamin_b12"


def test_a_cached_result_without_claims_is_relinted_when_claims_are_asked_for(library, tmp_path):
    cache = tmp_path / "cache"
    target = (str(library / "b12.md"),)
    # Without the library rule (which needs them) and without asking, no claims are extracted.
    no_library = CliOverrides(ignore=("claim-library-conflict",))
    [plain] = check(CheckRequest(paths=target, options=options(overrides=no_library), use_cache=True,
                                 cache_dir=cache)).results
    assert plain.claims is None
    [with_claims] = check(CheckRequest(paths=target, options=options(overrides=no_library, claims=True),
                                       use_cache=True, cache_dir=cache)).results
    assert len(with_claims.claims) == 2


def test_diff_mode_fixes_in_memory_and_writes_nothing(library):
    report = check(CheckRequest(paths=(str(library / "b12.md"),), options=options(), fix="diff"))
    [item] = report.fixes
    assert "<https://example.org/b12>" in item.outcome.fixed
    assert report.changed == 1 and report.exit_code(diff=True) == 1
    assert (library / "b12.md").read_text(encoding="utf-8") == ARTICLE


def test_session_open_gives_a_document_or_why_not(library):
    session = Session(options())
    doc = session.open(library / "b12.md")
    assert doc.data["title"] == "B12" and [s.title for s in doc.sections] == ["B12", "B12 injections"]
    assert session.open(library / "bad.md") == Unreadable(
        "the file is not valid UTF-8 (byte 0xe9 at offset 3); save it as UTF-8", 1, 4)
    assert session.open(library / "missing.md") == Unreadable("the file vanished before it could be read")
    assert session.open(library) == Unreadable("this is a folder, not a file")


def test_results_carry_what_rules_measured_also_from_the_cache(tmp_path):
    article = str(Path(__file__).resolve().parents[1] / "content" / "articles" / "vitamin-d-basics.md")
    request = CheckRequest(paths=(article,), options=options(), use_cache=True, cache_dir=tmp_path / "cache")
    [first] = check(request).results
    grade = first.measures["reading-grade"]
    assert 3 < grade < 14
    [cached] = check(request).results
    assert cached.measures == {"reading-grade": grade}
    # the rule switched off: nothing measured
    off = CheckRequest(paths=(article,), options=options(overrides=CliOverrides(ignore=("readability-grade",))))
    assert check(off).results[0].measures == {}
