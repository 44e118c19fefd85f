"""find_evidence_claims: statistics and evidence statements that need a source
(SPEC §8 claim-uncited)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.data import DataError, lexicon
from medlint.language import absolute, evidence
from medlint.language.evidence import EvidenceLexicon, compile_lexicon, find_evidence_claims
from medlint.language.matches import Match
from lexicon_cases import check_example, example_params

# (sentence, expected [(text, kind)])
CASES = [
    # percentages
    ("40% of adults have low vitamin D.", [("40%", "percentage")]),
    ("About 20 to 30 percent of people never notice symptoms.", [("20 to 30 percent", "percentage")]),
    ("Up to 50% of people with IBS also have anxiety.", [("50%", "percentage")]),
    ("The vaccine is 95% effective against severe illness.", [("95%", "percentage")]),
    ("Drinking coffee is linked to a 15% lower risk of death.",
     [("is linked to", "passive-evidence"), ("15%", "percentage")]),
    ("Forty percent of cases go undiagnosed.", [("Forty percent", "percentage")]),
    ("Roughly 12.5 per cent of children are affected.", [("12.5 per cent", "percentage")]),
    # proportions
    ("One in five adults has high blood pressure.", [("One in five", "proportion")]),
    ("According to the CDC, 1 in 3 adults do not get enough sleep.", [("1 in 3", "proportion")]),
    ("Nine out of ten dentists recommend it.",
     [("Nine out of ten", "proportion"), ("dentists recommend", "authority")]),
    ("Nearly half of all adults take a supplement.", [("Nearly half of all adults", "proportion")]),
    # relative risks
    ("People with diabetes are 2 to 4 times more likely to have heart disease.",
     [("2 to 4 times more likely", "relative-risk")]),
    ("Your risk is 10 times higher if you smoke.", [("10 times higher", "relative-risk")]),
    ("Obesity doubles the risk of type 2 diabetes.", [("doubles the risk", "relative-risk")]),
    ("Smoking triples your risk of stroke.", [("triples your risk", "relative-risk")]),
    ("Women are twice as likely as men to have migraines.", [("twice as likely", "relative-risk")]),
    ("Statins cut the risk of a second heart attack by a third.",
     [("risk of a second heart attack by a third", "relative-risk")]),
    # research and evidence statements
    ("Studies show that vitamin D lowers the risk of falls.", [("Studies show", "research-finding")]),
    ("Research suggests that walking improves mood.", [("Research suggests", "research-finding")]),
    ("Evidence shows that masks reduce spread.", [("Evidence shows", "research-finding")]),
    ("Clinical trials found the drug lowered blood pressure.", [("Clinical trials found", "research-finding")]),
    ("A 2018 Cochrane review found little benefit.", [("A 2018 Cochrane review found", "research-finding")]),
    ("A 2019 study of 5,000 women found no link.", [("A 2019 study of 5,000 women found", "research-finding")]),
    ("Studies have not shown a benefit for healthy adults.", [("Studies have not shown", "research-finding")]),
    # evidence said to be absent names no source to give (both held-out sets' writers)
    ("There is no evidence that detox teas remove toxins.", []),
    ("There is limited evidence that detox teas remove toxins.",
     [("There is limited evidence that", "evidence-statement")]),
    ("Our formula is clinically proven to improve sleep.", [("clinically proven", "proven-claim")]),
    ("A science-backed way to lower cholesterol.", [("science-backed", "proven-claim")]),
    ("In a 2021 Danish study, coffee drinkers lived longer.", [("a 2021 Danish study", "study-reference")]),
    ("According to a recent survey, most parents worry.", [("According to a recent survey", "study-reference")]),
    # several in one sentence
    ("Studies show that 1 in 4 adults, about 25%, snore.",
     [("Studies show", "research-finding"), ("1 in 4", "proportion"), ("25%", "percentage")]),
    # not findings: strengths, thresholds, labels, years, dilutions, absolute wording
    ("Apply 1% hydrocortisone cream twice a day.", []),
    ("Switch to 1% milk.", []),
    ("Apply a 5% benzoyl peroxide gel.", []),
    ("Use 70% isopropyl alcohol to clean the skin.", []),
    ("Rinse with a 0.9% saline solution.", []),
    ("Keep your A1C below 7%.", []),
    ("Call 911 if your oxygen level drops below 92%.", []),
    ("A serving gives you 20% DV of iron.", []),
    ("Our tea is 100% natural and 100% safe.", []),
    ("In 2019, the FDA approved the drug.", []),
    ("Dilute it 1 in 10 with water.", []),
    ("Take one in the morning and one at night.", []),
    ("Take the tablet three times a day.", []),
    ("Do not double the dose if you miss one.", []),
    ("More research is needed.", []),
    ("Research is needed to find out whether it helps.", []),
    ("Evidence-based care is the standard.", []),
    ("Review your medicines with your pharmacist every year.", []),
    ("Take 500 mg twice a day.", []),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_cases(sentence, expected):
    found = find_evidence_claims(sentence)
    assert [(m.text, m.kind) for m in found] == expected
    for m in found:
        assert sentence[m.start:m.end] == m.text


def test_one_match_class_for_all_analysers():
    assert evidence.Match is Match is absolute.Match
    (m,) = find_evidence_claims("40% of adults")
    assert m == Match(0, 3, "40%", "percentage")


def test_absolute_wording_is_not_double_reported():
    sentence = "It is 100% safe and 100% effective."
    assert find_evidence_claims(sentence) == []
    assert {m.kind for m in absolute.find_absolute_claims(sentence)} == {"100-percent"}


@pytest.mark.parametrize("kind,sentence,reported", example_params("evidence"))
def test_lexicon_examples_hold(kind, sentence, reported):
    check_example(find_evidence_claims, kind, sentence, reported)


def test_custom_lexicon():
    data = copy.deepcopy(lexicon("evidence"))
    data["entries"] = [{"id": "expert", "description": "appeal to experts",
                        "triggers": ["experts"], "patterns": [r"\bexperts\s+agree\b"]}]
    found = find_evidence_claims("Experts agree it helps.", lexicon=data)
    assert [(m.text, m.kind) for m in found] == [("Experts agree", "expert")]
    assert isinstance(compile_lexicon(data), EvidenceLexicon)
    # a lexicon dict is treated as immutable once passed in: change a copy
    data = copy.deepcopy(data)
    data["entries"][0]["triggers"] = ["Experts"]  # triggers must be lowercase
    with pytest.raises(DataError):
        find_evidence_claims("x", lexicon=data)


_FRAGMENTS = st.sampled_from([
    "40%", "%", "percent", "1 in 5", "one in", "studies show", "research", "a 2019 study",
    "times more likely", "doubles the risk", "100% safe", "cream", "of", "in", "\ufffc", "-",
    "to", "according to", "there is no evidence that", ",", "  ", "\u2013",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=14))
def test_never_raises_and_spans_hold(parts):
    sentence = " ".join(parts)
    last = 0
    for m in find_evidence_claims(sentence):
        assert 0 <= m.start < m.end <= len(sentence)
        assert m.start >= last
        assert sentence[m.start:m.end] == m.text
        last = m.end
