"""Table-driven cases for medlint.language.stop_taking (the analyser behind stop-taking-unqualified).

A case is the sentences of one paragraph (a list) or one sentence (a string). INVALID
cases list every expected finding as (sentence index, phrase); the phrase is checked
against the returned offsets too.
"""

from __future__ import annotations

import copy

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint import data
from medlint.language.stop_taking import StopAdvice, default_lexicon, find_unqualified_stop_advice

# --- findings ----------------------------------------------------------------------------

INVALID = [
    # imperative
    ("Stop taking your statin.", [(0, "Stop taking your statin")]),
    ("Stop taking statins!", [(0, "Stop taking statins")]),
    ("Quit your meds cold turkey.", [(0, "Quit your meds")]),
    ("Ditch the pills and try yoga instead.", [(0, "Ditch the pills")]),
    ("Drop the blood thinners.", [(0, "Drop the blood thinners")]),
    ("Get off your antidepressants.", [(0, "Get off your antidepressants")]),
    ("Go cold turkey on your antidepressants.", [(0, "Go cold turkey on your antidepressants")]),
    ("Wean yourself off benzodiazepines over a weekend.", [(0, "Wean yourself off benzodiazepines")]),
    ("Give up your statin and eat garlic.", [(0, "Give up your statin")]),
    ("Pause your HRT for the summer.", [(0, "Pause your HRT")]),
    ("Take a break from your antidepressants.", [(0, "Take a break from your antidepressants")]),
    ("Stop your eye drops.", [(0, "Stop your eye drops")]),
    ("Stop the course of antibiotics early.", [(0, "Stop the course of antibiotics")]),
    ("Stop Taking Your Statin", [(0, "Stop Taking Your Statin")]),
    # bullet-style fragment
    ("- Stop the statin for a week", [(0, "Stop the statin")]),
    # the reader as subject
    ("You should stop your blood pressure pills.", [(0, "stop your blood pressure pills")]),
    ("You can skip your evening dose.", [(0, "skip your evening dose")]),
    ("You might want to quit taking melatonin.", [(0, "quit taking melatonin")]),
    # advice frames
    ("Consider quitting your antidepressant.", [(0, "quitting your antidepressant")]),
    ("Try weaning off prednisone.", [(0, "weaning off prednisone")]),
    ("I recommend stopping your statin.", [(0, "stopping your statin")]),
    ("It’s time to ditch your meds.", [(0, "ditch your meds")]),
    ("Don’t be afraid to stop your antidepressant.", [(0, "stop your antidepressant")]),
    # self-directed dose changes
    ("Cut your metformin dose in half.", [(0, "Cut your metformin dose")]),
    ("Halve your insulin dose on exercise days.", [(0, "Halve your insulin dose")]),
    ("Cut back on painkillers.", [(0, "Cut back on painkillers")]),
    (
        "Lower the dose of your blood pressure medication when you feel dizzy.",
        [(0, "Lower the dose of your blood pressure medication")],
    ),
    # needlessness and replacement framing
    ("There's no need to keep taking vitamin D.", [(0, "no need to keep taking vitamin D")]),
    ("There’s no need to keep taking vitamin D.", [(0, "no need to keep taking vitamin D")]),
    # a needlessness phrase with a purpose after the medicine is still stopping advice when
    # the sentence says the reader is on it, or "for" opens a stretch of time
    ("There is no need to continue antibiotics once you feel better.", [(0, "no need to continue antibiotics")]),
    ("There is no point in taking your statin for your heart any more.", [(0, "no point in taking your statin")]),
    ("There is no point in taking the antibiotics for a cold.", [(0, "no point in taking the antibiotics")]),
    ("No need to give paracetamol for more than three days.", [(0, "No need to give paracetamol")]),
    ("There's no point taking statins for the rest of your life.", [(0, "no point taking statins")]),
    ("There's no need to give antibiotics for two weeks.", [(0, "no need to give antibiotics")]),
    ("You don't need to give antibiotics to prevent a relapse any longer.", [(0, "don't need to give antibiotics")]),
    (
        "You don't need to finish the course of antibiotics.",
        [(0, "don't need to finish the course of antibiotics")],
    ),
    ("You don't need to finish the course.", [(0, "don't need to finish the course")]),
    ("You no longer need your inhaler once you start this diet.", [(0, "no longer need your inhaler")]),
    ("Swap your meds for turmeric.", [(0, "Swap your meds")]),
    ("Replace your statin with red yeast rice.", [(0, "Replace your statin")]),
    ("Try turmeric instead of your statin.", [(0, "instead of your statin")]),
    # a pronoun object whose medicine was named just before
    (["Metformin can upset your stomach.", "Stop taking it."], [(1, "Stop taking it")]),
    ("If melatonin gives you nightmares, stop taking it.", [(0, "stop taking it")]),
    # conditions that are not consequences: the advice is in the main clause
    ("Once you feel better, stop your antibiotics.", [(0, "stop your antibiotics")]),
    ("Stop taking melatonin if it gives you nightmares.", [(0, "Stop taking melatonin")]),
    # coordinated imperative; third person with a must/should modal
    ("Eat well and stop your pills.", [(0, "stop your pills")]),
    ("Patients with kidney disease should stop taking ibuprofen.", [(0, "stop taking ibuprofen")]),
    # clinician mentions that do not qualify
    ("Ditch the pills your doctor prescribed.", [(0, "Ditch the pills")]),
    ("You can stop taking vitamin D without asking your doctor.", [(0, "stop taking vitamin D")]),
    (
        "Doctors won't tell you this, but you can stop taking statins.",
        [(0, "stop taking statins")],
    ),
    # label wording without a clinician or emergency help is still unqualified
    ("Stop taking aspirin seven days before surgery.", [(0, "Stop taking aspirin")]),
    # two findings in one sentence; adjacent sentences too far away do not qualify
    (
        "Stop your statin and skip your insulin.",
        [(0, "Stop your statin"), (0, "skip your insulin")],
    ),
    (
        ["Ask your doctor about side effects.", "Statins are safe.", "Quit your statin anyway."],
        [(2, "Quit your statin")],
    ),
    # an inline-code placeholder (U+FFFC) counts as a word between verb and object
    ("Stop taking \ufffc\ufffc pills.", [(0, "Stop taking \ufffc\ufffc pills")]),
    # paraphrases of stopping and skipping (issue #12)
    ("You can leave off the water tablet on hot days.", [(0, "leave off the water tablet")]),
    (
        "Try a month without your reflux tablets and see how you get on.",
        [(0, "Try a month without your reflux tablets")],
    ),
    ("Try two weeks without your omeprazole.", [(0, "Try two weeks without your omeprazole")]),
    ("Go without your antihistamine on low-pollen days.", [(0, "Go without your antihistamine")]),
    (
        "Skip tomorrow's dose of your blood pressure tablet if you feel dizzy.",
        [(0, "Skip tomorrow's dose of your blood pressure tablet")],
    ),
    ("If it keeps you awake, take the patch off at bedtime.", [(0, "take the patch off")]),
    ("It's worth considering coming off amitriptyline too.", [(0, "coming off amitriptyline")]),
    (
        "The best thing you can do for your hormones is to throw out the pill packet.",
        [(0, "throw out the pill")],
    ),
    # dose increases
    (
        "Take an extra puff of your steroid inhaler whenever you feel tight.",
        [(0, "Take an extra puff of your steroid inhaler")],
    ),
    ("Double up on your vitamin C at the first sniffle.", [(0, "Double up on your vitamin C")]),
    ("In a grey month, give them a double dose.", [(0, "give them a double dose")]),
    ("If the first tablet does not work, take another one.", [(0, "take another one")]),
    ("Use an extra lozenge whenever a craving hits.", [(0, "Use an extra lozenge")]),
    # dose changes to a level
    ("If tablets upset your stomach, drop to one every other day.", [(0, "drop to one")]),
    ("If you aren't losing weight, jump straight to the 5 mg pen.", [(0, "jump straight to the 5 mg")]),
    ("You can cut down your preventer to one puff a day.", [(0, "cut down your preventer")]),
    # switches
    (
        "Change over to turmeric capsules instead of your prescribed painkiller.",
        [(0, "instead of your prescribed painkiller")],
    ),
    (
        "Chew two tablets when the burning starts instead of reaching for omeprazole.",
        [(0, "instead of reaching for omeprazole")],
    ),
    ("If cetirizine makes you drowsy, swap it for fexofenadine.", [(0, "swap it")]),
    # a brand name after a medicine was named; a pronoun inside a separable verb
    (["Take a probiotic with your antibiotic.", "Once the course ends, drop the Florastor."],
     [(1, "drop the Florastor")]),
    ("If you have taken co-codamol for months, give it up this week.", [(0, "give it up")]),
    ("Try having a break from your omeprazole for a few weeks.", [(0, "having a break from your omeprazole")]),
    ("Cut down to one pump of gel a day.", [(0, "Cut down to one pump")]),
    (["Nine out of ten gastroenterologists recommend it.", "During a bad flare, take two capsules instead of one."],
     [(1, "take two capsules instead of one")]),
    # a bare "stop" about the medicine just taken
    (["Some people find probiotics helpful.", "Take it for four weeks, and stop if there is no improvement."],
     [(1, "stop")]),
    ("Use the steroid cream twice a day and stop when the rash clears.", [(0, "stop")]),
    (["Nytol contains diphenhydramine.", "Stop using after two weeks."], [(1, "Stop using")]),
    # a question that suggests; a rest for the medicine; a level to cut back to
    ("Why not have a week off your antidepressants and see how you feel?",
     [(0, "have a week off your antidepressants")]),
    ("Give your inhaler a rest over the summer.", [(0, "Give your inhaler a rest")]),
    ("Cut back to one capsule a day after the first month.", [(0, "Cut back to one capsule")]),
    # redirects to people who are not clinicians do not qualify
    (
        "Stop your statin and ask a shop assistant which supplement to buy.",
        [(0, "Stop your statin")],
    ),
    (["Stop taking your blood pressure tablets.", "Ask a friend or our forum."],
     [(0, "Stop taking your blood pressure tablets")]),
    (
        ["Stop taking metformin.", "If you are not sure, our customer care team can help."],
        [(0, "Stop taking metformin")],
    ),
    # everyday idioms for stopping or tapering (a held-out set showed the literal cues missed them)
    ('Let your statin go.', [(0, 'Let your statin go')]),
    ('You can let the antidepressant go once you feel better.', [(0, 'let the antidepressant go')]),
    ('Just let go of the sleeping pills.', [(0, 'let go of the sleeping pills')]),
    ('Wave goodbye to your blood pressure pills.', [(0, 'Wave goodbye to your blood pressure pills')]),
    ("It's time to wave goodbye to your inhaler.", [(0, 'wave goodbye to your inhaler')]),
    ('Wave your sleeping pills goodbye.', [(0, 'Wave your sleeping pills goodbye')]),
    ('Bid farewell to your statin.', [(0, 'Bid farewell to your statin')]),
    ("There's no need to keep refilling the prescription for your statin.", [(0, 'no need to keep refilling the prescription')]),
    ("You don't need to keep refilling your metformin prescription.", [(0, "don't need to keep refilling your metformin prescription")]),
    ("There's no reason to stay on your antidepressant.", [(0, 'no reason to stay on your antidepressant')]),
    ('There is no need to stay on the statin after the age of 75.', [(0, 'no need to stay on the statin')]),
    ("You don't need to stay on omeprazole for life.", [(0, "don't need to stay on omeprazole")]),
    ("Knock a tablet off each week until you're taking none.", [(0, 'Knock a tablet off')]),
    ('Knock one tablet off your prednisone dose each week.', [(0, 'Knock one tablet off')]),
    ('Phase out your blood pressure medication over a month.', [(0, 'Phase out your blood pressure medication')]),
    ('Phase your sleeping pills out over two weeks.', [(0, 'Phase your sleeping pills out')]),
    ('Ease down to half a tablet of your beta blocker.', [(0, 'Ease down to half a tablet')]),
    ('Ease off the painkillers as the pain settles.', [(0, 'Ease off the painkillers')]),
    ('Wean yourself down to one tablet of sertraline.', [(0, 'Wean yourself down to one tablet')]),
    ('Wean down to 25 mg over a fortnight.', [(0, 'Wean down to 25 mg')]),
    ('Cut back to every other day on your levothyroxine.', [(0, 'Cut back to every other day on your levothyroxine')]),
    ('Give your antidepressant a rest for a week.', [(0, 'Give your antidepressant a rest')]),
    ('Take a break from your statin over the holidays.', [(0, 'Take a break from your statin')]),
    # switching to something else instead of the medicine
    ('Switch to magnesium instead of your sleeping pills.', [(0, 'instead of your sleeping pills')]),
    ('Skip the statin altogether and use red yeast rice instead.', [(0, 'Skip the statin')]),
    ('Replace your metformin with berberine.', [(0, 'Replace your metformin')]),
    ('Use turmeric in place of your prescribed ibuprofen.', [(0, 'in place of your prescribed ibuprofen')]),
    ("Switch your antidepressant for St John's wort.", [(0, 'Switch your antidepressant')]),
    # extra or more frequent doses
    ('If the pain persists, take a couple more ibuprofen.', [(0, 'take a couple more ibuprofen')]),
    ('Take a few more puffs of your inhaler.', [(0, 'Take a few more puffs of your inhaler')]),
    ('Take an extra one of your painkillers if needed.', [(0, 'Take an extra one of your painkillers')]),
    ('Double up on your inhaler when you wheeze.', [(0, 'Double up on your inhaler')]),
    ('Take your antihistamine more often in hay fever season.', [(0, 'Take your antihistamine more often')]),
    ('Use your inhaler more often when it is cold.', [(0, 'Use your inhaler more often')]),
    ('Apply the steroid cream twice as often.', [(0, 'Apply the steroid cream twice as often')]),
    ('Take twice as much melatonin on bad nights.', [(0, 'Take twice as much melatonin')]),
    # creams, drops, patches and inhalers
    ('Stop applying the steroid cream after three days.', [(0, 'Stop applying the steroid cream')]),
    ('Stop using the hydrocortisone cream.', [(0, 'Stop using the hydrocortisone cream')]),
    ('You can stop the cream there.', [(0, 'stop the cream')]),
    ("You don't need to bother with the second application of the cream.", [(0, "don't need to bother with the second application of the cream")]),
    ("Don't bother with the eye drops at night.", [(0, "Don't bother with the eye drops")]),
    ('Leave the patch off at weekends.', [(0, 'Leave the patch off')]),
    ('Apply the ointment more often if the rash spreads.', [(0, 'Apply the ointment more often')]),
    # more everyday wordings of the same categories
    ('Say goodbye to your reflux pills for good.', [(0, 'Say goodbye to your reflux pills')]),
    ('Kick the sleeping pills to the curb.', [(0, 'Kick the sleeping pills to the curb')]),
    ('Kiss your inhaler goodbye.', [(0, 'Kiss your inhaler goodbye')]),
    ("There's no point staying on the statin.", [(0, 'no point staying on the statin')]),
    ("Don't bother refilling your statin prescription.", [(0, "Don't bother refilling your statin prescription")]),
    ('Shave a tablet off your dose each week.', [(0, 'Shave a tablet off')]),
    ('Ditch the antacids and drink aloe vera juice instead.', [(0, 'Ditch the antacids')]),
    ('Pop an extra ibuprofen before bed.', [(0, 'Pop an extra ibuprofen')]),
    ('Use the nasal spray three times as often.', [(0, 'Use the nasal spray three times as often')]),
]

