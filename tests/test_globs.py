"""gitignore-like globs of include/exclude/per-file-ignores/overrides (config.py)."""

from __future__ import annotations

import pytest

from medlint.config import any_match, glob_match


@pytest.mark.parametrize("pattern, path, expected", [
    ("*.md", "a.md", True),
    ("*.md", "docs/deep/a.md", True),  # no "/" in the pattern: any name at any depth
    ("*.md", "a.mdx", False),
    ("drafts", "content/drafts/a.md", True),  # a folder name excludes what is under it
    ("drafts", "content/drafts-old/a.md", False),
    ("content/*.md", "content/a.md", True),
    ("content/*.md", "content/sub/a.md", False),
    ("content/**/*.md", "content/sub/deep/a.md", True),
    ("content/**/*.md", "content/a.md", True),
    ("**/*.md", "a.md", True),
    ("./content/*.md", "content/a.md", True),
    ("content/", "content/a.md", True),
    ("a?.md", "ab.md", True),
    ("a?.md", "a/b.md", False),
    ("EXPECTED.md", "content/EXPECTED.md", True),
    ("c+d.md", "c+d.md", True),  # regex characters are literal
    ("c+d.md", "cd.md", False),
])
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


@pytest.mark.parametrize("patterns, path, expected", [
    ((), "a.md", False),
    (("*.txt", "drafts"), "drafts/a.md", True),
    (("*.txt", "content/*.md"), "content/a.md", True),
    (("*.txt", "content/*.md"), "other/a.md", False),
    (["*.md"], "x/a.md", True),  # any iterable of patterns
])
def test_any_match_is_any_of_the_patterns(patterns, path, expected):
    assert any_match(patterns, path) is expected
    assert expected is any(glob_match(p, path) for p in patterns)
