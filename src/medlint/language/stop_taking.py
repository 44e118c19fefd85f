"""Find advice to stop, skip or cut down a medicine that does not send the reader to a clinician.

Stopping some medicines on one's own is dangerous: blood thinners, beta-blockers,
steroids, antidepressants, anti-seizure drugs and insulin can cause strokes, rebound
blood pressure, adrenal crisis, withdrawal or seizures when stopped suddenly; an
antibiotic course cut short can fail. A health article may still say "stop", but
only together with "talk to your doctor", "under medical supervision" or a similar
qualifier. This module finds the sentences that do not.

What counts as a finding, per sentence of one paragraph or list item:

1. **A cue**: a discontinuation verb ("stop taking", "quit", "skip", "wean off",
   "ditch", "cut your dose", "swap ... for"), a needlessness phrase ("there's no need
   to keep taking"), or replacement framing ("instead of your pills"), followed
   within a few words by a medication, supplement or treatment ("your statin",
   "the pills", "vitamin D"; "it" when a medicine was just named). "Stop smoking",
   "bus stop", "skip the missed dose" and "lower your insulin levels" are not cues.
2. **Advice**: an imperative ("Stop taking your statin"), the reader as subject
   ("You should stop ..."), or an advice frame ("Consider quitting ...", "It's time
   to ditch ..."). Not advice: negated advice ("Do not stop ..."), reports about
   other people ("Many people stop ..."), first-person accounts ("I stopped ..."),
   past tense, conditions ("If you stop taking the pill, your cycle may change"),
   questions and words inside quotation marks.
3. **No qualifier** in the same sentence or the sentence before or after it: no
   clinician ("doctor", "pharmacist", "care team", ...), no qualifying phrase
   ("under medical supervision", "unless told to"), and no label-style safety
   instruction ("stop and get emergency help if you have trouble breathing").
   Mentions that do not qualify ("the pills your doctor prescribed", "without
   asking your doctor") are discounted.

Every word list is data: ``data/lexicons/stop_taking.yaml`` (validated by
``schemas/stop-taking-lexicon.schema.json``). A caller may pass its own lexicon of
the same shape; each lexicon object is compiled once (word sets at once, each regular
expression when first needed, from a copy of the lists) and cached by identity, so
build a new mapping to change a lexicon rather than editing one that has already
been used.
The analyser sees only strings and offsets; it never raises on odd text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from medlint import data

__all__ = ["StopAdvice", "find_unqualified_stop_advice", "default_lexicon"]


@dataclass(frozen=True)
class StopAdvice:
    """One piece of unqualified stop advice, as offsets into one sentence."""

    sentence: int  # index into the ``sentences`` argument
    start: int  # start of the trigger phrase inside sentences[sentence]
    end: int  # end (exclusive): the verb phrase through the medication object
    phrase: str  # sentences[sentence][start:end]


def default_lexicon() -> Mapping[str, Any]:
    """The shipped lexicon (``data/lexicons/stop_taking.yaml``), loaded and validated once."""
    return data.lexicon("stop_taking")


# How many words may stand between a cue and its object.
_OBJECT_WINDOW = 6
_SHORT_WINDOW = 3
# How far (in words) a negation cue reaches forward to the cue it negates.
_NEGATION_REACH = 5
# How many characters after a cue are scanned for its object, and before it for context
# (bounded so that a pathological sentence stays linear).
_SCAN_CHARS = 200
_LOOKBACK_CHARS = 300

# Same-length normalisation (curly apostrophes and Unicode hyphens), so offsets in the
# normalised text are offsets in the input.
_NORMALISE = str.maketrans(
    {"\u2019": "'", "\u02bc": "'", "\u2032": "'", "\u2010": "-", "\u2011": "-"}
)
_WORD_BEFORE = r"(?<![\w-])"
_WORD_AFTER = r"(?![\w-])"
_TOKEN = re.compile(r"[\w'-]+|\ufffc+|[^\w\s]")
_PREFIX_WORD = re.compile(r"[\w']+|\ufffc+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_LAST_WORD = re.compile(r"([\w'-]+)\s*$")
_QUESTION_OR_STOP = re.compile(r"[.!?]")
_TRAILING_NOISE = " \t\r\n\"'”’)]}*_\ufffc"
_HARD_BOUNDARY = r"[;:!?()\[\]{}\"“”«»…—–]|(?:^|(?<=\s))-(?=\s)"
# For the ASCII pre-check: ASCII letters become lower case, every other byte a space.
_ASCII_LETTER_RUNS = bytes(
    ord(chr(ch).lower()) if chr(ch).isascii() and chr(ch).isalpha() else 0x20
    for ch in range(256)
)
_QUOTE = re.compile(r"[\"“”«»]")
_OPENING_QUOTES = "“«"
# -ly words that are not adverbs, so they are not dropped from the context before a cue.
_LY_NOT_ADVERBS = frozenset(
    "family elderly july italy supply reply apply ally fly holy ugly belly jelly bully "
    "holly kelly sally molly lily emily billy".split()
)

# Irregular verb forms used by the shipped lexicon's verbs; regular verbs are inflected by rule.
_IRREGULAR: dict[str, dict[str, tuple[str, ...]]] = {
    "give": {"s3": ("gives",), "past": ("gave", "given"), "ger": ("giving",)},
    "come": {"s3": ("comes",), "past": ("came",), "ger": ("coming",)},
    "get": {"s3": ("gets",), "past": ("got", "gotten"), "ger": ("getting",)},
    "go": {"s3": ("goes",), "past": ("went", "gone"), "ger": ("going",)},
    "throw": {"s3": ("throws",), "past": ("threw", "thrown"), "ger": ("throwing",)},
    "take": {"s3": ("takes",), "past": ("took", "taken"), "ger": ("taking",)},
    "cut": {"s3": ("cuts",), "past": (), "ger": ("cutting",)},
    "quit": {"s3": ("quits",), "past": ("quitted",), "ger": ("quitting",)},
    "lay": {"s3": ("lays",), "past": ("laid",), "ger": ("laying",)},
    "say": {"s3": ("says",), "past": ("said",), "ger": ("saying",)},
    "forget": {"s3": ("forgets",), "past": ("forgot", "forgotten"), "ger": ("forgetting",)},
    "stay": {"s3": ("stays",), "past": ("stayed",), "ger": ("staying",)},
    "bin": {"s3": ("bins",), "past": ("binned",), "ger": ("binning",)},
}
_VOWELS = "aeiou"


def _inflections(verb: str) -> dict[str, str]:
    """Map each form of ``verb`` to its kind: base, s3 (stops), past (stopped), ger (stopping)."""
    verb = verb.lower()
    forms: dict[str, str] = {}
    irregular = _IRREGULAR.get(verb)
    if irregular:
        for kind, words in irregular.items():
            for word in words:
                forms[word] = kind
        forms[verb] = "base"
        return forms
    if not verb.isalpha():
        return {verb: "base"}
    stem_y = len(verb) > 1 and verb.endswith("y") and verb[-2] not in _VOWELS
    cvc = (
        len(verb) >= 3
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    )
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms[verb + "es"] = "s3"
    elif stem_y:
        forms[verb[:-1] + "ies"] = "s3"
    else:
        forms[verb + "s"] = "s3"
    if verb.endswith("e"):
        forms[verb + "d"] = "past"
        forms[(verb[:-1] if not verb.endswith(("ee", "ye", "oe")) else verb) + "ing"] = "ger"
    elif stem_y:
        forms[verb[:-1] + "ied"] = "past"
        forms[verb + "ing"] = "ger"
    else:
        forms[verb + "ed"] = "past"
        forms[verb + "ing"] = "ger"
        if cvc:
            forms[verb + verb[-1] + "ed"] = "past"
            forms[verb + verb[-1] + "ing"] = "ger"
    forms[verb] = "base"
    return forms


def _word_re(word: str) -> str:
    """One lexicon word as a regex.

    A hyphen matches a hyphen, a space or nothing; a word with two or more capitals
    ("GP", "SSRIs") is matched case-sensitively.
    """
    parts = [re.escape(part) for part in word.split("-")]
    body = r"(?:-|\s)?".join(parts)
    if sum(ch.isupper() for ch in word) >= 2:
        return f"(?-i:{body})"
    return body


def _phrase_re(
    phrase: str,
    *,
    inflect: bool = False,
    plural: bool = False,
    clinician: str | None = None,
) -> str:
    words = phrase.translate(_NORMALISE).split()
    out: list[str] = []
    for index, word in enumerate(words):
        if word == "{clinician}" and clinician is not None:
            out.append(clinician)
            continue
        if "{clinician}" in word and clinician is not None:
            head, _, tail = word.partition("{clinician}")
            out.append(_word_re(head) + clinician + _word_re(tail) if head or tail else clinician)
            continue
        if index == 0 and inflect:
            forms = sorted(_inflections(word), key=len, reverse=True)
            out.append("(?:" + "|".join(re.escape(form) for form in forms) + ")")
        else:
            out.append(_word_re(word))
    if plural and out and words and words[-1][-1:].isalnum():
        out[-1] = out[-1] + "(?:s|es)?"
    return r"\s+".join(out)


def _ordered(fragments: Iterable[str]) -> list[str]:
    # More words first, then longer: "vitamin D" is tried before "vitamin".
    return sorted(set(fragments), key=lambda f: (f.count(r"\s"), len(f)), reverse=True)


def _alternation(fragments: Iterable[str], *, ordered: bool = False) -> str:
    unique = list(fragments) if ordered else _ordered(fragments)
    return "(?:" + "|".join(unique) + ")" if unique else "(?!)"


def _text_re(phrases: Iterable[str], **kwargs: Any) -> re.Pattern[str]:
    fragments = _ordered(_phrase_re(p, **kwargs) for p in phrases)
    if kwargs.get("clinician"):
        fragments = _shared_tail(fragments, kwargs["clinician"])
    return re.compile(
        _WORD_BEFORE + _alternation(fragments, ordered=True) + _WORD_AFTER, re.IGNORECASE
    )


def _shared_tail(fragments: list[str], tail: str) -> list[str]:
    """Write neighbouring fragments that end with ``tail`` as one: "(?:a|b)tail" for
    "atail", "btail". The regex tries the same things in the same order, but the long
    ``{clinician}`` pattern is compiled once instead of once per phrase."""
    out: list[str] = []
    heads: list[str] = []
    for fragment in fragments + [""]:
        if fragment and fragment.endswith(tail):
            heads.append(fragment[: -len(tail)])
            continue
        if len(heads) == 1:
            out.append(heads[0] + tail)
        elif heads:
            out.append("(?:" + "|".join(heads) + ")" + tail)
        heads = []
        if fragment:
            out.append(fragment)
    return out


def _words_re(phrases: Iterable[str], *, anchor: str = "") -> re.Pattern[str]:
    """A regex over lower-cased, space-joined words (the context before a cue)."""
    alts = _alternation(
        r"\s".join(re.escape(w) for w in p.translate(_NORMALISE).lower().split()) for p in phrases
    )
    if anchor == "end":
        return re.compile(r"(?:^|(?<=\s))" + alts + "$")
    return re.compile(r"(?<![\w'])" + alts + r"(?![\w'])")


def _plain_word(word: str) -> bool:
    """Letters and inner apostrophes only: such a word is one token of ``_WORD``."""
    return _WORD.fullmatch(word) is not None


def _plain_words(words: list[str]) -> frozenset[str] | None:
    """The words as a set, or None if one of them is not a plain word (no fast path then)."""
    return frozenset(words) if all(_plain_word(word) for word in words) else None


def _words(lexicon: Mapping[str, Any], key: str) -> list[str]:
    value = lexicon.get(key) or ()
    return [str(item) for item in value if isinstance(item, str) and item.strip()]


# Every lexicon key the analyser reads.
_LEXICON_KEYS = (
    "discontinuation_verbs", "dose_change_verbs", "replacement_verbs", "replacement_connectors",
    "needlessness_phrases", "self_contained_phrases", "instead_of_phrases",
    "medication_objects", "medication_suffixes", "pronoun_objects", "non_medication_objects",
    "noun_use_markers", "window_breakers", "gerund_exceptions", "clause_boundaries",
    "negation_cues", "pseudo_negations", "hypothetical_cues", "second_person_subjects",
    "first_person_subjects", "descriptive_subjects", "modals", "deontic_modals",
    "advice_frames", "gerund_frames", "lead_in_words", "clinician_terms", "qualifier_phrases",
    "non_qualifying_phrases", "anti_qualifiers", "emergency_actions", "red_flags",
)
# The cue lists in the order the cue regex tries them (named group, lexicon key, inflected).
# Longer kinds first, so "no need to finish the course" wins over "no need to finish".
_CUE_KINDS = (
    ("self", "self_contained_phrases", False),
    ("need", "needlessness_phrases", False),
    ("inst", "instead_of_phrases", False),
    ("verb", "discontinuation_verbs", True),
    ("dose", "dose_change_verbs", True),
    ("repl", "replacement_verbs", True),
)


def _letter_run(word: str) -> bytes:
    """The ASCII pre-check's form of a plain ASCII word: lower case, up to any apostrophe."""
    return word.lower().split("'")[0].encode()


