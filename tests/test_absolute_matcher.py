"""find_absolute_claims: miracle and absolute wording, with negation and myth-busting
exclusions (SPEC §8 absolute-claim, §12)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.data import DataError, lexicon
from medlint.language.absolute import AbsoluteLexicon, compile_lexicon, find_absolute_claims
from medlint.language.matches import Match
from lexicon_cases import check_example, example_params

# (sentence, context heading, expected [(text, kind)])
CASES = [
    # findings
    ("This herbal blend cures arthritis.", "", [("cures", "cure")]),
    ("Antibiotics cure most strep infections.", "", [("cure", "cure")]),
    ("Apple cider vinegar is a cure for acid reflux.", "", [("cure", "cure")]),
    ("Turmeric is a cure-all for inflammation.", "", [("cure-all", "cure")]),
    ("Guaranteed weight loss in 30 days.", "", [("Guaranteed", "guaranteed")]),
    ("Our capsules are 100% safe.", "", [("100% safe", "100-percent")]),
    ("Our capsules are 100% natural.", "", []),
    ("The cream is 100 percent effective.", "", [("100 percent effective", "100-percent")]),
    ("Unlike prescription drugs, this supplement has no side effects.", "",
     [("no side effects", "no-side-effects")]),
    ("This natural remedy has no side effects and is 100% safe.", "",
     [("no side effects", "no-side-effects"), ("100% safe", "100-percent")]),
    ("Try it risk-free for 30 days.", "", [("risk-free", "risk-free")]),
    ("These drops are completely safe for children.", "", [("completely safe", "risk-free")]),
    ("Collagen is a miracle supplement for ageing skin.", "", [("miracle supplement", "miracle")]),
    ("Drink this tea to detox your body.", "", [("detox your body", "detox")]),
    ("Our foot pads flush out toxins while you sleep.", "", [("flush out toxins", "detox")]),
    ("This program will permanently reverse type 2 diabetes.", "",
     [("permanently reverse", "permanent-reversal")]),
    ("Get instant relief from migraines.", "", [("instant relief", "instant")]),
    ("The remedy doctors don't want you to know about.", "",
     [("doctors don't want you to know", "secret")]),
    ("It is not only a cure for colds but also for flu.", "", [("cure", "cure")]),
    ("Want a miracle cure?", "", [("miracle cure", "miracle")]),
    ("Chemotherapy can cure some cancers, but it has side effects.", "", [("cure", "cure")]),
    ("Vitamin C cures colds and doesn't cost much.", "", [("cures", "cure")]),
    # negated and myth-busting uses
    ("There is no miracle cure for back pain.", "", []),
    ("No supplement can cure or prevent COVID-19.", "", []),
    ("Metformin is not a miracle drug.", "", []),
    ("There's no cure for the common cold.", "", []),
    ("There\u2019s currently no known cure.", "", []),
    ("There is no evidence that turmeric cures arthritis.", "", []),
    ("Miracle cures do not exist.", "", []),
    ("Detox teas don\u2019t detox your body.", "", []),
    ("No medicine is without side effects.", "", []),
    ("Myth: Vitamin C cures colds.", "", []),
    ("Vitamin C cures colds.", "Common myths about colds", []),
    ("Vitamin C cures colds.", "Marketing claims to watch for", []),
    ("Some sellers claim their tea cures diabetes.", "", []),
    ("The pills are marketed as a miracle weight-loss solution.", "", []),
    ("The company promises to detox your body in three days.", "", []),
    ("Products labelled \u201cmiracle cure\u201d are often fake.", "", []),
    ('Be careful with any product sold as a "miracle cure".', "", []),
    ("Can apple cider vinegar cure acid reflux?", "", []),
    # never / always alone, and look-alikes
    ("You should always take it with food.", "", []),
    ("Never take more than the recommended dose.", "", []),
    ("Cured meats such as ham and bacon raise the risk of bowel cancer.", "", []),
    ("Researchers are still searching for a cure.", "", []),
    ("Prevention is better than cure.", "", []),
    ("The 21st Century Cures Act gave patients access to their notes.", "", []),
    ("Miracle fruit makes sour foods taste sweet.", "", []),
    ("Most people have no side effects from the flu vaccine.", "", []),
    ("No serious side effects were reported in the trial.", "", []),
    ("Your liver and kidneys already detox your body.", "", []),
    ("Medically supervised alcohol detox can be life-saving.", "", []),
    ("There is no guarantee that the diet will work for you.", "", []),
    ("It is a safe and effective treatment for most adults.", "", []),
]


@pytest.mark.parametrize("sentence,context,expected", CASES)
def test_cases(sentence, context, expected):
    found = find_absolute_claims(sentence, context=context)
    assert [(m.text, m.kind) for m in found] == expected
    for m in found:
        assert sentence[m.start:m.end] == m.text


def test_match_is_the_shared_dataclass():
    (m,) = find_absolute_claims("Our tea cures colds.")
    assert m == Match(8, 13, "cures", "cure")
    with pytest.raises(AttributeError):
        m.kind = "x"  # type: ignore[misc]


@pytest.mark.parametrize("kind,sentence,reported", example_params("absolute_claims"))
def test_lexicon_examples_hold(kind, sentence, reported):
    check_example(find_absolute_claims, kind, sentence, reported)


def test_every_shipped_entry_has_an_example():
    for entry in lexicon("absolute_claims")["entries"]:
        assert entry.get("examples"), entry["id"]


def test_custom_lexicon_dict_is_validated_and_used():
    data = copy.deepcopy(lexicon("absolute_claims"))
    data["entries"].append({"id": "superfood", "description": "superfood wording",
                            "triggers": ["superfood"], "patterns": [r"\bsuperfoods?\b"]})
    found = find_absolute_claims("Kale is a superfood.", lexicon=data)
    assert [(m.text, m.kind) for m in found] == [("superfood", "superfood")]
    assert find_absolute_claims("Kale is a superfood.") == []
    compiled = compile_lexicon(data)
    assert isinstance(compiled, AbsoluteLexicon)
    assert find_absolute_claims("Kale is a superfood.", lexicon=compiled)[0].kind == "superfood"


def test_invalid_custom_lexicon_is_a_data_error():
    data = copy.deepcopy(lexicon("absolute_claims"))
    data["entries"][0]["colour"] = "red"
    with pytest.raises(DataError, match="colour"):
        find_absolute_claims("x", lexicon=data)
    data = copy.deepcopy(lexicon("absolute_claims"))
    data["entries"][0]["patterns"] = ["(unclosed"]
    with pytest.raises(DataError, match="entries/0/patterns/0"):
        find_absolute_claims("x", lexicon=data)
    data = copy.deepcopy(lexicon("absolute_claims"))
    data["entries"].append(copy.deepcopy(data["entries"][0]))
    with pytest.raises(DataError, match="duplicate"):
        find_absolute_claims("x", lexicon=data)


def test_object_replacement_character_is_opaque():
    assert find_absolute_claims("\ufffc cures \ufffc")[0].text == "cures"
    assert find_absolute_claims("\ufffc\ufffc") == []


_FRAGMENTS = st.sampled_from([
    "cure", "cures", "cured meat", "no", "not", "miracle", "100%", "safe", "side effects",
    "detox your body", "flush out toxins", "guaranteed", "myth", "\u201c", "\u201d", '"',
    ",", ";", "?", " ", "there is no", "can't", "permanently reverse", "\ufffc", "-",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=14), st.text(max_size=20))
def test_never_raises_and_spans_hold(parts, context):
    sentence = " ".join(parts)
    found = find_absolute_claims(sentence, context=context)
    last = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(sentence)
        assert m.start >= last
        assert sentence[m.start:m.end] == m.text
        last = m.end
