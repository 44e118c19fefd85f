"""What a large claim registry (claim-registry-conflict, issue #19 item 18) costs.

    python bench/registry.py [--sizes 10000 100000] [--runs 1] [--out /tmp/medlint-registry-bench]

For each size, a deterministic registry (``registry_text``: every entry a distinct
subject, effect, stance and qualifier combination of the shipped claim lexicon, so
the lookup cannot lean on a few large groups) and this repository's example articles
(content/library, content/articles) plus ``--articles`` short ones whose claims
contradict entries of content/claims/registry.yaml (copied beside the generated
file), with a ``medlint.toml`` naming both; then
whole ``medlint check --no-cache -j1`` processes: wall time, CPU time and peak memory
(max RSS, /usr/bin/time). Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from library import TODAY, medlint  # noqa: E402  (bench/library.py: one process, timed)

STANCES = ("positive", "negative", "rare")
CONFLICTING = ("# B12 and magnesium {n}\n\nOral B12 can cause cramps.\n\nMagnesium does not cause diarrhea.\n\n"
               "Ibuprofen never causes stomach bleeding.\n")


def registry_text(size: int) -> str:
    """A claim registry of ``size`` entries over the shipped lexicon's ids."""
    from medlint.claims import ClaimLexicon

    lex = ClaimLexicon.default()
    subjects, effects = sorted(lex.subjects), sorted(lex.effects)
    dims = sorted(lex.dimensions)
    lines = ["version: 1", "claims:"]
    for i in range(size):  # every effect early on, each with ever more subjects
        effect, subject = effects[i % len(effects)], subjects[(i // len(effects)) % len(subjects)]
        lines += [f"  - id: c{i}", f"    subject: {subject}", f"    effect: {effect}",
                  f"    stance: {STANCES[i % 3]}"]
        if i % 2:
            dim = dims[i % len(dims)]
            values = lex.dimensions[dim]
            lines.append(f"    qualifiers: {{{dim}: {values[i % len(values)]}}}")
        lines.append(f"    source: \"generated entry {i}\"")
    return "\n".join(lines) + "\n"


def project(out: Path, size: int, articles: int) -> Path:
    root = out / f"registry-{size}"
    if root.exists():
        shutil.rmtree(root)
    (root / "claims").mkdir(parents=True)
    shutil.copytree(HERE.parent / "content" / "library", root / "articles" / "library")
    shutil.copytree(HERE.parent / "content" / "articles", root / "articles" / "articles")
    (root / "articles" / "conflicting").mkdir()
    for n in range(articles):
        (root / "articles" / "conflicting" / f"c{n}.md").write_text(CONFLICTING.format(n=n), encoding="utf-8")
    (root / "claims" / "generated.yaml").write_text(registry_text(size), encoding="utf-8")
    # This repository's registry too: entries the example articles really contradict.
    shutil.copy(HERE.parent / "content" / "claims" / "registry.yaml", root / "claims" / "registry.yaml")
    (root / "medlint.toml").write_text('include = ["articles/**/*.md"]\nclaims = ["claims/*.yaml"]\n',
                                       encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--articles", type=int, default=200, help="short articles with registry conflicts")
    parser.add_argument("--out", type=Path, default=Path("/tmp/medlint-registry-bench"))
    args = parser.parse_args()
    print(f"{'entries':>8} {'articles':>8} {'wall s':>7} {'CPU s':>7} {'peak MiB':>9} {'conflicts':>9}")
    for size in args.sizes:
        root = project(args.out, size, args.articles)
        runs = [medlint(root, "check", "--no-cache", "-j1", "--today", TODAY, "--format", "json",
                        "--select", "claim-registry-conflict") for _ in range(args.runs)]
        articles = len(list((root / "articles").rglob("*.md")))
        conflicts = runs[-1][3].count('"claim-registry-conflict"')
        wall, cpu, peak = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"{size:>8} {articles:>8} {wall:7.2f} {cpu:7.2f} {peak:9.0f} {conflicts:>9}")


if __name__ == "__main__":
    main()
