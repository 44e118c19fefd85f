"""The library stage stays linear in hostile input: an article with thousands of
suppressed library conflicts (each suppression open until the library stage)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scaling import assert_linear

from medlint.config import CliOverrides
from medlint.pipeline import CheckRequest, check
from medlint.runner import RunOptions

SUPPRESSED = "<!-- medlint-disable-next-line claim-library-conflict -- reviewed -->\nB12 never causes cramps.\n\n"


def test_many_suppressed_library_conflicts_cost_linear_time(tmp_path: Path):
    def make(n: int):
        folder = tmp_path / str(n)
        folder.mkdir(exist_ok=True)
        (folder / "a.md").write_text(SUPPRESSED * n, encoding="utf-8")
        (folder / "b.md").write_text("B12 injections can cause cramps.\n" * 2, encoding="utf-8")
        request = CheckRequest(paths=(str(folder),), options=RunOptions(
            isolated=True, today=dt.date(2026, 11, 25),
            overrides=CliOverrides(select=("claim-library-conflict", "unused-suppression"))))

        def run():
            report = check(request)
            assert [d.path.endswith("b.md") for d in report.diagnostics] == [True, True]
        return run

    assert_linear(make, 100, 1000)
