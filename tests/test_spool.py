"""reporters.spool / binary_spool: in memory while small, on disk past ROLL, the same
content either way (what the streamed reports and the held results rely on)."""

from __future__ import annotations

import pickle

import pytest

from medlint.reporters import _Spool, binary_spool, copy, spool


@pytest.fixture
def small_roll(monkeypatch):
    monkeypatch.setattr(_Spool, "ROLL", 64)


def test_text_spool_keeps_every_character_across_the_roll(small_roll):
    import io

    s = spool()
    pieces = ["caf\u00e9 \ud800 lone surrogate\r\n", "x" * 100, "\u2028end"]
    for piece in pieces[:2]:
        s.write(piece)
    assert s._on_disk  # rolled to a temporary file past 64 characters
    s.writelines([pieces[2]])
    out = io.StringIO()
    copy(s, out)
    assert out.getvalue() == "".join(pieces)


def test_small_spools_stay_in_memory():
    s = spool()
    s.write("short")
    assert not s._on_disk


def test_binary_spool_offsets_and_pickles_survive_the_roll(small_roll):
    s = binary_spool()
    first = s.tell()
    s.write(b"a" * 10)
    second = s.tell()
    records = [{"n": i, "text": "t" * i} for i in range(20)]
    for r in records:
        pickle.dump(r, s)
    assert s._on_disk
    s.seek(first)
    assert s.read(10) == b"a" * 10
    s.seek(second)
    assert [pickle.load(s) for _ in records] == records


def test_no_temporary_file_means_memory(small_roll, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    s = binary_spool()
    s.write(b"x" * 200)
    s.write(b"y")
    s.seek(0)
    assert s.read() == b"x" * 200 + b"y"
