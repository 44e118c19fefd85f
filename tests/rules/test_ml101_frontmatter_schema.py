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
