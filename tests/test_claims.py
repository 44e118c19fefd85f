"""The claim analyser (medlint.claims): extraction, contradictions, registry (SPEC §9, §12).

Tables read like the spec: each row is sentences in, claims or verdict out.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint import data
from medlint.data import DataError
from medlint.claims import (
    Claim,
    ClaimLexicon,
    LexiconError,
    RegistryEntry,
    SentenceInput,
    extract_claims,
    find_contradictions,
    load_registry,
    registry_conflicts,
)

ROOT = Path(__file__).resolve().parent.parent
LEX = ClaimLexicon.default()

B12, CRAMPS = "vitamin_b12", "muscle_cramps"


def claims_of(*texts: str, headings: tuple[str, ...] = (), paragraph: int = 0) -> list[Claim]:
    return extract_claims([SentenceInput(t, headings, paragraph) for t in texts], LEX)


def brief(c: Claim) -> tuple:
    return (c.subject, c.effect, c.stance, c.certainty, dict(c.qualifiers))


# ---------------------------------------------------------------------------------------
# Extraction: one sentence in, claims out

EXTRACTION = [
    ("Excess oral B12 is not a cause of cramps.",
     [(B12, CRAMPS, "negative", "certain", {"dose": "high", "route": "oral"})]),
    ("B12 injections can rarely cause hypokalemia and cramps.",
     [(B12, "hypokalemia", "rare", "possible", {"route": "injection"}),
      (B12, CRAMPS, "rare", "possible", {"route": "injection"})]),
    ("B12 never causes cramps.", [(B12, CRAMPS, "negative", "certain", {})]),
    ("Vitamin B12 doesn\u2019t cause cramps.", [(B12, CRAMPS, "negative", "certain", {})]),
    ("Cobalamin cannot cause muscle spasms.", [(B12, CRAMPS, "negative", "certain", {})]),
    ("B12 has not been shown to cause cramps.", [(B12, CRAMPS, "negative", "certain", {})]),
    ("Cramps are not caused by B12.", [(B12, CRAMPS, "negative", "certain", {})]),
    ("B12 causes no cramps.", [(B12, CRAMPS, "negative", "certain", {})]),
    ("It is a myth that B12 causes cramps.", [(B12, CRAMPS, "negative", "certain", {})]),
    ("B12 may not cause cramps.", [(B12, CRAMPS, "negative", "possible", {})]),
    ("B12 does not usually cause cramps.", [(B12, CRAMPS, "rare", "certain", {})]),
    ("B12 is not the only cause of cramps.", [(B12, CRAMPS, "positive", "certain", {})]),
    ("B12 rarely causes cramps.", [(B12, CRAMPS, "rare", "certain", {})]),
    ("In rare cases, B12 can cause cramps.", [(B12, CRAMPS, "rare", "possible", {})]),
    ("B12 is unlikely to cause cramps.", [(B12, CRAMPS, "rare", "certain", {})]),
    ("Magnesium causes diarrhea.", [("magnesium", "diarrhea", "positive", "certain", {})]),
    # a short effect word in the plural ("rash" + "es") passes the cheap pre-check
    ("Iron can cause rashes.", [("iron", "rash", "positive", "possible", {})]),
    ("Magnesium may cause diarrhoea.", [("magnesium", "diarrhea", "positive", "possible", {})]),
    ("Magnesium is thought to cause diarrhea.", [("magnesium", "diarrhea", "positive", "possible", {})]),
    ("Diarrhoea can be caused by magnesium.", [("magnesium", "diarrhea", "positive", "possible", {})]),
    ("Side effects of metformin include nausea and diarrhea.",
     [("metformin", "nausea", "positive", "certain", {}),
      ("metformin", "diarrhea", "positive", "certain", {})]),
    ("Metformin side effects can include nausea.", [("metformin", "nausea", "positive", "possible", {})]),
    ("Diarrhea is a common side effect of metformin.",
     [("metformin", "diarrhea", "positive", "certain", {})]),
    ("Weight gain is not a side effect of metformin.",
     [("metformin", "weight_gain", "negative", "certain", {})]),
    ("Muscle pain has been linked to statins.", [("statins", "muscle_pain", "positive", "certain", {})]),
    ("Too much caffeine can give you headaches and trouble sleeping.",
     [("caffeine", "headache", "positive", "possible", {"dose": "high"}),
      ("caffeine", "insomnia", "positive", "possible", {"dose": "high"})]),
    ("Iron and calcium supplements can cause constipation.",
     [("iron", "constipation", "positive", "possible", {"form": "supplement"}),
      ("calcium", "constipation", "positive", "possible", {"form": "supplement"})]),
    ("Neither B12 nor iron causes cramps.",
     [(B12, CRAMPS, "negative", "certain", {}), ("iron", CRAMPS, "negative", "certain", {})]),
    ("Iron can cause nausea and may lead to constipation.",
     [("iron", "nausea", "positive", "possible", {}),
      ("iron", "constipation", "positive", "possible", {})]),
    ("Oral B12 does not cause cramps, but it can cause acne.",
     [(B12, CRAMPS, "negative", "certain", {"route": "oral"}),
      (B12, "acne", "positive", "possible", {"route": "oral"})]),
    ("Iron causes constipation and magnesium in high doses can cause diarrhea.",
     [("iron", "constipation", "positive", "certain", {}),
      ("magnesium", "diarrhea", "positive", "possible", {"dose": "high"})]),
    ("Statins can cause muscle pain in older adults.",
     [("statins", "muscle_pain", "positive", "possible", {"population": "older_adults"})]),
    ("Vitamin D deficiency can cause muscle pain.",
     [("vitamin_d", "muscle_pain", "positive", "possible", {"dose": "deficiency"})]),
    ("Hydroxocobalamin can cause acne.", [(B12, "acne", "positive", "possible", {"route": "injection"})]),
    ("Paracetamol can cause liver damage at high doses.",
     [("acetaminophen", "liver_damage", "positive", "possible", {"dose": "high"})]),
    ("Unlike injections, oral B12 does not cause cramps.",
     [(B12, CRAMPS, "negative", "certain", {"route": "oral"})]),
    ("Vitamin D, when taken in large amounts, can cause kidney stones.",
     [("vitamin_d", "kidney_stones", "positive", "possible", {"dose": "high"})]),
    ("Statins do not cause muscle pain in most people.", [("statins", "muscle_pain", "rare", "certain", {})]),
    ("B12 does not cause cramps when taken by mouth.", [(B12, CRAMPS, "negative", "certain", {"route": "oral"})]),
    # two claims of two relations: "prevents" (denied) and "causes"
    ("There is no evidence that B12 prevents cramps, and B12 injections can cause cramps.",
     [(B12, CRAMPS, "negative", "certain", {}),
      (B12, CRAMPS, "positive", "possible", {"route": "injection"})]),
    # "in men" is part of the effect's name here, not a group limiting the denial
    ("Finasteride does not cause breast enlargement in men.",
     [("finasteride", "gynecomastia", "negative", "certain", {})]),
    ("Finasteride does not cause hair loss in women.",
     [("finasteride", "hair_loss", "negative", "certain", {"population": "women"})]),
    ("In people with kidney disease, magnesium does not cause diarrhea.",
     [("magnesium", "diarrhea", "negative", "certain", {"population": "kidney_disease"})]),
    ("Levothyroxine can cause hair loss in the first months of treatment.",
     [("levothyroxine", "hair_loss", "positive", "possible", {"duration": "short_term"})]),
    ("At the right dose, levothyroxine does not cause bone loss.",
     [("levothyroxine", "osteoporosis", "negative", "certain", {"dose": "standard"})]),
    ("Low vitamin D levels are linked to depression.",
     [("vitamin_d", "depression", "positive", "certain", {"dose": "deficiency"})]),
]


@pytest.mark.parametrize("text, expected", EXTRACTION, ids=[t for t, _ in EXTRACTION])
def test_extraction(text, expected):
    assert [brief(c) for c in claims_of(text)] == expected


RELATION_NEGATIONS = [
    "B12 does not cause cramps.",
    "B12 doesn't cause cramps.",
    "B12 never causes cramps.",
    "B12 cannot cause cramps.",
    "B12 won't cause cramps.",
    "B12 is not a cause of cramps.",
    "B12 is not a known cause of cramps.",
    "B12 is not known to cause cramps.",
    "There is no evidence that B12 causes cramps.",
    "There is no link between B12 and cramps.",
    "B12 is not linked to cramps.",
]


@pytest.mark.parametrize("text", RELATION_NEGATIONS)
def test_relation_negations_are_negative(text):
    assert [(c.subject, c.effect, c.stance) for c in claims_of(text)] == [(B12, CRAMPS, "negative")]


NO_CLAIM = [
    "Does magnesium cause diarrhea?",
    "Does magnesium cause diarrhea?[2]",
    "Can B12 cause cramps",
    "Magnesium leads to fewer cramps.",
    # about stopping the subject, not the subject
    "Stopping omeprazole suddenly can cause rebound heartburn.",
    "Coming off your antidepressant too quickly can cause dizziness.",
    # a denial limited to a group no qualifier names: its scope is unknown
    "Statins do not lower the risk of heart attack in people over 75.",
    "Creatine does not cause kidney damage in people who exercise.",
    "Some people believe that B12 causes cramps.",
    "Call your doctor if B12 injections cause cramps.",
    "Ask your doctor whether metformin causes diarrhea.",
    "B12 is safe because dehydration causes cramps.",
    "B12 deficiency is common in older adults, and dehydration causes cramps.",
    "Cramps can be caused by dehydration, not B12.",
    "Myth: B12 causes cramps.",
    "Dehydration causes cramps.",
    "B12 helps your body make red blood cells.",
    "B12 does not cause cramps unless you have kidney disease.",
    "Iron doesn't cause constipation if you take it correctly.",
    "Metformin does not cause low blood sugar on its own.",
    "This does not mean that B12 causes cramps.",
    "Some patients report that statins cause memory loss.",
    "Taking B12 with food can prevent it from causing nausea.",
    "Metformin can lower B12 levels over time, which may lead to nerve damage.",
]


@pytest.mark.parametrize("text", NO_CLAIM)
def test_not_a_claim(text):
    assert claims_of(text) == []


def test_quoted_sentence_is_never_a_claim():
    quoted = SentenceInput("Vitamin B12 never causes cramps, in any form.", (), 0, quoted=True)
    assert extract_claims([quoted], LEX) == []


def test_claim_span_runs_from_subject_to_effect():
    text = "Taking too much oral vitamin B12 does not cause cramps."
    (c,) = claims_of(text)
    assert text[c.start:c.end] == "vitamin B12 does not cause cramps"
    assert (c.subject_text, c.effect_text, c.relation) == ("vitamin B12", "cramps", "causes")
    assert c.sentence == 0


@pytest.mark.slow
def test_sentences_without_a_subject_are_cheap():
    import itertools

    from scaling import assert_linear

    runs = itertools.count()

    def prose(n: int) -> list[SentenceInput]:  # new text each run: word lists are memoised
        run = next(runs)
        return [SentenceInput(f"The weather was fine on day {i}.{run} and we walked to the park.", (), i)
                for i in range(n)]

    assert extract_claims(prose(5000), LEX) == []
    assert_linear(lambda n: (lambda sentences=prose(n): extract_claims(sentences, LEX)), 500, 5000)


def test_claims_are_hashable_and_picklable():
    (c,) = claims_of("B12 injections can cause cramps.")
    assert pickle.loads(pickle.dumps(c)) == c
    assert hash(c) == hash(pickle.loads(pickle.dumps(c)))
    assert c.qualifiers == {"route": "injection"}


# ---------------------------------------------------------------------------------------
# Headings and anaphora


HEADINGS = [
    (("Vitamin B12", "The rare case of B12 injections"), "B12 can cause cramps.",
     {"route": "injection"}, {"route": "heading"}),
    (("The rare case of B12 injections",), "Oral B12 can cause cramps.",
     {"route": "oral"}, {"route": "sentence"}),
    (("Iron tablets",), "B12 can cause cramps.", {}, {}),
    (("B12 injections", "B12 tablets"), "B12 can cause cramps.", {"route": "oral"}, {"route": "heading"}),
    (("Oral vs injected B12",), "B12 can cause cramps.", {}, {}),
    (("B12 for children",), "B12 injections can cause cramps.",
     {"population": "children", "route": "injection"}, {"population": "heading", "route": "sentence"}),
    (("Treating deficiency",), "B12 can cause acne.", {}, {}),
    (("Vitamin B12 deficiency",), "B12 can cause fatigue.", {"dose": "deficiency"}, {"dose": "heading"}),
]


@pytest.mark.parametrize("headings, text, qualifiers, sources", HEADINGS)
def test_heading_qualifiers(headings, text, qualifiers, sources):
    (c,) = claims_of(text, headings=headings)
    assert (dict(c.qualifiers), dict(c.qualifier_sources)) == (qualifiers, sources)


def test_myth_section_keeps_only_negative_claims():
    found = claims_of("B12 causes cramps.", "B12 does not cause acne.", headings=("Common myths about B12",))
    assert [(c.effect, c.stance) for c in found] == [("acne", "negative")]


ANAPHORA = [
    (["B12 shots are given monthly.", "These injections can cause cramps."],
     [(1, B12, {"route": "injection"})]),
    (["High-dose magnesium supplements are popular.", "At these doses, it can cause diarrhea."],
     [(1, "magnesium", {"dose": "high", "form": "supplement"})]),
    (["High-dose magnesium supplements are popular.", "At these doses, magnesium can cause diarrhea."],
     [(1, "magnesium", {"dose": "high", "form": "supplement"})]),
    (["People with pernicious anemia may need B12 shots.", "In the first days, potassium levels drop.",
      "These injections can rarely cause hypokalemia."],
     [(2, B12, {"route": "injection"})]),
    (["Metformin is a common diabetes drug.", "It can cause diarrhea."], [(1, "metformin", {})]),
    (["B12 is important.", "It is well known that dehydration causes cramps."], []),
    # The context passes through anaphors that make no claim themselves.
    (["B12 shots are given monthly.", "They are usually given in the arm.",
      "These injections can rarely cause hypokalemia."], [(2, B12, {"route": "injection"})]),
    (["Metformin is a common diabetes drug.", "It is cheap.", "It is taken daily.", "It can cause diarrhea."],
     [(3, "metformin", {})]),
    (["Many people take iron.", "Most tolerate it.", "They can get constipation."], []),
]


@pytest.mark.parametrize("texts, expected", ANAPHORA)
def test_anaphora(texts, expected):
    found = claims_of(*texts)
    assert [(c.sentence, c.subject, dict(c.qualifiers)) for c in found] == expected


def test_a_long_run_of_anaphors_is_followed_without_recursion():
    # Whether a sentence's context can reach a claim is worked out along the run.
    texts = ["Metformin is a common diabetes drug.", *["It is taken daily."] * 3000, "It can cause diarrhea."]
    assert [(c.sentence, c.subject) for c in claims_of(*texts)] == [(3001, "metformin")]


def test_anaphor_qualifiers_are_marked_as_inherited():
    (c,) = claims_of("High-dose magnesium supplements are popular.", "At these doses, it can cause diarrhea.")
    assert dict(c.qualifier_sources) == {"dose": "anaphor", "form": "anaphor"}
    assert c.subject_text == "At these doses"


def test_anaphora_stay_within_one_paragraph():
    sentences = [SentenceInput("B12 shots are given monthly.", (), 1),
                 SentenceInput("They can cause cramps.", (), 2)]
    assert extract_claims(sentences, LEX) == []


def test_a_quoted_sentence_is_no_antecedent():
    sentences = [SentenceInput("B12 shots are given monthly.", (), 1, quoted=True),
                 SentenceInput("They can cause cramps.", (), 1)]
    assert extract_claims(sentences, LEX) == []


# ---------------------------------------------------------------------------------------
# Contradictions: two sentences in, verdict (None = no contradiction, else the hint)

CONTRADICTIONS = [
    ("B12 never causes cramps.", "B12 injections can cause cramps.", "state the route (oral or injection)"),
    ("Excess oral B12 is not a cause of cramps.", "B12 injections can rarely cause hypokalemia and cramps.", None),
    ("B12 does not cause cramps.", "B12 can rarely cause cramps.", "both claims are about the same case"),
    ("Oral B12 does not cause cramps.", "B12 can cause cramps.", None),
    ("Oral B12 does not cause cramps.", "B12 injections can cause cramps.", None),
    ("Oral B12 does not cause cramps.", "B12 tablets can cause cramps.", "both claims are about the same case"),
    ("B12 rarely causes cramps.", "B12 can cause cramps.", None),
    ("B12 does not cause cramps.", "Cobalamin never causes cramps.", None),
    ("B12 causes cramps.", "B12 injections can cause cramps.", None),
    ("B12 does not cause cramps.", "B12 can cause acne.", None),
    ("B12 does not cause cramps.", "Iron can cause cramps.", None),
    ("Magnesium does not cause diarrhea at normal doses.", "High doses of magnesium can cause diarrhea.", None),
    ("Magnesium does not cause diarrhea.", "High-dose magnesium can cause diarrhea.", "state the dose (standard or high)"),
    ("Iron does not cause constipation in children.", "Iron can cause constipation in older adults.", None),
    ("Aspirin never causes bleeding.", "Aspirin can cause bleeding in older adults.",
     "state the population (adults or older adults)"),
    ("Magnesium from food does not cause diarrhea.", "Magnesium supplements can cause diarrhea.", None),
    ("Magnesium does not cause diarrhea.", "Magnesium supplements can cause diarrhea.", "state the form (food or supplement)"),
    ("B12 does not cause cramps.", "B12 deficiency can cause cramps.", None),
    ("Magnesium never causes diarrhea.", "Magnesium might cause diarrhea.", "both claims are about the same case"),
    ("B12 injections can cause cramps.", "B12 never causes cramps.", "state the route (oral or injection)"),
    ("Does B12 cause cramps?", "B12 never causes cramps.", None),
    ("Potassium does not cause hyperkalemia in people with healthy kidneys.",
     "Potassium can cause hyperkalemia in people with kidney disease.", None),
    ("There is no evidence that creatine causes kidney damage.",
     "Creatine can cause kidney damage in people with kidney disease.", "state the population"),
    ("Iron does not cause constipation for most people.", "Iron can cause constipation.", None),
    ("Metformin does not cause weight gain, unlike insulin.", "Insulin can cause weight gain.", None),
]


@pytest.mark.parametrize("first, second, hint", CONTRADICTIONS)
def test_contradiction(first, second, hint):
    found = find_contradictions(claims_of(first, second), LEX)
    if hint is None:
        assert found == []
    else:
        assert len(found) == 1
        earlier, later, got = found[0]
        assert (earlier.sentence, later.sentence) == (0, 1)
        assert got.startswith(hint)


def test_contrast_inside_one_sentence_is_not_a_contradiction():
    assert find_contradictions(claims_of("B12 does not cause cramps, but B12 injections can cause cramps."), LEX) == []


def test_heading_qualifier_makes_a_contradiction():
    sentences = [SentenceInput("B12 never causes cramps.", ("Is B12 safe?",), 0),
                 SentenceInput("B12 can cause cramps.", ("B12 injections",), 1)]
    ((earlier, later, hint),) = find_contradictions(extract_claims(sentences, LEX), LEX)
    assert (earlier.sentence, later.sentence, hint) == (0, 1, "state the route (oral or injection)")
    assert later.qualifier_sources == {"route": "heading"}


def test_quoted_myth_does_not_contradict():
    sentences = [SentenceInput("Vitamin B12 never causes cramps, in any form.", (), 0, quoted=True),
                 SentenceInput("B12 injections can rarely cause hypokalemia and cramps.", (), 1)]
    assert find_contradictions(extract_claims(sentences, LEX), LEX) == []


POOL = [
    ("B12 never causes cramps.", ()),
    ("B12 injections can cause cramps.", ()),
    ("Excess oral B12 is not a cause of cramps.", ()),
    ("B12 injections can rarely cause hypokalemia and cramps.", ()),
    ("Magnesium does not cause diarrhea.", ("Food sources",)),
    ("High-dose magnesium can cause diarrhea.", ()),
    ("Iron can cause constipation.", ("Iron tablets",)),
    ("Oral iron does not cause constipation.", ()),
    ("They can cause headaches.", ()),
    ("Does B12 cause acne?", ()),
    ("B12 rarely causes acne.", ()),
]


def _verdicts(order: list[int]) -> tuple[bool, set[frozenset]]:
    sentences = [SentenceInput(POOL[i][0], POOL[i][1], paragraph=i) for i in order]
    found = find_contradictions(extract_claims(sentences, LEX), LEX)
    pairs = {frozenset({(sentences[a.sentence].text, a.effect), (sentences[b.sentence].text, b.effect)})
             for a, b, _ in found}
    return bool(found), pairs


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(range(len(POOL))), min_size=2, max_size=7, unique=True), st.randoms())
def test_reordering_never_changes_whether_a_contradiction_is_found(chosen, rnd):
    shuffled = list(chosen)
    rnd.shuffle(shuffled)
    assert _verdicts(chosen) == _verdicts(shuffled)


# ---------------------------------------------------------------------------------------
# Registry


@pytest.fixture(scope="module")
def registry():
    return load_registry([ROOT / "content" / "claims"], LEX)


def test_example_registry_loads_with_lines(registry):
    entries, lexicon = registry
    assert 4 <= len(entries) <= 6
    lines = (ROOT / "content" / "claims" / "registry.yaml").read_text(encoding="utf-8").splitlines()
    for e in entries:
        assert lines[e.line - 1].strip() == f"- id: {e.id}"
        assert e.source and e.path.endswith("registry.yaml")
    by_id = {e.id: e for e in entries}
    assert by_id["b12-injection-hypokalemia"].qualifiers == {"route": "injection"}
    (c,) = extract_claims([SentenceInput("Nascobal can cause headaches.")], lexicon)
    assert (c.subject, dict(c.qualifiers)) == (B12, {"route": "nasal"})


REGISTRY_CONFLICTS = [
    ("B12 does not cause hypokalemia.", "b12-injection-hypokalemia", "state the route (oral or injection)"),
    ("Oral B12 can cause cramps.", "b12-oral-no-cramps", "the registry says it does not for route oral"),
    ("B12 tablets can cause cramps.", "b12-oral-no-cramps", "the registry says it does not for route oral"),
    ("B12 can cause cramps.", None, None),
    ("B12 injections can cause cramps.", None, None),
    ("Oral B12 does not cause hypokalemia.", None, None),
    ("Magnesium does not cause diarrhea.", "magnesium-high-dose-diarrhea", "state the dose (standard or high) and the form"),
    ("Ibuprofen never causes stomach bleeding.", "ibuprofen-stomach-bleeding", "the registry says it does"),
]


@pytest.mark.parametrize("text, entry_id, hint", REGISTRY_CONFLICTS)
def test_registry_conflicts(registry, text, entry_id, hint):
    entries, lexicon = registry
    found = registry_conflicts(extract_claims([SentenceInput(text)], lexicon), entries, lexicon)
    if entry_id is None:
        assert found == []
    else:
        assert [(e.id, h.startswith(hint)) for _, e, h in found] == [(entry_id, True)]


GOOD_ENTRY = """\
  - id: b12-oral-no-cramps
    subject: vitamin_b12
    effect: muscle_cramps
    stance: negative
    qualifiers: {route: oral}
    source: NIH ODS
