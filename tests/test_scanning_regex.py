"""scanning_regex (language/matches.py): a lexicon entry's regex compiled with a
first-character look-ahead finds exactly what the plain case-insensitive regex finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.language import absolute, evidence
from medlint.language.matches import scanning_regex, scanning_source

CORPUS = Path(__file__).parent / "corpus" / "health"


def _shipped_sources() -> list[tuple[str, str]]:
    out = []
    for module in (absolute, evidence):
        for entry in module._CACHE.get(None).entries:
            for name in ("_regex", "_exclude_preceding"):
                lazy = getattr(entry, name)
                if lazy is not None:
                    out.append((f"{entry.id}{name}", lazy.source))
    return out


SHIPPED = _shipped_sources()
LINES = [line for path in sorted(CORPUS.rglob("*.md")) for line in path.read_text(encoding="utf-8").splitlines()
         if line.strip()]


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("name, source", SHIPPED, ids=[name for name, _ in SHIPPED])
def test_shipped_patterns_find_the_same_on_the_corpus(name, source):
    plain, scanning = re.compile(source, re.IGNORECASE), scanning_regex(source)
    assert len(LINES) > 1000
    for line in LINES:
        assert _spans(scanning, line) == _spans(plain, line)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SHIPPED), st.text(alphabet="aeiou studyrchfnmpw1%0 ,.'-SRCKİ\u212a", max_size=60))
def test_shipped_patterns_find_the_same_on_any_text(shipped, text):
    _, source = shipped
    assert _spans(scanning_regex(source), text) == _spans(re.compile(source, re.IGNORECASE), text)


ODD = [
    r"\bcures?\b|\bheal(?:s|ed)?\b",  # the usual shape: a look-ahead is added
    r"(?<![\w.])(?:one|\d+)\s+in\s+\d+",  # a look-behind, then a class with a category
    r"a*",  # matches the empty string: left as it is
    r"(?i:x)y|(?-i:GP)",  # flags inside: left as it is / a case-sensitive part
    r".ure|[^a]ure",  # any character, a negated class: left as it is
    r"%|percent",  # a prefix re skips ahead with by itself
    r"\b(\w+) \1\b",  # a back-reference after the first character
    r"(?=cure)\w+|\Bx",  # look-arounds are zero-width
]


@pytest.mark.parametrize("source", ODD)
@pytest.mark.parametrize("text", ["It cures; it HEALED. One in 10 get Gp x and GP, 5% percent", "", "aaa ure xure the the"])
def test_odd_patterns_find_the_same(source, text):
    assert _spans(scanning_regex(source), text) == _spans(re.compile(source, re.IGNORECASE), text)


def test_an_invalid_pattern_is_an_error_as_before():
    with pytest.raises(re.error):
        scanning_regex("(unbalanced")


@pytest.mark.parametrize(
    "source, expected",
    [
        (r"\bcures?\b|\bheal(?:s|ed)?\b", r"(?=[ch])\bcures?\b|\bheal(?:s|ed)?\b"),
        (r"(?x) \b (?:one|\d+) \s+ in", r"(?x)(?=[o\d]) \b (?:one|\d+) \s+ in"),  # after the global flags
        (r"(?<![\w.])(?:per|\%)", r"(?=[p\x25])(?<![\w.])(?:per|\%)"),  # punctuation written as an escape
        (r"a*", r"a*"),  # matches the empty string: as it is
        (r"%|percent", r"(?=[\x25p])%|percent"),  # an alternation of literals
    ],
)
def test_the_look_ahead_is_written_as_pattern_text(source, expected):
    """The look-ahead is text (so the regex table can keep it and its compiled form), and
    the text compiles to a regex that finds what the plain one finds."""
    assert scanning_source(source, int(re.IGNORECASE)) == expected
    for text in ("It cures; it HEALED. one in 10, 5 % per", "", "aaa"):
        assert _spans(re.compile(expected, re.IGNORECASE), text) == _spans(re.compile(source, re.IGNORECASE), text)
