"""Sentence splitting for prose, with offsets.

A rule-based splitter tuned for health writing: it does not split after common
abbreviations (Dr., e.g., i.e., vs., et al., U.S.), initials, or decimals, and it
keeps citation markers that follow the end punctuation ("... cramps.[2] Next")
with the sentence they cite.
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

# End punctuation, closing quotes/brackets, then optional citation markers.
_BOUNDARY = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]]*"
    r"(?:[ \t]?(?:\[\^?[\w ,\u2013\u2014-]{1,30}\]|<sup>[\d, \u2013-]{1,20}</sup>))*"
    r"(?=\s|$)"
)
_NEXT_CHAR = re.compile(r"\s*(\S)")


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if not _is_boundary(text, m.start(), end):
            continue
        _append(text, start, end, spans)
        start = end
    _append(text, start, len(text), spans)
    return spans


def _is_boundary(text: str, punct: int, end: int) -> bool:
    nxt = _NEXT_CHAR.match(text, end)
    if nxt is not None and nxt.group(1).islower():
        return False
    if text[punct] == ".":
        # The word (letters, digits, _ and dots, at most 48 characters back) before the
        # full stop: an abbreviation ("Dr.", "e.g.") or an initial ("J. Smith") does not
        # end a sentence.
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
                return False
    return True


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