"""

BAD_REGISTRIES = [
    ("claims:\n  - id: x\n    stance: positive: bad\n", 3, "invalid YAML"),
    ("claims:\n" + GOOD_ENTRY + "  - id: two\n    subject: vitamin_b12\n    effect: acne\n    stance: maybe\n    source: x\n",
     11, "claims/1/stance"),
    ("claims:\n" + GOOD_ENTRY + "  - id: two\n    subject: vitamin_b12\n    effect: acne\n    stance: positive\n",
     8, "'source' is a required property"),
    ("claims:\n" + GOOD_ENTRY + "  - id: two\n    subject: unobtainium\n    effect: acne\n    stance: positive\n    source: x\n",
     9, "unknown subject 'unobtainium'"),
    ("claims:\n" + GOOD_ENTRY + "  - id: two\n    subject: vitamin_b12\n    effect: acne\n    stance: positive\n"
     "    qualifiers: {route: rectal}\n    source: x\n", 12, "unknown route value 'rectal'"),
    ("claims:\n" + GOOD_ENTRY + GOOD_ENTRY, 8, "duplicate claim id"),
    ("claims:\n" + GOOD_ENTRY.replace("    source: NIH ODS\n", "    source: NIH ODS\n    source: again\n"), 8,
     "duplicate key 'source'"),
    ("claims: []\nlexicon:\n  subjects:\n    b12_gel:\n      aliases: [B12]\n", 4, "used twice"),
    ("claims: []\nlexicon:\n  effects:\n    cramps2:\n      aliases: [charley horse]\n"
     "  subjects:\n    b12_gel:\n      aliases: [{text: B12 gel, implies: {route: ear}}]\n", 7,
     "not a qualifier value"),
    ("claims: []\nextra: 1\n", 1, "Additional properties"),
    ("", 1, "empty claim registry"),
]


@pytest.mark.parametrize("text, line, message", BAD_REGISTRIES)
def test_bad_registry_file_names_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_registry([path], LEX)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert message in str(info.value)


# ---------------------------------------------------------------------------------------
# Lexicon


def test_starter_lexicon_sizes_and_b12_aliases():
    assert len(LEX.subjects) >= 40 and len(LEX.effects) >= 40
    names = ["vitamin B12", "B12", "B-12", "cobalamin", "cyanocobalamin", "methylcobalamin", "hydroxocobalamin"]
    for name in names:
        (c,) = claims_of(f"{name} can cause acne.")
        assert c.subject == B12, name
    for name in ["muscle cramps", "cramps", "muscle spasms"]:
        (c,) = claims_of(f"B12 can cause {name}.")
        assert c.effect == CRAMPS, name


def test_extension_adds_aliases_and_rejects_collisions():
    extended = LEX.extended({"subjects": {"kratom": {"label": "kratom", "aliases": ["kratom", "ketum"]}},
                             "effects": {"muscle_cramps": {"aliases": ["charley horse"]}}})
    (c,) = extract_claims([SentenceInput("Ketum can cause a charley horse.")], extended)
    assert (c.subject, c.effect) == ("kratom", CRAMPS)
    assert "kratom" not in LEX.subjects
    with pytest.raises(LexiconError, match="used twice"):
        LEX.extended({"effects": {"leg_pain": {"aliases": ["cramps"]}}})
    with pytest.raises(LexiconError, match="only subjects, effects, qualifiers"):
        LEX.extended({"rare": ["hardly"]})
    with pytest.raises(LexiconError, match="not a qualifier value"):
        LEX.extended({"subjects": {"b12_spray": {"aliases": [{"text": "B12 mist", "implies": {"route": "ear"}}]}}})


def test_registry_schema_shares_the_lexicon_shapes():
    lexicon_schema = data.schema("claims-lexicon")
    registry_schema = data.schema("claim-registry")
    for name in ("alias", "word", "entry", "entries", "dimension", "dimensions", "id", "phrase"):
        assert registry_schema["$defs"][name] == lexicon_schema["$defs"][name], name
    assert json.dumps(registry_schema)  # plain JSON


def test_registry_entry_is_frozen():
    e = RegistryEntry("x", B12, CRAMPS, "negative", {"route": "oral"}, "src", "r.yaml", 3)
    with pytest.raises(AttributeError):
        e.id = "y"  # type: ignore[misc]
    assert hash(e) and e.qualifiers == {"route": "oral"}


# -- phrase matching without regexes ----------------------------------------------------
# The analyser matches lexicon phrases by comparing lower-cased text (claims.phrases._Phrase,
# _Alternation, _Opening) instead of compiling each phrase's regex; these tests hold it to
# the regexes it stands for.


def test_fold_exceptions_list_every_character_lower_casing_gets_wrong():
    from medlint.claims import phrases as claims

    others = "".join(chr(i) for i in range(0x80, 0x110000) if not 0xD800 <= i < 0xE000)
    tricky = set(re.findall("[\x00-\x7f]", others, re.IGNORECASE))
    tricky |= {ch for ch in others if len(ch.lower()) != 1}
    assert tricky == set(claims._FOLD_EXCEPTIONS.pattern.strip("[]"))
    # Lower-casing keeps word characters word characters, and makes no apostrophes.
    for ch in others:
        low = ch.lower()
        if len(low) == 1:
            assert (low.isalnum() or low == "_") == (ch.isalnum() or ch == "_"), hex(ord(ch))
            assert low not in "'\u2019" or low == ch, hex(ord(ch))


def _old_alternation(items, tail=""):
    from medlint.claims import phrases as claims

    ordered = sorted({(claims._norm(t), t, cs) for t, cs in items}, key=lambda t: (-len(t[0]), t[0]))
    body = "|".join(claims._phrase_regex(t, cs) for _, t, cs in ordered)
    return re.compile(f"(?:{body}){tail}" if tail else body, re.IGNORECASE)


def test_phrase_matching_agrees_with_the_phrase_regexes():
    import random

    from medlint.claims import phrases as claims

    raw = data.lexicon("claims")
    odd = [("myth -", False), ("-foo bar", False), ("(x) thing", False), ("o'clock", False),
           ("rock\u2019n\u2019roll", False), ("e.g.", False), (": see", False), ("ab- cd", False),
           ("CAN", True), ("Don't Know", True)]
    tables = {
        name: [claims._item_text(p) for p in raw[name]] + odd
        for name in ("hedges", "rare", "boundaries", "non_assertion", "conditionals", "exceptions")
    }
    words = [t for items in tables.values() for t, _ in items] + ["anti-", "non-", "Anti-", "B12", "s", "es", "'s"] * 8
    noise = [" ", "  ", "\u00a0", "-", "\u2010", " - ", ",", ";", ".", "_", "x", "\u00e9", "\u017f",
             "\u212a", "\u0130", "\u03a3", "\u2019", "'", "\ufffc", "(", ")", "\n"]
    rng = random.Random(7)

    def mutate(phrase: str, noise: list[str]) -> str:
        out = []
        for ch in phrase:
            r = rng.random()
            out.append(rng.choice(noise[:6]) if ch in " -" and r < 0.4 else
                       rng.choice("'\u2019") if ch in "'\u2019" else
                       ch.upper() if r < 0.2 else rng.choice(noise) if r < 0.23 else ch)
        return "".join(out)

    def lexicon_items(items):
        return [{"text": t, "case_sensitive": True} if cs else t for t, cs in items]

    compiled = {
        name: (claims._Alternation.of(lexicon_items(items)), _old_alternation(items)) for name, items in tables.items()
    }
    contrast = claims._Alternation.of(["unlike", ", not"], tail_stops=",;.()\n")
    old_contrast = _old_alternation([("unlike", False), (", not", False)], tail="[^,;.()\\n]*")
    for _ in range(1000):
        # Mostly texts the comparisons handle; some with characters only the regexes can.
        chars = noise if rng.random() < 0.3 else [n for n in noise if not claims._FOLD_EXCEPTIONS.search(n)]
        text = "".join(
            mutate(rng.choice(words), chars) + rng.choice(["", "", *noise[:8]]) for _ in range(rng.randint(1, 6))
        )
        pos, end = rng.choice([(0, None), (rng.randint(0, len(text)), rng.randint(0, len(text) + 1))])
        for new, old in [*compiled.values(), (contrast, old_contrast)]:
            got = [(m.start(), m.end()) for m in new.finditer(text, pos, end)]
            want = [m.span() for m in old.finditer(text, pos, len(text) if end is None else end)]
            assert got == want, (text, pos, end, old.pattern[:60])
        for phrase, cs in rng.sample(odd + tables["hedges"], 5):
            p = claims._Phrase(phrase, cs, inflect=True)
            rx = re.compile(claims._phrase_regex(phrase, cs, inflect=True), re.IGNORECASE)
            folded = claims._folded(text)
            for at in range(len(text) + 1):
                m = rx.match(text, at)
                if folded is not None and p.plain:
                    assert p.match_at(text, folded, at, len(text)) == (m.end() if m else -1), (phrase, text, at)


def test_key_word_tests_never_rule_out_a_text_naming_a_phrase():
    """``could_match`` lets the extractor drop a sentence without scanning it: it must say
    True for every text in which the phrase set finds a phrase of the group (whatever the
    endings, case, hyphens and neighbours), including the vocabulary's names."""
    import random

    from medlint.claims.phrases import _words

    lexicon = ClaimLexicon(data.lexicon("claims"), LEX._vocabulary)
    mentions, cues = lexicon._mentions, lexicon._cues
    mentions.take_all_pending()
    rng = random.Random(11)
    phrases = [(t, "mention") for t, _ in mentions._specs.values()] + [(t, "cue") for t, _ in cues._specs.values()]
    fillers = ["", "The", "it", "can", "not", "(", "\"", "[1]", "and", "B12", "x-"]
    endings = ["", "s", "es", "'s", "\u2019s", "-like", "."]
    checked = 0
    for text, _ in rng.sample(phrases, 3000) + [p for p in phrases if p[1] == "cue"]:
        for _ in range(2):
            words = text.split()
            shaped = rng.choice(["-", " ", "  ", "\u00a0"]).join(
                w.upper() if rng.random() < 0.2 else w for w in words
            ) + rng.choice(endings)
            sentence = f"{rng.choice(fillers)} {shaped} {rng.choice(fillers)}".strip()
            seen = _words(sentence)
            for phrase_set, group, found in [
                (mentions, "subject", {p.kind for *_, p in mentions.finditer(sentence)} >= {"subject"}),
                (mentions, "effect", {p.kind for *_, p in mentions.finditer(sentence)} >= {"effect"}),
                (cues, "", bool(list(cues.finditer(sentence)))),
            ]:
                if found:
                    checked += 1
                    assert phrase_set.could_match(seen, group), (sentence, group)
    assert checked > 3000


