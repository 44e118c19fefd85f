"""Build medlint's medicine and supplement vocabulary from open data.

One command, from the repository root, with the build-only extra installed::

    pip install -e '.[vocab]'
    python tools/build_vocabulary.py            # write the vocabulary files
    python tools/build_vocabulary.py --check    # exit 1 if the committed files are stale
    python tools/build_vocabulary.py --doses    # after editing doses.yaml: doses.json only

It writes ``src/medlint/data/vocabulary/medicines.yaml`` (the reviewed, committed form,
validated by ``schemas/medicines-vocabulary.schema.json``) and ``medicines.json`` (the
same data, compact, for fast loading), and compiles the hand-written ``doses.yaml`` to
``doses.json`` (``--doses`` does only that, without the source package). The files are
byte-identical on every run with the same inputs. Nothing here runs at lint time.

Inputs:

- the drug dictionary shipped in the MIT-licensed PyPI package
  ``drug-named-entity-recognition`` (generic names, synonyms, brands, DrugBank, MeSH
  and MedlinePlus IDs). The package is read, never imported: its pickle is loaded from
  the installed files. ``--source FILE`` reads the same data from a JSON file in the
  normalised shape that ``normalise_package_dictionary`` returns (the test fixture);
- ``tools/vocabulary/classes.yaml``: the drug classes and their members (curated);
- ``tools/vocabulary/entries.yaml``: curated entries, renames, merges, names, kinds and
  the filter's exceptions;
- ``src/medlint/data/lexicons/claims.yaml``: the hand-written claims subjects, read only
  to map each of them to a vocabulary entry or class (``lexicon_id``).

What is kept (see docs/vocabulary.md): single-ingredient medicines that have a consumer
page (MedlinePlus drug information or NHS medicines A-Z, the two IDs the source carries),
every class member and every curated entry. Everything else in the source (research
compounds, combinations, vaccines, product forms) is left out.
"""

from __future__ import annotations

import argparse
import bz2
import difflib
import importlib.metadata
import importlib.util
import json
import pickle
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY_DIR = ROOT / "src" / "medlint" / "data" / "vocabulary"
CURATION_DIR = ROOT / "tools" / "vocabulary"
CLAIMS_LEXICON = ROOT / "src" / "medlint" / "data" / "lexicons" / "claims.yaml"

PACKAGE = "drug-named-entity-recognition"
PACKAGE_MODULE = "drug_named_entity_recognition"
PACKAGE_DICTIONARY = "drug_ner_dictionary.pkl.bz2"
PACKAGE_LICENSE = "MIT"
PACKAGE_URL = "https://pypi.org/project/drug-named-entity-recognition/"
PACKAGE_PROVENANCE = (
    "Names, synonyms, brands and IDs from the package's dictionary, built by its authors "
    "from DrugBank open data (CC0), MeSH (public domain), MedlinePlus and the NHS website."
)

# Words that may follow a generic name and still name the same substance
# ("atorvastatin calcium", "saw palmetto extract").
FORM_WORDS = frozenset(
    """
    hydrochloride hcl hydrobromide sodium potassium calcium magnesium zinc aluminum
    sulfate sulphate mesylate maleate fumarate succinate tartrate citrate acetate besylate
    bromide chloride phosphate dipropionate propionate furoate valerate butyrate
    monohydrate dihydrate trihydrate hydrate anhydrous hyclate besilate mesilate
    extract fruit berry leaf root oil powder seed flower
    """.split()
)

