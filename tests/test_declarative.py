"""YAML rules: each kind and scope, the `when` gate, fixes, generated docs, validation
errors that name file, line and key, and the time limit on user regexes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from medlint.declarative import PatternTimeout, YamlRuleError, load_rule_dir, load_rule_file
from medlint.declarative import kinds
from medlint.declarative.examples import check_paths, report, run_examples
from medlint.docs import example_blocks, render_rule, sections
from medlint.registry import Registry
from medlint.testing import Expect, Invalid, RuleTester, Valid

COMMON = """\
summary: A test rule
message: {message}
docs:
  why: Readers deserve it.
examples:
  valid: ["Fine text.\\n"]
  invalid: [{invalid}]
"""


def write_rule(folder: Path, body: str, name: str = "rule.yaml", message: str = "found {match}",
               invalid: str = "x\n") -> Path:
    """A rule file: ``body`` plus the common keys (``message``/``invalid`` are plain text)."""
    path = folder / name
    common = COMMON.format(message=json.dumps(message), invalid=json.dumps(invalid))
    path.write_text(textwrap.dedent(body) + common, encoding="utf-8")
    return path


def rule_from(tmp_path: Path, body: str, **kwargs) -> type:
    return load_rule_file(write_rule(tmp_path, body, **kwargs))


# -- existence -----------------------------------------------------------------------
DETOX = """\
code: ACM101
name: no-detox
kind: existence
tokens: [detox, cleanse your body]
patterns: ['flush(es|ing)? out toxins']
exceptions: [alcohol detox]
"""


def test_existence_tokens_patterns_exceptions(tmp_path):
    rule = rule_from(tmp_path, DETOX, message='avoid "{match}"')
    tester = RuleTester(rule)
    tester.assert_case(Valid("Alcohol detox needs medical supervision.\n"))
    tester.assert_case(Valid("Detoxification by the liver is normal.\n"))  # whole words only
    tester.assert_case(Invalid("Try a DETOX.\n", errors=[Expect(1, 7, 1, 12, message='avoid "DETOX"')]))
    tester.assert_case(Invalid("It will cleanse\nyour body and flush out toxins.\n",
                               errors=[Expect(1, 9, 2, 10), Expect(2, 15, 2, 31)]))
    assert rule.code == "ACM101" and rule.name == "no-detox" and rule.origin.startswith("yaml:")
    assert rule.severity.value == "warning" and not rule.fixable


def test_existence_ignorecase_false(tmp_path):
    rule = rule_from(tmp_path, "code: ACM102\nname: caps\nkind: existence\ntokens: [FDA]\nignorecase: false\n")
    assert [d.column for d in RuleTester(rule).lint("fda and FDA\n")] == [9]


def test_existence_curly_apostrophe_matches_straight_token(tmp_path):
    rule = rule_from(tmp_path, "code: ACM103\nname: dont\nkind: existence\ntokens: [\"don't worry\"]\n")
    assert len(RuleTester(rule).lint("Don\u2019t worry about it.\n")) == 1


SCOPED = """\
# Detox heading

