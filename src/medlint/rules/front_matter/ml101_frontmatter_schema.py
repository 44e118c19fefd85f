from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from pathlib import Path
from typing import Any, Callable

from ...data import schema as packaged_schema
from ...diagnostics import Severity
from ...rule import Context, OptionsError, Rule

# A schema file (or a file it refers to) larger than this is refused.
MAX_SCHEMA_BYTES = 8 * 1024 * 1024


def _load_json(path: Path) -> Any:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_SCHEMA_BYTES + 1)
        if len(data) > MAX_SCHEMA_BYTES:
            raise OptionsError(f"front-matter schema {path}: larger than {MAX_SCHEMA_BYTES // 2**20} MiB")
        return json.loads(data.decode("utf-8"))
    except OSError as exc:
        raise OptionsError(f"front-matter schema {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise OptionsError(f"front-matter schema {path}: not valid JSON ({exc})") from None


def _retrieve_local(uri: str) -> Any:
    """Resolve a ``$ref`` to another schema: only to local files. Nothing is ever
    downloaded (medlint makes no network calls); a remote reference is a
    configuration error."""
    from urllib.parse import unquote, urlsplit

    from referencing import Resource
    from referencing.jsonschema import DRAFT202012

    parts = urlsplit(uri)
    if parts.scheme != "file":
        raise OptionsError(f"front-matter schema refers to the remote schema {uri}: medlint never downloads "
                           f"schemas; save it next to your schema and refer to the local file")
    contents = _load_json(Path(unquote(parts.path)))
    return Resource.from_contents(contents, default_specification=DRAFT202012)


def _refs(value: Any) -> list[str]:
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                found.append(ref)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


@functools.lru_cache(maxsize=32)
def _validator(path: str | None) -> Any:
    """The validator of the schema at ``path`` (None: the packaged one). Every
    ``$ref`` (and those of the local files they name) is resolved now, so a remote
    or missing reference is an ``OptionsError`` at start-up, reported once."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012

    registry: Any = Registry(retrieve=_retrieve_local)
    if not path:
        schema = packaged_schema("frontmatter")
        cls = jsonschema.validators.validator_for(schema)
        return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    schema = _load_json(Path(path))
    if not isinstance(schema, dict):
        raise OptionsError(f"front-matter schema {path}: must be a JSON object")
    # Relative references are read from the schema's folder.
    schema = {"$id": Path(os.path.abspath(path)).as_uri(), **schema}
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    root = Resource.from_contents(schema, default_specification=DRAFT202012)
    pending, seen = [(registry.with_resource(schema["$id"], root).resolver(schema["$id"]), schema)], set()
    while pending:
        base, contents = pending.pop()
        for ref in _refs(contents):
            try:
                resolved = base.lookup(ref)
            except Unresolvable as exc:
                cause = exc.__cause__ or exc.__context__
                if isinstance(cause, OptionsError):
                    raise cause from None
                raise OptionsError(f"front-matter schema {path}: cannot resolve `$ref` {ref!r}") from None
            if id(resolved.contents) not in seen:
                seen.add(id(resolved.contents))
                pending.append((resolved.resolver, resolved.contents))
    return validator


# The fast path: a compiled validator (fastjsonschema) gives the verdict for the
# common case of valid front matter; jsonschema is imported only to explain a failure
# with exact positions. fastjsonschema implements drafts 4-7, so a schema takes the
# fast path only when every keyword in it means the same there as in jsonschema's
# draft 2020-12 for YAML values; anything else ($ref, enum, const, uniqueItems, pattern
# (fastjsonschema's `$` does not match before a final newline), multipleOf, formats
# other than date, ...) is validated by jsonschema alone.
_SUBSCHEMA = {"not", "if", "then", "else", "items", "additionalProperties", "propertyNames"}
_SUBSCHEMA_MAPS = {"properties"}
_SUBSCHEMA_LISTS = {"oneOf", "anyOf", "allOf"}
_PLAIN = {"type", "required", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
          "exclusiveMaximum", "minItems", "maxItems", "minProperties", "maxProperties",
          "description", "title", "default", "examples", "$comment", "$schema", "$id", "format"}
_FAST_FORMATS = {"date"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: str) -> bool:
    """``format: date`` exactly as jsonschema's format checker decides it."""
    try:
        return bool(_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


def _fast_safe(schema: Any) -> bool:
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for key, value in schema.items():
        if key in _SUBSCHEMA:
            ok = _fast_safe(value) and not (key == "items" and isinstance(value, list))
        elif key in _SUBSCHEMA_MAPS:
            ok = isinstance(value, dict) and all(_fast_safe(v) for v in value.values())
        elif key in _SUBSCHEMA_LISTS:
            ok = isinstance(value, list) and all(_fast_safe(v) for v in value)
        elif key == "format":
            ok = value in _FAST_FORMATS
        else:
            ok = key in _PLAIN
        if not ok:
            return False
    return True


@functools.lru_cache(maxsize=32)
def _fast_validator(path: str | None) -> Callable[[Any], bool] | None:
    """A function telling whether data is valid, or None when the schema needs jsonschema."""
    schema = _load_json(Path(path)) if path else packaged_schema("frontmatter")
    if not _fast_safe(schema):
        return None
    import fastjsonschema

    compiled = fastjsonschema.compile(schema, formats={"date": _is_date}, use_default=False,
                                      detailed_exceptions=False)

    def valid(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return valid


def _describe(err: Any) -> str:
    key = ".".join(str(p) for p in err.absolute_path)
    if err.validator == "format" and err.validator_value == "date":
        return f"`{key}` must be a real calendar date written YYYY-MM-DD (got {err.instance!r})"
    if err.validator == "minLength" and err.instance == "":
        return f"`{key}` is empty"
    if err.validator == "oneOf":
        return f"`{key}` has the wrong type: {err.instance!r}"
    return f"`{key}`: {err.message}" if key else err.message


class FrontmatterSchema(Rule):
    """Front matter must exist, be valid YAML and satisfy the front-matter schema.

    ## What it does
    Reads the YAML block between `---` lines at the top of the article and checks it
    against a JSON Schema. The default schema requires `title`, `author`,
    `medically_reviewed_by` and `last_reviewed` (a real date, YYYY-MM-DD). Each problem
    is reported at the offending key's line; a missing key at the opening `---`; a
    YAML syntax error where YAML reports it.

    ## Why it matters
    Readers judge health information by who wrote it, who checked it and when
    (the JAMA benchmarks: authorship, currency). An article without a named
    medical reviewer or a review date should not ship.

    ## Example
    ```markdown
    ---
    title: Vitamin D and bones
    author: Sam Lee
    last_reviewed: 2026-02-30
    ---
    # Vitamin D and bones
    ```

    ## Use instead
    ```markdown
    ---
    title: Vitamin D and bones
    author: Sam Lee
    medically_reviewed_by: Dr. Ana Ruiz, MD
    last_reviewed: 2026-02-27
    ---
    # Vitamin D and bones
    ```

    ## Options
    - `schema` (string): path to your own JSON Schema for front matter (set it with the
      top-level `frontmatter-schema` key in `medlint.toml`), relative to the config
      file's folder. Default: the schema shipped in `schemas/frontmatter.schema.json`.
    """

    code = "ML101"
    name = "frontmatter-schema"
    summary = "Front matter missing, not valid YAML, or failing the front-matter schema"
    severity = Severity.ERROR
    messages = {
        "missing": "the article has no front matter (a `---` YAML block at the top)",
        "not-mapping": "front matter must be a mapping of keys to values, not a {kind}",
        "required": "front matter is missing the required key `{key}`",
    }
    options_schema = {
        "type": "object",
        "properties": {"schema": {"type": ["string", "null"], "default": None,
                                  "description": "Path to a JSON Schema for front matter."}},
        "additionalProperties": False,
    }
    path_options = ("schema",)
    config_options = {"schema": "frontmatter-schema"}

    @classmethod
    def resolve_options(cls, options: dict[str, Any]) -> dict[str, Any]:
        resolved = super().resolve_options(options)
        if resolved.get("schema"):
            # A bad schema of the user's is a configuration error at start-up; the packaged
            # one is tested, and building its validator would import jsonschema (~30 ms).
            _validator(resolved["schema"])
        return resolved

    def check(self, ctx: Context) -> None:
        fm = ctx.doc.front_matter
        if not fm.present:
            ctx.report(0, 0, "missing", hint="add title, author, medically_reviewed_by and last_reviewed")
            return
        if fm.problems:
            for problem in fm.problems:
                ctx.report(problem.start, problem.end, problem.message)
            return
        data = fm.data if fm.data is not None else {}
        if not isinstance(data, dict):
            ctx.report(fm.start, fm.start + 3, "not-mapping", kind=type(data).__name__)
            return
        data = _jsonable(data)
        fast = _fast_validator(self.options.get("schema"))
        if fast is not None and fast(data):
            return
        validator = _validator(self.options.get("schema"))
        reported: set[tuple] = set()
        for err in sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
            path = tuple(err.absolute_path)
            if err.validator == "required":
                # jsonschema reports each missing key as its own error, all with the same list
                for key in err.validator_value:
                    if isinstance(err.instance, dict) and key not in err.instance and (path, key) not in reported:
                        reported.add((path, key))
                        start, end = fm.span_for(path) if path else (fm.start, fm.start + 3)
                        ctx.report(start, end, "required", key=".".join(map(str, path + (key,))))
                continue
            start, end = fm.span_for(path)
            value = fm.value_spans.get(path)
            if value:
                end = max(end, value[1])
            ctx.report(start, end, _describe(err))


def _jsonable(value: Any) -> Any:
    """YAML may produce keys and scalars JSON Schema cannot compare (ints as keys, bytes)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    return value