# --- not findings ------------------------------------------------------------------------

VALID = [
    # qualified in the same sentence
    "Talk to your doctor before you stop taking metformin.",
    "Stop taking it only under medical supervision.",
    "Don't stop unless your GP tells you to.",
    "Stop taking aspirin seven days before surgery, as directed by your surgeon.",
    "Your doctor may tell you to stop the drug.",
    "Pharmacists say: stop taking the supplement.",
    # qualified in the next or the previous sentence
    ["Stop taking the supplement.", "Check with your pharmacist first."],
    ["Ask your doctor about tapering.", "You may be able to stop taking prednisone slowly."],
    ["Stop your statin.", "Never do this without talking to your doctor."],
    # negated advice
    "Do not stop taking your antibiotics early.",
    "Never skip a dose of insulin.",
    "Never, ever stop your blood thinner on your own.",
    "Do not, under any circumstances, stop your insulin.",
    "You should never stop taking your blood thinner abruptly.",
    "It is dangerous to stop taking beta-blockers suddenly.",
    "Don’t stop taking your antidepressant suddenly.",
    "Avoid skipping doses of your inhaler.",
    # descriptive, third person, first person, past tense
    "Many people stop taking statins because of muscle pain.",
    "Some patients quit their medication when they feel better.",
    "Many people feel better and stop their pills.",
    "Some people skip doses to save money.",
    "She stopped her antidepressants cold turkey.",
    "I stopped taking my pills last year.",
    "“I just quit my meds,” she said.",
    "Side effects may make you want to stop your medication.",
    "Stopping your statin suddenly can be dangerous.",
    "Skipping doses makes antibiotics less effective.",
    # consequence conditionals
    "If you stop taking the pill, your cycle may change.",
    "If you suddenly stop taking sertraline, you may have withdrawal symptoms.",
    # not a medication
    "Stop smoking.",
    "Quit drinking soda.",
    "Stop eating sugar.",
    "Quit smoking to make your medication work better.",
    "Skip breakfast if you take your pills later.",
    "Stop worrying about your pills.",
    "Cut down on sugar.",
    "Lower your insulin levels with exercise.",
    "Reduce your risk of side effects from drugs.",
    "Quit art class.",
    # cue words used as nouns, compounds and unrelated senses
    "The bus stop is next to the pharmacy where you pick up your pills.",
    "Non-stop coughing can be treated with medicine.",
    "Take a pause before you refill your prescription.",
    "A blood pressure drop from your medication can make you dizzy.",
    "Stopping bleeding from a cut may need pressure, not pills.",
    "This medicine can stop working if you skip doses.",
    # label-style safety instructions
    "Stop taking it and call your doctor right away if you get a rash.",
    "Stop using this medicine and get emergency medical help if you have hives or trouble breathing.",
    "If it is almost time for your next dose, skip the missed dose and go back to your schedule.",
    "You can cut the tablets in half if they are hard to swallow.",
    "Throw away expired pills.",
    "Replace your inhaler with a new one when it runs out.",
    # emergency lines count as clinicians
    "If you feel faint, stop taking the tablets and call 111.",
    "If your child swallows any, stop the drops and call poison control.",
    ["Stop the medicine at once.", "Call 911 if your lips swell."],
    # descriptive and temporal clauses, adjectives and nouns that look like verbs
    "You will feel better while you taper the dose down over several weeks.",
    "Lower doses of zinc are found in most multivitamins.",
    "Double doses are dangerous.",
    "Lower dose per tablet",
    "If you take turmeric instead of your statin, your pain may improve.",
    "Take the lid off the bottle.",
    "Take another look at your medicines with your pharmacist.",
    # a report about others, even with a must/should modal after a pronoun
    "Many people worry that they need to stop their blood thinner before a tooth out.",
    # a dose the leaflet allows
    "If it comes back, you can take a second dose after 2 hours, following the leaflet's daily maximum.",
    # a brand name, a pronoun or a separable verb with no medicine named before it
    "Drop the Tuesday meeting.",
    ["Smoking is bad for you.", "Give it up."],
    "Try a week without caffeine.",
    "Use an extra pillow at night.",
    "Use two pillows instead of one.",
    "Take a walk and stop when you are tired.",
    "Stop if you feel dizzy.",
    ["Walking helps.", "Stop using after two weeks."],
    "Stop taking after two weeks.",
    "She takes her pills and stops them in summer.",
    # questions
    "Should you stop taking statins?",
    "Can you stop taking vitamin D in summer?",
    # a pronoun with no medicine named before it
    ["Smoking harms your heart.", "Quit it."],
    # nothing to find
    "",
    "Vitamin B12 helps your body make red blood cells.",
    # traps for the everyday cues: negated, reported, first person, consequence,
    # label schedules, the missed-dose instruction, non-medicines, a clinician near by
    'Do not stop taking your statin.',
    'Never let your antidepressant go without advice.',
    "Don't phase out your blood pressure medication on your own.",
    'Many people wave goodbye to their inhaler in summer.',
    'I let my statin go last year.',
    'She knocked a tablet off each week.',
    'If you phase out your sleeping pills, you may sleep badly for a week.',
    'Take a second dose two weeks after the first.',
    'Take the next dose at the usual time.',
    'If you miss a dose, skip the missed dose and take the next dose at the usual time.',
    'Stop smoking.',
    'Cut back on salt.',
    'Let it go.',
    'Wave goodbye to stress.',
    'Phase out sugary drinks.',
    'Give your legs a rest.',
    'Take a break from work.',
    'Switch to decaf instead of your usual coffee.',
    'Apply the cream twice a day.',
    'Take it more slowly.',
    'Ease down to half a portion of pasta.',
    'Knock a minute off your run each week.',
    'Double up on vegetables.',
    'Stop eating ice cream after dinner.',
    'Stop using sun cream on cloudy days.',
    'Ask your doctor before you phase out your blood pressure medication.',
    ['Talk to your GP.', 'Then phase out your statin over a month.'],
    ['Knock a tablet off each week.', 'Your prescriber will give you a tapering plan.'],
    'Your pharmacist may suggest you stop the cream after a week.',
    'Kiss stress goodbye.',
    'Pop an extra cushion behind your back.',
    'Kick bad habits to the curb.',
    'There is no point staying on the sofa all day.',
    'Shave a minute off your time.',
    'Use the spray three times a day.',
    'Many people kiss their inhaler goodbye in summer.',
    "Don't bother refilling your prescription until your pharmacist reminds you.",
    'If you kick the sleeping pills to the curb, you may sleep badly.',
    'Do not pop an extra painkiller.',
    # not starting a medicine for what it does not treat is not stopping one
    "There is no need to give antibiotics for a cold.",
    "There is no point in taking antibiotics for a cold.",
    "No need to give your child antibiotics for a cold.",
    "There is no point in taking vitamin C to prevent colds.",
    "Don't bother taking cough syrup for a cough that is getting better; honey works as well.",
    "You don't need to give antibiotics for most ear infections.",
    "There's no need to give ibuprofen against a mild fever.",
]


