"""Readability: syllable counting, text statistics and grade formulas.

A pure calculator. The caller (the ``readability-grade`` rule) decides what is prose
and splits it into sentences; this module only counts and applies formulas. It never
reads files and keeps no state beyond caches.

Formulas
--------
With ``S`` sentences, ``W`` words, ``Syl`` syllables and ``P`` polysyllables
(words of three or more syllables):

* **Flesch–Kincaid grade level** (Kincaid, Fishburne, Rogers & Chissom 1975, the
  US Navy recalculation of Flesch's Reading Ease into US school grades)::

      FKGL = 0.39 * (W / S) + 11.8 * (Syl / W) - 15.59

* **Flesch Reading Ease** (Flesch 1948; 0–100, higher is easier; 60–70 is "plain
  English")::

      FRE = 206.835 - 1.015 * (W / S) - 84.6 * (Syl / W)

* **SMOG grade** ("Simple Measure of Gobbledygook", McLaughlin 1969, "SMOG grading:
  a new readability formula", *Journal of Reading* 12(8):639–646): McLaughlin's
  regression equation, with the polysyllable count scaled to his 30-sentence sample
  (the usual normalisation for samples of other lengths)::

      SMOG = 1.043 * sqrt(P * 30 / S) + 3.1291

  SMOG was fitted on 30-sentence samples; on fewer sentences the extrapolation is
  noisy (McLaughlin gives a standard error of about 1.5 grades even at 30). Deciding
  whether a text is long enough is the caller's job.

Results are returned unrounded and unclamped: a very easy text can score a negative
FK grade or a Reading Ease above 100, which is what the formula says. ``None`` means
"no grade": no words (FK, FRE) or no sentences (SMOG).

Why health content targets grade 6–8
------------------------------------
Roughly a third of US adults have basic or below-basic health literacy (NAAL 2003),
and people read below their highest school grade, more so when ill or anxious. NLM's
"How to Write Easy-to-Read Health Materials" asks for about a 6th–7th grade reading
level; NIH and AMA guidance is commonly cited as "no higher than 8th grade" and "6th
grade". medlint therefore defaults to grade 8 as the ceiling (configurable, e.g. 6
for ``audience: patient``). Studies find computer FK scores run lower than hand-scored
SMOG on patient material, which is why SMOG is selectable.

Syllable counting
-----------------
``count_syllables`` is an English spelling heuristic (vowel groups; silent final and
internal ``e``; consonant + ``le``/``re`` endings; ``-ed``/``-es`` rules; ``y`` as a
vowel except word-initially or between vowels; ``qu``; vowel pairs that are two
syllables such as ``ia``/``io``/``iu``/``eo``/``ua`` unless ``-tion``, ``-cial``,
``-gion`` and friends; ``re-``/``pre-``/``co-`` before a vowel; ``-ism``) followed,
and overridden, by an exceptions table in ``medlint/data/lexicons/syllables.yaml``
for frequent words the heuristic gets wrong.

Source of truth: the **CMU Pronouncing Dictionary** (cmudict 0.7b), where a word's
syllable count is its number of vowel phonemes (the stress-marked symbols). Where CMU
lists pronunciations with different counts, any of them is correct: ``every`` is
EH1 V ER0 IY0 (3) or EH1 V R IY0 (2) and medlint says 2 (also Merriam-Webster's
"ev·ery"); ``fire``/``hour`` are 1 or 2, ``actually`` 2–4. The exceptions table
records CMU's first pronunciation. Measured accuracy (CMU as truth): about 99% of the
5,000 most frequent English word types (99.7% of running words), 96% on 148 health
terms that were not used to tune the rules; the tests pin a 274-word list.

Capital acronyms are read letter by letter when they cannot be a word: ``NHS`` 3,
``GP`` 2, ``DNA`` 3 (``W`` counts 3); ``NOT``, ``AIDS``, ``COVID`` are words.

Text preparation (what counts as prose, sentence splitting, dropping headings,
lists of fragments, code, tables and the reference list) is the caller's job. Here a
word is a token with a letter: numbers are not words, ``well-being`` and ``e.g.`` are
one word each, U+FFFC placeholders (inline code, images) are ignored, and a
"sentence" without any word is not counted.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from medlint.language.lexicon import LexiconCache

__all__ = [
    "TextStats",
    "combine",
    "count_syllables",
    "flesch_kincaid_grade",
    "flesch_reading_ease",
    "smog_grade",
    "stats",
]

# --------------------------------------------------------------------------- words

# A token: letters/digits, with internal apostrophes, hyphens or periods joining
# more letters/digits ("don't", "well-being", "e.g", "COVID-19", "2.5").
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019.\-\u2010\u2011][^\W_]+)*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_PLACEHOLDER = "\ufffc"


def _words(sentence: str) -> list[str]:
    """The word tokens of a sentence: tokens that contain a letter. Numbers are not
    words; a hyphenated or dotted token counts once; U+FFFC placeholders are dropped."""
    if _PLACEHOLDER in sentence:
        sentence = sentence.replace(_PLACEHOLDER, " ")
    return [t for t in _TOKEN.findall(sentence) if _HAS_LETTER.search(t)]


# ------------------------------------------------------------------ syllable rules

# Pre-processing.
_APOSTROPHES = re.compile(r"['\u2019]")
_ALPHA_RUNS = re.compile(r"[a-z]+")
_Y_CONSONANT = re.compile(r"^y|(?<=[aeiou])y(?=[aeiou])")  # "yes", "beyond", "player"
_QU = re.compile(r"qu")  # "quiet" -> "kwiet": the u is a consonant

# Suffix rewrites, applied in order.
_ACHE = re.compile(r"(?<![aeiou])ache(s|d)?$")  # headache(s): "ake"
_EVERY = re.compile(r"^ever(?=y)")  # every, everyone, everything: "evry"
_IRE = re.compile(r"(?<=[^aeiouy])[iy]re(?=(?:s|d|ment|ly)?$)")  # fire, entire, tyre: "AY ER"
_ICALLY = re.compile(r"ically$")  # basically: CMU "IH0 K L IY0"
_GUE = re.compile(r"(?<=[aeioun])gue(s|d)?$")  # fatigue, tongue, league: silent "ue"
_CONS_LE = re.compile(r"(?:(?<=[^aeiouylr])l|(?<=[bcdgtv])r)e(s|d)?$")  # table(s), handled; fibre
_ES_SYLLABIC = re.compile(r"(?:[sxzcg]|ch|sh)es$")  # boxes, changes, places, washes
_ES = re.compile(r"(?<=[^aeiouy])es$")  # makes, types
_ED = re.compile(r"(?<=[^aeiouytd])ed$")  # walked, used (not wanted, needed)
_FINAL_E = re.compile(r"(?<=[^aeiouy])e$")  # make, whole
# silent e before a consonant suffix: likely, movement, careful, awareness, largely
_INNER_E = re.compile(
    r"(?:(?<=[aeiouy][^aeiouy])|(?<=[aeiouy][^aeiouy][^aeiouylr]))"
    r"e(?=(?:ly|ful|fully|ment|ments|ness|less|lessly|some|ty)$)"
)
# compounds whose first part ends in a silent e: sometimes, lifestyle, therefore
_COMPOUND_E = re.compile(
    r"^(som|lif|hom|wher|ther|car|tim|bas|saf|whol|sid|wid|lik|mor|for(?!ens)|lov|nam|"
    r"lon|hous|ston|bon|ton|mak|tak|not|wis|smok|war|cas|fac|gam|lin|non|us|sur|spic|"
    r"blu|guid|fram|nin|mil|lim|ic|spac|driv|gat|hors|shor|stat|spok|sal|polic|fir|"
    r"bar|grav|wast|liv|voic|shar|stak)e(?=[^aeiouy][a-z]*[aeiouy])(?=[a-z]{4})(?!ver)"
)

_VOWEL_GROUP = re.compile(r"[aeiouy]+")

# Vowel pairs (or suffixes) that add a syllable beyond the vowel-group count. Each
# alternative is tried at every position (zero-width), so "radioactive" can split
# both "io" and "oa"; a position counts at most once.
_EXTRA = re.compile(
    "(?=(?:"
    + "|".join(
        [
            # dial, anemia, bacteria; associate, enthusiasm, judiciary, confidentiality
            # (not special, initial, Asia, -gia, marriage, familiar, william)
            r"(?<![cgst])(?<![iu]l)(?<!ll)ia(?!ge?s?$)",
            r"ia(?=ts?$|ted$|ting$|tion|st|sm|ry|lit)|(?<=sc)ia",  # ...; sciatica
            # bio, period, serious, ratio, physiology (not -tion, -cious, -sion, -gion)
            r"(?<![cgstx])io(?!n|r)",
            r"(?<![cgstxvn])ior",  # prior, superior (not behavior, senior)
            # champion, lion, ion (not nation, million, fashion)
            r"(?<=[^cgstxlnh])ion|(?<=^[ln])ion|^ion",
            r"ios?$|io(?=log)|(?<=^phys)io|(?<=^soc)io",  # ratio(s), socio-, physiotherapy
            r"iu|uu",  # calcium, sodium, medium, continuum
            r"(?<=^g)eo|(?<![cg])eo",  # video, theory, geology (not surgeon, gorgeous)
            r"(?<!g)(?<!rs)ua(?!ble)",  # usual, actual (not language, persuade, valuable)
            r"(?<!g)(?<!fl)uo",  # continuous, duodenum (not fluoride)
            r"(?<!g)ui(?=ds?$|n|ti[^n]|ty|ci(?!ng))",  # fluid, ruin, intuition, suicide
            r"(?<!g)ue(?=nc|nt|nz|ls?$|ts?$|ll)",  # influence, fluent, fuel, influenza
            r"ie(?=t)|(?<![ct])ie(?=n[tc])|(?<=sc)ie(?=n)",  # diet, society, client, science
            r"(?<=cr|th)ea(?=t(?!ur))",  # create, theatre (not creature)
            r"eu(?=ms?$|s$)",  # museum(s), nucleus
            r"ao|(?<=i)oa|(?<=c)oa(?=gul)",  # aorta, chaos, radioactive, anticoagulant
            r"oe(?=[mt]|ver)|(?<=er)oi(?=[nc])",  # poem, poet, whoever, heroin
            r"ai(?=cs?$)",  # mosaic, archaic
            r"(?<=[aeiouy])ing",  # being, doing, going, continuing, crying
            r"(?<=[^aeioun])y(?=[aou])",  # embryo, myopia, polyunsaturated (not canyon)
            r"(?<=[^aeiouw])ye(?=rs?$)",  # dryer, flyer (not lawyer)
            r"(?<=[aeiouy])sms?$",  # autism, spasm, metabolism
            r"thms?$",  # rhythm
            # react, reinforce, reuse, reevaluate ("reopen" is the "eo" rule above)
            r"^re(?=a(?:ct|dj|ff|li|pp|ss|rr|wa)|i(?!gn|ns?$|ndeer)|u|e(?:v|nt|x|st|l[ea]))",
            r"^pre(?=a(?!ch)|i|u|e[xcm])",  # preexisting, preadolescent
            r"^pro(?=a)",  # proactive
            r"^co(?=operat|ordinat|ex|ag|ali|au|in(?:c|f|su)|enz|ef|erc)",  # cooperate
            r"^(?:anti|multi)(?=[aeiou])|^semi(?=[eiu])",  # antioxidant, multiorgan
        ]
    )
    + "))"
)
# Splits that apply only after an earlier vowel group: "earlier", "easiest", "idea",
# "nausea" -- but not "pier", "priest", "tea".
_EXTRA_LATE = re.compile(r"(?<=[^aeiouy])ie(?=rs?$|st$)|(?<=[^aeiouy])eas?$|(?<=[^aeiouyc])eans?$")


# A plausible one-syllable English word (for telling "NOT" from "DNA").
_ONE_SYLLABLE = re.compile(
    r"(?:[bcdfghjklmnpqrstvwxyz]|th|sh|ch|wh|[bcdfgkpt][lr]|s[ckmnptw])?"
    r"(?:[aeiou]+y?|y)(?:[bcdfghjklmnpqrstvwxz]|ck|ng|nt|nd|st|ll|ss|rt|rd|th|sh|ch|ts|ds|ms)?$"
)


# The shipped exceptions table (word -> CMU syllable count), loaded on first use.
_EXCEPTIONS = LexiconCache("syllables", dict, lambda data, _path: dict(data["words"]))


def _heuristic(w: str) -> int:
    """Syllables of one lowercase a–z run by spelling rules alone (no exceptions)."""
    if len(w) <= 2:
        return 1
    w = _QU.sub("kw", w)
    w = _Y_CONSONANT.sub("j", w)
    late = _EXTRA_LATE.search(w)
    w = _IRE.sub("ijer", w)
    w = _ACHE.sub(r"ake\1", w)
    w = _EVERY.sub("evr", w)
    w = _ICALLY.sub("icly", w)
    w = _GUE.sub(r"g\1", w)
    w = _COMPOUND_E.sub(r"\1", w)
    w = _INNER_E.sub("", w)
    if _CONS_LE.search(w):
        w = _CONS_LE.sub(lambda m: "e" + m.group(0)[0] + (m.group(1) or ""), w)  # table -> tabel
    elif w.endswith("es") and not _ES_SYLLABIC.search(w):
        if _ES.search(w) and _VOWEL_GROUP.search(w[:-2]):
            w = w[:-2] + "s"
    elif w.endswith("ed"):
        if _ED.search(w) and _VOWEL_GROUP.search(w[:-2]):
            w = w[:-2]
    elif w.endswith("e"):
        if _FINAL_E.search(w) and _VOWEL_GROUP.search(w[:-1]):
            w = w[:-1]
    groups = _VOWEL_GROUP.findall(w)
    n = len(groups)
    if n:
        n += len(_EXTRA.findall(w))
        if late and _VOWEL_GROUP.search(late.string, 0, late.start()):
            n += 1
    return max(1, n)


# Prefixes under which a table word keeps its count ("prediabetes", "nonvegetable").
_PREFIX = re.compile(
    r"^(?:pre|non|un|anti|post|over|under|sub|super|hyper|hypo|semi|multi|mis|dis|self|co)"
)
_SIBILANT_E = ("ce", "ge", "se", "ze")


def _from_table(w: str, table: dict[str, int]) -> int | None:
    """The table count for ``w``, its plural/possessive ("recipes") or a prefixed form
    ("prediabetes"); ``None`` when the table does not cover it."""
    n = table.get(w)
    if n is not None:
        return n
    if len(w) > 3 and w.endswith("s"):
        stem = w[:-1]
        n = table.get(stem)
        if n is not None:
            return n + (1 if stem.endswith(_SIBILANT_E) else 0)
    m = _PREFIX.match(w)
    if m and len(w) - m.end() >= 4:
        rest = _from_table(w[m.end():], table)
        if rest is not None:
            return _heuristic(m.group(0)) + rest
    return None


def _spelled(word: str) -> int | None:
    """Syllables of an all-capital acronym read letter by letter, else ``None``.

    Spelled: any capitals without a vowel ("NHS", "GP", "HPV"), and two- or
    three-letter capitals that do not look like a one-syllable English word ("DNA",
    "BMI", "ICU" are spelled; "NOT", "THE", "HIV" are read as words). Longer ones with
    vowels ("COVID", "AIDS", "ADHD") go through the word heuristic."""
    if 2 <= len(word) <= 6 and word.isascii() and word.isalpha() and word.isupper():
        low = word.lower()
        if not any(c in "aeiou" for c in low) or (len(low) <= 3 and not _ONE_SYLLABLE.match(low)):
            return sum(3 if c == "w" else 1 for c in low)
    return None


@functools.lru_cache(maxsize=131072)
def count_syllables(word: str) -> int:
    """Syllables in one word (CMU Pronouncing Dictionary convention; see module doc).

    Hyphenated words count each part ("well-being" = 1 + 2). Apostrophes are ignored
    ("don't" = "dont"). Digits and punctuation carry no syllables; a string without
    letters has 0 syllables; any word with a letter has at least 1.
    """
    if not word:
        return 0
    spelled = _spelled(word)
    if spelled is not None:
        return spelled
    w = word.lower()
    if not w.isascii():
        w = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode("ascii")
    w = _APOSTROPHES.sub("", w)
    exceptions = _EXCEPTIONS.get()
    whole = _from_table(w, exceptions)
    if whole is not None:
        return whole
    total = 0
    for part in _ALPHA_RUNS.findall(w):
        n = _from_table(part, exceptions)
        total += n if n is not None else _heuristic(part)
    if total == 0 and _HAS_LETTER.search(word):
        return 1  # letters outside a–z (Greek, CJK...): count the word as one syllable
    return total


# ------------------------------------------------------------------------- stats


@dataclass(frozen=True)
class TextStats:
    """Counts over a body of prose. ``sentences`` counts only sentences that hold at
    least one word; ``polysyllables`` counts words of three or more syllables."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0


