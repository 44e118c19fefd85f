"""find_doses, implausible and unit spellings (SPEC §8 dosage-unit, §12 mixed unit
spellings)."""

from __future__ import annotations

import copy
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.data import DataError, lexicon
from medlint.language.dosage import (
    Dose, DosageLexicon, compile_lexicon, find_doses, implausible, majority_spelling,
    unit_replacement, unit_spelling_groups,
)

# (sentence, expected [(text, amount, unit, unit_text, substance, route)])
FIND_CASES = [
    ("Take 1,000 mcg of vitamin B12 daily.",
     [("1,000 mcg", 1000, "mcg", "mcg", "vitamin_b12", None)]),
    ("A 1 mg B12 injection every month.", [("1 mg", 1, "mg", "mg", "vitamin_b12", "injection")]),
    ("Adults need 2.4 micrograms of vitamin B12 a day.",
     [("2.4 micrograms", 2.4, "mcg", "micrograms", "vitamin_b12", None)]),
    ("Vitamin D 50 000 IU once a week.", [("50 000 IU", 50000, "iu", "IU", "vitamin_d", None)]),
    ("Doses of 500-1000 mg of vitamin C.", [("500-1000 mg", 1000, "mg", "mg", "vitamin_c", None)]),
    ("Vitamin B12 supplements usually contain 500 to 1,000 mcg.",
     [("500 to 1,000 mcg", 1000, "mcg", "mcg", "vitamin_b12", None)]),
    ("Take 10mg\u201320mg of melatonin.", [("10mg\u201320mg", 20, "mg", "mg", "melatonin", None)]),
    ("Cholecalciferol 25 \u00b5g (micro sign) daily.",
     [("25 \u00b5g", 25, "mcg", "\u00b5g", "vitamin_d", None)]),
    ("Cholecalciferol 25 \u03bcg (Greek mu) daily.",
     [("25 \u03bcg", 25, "mcg", "\u03bcg", "vitamin_d", None)]),
    ("Selenium 55 ug a day.", [("55 ug", 55, "mcg", "ug", "selenium", None)]),
    ("Vitamin E 400 I.U. capsules.", [("400 I.U.", 400, "iu", "I.U.", "vitamin_e", None)]),
    ("Calcium 500mg plus vitamin D 400IU.",
     [("500mg", 500, "mg", "mg", "calcium", None), ("400IU", 400, "iu", "IU", "vitamin_d", None)]),
    ("Take 500 mg of vitamin C and 1,000 IU of vitamin D.",
     [("500 mg", 500, "mg", "mg", "vitamin_c", None),
      ("1,000 IU", 1000, "iu", "IU", "vitamin_d", None)]),
    ("Vitamin B12 (cyanocobalamin) 1,000 mcg (1 mg) daily.",
     [("1,000 mcg", 1000, "mcg", "mcg", "vitamin_b12", None),
      ("1 mg", 1, "mg", "mg", "vitamin_b12", None)]),
    ("Take 500 \u00b5g to 1 mg of B12.",
     [("500 \u00b5g", 500, "mcg", "\u00b5g", "vitamin_b12", None),
      ("1 mg", 1, "mg", "mg", "vitamin_b12", None)]),
    ("Tablets (1,000 mcg) work as well as B12 injections (1 mg).",
     [("1,000 mcg", 1000, "mcg", "mcg", None, None),
      ("1 mg", 1, "mg", "mg", "vitamin_b12", "injection")]),
    ("Iron sucrose 200 mg IV over 10 minutes.", [("200 mg", 200, "mg", "mg", "iron", "injection")]),
    ("Take 2\u00a0500 mg tablets of paracetamol.", [("500 mg", 500, "mg", "mg", "acetaminophen", None)]),
    ("A 500-mg tablet of magnesium oxide.", [("500-mg", 500, "mg", "mg", "magnesium", None)]),
    ("Levothyroxine .5 mg is a dosing error.", [(".5 mg", 0.5, "mg", "mg", "levothyroxine", None)]),
    # no substance: another subject, body stores, levels, per weight or volume
    ("People taking metformin 500 mg twice daily may need vitamin B12.",
     [("500 mg", 500, "mg", "mg", None, None)]),
    ("Taking vitamin B12 with metformin 500 mg is common.", [("500 mg", 500, "mg", "mg", None, None)]),
    ("The body stores 2-5 mg of vitamin B12.", [("2-5 mg", 5, "mg", "mg", None, None)]),
    ("Give 15 mg/kg of paracetamol.", [("15 mg/kg", 15, "mg", "mg", None, None)]),
    ("Normal serum magnesium is 1.8 to 2.4 mg/dL.", [("1.8 to 2.4 mg/dL", 2.4, "mg", "mg", None, None)]),
    ("Amlodipine, a calcium channel blocker, 10 mg.", [("10 mg", 10, "mg", "mg", None, None)]),
    ("A stage IV patient took 1 mg of B12.", [("1 mg", 1, "mg", "mg", "vitamin_b12", None)]),
    ("Vitamin D 1000 mg per day.", [("1000 mg per day", 1000, "mg", "mg", "vitamin_d", None)]),
    # not doses
    ("Type 2 diabetes affects 1 in 10 adults.", []),
    ("The 5G network is not a health risk.", []),
    ("She weighs 70 kg.", []),
    ("B-12 deficiency is common after 50.", []),
    ("1 000 mcg", []),  # a plain-space group needs two digits: "type 2 500 mg" stays 500 mg
    ("People with type 2 500 mg", [("500 mg", 500, "mg", "mg", None, None)]),
]


