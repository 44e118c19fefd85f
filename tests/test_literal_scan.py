"""LiteralScan (language/lexicon.py): one automaton pass gives exactly what a substring
test per literal gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.language import absolute, evidence
from medlint.language.lexicon import LiteralScan, literal_scan

CASES = [
    # literals, text, present
    (("side effect", "no side effects", "effects"), "it has no side effects", ["side effect", "no side effects", "effects"]),
    (("cure", "cures", "secure"), "it secures nothing", ["cure", "cures", "secure"]),
    (("cure",), "", []),
    (("aa",), "aaaa", ["aa"]),
    (("a", "a", ""), "banana", ["a"]),  # duplicates and empty literals are dropped
    (("µg", "μg", "mg"), "5 μg or 2 mg", ["μg", "mg"]),  # micro sign and Greek mu are different literals
    (("é", "e\u0301"), "caf\u00e9 or cafe\u0301", ["é", "e\u0301"]),
    (("proven", "prov"), "PROVEN", []),  # case-sensitive, as `in` is
    ((), "anything", []),
]


@pytest.mark.parametrize("literals, text, present", CASES)
def test_present(literals, text, present):
    assert LiteralScan(literals).present(text) == present


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abé -", min_size=0, max_size=4), max_size=12), st.text(alphabet="abé -x", max_size=40))
def test_same_as_substring_tests(literals, text):
    expected = [t for t in dict.fromkeys(literals) if t and t in text]
    assert LiteralScan(literals).present(text) == expected


def test_the_shipped_lexicons_triggers_agree_with_their_entry_sets():
    """The trigger test of the evidence and absolute-claim analysers (EntrySet.active),
    computed from the automaton, on sentences that contain each trigger and none."""
    for entries in (evidence._CACHE.get().entries, absolute._CACHE.get().entries):
        scan = literal_scan(entries.triggers)
        for trigger in entries.triggers:
            for text in (f"we say {trigger} here", trigger.upper().lower(), "nothing to see"):
                present = scan.present(text)
                active = sorted({o for t in present for o in entries.by_trigger[t]})
                assert active == entries.active(text), (trigger, text)


def test_built_once_per_set_of_literals():
    assert literal_scan(("a", "b")) is literal_scan(("a", "b"))
