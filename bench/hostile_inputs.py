#!/usr/bin/env python3
"""Hostile and oversized inputs for medlint, and a way to measure how it copes.

Used by ``tests/test_adversarial.py`` (which asserts loose bounds) and run by hand to
produce the numbers in ``docs/limits.md``::

    python bench/hostile_inputs.py measure [--runs 3] [--only NAME,...]

``measure`` writes each big input to a temporary folder, runs ``medlint check``
on it ``--runs`` times in a fresh process (``--isolated --no-cache --format json``),
and prints, per input, the median wall time and the median peak resident memory
of the medlint process (from ``wait4``), with its exit code and finding count.
Pure stdlib; deterministic output.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parents[1]

FRONT = ("---\ntitle: Iron basics\nauthor: Sam Lee\nmedically_reviewed_by: Dr. Ana Ruiz, MD\n"
         "last_reviewed: 2026-10-01\n---\n")
TAIL = ("\n## References\n\n1. MedlinePlus. Iron in diet. <https://medlineplus.gov/ency/article/002422.htm>\n"
        "\n## Medical disclaimer\n\nThis article is for informational purposes only and is not a substitute "
        "for professional medical advice.\n")
# A clean article: no findings with --today 2026-11-25.
GOOD = FRONT + "# Iron basics\n\nIron helps your blood carry oxygen [1].\n" + TAIL
TODAY = "2026-11-25"


# -- generators ------------------------------------------------------------------
def single_line(megabytes: float = 5) -> str:
    """One paragraph on one line of ``megabytes`` MiB."""
    words = "Iron helps your blood carry oxygen to every part of the body "
    count = int(megabytes * 1024 * 1024) // len(words) + 1
    return FRONT + "# Iron basics\n\n" + words * count + "[1].\n" + TAIL


def citation_markers(count: int = 100_000) -> str:
    """``count`` citation markers in one paragraph, all resolving to entry 1."""
    return FRONT + "# Iron basics\n\n" + "Iron helps [1]. " * count + "\n" + TAIL


def nested_quotes(depth: int = 10_000) -> str:
    """Block quotes nested ``depth`` deep on one line, then a 1,000-line staircase."""
    stair = "".join(">" * i + " quoted\n" for i in range(1, 1001))
    return FRONT + "# Iron basics\n\n" + "> " * depth + "deep\n\n" + stair + "\nIron helps [1].\n" + TAIL


def nested_lists(depth: int = 10_000) -> str:
    """Lists nested ``depth`` deep (``- - - …`` and ``1. 1. …`` on one line), then an
    indented staircase of 1,000 levels."""
    stair = "".join("  " * i + "- level\n" for i in range(1000))
    return (FRONT + "# Iron basics\n\n" + "- " * depth + "item\n\n" + "1. " * depth + "item\n\n"
            + stair + "\nIron helps [1].\n" + TAIL)


def nested_emphasis(depth: int = 10_000) -> str:
    """Emphasis and links nested or left open ``depth`` times."""
    lines = [
        "*" * depth + "x" + "*" * depth,
        "_" * depth + "x" + "_" * depth,
        "".join("*a _b " for _ in range(depth)) + "x" + "_ *" * depth,
        "**" * depth,
        "[" * depth + "x" + "](u)" * depth,
        "[a](" * depth,
        "<" * depth,
        "`" * depth,
    ]
    return FRONT + "# Iron basics\n\n" + "\n\n".join(lines) + "\n\nIron helps [1].\n" + TAIL


def suppression_comments(count: int = 20_000) -> str:
    """``count`` disable-next-line comments, each above a bare URL it suppresses."""
    body = "".join(f"<!-- medlint-disable-next-line link-bare -- test -->\nSee https://example.org/{i} now.\n\n"
                   for i in range(count))
    return FRONT + "# Iron basics\n\nIron helps [1].\n\n" + body + TAIL


def big_article(megabytes: float = 20) -> str:
    """A realistic clean article of ``megabytes`` MiB (bench/generate_corpus.py)."""
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "bench" / "generate_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_corpus", module)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory() as tmp:
        path = module.generate_big_article(tmp, megabytes, 1)
        return Path(path).read_text(encoding="utf-8")


def many_files(folder: Path, count: int = 50_000) -> None:
    """``count`` small articles in one folder (one bare URL each)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:05d}.md").write_text(f"# Article {i}\n\nSee https://example.org/{i} now.\n",
                                            encoding="utf-8")


# -- measuring ---------------------------------------------------------------------
@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # peak resident memory of the medlint process, MiB


def run_medlint(args: Sequence[str], cwd: Path | str, timeout: float = 300.0) -> Run:
    """``python -m medlint ARGS`` in a fresh process: exit code, output, wall time and
    peak RSS of that process alone (``os.wait4``), killed after ``timeout`` seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "medlint", *args], cwd=cwd, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # ru_maxrss is KiB on Linux, bytes on macOS.
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, peak)


def check_args(*paths: str) -> list[str]:
    return ["check", *paths, "--isolated", "--no-cache", "--format", "json", "--today", TODAY]


CASES: dict[str, Callable[[], str]] = {
    "single-line-5mb": lambda: single_line(5),
    "citations-100k": lambda: citation_markers(100_000),
    "nested-quotes-10k": lambda: nested_quotes(10_000),
    "nested-lists-10k": lambda: nested_lists(10_000),
    "nested-emphasis-10k": lambda: nested_emphasis(10_000),
    "suppressions-20k": lambda: suppression_comments(20_000),
    "article-20mb": lambda: big_article(20),
}


def measure(names: Sequence[str], runs: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            if name == "files-50k":
                many_files(Path(tmp) / "many", 50_000)
                target, size = "many", sum(f.stat().st_size for f in (Path(tmp) / "many").iterdir())
            else:
                text = CASES[name]()
                target = f"{name}.md"
                Path(tmp, target).write_text(text, encoding="utf-8")
                size = len(text.encode("utf-8"))
            results = [run_medlint(check_args(target), tmp) for _ in range(runs)]
            findings = len(json.loads(results[-1].stdout)) if results[-1].stdout.strip() else None
            rows.append({"input": name, "bytes": size, "runs": runs,
                         "median_s": round(statistics.median(r.seconds for r in results), 2),
                         "median_peak_mb": round(statistics.median(r.peak_mb for r in results), 1),
                         "exit": sorted({r.returncode for r in results}), "findings": findings,
                         "traceback": any("Traceback" in r.stderr for r in results)})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure", help="time and peak memory of medlint on each big input")
    m.add_argument("--runs", type=int, default=3)
    m.add_argument("--only", default="", help="comma-separated input names (default: all)")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or [*CASES, "files-50k"]
    unknown = [n for n in names if n not in CASES and n != "files-50k"]
    if unknown:
        parser.error(f"unknown input(s): {', '.join(unknown)}; known: {', '.join([*CASES, 'files-50k'])}")
    measure(names, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