# ``_chunk_counts`` packs three counts into one int, 64 bits each, so that summing
# the packed values sums each count.
_FIELD = 64
_MASK = (1 << _FIELD) - 1


@functools.lru_cache(maxsize=131072)
def _chunk_counts(chunk: str) -> int:
    """The words, syllables and polysyllables of one whitespace-free piece of text,
    packed as ``words + syllables << 64 + polysyllables << 128``. Memoised: pieces
    ("the", "of", "health,") repeat a lot across articles."""
    if chunk.isalpha():  # one word, the common case
        n = count_syllables(chunk)
        return 1 | n << _FIELD | (n >= 3) << 2 * _FIELD
    words = syllables = polysyllables = 0
    for token in _TOKEN.findall(chunk):
        if _HAS_LETTER.search(token):
            n = count_syllables(token)
            words += 1
            syllables += n
            polysyllables += n >= 3
    return words | syllables << _FIELD | polysyllables << 2 * _FIELD


def stats(sentences: Iterable[str]) -> TextStats:
    """Count sentences, words, syllables and polysyllables in pre-split prose."""
    sentences = list(sentences)
    # A sentence holds a word exactly when it holds a letter (a letter is in a token).
    n_sent = len(list(filter(_HAS_LETTER.search, sentences)))
    if not n_sent:
        return TextStats()
    # The words of ``_words`` for every sentence: a token never holds whitespace (nor
    # U+FFFC, which ``_words`` turns into a space), so the tokens of the text are those
    # of its whitespace-separated pieces.
    packed = sum(map(_chunk_counts, " ".join(sentences).split()))
    return TextStats(n_sent, packed & _MASK, packed >> _FIELD & _MASK, packed >> 2 * _FIELD)