@pytest.mark.parametrize(
    "extra", [[], ["myth -"], [{"text": "Myth -", "case_sensitive": True}, {"text": "ME", "case_sensitive": True}]]
)
def test_opening_anaphor_agrees_with_its_regex(extra):
    import random

    from medlint.claims import phrases as claims

    ana = data.lexicon("claims")["anaphora"]
    lead_items, phrase_items = list(ana["lead_ins"]) + extra, list(ana["phrases"]) + extra
    opening = claims._Opening(claims._Alternation.of(phrase_items), claims._Alternation.of(lead_items))
    lead = f"(?:(?:{_old_alternation([claims._item_text(p) for p in lead_items]).pattern})[\\s,]+)*"
    phrases = _old_alternation([claims._item_text(p) for p in phrase_items]).pattern
    old = re.compile(f"^[\\W_]*{lead}(?P<ana>{phrases})", re.IGNORECASE)
    rng = random.Random(3)
    pieces = [claims._item_text(p)[0] for p in lead_items + phrase_items] + ["B12", "cramps", "_", "**", "Myths", "me"]
    for _ in range(2000):
        text = rng.choice(["", "\"", "_", "(", "- "]) + "".join(
            (rng.choice(pieces).upper() if rng.random() < 0.2 else rng.choice(pieces)) + rng.choice([" ", ", ", ",", "", "-"])
            for _ in range(rng.randint(1, 4))
        )
        m, want = opening.match(text), old.match(text)
        assert (m.span("ana") if m else None) == (want.span("ana") if want else None), text


