"""medlint benchmark: every figure side by side, measured in one run.

    python bench/run.py [--articles 1000] [--runs 5] [--out /tmp/medlint-bench]

Generates a deterministic corpus (bench/generate_corpus.py), then times whole
processes, several runs each, interleaved so that machine drift hits every command
alike, and prints medians (and min–max) with ratios against the mistune parse-only
floor on the same corpus:

- the floor: mistune 3 parsing every file to an AST, 1 and 2 processes;
- medlint cold (no cache) with --jobs 1 and --jobs 2; medlint warm (cache primed);
- start-up: `python -c pass` (bare Python, its bytecode cached like medlint's),
  `medlint --version`, `medlint check one-file.md`;
- peak memory (max RSS of the largest process) via /usr/bin/time when present: the
  corpus and a quarter of it in text and JSON output (flat means the same peak), and
  one 8 MiB article;
- linear scaling: one article of the corpus's total size against the corpus rate;
- parse stages: mistune alone, with medlint's exact positions, and the whole Document;
- per-rule time (medlint check --profile-rules, one process);
- markdownlint-cli2 and proselint on the same corpus, when they are installed;
- last, every target of issue #18 side by side with what this run measured.

The load average is printed before and after: timings on shared machines are noisy,
quote medians and ratios, not single runs. Each command's CPU time (user + system, its
worker processes included) is printed too: other processes on a loaded machine stretch
wall times unevenly (a 1 s command and a 10 s one meet different load), CPU time much
less, so the one-process ratio is also given in CPU time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = r"""
import sys, os, mistune
from concurrent.futures import ProcessPoolExecutor
def parse_all(paths):
    md = mistune.create_markdown(renderer=None, plugins=["table", "footnotes", "strikethrough"])
    for p in paths:
        with open(p, encoding="utf-8") as f:
            md(f.read())
    return len(paths)
root, jobs = sys.argv[1], int(sys.argv[2])
paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".md"))
if jobs == 1:
    parse_all(paths)
