"""The machine-readable reporters against what their consumers accept (SPEC §4, §5)."""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medlint
from medlint.diagnostics import Diagnostic, Fix, FixSafety, Related, Replacement, Severity
from medlint.reporters import REPORTERS, RuleInfo, github, junit, sarif
from medlint.reporters import json as json_reporter
from medlint.reporters.text import visible

REPO_ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = REPO_ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"  # official, with its OASIS notice beside it


@dataclass(frozen=True)
class Info:
    name: str
    code: str
    summary: str
    docs: str
    severity: Severity
    fixable: bool


RULES = {
    "reference-empty": Info(
        "reference-empty",
        "ML304",
        "A reference entry holds no citation.",
        "## What it does\nFinds empty reference entries.\n\n## Why it matters\nReaders cannot check the claim.",
        Severity.ERROR,
        False,
    ),
    "absolute-claim": Info(
        "absolute-claim",
        "ML410",
        "Miracle or absolute wording.",
        "## What it does\nFinds *cures*, *guaranteed*, …",
        Severity.WARNING,
        True,
    ),
    "review-stale": Info(
        "review-stale", "ML103", "`last_reviewed` is too old.", "", Severity.WARNING, False
    ),
}


def diag(**overrides) -> Diagnostic:
    fields = {
        "path": "content/b12.md",
        "rule": "reference-empty",
        "code": "ML304",
        "severity": Severity.ERROR,
        "message": "This reference entry is empty.",
        "line": 88,
        "column": 3,
        "end_line": 88,
        "end_column": 5,
    }
    fields.update(overrides)
    return Diagnostic(**fields)


def rich_diagnostics() -> list[Diagnostic]:
    """Every feature a report can carry: fixes, related locations, all severities,
    non-ASCII text, a rule without metadata, odd and absolute paths."""
    return [
        diag(),
        diag(
            rule="absolute-claim",
            code="ML410",
            severity=Severity.WARNING,
            message="“Cures” is an absolute claim about vitamin B12 (µg).",
            line=12,
            column=9,
            end_line=12,
            end_column=14,
            hint="Say what the evidence shows instead.",
            fix=Fix(
                (Replacement(12, 9, 12, 14, "may help"), Replacement(13, 1, 14, 1, "")),
                FixSafety.UNSAFE,
                "Soften the wording",
            ),
        ),
        diag(
            path="content/a b,c:d.md",
            rule="claim-contradiction",
            code="ML402",
            message="Contradicts an earlier claim.",
            line=40,
            column=1,
            end_line=41,
            end_column=7,
            related=(
                Related("content/a b,c:d.md", 10, 1, "earlier claim", 10, 20),
                Related("content/claims/b12.yaml", 3, 5, "registry entry b12-cramps"),
            ),
        ),
        diag(
            path="/abs/path/ünïcode.md",
            rule="review-stale",
            code="ML103",
            severity=Severity.INFO,
            message="Reviewed 400 days ago 🙂",
            line=1,
            column=1,
            end_line=1,
            end_column=1,
        ),
    ]


def test_registry_offers_every_machine_format_with_one_signature():
    assert set(REPORTERS) == {"json", "sarif", "github", "junit", "html", "markdown"}
    for render in REPORTERS.values():
        out = render(rich_diagnostics(), RULES, files=["content/b12.md", "content/clean.md"])
        assert isinstance(out, str) and out.endswith("\n")


def test_rule_objects_with_the_documented_attributes_are_rule_info():
    assert isinstance(RULES["reference-empty"], RuleInfo)
    assert not isinstance(object(), RuleInfo)


# JSON (SPEC §5) -----------------------------------------------------------------

# SPEC §5's keys in its order, then the extension "hint" (issue #15).
JSON_KEYS = [
    "path", "rule", "code", "severity", "message", "line", "column",
    "end_line", "end_column", "fix", "related", "hint",
]