# ---------------------------------------------------------------------------------------
# Relations (SPEC §9, §12 "Claims"): each its own dimension, with its own cues

RELATIONS = [
    ("Saw palmetto treats an enlarged prostate.", ("saw_palmetto", "treats", "enlarged_prostate", "positive")),
    ("Saw palmetto does not treat an enlarged prostate.", ("saw_palmetto", "treats", "enlarged_prostate", "negative")),
    ("Metformin is used to treat type 2 diabetes.", ("metformin", "treats", "diabetes", "positive")),
    ("Metformin is not used to treat type 1 diabetes.", ("metformin", "treats", "type_1_diabetes", "negative")),
    ("Vitamin C does not prevent colds.", ("vitamin_c", "prevents", "common_cold", "negative")),
    ("Echinacea does nothing to prevent colds.", ("echinacea", "prevents", "common_cold", "negative")),
    ("Paracetamol offers no protection against flu.", ("acetaminophen", "prevents", "flu", "negative")),
    ("Antibiotics are ineffective against colds.", ("antibiotics", "treats", "common_cold", "negative")),
    ("Echinacea is not effective at preventing colds.", ("echinacea", "prevents", "common_cold", "negative")),
    ("Zinc cures the common cold.", ("zinc", "cures", "common_cold", "positive")),
    ("Zinc won't cure your cold.", ("zinc", "cures", "common_cold", "negative")),
    ("Aciclovir treats a cold sore.", ("acyclovir", "treats", "cold_sores", "positive")),
    ("Isotretinoin is not a cure for acne.", ("isotretinoin", "cures", "acne", "negative")),
    ("Statins lower the risk of heart attack.", ("statins", "lowers_risk", "heart_attack", "positive")),
    ("Aspirin does not lower the risk of bowel cancer.", ("aspirin", "lowers_risk", "bowel_cancer", "negative")),
    ("Montelukast can raise the risk of depression.", ("montelukast", "raises_risk", "depression", "positive")),
    ("Ibuprofen does not increase the risk of a heart attack.", ("ibuprofen", "raises_risk", "heart_attack", "negative")),
    ("Ginkgo can improve memory.", ("ginkgo", "improves", "memory", "positive")),
    ("Beta blockers do not worsen asthma.", ("beta_blockers", "worsens", "asthma", "negative")),
    ("Asthma can be made worse by ibuprofen.", ("ibuprofen", "worsens", "asthma", "positive")),
    # the phrasings writers use (issue #13)
    ("Sweating is a known side effect of Zoloft.", ("sertraline", "causes", "sweating", "positive")),
    ("Metformin has not been linked to weight gain.", ("metformin", "causes", "weight_gain", "negative")),
    ("Some people find that lamotrigine can cause weight gain.", ("lamotrigine", "causes", "weight_gain", "positive")),
    ("Amlodipine is not associated with ankle swelling.", ("amlodipine", "causes", "edema", "negative")),
]


