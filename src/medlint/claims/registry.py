"""The claim registry: ``load_registry`` reads a team's YAML files of approved claims
(with an optional ``lexicon:`` block), validates them and names the file and line of any
error."""

from __future__ import annotations

import functools
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


class _Lined(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows the line it starts on (a claim's ``RegistryEntry.line``)."""

    __slots__ = ("line",)


def _mapping(loader: Any, node: yaml.MappingNode) -> Any:
    """The YAML mapping constructor of ``_loader``: a ``_Lined`` dict; a key given twice
    is an error at its second line (YAML would silently keep the last)."""
    seen: set[Any] = set()
    for k, _ in node.value:
        if isinstance(k, yaml.ScalarNode):
            if k.value in seen:
                raise DataError(loader.name, f"duplicate key {k.value!r}", _line(k))
            seen.add(k.value)
    data = _Lined()
    data.line = _line(node)
    yield data
    data.update(loader.construct_mapping(node))


def _loader() -> type:
    """The safe loader (libyaml's when installed) with ``_mapping``: one parse gives the
    data and each claim's line, so a large registry is not composed twice."""
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = type("_RegistryLoader", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:map", _mapping)
    return loader


def _load(file: Path) -> tuple[Any, str]:
    """The data of one registry file and its text (DataError naming file and line)."""
    path = str(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, f"cannot read: {exc}") from None
    loader = _loader()(text)
    loader.name = path
    try:
        return loader.get_single_data(), text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(path, f"invalid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()


def _inline_refs(node: Any, root: dict[str, Any]) -> Any:
    """The schema with its local ``$ref``s replaced by their targets (the registry
    schema has no cycles): jsonschema then validates a 100k-claim registry in a third
    of the time, with the same errors."""
    if isinstance(node, list):
        return [_inline_refs(x, root) for x in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        rest = {k: v for k, v in node.items() if k not in ("$ref", "description")}
        return {**_inline_refs(target, root), **{k: _inline_refs(v, root) for k, v in rest.items()}}
    return {k: _inline_refs(v, root) for k, v in node.items()}


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = data.schema("claim-registry")
    inlined = _inline_refs(schema, schema)
    return jsonschema.validators.validator_for(schema)(inlined)


def _validate_registry(doc: Any, text: str, path: str) -> None:
    errors = sorted(
        _validator().iter_errors(doc), key=lambda e: (len(e.absolute_path), [str(p) for p in e.absolute_path])
    )
    if errors:
        err = errors[-1] if errors[-1].absolute_path else errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise DataError(path, f"{where}: {err.message}", _line(_node_at(_compose(text), list(err.absolute_path))) or 1)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a registry file, for the line of an error (never on success)."""
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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
    docs: list[tuple[str, dict[str, Any], str]] = []
    for file in _registry_files(paths):
        path = str(file)
        doc, text = _load(file)
        if doc is None:
            raise DataError(path, "empty claim registry: expected a mapping with a `claims:` list", 1)
        _validate_registry(doc, text, path)
        docs.append((path, doc, text))

    lex = lexicon
    for path, doc, text in docs:
        if "lexicon" in doc:
            try:
                lex = lex.extended(doc["lexicon"])
            except LexiconError as exc:
                node = _node_at(_compose(text), ["lexicon", *exc.where], key=True)
                raise DataError(path, f"lexicon: {exc}", _line(node)) from None

    entries: list[RegistryEntry] = []
    first_seen: dict[str, str] = {}
    for path, doc, text in docs:
        for i, item in enumerate(doc["claims"]):
            at = ["claims", i]
            line = item.line

            def fail(message: str, *sub: Any) -> None:
                raise DataError(path, f"claims/{i} ({item['id']}): {message}",
                                _line(_node_at(_compose(text), at + list(sub))) or line)

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
                    qualifiers=FrozenMap(dict(item.get("qualifiers") or {})),
                    source=item["source"],
                    path=path,
                    line=line,
                    note=item.get("note"),
                    relation=relation,
                )
            )
    return entries, lex
