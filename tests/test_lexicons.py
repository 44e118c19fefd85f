"""Every shipped lexicon is valid against its schema (start-up trusts them)."""

from __future__ import annotations

import pytest

from medlint import data

NAMES = sorted(p.stem for p in data.package_path("data", "lexicons").glob("*.yaml"))


def test_all_lexicons_are_listed():
    assert {"stop_taking", "claims", "absolute_claims", "dosage", "evidence", "syllables"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_shipped_lexicon_matches_its_schema(name):
    data.validate(data.lexicon(name), data.lexicon_schema(name), f"{name}.yaml")


def test_a_team_extension_is_validated(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("medication_objects: [5]\n", encoding="utf-8")
    with pytest.raises(data.DataError, match="extra.yaml"):
        data.extended_lexicon("stop_taking", str(extra))