@pytest.mark.parametrize("text, expected", RELATIONS, ids=[t for t, _ in RELATIONS])
def test_relations(text, expected):
    assert [(c.subject, c.relation, c.effect, c.stance) for c in claims_of(text)] == [expected]


def test_one_effect_can_be_the_object_of_two_relations():
    claims = claims_of("Probiotics do not prevent diarrhoea caused by antibiotics.")
    assert [(c.subject, c.relation, c.effect, c.stance) for c in claims] == [
        ("probiotics", "prevents", "diarrhea", "negative"), ("antibiotics", "causes", "diarrhea", "positive")]


def test_every_relation_of_the_lexicon_has_a_label():
    assert set(LEX.relations) == {"causes", "prevents", "treats", "cures", "lowers_risk", "raises_risk",
                                  "improves", "worsens"}


# ---------------------------------------------------------------------------------------
# Relations, classes and hints in contradictions

CONTRADICTIONS_2 = [
    # a relation is compared only with itself
    ("Saw palmetto treats an enlarged prostate.", "Saw palmetto does not treat an enlarged prostate.",
     "both claims are about the same case"),
    ("Vitamin C does not prevent colds.", "Vitamin C can cause colds.", None),
    ("Vitamin C does not prevent colds.", "Vitamin C treats colds.", None),
    ("Aspirin does not lower the risk of stroke.", "Aspirin can raise the risk of stroke.", None),
    ("Zinc does not cure colds.", "Zinc cures colds in children.", "state the population (adults or children)"),
    # a class covers its members; a member covers nothing but itself
    ("Triptans do not cause chest tightness.", "Sumatriptan can cause chest tightness.",
     "sumatriptan is one of the triptans; both claims are about the same case"),
    ("Sumatriptan does not cause chest tightness.", "Triptans can cause chest tightness.", None),
    ("Sumatriptan does not cause chest tightness.", "Rizatriptan can cause chest tightness.", None),
    ("Antibiotics do not treat colds.", "Amoxicillin treats colds.", "amoxicillin is one of the antibiotics"),
    ("NSAIDs do not worsen asthma.", "Naproxen can worsen asthma in adults.",
     "naproxen is one of the NSAIDs; state the population (adults or children)"),
    # hints name what separates the claims, not a usual value both could share
    ("Ibuprofen does not cause stomach bleeding.",
     "Taking high doses of ibuprofen tablets can cause stomach bleeding.", "state the dose (standard or high)"),
    ("Ibuprofen does not cause stomach bleeding.",
     "In older adults, ibuprofen tablets can cause stomach bleeding.", "state the population (adults or older adults)"),
    ("Ibuprofen does not cause stomach bleeding.", "Ibuprofen tablets can cause stomach bleeding.",
     "state the route (oral or injection)"),
    ("Levothyroxine does not cause hair loss.", "Levothyroxine can cause hair loss in the first months.",
     "state the duration (short term or long term)"),
    ("Ibuprofen tablets do not cause stomach bleeding.", "Ibuprofen tablets can cause stomach bleeding.",
     "both claims are about the same case (route oral)"),
    ("At the right dose, levothyroxine does not cause bone loss.",
     "Too much levothyroxine can cause bone loss.", None),
    ("Taking a benzodiazepine for a few days does not cause dependence.",
     "Benzodiazepines taken every day for more than four weeks can cause dependence.", None),
    ("St John's wort does not treat depression.", "Hypericum treats mild depression.", "state the severity"),
    ("Aspirin does not lower the risk of bowel cancer.", "Daily low-dose aspirin lowers the risk of bowel cancer.",
     "state the dose (standard or low)"),
]