def test_json_keys_follow_the_contract_order():
    out = json_reporter.render(rich_diagnostics(), RULES, files=[])
    for element in json.loads(out):
        assert list(element) == JSON_KEYS
        for related in element["related"]:
            assert list(related) == ["path", "line", "column", "message"]
        if element["fix"] is not None:
            assert list(element["fix"]) == ["replacements", "applicability"]
            assert element["fix"]["applicability"] in ("safe", "unsafe")
            for r in element["fix"]["replacements"]:
                assert list(r) == ["line", "column", "end_line", "end_column", "text"]


def test_json_exact_shape():
    d = diag(related=(Related("content/b12.md", 12, 1, "the entry"),), hint="write the citation")
    fixed = diag(line=90, end_line=90, fix=Fix((Replacement(90, 3, 90, 5, "[1]"),)))
    unsafe = diag(line=91, end_line=91, fix=Fix((Replacement(91, 1, 91, 2, ""),), FixSafety.UNSAFE))
    assert json.loads(json_reporter.render([unsafe, fixed, d], RULES, files=[])) == [
        {
            "path": "content/b12.md", "rule": "reference-empty", "code": "ML304",
            "severity": "error", "message": "This reference entry is empty.",
            "line": 88, "column": 3, "end_line": 88, "end_column": 5, "fix": None,
            "related": [{"path": "content/b12.md", "line": 12, "column": 1, "message": "the entry"}],
            "hint": "write the citation",
        },
        {
            "path": "content/b12.md", "rule": "reference-empty", "code": "ML304",
            "severity": "error", "message": "This reference entry is empty.",
            "line": 90, "column": 3, "end_line": 90, "end_column": 5,
            "fix": {"replacements": [{"line": 90, "column": 3, "end_line": 90, "end_column": 5, "text": "[1]"}],
                    "applicability": "safe"},
            "related": [], "hint": "",
        },
        {
            "path": "content/b12.md", "rule": "reference-empty", "code": "ML304",
            "severity": "error", "message": "This reference entry is empty.",
            "line": 91, "column": 3, "end_line": 91, "end_column": 5,
            "fix": {"replacements": [{"line": 91, "column": 1, "end_line": 91, "end_column": 2, "text": ""}],
                    "applicability": "unsafe"},
            "related": [], "hint": "",
        },
    ]


def test_json_sorted_by_path_line_column_rule():
    keys = [
        ("a.md", 1, 1, "absolute-claim"),
        ("a.md", 1, 1, "reference-empty"),
        ("a.md", 1, 2, "absolute-claim"),
        ("a.md", 2, 1, "absolute-claim"),
        ("a.md", 10, 1, "absolute-claim"),
        ("b.md", 1, 1, "absolute-claim"),
    ]
    shuffled = keys[:]
    random.Random(7).shuffle(shuffled)
    diagnostics = [diag(path=p, line=ln, column=c, end_line=ln, end_column=c + 1, rule=r) for p, ln, c, r in shuffled]
    out = json.loads(json_reporter.render(diagnostics, RULES, files=[]))
    assert [(e["path"], e["line"], e["column"], e["rule"]) for e in out] == keys


def test_json_writes_unicode_as_is_and_ends_with_one_newline():
    out = json_reporter.render([diag(message="Use µg, not mcg — “B₁₂” 🙂")], RULES, files=[])
    assert "µg" in out and "🙂" in out and "\\u" not in out
    assert out.endswith("]\n") and not out.endswith("\n\n")
    assert json_reporter.render([], RULES, files=["a.md"]) == "[]\n"


@settings(max_examples=60, deadline=None)
@given(st.text(), st.text(min_size=1))
def test_json_round_trips_any_text(message, path):
    out = json_reporter.render([diag(message=message, path=path)], RULES, files=[path])
    (element,) = json.loads(out)
    assert element["message"] == message and element["path"] == path


# SARIF 2.1.0 ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(validator, out: str) -> dict:
    log = json.loads(out)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


