"""Peak memory of ``medlint check`` does not grow with the number of articles (issue
#18): results are streamed to the report's writer, not kept. Measured as the ratio of
the peak resident set size of two whole runs, N and 4N generated articles, in child
processes (``scaling.assert_flat``): no absolute bound, so the machine does not matter.

The default suite checks the text format (it used to keep every article's text for its
excerpts); ``-m slow`` checks every format, with a baseline and with --fix too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scaling import assert_flat, peak_rss

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = 200, 800


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Two generated libraries (same seed): SMALL and LARGE articles of 300 words, a
    third with planted defects (so most articles have findings and excerpts)."""
    out = {}
    for n in (SMALL, LARGE):
        folder = tmp_path_factory.mktemp(f"corpus{n}")
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_corpus.py"), str(folder), "--articles", str(n),
                        "--words", "300", "--defect-rate", "0.3", "--seed", "5"], check=True,
                       stdout=subprocess.DEVNULL)
        out[n] = folder
    return out


def _check(corpora: dict[int, Path], *options: str):  # type: ignore[no-untyped-def]
    def measure(n: int) -> int:
        return peak_rss([sys.executable, "-m", "medlint", "check", str(corpora[n]), "--isolated", "--no-cache",
                         "--jobs", "1", "--today", "2026-11-25", *options])
    return measure


def test_text_report_memory_is_flat_in_the_number_of_articles(corpora):
    assert_flat(_check(corpora, "--format", "text"), SMALL, LARGE)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "markdown", "html"])
def test_every_format_is_flat_in_the_number_of_articles(corpora, fmt):
    assert_flat(_check(corpora, "--format", fmt), SMALL, LARGE)


@pytest.mark.slow
def test_baseline_filtering_is_flat_in_the_number_of_articles(corpora, tmp_path):
    baseline = tmp_path / "baseline.json"
    subprocess.run([sys.executable, "-m", "medlint", "baseline", str(baseline), str(corpora[SMALL]), "--isolated",
                    "--today", "2026-11-25"], check=True, capture_output=True)
    assert_flat(_check(corpora, "--baseline", str(baseline)), SMALL, LARGE)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "html"])
def test_the_report_is_the_same_where_no_temporary_file_can_be_made(tmp_path, monkeypatch, fmt):
    """The results and the report go to temporary files; without them (a read-only
    TMPDIR), in memory: the same report, no traceback."""
    import tempfile

    from click.testing import CliRunner

    from medlint.cli import main

    article = tmp_path / "a.md"
    article.write_text("# Iron\n\nSee https://example.org now.\n\nIron never causes harm.\n", encoding="utf-8")
    args = ["check", str(article), "--isolated", "--no-cache", "--today", "2026-11-25", "--format", fmt]
    expected = CliRunner().invoke(main, args)

    def unavailable(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("no usable temporary directory")

    monkeypatch.setattr(tempfile, "TemporaryFile", unavailable)
    got = CliRunner().invoke(main, args)
    assert (got.exit_code, got.output) == (expected.exit_code, expected.output)
    assert expected.exit_code == 1 and "example.org" in expected.output
