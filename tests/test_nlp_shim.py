"""The deprecated ``medlint.nlp`` modules still import, warn once, and give the new objects."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

MOVED = [
    ("claims", "medlint.claims"),
    ("absolute", "medlint.language.absolute"),
    ("dosage", "medlint.language.dosage"),
    ("evidence", "medlint.language.evidence"),
    ("readability", "medlint.language.readability"),
    ("sentences", "medlint.language.sentences"),
    ("stop_taking", "medlint.language.stop_taking"),
    ("matches", "medlint.language.matches"),
]


@pytest.mark.parametrize("old, new", MOVED)
def test_old_module_warns_once_and_reexports_the_new_names(old, new):
    sys.modules.pop(f"medlint.nlp.{old}", None)
    with pytest.warns(DeprecationWarning, match=rf"medlint\.nlp\.{old} is deprecated: import from {new}"):
        shim = importlib.import_module(f"medlint.nlp.{old}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        importlib.import_module(f"medlint.nlp.{old}")  # cached: no second warning
    assert shim.__all__
    homes = [importlib.import_module(new), importlib.import_module("medlint.language.lexicon")]
    for name in shim.__all__:
        if name == "APOSTROPHE":
            continue
        assert any(getattr(home, name, None) is getattr(shim, name) for home in homes), name


def test_a_plugin_written_for_the_old_layout_still_works():
    code = (
        "import warnings; warnings.simplefilter('always')\n"
        "from medlint.nlp.claims import ClaimLexicon, SentenceInput, extract_claims\n"
        "from medlint.nlp.stop_taking import find_unqualified_stop_advice\n"
        "claims = extract_claims([SentenceInput('Vitamin B12 does not cause muscle cramps.')],"
        " ClaimLexicon.default())\n"
        "print(claims[0].stance, len(find_unqualified_stop_advice(['Stop taking your statin.'])))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["negative", "1"]
    assert done.stderr.count("DeprecationWarning") == 2