# RFC 3986 URI-reference characters: jsonschema checks format "uri" only when the
# optional rfc3987 package is installed, so check the alphabet here.
URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def all_uris(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uri":
                yield value
            else:
                yield from all_uris(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_uris(value)


def test_sarif_validates_against_the_official_schema(sarif_validator):
    sources = {"content/b12.md": "line\n" * 100}
    out = sarif.render(rich_diagnostics(), RULES, files=["content/b12.md"], sources=sources)
    log = assert_valid_sarif(sarif_validator, out)
    for uri in all_uris(log):
        assert URI_REFERENCE.fullmatch(uri), uri


def test_sarif_without_findings_validates(sarif_validator):
    log = assert_valid_sarif(sarif_validator, sarif.render([], RULES, files=["a.md"]))
    assert log["runs"][0]["results"] == []
    assert sarif.render([], {}, files=[]).endswith("\n")


def test_sarif_driver_describes_every_rule():
    log = json.loads(sarif.render([], RULES, files=[]))
    assert log["version"] == "2.1.0" and log["$schema"] == sarif.SCHEMA_URI
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "medlint" and driver["version"] == medlint.__version__
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["ML103", "ML304", "ML410"]
    ml304 = driver["rules"][1]
    assert ml304["name"] == "reference-empty"
    assert ml304["shortDescription"] == {"text": RULES["reference-empty"].summary}
    assert ml304["help"] == {"text": RULES["reference-empty"].docs, "markdown": RULES["reference-empty"].docs}
    assert ml304["fullDescription"]["text"] == RULES["reference-empty"].docs
    assert ml304["defaultConfiguration"] == {"level": "error"}
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "warning"}
    assert driver["rules"][2]["properties"] == {"fixable": True}
    # A rule without docs still gets a non-empty description.
    assert driver["rules"][0]["help"]["text"] == RULES["review-stale"].summary


def test_sarif_results_point_at_their_rules():
    log = json.loads(sarif.render(rich_diagnostics(), RULES, files=[]))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_name = {r["name"]: r for r in rules}
    # claim-contradiction has no metadata: it still gets a descriptor to point at.
    assert by_name["claim-contradiction"]["id"] == "ML402"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    levels = {rules[r["ruleIndex"]]["name"]: r["level"] for r in run["results"]}
    assert levels == {
        "reference-empty": "error",
        "absolute-claim": "warning",
        "claim-contradiction": "error",
        "review-stale": "note",
    }


def test_sarif_locations_are_relative_uris_under_srcroot():
    results = json.loads(sarif.render(rich_diagnostics(), RULES, files=[]))["runs"][0]["results"]
    locations = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in results}
    assert locations["ML304"] == {
        "artifactLocation": {"uri": "content/b12.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 88, "startColumn": 3, "endLine": 88, "endColumn": 5},
    }
    assert locations["ML402"]["artifactLocation"] == {"uri": "content/a%20b%2Cc%3Ad.md", "uriBaseId": "%SRCROOT%"}
    assert locations["ML402"]["region"] == {"startLine": 40, "startColumn": 1, "endLine": 41, "endColumn": 7}
    assert locations["ML103"]["artifactLocation"] == {"uri": "file:///abs/path/%C3%BCn%C3%AFcode.md"}


def test_sarif_relative_path_is_normalised():
    results = json.loads(sarif.render([diag(path="./content//b12.md")], RULES, files=[]))["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/b12.md"


def test_sarif_related_locations_and_message():
    results = json.loads(sarif.render(rich_diagnostics(), RULES, files=[]))["runs"][0]["results"]
    contradiction = next(r for r in results if r["ruleId"] == "ML402")
    assert contradiction["message"] == {"text": "Contradicts an earlier claim."}
    assert contradiction["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "content/a%20b%2Cc%3Ad.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 10, "startColumn": 1, "endLine": 10, "endColumn": 20},
            },
            "message": {"text": "earlier claim"},
        },
        {
            "id": 2,
            "physicalLocation": {
                "artifactLocation": {"uri": "content/claims/b12.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 5},
            },
            "message": {"text": "registry entry b12-cramps"},
        },
    ]
    claim = next(r for r in results if r["ruleId"] == "ML410")
    assert claim["message"]["text"] == "“Cures” is an absolute claim about vitamin B12 (µg).\nHint: Say what the evidence shows instead."
    assert "relatedLocations" not in claim and "fixes" not in contradiction


