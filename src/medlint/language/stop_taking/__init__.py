"""Find advice to stop, skip or cut down a medicine that does not send the reader to a clinician.

Stopping some medicines on one's own is dangerous: blood thinners, beta-blockers,
steroids, antidepressants, anti-seizure drugs and insulin can cause strokes, rebound
blood pressure, adrenal crisis, withdrawal or seizures when stopped suddenly; an
antibiotic course cut short can fail. A health article may still say "stop", but
only together with "talk to your doctor", "under medical supervision" or a similar
qualifier. This module finds the sentences that do not.

What counts as a finding, per sentence of one paragraph or list item:

1. **A cue**: a discontinuation verb ("stop taking", "quit", "skip", "wean off",
   "ditch", "leave off", "go without", "try a month without", "phase out", "wave
   goodbye to"), a dose change down or up ("cut your dose", "take an extra puff",
   "give them a double dose", "drop to one a day", "jump to the 5 mg pen", "ease down
   to half a tablet", "take a couple more"), a needlessness phrase ("there's no need to
   keep taking", "no reason to stay on", "no need to keep refilling"), replacement
   framing ("swap ... for", "instead of your pills"), or a separable verb around the
   medicine ("take the patch off", "let your statin go", "knock a tablet off", "use
   your inhaler more often"), followed within a few
   words by a medication, supplement or treatment ("your statin", "the pills",
   "vitamin D"; "it" or "one" when a medicine was just named; a dose amount for a
   dose change; "it" up to two sentences back when the sentence between names
   nothing; a day or a course length, "skip a day", "finish the full four weeks",
   after a medicine named before; a capitalised name swapped for a medicine, "swap
   your Kwells for our ginger capsules"). Cue phrases may hold placeholders ({more}, {person}, {period},
   {medicine}, {count}) filled from the lexicon. A bare "stop" needs a medicine just
   named and a clause of its own ("Hay fever tablets: stop once the season ends") or
   a manner of stopping ("just stop at the end without tapering"). "Stop smoking",
   "bus stop", "skip the missed dose", "lower your insulin levels", "replace your
   inhaler with a new one" and the adjective in "Lower doses of zinc are found in
   ..." are not cues.
2. **Advice**: an imperative ("Stop taking your statin"), the reader as subject
   ("You should stop ..."), an advice frame ("Consider quitting ...", "It's time
   to ditch ...", "There's nothing wrong with skipping ..."), a gerund the sentence
   recommends ("Stopping your statin is worth a try"), a question that suggests
   ("Why keep taking a statin when ...?") or an experiment ("see if you can cut
   down your statin"). Not advice: negated advice ("Do not stop ..."), reports about
   other people ("Many people stop ..."), first-person accounts ("I stopped ..."),
   past tense, conditions ("If you stop taking the pill, your cycle may change";
   but a time clause before a main clause of its own is no condition: "once you're
   home you don't need to finish ..."), an "instead of" after a cause ("often from
   the preservative rather than the medicine itself"),
   questions and words inside quotation marks; a needlessness phrase about not
   starting a medicine named in general, for what it would be for ("no need to give
   antibiotics for a cold"; but "for more than three days", "the antibiotics" or
   "... any more" keep it stopping advice).
3. **No qualifier** in the same sentence or the sentence before or after it: no
   clinician ("doctor", "pharmacist", "care team", ...), no emergency line ("call
   111", "poison control"), no qualifying phrase ("under medical supervision",
   "unless told to"), and no label-style safety
   instruction ("stop and get emergency help if you have trouble breathing").
   Mentions that do not qualify ("the pills your doctor prescribed", "without
   asking your doctor", "our customer care team", "doctors hand out antidepressants
   like sweets", "my GP"; "your doctor may prescribe ..." in the sentence before the
   advice) are discounted.

Every word list is data: ``data/lexicons/stop_taking.yaml`` (validated by
``schemas/stop-taking-lexicon.schema.json``). A caller may pass its own lexicon of
the same shape; each lexicon object is compiled once (word sets at once, each regular
expression when first needed, from a copy of the lists) and cached by identity, so
build a new mapping to change a lexicon rather than editing one that has already
been used.
The analyser sees only strings and offsets; it never raises on odd text.

The package: ``lexicon`` compiles a lexicon, ``advice`` reads a sentence; this module
runs them over a paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from medlint import data

from .lexicon import _ASCII_LETTER_RUNS, _Compiled, _compiled, _NORMALISE, _WORD
from .advice import Preceding, _advice_spans, _qualifies

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
    qualified: dict[tuple[int, bool], bool] = {}

    def is_qualified(index: int, before: bool = False) -> bool:
        if (index, before) not in qualified:
            qualified[index, before] = 0 <= index < len(texts) and _qualifies(c, texts[index], before=before)
        return qualified[index, before]

    found: list[StopAdvice] = []
    for index, sentence in enumerate(sentences):
        if not isinstance(sentence, str) or not sentence:
            continue
        # Pre-check: does the sentence hold an anchor word? ASCII text (most text) is first
        # screened with bytes methods, which are much cheaper than the word regex.
        starts: frozenset[bytes] | None = None  # the first words worth trying a cue at
        if sentence.isascii():
            starts = _ascii_cue_starts(c, sentence)
            if starts is not None and not starts:
                continue
            text = sentence  # nothing to normalise
        else:
            text = sentence.translate(_NORMALISE)
        lowered = text.lower()
        if c.anchors is not None and c.anchors.isdisjoint(_WORD.findall(lowered)):
            continue
        if texts is None:
            texts = [_normalised(s) for s in sentences]
        spans = _advice_spans(c, text, lowered, Preceding(c, texts, index), starts)
        if not spans:
            continue
        if is_qualified(index) or is_qualified(index - 1, before=True) or is_qualified(index + 1):
            continue
        found.extend(StopAdvice(index, start, end, sentence[start:end]) for start, end in spans)
    return found


def _ascii_cue_starts(c: _Compiled, sentence: str) -> frozenset[bytes] | None:
    """A cheap pre-check of an ASCII sentence, with bytes methods: the runs (below) of the
    words a cue may start at, those whose cue companion the sentence holds too; empty
    when the sentence cannot hold an anchor word or a cue; None when the lexicon gives no
    companions (every first word is worth trying then).

    Splitting the lower-cased sentence at every byte that is not an ASCII letter gives its
    runs of letters. A word of the sentence (letters and inner apostrophes) starts a run and
    runs up to its first apostrophe; a cue's words in ASCII text are words of the sentence
    (the last one may go on with an apostrophe: "stop's"). So each anchor word, and each
    word of a cue, shows up as a run, cut at its first apostrophe.
    """
    runs = sentence.encode().translate(_ASCII_LETTER_RUNS).split()
    if c.anchor_runs is not None and c.anchor_runs.isdisjoint(runs):
        return frozenset()
    if c.cue_companions is None:
        return None
    starts: set[bytes] = set()
    for run in c.cue_start_runs.intersection(runs):
        needed = c.cue_companions[run]
        if needed is None or not needed.isdisjoint(runs):
            starts.add(run)
    return frozenset(starts)


def _normalised(sentence: object) -> str:
    if not isinstance(sentence, str):
        return ""
    return sentence if sentence.isascii() else sentence.translate(_NORMALISE)
