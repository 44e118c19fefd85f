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
    Dose, DosageLexicon, compile_lexicon, error_prone_spelling, find_doses, implausible, judge,
    majority_spelling, substances_in, unify_to, unit_replacement, unit_spelling_groups,
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
     [("500 mg", 500, "mg", "mg", "metformin", None)]),  # a dose-table medicine
    ("Taking vitamin B12 with metformin 500 mg is common.",
     [("500 mg", 500, "mg", "mg", "metformin", None)]),
    ("Taking vitamin B12 with 500 mg of it is common.", [("500 mg", 500, "mg", "mg", None, None)]),
    ("The body stores 2-5 mg of vitamin B12.", [("2-5 mg", 5, "mg", "mg", None, None)]),
    ("Give 15 mg/kg of paracetamol.", [("15 mg/kg", 15, "mg", "mg", None, None)]),
    ("Normal serum magnesium is 1.8 to 2.4 mg/dL.", [("1.8 to 2.4 mg/dL", 2.4, "mg", "mg", None, None)]),
    ("Amlodipine, a calcium channel blocker, 10 mg.", [("10 mg", 10, "mg", "mg", "amlodipine", None)]),
    ("A calcium channel blocker, 10 mg.", [("10 mg", 10, "mg", "mg", None, None)]),
    ("Inject 10 U of insulin glargine.", [("10 U", 10, "units", "U", "insulin_glargine", "injection")]),
    ("Give 5,000 units of heparin.", [("5,000 units", 5000, "units", "units", "heparin", None)]),
    ("In 10 U.S. states", []),
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