@pytest.mark.parametrize("sentence,expected", FIND_CASES)
def test_find_doses(sentence, expected):
    doses = find_doses(sentence)
    got = [(d.text, d.amount, d.unit, d.unit_text, d.substance, d.route) for d in doses]
    assert got == [(t, float(a), u, ut, s, r) for t, a, u, ut, s, r in expected]
    for d in doses:
        assert sentence[d.start:d.end] == d.text
        assert sentence[d.unit_start:d.unit_end] == d.unit_text


# (sentence, expected reason or None); the first dose of the sentence is judged
IMPLAUSIBLE_CASES = [
    ("Take 1000 mg of B12.",
     "1,000 mg of vitamin B12 is 100 times the highest plausible dose (10,000 mcg); "
     "did you mean 1,000 mcg?"),
    ("B12 1000 mg daily.", "did you mean 1,000 mcg?"),
    ("A 1 mg B12 injection every month.", None),
    ("B12 injections of 1,000 mcg.", None),
    ("Take 1 mg of B12 by mouth.", None),
    ("Take 400 mg of vitamin D.", "did you mean 400 mcg or 400 IU?"),
    ("Vitamin D 50 mg weekly.", "did you mean 50 mcg or 50 IU?"),
    ("Ergocalciferol 1.25 mg (50,000 IU) weekly.", None),
    ("Vitamin D 4,000 IU a day is the upper limit.", None),
    ("Folic acid 400 mg a day.", "did you mean 400 mcg?"),
    ("Take 5 mg folic acid if you are at high risk.", None),
    ("Selenium 200 mg daily.", "did you mean 200 mcg?"),
    ("Levothyroxine 100 mg every morning.", "did you mean 100 mcg?"),
    ("Levothyroxine 0.1 mg every morning.", None),
    ("Iodine 150 mg a day.", "did you mean 150 mcg?"),
    ("Iron 65 mcg daily.", "65 mcg of iron is below the lowest plausible dose (0.1 mg); did you mean 65 mg?"),
    ("Ferrous sulfate 325 mg twice a day.", None),
    ("Ferric carboxymaltose 1,000 mg by intravenous infusion.", None),
    ("Magnesium 400 g at night.", "did you mean 400 mg?"),
    ("Magnesium 400 mg at night.", None),
    ("Calcium 1,200 mg a day.", None),
    ("Vitamin C 1 g a day.", None),
    ("Vitamin C 500 g a day.", "did you mean 500 mg?"),
    ("Vitamin A 10,000 IU.", None),
    ("Melatonin 3 g at bedtime.", "did you mean 3 mg?"),
    ("Melatonin 300 mcg at bedtime.", None),
    ("Potassium 99 mg tablets.", None),
    ("Zinc 50 mg for a week.", None),
    ("Vitamin K 1 mg injection for newborns.", None),
    ("Paracetamol 500 g every 4 hours.", "did you mean 500 mg?"),
    ("Ibuprofen 400 mg every 6 hours.", None),
    ("Aspirin 81 mg a day.", None),
    ("Give 15 mg/kg of paracetamol.", None),
    ("Take 1 mL of B12 by injection.", None),
    ("Take 1000 mg daily.", None),
]


