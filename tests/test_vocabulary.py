"""The medicine vocabulary and the dose table (data/vocabulary/, issue #13).

The build (tools/build_vocabulary.py) is tested on a small fixture of the source shipped
under tests/data/vocabulary/, so the real source package is not needed; the full rebuild
is compared with the committed files only where that package is installed.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import yaml

from medlint.data import load_yaml_file, package_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "vocabulary"
VOCABULARY = package_path("data", "vocabulary")
MASS = {"mcg": 1, "mg": 1_000, "g": 1_000_000}


def _load_build_module():
    spec = importlib.util.spec_from_file_location("build_vocabulary", ROOT / "tools" / "build_vocabulary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_vocabulary = _load_build_module()


@pytest.fixture(scope="module")
def medicines():
    return load_yaml_file(VOCABULARY / "medicines.yaml", "medicines-vocabulary")


@pytest.fixture(scope="module")
def doses():
    return load_yaml_file(VOCABULARY / "doses.yaml", "dose-table")


def _fixture_files():
    return build_vocabulary.build_files(
        build_vocabulary.load_json_source(FIXTURE / "source.json"), FIXTURE, FIXTURE / "claims.yaml"
    )


def _fixture_document(**changes):
    """The fixture build with some inputs changed: classes=, entries=, subjects=."""
    return build_vocabulary.build(
        build_vocabulary.load_json_source(FIXTURE / "source.json"),
        changes.get("classes") or yaml.safe_load((FIXTURE / "classes.yaml").read_text()),
        changes.get("entries") or yaml.safe_load((FIXTURE / "entries.yaml").read_text()),
        changes.get("subjects") or build_vocabulary.lexicon_subjects(FIXTURE / "claims.yaml"),
    )


# --- the shipped files ----------------------------------------------------------------


def test_shipped_files_validate_against_their_schemas(medicines, doses):
    assert len(medicines["entries"]) >= 500
    assert len(doses["substances"]) >= 150


def test_compiled_json_is_the_yaml_data(medicines):
    compiled = json.loads((VOCABULARY / "medicines.json").read_text(encoding="utf-8"))
    assert compiled == medicines


def test_compiled_dose_table_is_the_yaml_data(doses):
    assert build_vocabulary.compile_doses(VOCABULARY)["doses.json"] == (VOCABULARY / "doses.json").read_text(
        encoding="utf-8"
    ), "doses.json is stale: python tools/build_vocabulary.py --doses"
    assert json.loads((VOCABULARY / "doses.json").read_text(encoding="utf-8")) == doses


def test_every_class_referenced_exists(medicines):
    classes = medicines["classes"]
    for eid, entry in medicines["entries"].items():
        assert set(entry["classes"]) <= set(classes), eid
    for cid, spec in classes.items():
        assert set(spec.get("includes", [])) <= set(classes), cid


def test_every_class_has_members(medicines):
    used = {cid for entry in medicines["entries"].values() for cid in entry["classes"]}
    assert set(medicines["classes"]) == used


def _owners(document):
    """Folded text -> the entries and classes it names, as the claims matcher reads texts
    (case-insensitive, with a plural or possessive ending)."""
    fold = build_vocabulary.fold
    owners: dict[str, set[str]] = {}
    for eid, entry in document["entries"].items():
        for text in entry["names"] + entry["brands"]:
            owners.setdefault(fold(text), set()).add(eid)
    for cid, spec in document["classes"].items():
        for alias in [spec["label"]] + spec["aliases"]:
            text = alias["text"] if isinstance(alias, dict) else alias
            owners.setdefault(fold(text), set()).add(f"class:{cid}")
    return owners


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Statins", "statin"), ("NSAIDs", "nsaid"), ("B12's", "b12"), ("St John\u2019s wort", "st john's wort"),
     ("Epsom salts", "epsom salt"), ("glass", "glass")],
)
def test_texts_are_compared_as_the_claims_matcher_reads_them(text, folded):
    assert build_vocabulary.fold(text) == folded


def test_no_text_names_two_entries_unless_listed_as_intended(medicines):
    fold = build_vocabulary.fold
    intended = {fold(text): sorted(ids) for text, ids in medicines["ambiguous"].items()}
    clashes = {
        text: sorted(who)
        for text, who in _owners(medicines).items()
        if len(who) > 1 and intended.get(text) != sorted(who)
    }
    assert clashes == {}


def test_every_hand_written_claims_subject_is_mapped(medicines):
    subjects = set(load_yaml_file(package_path("data", "lexicons", "claims.yaml"))["subjects"])
    mapped = {e["lexicon_id"] for e in medicines["entries"].values() if "lexicon_id" in e}
    mapped |= {c["lexicon_id"] for c in medicines["classes"].values() if "lexicon_id" in c}
    assert mapped <= subjects
    assert subjects - mapped == set(medicines["lexicon_outside"])


@pytest.mark.parametrize(
    ("lexicon_id", "entry"),
    [("vitamin_b12", "vitamin_b12"), ("fish_oil", "fish_oil"), ("ibuprofen", "ibuprofen"),
     ("st_johns_wort", "st_johns_wort"), ("acetaminophen", "acetaminophen")],
)
def test_hand_written_subjects_map_to_the_same_substance(medicines, lexicon_id, entry):
    assert medicines["entries"][entry]["lexicon_id"] == lexicon_id


def test_a_medicine_and_its_class_sharing_a_text_are_listed(medicines):
    assert medicines["ambiguous"]["tetracycline"] == ["class:tetracyclines", "tetracycline"]


@pytest.mark.parametrize(
    ("entry", "kind", "name", "brand", "klass"),
    [
        ("sumatriptan", "medicine", "sumatriptan succinate", "Imitrex", "triptans"),
        ("atorvastatin", "medicine", "atorvastatin calcium", "Lipitor", "statins"),
        ("naproxen", "medicine", "naproxen sodium", "Aleve", "nsaids"),
        ("lamotrigine", "medicine", "lamotrigine", "Lamictal", "anticonvulsants"),
        ("sertraline", "medicine", "sertraline hydrochloride", "Zoloft", "ssris"),
        ("sertraline", "medicine", "sertraline", "Zoloft", "antidepressants"),
        ("acetaminophen", "medicine", "paracetamol", "Tylenol", None),
        ("saw_palmetto", "supplement", "Serenoa repens", None, "herbal_supplements"),
        ("coenzyme_q10", "supplement", "CoQ10", None, None),
        ("vitamin_b12", "supplement", "cyanocobalamin", None, "vitamins"),
        ("amoxicillin", "medicine", "amoxicillin", None, "antibiotics"),
    ],
)
def test_examples_from_issue_13(medicines, entry, kind, name, brand, klass):
    got = medicines["entries"][entry]
    assert got["kind"] == kind
    assert name in got["names"]
    if brand:
        assert brand in got["brands"]
    if klass:
        assert klass in got["classes"]


# --- the dose table -------------------------------------------------------------------


def test_every_dose_table_substance_is_a_vocabulary_entry(medicines, doses):
    ids = [s["id"] for s in doses["substances"]]
    assert len(ids) == len(set(ids))
    assert set(ids) <= set(medicines["entries"])


def test_dose_rows_are_ordered(doses):
    for substance in doses["substances"]:
        for row in substance["doses"]:
            low, high = row["per_dose"]
            assert low <= high, substance["id"]
            if "per_day_max" in row and row.get("schedule", "daily") == "daily":
                assert high <= row["per_day_max"], substance["id"]


def _rows(substance, route, dimension):
    for row in substance["doses"]:
        unit = row.get("unit", substance["unit"])
        if row.get("route", "oral") == route and (unit in MASS) == (dimension == "mass") and (
            dimension == "mass" or unit == dimension
        ):
            yield row, unit


def _in_base(amount, unit):
    return amount * MASS.get(unit, 1)


def test_every_dosage_lexicon_substance_is_in_the_dose_table_at_least_as_permissive(doses):
    """Today's dosage-unit ranges bound one dose or one day's intake; the table must not
    narrow them: per_dose min at most the lexicon's min, per_day_max at least its max."""
    lexicon = load_yaml_file(package_path("data", "lexicons", "dosage.yaml"))
    table = {s.get("dosage_lexicon_id", s["id"]): s for s in doses["substances"]}
    narrower = []
    for substance in lexicon["substances"]:
        assert substance["id"] in table, substance["id"]
        for route, ranges in substance["ranges"].items():
            route = "oral" if route == "default" else route
            for rng in ranges:
                dimension = "mass" if rng["unit"] in MASS else rng["unit"]
                ok = any(
                    _in_base(row["per_dose"][0], unit) <= _in_base(rng["min"], rng["unit"])
                    and "per_day_max" in row
                    and _in_base(row["per_day_max"], unit) >= _in_base(rng["max"], rng["unit"])
                    for row, unit in _rows(table[substance["id"]], route, dimension)
                )
                if not ok:
                    narrower.append((substance["id"], route, rng))
    assert narrower == []


