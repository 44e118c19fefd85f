"""Position regression corpus: every node's span must point at the exact source text.

Each case: Markdown in, (node type, the node's expected source text, start line,
start column) out. The end position is checked through the text: the span's slice of
the original file must equal the expected text exactly.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document import Document
from medlint.markdown import mdx
from medlint.markdown.parser import MarkdownParser
from medlint.position import Source

FM = "---\ntitle: T\nauthor: A\n---\n"

CASES = [
    # (id, markdown, node type, expected source text, line, column)
    ("atx-heading", "# Title here\n", "heading", "Title here", 1, 3),
    ("atx-heading-closing", "## Title ##\n", "heading", "Title", 1, 4),
    ("setext-heading", "Title\n=====\n", "heading", "Title", 1, 1),
    ("paragraph", "Hello world.\n", "paragraph", "Hello world.", 1, 1),
    ("paragraph-two-lines", "One\ntwo\n", "paragraph", "One\ntwo", 1, 1),
    ("after-front-matter", FM + "\nBody text.\n", "paragraph", "Body text.", 6, 1),
    ("heading-after-fm", FM + "# H\n", "heading", "H", 5, 3),
    ("list-item-text", "- item one\n- item two\n", "block_text", "item two", 2, 3),
    ("list-item-node", "- item one\n- item two\n", "list_item", "- item two", 2, 1),
    ("ordered-list", "1. one\n2. two\n10. ten\n", "block_text", "ten", 3, 5),
    ("ordered-start", "3. three\n4. four\n", "block_text", "four", 2, 4),
    ("nested-list", "- a\n  - nested\n    - deeper\n", "block_text", "deeper", 3, 7),
    ("list-continuation", "- first\n  second line\n", "block_text", "first\n  second line", 1, 3),
    ("loose-list-paragraph", "- one\n\n  para two\n- x\n", "paragraph", "para two", 3, 3),
    ("marker-alone", "-\n  text below\n", "block_text", "text below", 2, 3),
    ("quote", "> quoted text\n", "paragraph", "quoted text", 1, 3),
    ("quote-no-space", ">quoted\n", "paragraph", "quoted", 1, 2),
    ("quote-two-lines", "> a\n> b\n", "paragraph", "a\n> b", 1, 3),
    ("quote-lazy", "> a\nlazy\n", "paragraph", "a\nlazy", 1, 3),
    ("nested-quote", "> > deep\n", "paragraph", "deep", 1, 5),
    ("quote-in-list", "- item\n  > quoted\n", "paragraph", "quoted", 2, 5),
    ("list-in-quote", "> - a\n> - b\n", "block_text", "b", 2, 5),
    ("indented-quote", "   > x\n", "paragraph", "x", 1, 6),
    ("table-cell-head", "| a | b |\n|---|---|\n| c | d |\n", "table_cell", "b", 1, 7),
    ("table-cell-body", "| a | b |\n|---|---|\n| c | dd |\n", "table_cell", "dd", 3, 7),
    ("table-no-pipes", "a | b\n--|--\nc | d\n", "table_cell", "d", 3, 5),
    ("table-in-list", "- x\n\n  | a | b |\n  |---|---|\n  | c | d |\n", "table_cell", "d", 5, 9),
    ("table-in-quote", "> | a | b |\n> |---|---|\n> | c | d |\n", "table_cell", "c", 3, 5),
    ("footnote-def", "x[^1]\n\n[^1]: The note.\n", "footnote_def", "[^1]: The note.", 3, 1),
    ("footnote-def-text", "x[^1]\n\n[^1]: The note.\n", "paragraph", "The note.", 3, 7),
    ("footnote-continued", "x[^n]\n\n[^n]: First\n    second\n", "paragraph", "First\n    second", 3, 7),
    ("fenced-code", "```\ncode\n```\n", "block_code", "```\ncode\n```", 1, 1),
    ("indented-code", "para\n\n    code\n", "block_code", "    code", 3, 1),
    ("html-comment", "<!-- medlint-disable x -->\n", "block_html", "<!-- medlint-disable x -->", 1, 1),
    ("thematic", "a\n\n---\n", "thematic_break", "---", 3, 1),
    # inline
    ("codespan", "Use `code` now.\n", "codespan", "`code`", 1, 5),
    ("double-codespan", "A ``co`de`` b\n", "codespan", "``co`de``", 1, 3),
    ("emphasis", "a *b* c\n", "emphasis", "*b*", 1, 3),
    ("strong", "a **b** c\n", "strong", "**b**", 1, 3),
    ("strike", "a ~~b~~ c\n", "strikethrough", "~~b~~", 1, 3),
    ("link", "see [the guide](https://x.org) now\n", "link", "[the guide](https://x.org)", 1, 5),
    ("link-title", 'see [g](https://x.org "T") now\n', "link", '[g](https://x.org "T")', 1, 5),
    ("link-parens-url", "see [g](https://x.org/a_(b)) now\n", "link", "[g](https://x.org/a_(b))", 1, 5),
    ("autolink", "see <https://x.org> now\n", "link", "<https://x.org>", 1, 5),
    ("ref-link", "see [g][r] now\n\n[r]: https://x.org\n", "link", "[g][r]", 1, 5),
    ("image", "an ![alt](i.png) x\n", "image", "![alt](i.png)", 1, 4),
    ("inline-html", "a <sup>1</sup> b\n", "inline_html", "<sup>", 1, 3),
    ("inline-comment", "a <!-- c --> b\n", "inline_html", "<!-- c -->", 1, 3),
    ("footnote-ref", "claim[^2] more\n\n[^2]: n\n", "footnote_ref", "[^2]", 1, 6),
    ("escape", "a \\* b [1]\n", "text", "\\*", 1, 3),
    ("entity", "a &amp; b\n", "text", "a &amp; b", 1, 1),
    ("link-in-list", "- see [g](u) x\n", "link", "[g](u)", 1, 7),
    ("codespan-in-quote", "> a `c` b\n", "codespan", "`c`", 1, 5),
    ("emphasis-second-line", "first\nthen *it*\n", "emphasis", "*it*", 2, 6),
    ("inline-in-nested-list", "- a\n  - b **c**\n", "strong", "**c**", 2, 7),
    ("link-in-table", "| a |\n|---|\n| [x](y) |\n", "link", "[x](y)", 3, 3),
    ("astral-chars", "💊 pill *x*\n", "emphasis", "*x*", 1, 8),
    ("cjk", "薬 *x*\n", "emphasis", "*x*", 1, 3),
]


def _find(root, node_type, expected):
    for node in root.walk():
        if node.type == node_type:
            yield node


def _check(src_text: str, node_type: str, expected: str, line: int, col: int) -> None:
    source = Source(src_text)
    doc = Document("t.md", source)
    candidates = [n for n in doc.root.walk() if n.type == node_type]
    assert candidates, f"no {node_type} node"
    slices = [(source.text[n.start:n.end], source.point(n.start)) for n in candidates]
    match = [s for s in slices if s[0] == expected]
    assert match, f"no {node_type} spans exactly {expected!r}; got {slices}"
    points = [(p.line, p.column) for _, p in match]
    assert (line, col) in points, f"{expected!r} at {points}, expected {(line, col)}"
    for n in candidates:
        assert not n.approximate, f"{n.type} span is approximate"


# The same file as written, saved with CRLF line ends, and with a UTF-8 BOM (not a
# column): every case must give the same lines and columns in all three.
SAVED_AS = {
    "lf": lambda text: text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "bom": lambda text: "\ufeff" + text,
}
saved_as = pytest.mark.parametrize("save", SAVED_AS.values(), ids=SAVED_AS.keys())


@saved_as
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_node_position(case, save):
    _, markdown, node_type, expected, line, col = case
    _check(save(markdown), node_type, expected, line, col)


# Sentences in every prose container (SPEC §12 "What is prose"): the sentence's source
# span must be exactly the expected text, from (line, column) to (end line, end column).
PROSE_CASES = [
    # (id, file name, text, expected source text, line, column, end line, end column)
    ("heading", "a.md", "## Stop taking it now\n", "Stop taking it now", 1, 4, 1, 22),
    ("list-item", "a.md", "- one\n- Stop it. Next.\n", "Stop it.", 2, 3, 2, 11),
    ("table-cell", "a.md", "| a | b |\n|---|---|\n| c | Stop it now. |\n", "Stop it now.", 3, 7, 3, 19),
    ("block-quote", "a.md", "> Myth: it *cures*.\n", "Myth: it *cures*.", 1, 3, 1, 20),
    ("alert-body", "a.md", "> [!WARNING]\n> Stop taking it. Call us.\n", "Call us.", 2, 19, 2, 27),
    ("alert-first", "a.md", "> [!WARNING]\n> Stop taking it.\n", "Stop taking it.", 2, 3, 2, 18),
    ("alert-two-lines", "a.md", "> [!TIP]\n> Stop\n> it.\n", "Stop\n> it.", 2, 3, 3, 6),
    ("alert-after-fm", "a.md", FM + "\n> [!NOTE]\n> Body.\n", "Body.", 7, 3, 7, 8),
    ("html-p", "a.md", '<div class="callout">\n  <p>Stop taking <b>it</b>.</p>\n</div>\n',
     "Stop taking <b>it</b>.", 2, 6, 2, 28),
    ("html-lines", "a.md", "<aside>\n    Stop taking\n    it now.\n</aside>\n", "Stop taking\n    it now.", 2, 5, 3, 12),
    ("html-second", "a.md", "<div>\nOne. Two &amp; three.\n</div>\n", "Two &amp; three.", 2, 6, 2, 22),
    ("html-after-comment", "a.md", "<div><!-- x --> After it.</div>\n", "After it.", 1, 17, 1, 26),
    ("html-in-list", "a.md", "- x\n\n  <div>\n  Stop it\n  now.\n  </div>\n", "Stop it\n  now.", 4, 3, 5, 7),
    ("html-in-quote", "a.md", "> <aside>\n> Stop taking\n>   it.</aside>\n", "Stop taking\n>   it.", 2, 3, 3, 8),
    ("html-markdown-inside", "a.md", "<div>\n\nInside *it*.\n\n</div>\n", "Inside *it*.", 3, 1, 3, 13),
    ("html-astral", "a.md", "<div>\n💊 Stop it.\n</div>\n", "💊 Stop it.", 2, 1, 2, 11),
    ("jsx-block", "a.mdx", '<Callout type="warning">\n  Stop taking it.\n</Callout>\n', "Stop taking it.", 2, 3, 2, 18),
    ("jsx-nested", "a.mdx", "<Tabs>\n  <Tab label=\"A\">\n    Stop it.\n  </Tab>\n</Tabs>\n", "Stop it.", 3, 5, 3, 13),
    ("jsx-expression", "a.mdx", "<Note>\n  Take {dose} mg. Then stop.\n</Note>\n", "Take {dose} mg.", 2, 3, 2, 18),
    ("jsx-after-esm", "a.mdx", FM + 'import X from "x"\n\n<X>\nStop it.\n</X>\n', "Stop it.", 8, 1, 8, 9),
    ("jsx-one-line", "a.mdx", "<Callout>One line. Two.</Callout>\n", "Two.", 1, 20, 1, 24),
    ("jsx-table-cell", "a.mdx", "<Table>\n| a | b |\n|---|---|\n| c | Stop it now. |\n</Table>\n", "Stop it now.",
     4, 7, 4, 19),
    ("jsx-indented", "a.mdx", "<Tabs>\n  <Tab>\n        Deep text.\n  </Tab>\n</Tabs>\n", "Deep text.", 3, 9, 3, 19),
    ("jsx-multiline-tag", "a.mdx", '<Callout\n  type="tip">\n- Stop it.\n</Callout>\n', "Stop it.", 3, 3, 3, 11),
    ("mdx-paragraph-expression", "a.mdx", "A {x} b. Next one.\n", "Next one.", 1, 10, 1, 19),
]


def _check_sentence(text: str, path: str, expected: str, line: int, col: int, end_line: int, end_col: int) -> None:
    source = Source(text)
    doc = Document(path, source)
    spans = [(source.text[s:e], source.point(s), source.point(e)) for s, e in (x.span() for x in doc.sentences)]
    match = [(tuple(p), tuple(q)) for t, p, q in spans if t == expected]
    assert match, f"no sentence spans exactly {expected!r}; got {[t for t, _, _ in spans]}"
    assert ((line, col), (end_line, end_col)) in match, match


@saved_as
@pytest.mark.parametrize("case", PROSE_CASES, ids=[c[0] for c in PROSE_CASES])
def test_prose_position(case, save):
    _, path, text, expected, *where = case
    _check_sentence(save(text), path, expected, *where)


def test_crlf_original_offsets_skip_carriage_returns():
    source = Source("ab\r\ncd\r\nef")
    assert source.text == "ab\ncd\nef"
    off = source.text.index("e")
    assert source.original[source.original_offset(off)] == "e"
    assert tuple(source.point(off)) == (3, 1)


def test_tabs_in_list_items_keep_columns():
    src = "-\titem\twith tab\n"
    doc = Document.from_text(src)
    text = next(n for n in doc.root.walk() if n.type == "block_text")
    assert src[text.start:text.end] == "item\twith tab"
    assert tuple(doc.point(text.start)) == (1, 3)


def test_sentences_map_back_to_source():
    src = FM + "\n> Quote *one*. Quote `two` here.\n\n- Item [link](http://x) end. Next.\n"
    doc = Document.from_text(src)
    for sentence in doc.sentences:
        start, end = sentence.span()
        original = src[start:end]
        # prose replaces code with one object char; otherwise the words are the source's
        assert original.split()[0].strip("*") == sentence.text.split()[0].strip("*")
    quoted = [s for s in doc.sentences if s.block.quoted]
    assert [src[slice(*s.span())] for s in quoted] == ["Quote *one*.", "Quote `two` here."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab *_`[]()<>!#>-1.|\n\t\\:^~") + ["\r\n", "\r", "💊", "é"]), max_size=120)
       .map("".join))
def test_every_span_lies_inside_the_text(text):
    """For any input: parsing never raises and every span is a valid slice."""
    source = Source(text)
    root = MarkdownParser().parse(source.text)
    for node in root.walk():
        assert 0 <= node.start <= node.end <= len(source.text), node
        p = source.point(node.start)
        assert source.offset(p.line, p.column) == node.start


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["word", "*em*", "`c`", "[l](u)", "**b**", "x[^1]", "[2]", "<br>"]),
                min_size=1, max_size=12),
       st.sampled_from(["", "> ", "- ", "1. ", "> - ", "- > "]))
def test_inline_spans_are_exact_in_containers(parts, prefix):
    """Every exactly-aligned inline node's slice matches its own syntax."""
    body = " ".join(parts)
    src = prefix + body + "\n\n[^1]: note\n"
    source = Source(src)
    root = MarkdownParser().parse(source.text)
    for node in root.walk():
        if node.type == "codespan":
            assert src[node.start:node.end] == "`c`"
        elif node.type == "emphasis":
            assert src[node.start:node.end] == "*em*"
        elif node.type == "strong":
            assert src[node.start:node.end] == "**b**"
        elif node.type == "link":
            assert src[node.start:node.end] == "[l](u)"
        elif node.type == "footnote_ref":
            assert src[node.start:node.end] == "[^1]"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "word", " ", "  ", "\t", "1.", "2)", "&amp;", "&#42;", "&", "#", "-", "+",
                                 "=", "|", ":", "(", ")", "'", '"', "é", "http://x.org", "www.x.org", "a@b.org",
                                 "^", "$", "{", "}", "%", "\r", ">", "mg/kg", "x", "y"]),
                min_size=1, max_size=30).map("".join))
