#!/usr/bin/env python3
"""Render the bundled library (content/) as an HTML report and photograph it.

    python tools/report_screenshot.py [PNG] [--width 1280] [--height 2000]

Writes ``docs/report-screenshot.png`` by default (the picture in the README's
"Reports" section). Needs headless Chromium (``apt-get install chromium``; the
``chromium``, ``chromium-browser`` or ``google-chrome`` command). The report is made
with ``--today 2026-11-25``, the date the content tests use, so the picture changes
only when the content, the rules or the report do.

``tests/test_report_html.py`` uses the same functions for its browser test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The path of a Chromium-family browser, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_content(out: Path) -> subprocess.CompletedProcess[str]:
    """``medlint check content/ --format html -o OUT`` from the repository root."""
    return subprocess.run([sys.executable, "-m", "medlint", "check", "content/", "--format", "html", "-o", str(out),
                           "--today", TODAY, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)


def _run_browser(browser: str, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="medlint-chromium-") as profile:
        return subprocess.run(
            [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args, page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, env=dict(os.environ, LANG="en_US.UTF-8"))


def console_messages(stderr: str) -> list[str]:
    """What the page wrote to the JavaScript console (errors included), from Chromium's log."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def screenshot(browser: str, page: Path, png: Path, width: int = 1280, height: int = 2000) -> list[str]:
    """Photograph ``page``; return its console messages (uncaught errors appear there)."""
    done = _run_browser(browser, page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}")
    if not png.is_file():
        raise RuntimeError(f"{browser} wrote no screenshot:\n{done.stderr[-2000:]}")
    return console_messages(done.stderr)


def dump_dom(browser: str, page: Path) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and its console messages."""
    done = _run_browser(browser, page, "--dump-dom")
    return done.stdout, console_messages(done.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", nargs="?", type=Path, default=ROOT / "docs" / "report-screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args(argv)
    browser = find_chromium()
    if browser is None:
        print("no Chromium found: install it (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        done = render_content(page)
        if not page.is_file():
            print(f"medlint wrote no report:\n{done.stderr}", file=sys.stderr)
            return 2
        messages = screenshot(browser, page, args.png, args.width, args.height)
    for line in messages:
        print(f"console: {line}", file=sys.stderr)
    print(f"wrote {args.png}")
    return 1 if messages else 0


if __name__ == "__main__":
    raise SystemExit(main())