# Source names that are a product form, a combination or a vaccine, not one substance.
NOT_ONE_SUBSTANCE = re.compile(
    r"[,/()]| and | with | plus |^co-|\bvaccines?\b|\b(?:inhalers?|eye|ear|nasal|otic|"
    r"ophthalmic|vaginal|rectal|topical|urogenital|transdermal|injection|injectable|"
    r"patch|patches|gum|lozenges?|spray|cream|gel|ointment|lotion|shampoo|"
    r"suppositor(?:y|ies)|children|oral|tablets?|capsules?|drops|solution|skin|mouthwash|"
    r"contraceptives?|implant|intrauterine|buccal|sublingual|intranasal|inhalation|"
    r"intravenous|intramuscular|subcutaneous|intravesical|intrapleural|pyelocalyceal|viscous|"
    r"injections|extended|release|combination|products|therapy|prophylaxis)\b"
)
# A source synonym that looks like a chemical name, a locant or a database label.
CHEMICAL = re.compile(
    r"\d[-,'+]|[,;()\[\]/]|(?:^|\s)[a-z]-|\bnos\b|hydroxy|methyl|ethyl|propyl|butyl|amino|"
    r"acetyl|phenyl|benz|chlor|fluor|brom|iod|oxo|deoxy|dihydro|carbox|sulfon|\bacid\b|"
    r"amide\b|amine\b|desoxy|\bsalt\b|anhydrous|hydrate|glycol|\bester\b|ium\b|\bform\b|\bunit|\bgrade\b"
)
# Product forms and database labels inside a would-be brand ("Trauma-dolgit Gel").
NOT_A_BRAND = re.compile(
    r"\b(?:gel|cream|ointment|lotion|tablets?|capsules?|suppositor(?:y|ies)|rectal|injection|"
    r"solution|syrup|drops|spray|patch|ib|other\w*|complex|preparation|extract|apo|gen|novo)\b|"
    r"^other|pharm\b|ratiopharm|hexal\b|sandoz|azu\b|teva\b|mylan\b"
)
FOREIGN_WORDS = frozenset({"acidum", "acide", "acido", "interferon"})
VITAMIN = re.compile(r"vitamin [a-z]-?\d*")
PLAIN = re.compile(r"[a-z][a-z0-9 '.\-]*[a-z0-9]")
# Similarity above which a one-word synonym is the generic in another language or a typo
# ("atorvastatina" 0.96, "ibuprophen" 0.84) rather than a brand ("Naprosyn" 0.75).
SPELLING_VARIANT = 0.8
# With an ending of a Latin or Romance INN ("Amfetamina", "Aciclovirum") a looser match is
# enough.
LATINATE = re.compile(r"(?:um|ina|ino)$")
LATINATE_VARIANT = 0.7
BIOSIMILAR_SUFFIX = re.compile(r"-[a-z]{4}$")


class BuildError(Exception):
    """The inputs are inconsistent (an unknown class member, an ambiguous name, ...)."""


# --------------------------------------------------------------------------------------
# Reading the inputs