def _as_sentences(case: str | list[str]) -> list[str]:
    return [case] if isinstance(case, str) else list(case)


@pytest.mark.parametrize(("case", "expected"), INVALID, ids=[str(c)[:60] for c, _ in INVALID])
def test_finds_unqualified_stop_advice(case, expected):
    sentences = _as_sentences(case)
    found = find_unqualified_stop_advice(sentences)
    assert [(f.sentence, f.phrase) for f in found] == expected
    for finding in found:
        assert sentences[finding.sentence][finding.start : finding.end] == finding.phrase


@pytest.mark.parametrize("case", VALID, ids=[str(c)[:60] for c in VALID])
def test_no_finding(case):
    assert find_unqualified_stop_advice(_as_sentences(case)) == []


def test_offsets_point_into_the_sentence():
    sentence = "You should stop your blood pressure pills."
    assert find_unqualified_stop_advice([sentence]) == [
        StopAdvice(sentence=0, start=11, end=41, phrase="stop your blood pressure pills")
    ]


def test_qualifier_in_another_paragraph_is_not_seen():
    # The caller passes one paragraph at a time; each call stands alone.
    assert find_unqualified_stop_advice(["Stop taking your statin."])
    assert find_unqualified_stop_advice(["Talk to your doctor first."]) == []