def test_sarif_fix_becomes_artifact_changes():
    results = json.loads(sarif.render(rich_diagnostics(), RULES, files=[]))["runs"][0]["results"]
    claim = next(r for r in results if r["ruleId"] == "ML410")
    assert claim["fixes"] == [
        {
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "content/b12.md", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {"startLine": 12, "startColumn": 9, "endLine": 12, "endColumn": 14},
                            "insertedContent": {"text": "may help"},
                        },
                        {
                            "deletedRegion": {"startLine": 13, "startColumn": 1, "endLine": 14, "endColumn": 1},
                            "insertedContent": {"text": ""},
                        },
                    ],
                }
            ],
            "properties": {"safety": "unsafe"},
            "description": {"text": "Soften the wording"},
        }
    ]


def test_sarif_regions_stay_within_what_the_schema_allows(sarif_validator):
    odd = diag(line=0, column=0, end_line=0, end_column=0)
    backwards = diag(line=5, column=9, end_line=5, end_column=2)
    log = assert_valid_sarif(sarif_validator, sarif.render([odd, backwards], RULES, files=[]))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert regions == [
        {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
        {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 9},
    ]


ARTICLE = """---
title: Vitamin B12
---
# Vitamin B12

B12 cures tiredness in everyone.

## References
1.
"""

SHIFTED = """---
title: Vitamin B12
author: A. Writer
medically_reviewed_by: Dr. B
---
# Vitamin B12

A new introduction paragraph,
spread over two lines.

B12 cures tiredness in everyone.

## References
1.
"""


def fingerprint(diagnostic: Diagnostic, text: str | None, *others: Diagnostic) -> dict[str, str]:
    sources = {diagnostic.path: text} if text is not None else None
    out = json.loads(sarif.render([diagnostic, *others], RULES, files=[diagnostic.path], sources=sources))
    results = out["runs"][0]["results"]
    position = (diagnostic.line, diagnostic.column)
    (result,) = [
        r for r in results
        if (r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"]) == position
        and r["ruleId"] == diagnostic.code
    ]
    return result["partialFingerprints"]


def claim_at(line: int, **overrides) -> Diagnostic:
    fields = dict(rule="absolute-claim", code="ML410", severity=Severity.WARNING,
                  message="“cures” is an absolute claim.", line=line, column=5, end_line=line, end_column=10)
    fields.update(overrides)
    return diag(**fields)


def test_fingerprint_survives_lines_added_above():
    before = fingerprint(claim_at(6), ARTICLE)
    after = fingerprint(claim_at(11), SHIFTED)
    assert list(before) == [sarif.LINE_HASH]
    assert before == after
    assert before == fingerprint(claim_at(6), ARTICLE.replace("\n", "\r\n"))
    assert before == fingerprint(claim_at(6), "\ufeff" + ARTICLE)


def test_fingerprint_ignores_whitespace_changes_on_the_flagged_line():
    reflowed = ARTICLE.replace("B12 cures tiredness in everyone.", "  B12 cures   tiredness\tin everyone.  ")
    assert fingerprint(claim_at(6), ARTICLE) == fingerprint(claim_at(6, column=7), reflowed)


def test_fingerprint_changes_when_the_flagged_text_or_rule_changes():
    base = fingerprint(claim_at(6), ARTICLE)
    assert base != fingerprint(claim_at(6), ARTICLE.replace("tiredness", "fatigue"))
    assert base != fingerprint(claim_at(6, rule="reference-empty", code="ML304"), ARTICLE)
    assert base != fingerprint(claim_at(6, path="content/other.md"), ARTICLE)


def test_fingerprint_tells_identical_lines_apart_by_occurrence():
    text = ARTICLE.replace("B12 cures tiredness in everyone.\n", "B12 cures tiredness in everyone.\n" * 3)
    first, second, third = claim_at(6), claim_at(7), claim_at(8)
    prints = [fingerprint(d, text, *[o for o in (first, second, third) if o is not d]) for d in (first, second, third)]
    assert len({p[sarif.LINE_HASH] for p in prints}) == 3
    # One more copy added below leaves the earlier three unchanged.
    longer = text.replace("B12 cures tiredness in everyone.\n", "B12 cures tiredness in everyone.\n" * 2, 1)
    fourth = claim_at(9)
    assert prints == [
        fingerprint(d, longer, *[o for o in (first, second, third, fourth) if o is not d])
        for d in (first, second, third)
    ]


def test_fingerprint_of_multi_line_span_uses_only_flagged_lines():
    # An exclusive end at column 1 of line 7 flags line 6 only.
    spanning = claim_at(6, end_line=7, end_column=1)
    assert fingerprint(spanning, ARTICLE) == fingerprint(spanning, ARTICLE.replace("\n\n## References", "\nMore.\n## References"))
    two_lines = claim_at(8, end_line=9, end_column=4)
    base = fingerprint(two_lines, SHIFTED)
    assert base != fingerprint(two_lines, SHIFTED.replace("spread over", "stretched over"))


def test_fingerprint_without_source_falls_back_to_the_message():
    before = fingerprint(claim_at(6), None)
    assert list(before) == [sarif.MESSAGE_HASH]
    assert before == fingerprint(claim_at(60), None)
    assert before != fingerprint(claim_at(6, message="another message"), None)
    # A path missing from ``sources`` falls back too.
    out = json.loads(sarif.render([claim_at(6)], RULES, files=[], sources={"elsewhere.md": ARTICLE}))
    assert out["runs"][0]["results"][0]["partialFingerprints"] == before


# GitHub workflow commands ---------------------------------------------------------

PROPERTY = r"(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*"
COMMAND = re.compile(rf"::(error|warning|notice) ({PROPERTY}(?:,{PROPERTY})*)::([^\r\n]*)")


def runner_unescape(value: str, *, property: bool) -> str:
    """What the Actions runner does to an escaped value (``%25`` last)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if property:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for escaped, raw in [*pairs, ("%25", "%")]:
        value = value.replace(escaped, raw)
    return value


def parse_commands(out: str) -> list[tuple[str, dict[str, str], str]]:
    """Every line must be exactly one workflow command; nothing else may appear."""
    assert out == "" or out.endswith("\n")
    lines = out.split("\n")[:-1] if out else []
    assert out.splitlines() == lines, "a character other readers treat as a line break leaked"
    parsed = []
    for line in lines:
        match = COMMAND.fullmatch(line)
        assert match, f"not a single workflow command: {line!r}"
        props = dict(item.split("=", 1) for item in match.group(2).split(","))
        props = {k: runner_unescape(v, property=True) for k, v in props.items()}
        parsed.append((match.group(1), props, runner_unescape(match.group(3), property=False)))
    return parsed


def test_github_command_shape():
    out = github.render([diag()], RULES, files=["content/b12.md"])
    assert out == (
        "::error file=content/b12.md,line=88,endLine=88,col=3,endColumn=5,"
        "title=medlint ML304 reference-empty::This reference entry is empty.\n"
    )


def test_github_levels_and_order():
    parsed = parse_commands(github.render(rich_diagnostics(), RULES, files=[]))
    assert [(level, props["file"]) for level, props, _ in parsed] == [
        ("notice", "/abs/path/ünïcode.md"),
        ("error", "content/a b,c:d.md"),
        ("warning", "content/b12.md"),
        ("error", "content/b12.md"),
    ]
    assert github.render([], RULES, files=["a.md"]) == ""


def test_github_multi_line_span_has_no_columns():
    (_, props, _), = parse_commands(github.render([diag(line=3, end_line=5)], RULES, files=[]))
    assert props == {"file": "content/b12.md", "line": "3", "endLine": "5", "title": "medlint ML304 reference-empty"}


def test_github_escapes_data_and_properties_as_documented():
    d = diag(path="dir,x/a:b%c.md", message="100% sure\r\nnext: a, b", hint="")
    out = github.render([d], RULES, files=[])
    assert out == (
        "::error file=dir%2Cx/a%3Ab%25c.md,line=88,endLine=88,col=3,endColumn=5,"
        "title=medlint ML304 reference-empty::100%25 sure%0D%0Anext: a, b\n"
    )
    assert github.escape_data("%0A") == "%250A"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


INJECTIONS = [
    "\n::error::pwned",
    "%0A::error::pwned",
    "::set-output name=secret::x",
    "ok\r\n::add-mask::secret",
    "ok\r::stop-commands::token",
    "%25%0A%0D%3A%2C",
    "a\u2028::error::pwned\u2029::warning::x\x85::notice::y",
    "a\v::error::b\f::error::c\x1c\x1d\x1e",
    "::error file=x.md,line=1::forged",
    "",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_github_content_cannot_inject_commands(payload):
    d = diag(path=f"content/{payload}.md", rule=f"rule{payload}", message=payload, hint=payload)
    out = github.render([d, replace(d, severity=Severity.INFO, line=90, end_line=90)], RULES, files=[])
    parsed = parse_commands(out)
    assert len(parsed) == 2
    breaks = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
    expected_text = breaks.sub("\n", payload)
    for _, props, message in parsed:
        assert props["file"] == f"content/{expected_text}.md"
        assert props["title"] == f"medlint ML304 rule{expected_text}"
        expected = f"{expected_text}\nHint: {expected_text}" if payload else ""
        assert message == expected


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(), st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_github_any_text_stays_one_command(message, path, rule):
    out = github.render([diag(message=message, path=path, rule=rule)], RULES, files=[])
    ((_, props, data),) = parse_commands(out)
    breaks = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
    # control and invisible characters come back made visible (\x1b, \u202e)
    assert data == breaks.sub("\n", visible(message, keep_line_breaks=True))
    assert props["file"] == breaks.sub("\n", visible(path, keep_line_breaks=True))


# JUnit XML ----------------------------------------------------------------------------

def parse_junit(out: str) -> ET.Element:
    assert out.startswith("<?xml") and out.endswith("\n")
    return ET.fromstring(out.encode("utf-8"))


def test_junit_has_one_test_case_per_file_and_correct_counts():
    files = ["content/b12.md", "content/clean.md", "content/a b,c:d.md", "content/also-clean.md"]
    root = parse_junit(junit.render(rich_diagnostics(), RULES, files=files))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite" and suite.get("name") == "medlint"
    cases = suite.findall("testcase")
    # The absolute path has findings but was not in ``files``: it still gets a case.
    assert [c.get("name") for c in cases] == sorted([*files, "/abs/path/ünïcode.md"])
    assert all(c.get("classname") == "medlint" for c in cases)
    failures_per_case = {c.get("name"): len(c.findall("failure")) for c in cases}
    assert failures_per_case == {
        "/abs/path/ünïcode.md": 1,
        "content/a b,c:d.md": 1,
        "content/also-clean.md": 0,
        "content/b12.md": 2,
        "content/clean.md": 0,
    }
    for element in (root, suite):
        assert element.get("tests") == "5"
        assert element.get("failures") == "3"
        assert element.get("errors") == "0" and element.get("skipped") == "0"
    assert all(len(c) == 0 for c in cases if failures_per_case[c.get("name")] == 0)


def test_junit_failure_carries_rule_message_and_details():
    root = parse_junit(junit.render(rich_diagnostics(), RULES, files=[]))
    case = next(c for c in root.iter("testcase") if c.get("name") == "content/b12.md")
    warning, error = case.findall("failure")
    assert warning.get("type") == "absolute-claim"
    assert warning.get("message") == "12:9 absolute-claim “Cures” is an absolute claim about vitamin B12 (µg)."
    assert warning.text.splitlines() == [
        "content/b12.md:12:9-12:14",
        "rule: absolute-claim (ML410), severity: warning",
        "message: “Cures” is an absolute claim about vitamin B12 (µg).",
        "about the rule: Miracle or absolute wording.",
        "hint: Say what the evidence shows instead.",
        "fix: available (unsafe): Soften the wording",
    ]
    assert error.get("message") == "88:3 reference-empty This reference entry is empty."
    contradiction = next(c for c in root.iter("testcase") if c.get("name") == "content/a b,c:d.md")
    body = contradiction.find("failure").text
    assert "related: content/a b,c:d.md:10:1 earlier claim" in body
    assert "related: content/claims/b12.yaml:3:5 registry entry b12-cramps" in body


def test_junit_strips_characters_xml_cannot_hold_and_escapes_markup():
    nasty = "a\x00b\x1bc\x0bd\ud800e\uffff f\ufffeg <b>&amp;</b> \"q\" ']]>' é 🙂\ttab"
    root = parse_junit(junit.render([diag(message=nasty, path=f"x\x01{nasty}.md")], RULES, files=[]))
    (case,) = root.iter("testcase")
    clean = "abcde fg <b>&amp;</b> \"q\" ']]>' é 🙂\ttab"
    assert case.get("name") == f"x{clean}.md"
    failure = case.find("failure")
    assert failure.get("message") == f"88:3 reference-empty {clean}"
    assert f"message: {clean}" in failure.text


def test_junit_with_no_files_is_an_empty_suite():
    root = parse_junit(junit.render([], RULES, files=[]))
    suite = root.find("testsuite")
    assert suite.get("tests") == "0" and suite.get("failures") == "0" and len(suite) == 0


@settings(max_examples=100, deadline=None)
@given(st.text(), st.text(min_size=1))
def test_junit_any_text_parses(message, path):
    root = parse_junit(junit.render([diag(message=message, path=path)], RULES, files=[path]))
    (failure,) = root.iter("failure")
    assert failure.get("message") == f"88:3 reference-empty {junit.xml_safe(message)}"


# Size ------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_huge_messages_and_many_findings(fmt, sarif_validator):
    huge = "Très long message µg 🙂 " * 50_000  # about 1.2 million characters
    diagnostics = [diag(message=huge, line=1, end_line=1)] + [
        diag(path=f"content/{i % 50}.md", line=i + 1, end_line=i + 1, message=f"finding {i}") for i in range(5000)
    ]
    files = [f"content/{i}.md" for i in range(60)]
    sources = {f"content/{i}.md": "some text\n" * 6000 for i in range(50)}
    from scaling import assert_linear

    def render(n: int):  # n findings over n // 100 files of 6,000 lines
        found = [diag(path=f"content/{i % 50}.md", line=i + 1, end_line=i + 1, message=f"finding {i}")
                 for i in range(n)]
        if fmt in ("sarif", "html"):
            return lambda: REPORTERS[fmt](found, RULES, files=files, sources=sources)  # type: ignore[call-arg]
        return lambda: REPORTERS[fmt](found, RULES, files=files)

    assert_linear(render, 500, 5000)
    if fmt in ("sarif", "html"):
        out = REPORTERS[fmt](diagnostics, RULES, files=files, sources=sources)  # type: ignore[call-arg]
    else:
        out = REPORTERS[fmt](diagnostics, RULES, files=files)
    if fmt == "markdown":  # a summary: counts, not messages
        assert "Findings: 5,001 errors, 0 warnings, 0 info." in out
        assert out.count("| content/") == 10 and "…and 41 more articles with findings." in out
        return
    assert huge.strip() in out
    if fmt == "html":
        assert out.count("<tr data-r=") == 5001 and out.count('<details class="art ') == 51
    elif fmt == "json":
        assert len(json.loads(out)) == 5001
    elif fmt == "sarif":
        log = assert_valid_sarif(sarif_validator, out)
        prints = [next(iter(r["partialFingerprints"].values())) for r in log["runs"][0]["results"]]
        assert len(set(prints)) == len(prints)
    elif fmt == "github":
        assert len(parse_commands(out)) == 5001
    else:
        root = parse_junit(out)
        assert root.get("tests") == "61" and root.get("failures") == "51"
        assert len(list(root.iter("failure"))) == 5001