def test_plain_text_shortcut_matches_mistune(text):
    """Text the parser does not hand to mistune's inline parser (no character that
    can start an inline rule) is exactly what mistune returns as one text token."""
    parser = MarkdownParser()
    assert parser.plain_text is not None and parser.plain_text.triggers.search(text) is None
    assert parser.plain_text.plain(text, references=True)
    assert parser.inline(text, {"ref_links": {}}) == [{"type": "text", "raw": text}]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "[1]", "[2, 3]", "[1-3]", "[^1]", "[a]", "](", "(", ")", "![", "!", "a",
                                 " word", " ", ".", ":", "[x]: ", "^", "\\", "&amp;", "é", "-", "\u2013", "*"]),
                min_size=1, max_size=30).map("".join))
def test_bracket_shortcut_matches_mistune(text):
    """In a document without link reference definitions, text whose only inline
    syntax is brackets that cannot make a link ("[1]", "[2, 3]") is what mistune
    returns as one text token; the shortcut never takes text mistune reads otherwise."""
    parser = MarkdownParser()
    one_token = parser.inline(text, {"ref_links": {}}) == [{"type": "text", "raw": text}]
    if parser.plain_text.plain(text, references=False):
        assert one_token
    if parser.plain_text.plain(text, references=True):
        assert parser.plain_text.triggers.search(text) is None and one_token