def _cue_re(groups: Iterable[tuple[str, list[str]]]) -> re.Pattern[str]:
    """One regex for every cue: the named group says which list the cue came from."""
    return re.compile(
        _WORD_BEFORE
        + "(?:"
        + "|".join(f"(?P<{group}>{_alternation(alts, ordered=True)})" for group, alts in groups)
        + ")"
        + _WORD_AFTER,
        re.IGNORECASE,
    )


class _Compiled:
    """A lexicon compiled into regexes and sets; built once per lexicon object.

    The word sets used on every sentence are built here; each regex is compiled when a
    stage first needs it (most sentences never get past the anchor-word check), from a
    copy of the lexicon's lists taken here, so the result is the same as compiling
    everything up front.
    """

    def __init__(self, lex: Mapping[str, Any]) -> None:
        self._lists = {key: _words(lex, key) for key in _LEXICON_KEYS}
        w = self._w

        self.verb_kinds: dict[str, str] = {}
        for key in ("discontinuation_verbs", "dose_change_verbs", "replacement_verbs"):
            for phrase in w(key):
                first = phrase.translate(_NORMALISE).split()[0].lower()
                for form, kind in _inflections(first).items():
                    self.verb_kinds.setdefault(form, kind)

        # Each cue list as regex fragments in the order the cue regex tries them, each with
        # the lower-case words its first word can be (every form of an inflected verb).
        self._cue_kinds: list[tuple[str, list[tuple[str, frozenset[str]]]]] = []
        # For the ASCII pre-check: each run of letters a cue can start with (the part of its
        # first word before any apostrophe) and, for every cue starting so, one more run the
        # cue needs (its longest other plain ASCII word, up to any apostrophe; None if none).
        companions: dict[bytes, set[bytes | None]] = {}
        for group, key, inflect in _CUE_KINDS:
            starts: dict[str, set[str]] = {}
            for phrase in w(key):
                words = phrase.translate(_NORMALISE).split()
                forms = _inflections(words[0]) if inflect else (words[0].lower(),)
                starts.setdefault(_phrase_re(phrase, inflect=inflect), set()).update(forms)
                others = [word for word in words[1:] if word.isascii() and _plain_word(word)]
                other = _letter_run(max(others, key=len)) if others else None
                for form in forms:
                    companions.setdefault(_letter_run(form), set()).add(other)
            self._cue_kinds.append(
                (group, [(alt, frozenset(starts[alt])) for alt in _ordered(starts)])
            )
        fixed = [
            phrase.translate(_NORMALISE).lower().split()
            for key in ("needlessness_phrases", "self_contained_phrases", "instead_of_phrases")
            for phrase in w(key)
        ]
        # Cheap pre-check: a sentence can hold a cue only if it holds the cue's anchor word
        # (any form of a verb cue's first word; the longest word of a fixed phrase).
        longest = [max(words, key=lambda word: (_plain_word(word), len(word))) for words in fixed]
        self.anchors = _plain_words(list(self.verb_kinds) + longest)
        # The same check on ASCII text, done with bytes methods: the part of each anchor
        # before its first apostrophe must be one of the sentence's runs of ASCII letters.
        self.anchor_runs = (
            None
            if self.anchors is None
            else frozenset(a.split("'")[0].encode() for a in self.anchors if a.isascii())
        )
        # Words a cue can start with: the cue regex is tried only where one of them starts.
        self.first_words = _plain_words(list(self.verb_kinds) + [words[0] for words in fixed])
        # In ASCII text, a cue can match only where the word starts with its first word, so
        # each such word gets a small regex of just those cues (``cue_for``).
        self.cue_by_word = self.first_words is not None and all(
            word.isascii() for word in self.first_words
        )
        # In ASCII text a cue can match only where its first word and its other plain words
        # are all runs of letters of the sentence (``_ascii_may_hold_cue``).
        self.cue_companions = (
            {
                run: None if None in others else frozenset(others)
                for run, others in companions.items()
            }
            if self.cue_by_word
            else None
        )
        self.cue_start_runs = frozenset(companions)
        self._cue_for: dict[str, re.Pattern[str]] = {}

        self.pronouns = frozenset(p.lower() for p in w("pronoun_objects"))
        self.noun_markers = frozenset(p.lower() for p in w("noun_use_markers"))
        self.breakers = frozenset(p.lower() for p in w("window_breakers"))
        self.gerund_exceptions = frozenset(p.lower() for p in w("gerund_exceptions"))
        self.lead_ins = frozenset(p.lower() for p in w("lead_in_words"))

    def _w(self, key: str) -> list[str]:
        return self._lists[key]

    # --- cues ----------------------------------------------------------------------------

    @functools.cached_property
    def cue(self) -> re.Pattern[str]:
        """Every cue (for text where ``cue_for`` does not apply)."""
        return _cue_re((group, [alt for alt, _ in alts]) for group, alts in self._cue_kinds)

    def cue_for(self, word: str) -> re.Pattern[str]:
        """``cue`` cut down to the cues whose first word ``word`` (a lower-case ASCII word of
        ``first_words``) starts with, in the same order: at the start of ``word`` in ASCII
        text it matches exactly what ``cue`` matches."""
        rx = self._cue_for.get(word)
        if rx is None:
            rx = self._cue_for[word] = _cue_re(
                (group, [alt for alt, starts in alts if any(map(word.startswith, starts))])
                for group, alts in self._cue_kinds
            )
        return rx

    # --- objects -------------------------------------------------------------------------

    @functools.cached_property
    def object(self) -> re.Pattern[str]:
        w = self._w
        suffixes = "|".join(sorted((re.escape(x) for x in w("medication_suffixes")), key=len, reverse=True))
        return re.compile(
            _WORD_BEFORE
            + "(?:"
            + _alternation(_phrase_re(p, plural=True) for p in w("medication_objects"))
            + (f"|[a-z]{{3,}}(?:{suffixes})s?" if suffixes else "")
            + ")"
            + _WORD_AFTER,
            re.IGNORECASE,
        )

    @functools.cached_property
    def non_object(self) -> re.Pattern[str]:
        return _text_re(self._w("non_medication_objects"))

    @functools.cached_property
    def connector(self) -> re.Pattern[str]:
        return _text_re(self._w("replacement_connectors"))

    object_join = re.compile(r"\s+")
    of_join = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
    determiner = re.compile(r"\s*(?:(?:a|an|the|some)\s+)?", re.IGNORECASE)

    # --- advice or not -------------------------------------------------------------------

    hard_boundary = re.compile(_HARD_BOUNDARY)

    @functools.cached_property
    def boundary(self) -> re.Pattern[str]:
        boundary_words = _alternation(_phrase_re(p) for p in self._w("clause_boundaries"))
        return re.compile(
            _HARD_BOUNDARY
            + r"|,(?!\s*(?:and|or)\b)"
            + f"|{_WORD_BEFORE}{boundary_words}{_WORD_AFTER}",
            re.IGNORECASE,
        )

    @functools.cached_property
    def negation(self) -> re.Pattern[str]:
        return _text_re(self._w("negation_cues"))

    @functools.cached_property
    def pseudo_negation(self) -> re.Pattern[str]:
        return _text_re(self._w("pseudo_negations"))

    parenthetical = re.compile(r",[^,;]{0,60},")

    @functools.cached_property
    def hypothetical(self) -> re.Pattern[str]:
        return _words_re(self._w("hypothetical_cues"))

    @functools.cached_property
    def subject(self) -> re.Pattern[str]:
        return re.compile(
            "|".join(
                f"(?P<{group}>{_words_re(self._w(key)).pattern})"
                for group, key in (
                    ("desc", "descriptive_subjects"),
                    ("you", "second_person_subjects"),
                    ("me", "first_person_subjects"),
                )
            )
        )

    @functools.cached_property
    def modal_chain(self) -> re.Pattern[str]:
        modal = _words_re(self._w("modals")).pattern
        return re.compile(rf"(?:{modal}\s?)*")

    @functools.cached_property
    def deontic(self) -> re.Pattern[str]:
        return _words_re(self._w("deontic_modals"))

    @functools.cached_property
    def deontic_end(self) -> re.Pattern[str]:
        return _words_re(self._w("deontic_modals"), anchor="end")

    @functools.cached_property
    def advice_frame_end(self) -> re.Pattern[str]:
        return _words_re(self._w("advice_frames"), anchor="end")

    @functools.cached_property
    def gerund_frame_end(self) -> re.Pattern[str]:
        return _words_re(self._w("gerund_frames"), anchor="end")

    coordinator = re.compile(r"(?:^|(?<=\s))(?:and|or|&)(?=\s|$)")

    # --- qualification -------------------------------------------------------------------

    @functools.cached_property
    def _clinician(self) -> str:
        return _alternation(_phrase_re(p, plural=True) for p in self._w("clinician_terms"))

    @functools.cached_property
    def _clinician_np(self) -> str:
        return (
            r"(?:(?:your|a|an|the|their|his|her|my|our|one's)\s+)?(?:own\s+)?"
            + self._clinician
            + r"(?:'s)?"
        )

    @functools.cached_property
    def qualifier(self) -> re.Pattern[str]:
        return re.compile(
            _WORD_BEFORE
            + _alternation(
                [self._clinician]
                + [
                    _phrase_re(p, clinician=self._clinician_np)
                    for p in self._w("qualifier_phrases")
                ]
            )
            + _WORD_AFTER,
            re.IGNORECASE,
        )

    @functools.cached_property
    def non_qualifying(self) -> re.Pattern[str]:
        return _text_re(self._w("non_qualifying_phrases"), clinician=self._clinician_np)

    @functools.cached_property
    def anti_qualifier(self) -> re.Pattern[str]:
        return _text_re(self._w("anti_qualifiers"), clinician=self._clinician_np)

    @functools.cached_property
    def emergency(self) -> re.Pattern[str]:
        return _text_re(self._w("emergency_actions"))

    @functools.cached_property
    def red_flag(self) -> re.Pattern[str]:
        return _text_re(self._w("red_flags"), plural=True)


