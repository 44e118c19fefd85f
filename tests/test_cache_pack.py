"""The pack of a run's cache entries (``cache.Pack``): one file read instead of one
per article, the same results as the entry files, and never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint import cache as cache_module
from medlint.runner import RunOptions, Session

ARTICLE = "# A{n}\n\nIron tablets can cause constipation [{n}].\n\n## References\n\n1. Smith J. Title {n}.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for n in range(6):
        (tmp_path / f"a{n}.md").write_text(ARTICLE.format(n=n) * (1 + n % 3), encoding="utf-8")
    return tmp_path


class Run:
    """One lint_many over the tree's files, counting entry files read."""

    def __init__(self, tree: Path, monkeypatch, **options):
        self.session = Session(RunOptions(isolated=True, cache_dir=tree / "cache", **options))
        self.files_read = 0
        load = cache_module.Cache._load

        def counting(cache, key):
            self.files_read += 1
            return load(cache, key)

        monkeypatch.setattr(cache_module.Cache, "_load", counting)
        targets = self.session.discover([str(tree)])
        self.findings = [[d.to_dict() for d in r.diagnostics] for r in self.session.lint_many(targets, None, 1)]
        monkeypatch.setattr(cache_module.Cache, "_load", load)
        self.hits, self.misses = self.session.cache.hits, self.session.cache.misses


def packs(tree: Path) -> list[Path]:
    return sorted((tree / "cache" / "packs").glob("*.pack"))


def test_a_warm_run_reads_the_pack_not_the_entry_files(tree, monkeypatch):
    cold = Run(tree, monkeypatch)
    assert cold.hits == 0 and len(packs(tree)) == 1  # the files' places, no entry yet
    second = Run(tree, monkeypatch)  # from the entry files; writes the pack
    assert (second.hits, second.files_read) == (6, 6) and len(packs(tree)) == 1
    third = Run(tree, monkeypatch)
    assert (third.hits, third.misses, third.files_read) == (6, 0, 0)
    assert third.findings == second.findings == cold.findings


def test_an_edited_file_is_relinted_and_the_others_still_come_from_the_pack(tree, monkeypatch):
    Run(tree, monkeypatch)
    expected = Run(tree, monkeypatch).findings
    (tree / "a2.md").write_text("# Changed\n", encoding="utf-8")
    edited = Run(tree, monkeypatch)
    # a2's old line is dropped; a3 finds its own. The miss is looked up twice, once
    # here and once by lint_target, which lints it.
    assert (edited.hits, edited.files_read) == (5, 2)
    assert edited.findings[:2] == expected[:2] and edited.findings[3:] == expected[3:]
    again = Run(tree, monkeypatch)  # the relinted file kept its place: its entry joins the pack
    assert (again.hits, again.files_read) == (6, 1)
    assert (Run(tree, monkeypatch).files_read) == 0


@pytest.mark.parametrize("damage", [
    lambda lines: lines[:2] + [b"garbage\n"] + lines[3:],
    lambda lines: lines[:2] + [lines[2].replace(b'"diagnostics": [', b'"diagnostics": [7, ')] + lines[3:],
    lambda lines: lines[:3] + [lines[3][:40]],  # cut short
    lambda lines: [lines[1], lines[0], *lines[2:]],
    lambda lines: [b"\xff\xfe\x00\n"],
])
def test_a_damaged_pack_is_not_trusted_and_is_rewritten(tree, monkeypatch, damage):
    Run(tree, monkeypatch)
    expected = Run(tree, monkeypatch).findings
    [pack] = packs(tree)
    pack.write_bytes(b"".join(damage(pack.read_bytes().splitlines(keepends=True))))
    damaged = Run(tree, monkeypatch)
    assert damaged.findings == expected and (damaged.hits, damaged.misses) == (6, 0)
    assert damaged.files_read > 0
    assert Run(tree, monkeypatch).files_read == 0


def test_a_removed_file_leaves_the_pack(tree, monkeypatch):
    Run(tree, monkeypatch)
    Run(tree, monkeypatch)
    (tree / "a5.md").unlink()
    fewer = Run(tree, monkeypatch)  # another list of files: another pack
    assert fewer.hits == 5
    assert Run(tree, monkeypatch).files_read == 0
