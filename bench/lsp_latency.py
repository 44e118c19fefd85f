"""Editor latency: time from a change notification to the published diagnostics.

    python bench/lsp_latency.py [--changes 60] [--big-changes 5] [--big-mb 2]

Starts ``medlint server`` the way an editor does (a subprocess on stdio, driven by
pygls's LanguageClient from tests/lsp_client.py), opens a generated 1,100-word
article (bench/generate_corpus.py), warms the server up with a few edits, then
sends one ``textDocument/didChange`` at a time (an incremental change: a word typed
into the first paragraph, then deleted) and
times the moment the matching ``textDocument/publishDiagnostics`` arrives. The same
for a 2 MiB article. The server's default debounce is included in every figure:
it is what a writer waits. Prints the median and the 95th percentile.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from generate_corpus import build_article, generate_big_article  # noqa: E402
from lsp_client import Editor  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


async def measure(editor: Editor, path: Path, text: str, changes: int, warmup: int) -> tuple[list[float], int]:
    """Milliseconds from each didChange to its diagnostics; and the findings count."""
    opened = await editor.open(path, text)
    uri = editor.uri_of(path)
    anchor = text.index("\n\n", text.index("\n---", 3) + 4) + 2  # start of the first body paragraph
    timings = []
    for i in range(warmup + changes):
        mark = len(editor.published)
        sent = time.perf_counter()
        if i % 2 == 0:  # type a word, then delete it
            version = editor.send_edit(uri, anchor, anchor, "Typed ")
        else:
            version = editor.send_edit(uri, anchor, anchor + len("Typed "), "")
        await editor.wait_for(uri, lambda p, v=version: p.version == v, mark)
        arrived = next(t for p, t in zip(editor.published[mark:], editor.received_at[mark:])
                       if p.uri == uri and p.version == version)
        if i >= warmup:
            timings.append((arrived - sent) * 1000)
    return timings, len(opened.diagnostics)


async def main_async(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="medlint-lsp-bench-") as tmp:
        root = Path(tmp)
        text, _ = build_article(random.Random("medlint-lsp-bench:1"), 1100, None, slug="latency")
        big = Path(generate_big_article(str(root / "big"), args.big_mb, seed=1))
        editor = Editor(root)
        await editor.start(options={})  # the server's own debounce, as an editor gets it
        words = len(text.split())
        small, findings = await measure(editor, root / "article.md", text, args.changes, warmup=5)
        print(f"{words}-word article ({len(text.encode()) / 1024:.0f} KiB, {findings} findings), "
              f"{len(small)} changes: median {statistics.median(small):.1f} ms, "
              f"p95 {percentile(small, 0.95):.1f} ms, min {min(small):.1f} ms, max {max(small):.1f} ms")
        big_text = big.read_text(encoding="utf-8")
        large, findings = await measure(editor, root / "big.md", big_text, args.big_changes, warmup=1)
        print(f"{len(big_text.encode()) / 1024 / 1024:.1f} MiB article ({findings} findings), {len(large)} changes: "
              f"median {statistics.median(large):.0f} ms, p95 {percentile(large, 0.95):.0f} ms, "
              f"min {min(large):.0f} ms, max {max(large):.0f} ms")
        await editor.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=60, help="timed changes to the 1,100-word article")
    parser.add_argument("--big-changes", type=int, default=5, help="timed changes to the big article")
    parser.add_argument("--big-mb", type=float, default=2.0, help="size of the big article in MiB")
    asyncio.run(main_async(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