_CACHE: dict[int, tuple[Mapping[str, Any], _Compiled]] = {}
_CACHE_LIMIT = 16


def _compiled(lexicon: Mapping[str, Any]) -> _Compiled:
    hit = _CACHE.get(id(lexicon))
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    compiled = _Compiled(lexicon)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.pop(next(iter(_CACHE)))
    # Holding the lexicon keeps its id from being reused while the entry lives.
    _CACHE[id(lexicon)] = (lexicon, compiled)
    return compiled


def find_unqualified_stop_advice(
    sentences: Sequence[str], lexicon: Mapping[str, Any] | None = None
) -> list[StopAdvice]:
    """`sentences` are the consecutive prose sentences of ONE paragraph or list item, in order.
    Non-prose parts (inline code etc.) have already been replaced by U+FFFC characters by the caller.
    Returns the advice to stop/skip/reduce a medication, supplement or treatment that is not
    qualified by a clinician in the same sentence or an adjacent sentence (previous or next)
    of the same list."""
    c = _compiled(lexicon if lexicon is not None else default_lexicon())
    texts: list[str] | None = None  # the normalised sentences, once a sentence needs them
    qualified: dict[int, bool] = {}

    def is_qualified(index: int) -> bool:
        if index not in qualified:
            qualified[index] = 0 <= index < len(texts) and _qualifies(c, texts[index])
        return qualified[index]

    found: list[StopAdvice] = []
    for index, sentence in enumerate(sentences):
        if not isinstance(sentence, str) or not sentence:
            continue
        # Pre-check: does the sentence hold an anchor word? ASCII text (most text) is first
        # screened with bytes methods, which are much cheaper than the word regex.
        if sentence.isascii():
            if not _ascii_may_hold_cue(c, sentence):
                continue
            text = sentence  # nothing to normalise
        else:
            text = sentence.translate(_NORMALISE)
        lowered = text.lower()
        if c.anchors is not None and c.anchors.isdisjoint(_WORD.findall(lowered)):
            continue
        if texts is None:
            texts = [_normalised(s) for s in sentences]
        previous = texts[index - 1] if index > 0 else ""
        spans = _advice_spans(c, text, lowered, previous)
        if not spans:
            continue
        if is_qualified(index) or is_qualified(index - 1) or is_qualified(index + 1):
            continue
        found.extend(StopAdvice(index, start, end, sentence[start:end]) for start, end in spans)
    return found


