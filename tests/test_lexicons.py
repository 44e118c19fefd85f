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


@pytest.mark.parametrize("module", ["absolute", "evidence", "dosage"])
def test_every_shipped_pattern_compiles_on_its_own(module):
    """At start-up a shipped lexicon's patterns are compiled only joined (see
    ``medlint.language.lexicon.compile_pattern``); compiling the lexicon directly checks each one."""
    import importlib

    from medlint.data import lexicon as shipped

    mod = importlib.import_module(f"medlint.language.{module}")
    name = {"absolute": "absolute_claims"}.get(module, module)
    mod.compile_lexicon(shipped(name))  # raises DataError naming a bad pattern


@pytest.mark.parametrize("patterns, bad", [
    (["fine", "broken("], 1),
    # Each half is invalid alone, but joined they would pair up into one valid regex.
    (["a)|(?:b", "c"], 0),
])
def test_a_team_pattern_is_checked_on_its_own(patterns, bad):
    from medlint.data import DataError
    from medlint.language.lexicon import compile_pattern

    with pytest.raises(DataError, match=f"entries/0/patterns/{bad}: invalid regular expression"):
        compile_pattern(patterns, "entries/0/patterns", "team.yaml")


def test_a_joined_pattern_is_compiled_on_first_use_and_acts_as_the_regex(monkeypatch):
    import re

    from medlint.language import lexicon

    compiled = []
    real = re.compile
    monkeypatch.setattr(lexicon.re, "compile", lambda *a: compiled.append(a) or real(*a))
    rx = lexicon.compile_pattern([r"\bcures?\b", "miracle"], "p", "x.yaml")
    assert len(compiled) == 2  # a team's patterns are each checked; the joined one waits
    compiled.clear()
    assert rx.pattern == r"(?:\bcures?\b)|(?:miracle)"
    expected = real(rx.pattern, re.IGNORECASE)
    text = "It CURES all; a Miracle cure."
    assert rx.search(text).span() == expected.search(text).span()
    assert len(compiled) == 1
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in expected.finditer(text)]
    assert rx.match(text, 3).group() == "CURES" and rx.fullmatch("cure") is not None
    assert rx.sub("-", text) == expected.sub("-", text) and rx.findall(text) == expected.findall(text)
    assert rx.flags == expected.flags and len(compiled) == 1


@pytest.mark.parametrize("name", NAMES)
def test_compiled_lexicon_is_current(name):
    """The JSON beside each lexicon (what start-up reads instead of parsing YAML) was
    compiled from the YAML as it is now: `python -m medlint.data` rewrites it."""
    import hashlib
    import json

    yaml_path = data.package_path("data", "lexicons", f"{name}.yaml")
    compiled = json.loads(yaml_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert compiled["yaml_sha256"] == hashlib.sha256(yaml_path.read_bytes()).hexdigest(), (
        f"{name}.json is stale: run `python -m medlint.data`")
    assert compiled["data"] == data.load_yaml_file(yaml_path)


def test_stale_compiled_lexicon_falls_back_to_the_yaml(tmp_path, monkeypatch):
    import json

    folder = tmp_path / "data" / "lexicons"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text("words: [a, b]\n", encoding="utf-8")
    (folder / "x.json").write_text(json.dumps({"yaml_sha256": "0" * 64, "data": {"words": ["stale"]}}),
                                   encoding="utf-8")
    monkeypatch.setattr(data, "package_path", lambda *parts: tmp_path.joinpath(*parts))
    data.lexicon.cache_clear()
    try:
        assert data.lexicon("x") == {"words": ["a", "b"]}
        assert data.compile_lexicons() == ["x"]
        data.lexicon.cache_clear()
        (folder / "x.yaml").write_text("words: [a, b]\n", encoding="utf-8")
        assert json.loads((folder / "x.json").read_text(encoding="utf-8"))["data"] == {"words": ["a", "b"]}
        assert data.lexicon("x") == {"words": ["a", "b"]}
    finally:
        data.lexicon.cache_clear()
