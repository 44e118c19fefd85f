"""Packaged data: JSON Schemas and default lexicons, loaded once and validated.

Everything a content team may extend (lexicons, registries) is YAML validated by a
JSON Schema shipped in ``medlint/schemas``; a bad file is a ``DataError`` that names
the file and, where YAML knows it, the line.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any



class DataError(Exception):
    """A data file (lexicon, registry, schema) that cannot be used."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


_PACKAGE = Path(__file__).parent


def package_path(*parts: str) -> Path:
    """A file shipped in the ``medlint`` package. (Found from this module's own path:
    ``importlib.resources`` gave the same path for an installed package, and importing it
    cost a one-file check ~8 ms: tempfile, random, shutil, zipfile.)"""
    return _PACKAGE.joinpath(*parts)


@functools.lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``medlint/schemas`` (``name`` without ``.schema.json``)."""
    path = package_path("schemas", f"{name}.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def validate(data: Any, schema_name: str, path: str) -> None:
    """Validate ``data`` against a shipped schema; raise DataError naming the first problem."""
    import jsonschema

    validator_cls = jsonschema.validators.validator_for(schema(schema_name))
    errors = sorted(
        validator_cls(schema(schema_name)).iter_errors(data), key=lambda e: list(e.absolute_path)
    )
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise DataError(path, f"{where}: {err.message}")


def load_yaml_file(path: str | Path, schema_name: str | None = None) -> Any:
    """Read a YAML data file with ``safe_load``; validate it when a schema is named."""
    import yaml  # here, not at the top: a run served from the cache reads no YAML

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), f"cannot read: {exc}") from None
    # libyaml's safe loader when installed (same results, about ten times faster).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}",
                        mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    if schema_name:
        validate(data, schema_name, str(path))
    return data


def lexicon_schema(name: str) -> str:
    """The schema of lexicon ``name``: ``schemas/<name, with - for _>-lexicon.schema.json``."""
    hyphenated = f"{name.replace('_', '-')}-lexicon"
    if package_path("schemas", f"{hyphenated}.schema.json").is_file():
        return hyphenated
    return f"{name}-lexicon"


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> Any:
    """A default lexicon shipped in ``medlint/data/lexicons/<name>.yaml``. Shipped
    lexicons are validated against their schema (``lexicon_schema``) by the test suite
    (tests/test_lexicons.py), not at every start-up; a team's additions are validated
    when loaded (``extended_lexicon``).

    Parsing the YAML costs a one-file run ~20 ms; ``<name>.json`` beside it holds the
    same data and the SHA-256 of the YAML it was compiled from, and is used when that
    digest is the YAML's (reading and hashing the YAML's bytes costs microseconds). A
    stale or missing JSON only costs the parse: ``compile_lexicons()`` rewrites it
    (``python -m medlint.data``), and the test suite fails while one is stale."""
    path = package_path("data", "lexicons", f"{name}.yaml")
    try:
        raw = path.read_bytes()
        compiled = json.loads(path.with_suffix(".json").read_bytes())
        if compiled.get("yaml_sha256") == hashlib.sha256(raw).hexdigest():
            return compiled["data"]
    except (OSError, ValueError, AttributeError, KeyError):
        pass
    return load_yaml_file(path)


def compile_lexicons() -> list[str]:
    """Write ``<name>.json`` beside each shipped lexicon whose data JSON represents
    exactly; returns the names written."""
    written = []
    for path in sorted(package_path("data", "lexicons").glob("*.yaml")):
        data = load_yaml_file(path)
        if json.loads(json.dumps(data)) != data:  # e.g. int keys: keep reading the YAML
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        text = json.dumps({"yaml_sha256": digest, "data": data}, ensure_ascii=False, separators=(",", ":"))
        if not path.with_suffix(".json").is_file() or path.with_suffix(".json").read_text(encoding="utf-8") != text:
            path.with_suffix(".json").write_text(text, encoding="utf-8")
        written.append(path.stem)
    return written


@functools.lru_cache(maxsize=32)
def extended_lexicon(name: str, extra_path: str | None) -> Any:
    """The default lexicon ``name`` with a team's additions from ``extra_path`` (a YAML
    file of the same shape: its lists are appended, its mappings merged), validated
    again as a whole. ``None`` gives the default lexicon."""
    base = lexicon(name)
    if not extra_path:
        return base
    extra = load_yaml_file(extra_path)
    if not isinstance(extra, dict):
        raise DataError(extra_path, "a lexicon extension must be a mapping of the lexicon's keys")
    merged = _merge(base, extra)
    validate(merged, lexicon_schema(name), extra_path)
    return merged


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


if __name__ == "__main__":
    print("compiled:", ", ".join(compile_lexicons()))