@pytest.mark.parametrize(
    ("substance", "amount", "unit", "plausible"),
    [
        ("colchicine", 500, "mg", False),
        ("colchicine", 0.6, "mg", True),
        ("lamotrigine", 25, "g", False),
        ("lamotrigine", 25, "mg", True),
        ("selenium", 2000, "mcg", False),
        ("selenium", 200, "mcg", True),
        ("levothyroxine", 100, "mg", False),
        ("levothyroxine", 100, "mcg", True),
        ("ibuprofen", 5000, "mg", False),
        ("vitamin_d", 50000, "iu", True),
    ],
)
def test_issue_examples_fall_inside_or_outside_the_day_bounds(doses, substance, amount, unit, plausible):
    """An amount with no frequency is plausible when per_dose min <= amount <= per_day_max."""
    table = {s["id"]: s for s in doses["substances"]}
    dimension = "mass" if unit in MASS else unit
    inside = any(
        _in_base(row["per_dose"][0], u) <= _in_base(amount, unit) <= _in_base(row["per_day_max"], u)
        for row, u in _rows(table[substance], "oral", dimension)
    )
    assert inside is plausible


def test_weekly_medicines_carry_their_schedule(doses):
    table = {s["id"]: s for s in doses["substances"]}
    assert all(row.get("schedule") == "weekly" for row in table["methotrexate"]["doses"])
    assert any(row.get("schedule") == "weekly" for row in table["alendronate"]["doses"])


