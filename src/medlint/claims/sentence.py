"""One sentence as the extractor reads it (``_Sentence``): its mentions, relation cues,
clause segments and contrast phrases, and the questions the extractor asks about a stretch
of it (is it negated, is the gap between two mentions harmless, which subjects or effects
are coordinated with a mention). Also the extractor's small records."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from .phrases import _LIST_FILLERS, _norm, _tokens
from .lexicon import ClaimLexicon


class _Mention:
    """A subject or effect named in a sentence (or, for an anaphor, standing for one)."""

    __slots__ = ("kind", "id", "start", "end", "text", "implies")

    def __init__(self, kind: str, id: str, start: int, end: int, text: str, implies: Mapping[str, str]):
        self.kind, self.id, self.start, self.end, self.text, self.implies = kind, id, start, end, text, implies


class _Antecedent:
    """A subject an anaphor may refer to, with the qualifiers it carries."""

    __slots__ = ("subject", "qualifiers")

    def __init__(self, subject: str, qualifiers: dict[str, str]):
        self.subject, self.qualifiers = subject, qualifiers


class _Context:
    """Subjects an anaphor in the next sentence may refer to: those of the previous
    sentence (``recent``, in text order) and, for an anaphor that names a qualifier
    ("These injections" must find an injection), those of the sentence before it."""

    __slots__ = ("recent", "older")

    def __init__(self, recent: list[_Antecedent], older: list[_Antecedent]):
        self.recent, self.older = recent, older


class _Group:
    """One relation cue with its subject(s) and effect(s); ``left``/``right`` (its stretch
    of the clause) are set by ``_Extractor._assign_windows``."""

    __slots__ = ("subjects", "effects", "cue_start", "cue_end", "segment", "negated", "softened",
                 "carried", "carried_source", "own_start", "left", "right", "relation")

    def __init__(
        self, subjects: list[_Mention], effects: list[_Mention], cue_start: int, cue_end: int,
        segment: tuple[int, int], negated: bool, softened: bool, carried: dict[str, str],
        carried_source: str, own_start: int,
    ):
        self.subjects, self.effects = subjects, effects
        self.cue_start, self.cue_end, self.segment = cue_start, cue_end, segment
        self.negated, self.softened = negated, softened
        self.carried, self.carried_source, self.own_start = carried, carried_source, own_start
        self.left = self.right = 0
        self.relation = ""

    @property
    def core_end(self) -> int:
        return max([m.end for m in self.effects] + [m.end for m in self.subjects] + [self.cue_end])


class _Walk:
    """What walking back from a relation cue found: a negation, softened or not."""

    __slots__ = ("negated", "softened")

    def __init__(self, negated: bool = False, softened: bool = False):
        self.negated, self.softened = negated, softened


class _Sentence:
    """Everything found in one sentence; the methods build claim groups from it.

    Its alias mentions are found at once; the rest (contrast phrases, segments, relation
    cues, qualifier words) when first asked for: a sentence that names no subject is
    dropped with no more work."""

    def __init__(self, lex: ClaimLexicon, text: str):
        self.lex = lex
        self.text = text
        self._found = [_Mention(p.kind, p.id, s, e, t, p.implies) for s, e, t, p in lex._mentions.finditer(text)]

    @functools.cached_property
    def contrast(self) -> list[tuple[int, int]]:
        lex = self.lex
        return [(m.start(), m.end()) for m in lex._contrast.finditer(self.text)] if lex._contrast else []

    @functools.cached_property
    def mentions(self) -> list[_Mention]:
        """The subjects and effects named outside contrast phrases."""
        if not self._found or not self.contrast:
            return self._found
        return [m for m in self._found if not self._in_contrast(m.start, m.end)]

    @functools.cached_property
    def subjects(self) -> list[_Mention]:
        if not any(m.kind == "subject" for m in self._found):
            return []
        subjects = [m for m in self.mentions if m.kind == "subject"]
        if subjects and self.lex._cessation is not None:
            stops = [hit.end() for hit in self.lex._cessation.finditer(self.text)]
            if stops:
                subjects = [m for m in subjects if not self._stopped(m, stops)]
        return subjects

    @functools.cached_property
    def effects(self) -> list[_Mention]:
        return [m for m in self.mentions if m.kind == "effect"]

    @functools.cached_property
    def segments(self) -> list[tuple[int, int]]:
        return self._segments()

    @functools.cached_property
    def cues(self) -> list[tuple[int, int, tuple[str, str, bool]]]:
        return [
            (s, e, d)
            for s, e, _, d in self.lex._cues.finditer(self.text)
            if not self._in_contrast(s, e) and not any(m.start < e and s < m.end for m in self.mentions)
        ]

    @functools.cached_property
    def qualifiers(self) -> list[tuple[int, int, tuple[str, str]]]:
        return [
            (s, e, dv)
            for s, e, _, dv in self.lex._qualifiers.finditer(self.text)
            if not self._in_contrast(s, e) and not any(m.start < e and s < m.end for m in self.mentions)
        ]

    # -- layout --------------------------------------------------------------------------

    def _segments(self) -> list[tuple[int, int]]:
        cuts: list[tuple[int, int]] = []
        if self.lex._boundaries:
            for m in self.lex._boundaries.finditer(self.text):
                if _norm(m.group()) == "however" and re.match(r"\s*,", self.text[m.end():]):
                    continue
                cuts.append((m.start(), m.end()))
        segments, pos = [], 0
        for s, e in cuts:
            segments.append((pos, s))
            pos = e
        segments.append((pos, len(self.text)))
        return segments

    def _stopped(self, m: _Mention, stops: list[int]) -> bool:
        """Whether the mention names what stopping a subject does, not the subject
        ("stopping omeprazole suddenly can cause rebound heartburn"): a cessation word
        (ending at one of ``stops``) before it, with only fillers between."""
        fillers = self.lex._cessation_fillers
        return any(
            end <= m.start and all(t in fillers for t in _tokens(self.text[end:m.start]))
            for end in stops
        )

    def _in_contrast(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.contrast)

    def segment_of(self, pos: int) -> tuple[int, int]:
        for seg in self.segments:
            if seg[0] <= pos <= seg[1]:
                return seg
        return self.segments[-1]

    def _has_mention(self, start: int, end: int, kinds: tuple[str, ...] = ("subject", "effect")) -> bool:
        pools = [self.subjects if k == "subject" else self.effects for k in kinds]
        return any(start <= m.start and m.end <= end for pool in pools for m in pool)

    def _has_cue(self, start: int, end: int) -> bool:
        return any(start <= s and e <= end for s, e, _ in self.cues)

    @staticmethod
    def _strip_parentheticals(gap: str) -> str:
        gap = re.sub(r"\([^()]*\)", " ", gap)
        gap = re.sub(r"[\u2014\u2013][^\u2014\u2013]*[\u2014\u2013]", " ", gap)
        return re.sub(r",[^,]*,", " ", gap)

    # -- negation ------------------------------------------------------------------------

    def walk_back(self, gap: str) -> _Walk:
        """Negation attached to a relation cue: walk back from the cue over skip words."""
        lex = self.lex
        softened = cancelled = False
        for tok in reversed(_tokens(self._strip_parentheticals(gap))):
            if tok in lex._only_words:
                cancelled = True
            elif tok in lex._softeners:
                softened = True
            elif lex._is_negation(tok):
                return _Walk(negated=not cancelled, softened=softened and not cancelled)
            elif tok in lex._skip or tok in lex._hedge_tokens or tok in lex._rare_tokens:
                continue
            else:
                break
        return _Walk()

    def prefix_negated(self, start: int, end: int) -> bool:
        """A clause-level denial ("there is no evidence that") whose clause begins at the
        claim: between the prefix and ``end`` (the claim's first mention) only a few words."""
        rx = self.lex._neg_prefix
        if rx is None:
            return False
        for m in rx.finditer(self.text, start, end):
            if not self._has_mention(m.end(), end) and len(_tokens(self.text[m.end():end])) <= 4:
                return True
        return False

    def not_asserted(self, start: int, cue_start: int) -> bool:
        """A reported, doubted or hypothetical clause between ``start`` and the cue."""
        lex, text = self.lex, self.text
        if lex._non_assertion and lex._non_assertion.search(text, start, cue_start):
            return True
        if lex._conditionals:
            for m in lex._conditionals.finditer(text, start, cue_start):
                if "," not in text[m.end():cue_start]:
                    return True
        return False

    # -- pieces of a claim ---------------------------------------------------------------

    def gap_ok(self, gap_text: str, start: int, end: int, *, limit: int, allowed: frozenset[str] | None) -> bool:
        if self._has_mention(start, end) or self._has_cue(start, end):
            return False
        toks = _tokens(self._strip_parentheticals(gap_text))
        if len(toks) > limit:
            return False
        return allowed is None or all(t in allowed for t in toks)

    def subject_gap_ok(self, s: _Mention, cue_start: int) -> bool:
        """Between a subject and its cue: short, no other claim parts, no new clause."""
        lex = self.lex
        if self._has_mention(s.end, cue_start) or self._has_cue(s.end, cue_start):
            return False
        gap = self.text[s.end:cue_start]
        if len(gap) > 160:
            return False
        toks = _tokens(self._strip_parentheticals(gap))
        if len(toks) > 12:
            return False
        for i, tok in enumerate(toks):
            if tok not in lex._breakers:
                continue
            if tok in ("and", "or"):
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and nxt not in lex._followers and not lex._is_negation(nxt):
                    return False
            elif tok in ("that", "which", "who"):
                prev = toks[i - 1] if i else None
                if prev is not None and prev not in lex._subject_nouns and prev not in lex._qualifier_tokens:
                    return False
            else:
                return False
        return True

    def coordinated_before(self, first: _Mention, left: int) -> tuple[list[_Mention], bool]:
        """Subjects coordinated before ``first`` ("iron and calcium"); and whether "nor" joined them."""
        lex = self.lex
        found, nor = [first], False
        allowed = lex._subject_nouns | lex._qualifier_tokens | {"and", "or", "nor", "neither", "both", "either"}
        while True:
            prev = [m for m in self.subjects if left <= m.start and m.end <= found[0].start]
            if not prev:
                break
            p = prev[-1]
            gap = self.text[p.end:found[0].start]
            toks = _tokens(gap)
            joined = "," in gap or any(t in ("and", "or", "nor") for t in toks)
            if (
                not joined
                or len(toks) > 4
                or not all(t in allowed for t in toks)
                or self._has_mention(p.end, found[0].start, ("effect",))
            ):
                break
            nor = nor or "nor" in toks
            found.insert(0, p)
        if found and any(t == "neither" for t in _tokens(self.text[left:found[0].start])[-2:]):
            nor = True
        return found, nor

    def coordinated_after(self, first: _Mention, right: int) -> list[_Mention]:
        found = [first]
        allowed = self.lex._subject_nouns | self.lex._qualifier_tokens | {"and", "or", "both", "either"}
        for m in self.subjects:
            if m.start < found[-1].end or m.end > right:
                continue
            gap = self.text[found[-1].end:m.start]
            toks = _tokens(gap)
            joined = "," in gap or any(t in ("and", "or") for t in toks)
            if joined and len(toks) <= 4 and all(t in allowed for t in toks):
                found.append(m)
            else:
                break
        return found

    def subject_before(self, cue_start: int, left: int) -> _Mention | None:
        cands = [m for m in self.subjects if left <= m.start and m.end <= cue_start]
        if not cands:
            return None
        s = cands[-1]
        return s if self.subject_gap_ok(s, cue_start) else None

    def subjects_after(self, pos: int, right: int) -> list[_Mention]:
        cands = [m for m in self.subjects if m.start >= pos and m.end <= right]
        if not cands:
            return []
        s = cands[0]
        toks = _tokens(self.text[pos:s.start])
        if len(toks) > 4 or any(t in self.lex._breakers for t in toks) or self._has_mention(pos, s.start, ("effect",)):
            return []
        return self.coordinated_after(s, right)

    def _list_gap(self, gap: str) -> bool:
        """Text between two coordinated effects: separators and at most a short list item."""
        if len(gap) > 60:
            return False
        toks = _tokens(gap)
        joiners = {"and", "or", "plus"}
        has_sep = any(ch in gap for ch in ",/()") or any(t in joiners for t in toks) or "as well as" in gap.lower()
        if not has_sep:
            return False
        words = [t for t in toks if t not in joiners and t not in _LIST_FILLERS]
        return len(words) <= 4 and not any(t in self.lex._effect_stops or self.lex._is_negation(t) for t in words)

    def effects_after(self, pos: int, right: int) -> tuple[list[_Mention], bool]:
        """The effect chain after a cue, and whether "no" opens it ("causes no cramps")."""
        cands = [m for m in self.effects if m.start >= pos and m.end <= right]
        if not cands:
            return [], False
        first = cands[0]
        gap = self.text[pos:first.start]
        toks = _tokens(gap)
        if len(toks) > 4 or any(t in self.lex._effect_stops for t in toks):
            return [], False
        if self._has_mention(pos, first.start, ("subject",)) or self._has_cue(pos, first.start):
            return [], False
        negated = bool(toks) and toks[0] in ("no", "none")
        if any(self.lex._is_negation(t) for t in toks[1:] if t not in ("no",)):
            return [], False
        chain = [first]
        for m in cands[1:]:
            g = self.text[chain[-1].end:m.start]
            if self._has_mention(chain[-1].end, m.start, ("subject",)) or self._has_cue(chain[-1].end, m.start):
                break
            if not self._list_gap(g):
                break
            chain.append(m)
        return chain, negated

    def effects_before(self, pos: int, left: int) -> list[_Mention]:
        cands = [m for m in self.effects if left <= m.start and m.end <= pos]
        if not cands:
            return []
        last = cands[-1]
        if not self.gap_ok(self.text[last.end:pos], last.end, pos, limit=7, allowed=self.lex._benign):
            return []
        chain = [last]
        for m in reversed(cands[:-1]):
            g = self.text[m.end:chain[0].start]
            if self._has_mention(m.end, chain[0].start, ("subject",)) or not self._list_gap(g):
                break
            chain.insert(0, m)
        return chain


def _anaphor_gap_ok(sent: _Sentence, start: int, end: int) -> bool:
    lex = sent.lex
    allowed = lex._benign | {"it", "they", "them", "this", "these"}
    return sent.gap_ok(sent.text[start:end], start, end, limit=8, allowed=allowed)


def _carry_gap_ok(sent: _Sentence, start: int, end: int) -> bool:
    lex = sent.lex
    allowed = lex._benign | {"it", "they", "and", "or"}
    return sent.gap_ok(sent.text[start:end], start, end, limit=6, allowed=allowed)