A detox paragraph with a [detox link](https://example.org) in it. Second detox sentence.

- a detox item

> A quoted detox is not searched.

| cell |
|---|
| detox |

## References

1. Detox study. https://example.org
"""


@pytest.mark.parametrize("scope, expected", [
    ("text", [(1, 3), (3, 3), (3, 27), (3, 74), (5, 5), (11, 3)]),
    ("heading", [(1, 3)]),
    ("paragraph", [(3, 3), (3, 27), (3, 74), (5, 5)]),
    ("list-item", [(5, 5)]),
    ("sentence", [(3, 3), (3, 27), (3, 74), (5, 5), (11, 3)]),
    ("link-text", [(3, 27)]),
])
def test_scopes(tmp_path, scope, expected):
    rule = rule_from(tmp_path, f"code: ACM104\nname: scoped\nkind: existence\ntokens: [detox]\nscope: {scope}\n")
    assert [(d.line, d.column) for d in RuleTester(rule).lint(SCOPED)] == expected


def test_frontmatter_scope(tmp_path):
    rule = rule_from(tmp_path, "code: ACM105\nname: fm-title\nkind: existence\ntokens: [miracle]\n"
                               "scope: frontmatter.title\n")
    tester = RuleTester(rule)
    tester.assert_case(Invalid("---\ntitle: The miracle herb\nauthor: miracle\n---\nA miracle.\n",
                               errors=[Expect(2, 12, 2, 19)]))
    tester.assert_case(Valid("---\nauthor: miracle\n---\nText.\n"))
    tester.assert_case(Valid("No front matter, a miracle.\n"))


def test_when_gates_on_front_matter(tmp_path):
    rule = rule_from(tmp_path, DETOX + "when: {audience: [patient, caregiver]}\n")
    tester = RuleTester(rule)
    tester.assert_case(Valid("Try a detox.\n"))
    tester.assert_case(Valid("---\naudience: clinician\n---\nTry a detox.\n"))
    tester.assert_case(Invalid("---\naudience: patient\n---\nTry a detox.\n", errors=[Expect(4, 7, 4, 12)]))
    tester.assert_case(Invalid("---\naudience: [clinician, caregiver]\n---\nTry a detox.\n",
                               errors=[Expect(4, 7)]))
    assert "Only for articles whose front matter has `audience: patient or caregiver`." in rule.docs()


# -- substitution ----------------------------------------------------------------------
SWAP = """\
code: ACM110
name: plain-words
kind: substitution
swap:
  utilize: use
  myocardial infarction: heart attack
  "no": none
"""


def test_substitution_fix_keeps_first_letter_case(tmp_path):
    rule = rule_from(tmp_path, SWAP, message='use "{replacement}" instead of "{match}"')
    assert rule.fixable
    tester = RuleTester(rule)
    tester.assert_case(Invalid("Utilize it after a myocardial\ninfarction.\n",
                               errors=[Expect(1, 1, 1, 8, message='use "Use" instead of "Utilize"'),
                                       Expect(1, 20, 2, 11)],
                               output="Use it after a heart attack.\n"))
    tester.assert_case(Invalid("Say no.\n", errors=[Expect(1, 5, 1, 7)], output="Say none.\n"))
    tester.assert_case(Valid("We use it.\n"))
    fix = tester.lint("utilize\n")[0].fix
    assert fix.safety.value == "safe"


def test_substitution_crlf_and_bom_kept(tmp_path):
    rule = rule_from(tmp_path, SWAP)
    assert RuleTester(rule).fix("\ufeffa\r\nutilize b\r\n") == "\ufeffa\r\nuse b\r\n"


# -- occurrence ------------------------------------------------------------------------
def test_occurrence_max_per_sentence_and_min_per_article(tmp_path):
    too_many = rule_from(tmp_path, "code: ACM120\nname: very\nkind: occurrence\ntokens: [very]\nmax: 1\n"
                                   "scope: sentence\n", name="a.yaml", message="{count} > {max}")
    RuleTester(too_many).assert_case(Invalid(
        "Very very good. Very fine.\n", errors=[Expect(1, 6, 1, 10, message="2 > 1")]))
    too_few = rule_from(tmp_path, "code: ACM121\nname: doctor\nkind: occurrence\ntokens: [doctor, GP]\nmin: 2\n",
                        name="b.yaml", message="{count} < {min}")
    tester = RuleTester(too_few)
    tester.assert_case(Valid("See a doctor. Or your GP.\n"))
    tester.assert_case(Invalid("---\ntitle: t\n---\n# H\n\nSee a doctor.\n", errors=[Expect(4, 3, message="1 < 2")]))


# -- required-section ---------------------------------------------------------------------
SEEK = """\
code: ACM130
name: seek-care
kind: required-section
heading: 'when to (see|call) a doctor'
level: 2
body: 'call|emergency|911'
body-message: 'the "{section}" section must say when to call for help'
"""


def test_required_section(tmp_path):
    rule = rule_from(tmp_path, SEEK, message="add a section on when to see a doctor")
    tester = RuleTester(rule)
    tester.assert_case(Valid("# Flu\n\n## When to see a doctor\n\nCall 911 if you cannot breathe.\n"))
    tester.assert_case(Invalid("# Flu\n\nRest.\n", errors=[Expect(1, 1, 1, 1, message_id="default")]))
    tester.assert_case(Invalid("# Flu\n\n# When to see a doctor\n\nCall us.\n", errors=[Expect(1, 1)]))  # level 1
    tester.assert_case(Invalid("# Flu\n\n## When to see a doctor\n\nRest.\n",
                               errors=[Expect(3, 4, 3, 24, message_id="body",
                                              message='the "When to see a doctor" section must say when to call '
                                                      'for help')]))


# -- requires --------------------------------------------------------------------------
FDA = """\
code: ACM140
name: supplement-fda-statement
kind: requires
if:
  patterns: ['\\b(supports?|promotes?|boosts?|maintains?) (healthy )?(immune|immunity|sleep|joint|heart)']
then:
  patterns: ['not been evaluated by the (Food and Drug Administration|FDA)']
scope: {scope}
"""
STATEMENT = ("These statements have not been evaluated by the Food and Drug Administration. This product is not "
             "intended to diagnose, treat, cure, or prevent any disease.")


@pytest.mark.parametrize("scope, valid, invalid", [
    ("sentence", [f"Zinc supports immune health; {STATEMENT}\n"],
     [f"Zinc supports immune health. {STATEMENT}\n"]),
    ("paragraph", [f"Zinc supports immune health. {STATEMENT}\n",
                   f"- Zinc supports immune health.\n\n  {STATEMENT}\n"],
     [f"Zinc supports immune health.\n\n{STATEMENT}\n"]),
    ("section", [f"## Zinc\n\nZinc supports immune health.\n\n> {STATEMENT}\n\n## Other\n\nText.\n"],
     [f"## Zinc\n\nZinc supports immune health.\n\n## Other\n\n{STATEMENT}\n"]),
    ("document", [f"Zinc supports immune health.\n\n## Disclaimer\n\n{STATEMENT}\n", "No claim here.\n"],
     [f"Zinc supports immune health.\n\nMagnesium promotes sleep.\n"]),
])
def test_requires_scopes(tmp_path, scope, valid, invalid):
    rule = rule_from(tmp_path, FDA.format(scope=scope), message='"{match}" needs the FDA statement')
    tester = RuleTester(rule)
    for text in valid:
        tester.assert_case(Valid(text))
    for text in invalid:
        found = tester.lint(text)
        assert len(found) == 1, found
        assert found[0].message == '"supports immune" needs the FDA statement' or scope == "document"


def test_requires_reports_once_per_unit(tmp_path):
    rule = rule_from(tmp_path, FDA.format(scope="paragraph"))
    found = RuleTester(rule).lint("Zinc supports immune health and boosts immunity.\n\nIron boosts heart health.\n")
    assert [(d.line, d.column) for d in found] == [(1, 6), (3, 6)]


# -- frontmatter ---------------------------------------------------------------------------
def test_frontmatter_required_enum_pattern(tmp_path):
    audience = rule_from(tmp_path, "code: ACM150\nname: audience\nkind: frontmatter\nfield: audience\n"
                                   "required: true\nenum: [patient, clinician]\n", name="a.yaml",
                         message="audience {value!r} ({field})")
    tester = RuleTester(audience)
    tester.assert_case(Valid("---\naudience: patient\n---\nText.\n"))
    tester.assert_case(Invalid("---\ntitle: t\n---\nText.\n", errors=[Expect(1, 1, 1, 4, message="audience '' (audience)")]))
    tester.assert_case(Invalid("No front matter.\n", errors=[Expect(1, 1, 1, 1)]))
    tester.assert_case(Invalid("---\naudience: doctors\n---\nText.\n",
                               errors=[Expect(2, 11, 2, 18, message="audience 'doctors' (audience)")]))
    tester.assert_case(Invalid("---\naudience:\n  - patient\n  - kids\n---\nText.\n", errors=[Expect(4, 5, 4, 9)]))
    nested = rule_from(tmp_path, "code: ACM151\nname: reviewer-id\nkind: frontmatter\nfield: review.id\n"
                                 "pattern: '^R-\\d+$'\n", name="b.yaml", message="bad {field}")
    tester = RuleTester(nested)
    tester.assert_case(Valid("---\nreview:\n  id: R-12\n---\nx\n"))
    tester.assert_case(Valid("---\ntitle: t\n---\nx\n"))  # not required
    tester.assert_case(Invalid("---\nreview:\n  id: 12\n---\nx\n", errors=[Expect(3, 7, 3, 9)]))


# -- docs and examples ---------------------------------------------------------------------
def test_generated_docs_and_examples(tmp_path):
    path = write_rule(tmp_path, DETOX, invalid="Try a detox.\n")
    rule = load_rule_file(path)
    found = sections(rule)
    assert set(found) >= {"What it does", "Why it matters", "Example", "Use instead"}
    assert "`detox`" in found["What it does"] and "`alcohol detox`" in found["What it does"]
    assert example_blocks(rule, "Example") == ["Try a detox.\n"]
    page = render_rule(rule)
    assert page.startswith("# ACM101 · no-detox") and f"Source: yaml:{path}" in page
    assert all(o.ok for o in run_examples(rule))


def test_docs_what_given_by_the_author(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(DETOX + 'summary: s\nmessage: m\ndocs: {what: "Finds detox talk.", why: "Because."}\n'
                    'examples: {valid: ["ok\\n"], invalid: ["detox\\n"]}\n', encoding="utf-8")
    assert sections(load_rule_file(path))["What it does"] == "Finds detox talk."


def test_registry_accepts_yaml_rules_like_any_rule(tmp_path):
    registry = Registry.builtin()
    registry.add(rule_from(tmp_path, DETOX))
    assert registry.resolve("ACM101") == "no-detox"


def test_load_rule_dir_and_check_paths(tmp_path):
    write_rule(tmp_path, DETOX, name="a.yaml", invalid="A detox.\n")
    (tmp_path / "sub").mkdir()
    write_rule(tmp_path / "sub", SWAP, name="b.yml", invalid="utilize\n")
    (tmp_path / "notes.txt").write_text("not a rule", encoding="utf-8")
    assert [r.code for r in load_rule_dir(tmp_path)] == ["ACM101", "ACM110"]
    results = check_paths([tmp_path])
    assert all(r.ok for r in results) and len(results) == 2
    out = report(results)
    assert "PASS" in out and out.endswith("2 rule files, 4 examples: 4 passed, 0 failed.\n")


def test_failing_examples_are_reported(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(DETOX + 'summary: s\nmessage: m\ndocs: {why: w}\nexamples:\n'
                    '  valid: ["A detox.\\n"]\n  invalid:\n    - "Fine.\\n"\n    - {text: "detox detox\\n", findings: 1}\n',
                    encoding="utf-8")
    outcomes = run_examples(load_rule_file(path))
    assert [(o.example.label, o.ok) for o in outcomes] == [("valid[0]", False), ("invalid[0]", False),
                                                           ("invalid[1]", False)]
    assert outcomes[0].detail.startswith("expected no finding, got 1")
    assert outcomes[1].detail == "expected a finding, got none"
    assert outcomes[2].detail.startswith("expected 1 finding(s), got 2")


def test_fix_output_examples(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(SWAP + 'summary: s\nmessage: m\ndocs: {why: w}\nexamples:\n  valid: ["use\\n"]\n  invalid:\n'
                    '    - {text: "Utilize\\n", output: "Use\\n"}\n    - {text: "utilize\\n", output: "wrong\\n"}\n',
                    encoding="utf-8")
    outcomes = run_examples(load_rule_file(path))
    assert [o.ok for o in outcomes] == [True, True, False]
    assert "fix output expected 'wrong\\n', got 'use\\n'" in outcomes[2].detail


# -- validation errors: file, line, key ----------------------------------------------------------
BASE = """\
code: ACM101
name: no-detox
kind: existence
tokens: [detox]
summary: s
message: m
docs: {why: w}
examples: {valid: [a], invalid: [b]}
"""


@pytest.mark.parametrize("text, expected", [
    (BASE.replace("tokens:", "tokenz:"),
     ":4: key `tokenz`: unknown key for kind `existence` (did you mean `tokens`?) (and 1 more problem)"),
    (BASE.replace("message: m\n", ""), ":1: key `message`: missing (required)"),
    (BASE + "severity: fatal\n", ":9: key `severity`: 'fatal' is not one of ['error', 'warning', 'info']"),
    (BASE.replace("ACM101", "acme1"), ":1: key `code`: 'acme1' must be 2-4 capital letters and 3 digits"),
    (BASE.replace("ACM101", "ML101"), ":1: key `code`: the ML prefix is reserved for medlint's built-in rules"),
    (BASE.replace("no-detox", "No Detox"), ":2: key `name`: 'No Detox' must be kebab-case"),
    (BASE.replace("tokens: [detox]", "patterns:\n  - ok\n  - '(unclosed'"),
     ":6: key `patterns[1]`: not a valid regular expression"),
    (BASE.replace("message: m", "message: 'found {matched}'"),
     ":6: key `message`: unknown placeholder {matched}; this kind offers {match}"),
    (BASE.replace("message: m", "message: 'a { b'"), ":6: key `message`: not a valid message template"),
    (BASE + "code: ACM102\n", ":9: key `code`: duplicate key"),
    (BASE + "scope: page\n", ":9: key `scope`: 'page' is not a scope; use one of: text, sentence"),
    (BASE + "scope: section\n", ":9: key `scope`: 'section' is not a scope"),
    (BASE.replace("kind: existence", "kind: exists"), ":3: key `kind`: 'exists' is not one of"),
    (BASE.replace("examples: {valid: [a], invalid: [b]}", "examples: {valid: [a], invalid: [{text: b, output: c}]}"),
     ":8: key `examples.invalid[0].output`: only a fixable rule (kind substitution) has fix output"),
    (BASE.replace("examples: {valid: [a], invalid: [b]}", "examples: {valid: [a], invalid: [{txt: b}]}"),
     ":8: key `examples.invalid[0].txt`: unknown key in `examples.invalid[0]` (did you mean `text`?)"),
    (BASE.replace("examples: {valid: [a], invalid: [b]}", "examples: {valid: [a]}"),
     ":8: key `examples.invalid`: missing (required)"),
    (BASE + "when: {audience: {a: b}}\n", ":9: key `when.audience`: must be a value or a list of values"),
    (BASE.replace("kind: existence\ntokens: [detox]", "kind: occurrence\ntokens: [x]\nmin: 3\nmax: 1"),
     ":5: key `min`: min (3) is greater than max (1)"),
    (BASE.replace("kind: existence\ntokens: [detox]", "kind: occurrence\ntokens: [x]"),
     ":1: key `min`: missing: give `min` or `max`"),
    (BASE.replace("kind: existence\ntokens: [detox]", "kind: substitution\nswap: {Advil: ibuprofen (Advil)}"),
     ":4: key `swap.Advil`: the replacement 'ibuprofen (Advil)' contains 'Advil', which would be replaced again"),
    (BASE.replace("kind: existence\ntokens: [detox]", "kind: requires\nif: {tokens: [a]}\nthen: {words: [b]}"),
     ":5: key `then.words`: unknown key in `then`"),
    (BASE.replace("kind: existence\ntokens: [detox]", "kind: frontmatter\nfield: audience"),
     ":1: key `required`: missing: give `required` or `pattern` or `enum`"),
    (BASE.replace("kind: existence\ntokens: [detox]", "kind: required-section\nheading: x\nbody-message: y"),
     ":5: key `body-message`: only makes sense with `body`"),
    ("", ":1: the file is empty"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", ":1: the file is too large or too deeply nested"),
    ("a: &a\n  - *a\n", ":1: the file is too large or too deeply nested"),
    ("- a\n- b\n", ":1: key `(top level)`: ['a', 'b'] is not of type 'object'"),
    ("code: [\n", ":2: not valid YAML"),
])
def test_validation_errors_name_file_line_and_key(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlRuleError) as info:
        load_rule_file(path)
    assert str(info.value).startswith(str(path) + expected), str(info.value)


def test_yes_and_no_stay_text(tmp_path):
    rule = rule_from(tmp_path, "code: ACM160\nname: yes-no\nkind: substitution\nswap: {yes: yeah, on: upon}\n")
    assert RuleTester(rule).fix("Yes, on it.\n") == "Yeah, upon it.\n"


# -- time limit on user regexes ------------------------------------------------------------------
CATASTROPHIC = "code: ACM170\nname: slow\nkind: existence\npatterns: ['{pattern}']\nscope: paragraph\n"


@pytest.mark.parametrize("pattern, line", [
    ("(a+)+$", "a" * 5000 + "b"),  # polynomial in the regex package: seconds on a long line
    ("(a|aa)+$", "a" * 60 + "b"),  # exponential
])
def test_catastrophic_pattern_times_out_as_a_rule_failure(tmp_path, monkeypatch, pattern, line):
    monkeypatch.setattr(kinds, "REGEX_TIMEOUT", 0.05)
    rule = rule_from(tmp_path, CATASTROPHIC.format(pattern=pattern))
    with pytest.raises(PatternTimeout, match=r"took longer than 0.05 s"):  # stopped, not waited for
        rule().check(_ctx(line + "\n", rule))
    with pytest.raises(AssertionError, match="rule `slow` failed on this file: PatternTimeout: pattern /"):
        RuleTester(rule).lint(line + "\n")


def test_timeout_in_a_required_section_body_pattern(tmp_path, monkeypatch):
    monkeypatch.setattr(kinds, "REGEX_TIMEOUT", 0.05)
    rule = rule_from(tmp_path, "code: ACM171\nname: slow-body\nkind: required-section\nheading: x\n"
                               "body: '(a|aa)+$'\n", message="no {section}")
    with pytest.raises(AssertionError, match="PatternTimeout"):
        RuleTester(rule).lint("# X\n\n" + "a" * 60 + "b\n")


def _ctx(text, rule):
    import datetime as dt

    from medlint.document import Document
    from medlint.position import Source
    from medlint.rule import Context, RunContext

    return Context(Document("t.md", Source(text)), rule(), rule.severity, RunContext(today=dt.date(2026, 1, 1)))
