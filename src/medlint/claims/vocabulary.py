"""The medicine vocabulary as claim subjects: ``Vocabulary`` and its compiled index.

The vocabulary (``data/vocabulary/medicines.json``, built from open data by
``tools/build_vocabulary.py``) names hundreds of medicines and supplements and the classes
they are in. The claims analyser reads it through an index compiled from it,
``data/lexicons/claims-vocabulary.json``, because it is read at every start-up: the index
holds only what the analyser needs, shaped so that loading it is one small ``json.loads``
and no work per name (names are split out of their bucket only when a text holds their
first word). Rebuild it after the vocabulary changes::

    python -m medlint.claims.vocabulary           # writes data/lexicons/claims-vocabulary.json
    python -m medlint.claims.vocabulary --check   # exit 1 if it is stale

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

import argparse
import json
import sys
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


INDEX_PATH = ("data", "lexicons", "claims-vocabulary.json")
VOCABULARY_PATH = ("data", "vocabulary", "medicines.json")


def load_index() -> Vocabulary | None:
    """The shipped claims index, or None without one."""
    path = data.package_path(*INDEX_PATH)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataError(str(path), f"cannot read: {exc}") from None
    return Vocabulary(json.loads(text))


def render_index(index: Mapping[str, Any]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medlint.claims.vocabulary",
                                     description="Compile the claims index of the medicine vocabulary.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed index is stale")
    args = parser.parse_args(argv)
    vocabulary = json.loads(data.package_path(*VOCABULARY_PATH).read_text(encoding="utf-8"))
    text = render_index(build_index(vocabulary))
    out = Path(data.package_path(*INDEX_PATH))
    if args.check:
        current = out.read_text(encoding="utf-8") if out.is_file() else ""
        if current != text:
            print(f"{out} is stale: run python -m medlint.claims.vocabulary", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    index = json.loads(text)
    print(f"wrote {out}: {len(index['labels'])} subjects, {len(index['class_ids'])} classes")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
