"""ACM101 no-detox: the YAML rule's own examples, plus a table with exact positions."""

from acme_medlint import RULES
from medlint.testing import Expect, Invalid, RuleTester
from medlint.testing.plugin import yaml_examples

# Every example in src/acme_medlint/rules/*.yaml, one test each (like `medlint test-rules`).
test_rule_file_examples = yaml_examples("../src/acme_medlint/rules")

NoDetox = next(rule for rule in RULES if rule.code == "ACM101")
tester = RuleTester(NoDetox)

test_no_detox = tester.cases(
    valid=[
        "Opioid detox is a medical treatment.\n",
        "The body has its own waste filters.\n",
    ],
    invalid=[
        Invalid("Try a detox.\n", errors=[Expect(1, 7, 1, 12)]),
        Invalid("These teas flush out toxins.\n", errors=[Expect(1, 12, 1, 28)]),
    ],
)


def test_rules_are_ordinary_medlint_rules():
    assert [(r.code, r.name) for r in RULES] == [("ACM001", "brand-terms"), ("ACM101", "no-detox")]
