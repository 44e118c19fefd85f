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


@pytest.mark.parametrize("literals, text, present", CASES)
def test_occurs_in(literals, text, present):
    assert LiteralScan(literals).occurs_in(text) is bool(present)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abé -", min_size=0, max_size=4), max_size=12), st.text(alphabet="abé -x", max_size=40))
def test_occurs_in_is_whether_any_is_present(literals, text):
    assert LiteralScan(literals).occurs_in(text) is any(t and t in text for t in literals)


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


def _by_substring_tests(entries, text):
    return sorted({o for t in entries.triggers if t in text for o in entries.by_trigger[t]})


SENTENCES = [
    "", "nothing to see", "studies show that 40% of adults in 2019 had it",
    "this miracle cure is 100% safe and guaranteed, with no side effects",
    "one in five people, according to research, doubled the risk",
    "it's proven: there is no evidence that detox teas flush out toxins",
]


def test_shipped_entry_sets_share_one_scan_and_select_what_substring_tests_select():
    """The evidence and absolute-claim lexicons' triggers are found by one shared pass;
    each set still selects exactly the entries its own triggers select."""
    sets = (evidence._CACHE.get().entries, absolute._CACHE.get().entries)
    for entries in sets:
        for text in SENTENCES + [f"a {t} b" for t in entries.triggers]:
            assert entries.active(text) == _by_substring_tests(entries, text), text
    assert sets[0]._present == sets[1]._present  # the shared scan's method


def test_a_callers_lexicon_has_its_own_scan_and_new_shipped_triggers_reset_the_shared_memo():
    from medlint.language.matches import EntrySet, PatternEntry, _SharedTriggers

    own = EntrySet([PatternEntry("x", ("zq",), None, None, None)])  # type: ignore[arg-type]
    assert own.active("azqb") == [0] and own.active("ab") == []
    shared = _SharedTriggers()
    shared.add(("ab",))
    assert shared.present("xaby") == ["ab"]
    shared.add(("xa",))  # a lexicon loaded later: the remembered answer must not be reused
    assert shared.present("xaby") == ["ab", "xa"]