def _ascii_may_hold_cue(c: _Compiled, sentence: str) -> bool:
    """A cheap pre-check of an ASCII sentence, with bytes methods: False when it cannot hold
    an anchor word, or holds no cue's first word together with the cue's longest other word.

    Splitting the lower-cased sentence at every byte that is not an ASCII letter gives its
    runs of letters. A word of the sentence (letters and inner apostrophes) starts a run and
    runs up to its first apostrophe; a cue's words in ASCII text are words of the sentence
    (the last one may go on with an apostrophe: "stop's"). So each anchor word, and each
    word of a cue, shows up as a run, cut at its first apostrophe.
    """
    runs = sentence.encode().translate(_ASCII_LETTER_RUNS).split()
    if c.anchor_runs is not None and c.anchor_runs.isdisjoint(runs):
        return False
    if c.cue_companions is None:
        return True
    for run in c.cue_start_runs.intersection(runs):
        needed = c.cue_companions[run]
        if needed is None or not needed.isdisjoint(runs):
            return True
    return False


def _normalised(sentence: object) -> str:
    if not isinstance(sentence, str):
        return ""
    return sentence if sentence.isascii() else sentence.translate(_NORMALISE)


# --- cues and objects --------------------------------------------------------------------


def _advice_spans(c: _Compiled, text: str, lowered: str, previous: str) -> list[tuple[int, int]]:
    """Spans (start, end) of unnegated, non-descriptive stop advice in one sentence
    (``lowered`` is ``text.lower()``)."""
    spans: list[tuple[int, int]] = []
    last_end = -1
    marks: _Marks | None = None
    for cue in _cues(c, text, lowered):
        start = cue.start()
        if start < last_end:
            continue
        kind = cue.lastgroup or "verb"
        end = _cue_end(c, kind, cue, text, previous)
        if end is None:
            continue
        marks = marks or _Marks(text)
        if marks.is_question(start) or marks.inside_quotes(start):
            continue
        if _previous_word(text, start) in c.noun_markers and kind in ("verb", "dose", "repl"):
            continue
        if not _is_advice(c, kind, cue.group().split()[0].lower(), text, start):
            continue
        spans.append((start, end))
        last_end = end
    return spans


