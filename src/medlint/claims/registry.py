"""The claim registry: ``load_registry`` reads a team's YAML files of approved claims
(with an optional ``lexicon:`` block), validates them and names the file and line of any
error."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from medlint import data
from medlint.data import DataError
from .model import RELATION, FrozenMap, LexiconError, RegistryEntry
from .lexicon import ClaimLexicon


def _node_at(root: yaml.Node | None, path: Sequence[Any], *, key: bool = False) -> yaml.Node | None:
    """The node at ``path`` (mapping keys and sequence indexes); with ``key``, the key node
    when the last step is a mapping key. Stops at the deepest node that exists."""
    node = root
    for i, part in enumerate(path):
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                return node
            node = pair[0] if key and i == len(path) - 1 else pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _check_duplicate_keys(node: yaml.Node | None, path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    raise DataError(path, f"duplicate key {k.value!r}", _line(k))
                seen.add(k.value)
            _check_duplicate_keys(v, path)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _check_duplicate_keys(v, path)


def _validate_registry(doc: Any, root: yaml.Node | None, path: str) -> None:
    import jsonschema

    schema = data.schema("claim-registry")
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(
        validator.iter_errors(doc), key=lambda e: (len(e.absolute_path), [str(p) for p in e.absolute_path])
    )
    if errors:
        err = errors[-1] if errors[-1].absolute_path else errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise DataError(path, f"{where}: {err.message}", _line(_node_at(root, list(err.absolute_path))) or 1)


def _registry_files(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            files.append(p)
    return files


def load_registry(
    paths: Sequence[str | Path], lexicon: ClaimLexicon
) -> tuple[list[RegistryEntry], ClaimLexicon]:
    """Read claim-registry files (a folder stands for its ``*.yaml``/``*.yml`` files).

    Returns the entries and ``lexicon`` extended with every file's ``lexicon:`` block. A bad
    file — invalid YAML, failing ``schemas/claim-registry.schema.json``, naming a subject,
    effect or qualifier the lexicon does not know, or reusing an id — raises ``DataError``
    naming the file and line.
    """
    docs: list[tuple[str, dict[str, Any], yaml.Node | None]] = []
    for file in _registry_files(paths):
        path = str(file)
        doc = data.load_yaml_file(file)
        root = yaml.compose(file.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        if doc is None:
            raise DataError(path, "empty claim registry: expected a mapping with a `claims:` list", 1)
        _check_duplicate_keys(root, path)
        _validate_registry(doc, root, path)
        docs.append((path, doc, root))

    lex = lexicon
    for path, doc, root in docs:
        if "lexicon" in doc:
            try:
                lex = lex.extended(doc["lexicon"])
            except LexiconError as exc:
                node = _node_at(root, ["lexicon", *exc.where], key=True)
                raise DataError(path, f"lexicon: {exc}", _line(node)) from None

    entries: list[RegistryEntry] = []
    first_seen: dict[str, str] = {}
    for path, doc, root in docs:
        for i, item in enumerate(doc["claims"]):
            at = ["claims", i]
            line = _line(_node_at(root, at)) or 1

            def fail(message: str, *sub: Any) -> None:
                raise DataError(path, f"claims/{i} ({item['id']}): {message}",
                                _line(_node_at(root, at + list(sub))) or line)

            if item["id"] in first_seen:
                fail(f"duplicate claim id (first defined at {first_seen[item['id']]})", "id")
            if item["subject"] not in lex.subjects:
                fail(f"unknown subject {item['subject']!r}: use a lexicon id or add it under "
                     "`lexicon: subjects:`", "subject")
            relation = item.get("relation", RELATION)
            if relation not in lex.relations:
                fail(f"unknown relation {relation!r} (known: {', '.join(lex.relations)})", "relation")
            if item["effect"] not in lex.effects:
                fail(f"unknown effect {item['effect']!r}: use a lexicon id or add it under "
                     "`lexicon: effects:`", "effect")
            for dim, value in (item.get("qualifiers") or {}).items():
                if dim not in lex.dimensions:
                    fail(f"unknown qualifier dimension {dim!r} (known: {', '.join(lex.dimensions)})", "qualifiers", dim)
                if value not in lex.dimensions[dim]:
                    fail(f"unknown {dim} value {value!r} (known: {', '.join(lex.dimensions[dim])})", "qualifiers", dim)
            first_seen[item["id"]] = f"{path}:{line}"
            entries.append(
                RegistryEntry(
                    id=item["id"],
                    subject=item["subject"],
                    effect=item["effect"],
                    stance=item["stance"],
                    qualifiers=FrozenMap(item.get("qualifiers") or {}),
                    source=item["source"],
                    path=path,
                    line=line,
                    note=item.get("note"),
                    relation=relation,
                )
            )
    return entries, lex
