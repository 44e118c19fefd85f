#!/usr/bin/env python3
"""Deterministic benchmark-corpus generator for medlint.

Writes realistic consumer-health articles (YAML front matter + Markdown):
headings, paragraphs built from a few hundred sentence templates over a
vocabulary of health topics, bullet and numbered lists, one table, block
quotes, inline citation markers (single, grouped and ranged), optional
footnotes, a ``## References`` section and a ``## Medical disclaimer``.

A configurable share of articles (``--defect-rate``, default 0.10) gets one
planted defect, chosen from: bare URL, unresolved citation marker, uncited
statistic, unqualified stop-taking advice, contradicting claim pair,
absolute claim, dose with an implausible unit. Every planted defect is
recorded (rule, line, column) in ``OUT_DIR/manifest.json``; clean articles
are meant to produce no findings.

Usage::

    python bench/generate_corpus.py OUT_DIR --articles 1000 --seed 1 [--words 1100]
    python bench/generate_corpus.py OUT_DIR --big-article 5 --seed 1

Same arguments -> byte-identical output (pure stdlib, ``random.Random``
seeded per article from a string, which does not depend on PYTHONHASHSEED).
Articles go to ``OUT_DIR/batch-NNNN/article-NNNNN.md``, ``--per-folder``
(default 50) per folder. ``--big-article MB`` writes a single clean article
of at least MB mebibytes to ``OUT_DIR/big-article.md`` instead of a corpus
(unless ``--articles`` is also given explicitly, then both are written).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

# Each topic: how to name it, its unit and plausible doses, what it is used
# for, foods, signs of shortage, groups at risk, known side effects, an
# implausible unit (for the dose defect) and a contradiction pair effect.
TOPICS: list[dict] = [
    dict(name="vitamin B12", short="B12", kind="supplement", unit="mcg",
         doses=["2.4", "25", "100", "250", "500", "1000"], wrong_unit="mg",
         role="keeps your nerves and red blood cells healthy",
         uses=["tiredness from low B12", "B12 deficiency anemia"],
         foods=["meat", "fish", "eggs", "milk", "yogurt", "fortified breakfast cereals"],
         signs=["tiredness", "pins and needles", "a sore, red tongue", "memory problems", "pale skin"],
         groups=["older adults", "vegans", "people who take metformin", "people who have had stomach surgery"],
         side_effects=["mild diarrhea", "itching", "acne"],
         clash="cramps", org_page="VitaminB12"),
    dict(name="vitamin D", short="vitamin D", kind="supplement", unit="IU",
         doses=["400", "600", "800", "1000", "2000"], wrong_unit="mg",
         role="helps your body absorb calcium and keeps bones strong",
         uses=["bone health", "low vitamin D levels"],
         foods=["oily fish", "egg yolks", "fortified milk", "mushrooms grown under UV light"],
         signs=["bone pain", "muscle weakness", "tiredness"],
         groups=["older adults", "people with dark skin", "people who spend little time outdoors", "breastfed babies"],
         side_effects=["nausea", "high calcium levels", "kidney stones"],
         clash="kidney stones", org_page="VitaminD"),
    dict(name="magnesium", short="magnesium", kind="supplement", unit="mg",
         doses=["100", "200", "250", "310", "350"], wrong_unit="g",
         role="helps your muscles, nerves and heartbeat work well",
         uses=["sleep", "muscle cramps", "constipation"],
         foods=["spinach", "almonds", "pumpkin seeds", "beans", "whole grains", "dark chocolate"],
         signs=["muscle twitches", "tiredness", "loss of appetite"],
         groups=["people with type 2 diabetes", "older adults", "people who drink a lot of alcohol"],
         side_effects=["diarrhea", "nausea", "stomach cramps"],
         clash="diarrhea", org_page="Magnesium"),
    dict(name="iron", short="iron", kind="supplement", unit="mg",
         doses=["8", "18", "27", "45", "65"], wrong_unit="g",
         role="helps your red blood cells carry oxygen",
         uses=["iron deficiency anemia", "heavy periods"],
         foods=["red meat", "beans", "lentils", "tofu", "spinach", "fortified cereals"],
         signs=["tiredness", "shortness of breath", "pale skin", "brittle nails", "headaches"],
         groups=["people with heavy periods", "pregnant people", "young children", "frequent blood donors"],
         side_effects=["constipation", "an upset stomach", "dark stools"],
         clash="constipation", org_page="Iron"),
    dict(name="zinc", short="zinc", kind="supplement", unit="mg",
         doses=["8", "11", "15", "25", "40"], wrong_unit="g",
         role="helps your immune system work and wounds heal",
         uses=["colds", "wound healing"],
         foods=["shellfish", "red meat", "beans", "nuts", "whole grains"],
         signs=["slow wound healing", "loss of taste", "hair loss"],
         groups=["vegetarians", "people with gut conditions", "older adults"],
         side_effects=["nausea", "a bad taste", "stomach upset"],
         clash="nausea", org_page="Zinc"),
    dict(name="folic acid", short="folic acid", kind="supplement", unit="mcg",
         doses=["400", "600", "800"], wrong_unit="mg",
         role="helps your body make new cells",
         uses=["pregnancy planning", "folate deficiency"],
         foods=["leafy greens", "beans", "oranges", "fortified bread"],
         signs=["tiredness", "a sore tongue", "mouth ulcers"],
         groups=["people planning a pregnancy", "people with gut conditions", "people who drink a lot of alcohol"],
         side_effects=["bloating", "nausea", "loss of appetite"],
         clash="nausea", org_page="Folate"),
    dict(name="calcium", short="calcium", kind="supplement", unit="mg",
         doses=["500", "600", "1000", "1200"], wrong_unit="g",
         role="builds strong bones and teeth",
         uses=["bone health", "osteoporosis"],
         foods=["milk", "cheese", "yogurt", "tofu", "kale", "canned fish with bones"],
         signs=["muscle spasms", "tingling in the fingers", "weak bones"],
         groups=["women after menopause", "teenagers", "people who avoid dairy"],
         side_effects=["constipation", "bloating", "gas"],
         clash="constipation", org_page="Calcium"),
    dict(name="vitamin C", short="vitamin C", kind="supplement", unit="mg",
         doses=["75", "90", "200", "500", "1000"], wrong_unit="g",
         role="helps wounds heal and helps you absorb iron",
         uses=["colds", "iron absorption"],
         foods=["oranges", "kiwi fruit", "strawberries", "peppers", "broccoli"],
         signs=["bleeding gums", "slow wound healing", "tiredness"],
         groups=["people who smoke", "people with a limited diet"],
         side_effects=["diarrhea", "nausea", "stomach cramps"],
         clash="diarrhea", org_page="VitaminC"),
    dict(name="melatonin", short="melatonin", kind="supplement", unit="mg",
         doses=["0.5", "1", "2", "3", "5"], wrong_unit="g",
         role="helps set your sleep and wake cycle",
         uses=["jet lag", "trouble falling asleep"],
         foods=["tart cherries", "oats", "walnuts"],
         signs=["trouble falling asleep", "waking early"],
         groups=["shift workers", "people with jet lag", "older adults"],
         side_effects=["headache", "daytime sleepiness", "dizziness"],
         clash="headache", org_page="Melatonin"),
    dict(name="omega-3 fish oil", short="fish oil", kind="supplement", unit="mg",
         doses=["250", "500", "1000"], wrong_unit="g",
         role="supports heart and brain health",
         uses=["heart health", "high triglycerides"],
         foods=["salmon", "sardines", "mackerel", "walnuts", "flaxseed"],
         signs=["dry skin", "dry eyes"],
         groups=["people who eat little fish", "people with high triglycerides"],
         side_effects=["a fishy aftertaste", "heartburn", "loose stools"],
         clash="heartburn", org_page="Omega3FattyAcids"),
    dict(name="atorvastatin", short="your statin", kind="medicine", unit="mg",
         doses=["10", "20", "40", "80"], wrong_unit="g",
         role="lowers LDL cholesterol",
         uses=["high cholesterol", "heart disease prevention"],
         foods=["oats", "beans", "nuts", "olive oil"],
         signs=["no symptoms in most people"],
         groups=["people with diabetes", "people who have had a heart attack", "people with a strong family history"],
         side_effects=["muscle aches", "headache", "an upset stomach"],
         clash="muscle pain", org_page=None),
    dict(name="metformin", short="metformin", kind="medicine", unit="mg",
         doses=["500", "850", "1000", "2000"], wrong_unit="g",
         role="lowers blood sugar in type 2 diabetes",
         uses=["type 2 diabetes", "prediabetes"],
         foods=["vegetables", "whole grains", "beans"],
         signs=["thirst", "passing urine often", "tiredness"],
         groups=["people with type 2 diabetes"],
         side_effects=["diarrhea", "nausea", "a metallic taste"],
         clash="diarrhea", org_page=None),
    dict(name="amlodipine", short="amlodipine", kind="medicine", unit="mg",
         doses=["2.5", "5", "10"], wrong_unit="g",
         role="relaxes blood vessels to lower blood pressure",
         uses=["high blood pressure", "angina"],
         foods=["vegetables", "fruit", "low-fat dairy"],
         signs=["headaches", "no symptoms in most people"],
         groups=["adults with high blood pressure"],
         side_effects=["swollen ankles", "flushing", "headache"],
         clash="swollen ankles", org_page=None),
    dict(name="omeprazole", short="omeprazole", kind="medicine", unit="mg",
         doses=["10", "20", "40"], wrong_unit="g",
         role="lowers the amount of acid your stomach makes",
         uses=["heartburn", "acid reflux", "stomach ulcers"],
         foods=["smaller meals", "less spicy food"],
         signs=["heartburn", "a sour taste", "trouble swallowing"],
         groups=["people with reflux", "people who take anti-inflammatory painkillers"],
         side_effects=["headache", "diarrhea", "stomach pain"],
         clash="headache", org_page=None),
    dict(name="cetirizine", short="cetirizine", kind="medicine", unit="mg",
         doses=["5", "10"], wrong_unit="g",
         role="blocks histamine to ease allergy symptoms",
         uses=["hay fever", "hives", "itchy eyes"],
         foods=["local honey (as a food, not a treatment)"],
         signs=["sneezing", "an itchy nose", "watery eyes"],
         groups=["people with hay fever", "people with pet allergies"],
         side_effects=["drowsiness", "a dry mouth", "headache"],
         clash="drowsiness", org_page=None),
    dict(name="ibuprofen", short="ibuprofen", kind="medicine", unit="mg",
         doses=["200", "400"], wrong_unit="g",
         role="eases pain and swelling",
         uses=["back pain", "period pain", "sprains"],
         foods=["a meal or a glass of milk"],
         signs=["pain", "swelling"],
         groups=["adults with short-term pain"],
         side_effects=["heartburn", "an upset stomach", "dizziness"],
         clash="heartburn", org_page=None),
]

FIRST = ["Dana", "Marcus", "Sofia", "Priya", "James", "Helen", "Aisha", "Tomas", "Grace", "Omar",
         "Lena", "Kwame", "Mei", "Rosa", "Arjun", "Clara", "Samuel", "Ines", "Yusuf", "Hannah"]
LAST = ["Whitfield", "Lee", "Marin", "Raman", "Whitaker", "Okafor", "Bello", "Novak", "Chen", "Haddad",
        "Fischer", "Mensah", "Tanaka", "Alvarez", "Patel", "Moreau", "Adeyemi", "Costa", "Demir", "Berg"]
SPECIALTIES = ["", "", ", Internal Medicine", ", Family Medicine", ", Cardiology", ", Nutrition",
               ", Pharmacology", ", Endocrinology"]
CLINICIANS = ["doctor", "pharmacist", "GP", "nurse", "healthcare provider", "care team", "dietitian"]
HABITS = ["eat plenty of vegetables and fruit", "be active most days", "sleep seven to nine hours a night",
          "drink enough water", "limit alcohol", "keep a healthy weight", "eat whole grains",
          "take short walks after meals", "keep regular meal times", "spend time outdoors"]
TIMES = ["in the morning", "with breakfast", "with your evening meal", "at the same time each day",
         "with a glass of water", "with food"]
PERIODS = ["a few weeks", "two to three months", "several months", "a year or more"]
JOURNALS = ["Journal of Nutrition", "BMJ", "The Lancet", "JAMA", "American Journal of Clinical Nutrition",
            "Cochrane Database of Systematic Reviews", "Annals of Internal Medicine", "Nutrients",
            "British Journal of General Practice", "Journal of General Internal Medicine"]
STUDY_KINDS = ["randomised trial", "cohort study", "systematic review", "meta-analysis", "cross-sectional study"]
AUDIENCES = ["patient", "patient", "general", "caregiver"]

# --------------------------------------------------------------------------
# Sentence templates (slots are filled from the topic and small word lists).
# Templates whose key ends in "_cited" state a statistic or an evidence claim
# and are always given a citation marker.
# --------------------------------------------------------------------------

T: dict[str, list[str]] = {}

T["intro"] = [
    "Many people have questions about {name}.",
    "{Name} {role}.",
    "This guide explains what {name} does and how to use it well.",
    "You may have seen {name} on a shop shelf or heard about it from a friend.",
    "It is worth knowing the basics before you start.",
    "Here is what the evidence says, in plain words.",
    "Some people need more {short} than others.",
    "Knowing the facts can help you talk with your {clin}.",
    "This article covers the main points in simple steps.",
    "Most people can learn what they need in a few minutes.",
    "We also explain when it is time to get help.",
    "{Name} is often used for {use}.",
    "People ask about {name} for many reasons.",
    "The answer is not the same for everyone.",
    "Read on to find out what may suit you.",
]

T["what"] = [
    "{Name} {role}.",
    "Your body uses {short} every day.",
    "{Name} is used for {use} and {use2}.",
    "It comes as tablets, capsules or liquids.",
    "Some forms are easier to take than others.",
    "The label tells you how much is in each dose.",
    "Products can differ a lot in strength.",
    "It is one of the most widely used products of its kind.",
    "You can buy some forms at a pharmacy.",
    "Other forms need a prescription.",
    "A small amount goes a long way.",
    "The body handles {short} in a few steps.",
    "Too little or too much can cause problems.",
    "Your needs change with age and health.",
    "Reading the label is a good first step.",
]

T["how"] = [
    "After you take it, {short} is absorbed in the gut.",
    "It then travels in the blood to where it is needed.",
    "Some of it is stored, and some leaves the body.",
    "How well it works depends on the dose and the person.",
    "Food can change how much your body takes in.",
    "Timing can matter for some people.",
    "It may take {period} to notice a change.",
    "Blood tests can show if your level is in range.",
    "Your kidneys and liver help clear what you do not need.",
    "Other medicines can change how it works.",
    "The effect is often small but steady.",
    "Results vary from person to person.",
    "Some people feel a difference sooner than others.",
    "Taking it {time} can help you remember it.",
    "Regular use tends to work better than taking it now and then.",
]

T["who"] = [
    "Some groups are more likely to need {short}.",
    "These include {group} and {group2}.",
    "{Group_cap} often need extra care.",
    "Your {clin} can tell you if you are in one of these groups.",
    "Needs can rise during illness or recovery.",
    "Age can change how your body uses {short}.",
    "People with long-term conditions may need a check.",
    "A simple test can often settle the question.",
    "If you are not sure, ask at your next visit.",
    "Family history can play a part too.",
    "Diet and lifestyle also matter.",
    "Some people have no signs at all.",
]

T["food"] = [
    "Good food sources include {food} and {food2}.",
    "A varied diet gives most people what they need.",
    "{Food_cap} is an easy way to add more to your meals.",
    "Try adding {food} to a meal a few times a week.",
    "Cooking can change how much of a nutrient is left in food.",
    "Fresh and frozen foods can both be good choices.",
    "Labels on packaged foods can help you choose.",
    "Some foods have nutrients added to them.",
    "Eating a mix of foods is better than relying on one.",
    "Small changes to your shopping list can add up.",
    "Plan a few meals ahead to make it easier.",
    "Snacks can be a chance to add {food2}.",
]

T["dose"] = [
    "A common dose is {dose} a day.",
    "Many products contain {dose} per tablet.",
    "Some people take {dose} {time}.",
    "Your {clin} may suggest {dose} for a while.",
    "Do not take more than the label says.",
    "Check the label for the amount in each dose.",
    "If you take more than one product, add up the total.",
    "Children need smaller amounts than adults.",
    "Your dose may change after a blood test.",
    "Use the measuring spoon or cup that comes with a liquid.",
    "Keep a note of each dose if you find it hard to remember.",
    "If you miss a dose, take it when you remember, unless the next one is due soon.",
]

T["research_cited"] = [
    "Studies show that {group} are more likely to have low levels.",
    "Research suggests that {name} may help with {use} in some people.",
    "About {pct}% of {group} in one survey had low levels.",
    "In one {study}, about {pct}% of people reported {se}.",
    "A {study} found a small benefit for {use}.",
    "A review of trials found mixed results for {use}.",
    "People with low levels were {n} times more likely to report {sign} in one {study}.",
    "Studies show that the effect is small for most people.",
    "Research suggests that food sources work as well as tablets for many people.",
    "One {study} followed people for {period} and found a modest change.",
    "Trials in {group} have found a small effect on {use}.",
    "About {pct}% of adults take a product like this, according to one survey.",
    "Most trials were small, and some were short.",
    "Larger trials are needed to be sure.",
    "The quality of the evidence is low to moderate.",
    "Results in older adults and younger adults may differ.",
    "Some trials were paid for by companies that sell the product.",
    "Research on {use} is still at an early stage.",
    "Experts do not all agree on the best dose.",
    "A {study} compared {name} with a dummy pill.",
]

T["side"] = [
    "Some people get side effects, such as {se} or {se2}.",
    "Side effects are usually mild.",
    "High doses of {name} can cause {se}.",
    "{Name} can cause {se2} in some people.",
    "Taking it with food may ease stomach upset.",
    "Tell your {clin} if a side effect bothers you.",
    "Most side effects fade after a few days.",
    "A lower dose may help, but ask your {clin} first.",
    "Rare side effects can be more serious.",
    "Get help right away if you have trouble breathing or swelling of the face.",
    "Keep a note of any new symptoms and when they started.",
    "Some side effects are more likely in {group}.",
    "It can be hard to tell a side effect from a new illness.",
    "Your {clin} can help you sort out the cause.",
    "Report side effects through your local reporting scheme if you can.",
]

T["interact"] = [
    "{Name} can interact with other medicines.",
    "Tell your {clin} about every medicine and supplement you take.",
    "Some products should be taken a few hours apart.",
    "Your {clin} can tell you how far apart to take them.",
    "Alcohol can make some side effects worse.",
    "Some herbal products can change how medicines work.",
    "Keep an up-to-date list of your medicines.",
    "Bring your list to every appointment.",
    "Check with your {clin} before you start anything new.",
    "Grapefruit juice can change the level of some medicines.",
    "Antacids can lower how much of some products you absorb.",
    "A {clin} can review your list once a year.",
]

T["tips"] = [
    "Take it {time}.",
    "Set a reminder on your phone.",
    "Keep it in a cool, dry place.",
    "Store it out of reach of children.",
    "Check the expiry date.",
    "Use a pill box if you take several products.",
    "Keep the leaflet that came in the pack.",
    "Buy from a trusted pharmacy or shop.",
    "Look for products tested by an independent lab.",
    "Write down any questions for your next visit.",
    "Bring the pack with you to appointments.",
    "Ask your {clin} if the timing matters for you.",
    "Talk to your {clin} before you stop or change any medicine.",
    "Keep a simple diary of how you feel.",
    "Make one change at a time so you can see what helps.",
]

T["life"] = [
    "Healthy habits help too.",
    "Try to {habit}.",
    "It also helps to {habit2}.",
    "Small steps are easier to keep up.",
    "Pick one habit to work on this week.",
    "Friends and family can help you stay on track.",
    "Progress is often slow but steady.",
    "Being active most days is good for almost everyone.",
    "Sleep and stress can affect how you feel.",
    "A balanced plate has vegetables, protein and whole grains.",
    "Cooking at home gives you more control over what you eat.",
    "Water is the best drink for most people.",
    "Regular checkups help you spot problems early.",
    "Even a short walk can lift your mood.",
    "Make changes that fit your life.",
]

T["see"] = [
    "See your {clin} if your symptoms get worse.",
    "Get medical help quickly if you feel very unwell.",
    "Call your {clin} if you notice {sign} that does not go away.",
    "Ask for an urgent appointment if you are worried.",
    "Call emergency services if you have chest pain or trouble breathing.",
    "Your {clin} can check for other causes.",
    "A blood test may be needed.",
    "Do not wait if something feels badly wrong.",
    "It is always fine to ask for advice.",
    "Bring a list of your symptoms and medicines.",
    "Pregnant people should talk to their {clin} before taking new products.",
    "Children should be checked by a {clin} if they seem unwell.",
]

T["myth"] = [
    "More {short} is always better.",
    "Natural products are always safe.",
    "If a little helps, a lot will help more.",
    "You can get everything you need from one tablet.",
    "You only need {short} when you feel ill.",
    "Everyone should take {name} every day.",
    "Expensive brands always work better.",
    "You will feel the effect on the first day.",
]

T["rebut"] = [
    "This is not what the evidence shows.",
    "The truth is more careful than that.",
    "For most people, the right amount matters more than the brand.",
    "Needs differ from person to person.",
    "A balanced diet is still the base of good health.",
    "It is best to check with your {clin}.",
    "Taking more than you need can cause problems.",
    "The effect, if any, usually builds slowly.",
]

T["quote"] = [
    "I kept a simple diary, and it helped my {clin} see the pattern.",
    "Once I set a reminder, I remembered my tablets every evening.",
    "I was worried at first, but asking my {clin} put my mind at rest.",
    "Small changes to my meals made a real difference for me.",
]

T["tipquote"] = [
    "Keep a list of everything you take, and show it to your {clin} at each visit.",
    "Take {short} {time} so it becomes part of your routine.",
    "If you are not sure about a product, ask your {clin} before you buy it.",
    "Store medicines and supplements out of sight and reach of children.",
]

T["bridge"] = [
    "Here is what that means for you.",
    "The next section explains more.",
    "This is worth keeping in mind.",
    "That can make a real difference.",
    "It helps to know what to look for.",
    "Everyone is different.",
    "Your own needs may differ.",
    "There is more to learn.",
    "This is a common question.",
    "The details matter here.",
]

FOOTNOTES = [
    "A dummy pill, or placebo, looks like the real product but has nothing active in it.",
    "A meta-analysis pools the results of several studies to get a clearer answer.",
    "Blood levels can change from day to day, so one test may not tell the whole story.",
    "Labels may list amounts per serving, and a serving can be more than one tablet.",
    "Fortified foods have vitamins or minerals added during making.",
]

SECTIONS = [
    ("what", "What is {name}?"),
    ("how", "How {name} works"),
    ("who", "Who may need {short}"),
    ("food", "Food sources"),
    ("dose", "How much to take"),
    ("research", "What the research says"),
    ("side", "Possible side effects"),
    ("interact", "Medicines and interactions"),
    ("tips", "Tips for taking {name}"),
    ("life", "Everyday habits that help"),
    ("myths", "Myths and facts"),
]
# Sentence families used to fill a section's paragraphs.
FILL = {
    "what": ["what", "what", "bridge"],
    "how": ["how", "how", "bridge"],
    "who": ["who", "who", "bridge"],
    "food": ["food", "food", "life"],
    "dose": ["dose", "dose", "tips"],
    "research": ["research_cited", "research_cited", "bridge"],
    "side": ["side", "side", "bridge"],
    "interact": ["interact", "interact", "bridge"],
    "tips": ["tips", "tips", "life"],
    "life": ["life", "life", "bridge"],
    "myths": ["rebut", "life", "bridge"],
    "more": ["what", "how", "life", "tips", "side", "bridge"],
}

DISCLAIMERS = [
    "This article is for informational purposes only and is not a substitute for professional medical advice. "
    "Talk to your {clin} about your own health.",
    "The information here is for informational purposes only. It is not a substitute for professional medical "
    "advice, diagnosis or treatment.",
    "This content is for informational purposes only and should not replace professional medical advice. "
    "Ask your {clin} about any questions you have.",
]

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def slugify(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


@dataclass
class Para:
    """A prose paragraph: sentences, each with optional marker text."""
    sentences: list[str]
    markers: list[str | None]
    cite_all: bool = True  # False: must stay marker-free (uncited-statistic defect)

    def render(self) -> str:
        out = []
        for s, m in zip(self.sentences, self.markers):
            if m:
                s = s[:-1] + f" {m}" + s[-1]
            out.append(s)
        return " ".join(out)


@dataclass
class Ctx:
    rng: random.Random
    topic: dict
    n_refs: int
    ref_cursor: int = 0
    cited: set = field(default_factory=set)
    used: set = field(default_factory=set)
    avoid_effect: str | None = None  # keep clean sentences off the planted contradiction's effect

    def fill(self, tpl: str) -> str:
        t, r = self.topic, self.rng

        def pick(key: str) -> str:
            return r.choice(t[key])
        two = {}

        def val(name: str) -> str:
            base = name.lower().replace("_cap", "")
            if base in ("name",):
                v = t["name"]
            elif base == "short":
                v = t["short"]
            elif base == "role":
                v = t["role"]
            elif base in ("use", "use2"):
                v = two.setdefault(base, pick("uses") if base == "use" else
                                   r.choice([u for u in t["uses"] if u != two.get("use")] or t["uses"]))
            elif base in ("food", "food2"):
                v = two.setdefault(base, pick("foods") if base == "food" else
                                   r.choice([u for u in t["foods"] if u != two.get("food")] or t["foods"]))
            elif base in ("group", "group2"):
                v = two.setdefault(base, pick("groups") if base == "group" else
                                   r.choice([u for u in t["groups"] if u != two.get("group")] or t["groups"]))
            elif base in ("se", "se2"):
                pool = [u for u in t["side_effects"] if u != self.avoid_effect] or ["headache"]
                v = two.setdefault(base, r.choice(pool) if base == "se" else
                                   r.choice([u for u in pool if u != two.get("se")] or pool))
            elif base == "sign":
                v = pick("signs")
            elif base == "dose":
                v = f"{pick('doses')} {t['unit']}"
            elif base == "clin":
                v = r.choice(CLINICIANS)
            elif base in ("habit", "habit2"):
                v = r.choice(HABITS)
            elif base == "time":
                v = r.choice(TIMES)
            elif base == "period":
                v = r.choice(PERIODS)
            elif base == "study":
                v = r.choice(STUDY_KINDS)
            elif base == "pct":
                v = str(r.randint(5, 60))
            elif base == "n":
                v = r.choice(["two", "three", "1.5", "2.5"])
            else:  # pragma: no cover - template typo
                raise KeyError(name)
            if name[0].isupper() or name.endswith("_cap"):
                v = cap(v)
            return v
        return _SLOT.sub(lambda m: val(m.group(1)), tpl)

    def next_marker(self, allow_group: bool = True) -> str:
        """First cycle through every reference once, then pick at random."""
        r = self.rng
        if self.ref_cursor < self.n_refs:
            self.ref_cursor += 1
            nums = [self.ref_cursor]
            if allow_group and self.ref_cursor < self.n_refs and r.random() < 0.2:
                self.ref_cursor += 1
                nums.append(self.ref_cursor)
        else:
            a = r.randint(1, self.n_refs)
            nums = [a]
            if allow_group and r.random() < 0.15 and a + 2 <= self.n_refs:
                self.cited.update(range(a, a + 3))
                return f"[{a}–{a + 2}]"  # range with an en dash
        self.cited.update(nums)
        return "[" + ", ".join(map(str, nums)) + "]"


def _pick_template(ctx: Ctx, fam: str, local: set | None = None) -> str:
    """A template of family `fam`, preferring ones not yet used in this article
    and never one already used in the same paragraph (`local`)."""
    r = ctx.rng
    local = local if local is not None else set()
    pool = T[fam]
    if ctx.topic["kind"] == "medicine":  # "low levels" and "need more X" only make sense for nutrients
        pool = [t for t in pool if "low levels" not in t and "need more" not in t] or pool
    fresh = [t for t in pool if (fam, t) not in ctx.used and t not in local]
    if not fresh:  # family exhausted (long or big articles): allow repeats again
        for t in pool:
            ctx.used.discard((fam, t))
        fresh = [t for t in pool if t not in local] or pool
    tpl = r.choice(fresh)
    local.add(tpl)
    ctx.used.add((fam, tpl))
    return tpl


def make_para(ctx: Ctx, families: list[str], n_sent: int, cite_prob: float = 0.35) -> Para:
    """A paragraph: mostly sentences of the section's main family, sometimes one
    sentence of a secondary family, and at most one short bridge at the end."""
    r = ctx.rng
    main, extra = families[0], families[1:]
    fams = [main] * n_sent
    if extra and n_sent > 2 and r.random() < 0.4:
        fams[r.randrange(1, n_sent)] = r.choice([f for f in extra if f != "bridge"] or [main])
    if "bridge" in extra and r.random() < 0.15:
        fams.append("bridge")
    sents: list[str] = []
    marks: list[str | None] = []
    local: set = set()
    for fam in fams:
        sents.append(ctx.fill(_pick_template(ctx, fam, local)))
        marks.append(ctx.next_marker() if fam.endswith("_cited") else None)
    if not any(marks) and r.random() < cite_prob:
        i = r.randrange(len(sents))
        marks[i] = ctx.next_marker()
    return Para(sents, marks)


LIST_INTROS = {
    "signs": ["Common signs include:", "You may notice:", "Signs to watch for include:"],
    "foods": ["Good choices include:", "Foods to try:", "Good sources include:"],
    "groups": ["Groups that may need more include:", "People at higher risk include:", "This includes:"],
    "habits": ["Things that can help include:", "Simple habits:", "Try these steps:"],
    "tips": ["Some simple steps:", "Points to remember:", "Practical tips:"],
}


def make_list(ctx: Ctx, kind: str) -> list[str]:
    """An intro line, a blank line and the list items."""
    return [ctx.rng.choice(LIST_INTROS[kind]), "", *_list_items(ctx, kind)]


def _list_items(ctx: Ctx, kind: str) -> list[str]:
    r, t = ctx.rng, ctx.topic
    if kind == "signs":
        items = r.sample(t["signs"], min(len(t["signs"]), r.randint(2, 4)))
        return [f"- {i}" for i in items]
    if kind == "foods":
        items = r.sample(t["foods"], min(len(t["foods"]), r.randint(3, 5)))
        return [f"- {i}" for i in items]
    if kind == "groups":
        items = r.sample(t["groups"], min(len(t["groups"]), r.randint(2, 4)))
        return [f"- {i}" for i in items]
    if kind == "habits":
        items = r.sample(HABITS, r.randint(3, 5))
        return [f"- {cap(i)}." for i in items]
    # numbered tips
    local: set = set()
    items = [_pick_template(ctx, "tips", local) for _ in range(r.randint(3, 5))]
    return [f"{k}. {ctx.fill(i)}" for k, i in enumerate(items, 1)]


def make_table(ctx: Ctx) -> list[str]:
    r, t = ctx.rng, ctx.topic
    choice = r.randrange(3)
    if choice == 0 and len(t["doses"]) >= 2:
        doses = sorted(set(t["doses"]), key=float)[:4]
        labels = ["Starting dose", "Usual dose", "Higher dose", "Upper dose"]
        rows = [f"| {labels[i]} | {d} {t['unit']} | Ask your {r.choice(CLINICIANS)} |" for i, d in enumerate(doses)]
        return ["| Step | Amount | Notes |", "|---|---|---|", *rows]
    if choice == 1:
        rows = [f"| {cap(f)} | {r.choice(['Often', 'Sometimes', 'A few times a week'])} |"
                for f in r.sample(t["foods"], min(4, len(t["foods"])))]
        return ["| Food | How often to eat it |", "|---|---|", *rows]
    rows = [f"| {cap(s)} | {r.choice(['Usually mild', 'Tell your doctor', 'Ask your pharmacist'])} |"
            for s in t["side_effects"]]
    return ["| Possible side effect | What to do |", "|---|---|", *rows]


def make_references(rng: random.Random, topic: dict, n: int) -> list[str]:
    """n distinct, realistic-looking (synthetic) reference entries."""
    name = cap(topic["name"])
    org = [f"MedlinePlus. {name}. <https://medlineplus.gov/{slugify(topic['name']).replace('-', '')}.html>",
           f"NHS. {name}. https://www.nhs.uk/medicines/{slugify(topic['name'])}/"]
    if topic.get("org_page"):
        org.append(f"National Institutes of Health, Office of Dietary Supplements. {name}: Fact Sheet for "
                   f"Health Professionals. <https://ods.od.nih.gov/factsheets/{topic['org_page']}-HealthProfessional/>")
    rng.shuffle(org)
    refs = org[: min(len(org), rng.randint(1, 3), n)]
    seen = set(refs)
    while len(refs) < n:
        initials = "ABCDEFGHJKLMNPRSTW"
        a1 = f"{rng.choice(LAST)} {rng.choice(initials)}{rng.choice(initials)}"
        a2 = f"{rng.choice(LAST)} {rng.choice(initials)}"
        page = rng.randint(1, 1800)
        ref = (f"{a1}, {a2}, et al. {name} and {rng.choice(topic['uses'])}: a {rng.choice(STUDY_KINDS)}. "
               f"{rng.choice(JOURNALS)}. {rng.randint(2008, 2025)};{rng.randint(10, 400)}:{page}-{page + rng.randint(5, 14)}.")
        if ref not in seen:
            seen.add(ref)
            refs.append(ref)
    rng.shuffle(refs)
    return refs


# --------------------------------------------------------------------------
# Planted defects
# --------------------------------------------------------------------------

# Topics whose subject/effect or unit are in any reasonable starter lexicon/dose table.
CONTRADICTION_TOPICS = ["vitamin B12", "magnesium", "iron", "vitamin C", "vitamin D"]
DOSE_TOPICS = ["vitamin B12", "vitamin D", "folic acid"]

DEFECTS = ["link-bare", "citation-unresolved", "claim-uncited", "stop-taking-unqualified",
           "claim-contradiction", "absolute-claim", "dosage-unit"]


def defect_text(ctx: Ctx, kind: str, slug: str) -> dict:
    """Return {'para': Para, 'anchor': text whose first char is the finding's column,
    optional 'early': Para placed in an earlier section (contradiction)}."""
    r, t = ctx.rng, ctx.topic
    if kind == "link-bare":
        s1 = ctx.fill(r.choice(T["bridge"]))
        url = f"https://example.org/{slug}/guide"
        s2 = f"For a printable summary, see {url}."
        return dict(para=Para([s1, s2], [None, None]), anchor=url)
    if kind == "citation-unresolved":
        bad = f"[{ctx.n_refs + r.randint(3, 9)}]"
        s1 = ctx.fill(r.choice(T["what"]))
        s2 = ctx.fill(r.choice(T["how"]))
        return dict(para=Para([s1, s2], [None, bad]), anchor=bad)
    if kind == "claim-uncited":
        pct = r.randint(15, 70)
        s1 = f"Studies show that about {pct}% of {r.choice(t['groups'])} notice a benefit within {r.choice(PERIODS)}."
        s2 = ctx.fill(r.choice(T["bridge"]))
        return dict(para=Para([s1, s2], [None, None], cite_all=False), anchor=s1)
    if kind == "stop-taking-unqualified":
        s0 = ctx.fill(r.choice(["Side effects are usually mild.", "Most side effects fade after a few days.",
                                "It can be hard to tell a side effect from a new illness."]))
        s1 = f"Stop taking {t['name']} if you get {r.choice(t['side_effects'])}."
        s2 = r.choice(["Drink some water and rest.", "Rest until you feel better.", "Sit down somewhere quiet."])
        return dict(para=Para([s0, s1, s2], [None, None, None]), anchor=s1)
    if kind == "claim-contradiction":
        early = f"{cap(t['name'])} never causes {t['clash']}."
        later = f"High doses of {t['name']} can cause {t['clash']}."
        e = Para([ctx.fill(r.choice(T["what"])), early], [None, None])
        p = Para([ctx.fill(r.choice(T["side"])), later], [None, ctx.next_marker(False)])
        return dict(para=p, anchor=later[:-1], early=e, related=early)
    if kind == "absolute-claim":
        word = r.choice(["cures", "100% safe", "miracle"])
        if word == "cures":
            s = f"This {t['kind']} cures {r.choice(t['uses'])}."
        elif word == "100% safe":
            s = f"{cap(t['name'])} is 100% safe for everyone."
        else:
            s = f"Many readers call {t['name']} a miracle for {r.choice(t['uses'])}."
        # cited, so a percentage cannot add a claim-uncited finding
        return dict(para=Para([ctx.fill(r.choice(T["bridge"])), s], [None, ctx.next_marker(False)]),
                    anchor=word)
    if kind == "dosage-unit":
        amount = max(t["doses"], key=float)
        if t["unit"] == "mcg" and r.random() < 0.5:
            # mixed spellings: the article's only "µg" (U+00B5); every other dose says "mcg"
            s = f"Some people take {amount} µg of {t['name']} {r.choice(TIMES)}."
            lo, hi = sorted(r.sample(sorted(set(t["doses"]), key=float), 2), key=float)
            # two "mcg" spellings in the same paragraph keep "µg" the minority spelling
            s2 = f"Most tablets contain {lo} mcg, and some contain {hi} mcg."
            return dict(para=Para([s, s2], [None, None]), anchor="µg")
        else:
            s = f"Some people take {amount} {t['wrong_unit']} of {t['name']} {r.choice(TIMES)}."
            anchor = f"{amount} {t['wrong_unit']}"
        return dict(para=Para([s, ctx.fill(r.choice(T["dose"][4:8]))], [None, None]), anchor=anchor)
    raise ValueError(kind)


# --------------------------------------------------------------------------
# Article assembly
# --------------------------------------------------------------------------

def _date(rng: random.Random) -> str:
    start = _dt.date(2026, 3, 1)
    span = (_dt.date(2026, 11, 1) - start).days
    return (start + _dt.timedelta(days=rng.randint(0, span))).isoformat()


def _person(rng: random.Random, doctor: bool) -> str:
    n = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return f"Dr. {n}, MD{rng.choice(SPECIALTIES)}" if doctor else n


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def front_matter(rng: random.Random, topic: dict, title: str) -> list[str]:
    tags = [slugify(topic["name"]), slugify(rng.choice(topic["uses"])), topic["kind"]]
    return [
        "---",
        f"title: {_yaml_str(title)}",
        f"author: {_yaml_str(_person(rng, False))}",
        f"medically_reviewed_by: {_yaml_str(_person(rng, True))}",
        f"last_reviewed: {_date(rng)}",
        f"audience: {rng.choice(AUDIENCES)}",
        f"type: {'supplement-guide' if topic['kind'] == 'supplement' else 'medication-guide'}",
        f"description: {_yaml_str('What to know about ' + topic['name'] + ': uses, doses, side effects and tips.')}",
        "tags: [" + ", ".join(tags) + "]",
        "---",
        "",
    ]


MORE_HEADINGS = ["More about {name}", "Questions people often ask", "Practical points",
                 "Living with {use}", "Planning ahead", "Talking with your care team"]

TITLES = ["{Name}: What You Need to Know", "A Plain Guide to {Name}", "{Name} for {Use}: The Facts",
          "Taking {Name} Safely", "{Name}: Uses, Doses and Side Effects", "Questions About {Name}, Answered"]


def _words(lines: list[str]) -> int:
    return sum(len(l.split()) for l in lines)


def build_article(rng: random.Random, target_words: int, defect: str | None, slug: str,
                  big_bytes: int = 0) -> tuple[str, list[dict]]:
    """Return (text, defects) where defects carry rule/line/column (1-based, code points)."""
    pool = TOPICS
    if defect == "claim-contradiction":
        pool = [t for t in TOPICS if t["name"] in CONTRADICTION_TOPICS]
    elif defect == "dosage-unit":
        pool = [t for t in TOPICS if t["name"] in DOSE_TOPICS]
    topic = rng.choice(pool)
    n_refs = rng.randint(4, 8) if not big_bytes else 12
    ctx = Ctx(rng, topic, n_refs)
    if defect == "claim-contradiction":
        ctx.avoid_effect = topic["clash"]
    title = ctx.fill(rng.choice(TITLES).replace("{Use}", "{Use_cap}"))
    fm = front_matter(rng, topic, title)

    planted = defect_text(ctx, defect, slug) if defect else None
    use_footnote = rng.random() < 0.3 and not big_bytes
    footnote = rng.choice(FOOTNOTES)

    body: list[str] = []
    size = {"words": 0, "chars": 0}

    def add(*lines: str) -> None:
        body.extend(lines)
        for ln in lines:
            size["words"] += len(ln.split())
            size["chars"] += len(ln) + 1

    add(make_para(ctx, ["intro"], rng.randint(3, 5)).render(), "")

    # tail parts, built now so their length counts against the budget
    tail: list[str] = ["## When to see a doctor", "", make_para(ctx, ["see"], rng.randint(2, 4)).render(), ""]
    tail += make_list(ctx, "signs") + [""]
    fixed_words = _words(fm) + _words(tail) + 17 * n_refs + 30  # refs + disclaimer (rough)

    order = [s for s in SECTIONS]
    rng.shuffle(order)
    # keep "what" first for readability of the article
    order.sort(key=lambda s: s[0] != "what")
    table_at = rng.randrange(1, 4)
    quote_at = {rng.randrange(0, 5), rng.randrange(2, 8)}
    defect_sec = rng.randrange(2, 5)
    early_sec = 0
    sec_i = 0
    part = 0
    footnote_placed = False

    def budget_left() -> bool:
        if big_bytes:
            return size["chars"] < big_bytes
        return size["words"] + fixed_words < target_words

    while budget_left():
        key, heading = order[sec_i % len(order)]
        if sec_i >= len(order):
            part = sec_i // len(order)
            if big_bytes:
                heading = heading + f" (part {part + 1})"
            else:
                key = "more"
                heading = MORE_HEADINGS[(sec_i - len(order)) % len(MORE_HEADINGS)]
                if sec_i - len(order) >= len(MORE_HEADINGS):
                    heading += f" ({part + 1})"
        add("## " + ctx.fill(heading), "")
        if key == "myths":
            add(f"> **Myth:** \"{ctx.fill(rng.choice(T['myth']))}\"", "")
        n_paras = rng.randint(1, 3)
        for p in range(n_paras):
            para = make_para(ctx, FILL[key], rng.randint(3, 6))
            text = para.render()
            if use_footnote and not footnote_placed and sec_i >= 1:
                text = text[:-1] + "[^1]" + text[-1]
                footnote_placed = True
            add(text, "")
            if not budget_left():
                break
        if sec_i == early_sec and planted and "early" in planted:
            add(planted["early"].render(), "")
        if rng.random() < 0.5:
            kinds = {"food": "foods", "who": "groups", "life": "habits", "tips": "tips"}
            add(*make_list(ctx, kinds.get(key, rng.choice(["signs", "habits", "tips"]))), "")
        if sec_i == table_at or (big_bytes and sec_i % 50 == table_at):
            add(f"The table below gives a quick overview {ctx.next_marker()}.", "", *make_table(ctx), "")
        if sec_i in quote_at or (big_bytes and sec_i % 20 in quote_at):
            if rng.random() < 0.5:
                add(f"> **Tip:** {ctx.fill(rng.choice(T['tipquote']))}", "")
            else:
                add(f"> \"{ctx.fill(rng.choice(T['quote']))}\"", ">",
                    f"> — a reader from {rng.choice(['Leeds', 'Ohio', 'Cork', 'Perth', 'Toronto'])}", "")
        if sec_i == defect_sec and planted:
            add(planted["para"].render(), "")
            planted = dict(planted, placed=True)
        if big_bytes and sec_i % 40 == 39:
            # periodically re-cite every reference so no entry goes uncited
            ctx.ref_cursor = 0
        sec_i += 1

    if planted and not planted.get("placed"):
        if "early" in planted and sec_i <= early_sec:
            body += [planted["early"].render(), ""]
        body += [planted["para"].render(), ""]
    if use_footnote and not footnote_placed:
        body += ["One more note on terms[^1].", ""]
    if ctx.cited != set(range(1, n_refs + 1)):
        missing = sorted(set(range(1, n_refs + 1)) - ctx.cited)
        body += ["You can read more in the sources below [" + ", ".join(map(str, missing)) + "].", ""]
        ctx.cited.update(missing)
    body += tail
    body += ["## References", ""]
    body += [f"{i}. {ref}" for i, ref in enumerate(make_references(rng, topic, n_refs), 1)] + [""]
    body += ["## Medical disclaimer", "", ctx.fill(rng.choice(DISCLAIMERS)), ""]
    if use_footnote:
        body += [f"[^1]: {footnote}", ""]
    text = "\n".join(fm + body).rstrip("\n") + "\n"

    found: list[dict] = []
    if defect:
        para = planted["para"].render()
        rec = dict(rule=defect, **_locate(text, planted["anchor"], within=para))
        if "related" in planted:
            rec["related"] = _locate(text, planted["related"], within=planted["early"].render())
        found.append(rec)
    return text, found


def _locate(text: str, needle: str, within: str) -> dict:
    """Line/column (1-based, code points) of `needle` inside the unique paragraph `within`."""
    start = text.index(within)
    assert text.count(within) == 1, "planted paragraph is not unique"
    idx = start + within.index(needle)
    line = text.count("\n", 0, idx) + 1
    col = idx - (text.rfind("\n", 0, idx) + 1) + 1
    return {"line": line, "column": col, "text": needle}


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def article_path(i: int, per_folder: int) -> str:
    return os.path.join(f"batch-{i // per_folder:04d}", f"article-{i:05d}.md")


def generate_corpus(out_dir: str, articles: int, seed: int, words: int = 1100,
                    defect_rate: float = 0.10, per_folder: int = 50) -> dict:
    manifest = {"seed": seed, "articles": articles, "words": words, "defect_rate": defect_rate,
                "per_folder": per_folder, "files": []}
    for i in range(articles):
        rng = random.Random(f"medlint-bench:{seed}:{i}")
        defect = None
        if rng.random() < defect_rate:
            defect = DEFECTS[rng.randrange(len(DEFECTS))]
        rel = article_path(i, per_folder)
        text, found = build_article(rng, words, defect, slug=f"article-{i:05d}")
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        manifest["files"].append({"path": rel.replace(os.sep, "/"), "words": len(text.split()),
                                  "defects": found})
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8", newline="\n") as fh:
        json.dump(manifest, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    return manifest


def generate_big_article(out_dir: str, megabytes: float, seed: int) -> str:
    rng = random.Random(f"medlint-bench-big:{seed}")
    text, _ = build_article(rng, 0, None, slug="big-article", big_bytes=int(megabytes * 1024 * 1024))
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "big-article.md")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", help="output folder (created if missing; existing files are overwritten)")
    ap.add_argument("--articles", type=int, default=None, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--words", type=int, default=1100, help="target words per article (default 1100)")
    ap.add_argument("--defect-rate", type=float, default=0.10,
                    help="share of articles with one planted defect (default 0.10)")
    ap.add_argument("--per-folder", type=int, default=50, help="articles per folder (default 50)")
    ap.add_argument("--big-article", type=float, default=None, metavar="MB",
                    help="write one clean article of at least MB MiB to OUT_DIR/big-article.md")
    a = ap.parse_args(argv)
    if a.articles is not None and a.articles < 0 or a.words < 50 or a.per_folder < 1 \
            or not 0.0 <= a.defect_rate <= 1.0 or (a.big_article is not None and a.big_article <= 0):
        ap.error("invalid numeric argument")
    os.makedirs(a.out_dir, exist_ok=True)
    if a.big_article is not None:
        p = generate_big_article(a.out_dir, a.big_article, a.seed)
        print(f"wrote {p} ({os.path.getsize(p)} bytes)")
    if a.big_article is None or a.articles is not None:
        n = 1000 if a.articles is None else a.articles
        m = generate_corpus(a.out_dir, n, a.seed, a.words, a.defect_rate, a.per_folder)
        planted = sum(len(f["defects"]) for f in m["files"])
        print(f"wrote {n} articles to {a.out_dir} ({planted} planted defects; see manifest.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
