"""The cheap per-paragraph tests the health rules run before reading a paragraph's
sentences: each must be exact, i.e. when it rules a paragraph out, the analyser finds
nothing in any sentence cut from that paragraph."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.language import absolute, evidence

SCREENS = [
    # (may_hold, find): the paragraph test and the per-sentence analyser it stands for
    (absolute.may_hold_absolute_claims, absolute.find_absolute_claims),
    (evidence.may_hold_evidence_claims, evidence.find_evidence_claims),
]

PARAGRAPHS = [
    # paragraph, whether the absolute-claim screen lets it through, the evidence screen
    ("Drink water. Rest well.", False, False),
    ("This tea cures colds. Drink it hot.", True, False),
    ("Studies show it works. Drink it hot.", False, True),
    ("It is 100% SAFE.", True, True),  # "100" and "%": both lexicons' triggers
    ("STUDIES SHOW IT.", False, True),  # triggers are found whatever the case
    ("ΣΟΦΙΑ ΚΑΙ ΥΓΕΙΑ.", True, True),  # a capital sigma: never ruled out (its lower case depends on context)
    ("", False, False),
]


@pytest.mark.parametrize("paragraph, absolute_through, evidence_through", PARAGRAPHS)
def test_which_paragraphs_get_through(paragraph, absolute_through, evidence_through):
    assert absolute.may_hold_absolute_claims(paragraph) is absolute_through
    assert evidence.may_hold_evidence_claims(paragraph) is evidence_through


SENTENCES = [
    "This tea cures colds.", "Studies show that 40% of adults sleep badly.", "It is 100% safe.",
    "One in five people never notice.", "Doctors say it works every time.", "Drink water.",
    "İt cures İnsomnia.", "No side effects at all.", "KELVIN \u212a cures?",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), st.integers(0, 60), st.integers(0, 60))
def test_a_ruled_out_paragraph_has_no_finding_in_any_piece(sentences, i, j):
    paragraph = " ".join(sentences)
    piece = paragraph[min(i, j):max(i, j) + 1]
    for may_hold, find in SCREENS:
        if not may_hold(paragraph):
            assert find(piece) == []
            assert find(paragraph) == []
