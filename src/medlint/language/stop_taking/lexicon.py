"""The stop-taking lexicon compiled into word sets and regexes (``_Compiled``), once per
lexicon object (``_compiled``).

The cue, object, subject and qualifier regexes are built from the lexicon's word lists
with this analyser's own word conventions (``_word_re``, ``_phrase_re``): a hyphen inside a
lexicon word matches a hyphen, a space or nothing; a word with two capitals ("GP") is
case-sensitive; a verb cue's first word matches every inflection. They differ from the
claims lexicon's phrases (where a hyphen is just a separator) because the stop-taking
lists are written as verbs and noun phrases to be inflected, not as fixed aliases."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from medlint.language.lexicon import IdentityCache, whole_word

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
    "swear": {"s3": ("swears",), "past": ("swore", "sworn"), "ger": ("swearing",)},
    "break": {"s3": ("breaks",), "past": ("broke", "broken"), "ger": ("breaking",)},
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


_PLURAL = "(?:s|es)?"


def _phrase_re(
    phrase: str,
    *,
    inflect: bool = False,
    plural: bool = False,
    clinician: str | None = None,
    slots: Mapping[str, str] | None = None,
) -> str:
    """One lexicon phrase as a regex. ``{clinician}`` and the ``slots`` placeholders
    (``{more}``, ``{person}``, ``{period}`` in cue phrases) stand for their regexes."""
    words = phrase.translate(_NORMALISE).split()
    out: list[str] = []
    for index, word in enumerate(words):
        if slots and index > 0 and word[:1] == "{" and word[1:-1] in slots:
            out.append(slots[word[1:-1]])
            continue
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
        out[-1] = out[-1] + _PLURAL
    return r"\s+".join(out)


def _ordered(fragments: Iterable[str]) -> list[str]:
    # More words first, then longer: "vitamin D" is tried before "vitamin".
    return sorted(dict.fromkeys(fragments), key=lambda f: (f.count(r"\s"), len(f)), reverse=True)


def _alternation(fragments: Iterable[str], *, ordered: bool = False) -> str:
    unique = list(fragments) if ordered else _ordered(fragments)
    return "(?:" + "|".join(_shared_plural(unique)) + ")" if unique else "(?!)"


def _shared_plural(fragments: list[str]) -> list[str]:
    """Write each run of neighbouring fragments that end in the plural suffix as one,
    "(?:a|b)(?:s|es)?". The matches are the same (the regex engine tries a with each
    suffix, then b with each, in both forms); compiling the ~500 medication objects
    takes about half the time (13 ms before, in a one-file run)."""
    out: list[str] = []
    for plural, run in itertools.groupby(fragments, key=lambda fragment: fragment.endswith(_PLURAL)):
        items = list(run)
        if plural and len(items) > 1:
            out.append("(?:" + "|".join(item[: -len(_PLURAL)] for item in items) + ")" + _PLURAL)
        else:
            out.extend(items)
    return out


def _text_re(phrases: Iterable[str], **kwargs: Any) -> re.Pattern[str]:
    fragments = _ordered(_phrase_re(p, **kwargs) for p in phrases)
    if kwargs.get("clinician"):
        fragments = _shared_head(_shared_tail(fragments, kwargs["clinician"]), kwargs["clinician"])
    return re.compile(whole_word(_alternation(fragments, ordered=True), hyphen=True), re.IGNORECASE)


def _shared_head(fragments: list[str], head: str) -> list[str]:
    """Write the fragments that start with ``head`` as one, "head(?:a|b)", where the first of
    them stood: like ``_shared_tail``, so that the long ``{clinician}`` pattern is compiled
    once for "{clinician} prescribed", "{clinician} recommend", ..."""
    tails = [fragment[len(head) :] for fragment in fragments if fragment.startswith(head)]
    if len(tails) < 2:
        return fragments
    out: list[str] = []
    for fragment in fragments:
        if not fragment.startswith(head):
            out.append(fragment)
        elif tails is not None:
            out.append(head + "(?:" + "|".join(tails) + ")")
            tails = None
    return out


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


def _shared_slot(
    fragments: list[tuple[str, frozenset[str]]], slot: str
) -> list[tuple[str, frozenset[str]]]:
    """Write the fragments (each with the words it can start with) that share everything up
    to ``slot`` as one, "head(?:a|b)", where the first of them stood: "take {medicine} off",
    "take {medicine} more often", ... then try the verb and each length of the {medicine}
    slot once, not once per phrase (the slot is what makes these cues slow to try).
    Fragments of one head start with one verb, so the order between heads does not matter."""
    tails: dict[str, list[str]] = {}
    starts: dict[str, frozenset[str]] = {}
    for fragment, forms in fragments:
        head, found, tail = fragment.partition(slot)
        if found:
            tails.setdefault(head, []).append(tail)
            starts[head] = starts.get(head, frozenset()) | forms
    out: list[tuple[str, frozenset[str]]] = []
    for fragment, forms in fragments:
        head, found, _ = fragment.partition(slot)
        if not found:
            out.append((fragment, forms))
        elif (group := tails.pop(head, None)) is not None:
            joined = group[0] if len(group) == 1 else "(?:" + "|".join(group) + ")"
            out.append((head + slot + joined, starts[head]))
    return out


# "..." in a phrase read on the words before a cue: up to eight other words.
_GAP = "..."
_GAP_RE = r"(?:\S+\s){0,8}?"


def _words_re(phrases: Iterable[str], *, anchor: str = "") -> re.Pattern[str]:
    """A regex over lower-cased, space-joined words (the context before a cue); "..." in a
    phrase stands for up to eight words ("the best thing ... is to")."""
    alts = _alternation(
        r"\s".join(re.escape(w) for w in p.translate(_NORMALISE).lower().split())
        .replace(r"\s" + re.escape(_GAP) + r"\s", r"\s" + _GAP_RE)
        for p in phrases
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
    "non_qualifying_phrases", "prescriber_phrases", "anti_qualifiers", "emergency_actions", "red_flags",
    "increase_words", "person_objects", "period_words", "dose_units", "adjective_forms",
    "separable_verbs", "objectless_verbs", "taking_verbs", "same_medicine_replacements",
    "abrupt_stops", "gerund_endorsements", "suggesting_questions", "experiment_frames",
    "indication_openers", "duration_words", "specific_determiners", "continuation_markers",
)
# The cue lists in the order the cue regex tries them (named group, lexicon key, inflected).
# Longer kinds first, so "no need to finish the course" wins over "no need to finish";
# dose changes before discontinuation verbs, so "drop to one a day" wins over "drop".
_CUE_KINDS = (
    ("self", "self_contained_phrases", False),
    ("need", "needlessness_phrases", False),
    ("inst", "instead_of_phrases", False),
    ("sep", "separable_verbs", True),
    ("dose", "dose_change_verbs", True),
    ("verb", "discontinuation_verbs", True),
    ("repl", "replacement_verbs", True),
)
# How many of a period ("two weeks", "a month", "a few days") the {period} slot accepts.
_PERIOD_COUNTS = (
    r"(?:(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:few\s+|couple\s+of\s+)?|"
    r"(?:a\s+)?(?:few|couple\s+of|several)\s+)?"
)


# The verb forms a cue can be advice in (``_inflections`` kinds).
_ADVISABLE = ("base", "ger")
_COUNT = r"(?:one|two|three|four|five|six|\d+|once|twice|three\s+times|four\s+times)"


# Words too common to be a cue's companion in the pre-check while the cue has another.
_COMMON_WORDS = frozenset(
    "a an the your my our their this that these those of to on in off at for with from up by".split()
)


def _companion(words: list[str]) -> str:
    """The word of a cue the ASCII pre-check asks for besides its first: the longest word
    that is not a common one ("take half your" needs "half", not "your"), the last of
    equals; the longest of all if every word is common."""
    rare = [word for word in words if word.lower() not in _COMMON_WORDS] or words
    return max(reversed(rare), key=len)


def _letter_run(word: str) -> bytes:
    """The ASCII pre-check's form of a plain ASCII word: lower case, up to any apostrophe."""
    return word.lower().split("'")[0].encode()