def test_accepts_tuples_and_other_sequences():
    assert len(find_unqualified_stop_advice(("Stop taking your statin.",))) == 1


@pytest.mark.slow
def test_long_sentences_take_linear_time():
    from scaling import assert_linear

    def sentences(n: int) -> list[str]:
        return ["stop your pills, " * n, "without your doctor " * n]

    assert len(find_unqualified_stop_advice(sentences(3000))) == 3000
    # Quadratic context scans took ~30 s here: 10x the text cost 100x.
    assert_linear(lambda n: (lambda s=sentences(n): find_unqualified_stop_advice(s)), 300, 3000)


# --- lexicon and schema ------------------------------------------------------------------


def test_shipped_lexicon_is_valid_against_its_schema():
    lexicon = data.load_yaml_file(
        data.package_path("data", "lexicons", "stop_taking.yaml"), "stop-taking-lexicon"
    )
    assert len(lexicon["medication_objects"]) >= 60 + 30
    assert default_lexicon() == lexicon
    assert default_lexicon() is default_lexicon()


@pytest.mark.parametrize(
    "mutate",
    [
        lambda lex: lex.update(extra_key=["x"]),
        lambda lex: lex["clinician_terms"].append(""),
        lambda lex: lex["clinician_terms"].append(" doctor"),
        lambda lex: lex["medication_objects"].append(3),
        lambda lex: lex.update(discontinuation_verbs=[]),
        lambda lex: lex.update(red_flags="rash"),
        lambda lex: lex.pop("negation_cues"),
    ],
    ids=["unknown key", "empty phrase", "padded phrase", "not a string", "empty core list",
         "not a list", "missing key"],
)
def test_schema_rejects_malformed_lexicons(mutate):
    lexicon = copy.deepcopy(dict(default_lexicon()))
    mutate(lexicon)
    with pytest.raises(data.DataError):
        data.validate(lexicon, "stop-taking-lexicon", "stop_taking.yaml")


