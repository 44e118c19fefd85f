"""Statistics and evidence statements in one sentence: percentages ("40% of adults"),
proportions ("one in five"), relative risks ("3 times more likely", "doubles the
risk"), counts of people ("38 million Americans"), research cited as a source
("studies show", "scientists have discovered", "a 2019 study found", "a landmark
study", "In one small trial, …", "according to a recent survey"), evidence in the
passive ("has been shown to", "it has been proven that"), statements about the
evidence ("there is no evidence that…", "the science is clear"), appeals to authority
("experts say", "physiotherapists say", "podiatrists recommend a urea cream",
"according to experts", "doctors won't tell you", "it's a proven fact that") and
"clinically proven" or "dermatologist-recommended" wording (the ``evidence`` lexicon).

Why it matters: numbers and "studies show" are what make health writing persuasive.
A reader can only judge them, and an editor can only check them, when a source is
given. The ``claim-uncited`` rule reports these statements when neither the sentence
nor its paragraph carries a citation; this module only finds them.

Not findings: the strength of a product or food ("1% hydrocortisone cream", "2% milk",
"0.9% saline", "Amorolfine 5%", "clobetasone butyrate 0.05%", "0.5% malathion"),
measured values and thresholds ("an A1C below 7%", "oxygen below 92%"), label values
("20% DV"), strengths before a product noun ("the 2% versions", "a 90% omega-3
concentrate"), evidence said to be absent ("there is little good evidence for this"),
an association stated as a description ("it is often linked with raised eye pressure";
one that names a risk stays a claim), the article's own arithmetic and the writer's own results ("which is 53%
of the NRV", "10 fewer plaques, a 71% drop", "my bloating was down by 80%"), prices ("saves you 20%", "40% cheaper"), comparisons of dosing ("apply
it twice as often", "children need half as much"), a reader's own clinician ("your
doctor may recommend"), years alone, dilutions ("1 in 10"), and "100% safe" style
wording, which is the absolute-claim rule's finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from medlint.language.lexicon import LexiconCache
from medlint.language.matches import EntrySet, Match, compile_entries, scan_entries

__all__ = ["Match", "EvidenceLexicon", "compile_lexicon", "find_evidence_claims", "may_hold_evidence_claims"]


@dataclass(frozen=True)
class EvidenceLexicon:
    """A compiled ``evidence`` lexicon."""

    entries: EntrySet


def compile_lexicon(data: dict[str, Any], path: str = "<evidence lexicon>") -> EvidenceLexicon:
    """Compile a validated ``evidence`` lexicon (see its JSON Schema)."""
    return EvidenceLexicon(entries=compile_entries(data["entries"], path))


_CACHE = LexiconCache("evidence", EvidenceLexicon, compile_lexicon)


def may_hold_evidence_claims(text: str, lexicon: Any = None) -> bool:
    """False when ``find_evidence_claims`` finds nothing in any sentence cut from
    ``text`` (a paragraph): none of the lexicon's triggers occurs in it
    (``EntrySet.may_match``). One test per paragraph instead of one per sentence."""
    return _CACHE.get(lexicon).entries.may_match(text)


def find_evidence_claims(sentence: str, lexicon: Any = None) -> list[Match]:
    """Statistic and evidence statements in one prose sentence, in text order.

    ``Match.kind`` is the lexicon entry id: "percentage", "proportion",
    "relative-risk", "research-finding", "evidence-statement", "proven-claim",
    "study-reference", "study-mention", "passive-evidence", "authority" or
    "population". ``lexicon`` is ``None`` (the shipped lexicon), a lexicon dict,
    or an ``EvidenceLexicon``."""
    lex = _CACHE.get(lexicon)
    if not sentence:
        return []
    return scan_entries(lex.entries, sentence, sentence.lower())
