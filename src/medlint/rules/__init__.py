"""The built-in rule catalogue: one table, sorted by code (Ruff's codes.rs).

``BUILTIN_RULES`` is built on first use, so importing one rule module (the engine
builds rule-error findings with ``internal.ml901_rule_error``) does not load every
rule and its lexicons.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name != "BUILTIN_RULES":
        raise AttributeError(name)
    global BUILTIN_RULES
    BUILTIN_RULES = _catalogue()
    return BUILTIN_RULES


def _catalogue() -> tuple:

    from .citations.ml301_references_required import ReferencesRequired
    from .citations.ml302_citation_unresolved import CitationUnresolved
    from .citations.ml303_reference_uncited import ReferenceUncited
    from .citations.ml304_reference_empty import ReferenceEmpty
    from .citations.ml305_link_bare import LinkBare
    from .citations.ml306_claim_uncited import ClaimUncited
    from .clinical.ml401_stop_taking_unqualified import StopTakingUnqualified
    from .clinical.ml402_claim_contradiction import ClaimContradiction
    from .clinical.ml403_claim_registry_conflict import ClaimRegistryConflict
    from .clinical.ml404_absolute_claim import AbsoluteClaim
    from .clinical.ml405_dosage_unit import DosageUnit
    from .clinical.ml406_claim_library_conflict import ClaimLibraryConflict
    from .clinical.ml407_dose_format import DoseFormat
    from .front_matter.ml101_frontmatter_schema import FrontmatterSchema
    from .front_matter.ml102_review_stale import ReviewStale
    from .internal.ml901_rule_error import RuleError
    from .internal.ml902_file_unreadable import FileUnreadable
    from .internal.ml903_unused_suppression import UnusedSuppression
    from .structure.ml201_disclaimer_required import DisclaimerRequired
    from .structure.ml202_readability_grade import ReadabilityGrade
    from .structure.ml203_markdown_too_deep import MarkdownTooDeep

    return (
        FrontmatterSchema,
        ReviewStale,
        DisclaimerRequired,
        ReadabilityGrade,
        MarkdownTooDeep,
        ReferencesRequired,
        CitationUnresolved,
        ReferenceUncited,
        ReferenceEmpty,
        LinkBare,
        ClaimUncited,
        StopTakingUnqualified,
        ClaimContradiction,
        ClaimRegistryConflict,
        AbsoluteClaim,
        DosageUnit,
        ClaimLibraryConflict,
        DoseFormat,
        RuleError,
        FileUnreadable,
        UnusedSuppression,
    )