def test_schema_is_draft_2020_12_and_strict():
    schema = data.schema("stop-taking-lexicon")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    jsonschema.Draft202012Validator.check_schema(schema)


def _extended(**extra: list[str]) -> dict:
    lexicon = copy.deepcopy(dict(default_lexicon()))
    for key, phrases in extra.items():
        lexicon[key] = lexicon[key] + phrases
    return lexicon


def test_an_extended_lexicon_adds_objects_and_clinicians():
    paragraph = ["Stop taking zorbalux.", "Ask your wound care coordinator."]
    assert find_unqualified_stop_advice(paragraph[:1]) == []
    with_drug = _extended(medication_objects=["zorbalux"])
    assert [f.phrase for f in find_unqualified_stop_advice(paragraph[:1], with_drug)] == [
        "Stop taking zorbalux"
    ]
    assert find_unqualified_stop_advice(paragraph, with_drug)
    with_both = _extended(medication_objects=["zorbalux"], clinician_terms=["wound care coordinator"])
    assert find_unqualified_stop_advice(paragraph, with_both) == []


def test_each_lexicon_object_is_compiled_once():
    from medlint.language import stop_taking

    lexicon = _extended(medication_objects=["zorbalux"])
    find_unqualified_stop_advice(["Stop taking zorbalux."], lexicon)
    compiled = stop_taking._compiled(lexicon)
    find_unqualified_stop_advice(["Stop taking zorbalux."], lexicon)
    assert stop_taking._compiled(lexicon) is compiled
    assert stop_taking._compiled(default_lexicon()) is stop_taking._compiled(default_lexicon())


