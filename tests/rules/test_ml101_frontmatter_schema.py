from medlint.rules.front_matter.ml101_frontmatter_schema import FrontmatterSchema
from medlint.testing import Expect, Invalid, RuleTester

tester = RuleTester(FrontmatterSchema)
GOOD = "---\ntitle: T\nauthor: A\nmedically_reviewed_by: Dr B\nlast_reviewed: 2026-01-01\n---\n# T\n"

test_frontmatter_schema = tester.cases(
    valid=[
        GOOD,
        GOOD.replace("author: A", "author: [A, B]"),
        GOOD.replace("title: T", "title: T\nextra_key: allowed"),
        GOOD.replace("\n", "\r\n"),
        "\ufeff" + GOOD,
    ],
    invalid=[
        Invalid("# No front matter\n", errors=[Expect(1, 1, 1, 1, message_id="missing")]),
        Invalid(GOOD.replace("medically_reviewed_by: Dr B\n", ""),
                errors=[Expect(1, 1, 1, 4, message="front matter is missing the required key `medically_reviewed_by`")]),
        Invalid(GOOD.replace("2026-01-01", "2026-02-30"),
                errors=[Expect(5, 1, 5, 26, message="`last_reviewed` must be a real calendar date written YYYY-MM-DD (got '2026-02-30')")]),
        Invalid(GOOD.replace("title: T", "title: [unclosed"), errors=[Expect(3, 7)]),
        Invalid(GOOD.replace("title: T", "title: \"\""), errors=[Expect(2, 1, 2, 10, message="`title` is empty")]),
        Invalid("---\n- a list\n---\n", errors=[Expect(1, 1, message_id="not-mapping")]),
        Invalid("---\ntitle: T\n", errors=[Expect(1, 1, message="front matter is not closed: add a line with `---` after it")]),
        Invalid(GOOD.replace("title: T", "title: !!python/object:os.system x"), errors=[Expect(2, 8)]),
        Invalid("---\r\ntitle: T\r\nauthor: 5\r\nmedically_reviewed_by: B\r\nlast_reviewed: 2026-01-01\r\n---\r\n",
                errors=[Expect(3, 1, 3, 10)]),
    ],
)


def test_alias_bomb_is_a_finding_not_a_hang():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    bomb += "---\n"
    found = tester.lint(bomb)
    assert [d.message for d in found] == ["front matter is too large once its aliases are expanded"]


def test_each_missing_key_is_reported_once():
    """Regression: jsonschema gives one error per missing key, each listing all of them."""
    found = tester.lint("---\ntitle: T\n---\n# T\n")
    assert sorted(d.message for d in found) == [
        "front matter is missing the required key `author`",
        "front matter is missing the required key `last_reviewed`",
        "front matter is missing the required key `medically_reviewed_by`",
    ]


# -- the fast path (fastjsonschema verdict, jsonschema explanation) ---------------------
import json  # noqa: E402

import jsonschema  # noqa: E402
import pytest  # noqa: E402

from medlint.rules.front_matter import ml101_frontmatter_schema as ml101  # noqa: E402

FRONT_MATTERS = [
    GOOD,
    GOOD.replace("author: A", "author: [A, B]"),
    GOOD.replace("author: A", "author: []"),
    GOOD.replace("author: A", "author: ['']"),
    GOOD.replace("author: A", "author: [A, 3]"),
    GOOD.replace("author: A", "author: {name: A}"),
    GOOD.replace("author: A", "author: null"),
    GOOD.replace("author: A", "author: true"),
    GOOD.replace("title: T", "title: 12"),
    GOOD.replace("title: T", "title: 1.5"),
    GOOD.replace("title: T", "title: ''"),
    GOOD.replace("title: T", "title: ' '"),
    GOOD.replace("2026-01-01", "2026-02-30"),
    GOOD.replace("2026-01-01", "2026-2-3"),
    GOOD.replace("2026-01-01", "'2026-01-01 '"),
    GOOD.replace("2026-01-01", "\"2026-01-01\\n\""),
    GOOD.replace("2026-01-01", "2026-01-01T10:00:00"),
    GOOD.replace("2026-01-01", "20260101"),
    GOOD.replace("2026-01-01", "2026-W01-1"),
    GOOD.replace("2026-01-01", "\"２０２６-01-01\""),
    GOOD.replace("2026-01-01", "[2026-01-01]"),
    GOOD.replace("title: T", "title: T\nmedlint: {ignore: [ML201]}"),
    GOOD.replace("title: T", "title: T\nmedlint: {ignore: ML201}"),
    GOOD.replace("title: T", "title: T\nmedlint: {ignroe: [ML201]}"),
    GOOD.replace("title: T", "title: T\nmedlint: [x]"),
    GOOD.replace("title: T", "title: T\naudience: 3"),
    GOOD.replace("title: T", "title: T\n1: one"),
    GOOD.replace("title: T", "title: T\nbinary: !!binary aGVsbG8="),
    "---\ntitle: T\n---\n# T\n",
    "---\n{}\n---\n# T\n",
    "---\n---\n# T\n",
]

