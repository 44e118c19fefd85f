
import pytest

from medlint.rules.clinical.ml403_claim_registry_conflict import ClaimRegistryConflict
from medlint.testing import Expect, RuleTester

REGISTRY = """claims:
  - id: b12-oral-no-cramps
    subject: vitamin_b12
    effect: muscle_cramps
    stance: negative
    qualifiers: {route: oral}
    source: NIH ODS Vitamin B12 fact sheet
  - id: antibiotics-do-not-treat-colds
    subject: antibiotics
    relation: treats
    effect: common_cold
    stance: negative
    source: NICE NG120
"""


@pytest.fixture
def tester(tmp_path):
    path = tmp_path / "registry.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return RuleTester(ClaimRegistryConflict, files={"claims": [str(path)]})


def test_conflict_names_entry_and_source(tester, tmp_path):
    [finding] = tester.lint("Intro.\n\nTaking B12 tablets can cause muscle cramps.\n")
    assert (finding.line, finding.column) == (3, 8)
    assert "b12-oral-no-cramps" in finding.message and "NIH ODS Vitamin B12 fact sheet" in finding.message
    assert finding.related[0].path.endswith("registry.yaml") and finding.related[0].line == 2


@pytest.mark.parametrize("text", [
    "Taking B12 tablets does not cause muscle cramps.\n",
    "B12 injections can rarely cause cramps.\n",  # different route: registry is silent
    "Iron can cause constipation.\n",
])
def test_agreeing_or_unrelated_claims_pass(tester, text):
    assert tester.lint(text) == []


@pytest.mark.parametrize("text, column", [
    ("Antibiotics treat colds.\n", 1),
    # a registry entry about a class covers its members
    ("Amoxicillin can treat colds.\n", 1),
])
def test_registry_entry_of_another_relation_and_class(tester, text, column):
    [finding] = tester.lint(text)
    assert (finding.line, finding.column) == (1, column)
    assert "antibiotics-do-not-treat-colds" in finding.message


@pytest.mark.parametrize("text", [
    "Antibiotics can cause colds.\n",  # another relation: the registry entry is about treating
    "Antibiotics do not treat colds.\n",
])
def test_registry_relations_are_compared_only_with_themselves(tester, text):
    assert tester.lint(text) == []


def test_no_registry_no_findings():
    assert RuleTester(ClaimRegistryConflict).lint("B12 tablets can cause cramps.\n") == []