def _cues(c: _Compiled, text: str, lowered: str) -> Iterator[re.Match[str]]:
    """Non-overlapping cue matches, left to right (the cue regex tried only at candidate words).

    In ASCII text, ``lowered`` has the same offsets as ``text``, and the regex tried at a
    word holds only the cues that can start with that word (``_Compiled.cue_for``).
    """
    if c.first_words is None:
        yield from c.cue.finditer(text)
        return
    cue_end = 0
    if c.cue_by_word and text.isascii():
        for word in _WORD.finditer(lowered):
            if word.start() < cue_end or word.group() not in c.first_words:
                continue
            cue = c.cue_for(word.group()).match(text, word.start())
            if cue is not None:
                cue_end = cue.end()
                yield cue
        return
    for word in _WORD.finditer(text):
        if word.start() < cue_end or word.group().lower() not in c.first_words:
            continue
        cue = c.cue.match(text, word.start())
        if cue is not None:
            cue_end = cue.end()
            yield cue


def _cue_end(c: _Compiled, kind: str, cue: re.Match[str], text: str, previous: str) -> int | None:
    """Where the finding ends (after the medication object), or None when the cue has no object."""
    if kind == "self":
        more = _object_after(c, text, cue.end(), 1, pronoun_ok=False)
        return more[1] if more else cue.end()
    window = _SHORT_WINDOW if kind in ("dose", "inst") else _OBJECT_WINDOW
    obj = _object_after(c, text, cue.end(), window, pronoun_ok=kind in ("verb", "dose"))
    if obj is None:
        return None
    obj_start, obj_end, is_pronoun = obj
    antecedent = c.object.search(text, max(0, cue.start() - _LOOKBACK_CHARS), cue.start())
    if is_pronoun and not (antecedent or c.object.search(previous[-_LOOKBACK_CHARS:])):
        return None
    if kind == "repl":
        conn = c.connector.match(text, _skip_space(text, obj_end))
        if conn is None:
            return None
        after = c.determiner.match(text, conn.end())
        if after and c.non_object.match(text, after.end()):
            return None
    return obj_end