CUSTOM_SCHEMAS = {
    "default": None,
    "integers": {"type": "object", "required": ["n"], "properties": {
        "n": {"type": "integer", "minimum": 1, "exclusiveMaximum": 10}, "r": {"type": "number"}}},
    "nested": {"type": "object", "properties": {"tags": {
        "type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string", "maxLength": 3}},
        "meta": {"type": "object", "additionalProperties": {"type": "boolean"}, "minProperties": 1}},
        "additionalProperties": False},
    "conditional": {"type": "object", "if": {"required": ["draft"]}, "then": {"not": {"required": ["published"]}},
                    "anyOf": [{"required": ["title"]}, {"required": ["name"]}]},
}
CUSTOM_FRONT_MATTERS = [
    "n: 1", "n: 0", "n: 10", "n: 9.0", "n: 9.5", "n: true", "n: '3'", "r: .nan\nn: 2", "r: true\nn: 2",
    "tags: [abc]", "tags: []", "tags: [abcd]", "tags: [a, b, c]", "tags: a", "meta: {x: true}", "meta: {}",
    "meta: {x: 1}", "other: 1", "draft: 1\npublished: 1\ntitle: T", "draft: 1\ntitle: T", "name: N", "x: 1",
]


def _findings(text, options=None):
    return [(d.line, d.column, d.end_line, d.end_column, d.message) for d in tester.lint(text, options)]


def _slow_only(monkeypatch):
    monkeypatch.setattr(ml101, "_fast_validator", lambda path: None)


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_fast_path_gives_the_same_findings(text, monkeypatch):
    assert ml101._fast_validator(None) is not None  # the shipped schema takes the fast path
    fast = _findings(text)
    _slow_only(monkeypatch)
    assert fast == _findings(text)


@pytest.mark.parametrize("name", list(CUSTOM_SCHEMAS))
def test_fast_path_gives_the_same_findings_with_custom_schemas(name, tmp_path, monkeypatch):
    schema = CUSTOM_SCHEMAS[name]
    options = None
    if schema is not None:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(schema), encoding="utf-8")
        options = {"schema": str(path)}
        assert ml101._fast_validator(str(path)) is not None  # these schemas do take the fast path
    texts = [f"---\n{body}\n---\n# T\n" for body in CUSTOM_FRONT_MATTERS] + FRONT_MATTERS
    fast = [_findings(t, options) for t in texts]
    _slow_only(monkeypatch)
    assert fast == [_findings(t, options) for t in texts]


@pytest.mark.parametrize("schema", [
    {"properties": {"x": {"$ref": "#/$defs/x"}}, "$defs": {"x": {"type": "string"}}},
    {"properties": {"x": {"enum": [1]}}},
    {"properties": {"x": {"pattern": "^a$"}}},
    {"properties": {"x": {"type": "string", "format": "email"}}},
    {"properties": {"x": {"multipleOf": 0.1}}},
    {"properties": {"x": {"uniqueItems": True}}},
    {"properties": {"x": {"items": [{"type": "string"}]}}},
])
def test_schemas_fastjsonschema_reads_differently_take_the_jsonschema_path(schema):
    assert not ml101._fast_safe(schema)


def test_date_format_matches_jsonschema():
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for value in ["2026-01-01", "2026-02-30", "2026-2-3", "2026-01-01\n", "２０２６-01-01", "2026-W01-1", "x", ""]:
        assert ml101._is_date(value) == checker.conforms(value, "date"), value
