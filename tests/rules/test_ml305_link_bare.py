from medlint.rules.citations.ml305_link_bare import LinkBare
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(LinkBare)

test_link_bare = tester.cases(
    valid=[
        "See the [NHS guide](https://www.nhs.uk/) first.\n",
        "See <https://www.nhs.uk/> first.\n",
        "Code `https://example.org` is not prose.\n",
        "```\nhttps://example.org\n```\n",
        "Text.\n\n## References\n\n1. NHS. Guide. https://www.nhs.uk/\n",
        "A note[^1].\n\n[^1]: Source: https://example.org/page\n",
        "Email me at me@www.example.org please.\n",
        '<div>\n<a href="https://x.org/l">https://x.org/l</a> is a link.\n</div>\n',
        '<div title="https://x.org/attr">\nAn attribute is not prose.\n</div>\n',
    ],
    invalid=[
        Invalid("see https://example.org/guide.\n",
                errors=[Expect(1, 5, 1, 30, message_id="bare")], output="see <https://example.org/guide>.\n"),
        Invalid("Read this source.(https://x.org/a)\n",
                errors=[Expect(1, 19, 1, 34)], output="Read this source.(<https://x.org/a>)\n"),
        Invalid("Visit www.cdc.gov/flu today.\n", errors=[Expect(1, 7, 1, 22)], output=None),
        Invalid("Visit www.cdc.gov/flu today.\n", name="unsafe", unsafe=True, errors=[Expect(1, 7, 1, 22)],
                output="Visit [www.cdc.gov/flu](https://www.cdc.gov/flu) today.\n"),
        Invalid("> quoted https://x.org/q here\n", errors=[Expect(1, 10, 1, 25)]),
        Invalid("- item with http://x.org/1, and more\n", errors=[Expect(1, 13, 1, 27)]),
        Invalid("| a |\n|---|\n| https://x.org/t |\n", errors=[Expect(3, 3, 3, 18)]),
        Invalid("x\r\ny https://x.org/crlf z\r\n", errors=[Expect(2, 3, 2, 21)],
                output="x\r\ny <https://x.org/crlf> z\r\n"),
        Invalid("\ufeffhttps://x.org/bom\n", errors=[Expect(1, 1, 1, 18)], output="\ufeff<https://x.org/bom>\n"),
        Invalid("Wiki https://en.wikipedia.org/wiki/Vitamin_(nutrient) end\n", errors=[Expect(1, 6, 1, 54)]),
        # inside raw HTML "<...>" is not a link: the fix writes an <a> tag (unsafe: it adds markup)
        Invalid('<div class="note">\nSee https://x.org/h for more.\n</div>\n', errors=[Expect(2, 5, 2, 20)], output=None),
        Invalid('<div class="note">\nSee https://x.org/h for more.\n</div>\n', name="html-unsafe", unsafe=True,
                errors=[Expect(2, 5, 2, 20)],
                output='<div class="note">\nSee <a href="https://x.org/h">https://x.org/h</a> for more.\n</div>\n'),
    ],
)