# (sentence, expected part of the reason, or None); the first dose of the sentence is judged
IMPLAUSIBLE_CASES = [
    # unit slips: the substance's usual unit, and what is wrong
    ("Take 1000 mg of B12.",
     "vitamin B12 is dosed in micrograms: 1,000 mg is 100 times the highest plausible dose of 10,000 mcg"),
    ("B12 1000 mg daily.", "vitamin B12 is dosed in micrograms"),
    ("A 1 mg B12 injection every month.", None),
    ("B12 injections of 1,000 mcg.", None),
    ("Take 1 mg of B12 by mouth.", None),
    ("Take 400 mg of vitamin D.", "vitamin D is dosed in micrograms or international units: 400 mg"),
    ("Vitamin D 50 mg weekly.", "vitamin D is dosed in micrograms or international units"),
    ("Ergocalciferol 1.25 mg (50,000 IU) weekly.", None),
    ("Vitamin D 4,000 IU a day is the upper limit.", None),
    ("Folic acid 400 mg a day.", "folic acid is dosed in micrograms"),
    ("Take 5 mg folic acid if you are at high risk.", None),
    ("Selenium 200 mg daily.", "selenium is dosed in micrograms"),
    ("Levothyroxine 100 mg every morning.", "levothyroxine is dosed in micrograms: 100 mg is 200 times"),
    ("Levothyroxine 0.1 mg every morning.", None),
    ("Iodine 150 mg a day.", "iodine is dosed in micrograms"),
    ("Iron 65 mcg daily.", "iron is dosed in milligrams: 65 mcg is far below the lowest plausible dose of 0.1 mg"),
    ("Ferrous sulfate 325 mg twice a day.", None),
    ("Ferric carboxymaltose 1,000 mg by intravenous infusion.", None),
    ("Magnesium 400 g at night.", "magnesium is dosed in milligrams"),
    ("Magnesium 400 mg at night.", None),
    ("Calcium 1,200 mg a day.", None),
    ("Vitamin C 1 g a day.", None),
    ("Vitamin C 500 g a day.", "vitamin C is dosed in milligrams"),
    ("Vitamin A 10,000 IU.", None),
    ("Melatonin 3 g at bedtime.", "melatonin is dosed in milligrams"),
    ("Melatonin 300 mcg at bedtime.", None),
    ("Potassium 99 mg tablets.", None),
    ("Zinc 50 mg for a week.", None),
    ("Vitamin K 1 mg injection for newborns.", None),
    ("Paracetamol 500 g every 4 hours.", "is dosed in milligrams"),
    ("Ibuprofen 400 mg every 6 hours.", None),
    ("Aspirin 81 mg a day.", None),
    ("Give 15 mg/kg of paracetamol.", None),
    ("Take 1 mL of B12 by injection.", None),
    ("Take 1000 mg daily.", None),
    # issue #13: the dose table, and hints that say what is wrong
    ("Take 500 mg of colchicine.", "500 mg of colchicine is 417 times the usual maximum of 1.2 mg a dose"),
    ("Start with 25 g of lamotrigine.", "lamotrigine is dosed in milligrams: 25 g is 42 times"),
    ("Take 5,000 mg of ibuprofen.", "5,000 mg of ibuprofen is above the usual maximum of 3.2 g a day"),
    ("Take 800 mg of ibuprofen every 2 hours.",
     "800 mg of ibuprofen every 2 hours is 9.6 g a day, 3 times the usual maximum of 3.2 g a day"),
    ("Take 1 g of paracetamol every 2 hours.", "is 12 g a day, 3 times the usual maximum of 4 g a day"),
    ("Take 2,000 mcg of selenium a day.",
     "2,000 mcg of selenium a day is 5 times the adult upper limit of 400 mcg a day"),
    ("Take methotrexate 10 mg daily.",
     "methotrexate is taken once a week: 10 mg of methotrexate daily is 70 mg a week"),
    ("Amoxicillin 500 mcg three times a day.", "amoxicillin is dosed in milligrams: 500 mcg is far below"),
    ("Take 100 mg of diphenhydramine every 4 hours.", "is 600 mg a day, 2 times the usual maximum of 300 mg a day"),
    # frequencies within the maxima, caps, weekly schedules
    ("Take 400 mg of ibuprofen every 4 to 6 hours.", None),
    ("Paracetamol 1 g every 4 hours, up to four times in 24 hours.", None),
    ("Paracetamol 1 g every 4 hours, up to 4 g a day.", None),
    ("Take 1 g of paracetamol four times a day.", None),
    ("Methotrexate 15 mg once a week.", None),
    ("Alendronate 70 mg once weekly.", None),
    ("Vitamin D 100,000 IU once a month.", None),  # a monthly bolus up to a day's maximum
    ("Vitamin D 500,000 IU once a month.", "500,000 IU of vitamin D once a month is 4.2 times the adult upper limit"),
    ("Metformin 1,000 mg twice a day.", None),
    ("Naproxen 500 mg twice daily.", None),
    ("Amlodipine 10 mg QD.", None),
    ("Amlodipine 10 mg TID.", "amlodipine 10 mg TID"[:0] + "30 mg a day"),
    ("Colchicine 0.6 mg once or twice a day.", None),
    ("Allopurinol 900 mg a day.", None),  # US label 800 mg, BNF 900 mg: within the tolerance
    # supervised uses and thresholds
    ("In hospital, 60 mg/kg of levetiracetam is given.", None),
    ("Your doctor may prescribe 50,000 IU of vitamin D once a week.", None),
    ("Taking more than 100 mg of vitamin B6 a day can damage nerves.", None),
    ("Never take more than 4 g of paracetamol in 24 hours.", None),
    ("Do not take more than 6 g of paracetamol a day.",
     "6 g of acetaminophen (paracetamol) a day is above the usual maximum of 4 g a day"),
    ("Ferrous sulfate 200 mg three times a day is the usual prescribed dose.", None),
    ("Some doctors prescribe 500 mg of colchicine.", "500 mg of colchicine is 417 times"),  # still a slip
    # upper limits: daily intakes only, from twice the limit, supplements only where so marked
    ("Take zinc 150 mg a day.", "150 mg of zinc a day is 3.8 times the adult upper limit of 40 mg a day"),
    ("Take zinc 60 mg a day.", None),
    ("Each tablet contains 65 mg of iron.", None),
    ("Take 1,500 mg of magnesium citrate every day.", "above"[:0] + "adult upper limit of 350 mg a day"),
    ("Adults need 800 mg of magnesium a day from food.", None),
    ("Take 10,000 IU of vitamin D every day.", "10,000 IU of vitamin D every day is 2.5 times the adult upper limit"),
    ("Ferrous sulfate 200 mg three times a day.", None),  # a salt, not elemental iron
    ("Iron: 100 to 200 mg of elemental iron a day is used to treat deficiency.", None),
    ("Take 200 mg of elemental iron a day for energy.", "4.4 times the adult upper limit of 45 mg a day"),
]


@pytest.mark.parametrize("sentence,expected", IMPLAUSIBLE_CASES)
def test_implausible(sentence, expected):
    dose = find_doses(sentence)[0]
    reason = implausible(dose)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and expected in reason


def test_judge_gives_a_hint():
    (dose,) = find_doses("Levothyroxine 100 mg every morning.")
    verdict = judge(dose)
    assert verdict is not None and verdict.hint == "check the unit: 100 mcg would be a usual amount"
    (dose,) = find_doses("Take 5,000 mg of ibuprofen.")
    assert "did you mean" not in judge(dose).message + judge(dose).hint


