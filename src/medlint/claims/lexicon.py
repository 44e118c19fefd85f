"""The compiled claims lexicon (``ClaimLexicon``): the shipped ``data/lexicons/claims.yaml``,
or that lexicon extended by a registry's ``lexicon:`` block."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from medlint import data
from medlint.data import DataError
from medlint.language.lexicon import LexiconCache

from .model import _Alias, FrozenMap, LexiconError
from .phrases import _Alternation, _item_text, _norm, _Opening, _PhraseSet, _tokens

if TYPE_CHECKING:
    from .compiled import Vocabulary

_EXTENSION_KEYS = ("subjects", "effects", "qualifiers")
_DIRECTIONS = ("forward", "backward", "either", "between", "side_effect")


def _merge_lexicon(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(extra) - set(_EXTENSION_KEYS))
    if unknown:
        raise LexiconError(
            f"a lexicon extension may hold only {', '.join(_EXTENSION_KEYS)}; not {', '.join(unknown)}",
            (unknown[0],),
        )
    out = copy.deepcopy(dict(base))
    for kind in ("subjects", "effects"):
        for entry_id, entry in (extra.get(kind) or {}).items():
            current = out[kind].get(entry_id)
            if current is None:
                out[kind][entry_id] = copy.deepcopy(dict(entry))
                continue
            if "label" in entry:
                current["label"] = entry["label"]
            if "classes" in entry:
                current["classes"] = list(current.get("classes", [])) + [
                    c for c in entry["classes"] if c not in current.get("classes", [])
                ]
            current["aliases"] = list(current["aliases"]) + [
                a for a in entry.get("aliases", []) if a not in current["aliases"]
            ]
    for dim, spec in (extra.get("qualifiers") or {}).items():
        current = out["qualifiers"].setdefault(dim, {"values": {}})
        if "label" in spec:
            current["label"] = spec["label"]
        for value, vspec in spec.get("values", {}).items():
            cv = current["values"].get(value)
            if cv is None:
                current["values"][value] = copy.deepcopy(dict(vspec))
                continue
            cv["words"] = list(cv["words"]) + [w for w in vspec.get("words", []) if w not in cv["words"]]
            for flag in ("covered_when_unstated", "near_subject", "usual"):
                if flag in vspec:
                    cv[flag] = vspec[flag]
    return out


class ClaimLexicon:
    """The compiled claims lexicon: its phrase indexes are built once here (a phrase's
    regex, where one is needed, on first use), so build one lexicon and reuse it for every
    document.

    ``subjects``/``effects`` map ids to display labels; ``dimensions`` maps each qualifier
    dimension to its values in lexicon order. ``vocabulary`` (the shipped medicine
    vocabulary's claims index, see ``medlint.claims.compiled``) adds its medicines and
    classes as subjects.
    """

    def __init__(self, raw: Mapping[str, Any], vocabulary: Vocabulary | None = None):
        self._raw = raw
        self._vocabulary = vocabulary
        self.subjects: dict[str, str] = {
            i: e.get("label", i.replace("_", " ")) for i, e in raw["subjects"].items()
        }
        if vocabulary is not None:
            self.subjects = {**vocabulary.labels, **self.subjects}
        self.effects: dict[str, str] = {
            i: e.get("label", i.replace("_", " ")) for i, e in raw["effects"].items()
        }
        self.dimension_labels: dict[str, str] = {
            d: s.get("label", d.replace("_", " ")) for d, s in raw["qualifiers"].items()
        }
        self.dimensions: dict[str, tuple[str, ...]] = {
            d: tuple(s["values"]) for d, s in raw["qualifiers"].items()
        }
        self.uncovered: frozenset[tuple[str, str]] = frozenset(
            (d, v)
            for d, s in raw["qualifiers"].items()
            for v, vs in s["values"].items()
            if vs.get("covered_when_unstated", True) is False
        )
        self.usual: frozenset[tuple[str, str]] = frozenset(
            (d, v)
            for d, s in raw["qualifiers"].items()
            for v, vs in s["values"].items()
            if vs.get("usual", False)
        )
        classes: dict[str, list[str]] = dict(vocabulary.classes) if vocabulary else {}
        for i, e in raw["subjects"].items():
            if e.get("classes"):
                classes[i] = [*classes.get(i, ()), *e["classes"]]
        self._classes: dict[str, frozenset[str]] = {i: frozenset(c) for i, c in classes.items()}
        for subject, of in self._classes.items():
            unknown = sorted(c for c in of if c not in self.subjects)
            if unknown:
                raise LexiconError(f"subject {subject!r}: class {unknown[0]!r} is not a subject", ("subjects", subject))
        self._near_subject: frozenset[tuple[str, str]] = frozenset(
            (d, v)
            for d, s in raw["qualifiers"].items()
            for v, vs in s["values"].items()
            if vs.get("near_subject", False)
        )
        self._compile_mentions(raw)
        self._compile_qualifiers(raw)
        self._compile_grammar(raw)
        self._heading_cache: dict[tuple[tuple[str, ...], str], dict[str, str]] = {}

    def _compile_mentions(self, raw: Mapping[str, Any]) -> None:
        """The subject and effect aliases, in one phrase index.
        The vocabulary's names are deferred (indexed on first sight of their first word);
        a name an alias already uses stays the alias's, but a hand-written class gives up
        the names of its vocabulary members ("lisinopril" is the member, which the class
        "ACE inhibitors" covers)."""
        vocabulary = self._vocabulary
        alias_items: list[tuple[str, bool, Any]] = []
        for kind, table in (("subject", raw["subjects"]), ("effect", raw["effects"])):
            for entry_id, entry in table.items():
                for alias in entry["aliases"]:
                    text, cs = _item_text(alias)
                    if kind == "subject" and vocabulary is not None and entry_id in vocabulary.class_ids:
                        member = vocabulary.owner(text)
                        if member not in (None, entry_id) and entry_id in self.classes_of(member):
                            continue
                    implies = {} if isinstance(alias, str) else dict(alias.get("implies", {}))
                    for dim, value in implies.items():
                        if value not in self.dimensions.get(dim, ()):
                            raise LexiconError(
                                f"{kind} {entry_id!r}: alias {text!r} implies {dim}={value}, "
                                f"which is not a qualifier value",
                                (f"{kind}s", entry_id),
                            )
                    payload = _Alias(kind, entry_id, FrozenMap(implies))
                    alias_items.append((text, cs, payload))
        deferred = None
        if vocabulary is not None:
            deferred = _VocabularyNames(vocabulary)
            for text, cs, sid in vocabulary.exact:
                alias_items.append((text, cs, deferred.payload(sid)))
        # ``could_match(words, "subject")`` and ``(words, "effect")``: the cheap tests
        # of whether a text may name a subject, an effect.
        self._mentions = _PhraseSet(alias_items, inflect=True, what="alias", deferred=deferred, keyed=_kind)

    def _compile_qualifiers(self, raw: Mapping[str, Any]) -> None:
        """The qualifier words, each standing for a (dimension, value) pair."""
        qual_items = [
            (*_item_text(w), (d, v))
            for d, s in raw["qualifiers"].items()
            for v, vs in s["values"].items()
            for w in vs["words"]
        ]
        self._qualifiers = _PhraseSet(qual_items, inflect=True, what="qualifier word")
        # Words of qualifier phrases, which may stand between a subject and its cue; not the
        # words that end a clause ("than" of "more than a month").
        breakers = frozenset(_norm(w) for w in raw["clause_breakers"])
        self._qualifier_tokens = frozenset(
            t for text, _, _ in qual_items for t in _tokens(text) if t not in breakers
        )

    def _compile_grammar(self, raw: Mapping[str, Any]) -> None:
        """Relation cues, negation, hedges, clause boundaries, anaphora and myth markers."""
        cue_items = [
            (phrase, False, (relation, direction, negated))
            for relation, spec in raw["relations"].items()
            for negated, table in ((False, spec), (True, spec.get("negated", {})))
            for direction in _DIRECTIONS
            for phrase in table.get(direction, ())
        ]
        self._cues = _PhraseSet(cue_items, inflect=False, what="relation cue", keyed=_every)
        self.relations: dict[str, str] = {
            r: s.get("label", r.replace("_", " ")) for r, s in raw["relations"].items()
        }
        self._linkers = {r: _Alternation.of(s.get("side_effect_linkers", [])) for r, s in raw["relations"].items()}
        self._hedges = _Alternation.of(raw["hedges"])
        # A relation's own hedges are tried with the shared ones ("traditionally used to treat").
        self._relation_hedges = {
            r: _Alternation.of([*raw["hedges"], *s["hedges"]]) if s.get("hedges") else self._hedges
            for r, s in raw["relations"].items()
        }

        neg = raw["negation"]
        self._neg_words = frozenset(_norm(w) for w in neg["words"])
        self._neg_suffixes = tuple(_norm(s) for s in neg["contraction_suffixes"])
        self._softeners = frozenset(_norm(w) for w in neg["softeners"])
        self._only_words = frozenset(_norm(w) for w in neg["only_words"])
        self._neg_prefix = _Alternation.of(neg["prefixes"])
        self._skip = frozenset(_norm(w) for w in raw["skip_words"])
        self._rare = _Alternation.of(raw["rare"])
        self._non_assertion = _Alternation.of(raw["non_assertion"])
        self._conditionals = _Alternation.of(raw["conditionals"])
        self._exceptions = _Alternation.of(raw["exceptions"])
        self._restrictions = _Alternation.of(raw["restrictions"])
        self._cessation = _Alternation.of(raw["cessation"]["words"])
        self._cessation_fillers = frozenset(_norm(w) for w in raw["cessation"]["fillers"])
        self._scope_softeners = _Alternation.of(raw["scope_softeners"])
        self._boundaries = _Alternation.of(raw["boundaries"])
        self._breakers = frozenset(_norm(w) for w in raw["clause_breakers"])
        self._followers = frozenset(_norm(w) for w in raw["coordination_followers"])
        self._effect_stops = frozenset(_norm(w) for w in raw["effect_gap_stops"])
        self._subject_nouns = frozenset(_norm(w) for w in raw["subject_nouns"])
        # A contrast phrase and the rest of its phrase: "unlike injections", ", not B12".
        self._contrast = _Alternation.of(raw["contrast"], tail_stops=",;.()\n")
        ana = raw["anaphora"]
        lead_ins = _Alternation.of(ana["lead_ins"])
        phrases = _Alternation.of(ana["phrases"])
        self._anaphor = _Opening(phrases, lead_ins) if phrases else None
        self._myth_heading = _Alternation.of(raw["myths"]["heading_words"])
        prefixes = _Alternation.of(raw["myths"]["sentence_prefixes"])
        self._myth_prefix = _Opening(prefixes) if prefixes else None

        self._rare_tokens = frozenset(
            t for p in raw["rare"] for t in _tokens(_item_text(p)[0])
        )
        self._hedge_tokens = frozenset(
            t
            for p in [*raw["hedges"], *(h for s in raw["relations"].values() for h in s.get("hedges", ()))]
            for t in _tokens(_item_text(p)[0])
        )
        # Words that may stand between two pieces of one claim without changing who does what.
        self._benign = (
            self._skip | self._neg_words | self._softeners | self._only_words | self._rare_tokens
            | self._hedge_tokens | self._followers | self._qualifier_tokens | self._subject_nouns
        )

    @classmethod
    def default(cls) -> ClaimLexicon:
        """The shipped lexicon (``data/lexicons/claims.yaml`` with the medicine vocabulary,
        read through ``medlint.claims.compiled``), compiled once."""
        return _SHIPPED.get()

    def extended(self, extra: Mapping[str, Any]) -> ClaimLexicon:
        """A new lexicon with a registry's ``lexicon:`` block merged in: new subjects, effects
        and qualifier values are added; an existing id gains the new aliases or words."""
        merged = _merge_lexicon(self._raw, extra)
        try:
            data.validate(merged, "claims-lexicon", "lexicon extension")
        except DataError as exc:
            raise LexiconError(str(exc).removeprefix("lexicon extension: ")) from None
        return ClaimLexicon(merged, self._vocabulary)

    def classes_of(self, subject: str) -> frozenset[str]:
        """The classes ``subject`` belongs to (sumatriptan: triptans), wider ones included."""
        return self._classes.get(subject, frozenset())

    def dimension_alternatives(self, dim: str, value: str) -> str:
        """``value`` and the first other value of ``dim``, in lexicon order: "oral or injection"."""
        values = [v for v in self.dimensions.get(dim, ()) if (dim, v) not in self.uncovered]
        other = next((v for v in values if v != value), None)
        if other is None:
            return value
        pair = sorted([other, value], key=lambda v: values.index(v) if v in values else len(values))
        return " or ".join(v.replace("_", " ") for v in pair)

    # -- scanning helpers used by the extractor --------------------------------------------

    def _is_negation(self, token: str) -> bool:
        return token in self._neg_words or token.endswith(self._neg_suffixes)


def _kind(alias: _Alias) -> str:
    return alias.kind


def _every(payload: Any) -> str:
    return ""


class _VocabularyNames:
    """The vocabulary's names as the phrase sets' deferred phrases (``phrases._Deferred``)."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self._payloads: dict[str, _Alias] = {}
        self._empty = FrozenMap()

    def starting(self, word: str) -> list[tuple[str, str]] | None:
        lines = self.vocabulary.names.get(word)
        return self.vocabulary.bucket(lines) if lines else None

    def words(self) -> list[str]:
        return list(self.vocabulary.names)

    def payload(self, sid: str) -> _Alias:
        found = self._payloads.get(sid)
        if found is None:
            found = self._payloads[sid] = _Alias("subject", sid, self._empty)
        return found


def _load_shipped(name: str) -> tuple[Mapping[str, Any], Vocabulary | None]:
    # Here, not at the top: ``python -m medlint.claims.compiled`` imports this package.
    from .compiled import load_shipped

    return load_shipped(name)


def _compile_shipped(
    shipped: tuple[Mapping[str, Any], Vocabulary | None] | Mapping[str, Any], path: str
) -> ClaimLexicon:
    """The shipped lexicon with its vocabulary (``_load_shipped``), or a caller's lexicon."""
    raw, vocabulary = shipped if isinstance(shipped, tuple) else (shipped, None)
    try:
        return ClaimLexicon(raw, vocabulary)
    except LexiconError as exc:
        raise DataError(str(data.package_path("data", "lexicons", path)), str(exc)) from None


# Only the shipped lexicon goes through the cache: a registry's lexicon is
# ``ClaimLexicon.extended``, validated there and held by the registry that made it.
_SHIPPED = LexiconCache("claims", ClaimLexicon, _compile_shipped, _load_shipped)
