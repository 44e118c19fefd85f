"""The claim lexicon and registry a config names, and claims as plain records.

The top-level ``claims`` key names the team's claim registry files; their
``lexicon:`` blocks extend the shipped claim lexicon, so what counts as a claim
depends on the config. The claim rules (their ``prepare``), the pipeline (claims
carried in each file's result) and ``medlint claims`` all read them from here.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .claims import ClaimLexicon
    from .claims.index import RegistryIndex
    from .document import Document

# The top-level config key naming the claim registry files.
REGISTRY_KEY = "claims"


@functools.lru_cache(maxsize=8)
def lexicon_and_registry(paths: tuple[str, ...]) -> tuple["ClaimLexicon", "RegistryIndex"]:
    """The default lexicon extended by the registries' `lexicon:` blocks, and their
    entries, indexed for ``registry_conflicts``. Raises ``medlint.data.DataError``
    (file and line) for a bad registry."""
    from .claims import ClaimLexicon, load_registry
    from .claims.index import RegistryIndex

    lexicon = ClaimLexicon.default()
    if not paths:
        return lexicon, RegistryIndex((), lexicon)
    entries, lexicon = load_registry(list(paths), lexicon)
    return lexicon, RegistryIndex(entries, lexicon)


@dataclass(frozen=True)
class ClaimRecord:
    """One claim found in an article, as plain data (JSON, the cache, other processes)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    subject: str
    subject_text: str
    effect: str
    effect_text: str
    relation: str
    stance: str
    certainty: str
    qualifiers: dict[str, str]
    qualifier_sources: dict[str, str]
    sentence: str  # the sentence, whitespace collapsed, "…" for non-prose objects
    # The classes of the lexicon the subject belongs to (sumatriptan: triptans): a claim
    # about one of them covers this one (SPEC §9).
    classes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["classes"] = list(self.classes)
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "ClaimRecord":
        return cls(**{**raw, "classes": tuple(raw.get("classes", ()))})


def claim_records(doc: "Document", lexicon: "ClaimLexicon") -> list[ClaimRecord]:
    """The claims of ``doc`` (see ``Document.claims``) as records, in text order."""
    rows = []
    for found in doc.claims(lexicon):
        c = found.claim
        start, end = found.span()
        p, q = doc.point(start), doc.point(end)
        rows.append(ClaimRecord(
            doc.path, p.line, p.column, q.line, q.column, c.subject, c.subject_text, c.effect, c.effect_text,
            c.relation, c.stance, c.certainty, dict(c.qualifiers), dict(c.qualifier_sources),
            " ".join(found.sentence.text.replace("\ufffc", "…").split()),
            tuple(sorted(lexicon.classes_of(c.subject)))))
    return rows