@pytest.mark.parametrize("first, second, hint", CONTRADICTIONS_2)
def test_contradiction_relations_classes_hints(first, second, hint):
    found = find_contradictions(claims_of(first, second), LEX)
    if hint is None:
        assert found == []
    else:
        assert len(found) == 1, found
        assert found[0][2].startswith(hint), found[0][2]


def test_contradiction_is_a_function_of_two_claims():
    from medlint.claims import contradiction

    neg, pos = claims_of("Triptans do not cause chest tightness.", "Sumatriptan can cause chest tightness.")
    assert contradiction(neg, pos, LEX) == contradiction(pos, neg, LEX) is not None
    assert contradiction(pos, pos, LEX) is None


# ---------------------------------------------------------------------------------------
# The medicine vocabulary (data/vocabulary/medicines.json) as subjects


def test_vocabulary_is_wired_in():
    vocabulary = json.loads((ROOT / "src/medlint/data/vocabulary/medicines.json").read_text(encoding="utf-8"))
    assert len(LEX.subjects) >= 500
    for entry_id in ("sumatriptan", "lamotrigine", "colchicine", "saw_palmetto", "coenzyme_q10"):
        assert entry_id in vocabulary["entries"] and entry_id in LEX.subjects
    assert LEX.classes_of("sumatriptan") == {"triptans"}
    assert {"ssris", "antidepressants"} <= LEX.classes_of("sertraline")
    assert LEX.classes_of("ssris") == {"antidepressants"}  # a sub-class is in the class that includes it


