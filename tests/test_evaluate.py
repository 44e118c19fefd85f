"""The corpus scorer (python -m medlint.evaluate): matching, counting, floors, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medlint.evaluate import Corpus, CorpusError, below_floor, load_corpus, score

DATA = Path(__file__).parent / "data" / "evaluate"


def _corpus(labels: dict[str, list[tuple[str, int]]], rules=("r1", "r2")) -> Corpus:
    articles = {Path(p): [{"rule": r, "line": n} for r, n in found] for p, found in labels.items()}
    return Corpus(Path("."), list(rules), "2026-11-25", {"r1": {"precision": 0.9, "recall": 0.9}}, articles)


def _finding(path: str, rule: str, line: int) -> dict[str, object]:
    return {"path": path, "rule": rule, "line": line, "message": f"{rule} here"}


@pytest.mark.parametrize("labels, findings, expected", [
    # (labelled, found, true positives) for r1
    ({"a.md": [("r1", 3)]}, [("a.md", "r1", 3)], (1, 1, 1)),
    ({"a.md": [("r1", 3)]}, [("a.md", "r1", 4)], (1, 1, 0)),  # wrong line: one miss, one wrong
    ({"a.md": [("r1", 3), ("r1", 3)]}, [("a.md", "r1", 3)], (2, 1, 1)),  # multiset: two labels need two findings
    ({"a.md": [("r1", 3)]}, [("a.md", "r1", 3), ("a.md", "r1", 3)], (1, 2, 1)),
    ({"a.md": []}, [("a.md", "other-rule", 3)], (0, 0, 0)),  # a rule the corpus does not score is ignored
    ({"a.md": []}, [("elsewhere.md", "r1", 3)], (0, 0, 0)),  # a file outside the corpus is ignored
])
def test_matching_is_per_article_rule_and_line(labels, findings, expected):
    s = score(_corpus(labels), [_finding(*f) for f in findings])[0]
    assert (s.labelled, s.found, s.true_positives) == expected
    assert len(s.missed) == s.labelled - s.true_positives
    assert len(s.wrong) == s.found - s.true_positives


def test_a_miss_on_a_line_with_several_labels_names_them_all():
    """Regression: --details printed the first label's note for every miss on a line,
    which named a sentence the rule had found as the one it missed."""
    articles = {Path("a.md"): [{"rule": "r1", "line": 3, "note": "first"}, {"rule": "r1", "line": 3, "note": "second"},
                               {"rule": "r1", "line": 5, "note": "alone"}]}
    corpus = Corpus(Path("."), ["r1"], "2026-11-25", {}, articles)
    s = score(corpus, [_finding("a.md", "r1", 3)])[0]
    assert s.missed == [("a.md", 3, "1 of these 2 on the line: first | second"), ("a.md", 5, "alone")]


def test_precision_and_recall_and_floors():
    corpus = _corpus({"a.md": [("r1", 1), ("r1", 2), ("r1", 3), ("r1", 4)]})
    scores = score(corpus, [_finding("a.md", "r1", n) for n in (1, 2, 3, 9)])
    r1, r2 = scores
    assert (r1.precision, r1.recall) == (0.75, 0.75)
    assert (r2.precision, r2.recall) == (1.0, 1.0)  # nothing labelled, nothing found
    assert below_floor(corpus, scores) == ["r1: precision 0.750 is below the floor 0.90",
                                           "r1: recall 0.750 is below the floor 0.90"]


def test_bad_corpora_are_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match="corpus.yaml: missing"):
        load_corpus(tmp_path)
    (tmp_path / "corpus.yaml").write_text("rules: []\n")
    with pytest.raises(CorpusError, match="non-empty list"):
        load_corpus(tmp_path)
    (tmp_path / "corpus.yaml").write_text("rules: [link-bare]\n")
    with pytest.raises(CorpusError, match="no `\\*.expected.yaml` label files"):
        load_corpus(tmp_path)
    (tmp_path / "x.expected.yaml").write_text("findings: []\n")
    with pytest.raises(CorpusError, match="no article x.md or x.mdx beside it"):
        load_corpus(tmp_path)
    (tmp_path / "x.md").write_text("# X\n")
    (tmp_path / "x.expected.yaml").write_text("findings: [{rule: link-bare}]\n")
    with pytest.raises(CorpusError, match=r"findings\[0\] needs a `rule` \(name\) and a `line` \(number\)"):
        load_corpus(tmp_path)


def test_the_command_scores_a_corpus_end_to_end():
    done = subprocess.run([sys.executable, "-m", "medlint.evaluate", str(DATA), "--format", "json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [report] = json.loads(done.stdout)
    assert report["articles"] == 2
    [rule] = report["rules"]
    # Lines 6 and 10 (twice) have bare URLs; line 8 is labelled but has none.
    assert (rule["labelled"], rule["found"], rule["true_positives"]) == (3, 3, 2)
    assert [m["line"] for m in rule["missed"]] == [8]
    assert [w["line"] for w in rule["wrong"]] == [10]


def test_the_command_fails_below_a_floor(tmp_path):
    (tmp_path / "corpus.yaml").write_text("rules: [link-bare]\nfloors: {link-bare: {recall: 1.0}}\n")
    (tmp_path / "a.md").write_text("# A\n\nNo links.\n")
    (tmp_path / "a.expected.yaml").write_text("findings: [{rule: link-bare, line: 3}]\n")
    done = subprocess.run([sys.executable, "-m", "medlint.evaluate", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "link-bare: recall 0.000 is below the floor 1.00" in done.stderr
    assert "link-bare" in done.stdout and "0.000" in done.stdout


def test_a_corpus_that_cannot_be_scored_exits_2_not_1(tmp_path):
    """Exit 1 means "below a floor": a folder with no corpus.yaml is an error, 2."""
    done = subprocess.run([sys.executable, "-m", "medlint.evaluate", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert f"{tmp_path / 'corpus.yaml'}: missing" in done.stderr