@pytest.mark.parametrize("sentence,expected", IMPLAUSIBLE_CASES)
def test_implausible(sentence, expected):
    dose = find_doses(sentence)[0]
    reason = implausible(dose)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and expected in reason


def test_implausible_never_judges_by_unit_name_alone():
    # the same 1 mg of B12 passes by injection and by mouth; only the amount matters
    injected = Dose(0, 4, "1 mg", 1.0, "mg", "mg", 2, 4, "vitamin_b12", "injection")
    oral = Dose(0, 4, "1 mg", 1.0, "mg", "mg", 2, 4, "vitamin_b12", None)
    assert implausible(injected) is None and implausible(oral) is None
    big = Dose(0, 7, "10 mg", 10.0, "mg", "mg", 3, 5, "vitamin_b12", "injection")
    assert "injected dose (5,000 mcg)" in implausible(big)
    assert implausible(Dose(0, 4, "1 mg", 1.0, "mg", "mg", 2, 4, "unknown", None)) is None
    assert implausible(Dose(0, 4, "1 mg", math.inf, "mg", "mg", 2, 4, "vitamin_b12", None)) is None


ARTICLE = [
    "Most adults need 2.4 mcg of vitamin B12 a day.",
    "Tablets of 1,000 mcg are common.",
    "Some labels say 500 \u00b5g instead.",
    "Vitamin D 1,000 IU, or 1,000 I.U. on older labels, and 400 IU for babies.",
    "Children need 400 \u03bcg of folate.",
    "Take 1 microgram per kilogram.",
]


def _article_doses():
    return [d for s in ARTICLE for d in find_doses(s)]


def test_unit_spelling_groups():
    groups = unit_spelling_groups(_article_doses())
    assert set(groups) == {"mcg", "iu"}  # mg, written one way, is not reported
    assert {k: len(v) for k, v in groups["mcg"].items()} == {"mcg": 2, "\u00b5g": 2, "micrograms": 1}
    assert list(groups["mcg"]) == ["mcg", "\u00b5g", "micrograms"]  # order of first use
    assert [d.unit_text for d in groups["mcg"]["\u00b5g"]] == ["\u00b5g", "\u03bcg"]
    assert {k: len(v) for k, v in groups["iu"].items()} == {"IU": 2, "I.U.": 1}
    assert majority_spelling("iu", groups["iu"]) == "IU"
    # tie between mcg and µg: the preferred spelling (ISMP: mcg) wins
    assert majority_spelling("mcg", groups["mcg"]) == "mcg"


def test_majority_spelling_prefers_the_most_used():
    doses = [d for s in ["5 \u00b5g", "6 \u00b5g", "7 mcg"] for d in find_doses(s)]
    groups = unit_spelling_groups(doses)
    assert majority_spelling("mcg", groups["mcg"]) == "\u00b5g"
    assert unit_spelling_groups(find_doses("5 mcg and 6 mcg")) == {}


def test_unit_replacement():
    (one,) = find_doses("1 mcg")
    (two,) = find_doses("2 \u00b5g")
    assert unit_replacement(two, "mcg") == "mcg"
    assert unit_replacement(one, "micrograms") == "microgram"
    assert unit_replacement(two, "micrograms") == "micrograms"
    with pytest.raises(KeyError):
        unit_replacement(two, "IU")


def test_lexicon_has_at_least_fifteen_substances_with_ranges():
    subs = lexicon("dosage")["substances"]
    assert len(subs) >= 15
    ids = {s["id"] for s in subs}
    for needed in ("vitamin_b12", "vitamin_d", "folic_acid", "iron", "zinc", "magnesium", "calcium",
                   "vitamin_c", "vitamin_a", "melatonin", "potassium", "selenium", "iodine",
                   "levothyroxine"):
        assert needed in ids


