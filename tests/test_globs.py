"""gitignore-like globs of include/exclude/per-file-ignores/overrides (config.py)."""

from __future__ import annotations

from pathlib import Path

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


# -- issue #15 item 17: the syntax of .gitignore, through pathspec -----------------------
@pytest.mark.parametrize("pattern, path, expected", [
    ("[ab].md", "a.md", True),
    ("[ab].md", "c.md", False),
    ("[!a]x.md", "bx.md", True),
    ("[!a]x.md", "ax.md", False),
    ("\\*.md", "*.md", True),  # an escaped star is a star
    ("\\*.md", "a.md", False),
    ("build/", "build/a.md", True),  # a trailing "/": folders only
    ("build/", "build", False),
    ("/top.md", "top.md", True),  # a leading "/": the config's folder only
    ("/top.md", "sub/top.md", False),
    ("content/**/*.md", "sub/content/a.md", False),  # a "/" inside: taken from the config's folder
])
def test_glob_syntax_is_gits(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_negation_reincludes():
    assert any_match(["drafts/*", "!drafts/keep.md"], "drafts/wip.md")
    assert not any_match(["drafts/*", "!drafts/keep.md"], "drafts/keep.md")


def test_config_path_keys_expand_as_include_does(tmp_path):
    """claims, plugins and rule-dirs globs follow the same rules as include."""
    from medlint.config import Config

    for name in ("claims/a.yaml", "claims/b.yaml", "claims/deep/c.yaml", "claims/x.yml", "other/a.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    config = Config(tmp_path / "medlint.toml", tmp_path, {
        "claims": ["claims/[!b].yaml"], "rule-dirs": ["claims/**/*.yaml"], "plugins": ["*.yml", "claims/d*"]})
    rel = lambda key: [p.relative_to(tmp_path).as_posix() for p in config.paths(key)]  # noqa: E731
    assert rel("claims") == ["claims/a.yaml"]
    assert rel("rule-dirs") == ["claims/a.yaml", "claims/b.yaml", "claims/deep/c.yaml"]
    assert rel("plugins") == ["claims/x.yml", "claims/deep"]


def test_many_double_stars_do_not_backtrack(tmp_path):
    """Issue #19 item 19: twelve `**/` in an include glob once took over 120 s on a
    deep tree (the regex backtracked exponentially); the match now grows linearly
    with the depth of the path."""
    from scaling import assert_linear

    pattern = "**/" * 12 + "*.md"

    def make(depth):
        path = "/".join(["d"] * depth) + "/x.txt"
        return lambda: [any_match((pattern,), path) for _ in range(200)]

    assert_linear(make, 20, 200)
    deep = tmp_path.joinpath(*["d"] * 30)
    deep.mkdir(parents=True)
    (deep / "a.md").write_text("# A\n", encoding="utf-8")
    (deep / "b.txt").write_text("x", encoding="utf-8")
    from medlint.runner import RunOptions, Session

    (tmp_path / "medlint.toml").write_text(f'include = ["{pattern}"]\n', encoding="utf-8")
    targets = Session(RunOptions()).discover([str(tmp_path)])
    assert [Path(t.real).name for t in targets] == ["a.md"]


def test_config_path_keys_may_climb_out_of_the_config_folder(tmp_path):
    from medlint.config import Config

    for name in ("shared/a.yaml", "shared/deep/b.yaml", "project/x.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    config = Config(tmp_path / "project" / "medlint.toml", tmp_path / "project",
                    {"claims": ["../shared/*.yaml"], "plugins": ["../shared/**/*.yaml"], "rule-dirs": ["*.yaml"]})
    rel = lambda key: [p.resolve().relative_to(tmp_path).as_posix() for p in config.paths(key)]  # noqa: E731
    assert rel("claims") == ["shared/a.yaml"]
    assert rel("plugins") == ["shared/a.yaml", "shared/deep/b.yaml"]
    assert rel("rule-dirs") == ["project/x.yaml"]
