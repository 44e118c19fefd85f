"""The claim lexicon and registry a run uses (shared by the claim rules and `medlint claims`)."""

from __future__ import annotations

import functools
from typing import Sequence

from ...claims import ClaimLexicon, RegistryEntry, load_registry


@functools.lru_cache(maxsize=8)
def lexicon_and_registry(paths: tuple[str, ...]) -> tuple[ClaimLexicon, tuple[RegistryEntry, ...]]:
    """The default lexicon extended by the registries' `lexicon:` blocks, and their
    entries. Raises ``medlint.data.DataError`` (file and line) for a bad registry."""
    lexicon = ClaimLexicon.default()
    if not paths:
        return lexicon, ()
    entries, lexicon = load_registry(list(paths), lexicon)
    return lexicon, tuple(entries)


def describe(quals) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"{k}={v}" for k, v in sorted(quals.items())) or "no qualifiers"


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.replace("\ufffc", "…").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__: Sequence[str] = ("lexicon_and_registry", "describe", "quote")