def snake(name: str) -> str:
    """The vocabulary id of a name: ``St. John's wort`` -> ``st_johns_wort``."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower().replace("'", "")).strip("_")


def normalise_package_dictionary(raw: dict[str, Any]) -> dict[str, Any]:
    """The package's dictionary in the shape the build reads (and the fixture uses).

    ``{canonical: {"name", "consumer", "ids", "variants": [[text, is_brand], ...]}}``,
    sorted; ``is_brand`` is true, false or null (the source does not say).
    """
    variants: dict[str, list[list[Any]]] = {}
    flags = raw["drug_variant_to_variant_data"]
    for variant, canonicals in raw["drug_variant_to_canonical"].items():
        for canonical in canonicals:
            is_brand = (flags.get(variant) or {}).get("is_brand")
            variants.setdefault(canonical, []).append([variant, is_brand])
    drugs = {}
    for canonical in sorted(raw["drug_canonical_to_data"]):
        data = raw["drug_canonical_to_data"][canonical]
        ids = {key: data[key] for key in ("drugbank_id", "mesh_id", "medline_plus_id") if data.get(key)}
        drugs[canonical] = {
            "name": data.get("name") or canonical,
            "consumer": bool(data.get("medline_plus_id") or data.get("nhs_url")),
            "ids": ids,
            "variants": sorted(variants.get(canonical, []), key=lambda v: v[0]),
        }
    return drugs


def load_package_source() -> dict[str, Any]:
    """Read the installed package's dictionary without importing the package."""
    spec = importlib.util.find_spec(PACKAGE_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise BuildError(
            f"the source package {PACKAGE} is not installed: pip install -e '.[vocab]'"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / PACKAGE_DICTIONARY
    # The pickle ships inside a package installed from PyPI; loading it runs no code
    # that installing the package did not already trust.
    with bz2.open(path, "rb") as handle:
        raw = pickle.load(handle)
    return {
        "name": PACKAGE,
        "version": importlib.metadata.version(PACKAGE),
        "license": PACKAGE_LICENSE,
        "url": PACKAGE_URL,
        "provenance": PACKAGE_PROVENANCE,
        "drugs": normalise_package_dictionary(raw),
    }


def load_json_source(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def lexicon_subjects(path: Path) -> list[str]:
    return sorted(load_yaml(path)["subjects"])


# --------------------------------------------------------------------------------------
# Classifying the source's synonyms


def classify_variant(variant: str, generics: list[str], is_brand: bool | None, kind: str) -> str | None:
    """``name``, ``brand`` or None (not kept) for one source synonym of an entry.

    ``generics`` are the entry's generic names (the first is the source record's own).
    """
    generic = generics[0]
    if variant in generics:
        return "name"
    if not PLAIN.fullmatch(variant):
        return None
    if variant.startswith(generic + " "):
        rest = variant[len(generic) + 1 :].split()
        return "name" if all(word in FORM_WORDS for word in rest) else None
    if generic in variant:
        return None  # "apo-sertraline", "novo-sertraline": a maker's generic
    if " " not in variant and any(_spelling_variant(variant, name) for name in generics):
        return None  # "atorvastatina", "paracetamolum", "ibuprophen": a language or a typo
    if CHEMICAL.search(variant) or NOT_A_BRAND.search(variant):
        return None
    if is_brand is False or VITAMIN.fullmatch(variant):
        return "name"
    if is_brand is True:
        return "brand"
    if kind == "supplement":
        return None  # supplements take their common names from entries.yaml
    words = re.split(r"[ -]", variant)
    if len(words) > 2 or any(len(word) < 3 or not word.isalpha() for word in words):
        return None  # "Sa 79", "Lopid R": a code or a product line, not a brand
    letters = "".join(words)
    if len(letters) < 5 or sum(letter in "aeiouy" for letter in letters) < 2:
        return None  # "Hctz", "Cddp": an abbreviation; "Sone", "Aman": too short to trust
    if any(_spelling_variant(word, name) for word in words for name in generics) or any(
        word in FOREIGN_WORDS for word in words
    ):
        return None  # "Cetirizin Azu", "Acidum Azelaicum": the generic in another language
    return "brand"


def _spelling_variant(word: str, generic: str) -> bool:
    threshold = LATINATE_VARIANT if LATINATE.search(word) else SPELLING_VARIANT
    return difflib.SequenceMatcher(None, word, generic).ratio() >= threshold


def display_brand(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


# --------------------------------------------------------------------------------------
# The build


def _expand_classes(classes: dict[str, Any]) -> dict[str, list[str]]:
    """Class id -> every class it is in (itself, and the classes that include it)."""
    parents: dict[str, set[str]] = {cid: set() for cid in classes}
    for cid, spec in classes.items():
        for child in spec.get("includes", []):
            if child not in classes:
                raise BuildError(f"class {cid} includes unknown class {child}")
            parents[child].add(cid)

    def closure(cid: str, seen: tuple[str, ...] = ()) -> set[str]:
        if cid in seen:
            raise BuildError(f"class cycle: {' -> '.join(seen + (cid,))}")
        result = {cid}
        for parent in parents[cid]:
            result |= closure(parent, seen + (cid,))
        return result

    return {cid: sorted(closure(cid)) for cid in classes}


def build(
    source: dict[str, Any],
    classes_input: dict[str, Any],
    entries_input: dict[str, Any],
    subjects: list[str],
) -> dict[str, Any]:
    """The vocabulary document (a dict in output order) from the parsed inputs."""
    drugs = source["drugs"]
    by_id: dict[str, str] = {}
    for canonical in drugs:
        by_id.setdefault(snake(BIOSIMILAR_SUFFIX.sub("", canonical)), canonical)
    classes = classes_input["classes"]
    curated = entries_input.get("entries", {})
    sources_of, classes_of = _select_sources(drugs, by_id, classes, entries_input)
    supplement_classes = {cid for cid, spec in classes.items() if spec.get("kind") == "supplement"}
    drop = {text.lower() for text in entries_input.get("drop_names", [])}
    entries = {
        eid: _entry(eid, curated.get(eid, {}), sources_of[eid], classes_of.get(eid, set()),
                    supplement_classes, drugs, drop)
        for eid in sorted(sources_of)
    }
    intended = {
        fold(text): sorted(ids) for text, ids in entries_input.get("ambiguous", {}).items()
    }
    _drop_shared_brands(entries, classes, intended)
    outside = entries_input.get("lexicon_outside", {})
    _map_subjects(entries, curated, classes, subjects, outside)
    return _document(source, classes, entries, intended, outside)


def _select_sources(
    drugs: dict[str, Any], by_id: dict[str, str], classes: dict[str, Any], entries_input: dict[str, Any]
) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Which entries, from which source records: entry id -> source record names, and
    entry id -> every class it is in."""
    curated = entries_input.get("entries", {})
    excluded = set(entries_input.get("exclude", []))
    sources_of: dict[str, list[str]] = {}
    claimed: set[str] = set()
    for eid, spec in curated.items():
        names = spec.get("from")
        if names is None:
            names = [by_id[eid]] if eid in by_id else []
        for name in names:
            if name not in drugs:
                raise BuildError(f"entries.yaml: {eid} takes {name!r}, not in the source")
        sources_of[eid] = list(names)
        claimed.update(names)
    for canonical, record in drugs.items():
        eid = snake(BIOSIMILAR_SUFFIX.sub("", canonical))
        if canonical in claimed or eid in sources_of or eid in excluded:
            continue
        if record["consumer"] and not NOT_ONE_SUBSTANCE.search(canonical):
            sources_of[eid] = [canonical]
    membership = _expand_classes(classes)
    classes_of: dict[str, set[str]] = {}
    for cid, spec in classes.items():
        for member in spec.get("members", []):
            if member not in sources_of:
                if member not in by_id:
                    raise BuildError(f"classes.yaml: {cid} member {member} is neither in the source nor in entries.yaml")
                sources_of[member] = [by_id[member]]
            classes_of.setdefault(member, set()).update(membership[cid])
    return sources_of, classes_of


def _entry(
    eid: str,
    spec: dict[str, Any],
    sources: list[str],
    classes: set[str],
    supplement_classes: set[str],
    drugs: dict[str, Any],
    drop: set[str],
) -> dict[str, Any]:
    """One entry's kind, label, names, brands, classes and ids, from its curated ``spec``
    and its ``sources`` records."""
    kind = spec.get("kind") or ("supplement" if classes & supplement_classes else "medicine")
    label = spec.get("label")
    names: list[str] = [n.lower() for n in spec.get("names", [])]
    brands: list[str] = []
    ids: dict[str, list[str]] = {}
    for canonical in sources:
        record = drugs[canonical]
        label = label or record["name"].lower()
        generic = BIOSIMILAR_SUFFIX.sub("", canonical)
        names += [generic, canonical]
        for key, value in record["ids"].items():
            ids.setdefault(key, []).append(value)
        generics = _unique([generic] + names)
        for variant, is_brand in record["variants"]:
            if variant in drop:
                continue
            verdict = classify_variant(variant, generics, is_brand, kind)
            if verdict == "name":
                names.append(variant)
            elif verdict == "brand":
                brands.append(display_brand(variant))
    if label is None:
        raise BuildError(f"entries.yaml: {eid} has no source record, so it needs a label")
    names = ([] if "(" in label else [label]) + spec.get("names", []) + names
    brands = spec.get("brands", []) + brands
    return {
        "kind": kind,
        "label": label,
        "names": _unique(names),
        "brands": _unique(b for b in brands if b.lower() not in {n.lower() for n in names}),
        "classes": sorted(classes),
        "ids": {key: sorted(set(values)) for key, values in sorted(ids.items())},
        "source": "curated" if not sources else PACKAGE,
    }


def _drop_shared_brands(
    entries: dict[str, dict[str, Any]], classes: dict[str, Any], intended: dict[str, list[str]]
) -> None:
    """One text, one entry: a brand shared by two entries (a combination product, a
    brand reused across countries) is dropped from them; a shared name is an error unless
    entries.yaml lists it as an intended ambiguity (``intended``: folded text -> ids).
    Texts are compared as the claims matcher reads them (``fold``), so "tetracycline"
    (the medicine) and "tetracyclines" (the class) are one text."""
    owners: dict[str, set[str]] = {}
    for eid, entry in entries.items():
        for text in entry["names"] + entry["brands"]:
            owners.setdefault(fold(text), set()).add(eid)
    for cid, spec in classes.items():
        for text in [spec["label"]] + [_text(a) for a in spec.get("aliases", [])]:
            owners.setdefault(fold(text), set()).add(f"class:{cid}")
    problems = []
    for key, who in sorted(owners.items()):
        if len(who) < 2 or intended.get(key) == sorted(who):
            continue
        shared_brand = all(
            not w.startswith("class:") and key not in {fold(n) for n in entries[w]["names"]} for w in who
        )
        if shared_brand:
            for w in who:
                entries[w]["brands"] = [b for b in entries[w]["brands"] if fold(b) != key]
        else:
            problems.append(f"{key!r} names {', '.join(sorted(who))}")
    if problems:
        raise BuildError(
            "ambiguous names (fix entries.yaml: drop_names, from, or ambiguous):\n  " + "\n  ".join(problems)
        )


def _map_subjects(
    entries: dict[str, dict[str, Any]],
    curated: dict[str, Any],
    classes: dict[str, Any],
    subjects: list[str],
    outside: dict[str, Any],
) -> None:
    """Tie the hand-written claims subjects to entries (``lexicon_id``); every subject
    must map to an entry, a class or ``lexicon_outside``."""
    mapped: dict[str, str] = {}
    for eid, spec in curated.items():
        if spec.get("lexicon_id"):
            mapped[spec["lexicon_id"]] = eid
    for cid, spec in classes.items():
        if spec.get("lexicon_id"):
            mapped[spec["lexicon_id"]] = f"class:{cid}"
    for subject in subjects:
        if subject not in mapped and subject in entries:
            mapped[subject] = subject
    unknown = [s for s in subjects if s not in mapped and s not in outside]
    if unknown:
        raise BuildError(f"claims subjects mapped to nothing (entries.yaml lexicon_id or lexicon_outside): {unknown}")
    for subject, target in mapped.items():
        if subject not in subjects:
            raise BuildError(f"lexicon_id {subject} is not a subject of the claims lexicon")
        if not target.startswith("class:"):
            entries[target]["lexicon_id"] = subject


def _document(
    source: dict[str, Any],
    classes: dict[str, Any],
    entries: dict[str, dict[str, Any]],
    intended: dict[str, list[str]],
    outside: dict[str, Any],
) -> dict[str, Any]:
    """The vocabulary document, keys in output order."""
    document: dict[str, Any] = {
        "version": 1,
        "source": {
            "name": source["name"],
            "version": source["version"],
            "license": source["license"],
            "url": source["url"],
            "provenance": source["provenance"],
            "curated": "tools/vocabulary/classes.yaml, tools/vocabulary/entries.yaml",
        },
        "classes": {},
        "entries": {},
        "ambiguous": {text: ids for text, ids in sorted(intended.items())},
        "lexicon_outside": dict(sorted(outside.items())),
    }
    for cid in sorted(classes):
        spec = classes[cid]
        out = {
            "label": spec["label"],
            "aliases": spec.get("aliases", []),
            "definition": spec["definition"],
            "source": spec["source"],
        }
        if spec.get("includes"):
            out["includes"] = sorted(spec["includes"])
        if spec.get("lexicon_id"):
            out["lexicon_id"] = spec["lexicon_id"]
        document["classes"][cid] = out
    for eid, entry in entries.items():
        out = {key: entry[key] for key in ("kind", "label", "names", "brands", "classes")}
        if entry.get("lexicon_id"):
            out["lexicon_id"] = entry["lexicon_id"]
        if entry["ids"]:
            out["ids"] = entry["ids"]
        out["source"] = entry["source"]
        document["entries"][eid] = out
    return document


def fold(text: str) -> str:
    """A text as the claims matcher compares it: lower case, no plural or possessive ending."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s?$", "", text)
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text


def _text(alias: Any) -> str:
    return alias["text"] if isinstance(alias, dict) else alias


def _unique(texts: Any) -> list[str]:
    seen: set[str] = set()
    result = []
    for text in texts:
        if text.lower() not in seen:
            seen.add(text.lower())
            result.append(text)
    return result


# --------------------------------------------------------------------------------------
# Writing


HEADER = """\
# medlint medicine and supplement vocabulary. GENERATED by tools/build_vocabulary.py:
# do not edit by hand; edit tools/vocabulary/*.yaml and rebuild (docs/vocabulary.md).
# Validated by schemas/medicines-vocabulary.schema.json.
#
# Source: {name} {version} ({license} licence), {url}
{provenance_lines}
# Curated in this repository (MIT, like medlint): the classes and their members, the
#   supplements' common names, renames and merges ({curated}).
# See src/medlint/data/vocabulary/SOURCES.md.
"""


def render_yaml(document: dict[str, Any]) -> str:
    body = yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )
    source = document["source"]
    lines = textwrap.fill(source["provenance"], width=90, initial_indent="#   ", subsequent_indent="#   ")
    return HEADER.format(provenance_lines=lines, **source) + body


def render_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def build_files(source: dict[str, Any], curation_dir: Path = CURATION_DIR,
                lexicon: Path = CLAIMS_LEXICON) -> dict[str, str]:
    """File name -> text, for the vocabulary folder."""
    document = build(
        source,
        load_yaml(curation_dir / "classes.yaml"),
        load_yaml(curation_dir / "entries.yaml"),
        lexicon_subjects(lexicon),
    )
    return {"medicines.yaml": render_yaml(document), "medicines.json": render_json(document)}


def compile_doses(vocabulary_dir: Path = VOCABULARY_DIR) -> dict[str, str]:
    """``doses.json`` from the hand-written ``doses.yaml`` (the same data, for fast loading)."""
    return {"doses.json": render_json(load_yaml(vocabulary_dir / "doses.yaml"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="normalised source JSON instead of the installed package")
    parser.add_argument("--curation", type=Path, default=CURATION_DIR, help="folder of classes.yaml and entries.yaml")
    parser.add_argument("--lexicon", type=Path, default=CLAIMS_LEXICON, help="the claims lexicon to map")
    parser.add_argument("--out", type=Path, default=VOCABULARY_DIR, help="output folder")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    parser.add_argument("--doses", action="store_true",
                        help="only compile doses.yaml to doses.json (needs no source package)")
    args = parser.parse_args(argv)
    try:
        files = compile_doses(args.out) if args.doses or (args.out / "doses.yaml").exists() else {}
        if not args.doses:
            source = load_json_source(args.source) if args.source else load_package_source()
            files = build_files(source, args.curation, args.lexicon) | files
    except BuildError as exc:
        print(f"build_vocabulary: {exc}", file=sys.stderr)
        return 2
    stale = []
    if not args.check:
        args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = args.out / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8", newline="\n")
    if args.check and stale:
        print(f"build_vocabulary: stale: {', '.join(stale)} (run python tools/build_vocabulary.py)", file=sys.stderr)
        return 1
    summary = []
    if "medicines.json" in files:
        document = json.loads(files["medicines.json"])
        kinds = [e["kind"] for e in document["entries"].values()]
        summary.append(
            f"{len(kinds)} entries ({kinds.count('medicine')} medicines, "
            f"{kinds.count('supplement')} supplements), {len(document['classes'])} classes"
        )
    if "doses.json" in files:
        summary.append(f"{len(json.loads(files['doses.json'])['substances'])} dose-table substances")
    print(f"{'; '.join(summary)}; {'checked' if args.check else 'wrote'} {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
