"""The Document model: what rules query."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from medlint.document import Document
from medlint.language.sentences import split

ARTICLE = """---
title: T
---
# Vitamin D

Vitamin D helps bones [1]. Most people get enough from the sun [2, 3].

## Who needs more?

- Older adults[^old].
- People with dark skin <sup>3</sup>.

> Myth: vitamin D cures colds.

## References

1. NIH ODS. Vitamin D. https://ods.od.nih.gov/
2. .
3. NHS. Vitamin D.

[^old]: Older skin makes less vitamin D.
"""


@pytest.fixture(scope="module")
def doc():
    return Document.from_text(ARTICLE, "vit-d.md")


def test_sections_nest_by_level(doc):
    assert [(s.level, s.title, s.parent.title if s.parent else None) for s in doc.sections] == [
        (1, "Vitamin D", None), (2, "Who needs more?", "Vitamin D"), (2, "References", "Vitamin D")]
    assert doc.references_section.title == "References"
    assert doc.section_at(ARTICLE.index("Older adults")).title == "Who needs more?"
    assert doc.section_at(0) is None


def test_references_are_list_items_and_footnotes(doc):
    refs = [(r.kind, r.number, r.key, doc.point(r.node.start).line) for r in doc.references]
    assert refs == [("list", 1, None, 17), ("list", 2, None, 18), ("list", 3, None, 19), ("footnote", None, "OLD", 21)]


def test_citations(doc):
    cites = [(c.kind, c.numbers, c.key, tuple(doc.point(c.start))) for c in doc.citations]
    assert cites == [("bracket", (1,), None, (6, 23)), ("bracket", (2, 3), None, (6, 64)),
                     ("footnote", (), "OLD", (10, 15)), ("sup", (3,), None, (11, 25))]


def test_quotes_references_and_footnotes_are_flagged(doc):
    quoted = [b.text for b in doc.blocks if b.quoted]
    assert quoted == ["Myth: vitamin D cures colds."]
    assert all(b.in_references for b in doc.blocks if "NIH ODS" in b.text)
    assert [b.text for b in doc.blocks if b.in_footnote] == ["Older skin makes less vitamin D."]
    assert not any("NIH" in b.text for b in doc.prose_blocks())


def test_list_items_are_their_own_units(doc):
    items = [b for b in doc.blocks if b.kind == "block_text"]
    assert items[0].unit is not items[1].unit
    assert items[0].unit.type == "list_item"


def test_prose_replaces_code_and_autolinks():
    d = Document.from_text("Use `stop taking` or <https://x.org> now.\n")
    assert d.blocks[0].text == "Use \ufffc or \ufffc now."
    start, end = d.blocks[0].sentences[0].span()
    assert (start, end) == (0, 41)


@pytest.mark.parametrize("text, sentences", [
    ("One. Two! Three?", ["One.", "Two!", "Three?"]),
    ("Dr. Smith said so. Then left.", ["Dr. Smith said so.", "Then left."]),
    ("Take 2.5 mg daily. Then stop.", ["Take 2.5 mg daily.", "Then stop."]),
    ("It helps, e.g. for sleep. Yes.", ["It helps, e.g. for sleep.", "Yes."]),
    ("Bones need it.[1] Skin too.", ["Bones need it.[1]", "Skin too."]),
    ("Bones need it. [1, 2] Skin too.", ["Bones need it. [1, 2]", "Skin too."]),
    ("J. Smith wrote it. Fine.", ["J. Smith wrote it.", "Fine."]),
    ("He said \"stop.\" Then went.", ["He said \"stop.\"", "Then went."]),
    ("lower case. continues here", ["lower case. continues here"]),
    ("Ask\u00a0Dr. Lee. Then\u2029stop.", ["Ask\u00a0Dr. Lee.", "Then\u2029stop."]),
    ("See Fig. 2 and vs. 3. Done.", ["See Fig. 2 and vs. 3.", "Done."]),
    ("Take it at 8 a.m. Daily.", ["Take it at 8 a.m. Daily."]),
    ("A line ends in Dr\n. Next one.", ["A line ends in Dr\n. Next one."]),
    ("Under_score. Next.", ["Under_score.", "Next."]),
    ("", []),
])
def test_sentence_splitting(text, sentences):
    assert [text[s:e] for s, e in split(text)] == sentences


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab .!?\n\t\u00a0\u201d)_1JD") + ["Dr", "e.g", "[1]", "etc"])))
def test_sentences_are_ordered_trimmed_and_cover_the_text(pieces):
    text = "".join(pieces)
    spans = split(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(text.split()) == "".join(covered.split())


@pytest.mark.parametrize("title, is_references", [
    ("References", True), ("References and further reading", True), ("Sources", True),
    ("Sources & citations", True), ("5. References", True), ("Bibliography:", True), ("Works cited", True),
    ("Sources of vitamin D", False), ("Food sources of iron", False), ("Further reading", False),
    ("Reference ranges for blood tests", False),
])
def test_references_heading_variants(title, is_references):
    doc = Document.from_text(f"# T\n\nText.\n\n## {title}\n\n1. Smith J. Title.\n")
    assert (doc.references_section is not None) == is_references


def test_references_written_as_lines_and_adjacent_markers():
    doc = Document.from_text("Text [1][2] and [3].\n\n## Sources\n\n[1] Smith J. A.\n[2] Jones K. B.\n[3] .\n")
    assert [(r.number, r.text, tuple(doc.point(r.node.start))) for r in doc.references] == [
        (1, "Smith J. A.", (5, 1)), (2, "Jones K. B.", (6, 1)), (3, ".", (7, 1))]
    assert [c.numbers for c in doc.citations] == [(1,), (2,), (3,)]


def test_claim_inputs_are_made_on_demand_and_match_the_sentences():
    """Document.claims gives the analyser a lazy sequence (memory of big articles);
    each item is the SentenceInput the eager list held."""
    from medlint.claims import SentenceInput, SentenceInputs

    doc = Document.from_text("# Iron\n\n## Myths\n\nIron causes fatigue. It helps.\n\n> Quoted iron causes gout.\n")
    sentences = [s for b in doc.prose_blocks(quoted=True) if b.kind != "heading" for s in b.sentences]
    contexts = [(("Iron", "Myths"), 0, False), (("Iron",), 1, True)]
    inputs = SentenceInputs(sentences, contexts, [0, 0, 1])
    assert len(inputs) == 3
    assert list(inputs) == [SentenceInput("Iron causes fatigue.", ("Iron", "Myths"), 0, False),
                            SentenceInput("It helps.", ("Iron", "Myths"), 0, False),
                            SentenceInput("Quoted iron causes gout.", ("Iron",), 1, True)]
    assert inputs[-1] == inputs[2] and inputs[1:2] == [inputs[1]]
    assert SentenceInputs.of(inputs) is inputs
    assert list(SentenceInputs.of(list(inputs))) == list(inputs)
