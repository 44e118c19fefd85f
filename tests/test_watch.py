"""`medlint check --watch` in a real subprocess: the first report, a re-lint after a
file changes, and Ctrl-C (SIGINT) ending it with exit code 0."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

WAIT = 60.0  # seconds; only so that a broken watcher fails instead of hanging

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="POSIX signals")


class Output:
    """The subprocess's standard output, line by line, read on a thread."""

    def __init__(self, stream):  # type: ignore[no-untyped-def]
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            self.lines.put(line)

    def until(self, predicate, wait: float = WAIT) -> list[str]:  # type: ignore[no-untyped-def]
        """Lines up to (and with) the first one ``predicate`` accepts."""
        got: list[str] = []
        deadline = time.monotonic() + wait
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"gave up waiting; output so far: {self.seen}") from None
            got.append(line)
            self.seen.append(line)
            if predicate(line):
                return got


def test_watch_relints_changed_files_and_exits_0_on_ctrl_c(tmp_path: Path):
    (tmp_path / "medlint.toml").write_text('select = ["link-bare", "absolute-claim"]\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("# A\n\nSee https://example.org/a now.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\nNothing to see.\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "medlint", "check", "--watch", "--no-color", "."],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        out = Output(process.stdout)
        first = out.until(lambda line: line.startswith("Watching for changes"))
        assert any(line.startswith("a.md:3:5: warning link-bare (ML305)") for line in first)
        assert "Found 1 problem (1 warning) in 1 of 2 files.\n" in "".join(first).replace(" 1 fixable with --fix.", "")

        # The watcher starts after the first report: write until it sees the change.
        deadline = time.monotonic() + WAIT
        while True:
            article.write_text("# A\n\nSee <https://example.org/a> now. This pill cures everything.\n",
                               encoding="utf-8")
            try:
                second = out.until(lambda line: line.startswith("Watching for changes"), wait=3.0)
                break
            except TimeoutError:
                assert time.monotonic() < deadline, f"no re-lint; output so far: {out.seen}"
        text = "".join(second)
        assert "link-bare" not in text
        assert "a.md:3:" in text and "absolute-claim (ML404)" in text
        assert "in 1 of 2 files." in text

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_watch_survives_a_config_error_and_relints_only_what_changed(tmp_path: Path, monkeypatch):
    """In process, with watchfiles' change stream replaced by a script of changes."""
    import watchfiles

    from medlint.live import Project
    from medlint.watch import watch

    monkeypatch.chdir(tmp_path)
    config = tmp_path / "medlint.toml"
    config.write_text('colour = "red"\n', encoding="utf-8")
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("# A\n\nSee https://example.org/a now.\n", encoding="utf-8")
    b.write_text("# B\n\nSee https://example.org/b now.\n", encoding="utf-8")
    project = Project()
    linted: list[str] = []
    real_lint = project.lint_target
    monkeypatch.setattr(project, "lint_target", lambda target: linted.append(target.display) or real_lint(target))

    def script(*roots, **kwargs):  # type: ignore[no-untyped-def]
        assert roots == (str(tmp_path),)
        config.write_text('select = ["link-bare"]\n', encoding="utf-8")
        yield {(watchfiles.Change.modified, str(config))}
        a.write_text("# A\n\nSee <https://example.org/a> now.\n", encoding="utf-8")
        linted.clear()
        yield {(watchfiles.Change.modified, str(a))}
        raise KeyboardInterrupt

    monkeypatch.setattr(watchfiles, "watch", script)
    screens: list[str] = []
    written: list[str] = []

    def render(results, found, nfiles):  # type: ignore[no-untyped-def]
        return "".join(f"{d.path}:{d.line}:{d.column} {d.rule}\n" for d in found) + f"{len(found)} in {nfiles}\n"

    code = watch((), project, render, write=written.append, clear=lambda: screens.append("".join(written)))
    assert code == 0
    screens.append("".join(written))
    first, after_config, after_edit = (screens[i + 1][len(screens[i]):] for i in range(3))
    assert first.startswith("medlint: error: ") and "unknown key `colour`" in first
    assert after_config.startswith("a.md:3:5 link-bare\nb.md:3:5 link-bare\n2 in 2\n")
    assert after_edit.startswith("b.md:3:5 link-bare\n1 in 2\n")
    assert linted == ["a.md"], "only the changed article is linted again"
