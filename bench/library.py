"""What library-wide claim consistency (claim-library-conflict) costs.

    python bench/library.py [--sizes 1000 10000] [--runs 3] [--out /tmp/medlint-library-bench]

For each size, a deterministic corpus (bench/generate_corpus.py, ~1,100-word articles
whose claims contradict each other across articles by design) with a ``medlint.toml``
that includes every article, then whole ``medlint`` processes, wall time and peak
memory (max RSS of the largest process, /usr/bin/time) for:

- **pre-commit, cold**: ``medlint check ONE.md`` with an empty cache: the whole library
  is read and linted once (its results cached), one file reported;
- **pre-commit, warm**: the same again: every other article's claims come from the cache;
- **one file changed**: another article edited, then the same command: one file re-linted;
- **whole library, warm**: ``medlint check`` reporting every article, with and without
  the library rule (``--ignore claim-library-conflict``): the cost of the library stage
  itself (index and comparison over every claim) on top of a warm run.

Medians of ``--runs`` runs (cold: one run): wall time, CPU time (user + system, worker
processes included: what a loaded machine distorts least) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-25"


def medlint(root: Path, *args: str) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak MiB, stdout) of one ``medlint`` process run in
    ``root``; CPU time (user + system, worker processes included) is what a loaded
    machine distorts least."""
    command = [sys.executable, "-m", "medlint", *args]
    time_bin = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    if time_bin:
        command = [time_bin, "-f", "MAXRSS %M CPU %U %S", *command]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"medlint {' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]}")
    peak = cpu = 0.0
    for line in done.stderr.splitlines():
        if line.startswith("MAXRSS "):
            parts = line.split()
            peak, cpu = int(parts[1]) / 1024, float(parts[3]) + float(parts[4])
    return wall, cpu, peak, done.stdout


def corpus(out: Path, size: int) -> Path:
    root = out / f"library-{size}"
    if not (root / "medlint.toml").exists():
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(root), "--articles", str(size),
                        "--seed", "1"], check=True, capture_output=True)
        (root / "medlint.toml").write_text('include = ["**/*.md"]\n', encoding="utf-8")
    return root


def median(samples: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
            max(s[2] for s in samples))


def bench(root: Path, runs: int) -> dict[str, object]:
    articles = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    staged, edited = articles[0], articles[len(articles) // 2]
    common = ["--format", "json", "--today", TODAY]
    shutil.rmtree(root / ".medlint_cache", ignore_errors=True)
    cold_wall, cold_cpu, cold_peak, out = medlint(root, "check", staged, *common)
    staged_conflicts = sum(1 for d in json.loads(out) if d["rule"] == "claim-library-conflict")
    warm = [medlint(root, "check", staged, *common)[:3] for _ in range(runs)]
    original = (root / edited).read_text(encoding="utf-8")
    changed = []
    try:
        for i in range(runs):
            (root / edited).write_text(original + f"\nEdited {i}: iron does not cause constipation.\n",
                                       encoding="utf-8")
            changed.append(medlint(root, "check", staged, *common)[:3])
    finally:
        (root / edited).write_text(original, encoding="utf-8")
    medlint(root, "check", *common)  # prime the cache for every reported file
    whole = [medlint(root, "check", *common) for _ in range(runs)]
    off = ["--ignore", "claim-library-conflict"]
    medlint(root, "check", *off, *common)  # another rule selection: its own cache entries
    without = [medlint(root, "check", *off, *common)[:3] for _ in range(runs)]
    findings = json.loads(whole[0][3])
    claims = json.loads(medlint(root, "claims", ".", "--format", "json")[3])
    return {
        "articles": len(articles), "claims": len(claims),
        "library findings": sum(1 for d in findings if d["rule"] == "claim-library-conflict"),
        "staged file's library findings": staged_conflicts,
        "pre-commit cold": (cold_wall, cold_cpu, cold_peak), "pre-commit warm": median(warm),
        "one file changed": median(changed), "whole library warm": median([w[:3] for w in whole]),
        "whole library warm, library rule off": median(without),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/medlint-library-bench"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        figures = bench(corpus(args.out, size), args.runs)
        print(f"\n{size} articles")
        for name, value in figures.items():
            if isinstance(value, tuple):
                print(f"  {name:<40} {value[0]:7.2f} s wall {value[1]:7.2f} s CPU {value[2]:6.0f} MiB")
            else:
                print(f"  {name:<40} {value}")


if __name__ == "__main__":
    main()
