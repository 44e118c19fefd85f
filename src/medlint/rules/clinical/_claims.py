"""What the claim rules share: the configured lexicon and registry (``prepare``)."""

from __future__ import annotations

from typing import Sequence

from ...claim_config import REGISTRY_KEY, lexicon_and_registry
from ...data import DataError
from ...rule import Setup, SetupError


def prepare(setup: Setup) -> tuple:
    """The lexicon and the registry entries the config's `claims` files give."""
    try:
        return lexicon_and_registry(setup.paths(REGISTRY_KEY))
    except DataError as exc:
        raise SetupError(f"claim registry: {exc}") from None


def describe(quals) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"{k}={v}" for k, v in sorted(quals.items())) or "no qualifiers"


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.replace("\ufffc", "…").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__: Sequence[str] = ("REGISTRY_KEY", "prepare", "describe", "quote")