else:
    chunks = [paths[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        sum(pool.map(parse_all, chunks))
"""


STAGES = r"""
import sys, time, mistune
from pathlib import Path
from medlint import front_matter
from medlint.document import Document, default_parser
from medlint.position import Source
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.md"))]
md = mistune.create_markdown(renderer=None, plugins=["table", "footnotes", "strikethrough"])
ours = default_parser()
blanked = [front_matter.blank_out(t, front_matter.split(t)) for t in texts]
def best(fn, inputs):
    times = []
    for _ in range(3):
        start = time.process_time()
        for text in inputs:
            fn(text)  # each result dropped at once, as in a lint run
        times.append(time.process_time() - start)
    return 1000 * min(times) / len(inputs)
mistune_ms = best(md, blanked)
parse_ms = best(ours.parse, blanked)
doc_ms = best(lambda t: Document("x", Source(t)), texts)
print(f"mistune alone {mistune_ms:.2f} ms; with exact positions {parse_ms:.2f} ms "
      f"(+{parse_ms - mistune_ms:.2f}); whole Document incl. front matter, prose, sentences "
      f"{doc_ms:.2f} ms (+{doc_ms - parse_ms:.2f})")
"""


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int | None, float]:
    """Wall seconds, peak RSS (KiB, largest process) and CPU seconds (user + system, the
    command and every process it waited for: --jobs workers included) of one run. CPU
    time is what a loaded machine disturbs least: compare it when the load is high."""
    time_bin = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss_kib = None
    start = time.perf_counter()
    if time_bin:
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            subprocess.run([time_bin, "-f", "%M", "-o", rss.name, *cmd], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, env=env, check=False)
            wall = time.perf_counter() - start
            try:
                rss_kib = int(rss.read().strip().splitlines()[-1])
            except (ValueError, IndexError):
                pass
    else:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, rss_kib, cpu


def measure(commands: dict[str, list[str]], runs: int, warmup: int = 1) -> dict[str, list[tuple[float, int | None, float]]]:
    """Run the commands in turn (A B C A B C …) so drift hits each alike."""
    for _ in range(warmup):
        for cmd in commands.values():
            timed(cmd)
    out: dict[str, list[tuple[float, int | None, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            out[name].append(timed(cmd))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "medlint-bench")
    args = ap.parse_args()
    # An installed package has its bytecode compiled at install time; a run that must
    # recompile every module each time (PYTHONDONTWRITEBYTECODE) would time the compiler.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    # Bare Python and medlint alike run from cached bytecode: compile medlint's now, so
    # no timed run pays for writing it.
    import compileall

    import medlint

    compileall.compile_dir(str(Path(medlint.__file__).parent), quiet=1)
    print(f"load average at start: {_load()}")
    targets: list[tuple[str, str, str, bool | None]] = []  # figure, measured, target, met

    corpus = args.out / "corpus"
    if not (corpus / "manifest.json").exists():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(corpus), "--articles",
                        str(args.articles), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    big = args.out / "big"
    if not big.exists():
        total_mb = sum(p.stat().st_size for p in corpus.rglob("*.md")) / 2**20
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(big), "--big-article",
                        str(max(1, round(total_mb / 4)))], check=True, stdout=subprocess.DEVNULL)
    files = sorted(corpus.rglob("*.md"))
    n = len(files)
    size = sum(p.stat().st_size for p in files)
    big_file = next(big.rglob("*.md"))
    one = files[0]
    cache = args.out / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    medlint = [sys.executable, "-m", "medlint"]
    common = ["check", str(corpus), "--isolated", "--today", "2026-11-25", "--format", "json"]
    floor = [sys.executable, "-c", FLOOR, str(corpus)]

    print(f"corpus: {n} articles, {size / 2**20:.1f} MiB; {os.cpu_count()} cores; {args.runs} runs each, medians")
    subprocess.run([*medlint, *common, "--cache-dir", str(cache)], stdout=subprocess.DEVNULL, check=False)
    results = measure({
        "mistune parse only, 1 process": [*floor, "1"],
        "mistune parse only, 2 processes": [*floor, "2"],
        "medlint cold, --jobs 1": [*medlint, *common, "--no-cache", "--jobs", "1"],
        "medlint cold, --jobs 2": [*medlint, *common, "--no-cache", "--jobs", "2"],
        "medlint warm (cache), --jobs 2": [*medlint, *common, "--cache-dir", str(cache), "--jobs", "2"],
    }, args.runs)
    med = {k: statistics.median(w for w, *_ in v) for k, v in results.items()}
    cpu = {k: statistics.median(c for *_, c in v) for k, v in results.items()}
    floor1 = med["mistune parse only, 1 process"]
    print(f"\n{'command':36} {'median s':>9} {'min–max s':>13} {'articles/s':>11} {'× floor(1p)':>12} {'peak MiB':>9}"
          f" {'CPU s':>7} {'CPU × floor(1p)':>16}")
    for name, runs in results.items():
        walls = [w for w, *_ in runs]
        rss = max((r for _, r, *_ in runs if r), default=None)
        print(f"{name:36} {med[name]:9.2f} {min(walls):6.2f}–{max(walls):<6.2f} {n / med[name]:11.0f} "
              f"{floor1 / med[name]:12.2f} {rss / 1024 if rss else float('nan'):9.0f} {cpu[name]:7.2f} "
              f"{cpu['mistune parse only, 1 process'] / cpu[name]:16.2f}")
    cold1, cold2 = med["medlint cold, --jobs 1"], med["medlint cold, --jobs 2"]
    warm = cold2 / med["medlint warm (cache), --jobs 2"]
    print(f"\nwarm vs cold (--jobs 2): {warm:.1f}× faster")
    cpu1 = cpu["mistune parse only, 1 process"] / cpu["medlint cold, --jobs 1"]
    targets += [
        ("mistune parse-only floor, 1 / 2 processes",
         f"{n / floor1:.0f} / {n / med['mistune parse only, 2 processes']:.0f} articles/s", "—", None),
        ("medlint cold, --jobs 1", f"{n / cold1:.0f} articles/s, {floor1 / cold1:.2f} × floor(1p) "
         f"(in CPU time {cpu1:.2f} ×)", "≥ 0.30 × floor(1p)", floor1 / cold1 >= 0.30),
        ("medlint cold, --jobs 2", f"{n / cold2:.0f} articles/s, {floor1 / cold2:.2f} × floor(1p)",
         "≥ 0.55 × floor(1p)", floor1 / cold2 >= 0.55),
        ("medlint warm (cache), --jobs 2", f"{warm:.1f} × faster than cold", "≥ 20 ×", warm >= 20),
    ]

    start = measure({
        "python -c pass": [sys.executable, "-c", "pass"],
        "medlint --version": [*medlint, "--version"],
        "medlint check one-file.md": [*medlint, "check", str(one), "--isolated", "--no-cache"],
    }, args.runs * 2)
    bare = statistics.median(w for w, *_ in start["python -c pass"])
    print(f"\n{'start-up':36} {'median s':>9} {'× bare python':>14}")
    for name, runs in start.items():
        m = statistics.median(w for w, *_ in runs)
        print(f"{name:36} {m:9.3f} {m / bare:14.1f}")
    isolated = statistics.median(w for w, *_ in measure({"python -I -S -c pass": [sys.executable, "-I", "-S", "-c", "pass"]},
                                                        args.runs * 2)["python -I -S -c pass"])
    if bare > 2 * isolated and bare - isolated > 0.005:
        print(f"note: bare Python takes {1000 * bare:.0f} ms here but {1000 * isolated:.0f} ms without its site "
              "packages: a .pth file imports something at every start. Every '× bare Python' figure below is "
              "flattered; run the bench from a virtualenv.")
    version = statistics.median(w for w, *_ in start["medlint --version"]) / bare
    one_file = statistics.median(w for w, *_ in start["medlint check one-file.md"]) / bare
    targets += [
        ("medlint --version", f"{version:.1f} × bare Python ({1000 * bare:.0f} ms)", "≤ 3 ×", version <= 3),
        ("medlint check one-file.md", f"{one_file:.1f} × bare Python", "≤ 12 ×", one_file <= 12),
    ]

    quarter = args.out / "quarter"
    if not quarter.exists():
        quarter.mkdir(parents=True)
        for path in files[: max(1, n // 4)]:
            (quarter / path.relative_to(corpus)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, quarter / path.relative_to(corpus))
    eight = args.out / "eight"
    if not eight.exists():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(eight), "--big-article", "8"],
                       check=True, stdout=subprocess.DEVNULL)
    lint = [*medlint, "check", "--isolated", "--today", "2026-11-25", "--no-cache", "--jobs", "1"]
    memory = measure({
        **{f"{fmt}, {label}": [*lint, "--format", fmt, str(folder)]
           for fmt in ("text", "json") for label, folder in ((f"{n // 4} articles", quarter), (f"{n} articles", corpus))},
        "json, one 8 MiB article": [*lint, "--format", "json", str(next(eight.rglob("*.md")))],
    }, 1, warmup=0)
    peak = {name: max((r for _, r, *_ in runs if r), default=None) for name, runs in memory.items()}
    print(f"\n{'peak memory (max RSS), --jobs 1':36} {'MiB':>9}")
    for name, kib in peak.items():
        print(f"{name:36} {kib / 1024 if kib else float('nan'):9.0f}")
    for fmt in ("text", "json"):
        small, large = peak[f"{fmt}, {n // 4} articles"], peak[f"{fmt}, {n} articles"]
        if small and large:
            targets.append((f"peak memory, {fmt} output, {n // 4} / {n} articles",
                            f"{small / 1024:.0f} / {large / 1024:.0f} MiB", "flat (≤ 1.1 ×)", large <= 1.1 * small))
    big8 = peak["json, one 8 MiB article"]
    if big8:
        targets.append(("peak memory, one 8 MiB article", f"{big8 / 1024:.0f} MiB", "< 150 MiB", big8 / 1024 < 150))

    scale = measure({"one article of 1/4 the corpus size": [*medlint, "check", str(big_file), "--isolated",
                                                            "--no-cache", "--format", "json"]}, max(1, args.runs // 2))
    big_wall = statistics.median(w for w, *_ in scale["one article of 1/4 the corpus size"])
    share = med["medlint cold, --jobs 1"] * big_file.stat().st_size / size
    print(f"\nlinear scaling: {big_file.stat().st_size / 2**20:.1f} MiB article took {big_wall:.2f} s; its share of "
          f"the corpus time is {share:.2f} s (ratio {big_wall / share:.2f}; ≈1 is linear)")
    targets.append((f"one {big_file.stat().st_size / 2**20:.1f} MiB article vs its share of the corpus time",
                    f"{big_wall / share:.2f}", "≈ 1 (linear)", big_wall / share < 1.5))

    print("\nparse stages per article (in one process, best of 3 CPU times):")
    stages = subprocess.run([sys.executable, "-c", STAGES, str(corpus)], capture_output=True, text=True,
                            check=False)
    print(stages.stdout.strip() or stages.stderr.strip().splitlines()[-1])

    print("\nper-rule time (one process, whole corpus):")
    prof = subprocess.run([*medlint, *common, "--no-cache", "--jobs", "1", "--profile-rules"],
                          capture_output=True, text=True, check=False)
    print(prof.stderr.strip())

    for tool, cmd in (("markdownlint-cli2", ["markdownlint-cli2", f"{corpus}/**/*.md"]),
                      ("proselint", ["proselint", "check", *map(str, files[:200])])):
        if shutil.which(cmd[0]):
            r = measure({tool: cmd}, max(1, args.runs // 2))
            m = statistics.median(w for w, *_ in r[tool])
            count = n if tool != "proselint" else min(n, 200)
            print(f"{tool}: {count / m:.0f} articles/s")
        else:
            print(f"{tool}: not installed here (skipped)")

    print(f"\nload average at end: {_load()}")
    print("\nissue #18 targets, this run (medians; a loaded machine slows every ratio's numerator and denominator alike"
          " only roughly):")
    print("| figure | measured | target | |")
    print("|---|---|---|---|")
    for figure, measured, target, met in targets:
        verdict = "" if met is None else ("met" if met else "**not met**")
        print(f"| {figure} | {measured} | {target} | {verdict} |")


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" (1, 5, 15 min; {os.cpu_count()} cores)"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
