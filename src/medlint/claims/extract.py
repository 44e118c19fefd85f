"""Claim extraction: ``extract_claims`` reads sentences in order (with the paragraph and
heading context that anaphora and heading qualifiers need) and returns the claims found."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from .model import Claim, FrozenMap, SentenceInput, SentenceInputs
from .phrases import _Hit, _norm, _TOKEN, _tokens, _words
from .lexicon import ClaimLexicon
from .sentence import (
    _anaphor_gap_ok, _Antecedent, _carry_gap_ok, _Context, _Group, _Mention, _Sentence,
)

# What may follow a sentence's end punctuation: closing quotes and brackets, emphasis
# markers, citation markers, object placeholders.
_TRAILER = re.compile(
    r"(?:\s|[\ufffc\"'\u201d\u2019)\]*_]|\[\^?[\w ,\u2013\u2014-]{1,30}\]|<sup>[^<]{0,20}</sup>)+$"
)


_FOUR_WORDS = re.compile(r"(?:\s*\S+){0,4}")


class _Extractor:
    def __init__(self, lexicon: ClaimLexicon):
        self.lex = lexicon

    # -- per-sentence driver --------------------------------------------------------------

    def run(self, sentences: Sequence[SentenceInput]) -> list[Claim]:
        inputs = SentenceInputs.of(sentences)
        items, contexts, context_of = inputs.items, inputs.contexts, inputs.context_of
        claims: list[Claim] = []
        ctx: _Context | None = None
        lex = self.lex
        mentions, cues = lex._mentions, lex._cues
        openings: dict[int, re.Match[str] | _Hit | None] = {}

        def opening(i: int) -> re.Match[str] | _Hit | None:
            """The anaphor sentence ``i`` opens with (each sentence is matched once)."""
            if i not in openings:
                openings[i] = lex._anaphor.match(items[i].text) if lex._anaphor else None
            return openings[i]

        claimable: dict[int, bool] = {}

        def may_claim(i: int) -> bool:
            """Whether sentence ``i`` has the key words of an effect and of a relation cue,
            without which it holds no claim (``_KeyWords``)."""
            if i not in claimable:
                words = _words(items[i].text)
                claimable[i] = mentions.could_match(words, "effect") and cues.could_match(words)
            return claimable[i]

        context_read: dict[int, bool] = {}

        def read_on(i: int) -> bool:
            """Whether the context sentence ``i`` leaves can reach a claim. It is read only
            by an anaphor opening the next sentence of the paragraph or (as ``older``) the
            one after, which uses it for a claim of its own or passes it on in the context
            it leaves in turn: so the context matters only if one of those two opens with an
            anaphor and may hold a claim or has a context that matters. Worked out without
            recursion (a paragraph may be a long run of anaphors)."""
            todo = [i]
            while todo:
                k = todo[-1]
                paragraph = contexts[context_of[k]][1]
                answer, ahead = False, None
                for j in range(k + 1, min(k + 3, len(items))):
                    if contexts[context_of[j]][1] != paragraph:
                        break
                    if not opening(j):
                        continue
                    if may_claim(j) or context_read.get(j):
                        answer = True
                        break
                    if j not in context_read:
                        ahead = j  # answer that first
                        break
                if ahead is not None:
                    todo.append(ahead)
                    continue
                context_read[k] = answer
                todo.pop()
            return context_read[i]

        current, prev_paragraph = -1, None
        headings, paragraph, quoted = (), 0, False
        for index, (item, context) in enumerate(zip(items, context_of)):
            if context != current:
                current = context
                headings, paragraph, quoted = contexts[context]
                if paragraph != prev_paragraph:
                    ctx = None
                prev_paragraph = paragraph
            if quoted:
                ctx = None
                continue
            text = item.text
            words = _words(text)
            if not mentions.could_match(words, "subject") and not (ctx and opening(index)):
                # Names no subject and does not continue ``ctx`` through an anaphor:
                # ``sentence`` would give ([], None).
                ctx = None
                continue
            # A claim names an effect and has a relation cue: a sentence without the key
            # words of an effect alias or of a cue (``_KeyWords``) gives none.
            if (
                not mentions.could_match(words, "effect") or not cues.could_match(words)
            ) and not read_on(index):
                # No claim here, and no claim reads the context it leaves.
                ctx = None
                continue
            found, ctx = self.sentence(index, text, headings, ctx, opening(index), lambda: read_on(index))
            claims.extend(found)
        return claims

    def sentence(
        self, index: int, text: str, headings: tuple[str, ...], ctx: _Context | None,
        anaphor: re.Match[str] | _Hit | None, read_on: Callable[[], bool],
    ) -> tuple[list[Claim], _Context | None]:
        """The claims of sentence ``index`` and the context it leaves the next one; when
        ``read_on()`` says no claim can read that context, it is not worked out."""
        lex = self.lex
        sent = _Sentence(lex, text)
        if not sent.subjects and not (anaphor and ctx):
            return [], None

        def no_claims() -> tuple[list[Claim], _Context | None]:
            return [], self._next_context(sent, anaphor, ctx, {}) if read_on() else None

        if not sent.effects or not sent.cues:
            return no_claims()
        if self._is_question(sent) or (lex._myth_prefix and lex._myth_prefix.match(text)):
            return no_claims()
        groups = self._groups(sent, anaphor, ctx)
        if not groups:
            return no_claims()
        self._assign_windows(sent, groups)
        myth_section = any(lex._myth_heading and lex._myth_heading.search(h) for h in headings)
        claims: list[Claim] = []
        seen: set[tuple[Any, ...]] = set()
        antecedents: dict[int, _Antecedent] = {}
        for g in groups:
            stance, certainty = self._stance(sent, g)
            if stance == "negative" and self._partial_denial(sent, g):
                continue
            for subj in g.subjects:
                quals, sources = self._qualifiers(sent, g, subj, headings)
                antecedents[subj.start] = _Antecedent(
                    subj.id, {d: v for d, v in quals.items() if sources[d] != "heading"}
                )
                if myth_section and stance != "negative":
                    continue
                for eff in _unique_effects(g.effects):
                    key = (subj.id, g.relation, eff.id, stance, tuple(sorted(quals.items())))
                    if key in seen:
                        continue
                    seen.add(key)
                    claims.append(
                        Claim(
                            sentence=index,
                            start=min(subj.start, eff.start),
                            end=max(subj.end, eff.end),
                            subject=subj.id,
                            effect=eff.id,
                            subject_text=subj.text,
                            effect_text=eff.text,
                            relation=g.relation,
                            stance=stance,
                            certainty=certainty,
                            qualifiers=FrozenMap(quals),
                            qualifier_sources=FrozenMap(sources),
                        )
                    )
        return claims, self._next_context(sent, anaphor, ctx, antecedents) if read_on() else None

    @staticmethod
    def _is_question(sent: _Sentence) -> bool:
        text = _TRAILER.sub("", sent.text)
        if text.endswith("?"):
            return True
        toks = _TOKEN.match(text.lstrip(" \t\"'\u201c\u2018*_([\ufffc"))
        if not toks or toks.group().lower() not in {
            "does", "do", "did", "can", "could", "will", "would", "is", "are", "might", "may", "should"
        }:
            return False
        first_subject = min((m.start for m in sent.subjects), default=None)
        first_cue = min((c[0] for c in sent.cues), default=None)
        return first_subject is not None and (first_cue is None or first_subject < first_cue)

    def _next_context(
        self, sent: _Sentence, anaphor: re.Match[str] | None, ctx: _Context | None,
        from_claims: dict[int, _Antecedent],
    ) -> _Context | None:
        """The antecedents this sentence offers the next one: every subject it mentions, with
        the qualifiers of its claim or, failing one, the words of its clause."""
        found: dict[int, _Antecedent] = {}
        for m in sent.subjects:
            seg = sent.segment_of(m.start)
            quals = dict(m.implies)
            quals.update(self._nearest_words(sent, seg[0], seg[1], m.start, m.end, [m]))
            found[m.start] = _Antecedent(m.id, quals)
        found.update(from_claims)
        if not found:
            ante = self._resolve(sent, anaphor, ctx)
            if ante is not None:
                found[0] = ante
        if not found:
            return None
        return _Context([found[k] for k in sorted(found)], ctx.recent if ctx else [])

    @staticmethod
    def _resolve(sent: _Sentence, anaphor: re.Match[str] | None, ctx: _Context | None) -> _Antecedent | None:
        """What a sentence-opening anaphor refers to: the last subject of the previous sentence;
        for an anaphor naming a qualifier ("these injections"), the latest subject of the two
        previous sentences with that qualifier, or nothing."""
        if anaphor is None or ctx is None:
            return None
        a_start, a_end = anaphor.span("ana")
        typed = {dim: value for s, e, (dim, value) in sent.qualifiers if a_start <= s and e <= a_end}
        if not typed:
            return ctx.recent[-1] if ctx.recent else None
        for ante in [*reversed(ctx.recent), *reversed(ctx.older)]:
            if all(ante.qualifiers.get(d) == v for d, v in typed.items()):
                return ante
        return None

    # -- groups ----------------------------------------------------------------------------

    def _groups(self, sent: _Sentence, anaphor: re.Match[str] | None, ctx: _Context | None) -> list[_Group]:
        groups: list[_Group] = []
        for cue_start, cue_end, (relation, direction, denied) in sent.cues:
            seg = sent.segment_of(cue_start)
            if cue_end > seg[1]:
                continue
            prev = [g for g in groups if g.segment == seg]
            left = max([seg[0]] + [g.core_end for g in prev if g.core_end <= cue_start])
            if sent.not_asserted(left, cue_start):
                continue
            group: _Group | None = None
            if direction in ("forward", "either"):
                group = self._forward(sent, cue_start, cue_end, seg, left, groups, anaphor, ctx)
            if group is None and direction in ("backward", "either"):
                # The effect may also be the previous claim's ("probiotics prevent diarrhoea
                # caused by antibiotics"): look back to the previous cue, not past its effect.
                shared = max([seg[0]] + [g.cue_end for g in prev if g.cue_end <= cue_start])
                group = self._backward(sent, cue_start, cue_end, seg, shared)
            if direction == "between":
                group = self._between(sent, cue_start, cue_end, seg, left)
            elif direction == "side_effect":
                group = self._side_effect(sent, cue_start, cue_end, seg, left, relation)
            if group is not None:
                group.relation = relation
                if denied:
                    group.negated = not group.negated
                groups.append(group)
        return groups

    def _forward(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int,
        groups: list[_Group], anaphor: re.Match[str] | None, ctx: _Context | None,
    ) -> _Group | None:
        """subject ... cue ... effect; the subject may be carried (see ``_carried_subject``)."""
        effects, post_neg = sent.effects_after(cue_end, seg[1])
        if not effects:
            return None
        carried: dict[str, str] = {}
        carried_source = "sentence"
        subj = sent.subject_before(cue_start, left)
        if subj is not None:
            subjects, nor = sent.coordinated_before(subj, left)
            walk = sent.walk_back(sent.text[subj.end:cue_start])
            own_start = subjects[0].start
            if sent.prefix_negated(left, subjects[0].start):
                walk.negated = not walk.negated
            if nor:
                walk.negated = True
            ante = self._resolve(sent, anaphor, ctx)
            if ante and ante.subject == subj.id and anaphor.end("ana") <= subjects[0].start and seg[0] == 0:
                carried, carried_source = dict(ante.qualifiers), "anaphor"
        else:
            found = self._carried_subject(sent, cue_start, seg, groups, anaphor, ctx)
            if found is None:
                return None
            subjects, carried, carried_source, gap_start, own_start = found
            walk = sent.walk_back(sent.text[gap_start:cue_start])
            if sent.prefix_negated(left, cue_start):
                walk.negated = not walk.negated
        if post_neg:
            walk.negated = not walk.negated
        return _Group(subjects, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                      carried, carried_source, own_start)

    def _carried_subject(
        self, sent: _Sentence, cue_start: int, seg: tuple[int, int], groups: list[_Group],
        anaphor: re.Match[str] | None, ctx: _Context | None,
    ) -> tuple[list[_Mention], dict[str, str], str, int, int] | None:
        """A subject the clause does not name: shared with the previous verb phrase ("iron can
        cause nausea and may lead to constipation"), the previous clause ("..., but it can
        cause acne") or, through an anaphor, the previous sentence ("These injections can ...")."""
        same_segment = [g for g in groups if g.segment == seg and g.core_end <= cue_start]
        if same_segment:
            g = same_segment[-1]
            gap = sent.text[g.core_end:cue_start]
            toks = _tokens(gap)
            if toks and toks[0] in ("and", "or") and _carry_gap_ok(sent, g.core_end, cue_start):
                return g.subjects, self._group_sentence_quals(sent, g, cue_start), "sentence", g.core_end, cue_start
            return None
        earlier = [g for g in groups if g.segment[1] <= seg[0]]
        if seg[0] > 0 and _carry_gap_ok(sent, seg[0], cue_start):
            if earlier:
                g = earlier[-1]
                return g.subjects, self._group_sentence_quals(sent, g, g.segment[1]), "sentence", seg[0], cue_start
            prior = [m for m in sent.subjects if m.end <= seg[0]]
            if prior:
                m = prior[-1]
                pseg = sent.segment_of(m.start)
                quals = dict(m.implies)
                quals.update(self._nearest_words(sent, pseg[0], pseg[1], m.start, m.end, [m]))
                return [m], quals, "sentence", seg[0], cue_start
            return None
        ante = self._resolve(sent, anaphor, ctx)
        if ante is not None and seg[0] == 0:
            a_start, a_end = anaphor.span("ana")
            if a_end <= cue_start and _anaphor_gap_ok(sent, a_end, cue_start):
                pseudo = _Mention("subject", ante.subject, a_start, a_end, anaphor.group("ana"), FrozenMap())
                return [pseudo], dict(ante.qualifiers), "anaphor", a_end, a_start
        return None

    def _group_sentence_quals(self, sent: _Sentence, g: _Group, right: int) -> dict[str, str]:
        """The sentence-level qualifiers of an earlier group, for a clause that shares its subject."""
        quals = dict(g.carried)
        if g.subjects:
            quals.update(g.subjects[0].implies)
        core_start = min([m.start for m in g.effects] + [g.own_start])
        quals.update(self._nearest_words(sent, g.segment[0], right, core_start, g.core_end, g.subjects))
        return quals

    def _backward(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int
    ) -> _Group | None:
        """effect ... cue ... subject: "cramps caused by B12"."""
        effects = sent.effects_before(cue_start, left)
        if not effects:
            return None
        subjects = sent.subjects_after(cue_end, seg[1])
        if not subjects:
            return None
        walk = sent.walk_back(sent.text[effects[-1].end:cue_start])
        if sent.prefix_negated(left, effects[0].start):
            walk.negated = not walk.negated
        return _Group(subjects, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                      {}, "sentence", effects[0].start)

    def _between(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int
    ) -> _Group | None:
        """cue ... subject and effect (either order): "no link between B12 and cramps"."""
        mentions = sorted(
            (m for m in sent.subjects + sent.effects if m.start >= cue_end and m.end <= seg[1]),
            key=lambda m: m.start,
        )
        if len(mentions) < 2:
            return None
        a = mentions[0]
        b = next((m for m in mentions[1:] if m.kind != a.kind), None)
        if b is None:
            return None
        head = _tokens(sent.text[cue_end:a.start])
        mid = sent.text[a.end:b.start]
        mid_toks = _tokens(mid)
        if len(head) > 3 or "and" not in mid_toks or len(mid_toks) > 5:
            return None
        if any(m.start >= a.end and m.end <= b.start for m in mentions):
            return None
        subj, eff = (a, b) if a.kind == "subject" else (b, a)
        walk = sent.walk_back(sent.text[left:cue_start])
        if sent.prefix_negated(left, cue_start):
            walk.negated = not walk.negated
        return _Group([subj], [eff], cue_start, cue_end, seg, walk.negated, walk.softened,
                      {}, "sentence", cue_start)

    def _side_effect(
        self, sent: _Sentence, cue_start: int, cue_end: int, seg: tuple[int, int], left: int, relation: str
    ) -> _Group | None:
        """Side-effect wording: "Y is a side effect of X", "side effects of X include Y"."""
        text = sent.text
        of = re.match(r"\s+(?:of|from|with)\s+", text[cue_end:seg[1]])
        subj_after: list[_Mention] = []
        if of:
            pos = cue_end + of.end()
            found = sent.subjects_after(pos, seg[1])
            if found and len(_tokens(text[pos:found[0].start])) <= 2:
                subj_after = found
        # "Y is a (common) side effect of X"
        effects = sent.effects_before(cue_start, left)
        if effects and subj_after:
            walk = sent.walk_back(text[effects[-1].end:cue_start])
            if sent.prefix_negated(left, effects[0].start):
                walk.negated = not walk.negated
            return _Group(subj_after, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                          {}, "sentence", effects[0].start)
        # "side effects of X include Y" / "X's side effects include Y"
        if subj_after:
            subjects, start_pos, walk = subj_after, subj_after[-1].end, sent.walk_back(text[left:cue_start])
            own_start = cue_start
        else:
            subj = next((m for m in reversed(sent.subjects) if left <= m.start and m.end <= cue_start), None)
            if subj is None or not sent.gap_ok(text[subj.end:cue_start], subj.end, cue_start, limit=4, allowed=None):
                return None
            if any(t in self.lex._breakers for t in _tokens(text[subj.end:cue_start])):
                return None
            subjects, _ = sent.coordinated_before(subj, left)
            start_pos, walk = cue_end, sent.walk_back(text[subj.end:cue_start])
            own_start = subjects[0].start
        linkers = self.lex._linkers.get(relation)
        linker = linkers.search(text, start_pos, seg[1]) if linkers else None
        if linker is None or len(_tokens(text[start_pos:linker.start()])) > 3:
            return None
        effects, post_neg = sent.effects_after(linker.end(), seg[1])
        if not effects:
            return None
        if any(self.lex._is_negation(t) for t in _tokens(text[start_pos:linker.end()])) or post_neg:
            walk.negated = not walk.negated
        if sent.prefix_negated(left, own_start):
            walk.negated = not walk.negated
        return _Group(subjects, effects, cue_start, cue_end, seg, walk.negated, walk.softened,
                      {}, "sentence", own_start)

    # -- windows, stance, qualifiers -----------------------------------------------------

    @staticmethod
    def _assign_windows(sent: _Sentence, groups: list[_Group]) -> None:
        """Each group's stretch of its clause: qualifier and stance cues are looked up there,
        so two claims in one clause do not borrow each other's words."""
        by_segment: dict[tuple[int, int], list[_Group]] = defaultdict(list)
        for g in groups:
            by_segment[g.segment].append(g)
        for seg, gs in by_segment.items():
            gs.sort(key=lambda g: g.own_start)
            for i, g in enumerate(gs):
                g.left = seg[0] if i == 0 else max(seg[0], min(gs[i - 1].core_end, g.own_start))
                g.right = seg[1] if i == len(gs) - 1 else max(g.core_end, gs[i + 1].own_start)

    def _stance(self, sent: _Sentence, g: _Group) -> tuple[str, str]:
        lex, text = self.lex, sent.text
        if g.negated:
            softened = g.softened or bool(
                lex._scope_softeners and lex._scope_softeners.search(text, g.left, g.right)
            )
            stance = "rare" if softened else "negative"
        elif lex._rare and any(
            not sent._in_contrast(m.start(), m.end()) for m in lex._rare.finditer(text, g.left, g.right)
        ):
            stance = "rare"
        else:
            stance = "positive"
        certainty = "certain"
        hedges = lex._relation_hedges.get(g.relation, lex._hedges)
        if hedges:
            hedge_end = max(g.cue_end, min(m.start for m in g.effects), g.left)
            for m in hedges.finditer(text, g.left, hedge_end):
                if _norm(m.group()) == "can" and re.match(r"['\u2019]t\b|\s*not\b", text[m.end():]):
                    continue
                certainty = "possible"
                break
        return stance, certainty

    def _partial_denial(self, sent: _Sentence, g: _Group) -> bool:
        """A negative claim limited after its cue by an exception or by a condition that
        names no qualifier, or limited to a group of people no qualifier names: its real
        scope cannot be represented, so it is no claim."""
        lex, text = self.lex, sent.text
        if lex._exceptions and lex._exceptions.search(text, g.cue_end, g.right):
            return True
        if lex._conditionals:
            for m in lex._conditionals.finditer(text, g.cue_end, g.right):
                if not any(s >= m.end() and e <= g.right for s, e, _ in sent.qualifiers):
                    return True
        if lex._restrictions:
            # A group of people the lexicon cannot name ("in people over 75"): one it can
            # name has a qualifier word within a few words ("in people with kidney disease").
            for m in lex._restrictions.finditer(text, g.left, g.right):
                if any(x.start < m.end() and m.start() < x.end for x in (*sent.subjects, *sent.effects)):
                    continue  # part of a name ("breast enlargement in men")
                near = _FOUR_WORDS.match(text, m.end(), g.right).end()
                if not any(m.start() <= s and e <= near for s, e, _ in sent.qualifiers):
                    return True
        return False

    def _nearest_words(
        self, sent: _Sentence, left: int, right: int, core_start: int, core_end: int,
        subjects: Sequence[_Mention],
    ) -> dict[str, str]:
        """Per dimension, the qualifier word in ``[left, right)`` nearest the claim's core."""
        best: dict[str, tuple[int, int, str]] = {}
        for s, e, (dim, value) in sent.qualifiers:
            if s < left or e > right:
                continue
            if (dim, value) in self.lex._near_subject and not any(
                len(_tokens(sent.text[min(e, m.end):max(s, m.start)])) <= 2 for m in subjects
            ):
                continue
            distance = 0 if (s >= core_start and e <= core_end) else min(abs(core_start - e), abs(s - core_end))
            if dim not in best or (distance, s) < best[dim][:2]:
                best[dim] = (distance, s, value)
        return {d: v for d, (_, _, v) in best.items()}

    def _qualifiers(
        self, sent: _Sentence, g: _Group, subj: _Mention, headings: tuple[str, ...]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """(qualifiers, where each came from) for one subject of a group: headings, then what
        an anaphor or shared subject carries, then the mention itself, then the clause."""
        quals: dict[str, str] = {}
        sources: dict[str, str] = {}
        for dim, value in self._heading_qualifiers(headings, subj.id).items():
            quals[dim], sources[dim] = value, "heading"
        for dim, value in g.carried.items():
            quals[dim], sources[dim] = value, g.carried_source
        for dim, value in subj.implies.items():
            quals[dim], sources[dim] = value, "sentence"
        core_start = min([m.start for m in g.effects] + [g.own_start])
        for dim, value in self._nearest_words(sent, g.left, g.right, core_start, g.core_end, [subj]).items():
            quals[dim], sources[dim] = value, "sentence"
        return quals, sources

    def _heading_qualifiers(self, headings: tuple[str, ...], subject: str) -> dict[str, str]:
        """Qualifiers the enclosing headings lend a claim about ``subject``, inner headings
        winning. A heading that names only other subjects lends nothing, nor does a dimension
        a heading gives two values ("Oral vs injected B12")."""
        key = (headings, subject)
        cached = self.lex._heading_cache.get(key)
        if cached is not None:
            return cached
        quals: dict[str, str] = {}
        for heading in headings:
            sent = _Sentence(self.lex, heading)
            if sent.subjects and subject not in {m.id for m in sent.subjects}:
                continue
            values: dict[str, set[str]] = defaultdict(set)
            for m in sent.subjects:
                if m.id == subject:
                    for dim, value in m.implies.items():
                        values[dim].add(value)
            own = [m for m in sent.subjects if m.id == subject]
            for start, end, (dim, value) in sent.qualifiers:
                if (dim, value) in self.lex._near_subject and not any(
                    len(_tokens(heading[min(end, m.end):max(start, m.start)])) <= 2 for m in own
                ):
                    continue
                values[dim].add(value)
            for dim, vs in values.items():
                if len(vs) == 1:
                    quals[dim] = next(iter(vs))
        if len(self.lex._heading_cache) < 4096:
            self.lex._heading_cache[key] = quals
        return quals


def _unique_effects(effects: list[_Mention]) -> list[_Mention]:
    seen: set[str] = set()
    out = []
    for m in effects:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out


def extract_claims(sentences: Sequence[SentenceInput], lexicon: ClaimLexicon | None = None) -> list[Claim]:
    """Every causal claim in ``sentences``, in sentence order; one sentence can give several
    ("B12 injections can rarely cause hypokalemia and cramps" gives two)."""
    return _Extractor(lexicon or ClaimLexicon.default()).run(sentences)
