"""Every labelled corpus with floors in its corpus.yaml keeps its figures: precision and
recall per rule from ``python -m medlint.evaluate`` stay at or above the floors (issue #13
part 7: the figures must not drop)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from medlint.evaluate import below_floor, evaluate

CORPORA = Path(__file__).parent / "corpus"


def _with_floors() -> list[Path]:
    out = []
    for config in sorted(CORPORA.glob("*/corpus.yaml")):
        if (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("floors"):
            out.append(config.parent)
    return out


@pytest.mark.parametrize("root", _with_floors(), ids=lambda p: p.name)
def test_corpus_figures_stay_above_their_floors(root):
    corpus, scores = evaluate(root)
    assert set(corpus.floors) <= {s.rule for s in scores}
    assert below_floor(corpus, scores) == []