def test_plain_text_shortcut_is_active():
    parser = MarkdownParser()
    assert parser.plain_text is not None
    for char in "\n\\*_[]!<`~":
        assert parser.plain_text.triggers.search("a" + char), char
    assert parser.plain_text.plain("plain words, 1.5 mg & more (here).", references=True)
    assert parser.plain_text.plain("Take it with food [1]. Most people do [2, 3].", references=False)
    for text in ("See [the guide](https://x.org).", "A note[^1].", "![a picture]", "*Stop* [1]."):
        assert not parser.plain_text.plain(text, references=False), text


@pytest.mark.parametrize("text, link", [
    ("Take it with food [1].\n", False),
    ("Take it with food [1].\n\n[1]: https://example.org\n", True),
])
def test_citation_brackets_are_links_only_with_a_reference_definition(text, link):
    root = MarkdownParser().parse(text)
    paragraph = root.children[0]
    assert [c.type for c in paragraph.children] == (["text", "link", "text"] if link else ["text"])
    if link:
        assert text[paragraph.children[1].start:paragraph.children[1].end] == "[1]"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<Callout x=\"1\">", "</Callout>",
                                 "<br>", "<!-- c -->", "<code>x</code>", "&amp;", "{e}", "Stop it.", "word", " ",
                                 "\n", "\n\n", "  ", "> ", "- ", "💊", "<script>s</script>", "<a href=\"u\">l</a>",
                                 "```", "\nimport x\n", "{a\nb}", "\\{", "<X\n  y=\"1\">", "/>", "'"]),
                min_size=1, max_size=30).map("".join),
       st.sampled_from(["a.md", "a.mdx"]), st.sampled_from(["", "> ", "- "]))
def test_html_and_jsx_text_spans_are_exact(body, path, prefix):
    """Any HTML/JSX: the Document builds, and every text node of an HTML block's prose
    is exactly its own source text (text nodes never cross a line)."""
    text = prefix + body
    source = Source(text)
    doc = Document(path, source)
    parsed = mdx.mask(source.text) if path.endswith(".mdx") else source.text  # what the parser saw
    assert len(parsed) == len(source.text)
    assert [i for i, c in enumerate(parsed) if c == "\n"] == [i for i, c in enumerate(source.text) if c == "\n"]
    for block in doc.blocks:
        for node in block.node.walk():
            assert 0 <= node.start <= node.end <= len(source.text)
            if node.type == "text" and block.kind == "html_text":
                assert parsed[node.start:node.end] == node.raw
        for sentence in block.sentences:
            start, end = sentence.span()
            assert 0 <= start <= end <= len(source.text)