def combine(parts: Iterable[TextStats]) -> TextStats:
    """The stats of the concatenation of several texts (field-wise sum)."""
    s = w = syl = poly = 0
    for p in parts:
        s += p.sentences
        w += p.words
        syl += p.syllables
        poly += p.polysyllables
    return TextStats(s, w, syl, poly)


# ---------------------------------------------------------------------- formulas


def flesch_kincaid_grade(s: TextStats) -> float | None:
    """0.39·(W/S) + 11.8·(Syl/W) − 15.59; ``None`` without words or sentences."""
    if s.words <= 0 or s.sentences <= 0:
        return None
    return 0.39 * (s.words / s.sentences) + 11.8 * (s.syllables / s.words) - 15.59


def flesch_reading_ease(s: TextStats) -> float | None:
    """206.835 − 1.015·(W/S) − 84.6·(Syl/W); ``None`` without words or sentences."""
    if s.words <= 0 or s.sentences <= 0:
        return None
    return 206.835 - 1.015 * (s.words / s.sentences) - 84.6 * (s.syllables / s.words)


def smog_grade(s: TextStats) -> float | None:
    """1.043·√(P·30/S) + 3.1291 (McLaughlin 1969); ``None`` without sentences."""
    if s.sentences <= 0:
        return None
    return 1.043 * math.sqrt(max(s.polysyllables, 0) * 30 / s.sentences) + 3.1291
