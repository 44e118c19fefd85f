"""Sentence splitting for prose, with offsets.

A rule-based splitter tuned for health writing: it does not split after common
abbreviations (Dr., e.g., i.e., vs., et al., U.S.), initials, or decimals, and it
keeps citation markers that follow the end punctuation ("... cramps.[2] Next")
with the sentence they cite.

A single letter before a full stop is the hard case (SPEC §12 "Sentences"): it ends
the sentence after a word that names things by letter ("vitamin C.", "hepatitis B.",
"Plan B.", "Appendix A.", "type A."), or when the next word is one that starts
sentences ("The", "Stop", "If", ...). It is an initial after a title or another
initial ("Dr. A. Patel", "J. R. R. Tolkien"), after a name ("Smith J.", "Lee K. The
effect of ...") and before a name ("J. Smith").
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms prof st sr jr vs etc approx no nos fig figs al eg ie e.g i.e cf ca
    inc ltd co corp dept univ vol pp ed eds jan feb mar apr jun jul aug sep sept oct nov dec
    mt ft u.s u.k u.s.a a.m p.m min max est incl
    """.split()
)

# End punctuation, closing quotes/brackets, then optional citation markers. A
# marker after any run of white space (a soft line break, two spaces) belongs to the
# sentence it follows, as one after a single space does.
_BOUNDARY = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]]*"
    r"(?:\s*(?:\[\^?[\w ,\u2013\u2014-]{1,30}\]|<sup>[\d, \u2013-]{1,20}</sup>))*"
    r"(?=\s|$)"
    r"(?=\s*(\S)?)"  # the first character of what follows (group 1), if any
)
_NEXT_WORD = re.compile(r"\s*[\"'\u201c\u2018(\[*_]*([^\W\d_][\w'\u2019-]*)(\.?)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'\u2019]*)(\.?)\s+$")

# Words that name things by a letter: "vitamin C.", "Plan B." end a sentence.
_LETTER_NAMES = frozenset(
    """
    vitamin vitamins hepatitis hep plan appendix annex exhibit type types group class grade stage
    phase part section table figure fig option schedule step level category list factor influenza
    flu strep zone tier size cup letter unit ward wing block row column point item model series
    chapter box panel form question
    """.split()
)
# Titles before an initial ("Dr. A. Patel").
_TITLES = frozenset("dr mr mrs ms prof st sr jr rev sir dame".split())
# Words that start sentences: a capitalised one after "X." makes the full stop an end.
_STARTERS = frozenset(
    """
    the a an this that these those it its it's they there their them we you your he she his her i
    if when while but and so or nor yet in on at for to of with as by from after before during
    about over under into most many some all any each every no not never always also however then
    now here what why how who which where do don't does doesn't did is are was were be can can't
    could should would will won't may might must one two three four five our my studies study
    research people doctors patients children adults women men stop take ask talk call eat avoid
    try keep see use check make get go read skip drink start tell find give let look speak seek
    choose add cut reduce limit consider discuss follow store wash apply please note remember
    even only just both such other more less too yes because although though since unless until
    once instead overall finally first second third next again still often sometimes usually
    experts scientists researchers evidence taking using eating there's here's that's what's
    """.split()
)


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    for m in _BOUNDARY.finditer(text):
        after = m.group(1)
        if after is not None and after.islower():
            continue  # "e.g. the", "vitamin C. lower case continues"
        punct = m.start()
        if text[punct] == "." and not _full_stop_ends(text, punct, m.end()):
            continue
        # A boundary ends with its punctuation (never white space) and the next
        # sentence starts at the first character after it: nothing to trim.
        spans.append((start, m.end()))
        start = m.start(1) if after is not None else len(text)
    end = len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
    return spans


def _full_stop_ends(text: str, punct: int, end: int) -> bool:
    """Whether the full stop at ``punct`` ends a sentence: the word (letters, digits,
    _ and dots, at most 48 characters back) before it is neither an abbreviation
    ("Dr.", "e.g.") nor an initial ("J. Smith")."""
    lo = max(0, punct - 48)
    stop = punct - 1 if punct > lo and text[punct - 1] == "\n" else punct
    i = stop
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    if i < stop:
        word = text[i:stop].lower().strip(".")
        if word in _ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isalpha():
            return _letter_ends_sentence(text, i, end)
    return True


def _letter_ends_sentence(text: str, letter: int, end: int) -> bool:
    """Whether the full stop after the single letter at ``letter`` ends a sentence
    (see the module doc); ``end`` is where the text after the full stop starts."""
    before = _PREVIOUS_WORD.search(text, max(0, letter - 40), letter)
    if before is not None:
        previous = before.group(1).lower()
        if not before.group(2) and previous in _LETTER_NAMES:
            return True  # "vitamin C.", "Plan B."
        if before.group(2) and (len(previous) == 1 or previous in _TITLES):
            return False  # "J. R. Smith", "Dr. A. Patel"
        if not before.group(2) and before.group(1)[0].isupper() and previous not in _STARTERS:
            return False  # after a name: "Smith J.", "Lee K. The effect of ..."
    after = _NEXT_WORD.match(text, end)
    if after is None:
        return True  # nothing follows but punctuation or the end of the text
    word = after.group(1)
    if len(word) == 1 and after.group(2):
        return False  # another initial: "J. R. R. Tolkien"
    return word.lower() in _STARTERS
