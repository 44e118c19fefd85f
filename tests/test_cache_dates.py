"""``--today`` and the result cache (issue #19 item 13): an entry holds for the days
its rules' answers hold for, so a new day relints only the files whose result could
change (a review falling due, a stale review's age, a suppression expiring) and
serves the rest from the cache, with the findings a cold run gives that day."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from medlint.runner import RunOptions, Session

BODY = "# T\n\nSee https://x.org/a here.\n"
ARTICLES = {
    "plain.md": BODY,  # reads no date
    "reviewed.md": "---\ntitle: T\nlast_reviewed: 2026-01-10\n---\n" + BODY,  # due 2027-01-10
    "stale.md": "---\ntitle: T\nlast_reviewed: 2020-01-10\n---\n" + BODY,  # its age is in the message
    "future.md": "---\ntitle: T\nlast_reviewed: 2026-12-24\n---\n" + BODY,
    "expiring.md": "<!-- medlint-disable-next-line link-bare -- legal @sam until 2026-06-15 -->\n"
                   "See https://x.org/b here.\n",
}
D = dt.date


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(tree: Path, today: dt.date, cache: bool = True) -> tuple[dict[str, list], set[str]]:
    """Each file's findings on ``today``, and which files were linted (cache misses)."""
    session = Session(RunOptions(isolated=True, today=today, cache_dir=tree / ".cache" if cache else None))
    findings, linted = {}, set()
    for target in session.discover([str(tree)]):
        misses = session.cache.misses if cache else 0
        findings[Path(target.display).name] = [d.to_dict() for d in session.lint_target(target).diagnostics]
        if cache and session.cache.misses > misses:
            linted.add(Path(target.display).name)
    return findings, linted


@pytest.mark.parametrize(("first", "then", "relinted"), [
    # within every range: only the stale review's age changed
    (D(2026, 6, 1), D(2026, 6, 10), {"stale.md"}),
    # a suppression expires: its file too
    (D(2026, 6, 1), D(2026, 6, 20), {"stale.md", "expiring.md"}),
    # the review falls due, the future date arrives, the suppression expired long ago
    (D(2026, 6, 1), D(2027, 2, 1), {"stale.md", "expiring.md", "reviewed.md", "future.md"}),
    # back in time: before the review date
    (D(2026, 6, 1), D(2025, 12, 1), {"stale.md", "reviewed.md"}),
])
def test_a_new_day_relints_only_the_files_whose_result_can_change(tree, first, then, relinted):
    cold, linted = run(tree, first)
    assert linted == set(ARTICLES)
    assert cold == run(tree, first, cache=False)[0]
    warm, linted = run(tree, first)
    assert linted == set() and warm == cold
    later, linted = run(tree, then)
    assert linted == relinted
    assert later == run(tree, then, cache=False)[0]  # what a cold run reports that day
    again, linted = run(tree, then)
    assert linted == set() and again == later


def test_the_findings_that_depend_on_the_day_are_there(tree):
    found, _ = run(tree, D(2026, 6, 20))
    assert [f["rule"] for f in found["stale.md"]].count("review-stale") == 1
    assert "in the future" in " ".join(f["message"] for f in found["future.md"])
    assert "expired on 2026-06-15" in " ".join(f["message"] for f in found["expiring.md"])
    assert "review-stale" not in {f["rule"] for f in found["reviewed.md"]}


def test_through_the_command_line(tree):
    """Real processes, as a daily CI job runs them: the second day's report is the
    cold run's for that day."""
    def check(today: str, *extra: str) -> list:
        done = subprocess.run([sys.executable, "-m", "medlint", "check", ".", "--isolated", "--format", "json",
                               "--today", today, *extra], cwd=tree, capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        return json.loads(done.stdout)

    check("2026-06-01")
    assert check("2026-06-20") == check("2026-06-20", "--no-cache")
    assert check("2027-02-01") == check("2027-02-01", "--no-cache")
