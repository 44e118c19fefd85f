"""The shipped claims lexicon in compiled form, with the medicine vocabulary's index.

The claims lexicon is read at every start-up. Its sources are ``data/lexicons/claims.yaml``
(hand-written, validated by ``schemas/claims-lexicon.schema.json``) and the medicine
vocabulary ``data/vocabulary/medicines.json`` (built from open data by
``tools/build_vocabulary.py``: hundreds of medicines and supplements and the classes they
are in). Parsing the YAML and indexing the vocabulary's thousands of names would cost more
than linting a short article, so both are compiled into one JSON file,
``data/lexicons/claims.compiled.json``: the lexicon's data as it is, and an index of the
vocabulary holding only what the analyser needs, shaped so that loading it is one
``json.loads`` and no work per name (names are split out of their first-word bucket only
when a text holds that word). The file records a checksum of both sources; when either
differs (a source edited, the file not rebuilt) ``load_shipped`` ignores it and reads the
sources, so a stale compiled file costs time, never correctness. Rebuild it with::

    python -m medlint.claims.compiled           # writes data/lexicons/claims.compiled.json
    python -m medlint.claims.compiled --check   # exit 1 if it is stale (a test runs this)

What a vocabulary entry becomes (``build_index``): an entry or class with a ``lexicon_id``
is that hand-written subject of ``claims.yaml`` (it keeps its aliases and their
``implies``, and gains the vocabulary's names and brands); every other one is a subject of
its own id. A subject's classes are the subject ids of the vocabulary classes it is in (a
sub-class is in the classes that include it). A class is also named by its label, the
plural ("penicillins"), which names the class even where the singular names a member. A
text the vocabulary marks ambiguous names the one medicine among the things it names, if
there is one (a claim about the member is the narrower reading, and a claim about the
class still covers it); otherwise nothing.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from medlint import data
from medlint.data import DataError

from .phrases import _norm, _tokens

INDEX_VERSION = 1


def _first_word(text: str) -> str | None:
    """The lower-case first word token of ``text`` (the phrase index's key for it)."""
    low = text.lower()
    first = low.split(None, 1)[0] if low.strip() else ""
    if first.isalnum():
        return first
    words = _tokens(text)
    return words[0] if words else None


def build_index(vocabulary: Mapping[str, Any]) -> dict[str, Any]:
    """The claims index of a medicine vocabulary (the ``medicines.json`` mapping)."""
    classes = vocabulary["classes"]
    class_ids = {c: spec.get("lexicon_id", c) for c, spec in classes.items()}
    entry_ids = {e: spec.get("lexicon_id", e) for e, spec in vocabulary["entries"].items()}
    ambiguous: dict[str, str | None] = {}
    for text, named in vocabulary.get("ambiguous", {}).items():
        medicines = [entry_ids.get(n) for n in named if not n.startswith("class:")]
        ambiguous[_norm(text)] = medicines[0] if len(medicines) == 1 else None

    labels: dict[str, str] = {}
    member_of: dict[str, list[str]] = {}
    exact: list[list[Any]] = []
    buckets: dict[str, list[str]] = {}

    def add(text: str, sid: str) -> None:
        key = _norm(text)
        first = _first_word(text)
        if not key or first is None or ambiguous.get(key, sid) != sid or "\t" in text or "\n" in text:
            return
        buckets.setdefault(first, []).append(f"{text}\t{sid}")

    parents: dict[str, list[str]] = {}
    for cls, spec in classes.items():
        for sub in spec.get("includes", ()):
            parents.setdefault(sub, []).append(class_ids[cls])
    for cls, spec in classes.items():
        sid = class_ids[cls]
        labels[sid] = spec["label"]
        if cls in parents:
            member_of[sid] = sorted(parents[cls])
        for alias in [spec["label"], *spec["aliases"]]:
            if isinstance(alias, str):
                add(alias, sid)
            else:
                exact.append([alias["text"], bool(alias.get("case_sensitive")), sid])
    for entry, spec in vocabulary["entries"].items():
        sid = entry_ids[entry]
        labels[sid] = spec["label"]
        if spec["classes"]:
            member_of[sid] = sorted(class_ids[c] for c in spec["classes"])
        for text in [*spec["names"], *spec["brands"]]:
            add(text, sid)
    source = vocabulary.get("source", {})
    return {
        "version": INDEX_VERSION,
        "generated_from": "data/vocabulary/medicines.json",
        "source": {k: source[k] for k in ("name", "version", "license") if k in source},
        "labels": dict(sorted(labels.items())),
        "classes": dict(sorted(member_of.items())),
        "class_ids": sorted(set(class_ids.values())),
        "exact": exact,
        # first word -> "text<TAB>subject id" lines, in vocabulary order
        "names": {w: "\n".join(lines) for w, lines in sorted(buckets.items())},
    }


class Vocabulary:
    """A compiled claims index, as ``ClaimLexicon`` merges it: ``labels`` (subject id ->
    label), ``classes`` (subject id -> the class ids it is in), ``class_ids``, ``exact``
    (aliases with matching options, compiled with the hand-written ones) and ``names``
    (first word -> "text<TAB>subject id" lines, split when that word is first seen)."""

    def __init__(self, index: Mapping[str, Any]):
        self.labels: Mapping[str, str] = index["labels"]
        self.classes: Mapping[str, Sequence[str]] = index["classes"]
        self.class_ids = frozenset(index["class_ids"])
        self.exact: list[tuple[str, bool, str]] = [(t, cs, sid) for t, cs, sid in index["exact"]]
        self.names: Mapping[str, str] = index["names"]

    @staticmethod
    def bucket(lines: str) -> list[tuple[str, str]]:
        """The (text, subject id) pairs of one ``names`` bucket."""
        return [tuple(line.split("\t", 1)) for line in lines.split("\n")]  # type: ignore[misc]

    def owner(self, text: str) -> str | None:
        """The subject a vocabulary name belongs to (the first one naming it)."""
        key = _norm(text)
        lines = self.names.get(key.partition(" ")[0])
        for name, sid in self.bucket(lines) if lines else ():
            if _norm(name) == key:
                return sid
        return None


COMPILED_PATH = ("data", "lexicons", "claims.compiled.json")
LEXICON_PATH = ("data", "lexicons", "claims.yaml")
VOCABULARY_PATH = ("data", "vocabulary", "medicines.json")


def _read(parts: tuple[str, ...]) -> bytes | None:
    path = data.package_path(*parts)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(str(path), f"cannot read: {exc}") from None


def _digest(raw: bytes | None) -> str | None:
    """A checksum of a source file's bytes (CRC-32 and length: this runs at every start-up,
    and it only has to notice an edit, not resist one)."""
    return f"crc32:{zlib.crc32(raw):08x}:{len(raw)}" if raw is not None else None


def load_shipped(name: str = "claims") -> tuple[dict[str, Any], Vocabulary | None]:
    """The shipped claims lexicon's data and its vocabulary index (None without a
    vocabulary): from the compiled file when it matches both sources, else from them."""
    lexicon_bytes, vocabulary_bytes = _read(LEXICON_PATH), _read(VOCABULARY_PATH)
    compiled = _read(COMPILED_PATH)
    if compiled is not None:
        document = json.loads(compiled)
        if (document.get("version") == INDEX_VERSION
                and document.get("lexicon_checksum") == _digest(lexicon_bytes)
                and document.get("vocabulary_checksum") == _digest(vocabulary_bytes)):
            index = document["vocabulary"]
            return document["lexicon"], Vocabulary(index) if index is not None else None
    raw = data.lexicon(name)
    if vocabulary_bytes is None:
        return raw, None
    return raw, Vocabulary(build_index(json.loads(vocabulary_bytes)))


def build_compiled() -> str:
    """The text of ``claims.compiled.json`` for the current sources."""
    lexicon_bytes, vocabulary_bytes = _read(LEXICON_PATH), _read(VOCABULARY_PATH)
    document = {
        "version": INDEX_VERSION,
        "generated_by": "python -m medlint.claims.compiled",
        "lexicon_checksum": _digest(lexicon_bytes),
        "vocabulary_checksum": _digest(vocabulary_bytes),
        "lexicon": data.load_yaml_file(data.package_path(*LEXICON_PATH), "claims-lexicon"),
        "vocabulary": build_index(json.loads(vocabulary_bytes)) if vocabulary_bytes is not None else None,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m medlint.claims.compiled",
                                     description="Compile the shipped claims lexicon and the vocabulary's index.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is stale")
    args = parser.parse_args(argv)
    text = build_compiled()
    out = Path(data.package_path(*COMPILED_PATH))
    if args.check:
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            print(f"{out} is stale: run python -m medlint.claims.compiled", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    index = json.loads(text)["vocabulary"] or {"labels": {}, "class_ids": []}
    print(f"wrote {out}: vocabulary of {len(index['labels'])} subjects, {len(index['class_ids'])} classes")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