# --- the build ------------------------------------------------------------------------


def test_fixture_build_matches_the_expected_output():
    files = _fixture_files()
    for name, text in files.items():
        assert text == (FIXTURE / "expected" / name).read_text(encoding="utf-8"), name


def test_build_is_deterministic():
    assert _fixture_files() == _fixture_files()


def test_fixture_build_keeps_and_drops_what_the_filter_says():
    document = _fixture_document()
    entries = document["entries"]
    # combinations, product forms and records without a consumer page are left out
    assert "abacavir_lamivudine_and_zidovudine" not in entries
    assert "nicotine_gum" not in entries and "zanubrutinib" not in entries
    # US and UK records merged; the INN's Latin form and the chemical name dropped
    assert entries["acyclovir"]["names"] == ["acyclovir", "aciclovir"]
    assert entries["acyclovir"]["brands"] == ["Zovirax"]
    # brand flagged by the source, unflagged brand, misspelling and foreign forms
    assert entries["atorvastatin"]["brands"] == ["Lipitor", "Sortis"]
    assert "atorvastatina" not in entries["atorvastatin"]["names"]
    # "Midol" is a brand of two medicines: kept by neither; makers' generics dropped
    assert "Midol" not in entries["ibuprofen"]["brands"] + entries["naproxen"]["brands"]
    assert entries["ibuprofen"]["brands"] == ["Advil", "Motrin", "Nurofen"]
    # a class included in another passes its members on
    assert entries["sumatriptan"]["classes"] == ["painkillers", "triptans"]
    # supplements: curated names only, drop_names applied, curated-only entry
    assert "vitamin b" not in entries["vitamin_b12"]["names"]
    assert entries["ashwagandha"]["source"] == "curated"
    assert entries["vitamin_b12"]["lexicon_id"] == "b12"
    assert document["classes"]["nsaids"]["lexicon_id"] == "nsaids"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c, e: c["classes"]["statins"]["members"].append("no_such_drug"), "no_such_drug"),
        (lambda c, e: c["classes"]["statins"]["includes"].append("nope") if "includes" in c["classes"]["statins"]
         else c["classes"]["statins"].update(includes=["nope"]), "unknown class nope"),
        (lambda c, e: e["entries"]["ashwagandha"]["names"].append("Imitrex"), "'imitrex' names"),
        (lambda c, e: e["lexicon_outside"].clear(), "coffee"),
        (lambda c, e: e["entries"]["vitamin_b12"]["from"].append("not in source"), "not in the source"),
    ],
    ids=["unknown-member", "unknown-include", "ambiguous-name", "unmapped-subject", "unknown-record"],
)
def test_inconsistent_inputs_are_build_errors(change, message):
    classes = yaml.safe_load((FIXTURE / "classes.yaml").read_text())
    entries = yaml.safe_load((FIXTURE / "entries.yaml").read_text())
    change(classes, entries)
    with pytest.raises(build_vocabulary.BuildError, match=message):
        _fixture_document(classes=classes, entries=entries)


