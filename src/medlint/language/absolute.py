"""Absolute and miracle wording in one sentence: "cures", "guaranteed", "100% safe",
"no side effects", "risk-free", "miracle", "detox your body", "flush out toxins",
"permanently reverse", "permanently rewires", "100% natural and safe", "you can't
overdo it", and promises in other words: "banishes eczema", "wipes out
head lice", "say goodbye to bloating", "never suffer from cold sores again", "kills
100% of lice", "natural, so it can't hurt you", "works every single time", "the only
remedy you will ever need" (the ``absolute_claims`` lexicon).

Why it matters: a reader who believes a product is certain to work, or cannot harm
them, may delay real treatment or ignore side effects. Regulators (FTC, FDA) treat
such wording as a claim that needs strong substantiation, so editors want every
occurrence in front of them.

What is *not* reported, so that debunking articles stay quiet:

- a hedged statement of fact with a citation ("Antibiotics usually cure strep throat
  [2]."), for the entries the lexicon's ``cited_hedges`` names;
- negated uses: "there is no miracle cure", "no supplement can cure cancer",
  "metformin is not a miracle drug", "miracle cures do not exist" (a negation cue a
  few words before the phrase in the same clause, or a negating predicate after it; a
  comma before a one-word list item does not end the clause: "not intended to
  diagnose, treat, cure or prevent");
- myth-busting frames: a sentence that says "myth", "marketed as", "claims to",
  "promises to", "so-called", "you may have heard", "some websites make it sound"…,
  or a ``context`` (the heading
  of the enclosing section) such as "Common myths" or "Marketing claims";
- the phrase inside quotation marks (scare quotes, quoted ad copy);
- yes/no questions ("Can vitamin C cure a cold?");
- entry-specific look-alikes: cured ham, the search for a cure, the Cures Act, the cure
  as one part of a plan ("the other half of the cure"), miracle fruit, "most people
  have no side effects", safety hedged by whom or how often ("completely safe for most
  children"), cleaning ("wipe out the bath"), a fact in the passive ("smallpox was
  wiped out"), alcohol detox, "your liver and kidneys detox your body".

"never" and "always" alone are not findings (SPEC §12).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from medlint.language.lexicon import LexiconCache, compile_pattern
from medlint.language.matches import EntrySet, Match, compile_entries, scan_entries

__all__ = ["Match", "AbsoluteLexicon", "compile_lexicon", "find_absolute_claims", "may_hold_absolute_claims"]

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class AbsoluteLexicon:
    """A compiled ``absolute_claims`` lexicon."""

    entries: EntrySet
    window_words: int
    negation_cues: re.Pattern[str]
    pseudo_negations: re.Pattern[str] | None
    negating_predicates: re.Pattern[str] | None
    clause_breaks: re.Pattern[str]
    myth_sentence: re.Pattern[str] | None
    myth_context: re.Pattern[str] | None
    questions: re.Pattern[str] | None
    hedged_kinds: frozenset[str] = frozenset()
    hedges: re.Pattern[str] | None = None

    def frames_myth(self, sentence: str, context: str) -> bool:
        if self.myth_sentence is not None and self.myth_sentence.search(sentence):
            return True
        return bool(context) and self.myth_context is not None and bool(
            self.myth_context.search(context))

    def is_question(self, sentence: str) -> bool:
        if self.questions is None:
            return False
        return sentence.rstrip(" \t\"'\u201d\u2019)]*_").endswith("?") and bool(
            self.questions.match(sentence))

    def negated(self, sentence: str, start: int, end: int,
                phrases: tuple[tuple[int, int], ...] = (),
                breaks: list[tuple[int, int]] | None = None) -> bool:
        """Is the phrase at ``sentence[start:end]`` negated?

        Other found ``phrases`` (sorted, not overlapping) are not cues: "has no side
        effects and is 100% safe" negates nothing. ``breaks`` are the sentence's
        clause-break spans, when already known."""
        if breaks is None:
            breaks = [b.span() for b in self.clause_breaks.finditer(sentence)]
        i = bisect.bisect_right(breaks, (start, -1))
        clause_start = breaks[i - 1][1] if i else 0
        clause_start = min(max(clause_start, start - 40 * self.window_words), start)
        words = [w.start() for w in _WORD.finditer(sentence, clause_start, start)]
        if len(words) > self.window_words:
            clause_start = words[-self.window_words]
        before = sentence[clause_start:start]
        k = bisect.bisect_left(phrases, (start, -1))
        while k and phrases[k - 1][1] > clause_start:
            k -= 1
            p_start, p_end = phrases[k]
            if p_end <= start:
                a, b = max(p_start, clause_start) - clause_start, p_end - clause_start
                before = before[:a] + " " * (b - a) + before[b:]
        if self.pseudo_negations is not None:
            before = self.pseudo_negations.sub(lambda m: " " * len(m.group()), before)
        if self.negation_cues.search(before):
            return True
        if self.negating_predicates is None:
            return False
        j = bisect.bisect_left(breaks, (end, -1))
        after = sentence[end:breaks[j][0] if j < len(breaks) else len(sentence)]
        return bool(self.negating_predicates.match(after))


def compile_lexicon(data: dict[str, Any], path: str = "<absolute_claims lexicon>") -> AbsoluteLexicon:
    """Compile a validated ``absolute_claims`` lexicon (see its JSON Schema)."""
    neg = data["negation"]
    frames = data["myth_frames"]
    cues = compile_pattern(neg["cues"], "negation/cues", path)
    breaks = compile_pattern(neg["clause_breaks"], "negation/clause_breaks", path)
    return AbsoluteLexicon(
        entries=compile_entries(data["entries"], path),
        window_words=neg["window_words"],
        negation_cues=cues if cues is not None else re.compile(r"(?!)"),
        pseudo_negations=compile_pattern(neg.get("pseudo", []), "negation/pseudo", path),
        negating_predicates=compile_pattern(neg.get("after", []), "negation/after", path),
        clause_breaks=breaks if breaks is not None else re.compile(r"(?!)"),
        myth_sentence=compile_pattern(frames["sentence"], "myth_frames/sentence", path),
        myth_context=compile_pattern(frames["context"], "myth_frames/context", path),
        questions=compile_pattern(data.get("questions", []), "questions", path),
        hedged_kinds=frozenset(data.get("cited_hedges", {}).get("entries", ())),
        hedges=compile_pattern(data.get("cited_hedges", {}).get("patterns", []),
                               "cited_hedges/patterns", path),
    )


_CACHE = LexiconCache("absolute_claims", AbsoluteLexicon, compile_lexicon)

_QUOTE_PAIRS = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2018", "\u2019"))


def _quoted(sentence: str, start: int, end: int) -> bool:
    """Is ``sentence[start:end]`` inside quotation marks (straight or typographic)?"""
    if sentence.count('"', 0, start) % 2 == 1 and sentence.find('"', end) != -1:
        return True
    for open_q, close_q in _QUOTE_PAIRS:
        o = sentence.rfind(open_q, 0, start)
        if o != -1 and sentence.find(close_q, o + 1, start) == -1 and sentence.find(close_q, end) != -1:
            return True
    return False


def may_hold_absolute_claims(text: str, lexicon: Any = None) -> bool:
    """False when ``find_absolute_claims`` finds nothing in any sentence cut from
    ``text`` (a paragraph): none of the lexicon's triggers occurs in it
    (``EntrySet.may_match``). One test per paragraph instead of one per sentence."""
    return _CACHE.get(lexicon).entries.may_match(text)


def find_absolute_claims(sentence: str, *, context: str = "", lexicon: Any = None,
                         cited: bool = False) -> list[Match]:
    """Absolute or miracle claims in one prose sentence, in text order.

    ``context`` is the heading text of the section the sentence sits in; a heading
    that frames myths or marketing claims silences the sentence. ``cited`` says the
    sentence carries a citation: a cited, hedged statement ("Antibiotics usually cure
    strep throat [2].") is not reported for the lexicon's ``cited_hedges`` entries.
    ``lexicon`` is ``None`` (the shipped lexicon), a lexicon dict, or an
    ``AbsoluteLexicon``. Each ``Match.kind`` is the lexicon entry id ("cure",
    "guaranteed", …)."""
    lex = _CACHE.get(lexicon)
    if not sentence:
        return []
    candidates = scan_entries(lex.entries, sentence, sentence.lower())
    if not candidates:
        return []
    if lex.frames_myth(sentence, context) or lex.is_question(sentence):
        return []
    if cited and lex.hedges is not None and lex.hedges.search(sentence):
        candidates = [m for m in candidates if m.kind not in lex.hedged_kinds]
    spans = tuple((m.start, m.end) for m in candidates)
    breaks = [b.span() for b in lex.clause_breaks.finditer(sentence)]
    return [m for m in candidates
            if not lex.negated(sentence, m.start, m.end, spans, breaks)
            and not _quoted(sentence, m.start, m.end)]