def test_custom_lexicon_and_data_errors():
    data = copy.deepcopy(lexicon("dosage"))
    data["substances"].append({"id": "caffeine", "name": "caffeine", "aliases": ["caffeine"],
                               "ranges": {"default": [{"unit": "mg", "min": 1, "max": 1000}]}})
    (dose,) = find_doses("Caffeine 400 g a day.", lexicon=data)
    assert dose.substance == "caffeine"
    assert "did you mean 400 mg?" in implausible(dose, lexicon=data)
    assert isinstance(compile_lexicon(data), DosageLexicon)

    bad = copy.deepcopy(data)
    bad["substances"][-1]["ranges"]["default"][0]["min"] = 5000
    with pytest.raises(DataError, match="min is above max"):
        find_doses("1 mg", lexicon=bad)
    bad = copy.deepcopy(data)
    bad["substances"][-1]["aliases"] = ["B12"]
    with pytest.raises(DataError, match="already names"):
        find_doses("1 mg", lexicon=bad)
    bad = copy.deepcopy(data)
    bad["units"]["mcg"]["preferred"] = "mgc"
    with pytest.raises(DataError, match="preferred"):
        find_doses("1 mg", lexicon=bad)
    bad = copy.deepcopy(data)
    bad["units"]["kg"] = bad["units"]["g"]
    with pytest.raises(DataError):
        find_doses("1 mg", lexicon=bad)


def test_case_folding_beyond_lower_does_not_crash():
    # re's IGNORECASE pairs \u017f with s and \u0130 with I; str.lower() does not
    assert [(d.unit, d.substance) for d in find_doses("5 mg of \u017felenium")] == [("mg", "selenium")]
    assert [d.unit for d in find_doses("5 \u0130U and 6 mcg\u017f")] == ["iu", "mcg"]
    assert unit_spelling_groups(find_doses("5 mcg\u017f, 6 \u00b5g")) != {}


_FRAGMENTS = st.sampled_from([
    "1,000", "2.5", ".5", "500", "50 000", "1\u00a0000", "-", "\u2013", "to", "mg", "mcg",
    "\u00b5g", "\u03bcg", "ug", "IU", "I.U.", "mL", "g", "micrograms", "/kg", "/dL", "per day",
    "of", "vitamin B12", "B12", "vitamin D", "iron", "injection", "IV", "stage IV", "tablets",
    "(", ")", ",", "\ufffc", "the body stores", "\u017f", "\u0130U", "\u00a0",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=14),
       st.sampled_from(["", " "]))
def test_never_raises_and_spans_hold(parts, joiner):
    sentence = joiner.join(parts)
    doses = find_doses(sentence)
    last = 0
    for d in doses:
        assert 0 <= d.start < d.end <= len(sentence)
        assert d.start >= last
        last = d.end
        assert sentence[d.start:d.end] == d.text
        assert d.start <= d.unit_start < d.unit_end <= d.end
        assert sentence[d.unit_start:d.unit_end] == d.unit_text
        assert d.unit in {"mcg", "mg", "g", "iu", "ml"}
        assert d.amount >= 0
        assert d.route in (None, "injection")
        reason = implausible(d)
        assert reason is None or isinstance(reason, str)
    unit_spelling_groups(doses)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abSsſµμKkK\u212a -", min_size=1, max_size=6),
                min_size=1, max_size=8, unique=True),
       st.text(alphabet="abSsſµμKkK\u212a -", max_size=30))
def test_alias_alternation_grouped_by_first_letter_matches_like_the_plain_one(words, text):
    import re

    from medlint.language.lexicon import first_letter_alternation as _by_first_letter
    words.sort(key=lambda w: -len(w))
    plain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I)
    grouped = re.compile(r"(?<!\w)" + _by_first_letter(words) + r"(?!\w)", re.I)
    assert ([m.span() for m in grouped.finditer(text)]
            == [m.span() for m in plain.finditer(text)])
