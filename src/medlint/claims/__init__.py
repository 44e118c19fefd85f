"""Health claims: find "X causes Y" (prevents, treats, ...) statements in prose and check
them for consistency.

This is the pure analyser behind ``claim-contradiction``, ``claim-registry-conflict`` and
``medlint claims`` (SPEC §9, §12 "Claims"). It sees sentences as strings with a little
context (enclosing headings, paragraph id, block-quote flag) and never touches files,
except ``load_registry``, which reads a team's registry, and the shipped lexicon's loader.

A **claim** is (subject, relation, effect, stance, certainty, qualifiers) found in one
clause of one sentence: "Excess oral B12 is not a cause of cramps" gives
(vitamin_b12, causes, muscle_cramps, negative, certain, {dose: high, route: oral}).
Everything it recognises — aliases, relation cues, qualifier words, grammar words — comes
from the claims lexicon (``data/lexicons/claims.yaml``), which a registry can extend. The
relations are the lexicon's (causes, prevents, treats, cures, lowers_risk, raises_risk,
improves, worsens), each with its cue phrases by direction and its own negated cues and
hedges. The subjects are the lexicon's hand-written ones merged with the medicine
vocabulary (``data/vocabulary/medicines.json``, built by ``tools/build_vocabulary.py``):
hundreds of medicines and supplements with their brands, and the classes each is in.
The vocabulary's names are indexed on first sight of their first word, so loading it costs
a JSON read, not a compile.

How a sentence is read (regex and lexicon only, tuned for precision over recall):

- a sentence without the key words of a subject alias, an effect alias and a relation
  cue (``phrases._KeyWords``) gives no claim and is only read for the context it leaves
  when a claim can read that (see docs/architecture.md, "Claim extraction");
- quoted sentences, questions and "Myth: ..." lines give no claims;
- the sentence is cut into clauses at strong boundaries (";", "but", "whereas", ...);
  a subject, a relation cue and an effect must sit in one clause, in the order the cue's
  direction asks for, with only short, harmless words between them;
- mentions inside contrast phrases ("unlike injections", ", not B12") are ignored;
- negation belongs to the relation: it is found by walking back from the cue over
  auxiliaries and fillers ("is not a known cause of"), or as a clause prefix ("there is
  no evidence that ..."); "not usually" makes the claim ``rare``, "not the only" cancels;
- a reported or hypothetical clause ("some people believe ...", "if B12 causes cramps")
  is no claim; nor is a denial limited after its cue by an exception or by a condition
  that names no qualifier ("does not cause cramps unless ...", "... if you take it
  correctly"); a denial "in most people" is ``rare``;
- qualifiers come from the clause (the value nearest the claim wins a dimension), from
  the mention itself ("hydroxocobalamin" implies an injection), from the previous sentence
  of the paragraph when this one opens with an anaphor ("These injections ...", "At these
  doses ..."), or from the enclosing headings, in that order of strength.

Two claims contradict (``contradiction``, ``find_contradictions``) when one is negative,
the other positive or rare, both have the same relation and effect, the negative's subject
is the other's or a class the other's belongs to ("triptans do not cause chest tightness"
covers sumatriptan; a negative about one member says nothing about its class or the other
members), and the negative's scope covers the positive's: for every qualifier dimension
the negative leaves it unstated or gives the same value. Claims from one sentence are never
paired: a sentence that states both sides ("B12 does not cause cramps, but injections can")
draws its own contrast. A value marked ``covered_when_unstated: false`` in the lexicon
(dose: deficiency) is not covered by an unstated dimension: "B12 does not cause cramps"
speaks of taking B12, not of lacking it. The hint names the dimensions that would separate
the two, the ones whose value is not ``usual`` (oral, a standard dose) first.

The package's modules, one concern each: ``model`` (records), ``phrases`` (lexicon phrase
matching), ``lexicon`` (``ClaimLexicon``), ``sentence`` (one sentence as the extractor
reads it), ``extract`` (``extract_claims``), ``consistency`` (contradictions and registry
conflicts) and ``registry`` (``load_registry``). Import the public names from here.
"""

from __future__ import annotations

from .consistency import contradiction, find_contradictions, registry_conflicts
from .extract import extract_claims
from .lexicon import ClaimLexicon
from .model import (
    RELATION, STANCES, Claim, FrozenMap, LexiconError, RegistryEntry, SentenceInput, SentenceInputs,
)
from .registry import load_registry

__all__ = [
    "RELATION",
    "STANCES",
    "Claim",
    "ClaimLexicon",
    "FrozenMap",
    "LexiconError",
    "RegistryEntry",
    "SentenceInput",
    "SentenceInputs",
    "contradiction",
    "extract_claims",
    "find_contradictions",
    "load_registry",
    "registry_conflicts",
]