def _object_after(
    c: _Compiled, text: str, pos: int, window: int, *, pronoun_ok: bool, extend: bool = True
) -> tuple[int, int, bool] | None:
    """The first medication object within ``window`` words after ``pos``.

    Returns (start, end, is_pronoun), or None when a breaker, punctuation, a gerund or a
    non-medication object comes first.
    """
    skipped = 0
    # "it"/"them" right after the verb is the object unless a real object follows
    # ("stop taking these supplements").
    pronoun: tuple[int, int, bool] | None = None
    for tok in _TOKEN.finditer(text, pos, min(len(text), pos + _SCAN_CHARS)):
        obj = c.object.match(text, tok.start())
        if obj is not None:
            blocker = c.non_object.match(text, tok.start())
            if blocker is not None and blocker.end() >= obj.end():
                return pronoun
            return tok.start(), _extend_object(c, text, obj.end()) if extend else obj.end(), False
        word = tok.group()
        lower = word.lower()
        if pronoun_ok and skipped == 0 and lower in c.pronouns:
            pronoun = (tok.start(), tok.end(), True)
        elif (
            c.non_object.match(text, tok.start())
            or not (word[0].isalnum() or word[0] in "_'\ufffc")
            or lower in c.breakers
            or (
                lower.endswith("ing")
                and len(lower) > 4
                and "-" not in lower
                and lower not in c.gerund_exceptions
            )
        ):
            return pronoun
        skipped += 1
        if skipped > window:
            return pronoun
    return pronoun