def test_every_vocabulary_entry_is_named_by_its_first_name():
    # A hand-written alias keeps its text ("iron sucrose" is iron, given by injection).
    vocabulary = json.loads((ROOT / "src/medlint/data/vocabulary/medicines.json").read_text(encoding="utf-8"))
    raw = data.lexicon("claims")
    hand_written = {a if isinstance(a, str) else a["text"] for e in raw["subjects"].values() for a in e["aliases"]}
    for entry_id, spec in vocabulary["entries"].items():
        name = spec["names"][0]
        found = [p.id for _, _, _, p in LEX._mentions.finditer(name) if p.kind == "subject"]
        if name in hand_written:
            continue
        assert found == [spec.get("lexicon_id", entry_id)], (entry_id, name, found)


def test_whole_vocabulary_compiles_without_conflicts():
    lexicon = ClaimLexicon(data.lexicon("claims"), LEX._vocabulary)
    lexicon._mentions.take_all_pending()
    assert set(LEX._vocabulary.names) <= lexicon._mentions._taken
    assert len(lexicon._mentions.index) > 5000


def test_compiled_lexicon_is_current():
    from medlint.claims import compiled

    assert compiled.main(["--check"]) == 0, "run: python -m medlint.claims.compiled"


def test_a_stale_compiled_lexicon_is_ignored(monkeypatch):
    from medlint.claims import compiled

    fresh_raw, fresh_vocabulary = compiled.load_shipped()
    real_read = compiled._read

    def edited(parts):  # claims.yaml edited after the compiled file was built
        content = real_read(parts)
        return content + b"\n# edited\n" if parts == compiled.LEXICON_PATH else content

    monkeypatch.setattr(compiled, "_read", edited)
    monkeypatch.setattr(compiled.data, "lexicon", lambda name: {"read": "from the YAML"})
    raw, vocabulary = compiled.load_shipped()
    assert raw == {"read": "from the YAML"}
    assert dict(vocabulary.labels) == dict(fresh_vocabulary.labels)
    assert vocabulary.names == fresh_vocabulary.names


def test_a_hand_written_class_gives_its_members_names_to_them():
    # "lisinopril" was an alias of ACE inhibitors; it is the member now, which the class covers
    (c,) = claims_of("Lisinopril can cause a dry cough.")
    assert c.subject == "lisinopril" and "ace_inhibitors" in LEX.classes_of("lisinopril")
    assert claims_of("ACE inhibitors can cause a cough.")[0].subject == "ace_inhibitors"


def test_a_name_of_a_class_and_a_member_names_the_member_and_the_plural_the_class():
    assert [c.subject for c in claims_of("Penicillin can cause a rash.")] == ["penicillin"]
    assert [c.subject for c in claims_of("Penicillins can cause a rash.")] == ["penicillins"]


def test_vocabulary_names_are_indexed_on_first_sight():
    lexicon = ClaimLexicon(data.lexicon("claims"), LEX._vocabulary)
    assert "sumatriptan" not in lexicon._mentions.trie
    (c,) = extract_claims([SentenceInput("Sumatriptan can cause nausea.")], lexicon)
    assert c.subject == "sumatriptan" and "sumatriptan" in lexicon._mentions.trie
