"""--jobs, the result cache and --shard: same findings, less work."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main
from medlint.runner import RunOptions, Session, shard

ARTICLE = "# A{n}\n\nClaim [{m}]. See https://example.org/{n} now.\n\n## References\n\n1. Smith J. Title.\n"


def make_tree(root: Path, count: int = 24) -> None:
    for n in range(count):
        folder = root / f"d{n % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{n:02}.md").write_text(ARTICLE.format(n=n, m=n % 3) * (1 + n % 4), encoding="utf-8")


def run_json(args, cwd):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.stdout)  # a --shard warning may go to stderr


def test_parallel_output_equals_serial(tmp_path):
    make_tree(tmp_path)
    serial = run_json(["check", ".", "--format", "json", "-j", "1", "--no-cache", "--isolated"], tmp_path)
    parallel = run_json(["check", ".", "--format", "json", "-j", "2", "--no-cache", "--isolated"], tmp_path)
    assert serial == parallel
    assert len({d["path"] for d in serial}) == 24


def test_cache_hits_and_invalidation(tmp_path):
    make_tree(tmp_path, 6)
    cache = tmp_path / "cache"
    options = RunOptions(isolated=True, cache_dir=cache)
    first = Session(options)
    targets = first.discover([str(tmp_path / "d0"), str(tmp_path / "d1")])
    cold = [first.lint_target(t).diagnostics for t in targets]
    assert (first.cache.hits, first.cache.misses) == (0, 4)
    warm_session = Session(options)
    warm = [warm_session.lint_target(t).diagnostics for t in targets]
    assert (warm_session.cache.hits, warm_session.cache.misses) == (4, 0)
    assert [[d.to_dict() for d in ds] for ds in warm] == [[d.to_dict() for d in ds] for ds in cold]
    # editing one file re-lints one file
    Path(targets[0].real).write_text("# changed\n", encoding="utf-8")
    third = Session(options)
    for t in targets:
        third.lint_target(t)
    assert (third.cache.hits, third.cache.misses) == (3, 1)
    # another --today reuses a result that reads no date (tests/test_cache_dates.py)
    other_day = Session(RunOptions(isolated=True, cache_dir=cache, today=options.today.replace(year=2020)))
    other_day.lint_target(targets[1])
    assert (other_day.cache.hits, other_day.cache.misses) == (1, 0)


def test_corrupt_cache_entries_are_rebuilt(tmp_path):
    make_tree(tmp_path, 3)
    cache = tmp_path / "cache"
    options = RunOptions(isolated=True, cache_dir=cache)
    session = Session(options)
    targets = session.discover([str(tmp_path)])
    expected = [session.lint_target(t).diagnostics for t in targets]
    for entry in cache.rglob("*.json"):
        entry.write_text('{"format": 999, "diagnostics": "garbage"}', encoding="utf-8")
    again = Session(options)
    got = [again.lint_target(t).diagnostics for t in targets]
    assert again.cache.hits == 0
    assert [[d.to_dict() for d in ds] for ds in got] == [[d.to_dict() for d in ds] for ds in expected]
    final = Session(options)
    for t in targets:
        final.lint_target(t)
    assert final.cache.hits == len(targets)


def test_shards_partition_the_files_deterministically(tmp_path):
    make_tree(tmp_path)
    session = Session(RunOptions(isolated=True))
    targets = session.discover([str(tmp_path)])
    parts = [shard(targets, k, 4) for k in range(1, 5)]
    names = [t.display for part in parts for t in part]
    assert sorted(names) == sorted(t.display for t in targets)
    assert len(set(names)) == len(names)
    assert [[t.display for t in p] for p in parts] == [[t.display for t in shard(targets, k, 4)] for k in range(1, 5)]
    sizes = [sum(os.path.getsize(t.real) for t in p) for p in parts]
    assert max(sizes) - min(sizes) <= max(os.path.getsize(t.real) for t in targets)


def test_shard_option_via_cli(tmp_path):
    make_tree(tmp_path, 8)
    all_paths = {d["path"] for d in run_json(["check", ".", "--format", "json", "--isolated"], tmp_path)}
    got = set()
    for k in (1, 2):
        got |= {d["path"] for d in run_json(["check", ".", "--format", "json", "--isolated", "--shard", f"{k}/2"],
                                            tmp_path)}
    assert got == all_paths


def test_forked_workers_reuse_the_parent_session(monkeypatch):
    """Workers forked by --jobs take the parent's session (config, rules and compiled
    lexicons already loaded); a worker started any other way builds its own."""
    import medlint.runner as runner

    options = RunOptions(isolated=True)
    parent = Session(options)
    monkeypatch.setattr(runner, "_PARENT", parent)
    monkeypatch.setattr(runner, "_WORKER", None)  # restored after the test
    runner._init_worker(options)
    assert runner._WORKER is parent
    runner._init_worker(RunOptions(isolated=True))  # e.g. unpickled under "spawn"
    assert runner._WORKER is not parent and isinstance(runner._WORKER, Session)