def _extend_object(c: _Compiled, text: str, end: int) -> int:
    """Grow "metformin" to "metformin dose" and "the dose" to "the dose of your insulin"."""
    for _ in range(4):
        of = c.of_join.match(text, end)
        if of is not None:
            more = _object_after(c, text, of.end(), _SHORT_WINDOW, pronoun_ok=False, extend=False)
            if more is None:
                return end
            end = more[1]
            continue
        join = c.object_join.match(text, end)
        if join is None or c.non_object.match(text, join.end()):
            return end
        more = c.object.match(text, join.end())
        if more is None:
            return end
        end = more.end()
    return end


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _previous_word(text: str, pos: int) -> str:
    match = _LAST_WORD.search(text, max(0, pos - 40), pos)
    return match.group(1).lower() if match else ""


class _Marks:
    """Sentence punctuation, indexed once: where questions end and quotations open."""

    def __init__(self, text: str) -> None:
        self.stops = [(m.start(), m.group()) for m in _QUESTION_OR_STOP.finditer(text)]
        self.ends_with_question = text.rstrip(_TRAILING_NOISE).endswith("?")
        self.quote_positions: list[int] = []
        self.inside_after: list[bool] = []
        curly = straight = 0
        for quote in _QUOTE.finditer(text):
            if quote.group() == '"':
                straight += 1
            else:
                curly += 1 if quote.group() in _OPENING_QUOTES else -1
            self.quote_positions.append(quote.start())
            self.inside_after.append(curly > 0 or straight % 2 == 1)

    def is_question(self, pos: int) -> bool:
        """Is the clause holding ``pos`` a question (the next . ! or ? is a ?)?"""
        index = bisect.bisect_left(self.stops, (pos, ""))
        if index < len(self.stops):
            return self.stops[index][1] == "?"
        return self.ends_with_question

    def inside_quotes(self, pos: int) -> bool:
        index = bisect.bisect_left(self.quote_positions, pos)
        return index > 0 and self.inside_after[index - 1]


# --- advice or not -----------------------------------------------------------------------


def _is_advice(c: _Compiled, kind: str, first_word: str, text: str, start: int) -> bool:
    clause_start = max(0, start - _LOOKBACK_CHARS)
    for boundary in c.boundary.finditer(text, clause_start, start):
        clause_start = boundary.end()
    if _negated(c, text, start):
        return False
    words = _context_words(c, text[clause_start:start])
    context = " ".join(words)
    if c.hypothetical.search(context):
        return False
    if kind in ("verb", "dose", "repl"):
        form = c.verb_kinds.get(first_word, "base")
        if form in ("past", "s3"):
            return False
        if form == "ger":
            frame = c.gerund_frame_end.search(context)
            if frame is None:
                return False
            context = context[: frame.start()].rstrip()
        else:
            while (frame := c.advice_frame_end.search(context)) is not None and frame.group():
                context = context[: frame.start()].rstrip()
        return _subject_allows_advice(c, context, strict=True)
    return _subject_allows_advice(c, context, strict=False)