FREQUENCY_CASES = [
    ("every 4 hours", 6, "daily"), ("every 4 to 6 hours", 4, "daily"), ("every 2 hours", 12, "daily"),
    ("three times a day", 3, "daily"), ("twice daily", 2, "daily"), ("once a day", 1, "daily"),
    ("two to four times a day", 2, "daily"), ("once or twice a day", 1, "daily"),
    ("4 times daily", 4, "daily"), ("every hour", 24, "daily"), ("q6h", 4, "daily"),
    ("4-hourly", 6, "daily"), ("BID", 2, "daily"), ("t.i.d.", 3, "daily"), ("QOD", 0.5, "daily"),
    ("every other day", 0.5, "daily"), ("a day", None, "daily"), ("daily", None, "daily"),
    ("per day", None, "daily"), ("in 24 hours", None, "daily"),
    ("once a week", 1 / 7, "weekly"), ("weekly", 1 / 7, "weekly"), ("twice a week", 2 / 7, "weekly"),
    ("every 3 months", 1 / 90, "monthly"), ("once a month", 1 / 30, "monthly"),
    ("every 4 hours, up to four times in 24 hours", 4, "daily"),
    ("every 4 hours, no more than 3 doses a day", 3, "daily"),
]


@pytest.mark.parametrize("words,per_day,schedule", FREQUENCY_CASES)
def test_frequency(words, per_day, schedule):
    (dose,) = find_doses(f"Take 10 mg of it {words}.")
    f = dose.frequency
    assert f is not None and f.schedule == schedule
    assert (f.per_day is None) if per_day is None else math.isclose(f.per_day, per_day)


def test_no_frequency_and_context():
    (dose,) = find_doses("Take 10 mg of it with food, then rest for 2 hours.")
    assert dose.frequency is None
    a, b = find_doses("Take 500 mg to start, then 250 mg every 6 hours.")
    assert a.frequency is None and b.frequency is not None and b.frequency.per_day == 4
    (dose,) = find_doses("Take 10 mg/day.")
    assert dose.frequency is not None and dose.frequency.daily_total
    (dose,) = find_doses("Your doctor may prescribe 10 mg.")
    assert dose.supervised and not dose.threshold
    (dose,) = find_doses("More than 10 mg can harm you.")
    assert dose.threshold
    (dose,) = find_doses("Do not take more than 10 mg.")
    assert not dose.threshold


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
    # mcg is abbreviated two ways ("µg" too, error-prone); "microgram" is a word
    assert set(groups) == {"iu", "mcg"}
    assert {k: len(v) for k, v in groups["iu"].items()} == {"IU": 2, "I.U.": 1}
    assert majority_spelling("iu", groups["iu"]) == "IU"
    assert [error_prone_spelling(d) for d in _article_doses()][:3] == [
        None, None, ("\u00b5g is misread as mg", "mcg")]


def test_majority_spelling_prefers_the_most_used():
    doses = [d for s in ["5 gm", "6 gm", "7 g"] for d in find_doses(s)]
    groups = unit_spelling_groups(doses)
    assert majority_spelling("g", groups["g"]) == "gm"
    doses = [d for s in ["5 gm", "7 g"] for d in find_doses(s)]
    assert majority_spelling("g", unit_spelling_groups(doses)["g"]) == "g"  # tie: the preferred
    assert unit_spelling_groups(find_doses("5 mcg and 6 mcg")) == {}
    assert unit_spelling_groups(find_doses("5 mcg and 7 micrograms")) == {}
    assert unit_spelling_groups(find_doses("5 mL and 6 cc")) == {}  # another unit's name
    mixed = unit_spelling_groups(find_doses("5 \u00b5g and 6 \u00b5g and 7 mcg"))["mcg"]
    assert majority_spelling("mcg", mixed) == "\u00b5g"
    assert unify_to("mcg", "\u00b5g") == "mcg" and unify_to("iu", "I.U.") == "I.U."


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
    assert "caffeine is dosed in milligrams: 400 g is 400 times" in implausible(dose, lexicon=data)
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
    assert unit_spelling_groups(find_doses("5 gm\u017f, 6 g")) != {}


_FRAGMENTS = st.sampled_from([
    "1,000", "2.5", ".5", "500", "50 000", "1\u00a0000", "-", "\u2013", "to", "mg", "mcg",
    "\u00b5g", "\u03bcg", "ug", "IU", "I.U.", "mL", "g", "micrograms", "/kg", "/dL", "per day",
    "of", "vitamin B12", "B12", "vitamin D", "iron", "injection", "IV", "stage IV", "tablets",
    "every", "4", "to", "6", "hours", "times a day", "twice", "daily", "QD", "q.d.", "a week", "U",
    "ibuprofen", "insulin", "more than", "prescribed", "up to", "0", "every 0 hours",
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
        assert d.unit in {"mcg", "mg", "g", "iu", "ml", "units"}
        assert d.amount >= 0
        assert d.route in (None, "injection")
        for s, e in d.numbers:
            assert d.start <= s < e <= d.end
        assert d.frequency is None or d.frequency.per_day is None or d.frequency.per_day >= 0
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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=6)), max_size=14),
       st.sampled_from(["", " "]))
