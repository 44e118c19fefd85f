"""The compiled-regex table (medlint.regex_cache): a pattern rebuilt from it is the
pattern ``re`` compiles, and anything odd about the file means ``re`` compiles."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from medlint import regex_cache

PATTERNS = [
    (r"(?<![\w-])(?:(?P<self>stop\s+taking)|(?P<need>no\s+longer\s+need))(?![\w-])", re.IGNORECASE),
    (r"\b(\d+(?:\.\d+)?)\s*(mg|µg|mcg)\b", 0),
    (rb"^\xef\xbb\xbf?---$", re.MULTILINE),
    (r"(?x) a  # comment\n b", 0),
]


@pytest.fixture(autouse=True)
def writes_bytecode(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def table(path: Path) -> regex_cache._Table:
    t = regex_cache._Table(str(path), None)
    t.load()
    return t


def compile_all(t: regex_cache._Table) -> list[re.Pattern]:
    return [t.compile(p, f) for p, f in PATTERNS]


def same(a: re.Pattern, b: re.Pattern) -> bool:
    return a == b and a.groupindex == b.groupindex and a.groups == b.groups


def test_a_pattern_rebuilt_from_the_table_is_the_pattern_re_compiles(tmp_path: Path):
    path = tmp_path / "regex.bin"
    first = table(path)
    compile_all(first)
    assert len(first.new) == len(PATTERNS) and not first.used
    first.save()
    second = table(path)
    rebuilt = compile_all(second)
    assert not second.new and len(second.used) == len(PATTERNS)
    for (p, f), compiled in zip(PATTERNS, rebuilt):
        assert same(compiled, re._compiler.compile(p, f))
    assert rebuilt[0].search("Do not STOP  taking it").group("self") == "STOP  taking"


@pytest.mark.parametrize("content", [b"", b"garbage", marshal.dumps(("other python", {}, {})), marshal.dumps([1, 2])])
def test_an_unreadable_or_foreign_file_is_ignored(tmp_path: Path, content: bytes):
    path = tmp_path / "regex.bin"
    path.write_bytes(content)
    t = table(path)
    for (p, f), compiled in zip(PATTERNS, compile_all(t)):
        assert same(compiled, re._compiler.compile(p, f))
    assert len(t.new) == len(PATTERNS)


def test_an_entry_that_does_not_rebuild_is_compiled_by_re(tmp_path: Path):
    path = tmp_path / "regex.bin"
    first = table(path)
    compile_all(first)
    first.save()
    header, entries, derived = marshal.loads(path.read_bytes())
    key = (PATTERNS[1][0], PATTERNS[1][1])
    entries[key] = ("not", "an", "entry")
    path.write_bytes(marshal.dumps((header, entries, derived)))
    t = table(path)
    assert same(t.compile(*key), re._compiler.compile(*key))
    assert key in t.new and key not in t.used


def test_an_entry_is_written_only_when_it_rebuilds_the_same_pattern(tmp_path: Path, monkeypatch):
    wrong = regex_cache._entry("b", 0)
    monkeypatch.setattr(regex_cache, "_entry", lambda pattern, flags: wrong)
    path = tmp_path / "regex.bin"
    t = table(path)
    t.compile("a", 0)
    t.save()
    assert not path.exists()


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "regex.bin"
    t = table(path)
    compile_all(t)
    t.save()
    assert not path.exists()


def test_the_user_cache_folder_is_used_when_the_first_place_cannot_be_written(tmp_path: Path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    fallback = tmp_path / "user" / "regex.bin"
    t = regex_cache._Table(str(blocked / "regex.bin"), str(fallback))
    compile_all(t)
    t.save()
    assert fallback.exists()
    again = regex_cache._Table(str(blocked / "regex.bin"), str(fallback))
    again.load()
    compile_all(again)
    assert len(again.used) == len(PATTERNS)


def test_the_table_is_trimmed_to_the_patterns_in_use(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "regex.bin"
    first = table(path)
    compile_all(first)  # 4 > 3: the first save keeps what it can
    first.save()
    second = table(path)
    second.compile(*PATTERNS[0])
    second.compile("new", 0)
    second.save()
    _, entries, _ = marshal.loads(path.read_bytes())
    assert set(entries) == {PATTERNS[0], ("new", 0)}


INSTALLED = """
import re, sys
from medlint import regex_cache
regex_cache.locations = lambda: (sys.argv[1], None)
regex_cache.install()
compiled = re.compile(r"(?P<dose>\\d+)\\s*mg", re.IGNORECASE)
assert compiled.search("take 20 MG").group("dose") == "20"
print(len(regex_cache._table.used), len(regex_cache._table.new))
"""


def test_the_command_s_processes_share_the_table(tmp_path: Path):
    """install() in a real process: the first writes at exit, the second rebuilds."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MEDLINT_NO_REGEX_CACHE")}
    path = tmp_path / "regex.bin"
    runs = [subprocess.run([sys.executable, "-c", INSTALLED, str(path)], env=env, capture_output=True, text=True,
                           timeout=60) for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [["0", "1"], ["1", "0"]], [r.stderr for r in runs]


DERIVED = """
import re, sys
from medlint import regex_cache
regex_cache.locations = lambda: (sys.argv[1], None)
regex_cache.install()
from medlint.language import matches
calls = []
original = matches.scanning_source
def source(text, flags):
    calls.append(text)
    return original(text, flags)
matches.scanning_source = source
rx = matches.scanning_regex(r"\\b(?:cures?|heals?)\\b")
assert rx.search("It CURES all").group() == "CURES"
print(len(calls), rx.pattern)
"""


def test_derived_pattern_text_is_kept_between_runs(tmp_path: Path):
    """scanning_regex's look-ahead text is worked out once (parsing the lexicon regex),
    then read from the table: the second process neither parses nor compiles it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MEDLINT_NO_REGEX_CACHE")}
    path = tmp_path / "regex.bin"
    runs = [subprocess.run([sys.executable, "-c", DERIVED, str(path)], env=env, capture_output=True, text=True,
                           timeout=60) for _ in range(2)]
    out = [r.stdout.split() for r in runs]
    assert [o[0] for o in out] == ["1", "0"], [r.stderr for r in runs]
    assert out[0][1] == out[1][1] == r"(?=[ch])\b(?:cures?|heals?)\b"


def test_derived_is_computed_when_no_table_is_installed(monkeypatch):
    monkeypatch.setattr(regex_cache, "_table", None)
    assert regex_cache.derived("ns", "x", lambda: "y") == "y"