def _context_words(c: _Compiled, text: str) -> list[str]:
    words = []
    for match in _PREFIX_WORD.finditer(text):
        word = match.group().lower().strip("'")
        if not word or word in c.lead_ins:
            continue
        if word.endswith("ly") and len(word) > 3 and word not in _LY_NOT_ADVERBS:
            continue
        words.append(word)
    return words


def _subject_allows_advice(c: _Compiled, context: str, *, strict: bool) -> bool:
    """Decide from the words before the cue whether it addresses the reader.

    ``strict`` (verb cues): unknown words before the verb ("Tom had to stop ...") are not
    advice. Fixed phrases ("there's no need to keep taking ...") are advice unless a
    first- or third-person subject says otherwise.
    """
    if not context:
        return True
    subject = None
    for subject in c.subject.finditer(context):
        pass
    if strict:
        coordinated = None
        for coordinated in c.coordinator.finditer(context):
            pass
        if coordinated is not None and not context[coordinated.end() :].strip():
            # "Eat well and stop your pills": the verb shares the first verb's subject.
            head = context[: coordinated.start()].strip()
            last = None
            for last in c.subject.finditer(head):
                pass
            if last is None:
                return True
            return _subject_kind_allows(c, last, head[last.end() :].strip(), modal_only=False)
    if subject is None:
        return not strict
    rest = context[subject.end() :].strip()
    return _subject_kind_allows(c, subject, rest, modal_only=strict)


def _subject_kind_allows(
    c: _Compiled, subject: re.Match[str], rest: str, *, modal_only: bool
) -> bool:
    """Advice or not, given the last subject word and the words between it and the cue."""
    chain = c.modal_chain.match(rest)
    is_chain = chain is not None and chain.end() == len(rest)
    if subject.lastgroup == "desc":
        # "Patients (with kidney disease) should stop ...": a must/should modal makes it advice.
        if is_chain or not modal_only:
            return c.deontic.search(rest[: chain.end()] if chain else "") is not None
        return c.deontic_end.search(rest) is not None
    if modal_only and not is_chain:
        return False
    return subject.lastgroup == "you"


def _negated(c: _Compiled, text: str, start: int) -> bool:
    region_start = max(0, start - _LOOKBACK_CHARS)
    for boundary in c.hard_boundary.finditer(text, region_start, start):
        region_start = boundary.end()
    pseudo = [(m.start(), m.end()) for m in c.pseudo_negation.finditer(text, region_start, start)]
    for neg in reversed(list(c.negation.finditer(text, region_start, start))):
        if any(ps <= neg.start() and neg.end() <= pe for ps, pe in pseudo):
            continue
        between = c.parenthetical.sub(" ", text[neg.end() : start], count=1)
        if "," in between:
            return False
        return len(_PREFIX_WORD.findall(between)) <= _NEGATION_REACH
    return False


# --- qualification -----------------------------------------------------------------------


def _qualifies(c: _Compiled, text: str) -> bool:
    """Does this sentence send the reader to a clinician (or to emergency care for a red flag)?"""
    if c.emergency.search(text) and c.red_flag.search(text):
        return True
    qualifiers = list(c.qualifier.finditer(text))
    if not qualifiers:
        return False
    excluded = [(m.start(), m.end()) for m in c.non_qualifying.finditer(text)]
    antis = _Spans((m.start(), m.end()) for m in c.anti_qualifier.finditer(text))
    for anti in antis.spans:
        # The "without" of an earlier anti-qualifier does not negate a later one.
        if not _negation_before(c, text, anti[0], ignore=antis):
            excluded.append(anti)
    merged: list[list[int]] = []
    for start, end in sorted(excluded):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]
    for q in qualifiers:
        index = bisect.bisect_right(starts, q.start()) - 1
        if index < 0 or q.end() > merged[index][1]:
            return True
    return False


class _Spans:
    """Non-overlapping spans in order, searchable by position."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self.starts = [start for start, _ in self.spans]
        self.ends = [end for _, end in self.spans]

    def reaching_into(self, lo: int, hi: int) -> list[tuple[int, int]]:
        return self.spans[bisect.bisect_left(self.ends, lo) : bisect.bisect_left(self.starts, hi)]


def _negation_before(c: _Compiled, text: str, pos: int, *, ignore: _Spans) -> bool:
    lo = max(0, pos - _LOOKBACK_CHARS)
    skip = [(m.start(), m.end()) for m in c.pseudo_negation.finditer(text, lo, pos)]
    skip += ignore.reaching_into(lo, pos)
    return any(
        not any(ss <= m.start() and m.end() <= se for ss, se in skip)
        for m in c.negation.finditer(text, lo, pos)
    )