def test_fast_paths_find_what_the_general_paths_find():
    # A verb that is not a plain word ("bin-off") turns off the ASCII pre-check and the
    # per-word cue regexes; "bïn" (not ASCII) leaves only the anchor-word part of the pre-check.
    for extra in ("bin-off", "bïn"):
        general = _extended(discontinuation_verbs=[extra])
        for case in [case for case, _ in INVALID] + VALID:
            sentences = _as_sentences(case)
            expected = find_unqualified_stop_advice(sentences)
            assert find_unqualified_stop_advice(sentences, general) == expected, case


def test_capitalised_entries_match_case_sensitively():
    assert find_unqualified_stop_advice(["Stop your ART if you feel sick."])
    assert find_unqualified_stop_advice(["Stop your art if you feel sick."]) == []


def test_lexicon_yaml_has_no_duplicate_phrases():
    raw = yaml.safe_load(
        data.package_path("data", "lexicons", "stop_taking.yaml").read_text(encoding="utf-8")
    )
    for key, phrases in raw.items():
        assert len(phrases) == len(set(phrases)), key


# --- properties --------------------------------------------------------------------------

_VOCAB = [
    "stop", "Stop", "taking", "stopped", "quit", "skip", "don't", "Don’t", "never", "you",
    "should", "your", "the", "pills", "statin", "insulin", "dose", "vitamin", "D", "doctor",
    "if", "and", "it", "smoking", "no", "need", "to", "keep", "instead", "of", "swap", "for",
    "many", "people", "I", ",", ".", "?", "\"", "“", "”", "—", "-", "\ufffc", "cut", "half",
    "off", "wean", "of", "course", "finish", "consider", "quitting", "a", "missed", "them",
    "leave", "take", "an", "extra", "another", "one", "drop", "up", "give", "try", "month",
    "without", "patch", "Florastor", "5", "mg", "swap", "if", "call", "111", "Lower", "doses",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.lists(st.sampled_from(_VOCAB), max_size=25).map(" ".join),
        ),
        max_size=5,
    )
)
def test_never_raises_and_spans_are_exact(sentences):
    found = find_unqualified_stop_advice(sentences)
    for finding in found:
        assert 0 <= finding.sentence < len(sentences)
        text = sentences[finding.sentence]
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.phrase == text[finding.start : finding.end]
