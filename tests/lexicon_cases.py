"""Shared by the matcher tests: a lexicon's own examples and counterexamples as cases."""

from __future__ import annotations

from typing import Callable, Iterator

import pytest

from medlint.data import lexicon


def example_params(name: str) -> list:
    """(entry id, sentence, must it be reported) for every example of lexicon ``name``."""

    def cases() -> Iterator:
        for entry in lexicon(name)["entries"]:
            for s in entry.get("examples", []):
                yield pytest.param(entry["id"], s, True, id=f"{entry['id']}+{s[:30]}")
            for s in entry.get("counterexamples", []):
                yield pytest.param(entry["id"], s, False, id=f"{entry['id']}-{s[:30]}")

    return list(cases())


def check_example(find: Callable[[str], list], kind: str, sentence: str, reported: bool) -> None:
    found = find(sentence)
    if reported:
        assert kind in {m.kind for m in found}
    else:
        assert found == []