def _phrase_runs(phrases: list[str], *, plural: bool = False) -> frozenset[bytes] | None:
    """The runs one of ``phrases`` must show in ASCII text (each phrase's longest plain ASCII
    word, with its plurals when ``plural``), or None if a phrase has no such word."""
    runs: set[bytes] = set()
    for phrase in phrases:
        words = [word for word in phrase.translate(_NORMALISE).split() if word.isascii() and _plain_word(word)]
        if not words:
            return None
        word = max(words, key=len)
        runs.add(_letter_run(word))
        if plural and word == words[-1]:
            runs.update((_letter_run(word + "s"), _letter_run(word + "es")))
    return frozenset(runs)


def _cue_re(groups: Iterable[tuple[str, list[str]]]) -> re.Pattern[str]:
    """One regex for every cue: the named group says which list the cue came from."""
    return re.compile(
        whole_word(
            "(?:"
            + "|".join(f"(?P<{group}>{_alternation(alts, ordered=True)})" for group, alts in groups)
            + ")",
            hyphen=True,
        ),
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
        # The placeholders of cue phrases: "take {more}", "give {person} {more}",
        # "try {period} without".
        slots = {
            "more": _alternation(_phrase_re(p) for p in w("increase_words")),
            "person": _alternation(_phrase_re(p) for p in w("person_objects")),
            "period": _PERIOD_COUNTS + _alternation(_phrase_re(p, plural=True) for p in w("period_words")),
        }
        # {medicine} in separable_verbs: a short noun phrase, checked for a medication
        # object when the cue is found ("take the patch off", not "take the lid off");
        # {count}: a number ("take one tablet instead of two").
        slots["medicine"] = r"(?:[\w'-]+\s+){0,3}?[\w'-]+"
        slots["count"] = _COUNT
        self._period = slots["period"]

        self.verb_kinds: dict[str, str] = {}
        for key in ("discontinuation_verbs", "dose_change_verbs", "replacement_verbs", "separable_verbs"):
            for phrase in w(key):
                first = phrase.translate(_NORMALISE).split()[0].lower()
                for form, kind in _inflections(first).items():
                    self.verb_kinds.setdefault(form, kind)

        # A verb cue read in the third person or the past ("stops", "stopped") is never
        # advice, so only the base form and the -ing form make a word worth trying a cue at.
        advisable = [form for form, kind in self.verb_kinds.items() if kind in _ADVISABLE]

        self._cue_kinds, companions, required = self._compile_cues(slots)
        fixed = [
            phrase.translate(_NORMALISE).lower().split()
            for key in ("needlessness_phrases", "self_contained_phrases", "instead_of_phrases")
            for phrase in w(key)
        ]
        # Cheap pre-check: a sentence can hold a cue only if it holds the cue's anchor word
        # (the base or -ing form of a verb cue's first word; the longest word of a fixed phrase).
        longest = [max(words, key=lambda word: (_plain_word(word), len(word))) for words in fixed]
        self.anchors = _plain_words(advisable + longest)
        # The same check on ASCII text, done with bytes methods and sharper: each cue's
        # companion (below) where it has one, else its first word, must be one of the
        # sentence's runs of ASCII letters ("be done with" needs "done", not "be").
        self.anchor_runs = None if self.anchors is None else frozenset(required)
        # Words a cue can start with: the cue regex is tried only where one of them starts.
        self.first_words = _plain_words(advisable + [words[0] for words in fixed])
        # In ASCII text, a cue can match only where the word starts with its first word, so
        # each such word gets a small regex of just those cues (``cue_for``).
        self.cue_by_word = self.first_words is not None and all(
            word.isascii() for word in self.first_words
        )
        # In ASCII text a cue can match only where its first word and its other plain words
        # are all runs of letters of the sentence (``_ascii_cue_starts``).
        self.cue_companions = (
            {
                run: None if None in others else frozenset(others)
                for run, others in companions.items()
            }
            if self.cue_by_word
            else None
        )
        self.cue_start_runs = frozenset(companions)
        self._cue_for: dict[tuple[str, str | None], re.Pattern[str]] = {}
        self._cue_without: dict[str, re.Pattern[str]] = {}

        self.pronouns = frozenset(p.lower() for p in w("pronoun_objects"))
        self.noun_markers = frozenset(p.lower() for p in w("noun_use_markers"))
        self.breakers = frozenset(p.lower() for p in w("window_breakers"))
        self.gerund_exceptions = frozenset(p.lower() for p in w("gerund_exceptions"))
        self.lead_ins = frozenset(p.lower() for p in w("lead_in_words"))
        self.adjective_forms = frozenset(p.lower() for p in w("adjective_forms"))
        self.objectless_verbs = frozenset(p.lower() for p in w("objectless_verbs"))

    def _w(self, key: str) -> list[str]:
        return self._lists[key]

    def _compile_cues(
        self, slots: dict[str, str]
    ) -> tuple[
        list[tuple[str, list[tuple[str, frozenset[str]]]]], dict[bytes, set[bytes | None]], set[bytes]
    ]:
        """Each cue list as regex fragments in the order the cue regex tries them, each with
        the lower-case words its first word can be (every form of an inflected verb); the
        ASCII pre-check's companions (below); and the runs one of which every cue needs
        (its companions, or its first word's runs when it has none)."""
        w = self._w
        cue_kinds: list[tuple[str, list[tuple[str, frozenset[str]]]]] = []
        # For the ASCII pre-check: each run of letters a cue can start with (the part of its
        # first word before any apostrophe) and, for every cue starting so, one more run the
        # cue needs (``_companion`` of its other plain ASCII words, up to any apostrophe; None
        # if none).
        # A cue whose other words are all placeholders ("take {more}") needs one of the
        # runs its placeholder can stand for ("extra", "second", ...).
        slot_runs = {
            "more": _phrase_runs(w("increase_words")),
            "person": _phrase_runs(w("person_objects")),
            "period": _phrase_runs(w("period_words"), plural=True),
        }
        companions: dict[bytes, set[bytes | None]] = {}
        required: set[bytes] = set()
        for group, key, inflect in _CUE_KINDS:
            starts: dict[str, set[str]] = {}
            for phrase in w(key):
                words = phrase.translate(_NORMALISE).split()
                forms = _inflections(words[0]) if inflect else (words[0].lower(),)
                starts.setdefault(_phrase_re(phrase, inflect=inflect, slots=slots), set()).update(forms)
                others = [word for word in words[1:] if word.isascii() and _plain_word(word)]
                needed: set[bytes | None] = {_letter_run(_companion(others))} if others else {None}
                rare = [word for word in others if word.lower() not in _COMMON_WORDS]
                hyphenated = [w for w in words[1:] if w.isascii() and "-" in w and all(map(_plain_word, w.split("-")))]
                if not rare and hyphenated:
                    # "go pill-free": the text holds "pill" ("pill-free", "pill free") or "pillfree"
                    parts = max(hyphenated, key=len).split("-")
                    needed = {_letter_run(parts[0]), _letter_run("".join(parts))}
                if not others and not hyphenated:
                    for word in words[1:]:
                        runs = slot_runs.get(word[1:-1]) if word[:1] == "{" else None
                        if runs is not None:
                            needed = set(runs)
                            break
                advisable = [form for form in forms if not inflect or self.verb_kinds.get(form) in _ADVISABLE]
                for form in advisable:
                    companions.setdefault(_letter_run(form), set()).update(needed)
                # the anchor: the companion when it looks rarer (longer) than the first word
                if None in needed or any(
                    run.decode() in _COMMON_WORDS or len(run) <= len(words[0]) for run in needed if run
                ):
                    required.update(_letter_run(form) for form in advisable if form.isascii())
                else:
                    required.update(run for run in needed if run is not None)
            cue_kinds.append(
                (group, _shared_slot([(alt, frozenset(starts[alt])) for alt in _ordered(starts)], slots["medicine"]))
            )
        return cue_kinds, companions, required

    # --- cues ----------------------------------------------------------------------------

    @functools.cached_property
    def cue(self) -> re.Pattern[str]:
        """Every cue (for text where ``cue_for`` does not apply)."""
        return _cue_re((group, [alt for alt, _ in alts]) for group, alts in self._cue_kinds)

    def cue_for(self, word: str, without: str | None = None) -> re.Pattern[str]:
        """``cue`` cut down to the cues whose first word ``word`` (a lower-case ASCII word of
        ``first_words``) starts with, in the same order: at the start of ``word`` in ASCII
        text it matches exactly what ``cue`` (or ``cue_without(without)``) matches."""
        rx = self._cue_for.get((word, without))
        if rx is None:
            rx = self._cue_for[word, without] = _cue_re(
                (group, [alt for alt, starts in alts if any(map(word.startswith, starts))])
                for group, alts in self._cue_kinds
                if group != without
            )
        return rx

    def cue_without(self, group: str) -> re.Pattern[str]:
        """``cue`` without one kind of cue: what else a cue that found no object could be
        ("take a week off the tablets" is no "take {medicine} off")."""
        rx = self._cue_without.get(group)
        if rx is None:
            rx = self._cue_without[group] = _cue_re(
                (kind, [alt for alt, _ in alts]) for kind, alts in self._cue_kinds if kind != group
            )
        return rx

    # --- objects -------------------------------------------------------------------------

    @functools.cached_property
    def object(self) -> re.Pattern[str]:
        w = self._w
        suffixes = "|".join(sorted((re.escape(x) for x in w("medication_suffixes")), key=len, reverse=True))
        return re.compile(
            whole_word(
                "(?:"
                + _alternation(_phrase_re(p, plural=True) for p in w("medication_objects"))
                + (f"|[a-z]{{3,}}(?:{suffixes})s?" if suffixes else "")
                + ")",
                hyphen=True,
            ),
            re.IGNORECASE,
        )

    @functools.cached_property
    def _units(self) -> str:
        return _alternation(_phrase_re(p, plural=True) for p in self._w("dose_units"))

    @functools.cached_property
    def quantity(self) -> re.Pattern[str]:
        """A dose given as an amount ("the 5 mg pen", "one puff"): the object of a dose change."""
        return re.compile(
            r"(?:\d+(?:[.,]\d+)?\s*|(?:one|two|three|four|half\s+an?|a|an)\s+)" + self._units + r"(?![\w-])",
            re.IGNORECASE,
        )

    @functools.cached_property
    def unit(self) -> re.Pattern[str]:
        """A bare dose unit right after a dose change ("take a couple more sachets")."""
        return re.compile(self._units + r"(?![\w-])", re.IGNORECASE)

    # A daily count with no unit ("go up to 4 a day"): the object of a dose change only
    # when a medicine was named before it, like a pronoun (not "go up to five a day" of fruit).
    daily_count = re.compile(
        rf"{_COUNT}\s+(?:a|per|each)\s+day(?![\w-])",
        re.IGNORECASE,
    )

    @functools.cached_property
    def taking(self) -> re.Pattern[str]:
        """A verb of taking a medicine, for a bare "stop" later in the sentence."""
        return re.compile(
            whole_word(_alternation(_phrase_re(p, inflect=True) for p in self._w("taking_verbs")), hyphen=True),
            re.IGNORECASE,
        )

    @functools.cached_property
    def condition_start(self) -> re.Pattern[str]:
        """A condition right after a bare "stop" ("stop if there is no improvement")."""
        return re.compile(
            _alternation(_phrase_re(p) for p in ("if", "when", "once", "after", "as soon as", "unless"))
            + r"(?![\w'-])",
            re.IGNORECASE,
        )

    @functools.cached_property
    def suggestion(self) -> re.Pattern[str]:
        """A question that suggests rather than asks: "Why not have a week off your pills?"."""
        openers = _alternation(_phrase_re(p) for p in self._w("suggesting_questions"))
        return re.compile(r"^\W*(?:so\s+|well\s+|then\s+)?" + openers + r"(?![\w'-])", re.IGNORECASE)

    @functools.cached_property
    def abrupt(self) -> re.Pattern[str]:
        """A manner of stopping a medicine ("cold turkey", "without tapering")."""
        return _text_re(self._w("abrupt_stops"))

    @functools.cached_property
    def endorsement(self) -> re.Pattern[str]:
        """What makes a gerund subject advice: "Stopping your statin IS WORTH A TRY"."""
        return _text_re(self._w("gerund_endorsements"))

    @functools.cached_property
    def non_object(self) -> re.Pattern[str]:
        return _text_re(self._w("non_medication_objects"))

    @functools.cached_property
    def connector(self) -> re.Pattern[str]:
        return _text_re(self._w("replacement_connectors"))

    @functools.cached_property
    def same_medicine(self) -> re.Pattern[str]:
        return _text_re(self._w("same_medicine_replacements"))

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
            + "|" + whole_word(boundary_words, hyphen=True),
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
    def period(self) -> re.Pattern[str]:
        """A stretch of time ("a week", "two days"), on the lower-cased words before a cue."""
        return re.compile(self._period, re.IGNORECASE)

    @functools.cached_property
    def course_length(self) -> re.Pattern[str]:
        """A day or a stretch of a course as the object of a cue ("skip a day", "finish the
        full four weeks", "drop the last two weeks of terbinafine")."""
        return re.compile(
            r"(?:the\s+(?:full|whole|entire|last|final|remaining|other)\s+|all\s+)?"
            + self._period
            + r"(?![\w'-])",
            re.IGNORECASE,
        )

    @functools.cached_property
    def indication(self) -> re.Pattern[str]:
        """What a medicine would be for, right after it ("for a cold", "to prevent colds")."""
        openers = _alternation(_phrase_re(p) for p in self._w("indication_openers"))
        return re.compile(r"\s*" + openers + r"(?![\w'-])", re.IGNORECASE)

    @functools.cached_property
    def duration(self) -> re.Pattern[str]:
        """A stretch of time after "for" ("more than three days", "life", "two weeks")."""
        words = _alternation(_phrase_re(p) for p in self._w("duration_words"))
        return re.compile(r"\s*(?:" + words + r"(?![\w'-])|" + self.course_length.pattern + ")", re.IGNORECASE)

    @functools.cached_property
    def specific_determiners(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self._w("specific_determiners"))

    @functools.cached_property
    def continuation(self) -> re.Pattern[str]:
        """Words saying the reader is already on the medicine ("any more", "keep")."""
        return _text_re(self._w("continuation_markers"))

    @functools.cached_property
    def experiment(self) -> re.Pattern[str]:
        return _words_re(self._w("experiment_frames"))

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
            whole_word(
                _alternation(
                    [self._clinician]
                    + [
                        _phrase_re(p, clinician=self._clinician_np)
                        for p in self._w("qualifier_phrases")
                    ]
                ),
                hyphen=True,
            ),
            re.IGNORECASE,
        )

    @functools.cached_property
    def non_qualifying(self) -> re.Pattern[str]:
        return _text_re(self._w("non_qualifying_phrases"), clinician=self._clinician_np)

    @functools.cached_property
    def prescriber(self) -> re.Pattern[str]:
        return _text_re(self._w("prescriber_phrases"), clinician=self._clinician_np)

    @functools.cached_property
    def anti_qualifier(self) -> re.Pattern[str]:
        return _text_re(self._w("anti_qualifiers"), clinician=self._clinician_np)

    @functools.cached_property
    def emergency(self) -> re.Pattern[str]:
        return _text_re(self._w("emergency_actions"))

    @functools.cached_property
    def red_flag(self) -> re.Pattern[str]:
        return _text_re(self._w("red_flags"), plural=True)


# Each lexicon mapping is compiled once: ``_compiled(lexicon)``.
_compiled = IdentityCache(_Compiled, limit=16).get
