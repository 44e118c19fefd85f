#!/usr/bin/env python3
"""How big and how slow is the HTML report of a large library?

    python bench/report_scale.py [--articles 10000] [--defect-rate 0.1 1.0] [--jobs 2] [--out DIR]

For each defect rate: generates a deterministic corpus (bench/generate_corpus.py),
lints it the way ``medlint check --format html`` does (article facts on, sources
kept, no cache), then times ``reporters.html.render`` and ``reporters.markdown.render``
alone (median of 3) and writes the page to ``OUT/report-<rate>.html``. Prints, per
corpus: articles, findings, claims, page size, render times, and the end-to-end time
of ``medlint check --format html`` against ``--format json`` on the same corpus (one
run each, so the report's share of a whole run is visible).

The budget (issue #17): 10,000 articles under 20 MB, opening in a browser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-25"


def lint(corpus: Path, jobs: int):  # type: ignore[no-untyped-def]
    """The Report ``medlint check CORPUS --isolated --format html --no-cache`` renders."""
    from medlint.pipeline import CheckRequest, check
    from medlint.runner import RunOptions

    options = RunOptions(isolated=True, today=dt.date.fromisoformat(TODAY), keep_sources=True, claims=True)
    return check(CheckRequest(paths=(str(corpus),), options=options, jobs=jobs, rule_infos=True))


def timed(fn, runs: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(runs):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), out


def whole_run(corpus: Path, fmt: str, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "medlint", "check", str(corpus), "--isolated", "--today", TODAY,
                    "--no-cache", "--format", fmt, "-o", str(out)], capture_output=True, check=False)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--defect-rate", type=float, nargs="+", default=[0.1, 1.0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "medlint-report-scale")
    parser.add_argument("--no-whole-run", action="store_true", help="skip the end-to-end CLI timings")
    args = parser.parse_args(argv)
    from medlint.reporters import html, markdown

    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for rate in args.defect_rate:
        corpus = args.out / f"corpus-{args.articles}-{rate}"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(corpus), "--articles",
                            str(args.articles), "--seed", "1", "--defect-rate", str(rate)], check=True,
                           capture_output=True)
        report = lint(corpus, args.jobs)
        diagnostics, files, sources, rules = report.diagnostics, report.files, report.sources(), report.rule_infos
        facts = {r.path: html.ArticleFacts.of(r) for r in report.results}
        html_time, page = timed(lambda: html.render(diagnostics, rules, files=files, sources=sources, facts=facts))
        md_time, _ = timed(lambda: markdown.render(diagnostics, rules, files=files))
        target = args.out / f"report-{rate}.html"
        target.write_text(page, encoding="utf-8")  # type: ignore[arg-type]
        size = target.stat().st_size
        row = {"rate": rate, "articles": len(files), "findings": len(diagnostics),
               "claims": sum(len(f.claims) for f in facts.values()),
               "grades": sum(1 for f in facts.values() if f.grade is not None), "mb": size / 1e6,
               "html_s": html_time, "md_s": md_time}
        if not args.no_whole_run:
            row["cli_html_s"] = whole_run(corpus, "html", args.out / "cli.html")
            row["cli_json_s"] = whole_run(corpus, "json", args.out / "cli.json")
        rows.append(row)
        print(f"defect rate {rate}: {row}", file=sys.stderr)

    print(f"{'defects':>7} {'articles':>8} {'findings':>8} {'claims':>7} {'grades':>6} {'HTML MB':>8} {'render s':>8} "
          f"{'md s':>6} {'check html s':>12} {'check json s':>12}")
    for r in rows:
        print(f"{r['rate']:>7} {r['articles']:>8} {r['findings']:>8} {r['claims']:>7} {r['grades']:>6} {r['mb']:>8.2f} "
              f"{r['html_s']:>8.2f} {r['md_s']:>6.3f} {r.get('cli_html_s', float('nan')):>12.1f} "
              f"{r.get('cli_json_s', float('nan')):>12.1f}")
    print(f"pages written to {args.out}")
    return 0 if all(r["mb"] < 20 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
