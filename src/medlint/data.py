"""Packaged data: JSON Schemas and default lexicons, loaded once and validated.

Everything a content team may extend (lexicons, registries) is YAML validated by a
JSON Schema shipped in ``medlint/schemas``; a bad file is a ``DataError`` that names
the file and, where YAML knows it, the line.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


class DataError(Exception):
    """A data file (lexicon, registry, schema) that cannot be used."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


def package_path(*parts: str) -> Path:
    return Path(str(resources.files("medlint").joinpath(*parts)))


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
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), f"cannot read: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}",
                        mark.line + 1 if mark else None) from None
    if schema_name:
        validate(data, schema_name, str(path))
    return data


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> Any:
    """A default lexicon shipped in ``medlint/data/lexicons/<name>.yaml``, validated by
    ``schemas/<name>-lexicon.schema.json``."""
    return load_yaml_file(package_path("data", "lexicons", f"{name}.yaml"), f"{name}-lexicon")
