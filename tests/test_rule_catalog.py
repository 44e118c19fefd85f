"""Meta-tests over every built-in rule: documentation, identity, and docs that cannot lie.

Each rule's docstring is its documentation (What it does / Why it matters / Example /
Use instead). The Markdown blocks under ``## Example`` must make the rule report at
least once and those under ``## Use instead`` must not (only that rule runs), so the
examples in ``medlint explain`` and docs/rules are tested like code. Rules the engine
produces itself (``Stage.ENGINE``: rule-error, file-unreadable) and the one that reads
the applied suppressions (``Stage.SUPPRESSIONS``: unused-suppression) are exempt from
the example run, which runs one rule alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest

from medlint.docs import example_blocks, sections
from medlint.registry import Registry
from medlint.rule import CODE_PATTERN, DOC_SECTIONS, NAME_PATTERN, Stage
from medlint.testing import RuleTester

RULES = Registry.builtin().sorted()
# Examples with dates (review-stale) are written for a day in this project's life.
TODAY = dt.date(2026, 12, 1)
# Rules whose examples need more than the article: the example claim registry.
REGISTRY = Path(__file__).resolve().parents[1] / "content" / "claims" / "registry.yaml"
NEEDS = {"claim-registry-conflict": {"claims": [str(REGISTRY)]}}


def make_tester(rule):
    return RuleTester(rule, today=TODAY, files=NEEDS.get(rule.name))


RUNNABLE = [r for r in RULES if r.stage == Stage.DOCUMENT]


def ids(rules):
    return [f"{r.code}-{r.name}" for r in rules]


def test_codes_and_names_are_unique():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes), "duplicate codes"
    assert len(set(names)) == len(names), "duplicate names"


@pytest.mark.parametrize("rule", RULES, ids=ids(RULES))
def test_identity(rule):
    assert CODE_PATTERN.match(rule.code) and rule.code.startswith("ML")
    assert NAME_PATTERN.match(rule.name)
    assert rule.origin == "builtin"
    assert rule.summary and "\n" not in rule.summary
    assert rule.docs().splitlines()[0].strip(), "the docstring's first line is the rule's one-line description"


@pytest.mark.parametrize("rule", RULES, ids=ids(RULES))
def test_docs_have_every_section(rule):
    found = sections(rule)
    missing = [title for title in DOC_SECTIONS if not found.get(title)]
    assert not missing, f"{rule.code} {rule.name}: docstring lacks ## {', ## '.join(missing)}"
    assert example_blocks(rule, "Example"), f"{rule.code}: no ```markdown block under ## Example"
    assert example_blocks(rule, "Use instead"), f"{rule.code}: no ```markdown block under ## Use instead"
    if rule.options_schema.get("properties"):
        assert found.get("Options"), f"{rule.code} takes options but its docstring has no ## Options"


@pytest.mark.parametrize("rule", RULES, ids=ids(RULES))
def test_options_schema(rule):
    jsonschema.Draft202012Validator.check_schema(rule.options_schema)
    props = rule.options_schema.get("properties", {})
    for name, spec in props.items():
        assert "default" in spec, f"{rule.code} option {name} has no default"
    rule.resolve_options({})  # the defaults alone are valid


@pytest.mark.parametrize("rule", RUNNABLE, ids=ids(RUNNABLE))
def test_example_blocks_fail(rule):
    for i, block in enumerate(example_blocks(rule, "Example")):
        found = [d for d in make_tester(rule).lint(block) if d.rule == rule.name]
        assert found, f"{rule.code} {rule.name}: ## Example block {i} produces no finding:\n{block}"


@pytest.mark.parametrize("rule", RUNNABLE, ids=ids(RUNNABLE))
def test_use_instead_blocks_pass(rule):
    for i, block in enumerate(example_blocks(rule, "Use instead")):
        found = make_tester(rule).lint(block)
        assert not found, (f"{rule.code} {rule.name}: ## Use instead block {i} produces findings: "
                           + "; ".join(f"{d.line}:{d.column} {d.message}" for d in found))


@pytest.mark.parametrize("schema", [
    *(rule.options_schema for rule in RULES),
    {"type": "object", "required": ["x"]},
    {"type": "object", "minProperties": 1},
    {"type": "array"},
    {"type": ["object", "null"], "properties": {"x": {"type": "integer"}}},
    {"anyOf": [{"required": ["a"]}, {"required": ["b"]}]},
    {"not": {"type": "object"}},
])
def test_empty_options_skip_validation_only_when_the_schema_accepts_them(schema):
    """validate_options does not run jsonschema for ``{}`` when the schema's form admits it."""
    from medlint.rule import _accepts_empty

    if _accepts_empty(schema):
        assert jsonschema.Draft202012Validator(schema).is_valid({})
