"""Sentence splitting: the single-letter traps (SPEC §12 "Sentences") and properties.

Each trap: text in, the sentences out. A letter before a full stop ends a sentence
after a word that names things by letter ("vitamin C.", "Plan B.") or before a word
that starts sentences; it is an initial in names ("J. Smith", "Smith J.").
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from medlint.language.sentences import split

TRAPS = [
    # a letter that names something ends the sentence
    ("Eat foods rich in vitamin C. Stop taking your statin.",
     ["Eat foods rich in vitamin C.", "Stop taking your statin."]),
    ("You may have hepatitis B. Talk to a doctor.", ["You may have hepatitis B.", "Talk to a doctor."]),
    ("Use Plan B. It works best within 72 hours.", ["Use Plan B.", "It works best within 72 hours."]),
    ("See Appendix A. The table lists doses.", ["See Appendix A.", "The table lists doses."]),
    ("Get enough vitamin D. Sunlight helps.", ["Get enough vitamin D.", "Sunlight helps."]),
    ("Vitamin K. Leafy greens are rich in it.", ["Vitamin K.", "Leafy greens are rich in it."]),
    ("It is a type A. Most people are.", ["It is a type A.", "Most people are."]),
    ("Vaccines protect against hepatitis A. Ask your GP.", ["Vaccines protect against hepatitis A.", "Ask your GP."]),
    ("This is phase B. Results follow.", ["This is phase B.", "Results follow."]),
    ("Take a vitamin B. A small dose is enough.", ["Take a vitamin B.", "A small dose is enough."]),
    ("Plan B. Emergency contraception is sold in pharmacies.",
     ["Plan B.", "Emergency contraception is sold in pharmacies."]),
    # a letter before a word that starts sentences ends the sentence
    ("Neither do I. Then we left.", ["Neither do I.", "Then we left."]),
    ("Take B. Then rest.", ["Take B.", "Then rest."]),
    ("Rich in E. Stop taking the capsules.", ["Rich in E.", "Stop taking the capsules."]),
    ("Ends with X. \"The\" starts the next.", ["Ends with X.", "\"The\" starts the next."]),
    ("Ends in vitamin C.", ["Ends in vitamin C."]),
    # real initials stay inside the sentence
    ("J. Smith wrote it. Fine.", ["J. Smith wrote it.", "Fine."]),
    ("Smith J. Title of the paper. Journal.", ["Smith J. Title of the paper.", "Journal."]),
    ("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."]),
    ("Ask Dr. A. Patel about it.", ["Ask Dr. A. Patel about it."]),
    ("Smith J, Lee K. The effect of vitamin D. Lancet.", ["Smith J, Lee K. The effect of vitamin D.", "Lancet."]),
    ("According to A. Jones, it helps.", ["According to A. Jones, it helps."]),
    ("Prof. B. Okafor led the trial.", ["Prof. B. Okafor led the trial."]),
    ("Written by M. K. Gandhi.", ["Written by M. K. Gandhi."]),
    ("We met T. Nguyen. She was kind.", ["We met T. Nguyen.", "She was kind."]),
    # neighbours of the trap that must not move
    ("Group A strep is common.", ["Group A strep is common."]),
    ("Vitamin B12. Take it daily.", ["Vitamin B12.", "Take it daily."]),
    ("vitamin C. lower case continues", ["vitamin C. lower case continues"]),
    ("Take it at 8 a.m. Daily.", ["Take it at 8 a.m. Daily."]),
    ("In the U.S. The rules differ.", ["In the U.S. The rules differ."]),
    # a citation marker belongs to the sentence before it after any white space
    # (regression: a soft line break or two spaces split it off, found by the
    # stability property below)
    ("It helps.\n[1] Take it daily.", ["It helps.\n[1]", "Take it daily."]),
    ("It helps.  [2] Take it daily.", ["It helps.  [2]", "Take it daily."]),
]


@pytest.mark.parametrize("text, sentences", TRAPS, ids=[t[0][:40] for t in TRAPS])
def test_single_letter_traps(text, sentences):
    assert [text[s:e] for s, e in split(text)] == sentences


_PIECES = st.sampled_from([
    "vitamin", "hepatitis", "Plan", "J", "R", "Smith", "Dr", "Stop", "The", "taking", "it", "A", "B", "C",
    "I", "e.g", "U.S", "2.5", "[1]", ".", ". ", "? ", "! ", " ", "  ", "\n", "\t", "\u00a0", "\u201d", ")",
    "\"", "x", "mg",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_sentences_cover_the_text_without_empty_ones(text):
    spans = split(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)  # no empty sentence
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # in order, no overlap
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(text.split()) == "".join(covered.split())  # every non-space character


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
@example("x. I\n. Stop")  # found by this test: an initial after an initial
@example(".  [1]")  # found by this test: a citation after two spaces
def test_splitting_is_stable(text):
    """Splitting the sentences joined again gives the same sentences.

    (Splitting one sentence on its own is not required to give it back: whether a
    single letter is an initial depends on the word before it — "x. I. Stop" keeps
    "I." inside the sentence after another initial, while "I. Stop" alone ends at it —
    and a sentence on its own has lost that word.)"""
    sentences = [text[s:e] for s, e in split(text)]
    joined = " ".join(sentences)
    assert [joined[s:e] for s, e in split(joined)] == sentences