def test_an_intended_ambiguity_is_allowed():
    entries = yaml.safe_load((FIXTURE / "entries.yaml").read_text())
    entries["entries"]["ashwagandha"]["names"].append("Imitrex")
    entries["ambiguous"] = {"imitrex": ["ashwagandha", "sumatriptan"]}
    document = _fixture_document(entries=entries)
    assert document["ambiguous"] == {"imitrex": ["ashwagandha", "sumatriptan"]}


def test_check_mode_reports_stale_files(tmp_path, capsys):
    out = tmp_path / "vocabulary"
    shutil.copytree(FIXTURE / "expected", out)
    args = ["--source", str(FIXTURE / "source.json"), "--curation", str(FIXTURE),
            "--lexicon", str(FIXTURE / "claims.yaml"), "--out", str(out)]
    assert build_vocabulary.main(args + ["--check"]) == 0
    (out / "medicines.yaml").write_text("stale\n", encoding="utf-8")
    assert build_vocabulary.main(args + ["--check"]) == 1
    assert "stale: medicines.yaml" in capsys.readouterr().err
    assert build_vocabulary.main(args) == 0
    assert (out / "medicines.yaml").read_text(encoding="utf-8") == (FIXTURE / "expected" / "medicines.yaml").read_text(
        encoding="utf-8"
    )


def test_a_missing_source_package_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setattr(build_vocabulary, "PACKAGE_MODULE", "no_such_package_for_medlint_tests")
    assert build_vocabulary.main(["--out", "/nonexistent"]) == 2
    assert "pip install -e '.[vocab]'" in capsys.readouterr().err


@pytest.mark.skipif(
    importlib.util.find_spec("drug_named_entity_recognition") is None,
    reason="the source package drug-named-entity-recognition is a build-only dependency "
    "(pip install -e '.[vocab]'); without it the committed vocabulary cannot be rebuilt",
)
def test_full_rebuild_reproduces_the_committed_files():
    files = build_vocabulary.build_files(build_vocabulary.load_package_source())
    for name, text in files.items():
        assert text == (VOCABULARY / name).read_text(encoding="utf-8"), f"{name} is stale: python tools/build_vocabulary.py"
