"""Tests for bench/generate_corpus.py (the benchmark-corpus generator)."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "generate_corpus.py"


def _load():
    spec = importlib.util.spec_from_file_location("generate_corpus", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["generate_corpus"] = mod
    spec.loader.exec_module(mod)
    return mod


gc = _load()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _split(text: str) -> tuple[dict, str, int]:
    """(front matter, body, number of front-matter lines incl. both fences)."""
    assert text.startswith("---\n"), text[:40]
    end = text.index("\n---\n", 4)
    fm = yaml.safe_load(text[4:end])
    return fm, text[end + 5:], text[: end + 5].count("\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    manifest = gc.generate_corpus(str(out), articles=240, seed=3, words=1100, defect_rate=0.10, per_folder=50)
    return out, manifest


# ---------------------------------------------------------------- determinism

def test_same_arguments_give_identical_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        assert gc.main([str(d), "--articles", "60", "--seed", "1", "--words", "900"]) == 0
    ta, tb = _tree(a), _tree(b)
    assert ta.keys() == tb.keys()
    assert ta == tb


def test_cli_subprocess_matches_in_process_run(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    gc.main([str(a), "--articles", "12", "--seed", "5"])
    subprocess.run([sys.executable, str(SCRIPT), str(b), "--articles", "12", "--seed", "5"],
                   check=True, capture_output=True, env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert _tree(a) == _tree(b)


def test_different_seed_gives_different_corpus(tmp_path):
    gc.main([str(tmp_path / "a"), "--articles", "5", "--seed", "1"])
    gc.main([str(tmp_path / "b"), "--articles", "5", "--seed", "2"])
    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")


def test_article_i_does_not_depend_on_corpus_size(tmp_path):
    gc.main([str(tmp_path / "a"), "--articles", "3", "--seed", "9"])
    gc.main([str(tmp_path / "b"), "--articles", "7", "--seed", "9"])
    rel = "batch-0000/article-00002.md"
    assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


# ---------------------------------------------------------------- counts and layout

def test_counts_and_nested_folders(corpus):
    out, manifest = corpus
    files = sorted(out.rglob("*.md"))
    assert len(files) == 240 == len(manifest["files"])
    folders = {f.parent for f in files}
    assert len(folders) == 5  # 240 / 50, rounded up
    assert all(f.parent != out for f in files)
    assert all(len(list(d.glob("*.md"))) <= 50 for d in folders)
    assert (out / "manifest.json").is_file()


def test_per_folder_option(tmp_path):
    gc.main([str(tmp_path), "--articles", "25", "--per-folder", "10", "--seed", "1"])
    dirs = sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    assert dirs == ["batch-0000", "batch-0001", "batch-0002"]


def test_bad_arguments_exit_2(tmp_path):
    with pytest.raises(SystemExit) as e:
        gc.main([str(tmp_path), "--articles", "3", "--defect-rate", "1.5"])
    assert e.value.code == 2


# ---------------------------------------------------------------- front matter

def test_every_file_starts_with_valid_front_matter(corpus):
    out, _ = corpus
    for f in sorted(out.rglob("*.md")):
        text = f.read_text(encoding="utf-8")
        fm, body, _ = _split(text)
        assert isinstance(fm, dict), f
        for key in ("title", "author", "medically_reviewed_by", "last_reviewed"):
            assert fm.get(key), (f, key)
        assert isinstance(fm["last_reviewed"], dt.date)
        assert dt.date(2026, 3, 1) <= fm["last_reviewed"] <= dt.date(2026, 11, 1)
        assert isinstance(fm["tags"], list)
        assert "## References" in body and "## Medical disclaimer" in body


# ---------------------------------------------------------------- size

def _body_words(text: str) -> int:
    return len(text.split())


def test_size_close_to_target_words(corpus):
    out, _ = corpus
    counts = [_body_words(f.read_text(encoding="utf-8")) for f in out.rglob("*.md")]
    mean = sum(counts) / len(counts)
    assert abs(mean - 1100) / 1100 < 0.08, mean
    assert all(0.8 * 1100 <= c <= 1.2 * 1100 for c in counts), (min(counts), max(counts))


@pytest.mark.parametrize("target", [500, 2500])
def test_words_option(tmp_path, target):
    gc.main([str(tmp_path), "--articles", "20", "--seed", "4", "--words", str(target)])
    counts = [_body_words(f.read_text(encoding="utf-8")) for f in tmp_path.rglob("*.md")]
    mean = sum(counts) / len(counts)
    assert abs(mean - target) / target < 0.15, (target, mean)


# ---------------------------------------------------------------- structure and planted defects

MARKER = re.compile(r"\[(\^?[0-9][0-9,\s–-]*)\]")


def _expand(marker: str) -> set[str]:
    if marker.startswith("^"):
        return {marker}
    out: set[str] = set()
    for part in re.split(r"\s*,\s*", marker.strip()):
        ends = re.split(r"\s*[–-]\s*", part)
        out.update(str(n) for n in range(int(ends[0]), int(ends[-1]) + 1))
    return out


def _sections(body: str) -> tuple[str, str]:
    prose, _, rest = body.partition("\n## References\n")
    refs, _, _ = rest.partition("\n## Medical disclaimer\n")
    return prose, refs


def test_structure_every_article_has_lists_table_quotes_and_markers(corpus):
    out, _ = corpus
    for f in sorted(out.rglob("*.md"))[:60]:
        _, body, _ = _split(f.read_text(encoding="utf-8"))
        assert re.search(r"^## ", body, re.M)
        assert re.search(r"^- |^1\. ", body, re.M)
        assert re.search(r"^\|---", body, re.M), f
        assert MARKER.search(body)


def test_clean_articles_are_clean(corpus):
    """Heuristic mirror of the SPEC §8 rules: a clean article resolves and cites every
    reference, has no bare URL in prose, no uncited statistic, no stop advice and no
    absolute wording."""
    out, manifest = corpus
    clean = [f["path"] for f in manifest["files"] if not f["defects"]]
    assert len(clean) > 180
    for rel in clean:
        _, body, _ = _split((out / rel).read_text(encoding="utf-8"))
        prose, refs = _sections(body)
        entries = set(re.findall(r"^(\d+)\. ", refs, re.M))
        footdefs = {"^" + n for n in re.findall(r"^\[\^(\w+)\]:", body, re.M)}
        cited: set[str] = set()
        for m in MARKER.finditer(prose):
            cited |= _expand(m.group(1))
        assert cited <= entries | footdefs, (rel, cited - entries - footdefs)
        assert entries | footdefs <= cited, (rel, (entries | footdefs) - cited)
        assert not re.search(r"(?<![<(])https?://|www\.", prose), rel
        for para in prose.split("\n\n"):
            if re.search(r"\d%|studies show|research suggests|times more likely", para, re.I):
                assert MARKER.search(para), (rel, para)
        low = prose.lower()
        for bad in ("stop taking", "never causes", "cures", "miracle", "100% safe", "no side effects",
                    "guaranteed", "detox", "µg"):
            assert bad not in low, (rel, bad)


def test_defect_rate_and_kinds():
    m = {"files": []}
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        m = gc.generate_corpus(d, articles=1000, seed=1)
    n = sum(1 for f in m["files"] if f["defects"])
    assert 60 <= n <= 140, n  # ~10%
    kinds = {d["rule"] for f in m["files"] for d in f["defects"]}
    assert kinds == set(gc.DEFECTS)


def test_defect_rate_zero_and_one(tmp_path):
    m0 = gc.generate_corpus(str(tmp_path / "z"), articles=30, seed=2, defect_rate=0.0)
    m1 = gc.generate_corpus(str(tmp_path / "o"), articles=30, seed=2, defect_rate=1.0)
    assert not any(f["defects"] for f in m0["files"])
    assert all(len(f["defects"]) == 1 for f in m1["files"])


def test_manifest_positions_point_at_the_planted_text(tmp_path):
    m = gc.generate_corpus(str(tmp_path), articles=120, seed=11, defect_rate=1.0)
    seen = set()
    for f in m["files"]:
        lines = (tmp_path / f["path"]).read_text(encoding="utf-8").split("\n")
        for d in f["defects"]:
            seen.add(d["rule"])
            line = lines[d["line"] - 1]
            assert line[d["column"] - 1:].startswith(d["text"]), (f["path"], d)
            if "related" in d:
                r = d["related"]
                assert lines[r["line"] - 1][r["column"] - 1:].startswith(r["text"])
                assert r["line"] < d["line"]
            if d["rule"] == "dosage-unit" and d["text"] == "µg":
                body = "\n".join(lines)
                assert body.count("µg") == 1 and body.count(" mcg") >= 2
    assert seen == set(gc.DEFECTS)


# ---------------------------------------------------------------- big article

def test_big_article_size_and_determinism(tmp_path):
    p1 = Path(gc.generate_big_article(str(tmp_path / "a"), 0.5, seed=1))
    p2 = Path(gc.generate_big_article(str(tmp_path / "b"), 0.5, seed=1))
    data = p1.read_bytes()
    assert data == p2.read_bytes()
    target = int(0.5 * 1024 * 1024)
    assert target <= len(data) <= target + 64 * 1024
    fm, body, _ = _split(data.decode("utf-8"))
    assert fm["title"] and fm["medically_reviewed_by"]
    prose, refs = _sections(body)
    entries = set(re.findall(r"^(\d+)\. ", refs, re.M))
    cited: set[str] = set()
    for m in MARKER.finditer(prose):
        cited |= _expand(m.group(1))
    assert cited == entries
    assert prose.count("\n| ") > 2  # tables recur in a big article


def test_big_article_cli_writes_only_the_big_article(tmp_path):
    assert gc.main([str(tmp_path), "--big-article", "0.2", "--seed", "2"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["big-article.md"]
