#!/usr/bin/env python3
"""The literal trigger test: substring tests per trigger (EntrySet.active today) against
one Aho–Corasick pass (language.lexicon.LiteralScan), on every sentence of a corpus.

    python bench/trigger_scan.py [--articles 300] [CORPUS_FOLDER]

Uses the triggers of the evidence and absolute-claim lexicons; checks both give the same
triggers on every sentence, then prints the best of 5 per-sentence times of each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    from medlint.document import Document
    from medlint.language import absolute, evidence
    from medlint.language.lexicon import LiteralScan
    from medlint.position import Source

    corpus = args.corpus
    if corpus is None:
        corpus = Path(tempfile.mkdtemp()) / "corpus"
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(corpus), "--articles",
                        str(args.articles), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
    sentences = []
    for path in sorted(corpus.rglob("*.md")):
        doc = Document(str(path), Source(path.read_text(encoding="utf-8")))
        sentences += [s.text.lower() for b in doc.blocks for s in b.sentences]
    if not sentences:
        sys.exit(f"no sentences in the Markdown files of {corpus}")
    triggers = tuple(dict.fromkeys(evidence._CACHE.get().entries.triggers + absolute._CACHE.get().entries.triggers))
    started = time.perf_counter()
    scan = LiteralScan(triggers)
    build = time.perf_counter() - started

    def substring_tests(text: str) -> list[str]:
        return [t for t in triggers if t in text]

    assert all(substring_tests(s) == scan.present(s) for s in sentences), "the two scans differ"
    print(f"{len(sentences)} sentences, {len(triggers)} triggers; automaton built in {1000 * build:.2f} ms; "
          f"load average {os.getloadavg()[0]:.2f}")
    for name, fn in (("substring tests", substring_tests), ("LiteralScan (Aho–Corasick)", scan.present)):
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            for s in sentences:
                fn(s)
            best = min(best, time.perf_counter() - started)
        print(f"{name:28} {1e6 * best / len(sentences):6.2f} µs per sentence")


if __name__ == "__main__":
    main()
