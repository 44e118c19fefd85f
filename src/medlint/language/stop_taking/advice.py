"""Reading one sentence for stop advice: the cues and their medication objects, whether
the cue is advice to the reader (not negated, reported, hypothetical or a question), and
whether a sentence qualifies the advice by sending the reader to a clinician."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence

from .lexicon import (
    _Compiled, _LAST_WORD, _LOOKBACK_CHARS, _LY_NOT_ADVERBS, _NEGATION_REACH,
    _OBJECT_WINDOW, _OPENING_QUOTES, _PREFIX_WORD, _QUESTION_OR_STOP, _QUOTE, _SCAN_CHARS,
    _SHORT_WINDOW, _TOKEN, _TRAILING_NOISE, _WORD,
)

# Question words: a cue that opens with one ("who needs painkillers", "why keep taking")
# is advice only in a question that suggests.
_WH_WORDS = frozenset(("why", "who", "how", "what"))

# Words that make the clause before an "instead of" or "rather than" a cause, not advice:
# "red eyes, often from the preservative rather than the medicine itself", "dry mouth is
# caused by dehydration rather than your tablets".
_CAUSE = re.compile(
    r"^(?:(?:often|usually|mostly|mainly|probably|possibly|partly|sometimes|typically|more|most|likely)\s+)*"
    r"(?:from|by)\s|(?:^|\s)(?:comes?\s+from|coming\s+from|caused\s+by|triggered\s+by|due\s+to|"
    r"because\s+of|down\s+to|the\s+result\s+of|a\s+reaction\s+to)\s"
)

# Determiners before a name swapped for something else ("swap your Kwells for ...").
_POSSESSIVES = frozenset(("your", "the", "my", "those", "these", "that", "this"))

# Time words of a clause before the main one ("once you're home ... you can stop").
_TEMPORAL = frozenset(("when", "whenever", "once", "after", "as soon as", "the moment"))

# Third-person pronoun subjects: a must/should modal after them reports what someone
# else needs ("they need to stop"), it does not advise the reader.
_PERSONAL_PRONOUNS = frozenset(("he", "she", "they", "it"))

# --- cues and objects --------------------------------------------------------------------


class Preceding:
    """The text before a sentence in which a pronoun's medicine may be named: the sentence
    before it, and the one before that when the sentence between names neither a medicine
    nor a non-medicine ("Sertraline can make you sick. This usually settles. If not, stop
    it."). Built when a cue first needs it: most cues need no antecedent."""

    def __init__(self, c: _Compiled, texts: Sequence[str], index: int) -> None:
        self._c, self._texts, self._index = c, texts, index

    @functools.cached_property
    def text(self) -> str:
        index, texts = self._index, self._texts
        previous = texts[index - 1] if index > 0 else ""
        if index > 1 and not (self._c.object.search(previous) or self._c.non_object.search(previous)):
            previous = texts[index - 2] + " " + previous
        return previous[-_LOOKBACK_CHARS:]


def _named_before(c: _Compiled, text: str, pos: int, previous: Preceding) -> bool:
    """Is a medicine named before ``pos`` in the sentence, or in the text before it?"""
    return _names_medicine(c, text, max(0, pos - _LOOKBACK_CHARS), pos) or _names_medicine(
        c, previous.text, 0, len(previous.text)
    )


def _names_medicine(c: _Compiled, text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` name a medicine that is not part of a non-medicine ("maple
    syrup", "nicotine")?"""
    for obj in c.object.finditer(text, start, end):
        near = c.non_object.finditer(text, max(start, obj.start() - 40), min(end, obj.end() + 40))
        if not any(b.start() <= obj.start() and obj.end() <= b.end() for b in near):
            return True
    return False


def _advice_spans(
    c: _Compiled, text: str, lowered: str, previous: Preceding, starts: frozenset[bytes] | None = None
) -> list[tuple[int, int]]:
    """Spans (start, end) of unnegated, non-descriptive stop advice in one sentence
    (``lowered`` is ``text.lower()``; ``starts``, for ASCII text, the runs of letters a
    cue's first word may begin with, from the pre-check)."""
    spans: list[tuple[int, int]] = []
    last_end = -1
    marks: _Marks | None = None
    for cue in _cues(c, text, lowered, starts):
        start = cue.start()
        if start < last_end:
            continue
        kind = cue.lastgroup or "verb"
        noun = _previous_word(text, start) in c.noun_markers  # "a substitute for", "the drop"
        if noun and kind in ("verb", "dose", "repl"):
            continue
        end = _cue_end(c, kind, cue, text, previous)
        if end is None and kind == "sep":
            # "Take a week off the tablets": no medicine inside "take {medicine} off", but
            # the words may make another cue
            word = _WORD.match(lowered, start)
            if c.cue_by_word and text.isascii() and word is not None:
                rx = c.cue_for(word.group(), "sep")
            else:
                rx = c.cue_without("sep")
            cue = rx.match(text, start)
            if cue is None:
                continue
            kind = cue.lastgroup or "verb"
            end = _cue_end(c, kind, cue, text, previous)
        if end is None:
            continue
        marks = marks or _Marks(text)
        if marks.is_question(start):
            if not c.suggestion.match(text):
                continue
        elif cue.group().split()[0].lower() in _WH_WORDS:
            continue  # "## Who needs extra B12": a cue phrased as a question is advice only as one
        if marks.inside_quotes(start):
            continue
        if noun and kind in ("verb", "dose", "repl", "sep"):
            continue
        if not _is_advice(c, kind, cue.group().split()[0].lower(), text, start, end):
            continue
        spans.append((start, end))
        last_end = end
    return spans


def _cues(c: _Compiled, text: str, lowered: str, starts: frozenset[bytes] | None) -> Iterator[re.Match[str]]:
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
            if starts is not None and word.group().split("'")[0].encode() not in starts:
                continue  # no cue starting so has its companion word in this sentence
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


def _cue_end(c: _Compiled, kind: str, cue: re.Match[str], text: str, previous: Preceding) -> int | None:
    """Where the finding ends (after the medication object), or None when the cue has no object."""
    if kind == "self":
        more = _object_after(c, text, cue.end(), 1, pronoun_ok=False)
        return more[1] if more else cue.end()
    if kind == "sep":
        # "take the patch off": the medication is inside the cue; "give it up": a pronoun
        # inside the cue needs a medicine named before it
        objects = [(m.start(), m.end()) for m in c.object.finditer(text, cue.start(), cue.end())]
        for blocker in c.non_object.finditer(text, cue.start(), cue.end()):
            # "leave the nicotine patch off" names a medicine; "take the nicotine off" does not
            if not any(s <= blocker.start() and blocker.end() <= e for s, e in objects):
                return None
        if objects:
            return cue.end()
        # the pronoun is the whole {medicine} slot ("give it up", "take them less often");
        # "one" before another word is a number ("take one thing off your list")
        inner = [w.group().lower() for w in _WORD.finditer(text, cue.start(), cue.end())][1:-1]
        if (
            inner
            and inner[0] in c.pronouns
            and (len(inner) == 1 or inner[0] != "one")
            and _named_before(c, text, cue.start(), previous)
        ):
            return cue.end()
        return None
    # "take an extra puff of the brown inhaler": a dose change may name a unit first
    window = _SHORT_WINDOW + 1 if kind == "dose" else _SHORT_WINDOW if kind == "inst" else _OBJECT_WINDOW
    obj = _pronoun_replaced(c, text, cue.end()) if kind == "repl" else None
    if kind == "verb" and cue.group().lower() in c.objectless_verbs:
        if _stops_what_was_taken(c, text, cue, previous):
            return cue.end()
        if (abrupt := _stops_abruptly(c, text, cue, previous)) is not None:
            return abrupt
    obj = obj or _object_after(
        c, text, cue.end(), window, pronoun_ok=kind in ("verb", "dose", "repl", "need"),
        quantity_ok=kind == "dose",
    )
    if obj is None:
        return None
    obj_start, obj_end, is_pronoun = obj
    if (
        kind == "dose"
        and not is_pronoun
        and cue.group().lower() in c.adjective_forms
        and not text[cue.end() : obj_start].strip()
    ):
        return None  # "Lower doses of zinc are found in ...": an adjective, not a verb
    if kind == "need" and not is_pronoun and _not_started(c, text, obj_start, obj_end):
        return None
    if is_pronoun and not _named_before(c, text, cue.start(), previous):
        if not (kind == "repl" and _brand_swapped_for_medicine(c, text, obj_start, obj_end)):
            return None
    if kind == "repl":
        conn = c.connector.match(text, _skip_space(text, obj_end))
        if conn is None:
            return None
        after = c.determiner.match(text, conn.end())
        if after and c.same_medicine.match(text, after.end()):
            return None  # "replace your inhaler with a new one": a refill, not a switch
    return obj_end


def _not_started(c: _Compiled, text: str, obj_start: int, obj_end: int) -> bool:
    """"There's no need to give antibiotics for a cold": a needlessness phrase about a
    medicine named in general, with what it would be for after it, is about not starting
    the medicine, not stopping one. Not so when the medicine is one the reader has ("the
    antibiotics", "your statin"), "for" opens a stretch of time ("for more than three
    days") or the sentence says the reader is on it ("keep giving", "any more")."""
    first = _WORD.match(text, obj_start)
    if _previous_word(text, obj_start) in c.specific_determiners or (
        first is not None and first.group().lower() in c.specific_determiners
    ):
        return False
    purpose = c.indication.match(text, obj_end)
    if purpose is None:
        return False
    if purpose.group().strip().lower() == "for" and c.duration.match(text, purpose.end()):
        return False
    return c.continuation.search(text) is None


def _stops_what_was_taken(c: _Compiled, text: str, cue: re.Match[str], previous: Preceding) -> bool:
    """"Take it for four weeks, and stop if there is no improvement": a bare "stop" that
    ends its clause or opens a condition, after a taking verb with a medicine (or a
    pronoun for one named before) earlier in the sentence; "stop taking" or "stop
    using" needs only a medicine named before it in the sentence or the one before."""
    after = text[cue.end() :].lstrip()
    if after and after[0] not in ".,;:!)" and c.condition_start.match(after) is None:
        return False
    taking = None
    for taking in c.taking.finditer(text, max(0, cue.start() - _LOOKBACK_CHARS), cue.start()):
        pass
    if taking is None:
        # "Stop taking after two weeks": a cue that says "taking" itself needs only a
        # medicine named before it; so does a bare "stop" that opens its clause, after a
        # medicine named as the topic ("Antihistamines work well. Stop once the season
        # ends.", "Hay fever tablets: stop once the season ends")
        return (len(cue.group().split()) > 1 or _opens_clause(c, text, cue.start())) and _named_before(
            c, text, cue.start(), previous
        )
    obj = _object_after(c, text, taking.end(), 1, pronoun_ok=True, extend=False)
    if obj is None:
        return False
    return not obj[2] or _named_before(c, text, taking.start(), previous)


def _opens_clause(c: _Compiled, text: str, pos: int) -> bool:
    """Is ``pos`` the first word of its sentence or clause, but for discourse words ("So
    just stop ...", "Hay fever tablets: stop ...")?"""
    start = max(0, pos - _LOOKBACK_CHARS)
    for boundary in c.boundary.finditer(text, start, pos):
        start = boundary.end()
    return not _context_words(c, text[start:pos])


def _stops_abruptly(c: _Compiled, text: str, cue: re.Match[str], previous: Preceding) -> int | None:
    """"You can just stop at the end without tapering", "quit cold turkey": a bare "stop"
    with a manner of stopping a medicine (``abrupt_stops``) a few words on, after a medicine
    or a dose amount named in the sentence or the one before (and no "smoking" or other
    non-medicine there). Returns the end of the manner phrase."""
    for tok_count, tok in enumerate(_TOKEN.finditer(text, cue.end(), min(len(text), cue.end() + _SCAN_CHARS))):
        if tok_count > _OBJECT_WINDOW:
            return None
        manner = c.abrupt.match(text, tok.start())
        if manner is not None:
            break
        if tok.group().lower() in c.breakers or not (tok.group()[0].isalnum() or tok.group()[0] == "'"):
            return None
    else:
        return None
    before = text[max(0, cue.start() - _LOOKBACK_CHARS) : cue.start()] + " " + previous.text
    if c.non_object.search(before) or c.non_object.search(text, cue.end()):
        return None
    if c.object.search(before) is None and c.quantity.search(before) is None:
        return None
    return manner.end()


def _brand_swapped_for_medicine(c: _Compiled, text: str, start: int, end: int) -> bool:
    """"swap your Kwells for our ginger capsules": a capitalised name the vocabulary does not
    know, swapped for a medicine or supplement, is a medicine too."""
    if not text[start].isupper() or text[start:end].lower() in c.pronouns:
        return False
    conn = c.connector.match(text, _skip_space(text, end))
    return conn is not None and _object_after(c, text, conn.end(), _SHORT_WINDOW, pronoun_ok=False) is not None


def _pronoun_replaced(c: _Compiled, text: str, pos: int) -> tuple[int, int, bool] | None:
    """"swap it for fexofenadine": a pronoun object right before the replacement connector;
    or a capitalised name there ("swap your Kwells for ..."), read like a pronoun."""
    tok = _TOKEN.match(text, _skip_space(text, pos))
    if tok is not None and tok.group().lower() in _POSSESSIVES:
        tok = _TOKEN.match(text, _skip_space(text, tok.end()))
    if tok is None:
        return None
    word = tok.group()
    if word.lower() not in c.pronouns and (
        not (len(word) > 3 and word[0].isupper() and word[1:].islower()) or c.object.match(text, tok.start())
    ):
        return None  # a name the vocabulary knows is an object like any other
    if c.connector.match(text, _skip_space(text, tok.end())) is None:
        return None
    return tok.start(), tok.end(), True


def _object_after(
    c: _Compiled, text: str, pos: int, window: int, *, pronoun_ok: bool, extend: bool = True,
    quantity_ok: bool = False,
) -> tuple[int, int, bool] | None:
    """The first medication object within ``window`` words after ``pos`` (with
    ``quantity_ok``, a dose amount such as "5 mg" counts as one).

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
        if pronoun_ok and skipped == 0 and (length := c.course_length.match(text, tok.start())) is not None:
            # "skip a day", "finish the full four weeks": a day or a course of the medicine
            # named before it (like a pronoun), or of the one an "of" names
            of = c.of_join.match(text, length.end())
            if of is None:
                return tok.start(), length.end(), True
            named = _object_after(c, text, of.end(), _SHORT_WINDOW, pronoun_ok=False)
            return None if named is None else (tok.start(), named[1], False)
        if quantity_ok:
            if (amount := c.quantity.match(text, tok.start())) is not None:
                return tok.start(), amount.end(), False
            if skipped == 0 and (unit := _bare_unit(c, text, tok.start())) is not None:
                return tok.start(), unit, False
            if (daily := c.daily_count.match(text, tok.start())) is not None:
                return tok.start(), daily.end(), True  # needs a medicine named before it
        word = tok.group()
        lower = word.lower()
        if lower == "that" and c.object.match(text, _skip_space(text, tok.end())):
            # "refilling that prescription": a determiner here, not a new clause
            skipped += 1
            continue
        if pronoun_ok and lower in c.pronouns and (
            skipped == 0 or (lower == "one" and skipped <= 2 and pronoun is None)
        ):
            # "skip the evening one": "one" may follow a describing word or two
            pronoun = (tok.start(), tok.end(), True)
        elif (
            pronoun_ok
            and pronoun is None
            and skipped <= 1
            and len(word) > 3
            and word[0].isupper()
            and word[1:].islower()
            and lower not in c.breakers
        ):
            # "drop the Florastor": a brand name, read like a pronoun (a medicine must be
            # named before it in the sentence or the previous one)
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


def _bare_unit(c: _Compiled, text: str, pos: int) -> int | None:
    """"take a couple more sachets", "an extra puff of your inhaler": a dose unit right after
    a dose change is its object, unless an "of" names something that is not a medicine
    ("an extra spoonful of honey"). Returns the end of the object."""
    unit = c.unit.match(text, pos)
    if unit is None:
        return None
    of = c.of_join.match(text, unit.end())
    if of is None:
        return unit.end()
    more = _object_after(c, text, of.end(), _SHORT_WINDOW, pronoun_ok=False)
    return None if more is None else more[1]


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


def _is_advice(c: _Compiled, kind: str, first_word: str, text: str, start: int, end: int) -> bool:
    clause_start = max(0, start - _LOOKBACK_CHARS)
    for boundary in c.boundary.finditer(text, clause_start, start):
        clause_start = boundary.end()
    if _negated(c, text, start):
        return False
    words = _context_words(c, text[clause_start:start])
    context = " ".join(words)
    experiment = None
    for experiment in c.experiment.finditer(context):
        pass
    if experiment is not None:
        # "Try turmeric for a month and see if you can reduce your statin": the "if" of an
        # experiment is no condition; the advice is what follows it, when it says the
        # reader can ("see if you skip doses" is no advice)
        context = context[experiment.end() :].strip()
        subject = c.subject.match(context)
        rest = context[subject.end() :].strip() if subject is not None else ""
        if subject is None or subject.lastgroup != "you" or not rest or c.modal_chain.fullmatch(rest) is None:
            return False
    hypothetical = c.hypothetical.search(context)
    if hypothetical is not None and c.period.fullmatch(context[hypothetical.end() :].strip()):
        # "After a week halve the dose": a time, not a condition with its own verb
        context, hypothetical = "", None
    if hypothetical is not None and hypothetical.group() in _TEMPORAL:
        # "Once you're home and feeling fine you don't need to finish ...": with no comma,
        # a later "you" opens the main clause, and a time clause before it is no condition
        main = None
        for main in c.subject.finditer(context, hypothetical.end()):
            pass
        if main is not None and main.lastgroup == "you" and context[hypothetical.end() : main.start()].strip():
            rest = context[main.end() :].strip()
            if (kind in ("need", "self") and not rest) or (rest and c.modal_chain.fullmatch(rest)):
                context, hypothetical = context[main.start() :], None
    # "Chew two tablets when the burning starts instead of reaching for omeprazole": an
    # "instead of" belongs to the clause's main verb; only a clause that opens with the
    # condition ("If you take turmeric instead of your statin, ...") is hypothetical.
    if hypothetical is not None and (kind != "inst" or hypothetical.start() == 0):
        return False
    if kind == "inst" and _CAUSE.search(context):
        return False
    if kind in ("verb", "dose", "repl", "sep"):
        form = c.verb_kinds.get(first_word, "base")
        if form in ("past", "s3"):
            return False
        if form == "ger":
            frame = c.gerund_frame_end.search(context)
            if frame is None:
                # "Stopping your statin for a month is worth a try": a gerund subject that
                # the rest of its clause recommends
                return not context and _endorsed(c, text, end)
            context = context[: frame.start()].rstrip()
        else:
            while (frame := c.advice_frame_end.search(context)) is not None and frame.group():
                context = context[: frame.start()].rstrip()
        return _subject_allows_advice(c, context, strict=True)
    return _subject_allows_advice(c, context, strict=False)


def _endorsed(c: _Compiled, text: str, pos: int) -> bool:
    """Does an endorsement ("is worth a try", "is perfectly safe") follow within a few words
    of ``pos``, in the same clause?"""
    for count, tok in enumerate(_TOKEN.finditer(text, pos, min(len(text), pos + _SCAN_CHARS))):
        if count > _OBJECT_WINDOW:
            return False
        if c.endorsement.match(text, tok.start()):
            return True
        if c.hard_boundary.match(text, tok.start()) or tok.group() in ",.":
            return False
    return False


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
            first = c.subject.search(head)
            if first is None or first.start() > 0:
                # no subject before the first verb: an imperative ("Take it for four weeks
                # and stop if ..."; the "it" after "take" is its object)
                return True
            last = first
            for last in c.subject.finditer(head):
                pass
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
        if subject.group() in _PERSONAL_PRONOUNS:
            # "Many people worry that they need to stop their blood thinner": a report
            return False
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


def _qualifies(c: _Compiled, text: str, *, before: bool = False) -> bool:
    """Does this sentence send the reader to a clinician (or to emergency care for a red flag)?
    ``before``: the sentence comes before the advice, where a prescriber is no referral."""
    if c.emergency.search(text) and c.red_flag.search(text):
        return True
    qualifiers = list(c.qualifier.finditer(text))
    if not qualifiers:
        return False
    excluded = [(m.start(), m.end()) for m in c.non_qualifying.finditer(text)]
    if before:
        excluded += [(m.start(), m.end()) for m in c.prescriber.finditer(text)]
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