def test_fast_path_finds_what_the_general_path_finds(parts, joiner):
    # the digit-then-unit pre-check only skips sentences the dose regex finds nothing in
    import dataclasses

    from medlint.language.dosage import _CACHE, _find_doses
    sentence = joiner.join(parts)
    general = dataclasses.replace(_CACHE.get(None), unit_after_digit=None)
    assert find_doses(sentence) == _find_doses(sentence, general, None, False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abSs\u017f\u00b5\u03bcK\u212a -'", min_size=1, max_size=6),
                min_size=1, max_size=8, unique=True),
       st.text(alphabet="abSs\u017f\u00b5\u03bcK\u212a -'", max_size=30))
def test_token_aliases_match_like_a_whole_word_regex(words, text):
    # substance names are matched by token lookup, not by a regex of thousands of names;
    # on names whose tokens are joined by single spaces it finds what the regex finds
    import re

    from medlint.language.dosage import _TOKEN, _Aliases
    words = [" ".join(_TOKEN.findall(w)) for w in words]
    words = [w for w in dict.fromkeys(words) if w]
    aliases = _Aliases()
    for i, w in enumerate(words):
        aliases.add(w, f"s{i}")
    text = " ".join(_TOKEN.findall(text))
    by_key = {tuple(t.casefold() for t in _TOKEN.findall(w)): w for w in words}
    ordered = sorted(by_key.values(), key=lambda w: -len(w))
    if not ordered:
        return
    plain = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", re.IGNORECASE)
    assert [(s, e) for s, e, _ in aliases.find(text)] == [m.span() for m in plain.finditer(text)]


def test_the_shipped_dose_table_is_merged():
    lex = __import__("medlint.language.dosage", fromlist=["_CACHE"])._CACHE.get(None)
    with_rows = [s for s in lex.substances.values() if s.rows]
    assert len(with_rows) >= 150
    assert [sid for sid, _ in substances_in("Take Lamictal or Colcrys, or Nurofen.")] == [
        "lamotrigine", "colchicine", "ibuprofen"]
    # the lexicon's own aliases win over vocabulary names
    assert lex.substances["vitamin_b12"].rows and lex.substances["vitamin_b12"].ranges


def _with_fixture_table(**change):
    import os
    here = os.path.join(os.path.dirname(__file__), "data", "dose-table")
    data = copy.deepcopy(lexicon("dosage"))
    data["dose_table"] = {"doses": os.path.join(here, "doses.yaml"), "names": os.path.join(here, "names.yaml")}
    data["dose_table"].update(change)
    return data


def test_a_teams_dose_table():
    data = _with_fixture_table()
    (dose,) = find_doses("Take Zomig 5 mg every 2 hours.", lexicon=data)
    assert dose.substance == "zolmitriptan" and dose.frequency.per_day == 12
    assert implausible(dose, lexicon=data) == (
        "5 mg of zolmitriptan every 2 hours is 60 mg a day, 6 times the usual maximum of 10 mg a day")
    (dose,) = find_doses("Weeklyzine 20 mg once a week.", lexicon=data)
    assert implausible(dose, lexicon=data) is None
    (dose,) = find_doses("Weeklyzine 20 mg daily.", lexicon=data)
    assert "weeklyzine is taken once a week" in implausible(dose, lexicon=data)
    # a lexicon substance takes the table's rows; its aliases stay, the table's names join
    (dose,) = find_doses("B12 drops 5,000 mcg.", lexicon=data)
    assert dose.substance == "vitamin_b12"
    assert implausible(dose, lexicon=data) == "5,000 mcg of vitamin B12 is 2.5 times the usual maximum of 2,000 mcg a dose"


def test_a_teams_dose_table_is_validated(tmp_path):
    bad = tmp_path / "doses.yaml"
    bad.write_text("version: 1\nsubstances:\n  - {id: x, unit: mg, doses: [], source: s}\n", encoding="utf-8")
    with pytest.raises(DataError, match="doses"):
        find_doses("1 mg", lexicon=_with_fixture_table(doses=str(bad)))
    with pytest.raises(DataError, match="cannot read"):
        find_doses("1 mg", lexicon=_with_fixture_table(doses=str(tmp_path / "missing.json")))
