"""The Document: everything rules may ask about one article, computed once.

Rules never re-read or re-parse the file. They query this model: front matter (with
key positions), the Markdown tree (every node with its span), sections by heading,
prose blocks and their sentences, links, citation markers and reference entries.
All offsets are into ``source.text``; ``Document.point`` turns them into positions.

**What is prose** (SPEC §12): every piece of text a reader reads is one
``ProseBlock``, tagged with the container it sits in (``ProseBlock.container``, a
``Container``): paragraphs, headings, list items, table cells, block quotes, GitHub
alerts (``> [!WARNING]``; the marker line is not prose), the text inside raw HTML
blocks (``<div class="callout">``, ``<aside>``, ``<details>``) and, in ``.mdx`` files,
inside JSX components. Not prose: code, URLs, HTML tags, attributes and comments,
``<script>``/``<style>`` content, and in ``.mdx`` the ``import``/``export`` blocks and
``{expressions}``. ``ProseBlock.quoted`` marks text inside a block quote (not an
alert), so claims can skip quoted myths while safety rules still read them.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Collection, Iterator

from . import front_matter as fm_mod
from .markdown import mdx
from .markdown.nodes import LEAF_BLOCKS, Element, Node
from .markdown.parser import MarkdownParser
from .language import sentences as sentence_splitter
from .position import Point, Source

OBJECT = "\ufffc"  # stands in for non-prose (inline code, images, autolinks)
REFERENCES_HEADING = re.compile(
    r"^[\W\d]*(?:references?|sources?(?!\s+of\b)|citations?|bibliography|works\s+cited|"
    r"literature(?:\s+cited)?|notes\s+and\s+references)\b"
    r"(?:\s*(?:and|&)\s+[\w ]+)?[\W]*$",
    re.I,
)
# A reference number: as many digits as a Markdown ordered-list item may have, so
# that every numbered reference entry can be cited (markers and entries agree).
_NUMBER = r"\d{1,9}"
# A references section written as lines of text: "[3] Smith J. ..." or "3. Smith J. ...".
_REFERENCE_LINE = re.compile(rf"^[ \t]*(?:\[({_NUMBER})\]|({_NUMBER})[.)])[ \t]*(.*)$", re.M)
_BRACKET_MARKER = re.compile(rf"\[({_NUMBER}(?:\s*[-\u2013\u2014,]\s*{_NUMBER})*)\](?!\()")
_SUP_MARKER = re.compile(rf"<sup>\s*({_NUMBER}(?:\s*[-\u2013,]\s*{_NUMBER})*)\s*</sup>", re.I)
_MAX_RANGE = 500
# Longer "sentences" (a megabyte on one line) are not read for claims: see docs/limits.md.
MAX_CLAIM_SENTENCE = 2000
# A GitHub alert: a block quote whose first line is only "[!NOTE]", "[!WARNING]", ...
_ALERT_MARKER = re.compile(r"\[!(note|tip|important|warning|caution)\][ \t]*(?:\n|$)", re.I)
# A JSX component opening a paragraph of an .mdx file ("<Callout type="warning">Text</Callout>").
_COMPONENT_TAG = re.compile(r"<([A-Z][\w.]*)")


class Container(StrEnum):
    """Where a prose block sits: its innermost container (``ProseBlock.container``).

    A paragraph inside a list item inside a warning alert is ``LIST_ITEM``; that it is
    also in the alert is told by ``ProseBlock.alert`` (and by ``quoted`` for a block
    quote, ``element`` for an HTML element or JSX component)."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    BLOCK_QUOTE = "block_quote"
    ALERT = "alert"  # a GitHub alert: > [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]
    HTML = "html"  # text inside a raw HTML block, or Markdown between an HTML block's tags
    JSX = "jsx"  # the same inside a JSX component of an .mdx file


# Plain module names for the members (an Enum attribute lookup costs ~10x a global's).
_PARAGRAPH, _HEADING, _LIST_ITEM, _TABLE_CELL = (Container.PARAGRAPH, Container.HEADING, Container.LIST_ITEM,
                                                 Container.TABLE_CELL)
_BLOCK_QUOTE, _ALERT, _HTML, _JSX = Container.BLOCK_QUOTE, Container.ALERT, Container.HTML, Container.JSX


@dataclass(eq=False)
class Section:
    heading: Node
    level: int
    title: str
    start: int
    end: int
    parent: "Section | None" = None

    def path(self) -> tuple[str, ...]:
        """The titles from the outermost section down to this one."""
        return self._path

    @cached_property
    def _path(self) -> tuple[str, ...]:
        return (*self.parent._path, self.title) if self.parent is not None else (self.title,)


@dataclass(eq=False, slots=True)
class ProseBlock:
    """One block of reader-visible text: a paragraph, a list item's text, a heading, a
    table cell, or a stretch of text inside an HTML block or JSX component.

    - ``container``: the innermost container (a ``Container``); ``kind`` is the
      Markdown node type (``paragraph``, ``block_text`` for a tight list item,
      ``heading``, ``table_cell``, ``html_text``).
    - ``quoted``: inside a block quote that is not an alert (quoted material).
    - ``alert``: the alert type ("warning", "note", ...) when inside a GitHub alert.
    - ``element``: the innermost HTML element or JSX component around the text.
    - ``unit``: the node that bounds "the adjacent sentence": the list item, else the
      block itself; ``next_in_list``: the first block of the next item of the same list.
    """

    node: Node
    text: str
    # (prose start, source start, prose length, source end) runs, sorted by prose start;
    # a run whose lengths differ stands for one non-prose object or a line break.
    segments: list[tuple[int, int, int, int]]
    section: Section | None
    quoted: bool
    in_references: bool
    in_footnote: bool
    unit: Node  # the paragraph or list item: "adjacent sentence" means within this
    sentences: list["Sentence"] = field(default_factory=list)
    container: Container = Container.PARAGRAPH
    alert: str | None = None
    element: Element | None = None
    next_in_list: "ProseBlock | None" = None
    _segment_starts: list[int] | None = field(default=None, init=False, repr=False)

    def offset(self, i: int) -> int:
        """Source offset where prose character ``i`` starts."""
        seg = self._segment(i)
        if seg is None:
            return self.node.start
        pstart, sstart, plen, send = seg
        if send - sstart == plen:
            return sstart + min(i - pstart, plen)
        return sstart

    def end_offset(self, j: int) -> int:
        """Source offset just past prose character ``j - 1`` (for exclusive ends)."""
        seg = self._segment(j - 1)
        if seg is None:
            return self.node.start
        pstart, sstart, plen, send = seg
        if send - sstart == plen:
            return sstart + min(j - pstart, plen)
        return send

    def _segment(self, i: int) -> tuple[int, int, int, int] | None:
        if not self.segments:
            return None
        keys = self._segment_starts
        if keys is None:
            keys = self._segment_starts = [s[0] for s in self.segments]
        k = max(bisect.bisect_right(keys, i) - 1, 0)
        return self.segments[k]

    def prose_range(self, source_start: int, source_end: int) -> tuple[int, int] | None:
        """The prose range (``text[lo:hi]``) whose text comes from inside the source
        span ``source_start``..``source_end`` (a link's span, say); None when no prose does."""
        inside = [seg for seg in self.segments if seg[1] >= source_start and seg[3] <= source_end]
        if not inside:
            return None
        return inside[0][0], inside[-1][0] + inside[-1][2]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of prose ``text[start:end]``."""
        if end <= start:
            s = self.offset(start)
            return s, s
        return self.offset(start), self.end_offset(end)

    @property
    def kind(self) -> str:
        return self.node.type


@dataclass(eq=False, slots=True)
class Sentence:
    block: ProseBlock
    index: int  # within its block
    start: int  # prose offsets within block.text
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Source span of ``text[start:end]``."""
        end = len(self.text) if end is None else end
        return self.block.span(self.start + start, self.start + end)


@dataclass(eq=False)
class Reference:
    kind: str  # "list" or "footnote"
    node: Node
    number: int | None
    key: str | None
    text: str  # the entry's source text (trimmed)


@dataclass(eq=False)
class Citation:
    kind: str  # "bracket" ([3], [1-3]), "footnote" ([^3]) or "sup" (<sup>3</sup>)
    start: int
    end: int
    numbers: tuple[int, ...] = ()
    key: str | None = None
    block: ProseBlock | None = None


@dataclass(eq=False)
class Link:
    node: Node
    url: str
    autolink: bool
    block: ProseBlock | None


@dataclass(eq=False)
class ClaimAt:
    """A claim (see ``medlint.claims.Claim``) and the sentence it was found in."""

    claim: Any
    sentence: Sentence

    def span(self) -> tuple[int, int]:
        return self.sentence.span(self.claim.start, self.claim.end)


@dataclass(eq=False)
class Comment:
    """An HTML comment (where suppressions live), with its inner text."""

    node: Node
    body: str


class Document:
    def __init__(self, path: str, source: Source, parser: MarkdownParser | None = None):
        self.path = path
        self.source = source
        self.text = source.text
        self.front_matter = fm_mod.split(self.text)
        #: An .mdx file: JSX components, ESM and {expressions} (see markdown/mdx.py).
        self.mdx = path.lower().endswith(".mdx")
        parser = parser or default_parser(mdx=self.mdx)
        parsed = fm_mod.blank_out(self.text, self.front_matter)
        self._components: _Components | None = None
        if self.mdx:
            parsed, tags = mdx.scan(parsed)
            if tags:
                self._components = _Components(tags, len(parsed))
        self.root = parser.parse(parsed)
        #: (start, end) spans nested too deeply to parse, read as plain text (markdown-too-deep).
        self.unparsed: list[tuple[int, int]] = self.root.attrs.get("unparsed", [])
        # What the prose is cut from: the text itself, except in MDX, whose scan
        # changes more than the front matter (only blanked, where no prose is).
        self._parsed = parsed if self.mdx else self.text
        del parsed
        self.sections: list[Section] = []
        self.blocks: list[ProseBlock] = []
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self.references: list[Reference] = []
        self.references_section: Section | None = None
        self._claims: dict[int, tuple] = {}
        self._build()
        del self._parsed  # only building needs it

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> "Document":
        return cls(path, Source(text))

    # -- positions -------------------------------------------------------
    def point(self, offset: int) -> Point:
        return self.source.point(offset)

    # -- queries ---------------------------------------------------------
    @property
    def data(self) -> dict:
        """Front-matter data (empty when absent or not a mapping)."""
        return self.front_matter.mapping

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]

    def prose_blocks(self, *, quoted: bool = False, references: bool = False,
                     containers: Collection[Container] | None = None) -> Iterator[ProseBlock]:
        """Prose blocks; block quotes and the references section are skipped unless asked
        for; with ``containers``, only blocks whose ``container`` is one of them."""
        for block in self.blocks:
            if block.quoted and not quoted:
                continue
            if block.in_references and not references:
                continue
            if containers is not None and block.container not in containers:
                continue
            yield block

    @cached_property
    def citations(self) -> list[Citation]:
        out: list[Citation] = []
        for block in self.blocks:
            if block.in_references and not block.in_footnote:
                continue  # entry labels in the references list are not citations
            self._citations_in(block.node, block, out)
        return out

    def claims(self, lexicon=None) -> list["ClaimAt"]:  # type: ignore[no-untyped-def]
        """The causal claims in the article's prose (block quotes are passed as
        quotations, never claims; references and footnotes are not prose), each with
        the sentence it came from. Computed once per lexicon."""
        from .claims import ClaimLexicon, SentenceInputs, extract_claims

        lexicon = lexicon or ClaimLexicon.default()
        cached = self._claims.get(id(lexicon))
        if cached is not None and cached[0] is lexicon:
            return cached[1]
        sentences: list[Sentence] = []
        contexts: list[tuple[tuple[str, ...], int, bool]] = []  # per block: headings, paragraph, quoted
        # per sentence: its block's entry in ``contexts`` (8 bytes each, not an int object)
        context_of = array("q")
        units: dict[int, int] = {}
        for block in self.prose_blocks(quoted=True):
            if block.in_footnote or block.kind == "table_cell":
                continue
            headings = block.section.path() if block.section else ()
            if block.kind == "heading":
                headings = headings[:-1]
            contexts.append((headings, units.setdefault(id(block.unit), len(units)), block.quoted))
            # Sentences longer than MAX_CLAIM_SENTENCE are not sentences a reader reads (a
            # run-on blob): no claim. A block no longer than that holds none.
            kept = block.sentences if len(block.text) <= MAX_CLAIM_SENTENCE else [
                s for s in block.sentences if s.end - s.start <= MAX_CLAIM_SENTENCE
            ]
            sentences.extend(kept)
            context_of.extend([len(contexts) - 1] * len(kept))
        inputs = SentenceInputs(sentences, contexts, context_of)
        found = [ClaimAt(c, sentences[c.sentence]) for c in extract_claims(inputs, lexicon)]
        self._claims[id(lexicon)] = (lexicon, found)
        return found

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing ``offset`` (None before the first heading)."""
        i = bisect.bisect_right(self._section_starts, offset) - 1
        section = self.sections[i] if i >= 0 else None
        while section is not None and not section.start <= offset < section.end:
            section = section.parent
        return section

    def outline(self) -> list[tuple[int, str]]:
        """(1-based line, title as written) of each section heading, in order: the
        heading's source text (inline markup kept, the lines of a setext heading
        joined by a space). Plain data: it travels with a result where the Document
        does not (the baseline fingerprints findings under these titles)."""
        return [(self.point(s.heading.start).line, " ".join(self.text[s.heading.start:s.heading.end].splitlines()))
                for s in self.sections]

    def blocks_after_appending(self, text: str) -> list[Node]:
        """The top-level blocks the file's last block and ``text`` form when ``text``
        is appended to the file: a fix that appends can check that its text lands as
        a block of its own, and not inside a block that runs to the end of the file
        (an unclosed code fence, HTML comment or ``<pre>``). Only the last block and
        ``text`` are parsed."""
        children = self.root.children
        start = self.source.line_start(self.point(children[-1].start).line) if children else len(self.text)
        return default_parser().parse(self.text[start:] + text).children

    def first_prose_offset(self) -> int:
        for block in self.prose_blocks():
            if block.kind != "heading" and block.text.strip():
                return block.node.start
        return self.front_matter.end if self.front_matter.present else 0

    # -- building ----------------------------------------------------------
    def _build(self) -> None:
        self._build_sections()
        footnotes: list[Node] = []
        leaves: list[Node] = []
        lists: list[Node] = []
        html: list[Node] = []
        self._alerts: dict[int, str] = {}
        stack = [self.root]  # Node.walk's order, without a generator step per node
        while stack:
            node = stack.pop()
            if node.children:
                stack.extend(reversed(node.children))
            t = node.type
            if t == "text":
                continue  # most nodes
            if t in LEAF_BLOCKS:
                leaves.append(node)
            elif t == "footnote_def":
                footnotes.append(node)
            elif t == "link":
                self.links.append(Link(node, node.attrs.get("url", ""),
                                       self.text.startswith("<", node.start) and "html" not in node.attrs, None))
            elif t == "list":
                lists.append(node)
            elif t == "block_quote":
                self._alert(node)
            elif (t == "block_html" or t == "inline_html") and node.raw:
                if node.raw.lstrip().startswith("<!--"):
                    body = node.raw.strip()
                    body = body[4:-3] if body.endswith("-->") else body[4:]
                    self.comments.append(Comment(node, body.strip()))
                elif "html" in node.attrs:
                    html.append(node)
        enclosing = self._enclosing(html) if html else None
        for node in leaves:
            self._add_block(node, enclosing)
        if lists:
            self._link_list_items(lists)
        block_by_node = {id(b.node): b for b in self.blocks}
        for link in self.links:
            for anc in link.node.ancestors():
                if id(anc) in block_by_node:
                    link.block = block_by_node[id(anc)]
                    break
        self._build_references(footnotes)

    def _alert(self, quote: Node) -> None:
        first = quote.children[0] if quote.children else None
        if first is not None and first.type == "paragraph":
            m = _ALERT_MARKER.match(self.text, first.start)
            if m:
                self._alerts[id(quote)] = m.group(1).lower()
                self._alerts[id(first)] = m.group(0).rstrip()

    def _enclosing(self, html: list[Node]) -> dict[int, Element]:
        """Blocks that sit between an HTML block's open tag and the block that closes it
        (``<div class="callout">``, a blank line, Markdown, ``</div>``): node id → the
        innermost open element. Also records comments inside HTML blocks."""
        enclosing: dict[int, Element] = {}
        parents: dict[int, Node] = {}
        for node in html:
            for start, end, body in node.attrs["html"].comments:
                self.comments.append(Comment(Node("html_comment", start, end, parent=node), body))
            if node.parent is not None:
                parents[id(node.parent)] = node.parent
        for parent in parents.values():
            stack: list[Element] = []
            for child in parent.children:
                if stack:
                    enclosing[id(child)] = stack[-1]
                found = child.attrs.get("html") if child.type == "block_html" else None
                if found is None:
                    continue
                for tag in found.closes:
                    for i in range(len(stack) - 1, -1, -1):
                        if stack[i].tag.lower() == tag:
                            del stack[i:]
                            break
                stack.extend(found.opens)
        return enclosing

    def _link_list_items(self, lists: list[Node]) -> None:
        by_unit: dict[int, list[ProseBlock]] = {}
        for block in self.blocks:
            if block.unit.type == "list_item":
                by_unit.setdefault(id(block.unit), []).append(block)
        for lst in lists:
            items = lst.children
            for item, following in zip(items, items[1:]):
                nxt = by_unit.get(id(following))
                for block in by_unit.get(id(item), ()):
                    block.next_in_list = nxt[0] if nxt else None

    def _build_sections(self) -> None:
        stack: list[Section] = []
        end = len(self.text)
        for node in self.root.children:
            if node.type != "heading":
                continue
            level = int(node.attrs.get("level", 1))
            while stack and stack[-1].level >= level:
                stack.pop().end = node.start
            section = Section(node, level, node.plain_text().strip(), node.start, end,
                              stack[-1] if stack else None)
            for open_section in stack:
                open_section.end = end
            stack.append(section)
            self.sections.append(section)
        for section in self.sections:
            if section.end < section.start:
                section.end = end
        self._section_starts = [section.start for section in self.sections]
        for section in self.sections:
            if REFERENCES_HEADING.match(section.title):
                self.references_section = section
                break

    def _add_block(self, node: Node, enclosing: dict[int, Element] | None) -> None:
        parts: list[str] = []
        segments: list[tuple[int, int, int, int]] = []
        _prose(node, self._parsed, parts, segments, 0)
        text = "".join(parts)
        marker = self._alerts.get(id(node)) if self._alerts else None
        if marker is not None:
            text, segments = _drop_prefix(text, segments, len(marker) + (text[len(marker):len(marker) + 1] == " "))
            if not text.strip():
                return  # the alert's marker line alone
        if self.mdx and mdx.EXPRESSION in text:
            text, segments = _expressions_as_objects(text, segments)
        quoted = in_footnote = False
        alert: str | None = None
        element: Element | None = None
        container: Container | None = None
        markup = _JSX if self.mdx else _HTML
        alerts = self._alerts
        t = node.type
        if t == "heading":
            container = _HEADING
        elif t == "table_cell":
            container = _TABLE_CELL
        elif t == "html_text":
            container = markup
            element = node.attrs.get("element")
        elif self.mdx and t == "paragraph" and node.children and node.children[0].type == "inline_html":
            raw = node.children[0].raw or ""
            m = _COMPONENT_TAG.match(raw)
            if m and not raw.endswith("/>"):
                container, element = markup, Element(m.group(1), {}, node.children[0].start)
        unit = node
        anc: Node | None = node.parent
        if enclosing is not None and element is None:
            element = enclosing.get(id(node))
            if element is not None and container is None:
                container = markup
        while anc is not None:
            at = anc.type
            if at == "block_quote":
                kind = alerts.get(id(anc)) if alerts else None
                if kind is not None:
                    alert = alert or kind
                    container = container or _ALERT
                else:
                    quoted = True
                    container = container or _BLOCK_QUOTE
            elif at == "footnote_def":
                in_footnote = True
            elif at == "list_item" and unit is node:
                unit = anc
                container = container or _LIST_ITEM
            if enclosing is not None and element is None:
                element = enclosing.get(id(anc))
                if element is not None and container is None:
                    container = markup
            anc = anc.parent
        if element is None and self._components is not None:
            element = self._components.at(node.start)
            if element is not None:
                container = container or markup
        section = self.section_at(node.start)
        refs = self.references_section
        in_refs = bool(refs and refs.start <= node.start < refs.end and t != "heading")
        block = ProseBlock(node, text, segments, section, quoted, in_refs, in_footnote, unit, [],
                           container or _PARAGRAPH, alert, element)
        block.sentences = [Sentence(block, i, s, e) for i, (s, e) in enumerate(sentence_splitter.split(text))]
        self.blocks.append(block)

    def _build_references(self, footnotes: list[Node]) -> None:
        refs = self.references_section
        if refs is not None:
            lists = [n for n in self.root.children
                     if n.type == "list" and refs.start <= n.start < refs.end]
            if lists:
                lst = lists[0]
                number = int(lst.attrs.get("start", 1))
                for item in lst.children:
                    self.references.append(Reference("list", item, number, None, self._entry_text(item)))
                    number += 1
            else:
                self._reference_lines(refs)
        for node in footnotes:
            self.references.append(Reference("footnote", node, None, node.attrs.get("key"),
                                             self._entry_text(node)))

    def _reference_lines(self, refs: Section) -> None:
        """Entries written as numbered lines of a paragraph ("[1] Smith J. Title.")."""
        for node in self.root.children:
            if node.type != "paragraph" or not refs.start <= node.start < refs.end:
                continue
            text = self.text[node.start:node.end]
            for m in _REFERENCE_LINE.finditer(text):
                start, end = node.start + m.start(), node.start + m.end()
                line = Node("reference_line", start, end, parent=node)
                self.references.append(Reference("list", line, int(m.group(1) or m.group(2)), None,
                                                 m.group(3).strip()))

    def _entry_text(self, node: Node) -> str:
        text = self.text[node.start : node.end]
        if node.type == "list_item":
            text = re.sub(rf"^\s*(?:[*+-]|{_NUMBER}[.)])", "", text, count=1)
        else:
            text = re.sub(r"^\[\^[^\]]*\]:", "", text, count=1)
        return text.strip()

    def _citations_in(self, node: Node, block: ProseBlock, out: list[Citation]) -> None:
        children = node.children
        for i, child in enumerate(children):
            if child.type == "footnote_ref":
                out.append(Citation("footnote", child.start, child.end, key=child.raw, block=block))
            elif child.type == "text" and not child.approximate:
                src = self.text[child.start : child.end]
                for m in _BRACKET_MARKER.finditer(src):
                    numbers = _expand(m.group(1))
                    if numbers:
                        out.append(Citation("bracket", child.start + m.start(), child.start + m.end(),
                                            numbers=numbers, block=block))
            elif child.type == "inline_html" and (child.raw or "").lower().startswith("<sup"):
                m = _SUP_MARKER.match(self.text, child.start)
                if m:
                    numbers = _expand(m.group(1))
                    if numbers:
                        out.append(Citation("sup", m.start(), m.end(), numbers=numbers, block=block))
            elif child.type in ("emphasis", "strong", "strikethrough", "link"):
                self._citations_in(child, block, out)


def _expand(group: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", group.strip()):
        bounds = re.split(r"\s*[-\u2013\u2014]\s*", part)
        if len(bounds) == 1 and bounds[0].isdigit():
            numbers.append(int(bounds[0]))
        elif len(bounds) == 2 and all(b.isdigit() for b in bounds):
            lo, hi = int(bounds[0]), int(bounds[1])
            if lo > hi or hi - lo > _MAX_RANGE:
                return ()
            numbers.extend(range(lo, hi + 1))
        else:
            return ()
    return tuple(numbers)


def _prose(node: Node, text: str, parts: list[str], segments: list[tuple[int, int, int, int]], cursor: int) -> int:
    """Append the prose of ``node``'s inline children: exact source text for text runs,
    one OBJECT character for code, images and autolinks, nothing for HTML comments.
    ``cursor`` is the prose length so far; returns it with this node's prose added."""
    for child in node.children:
        t = child.type
        if t == "text":
            if child.approximate:
                s, src_end = child.raw or "", child.start
            else:
                s, src_end = text[child.start : child.end], child.end
                if s == child.raw:
                    s = child.raw  # one copy of the text, not two (a block of one run is that run)
        elif t == "softbreak" or t == "linebreak":
            s, src_end = " ", child.end
        elif t == "codespan" or t == "image" or (t == "link" and text.startswith("<", child.start)
                                                  and "html" not in child.attrs):
            s, src_end = OBJECT, child.end
        elif t == "footnote_ref":
            s, src_end = text[child.start : child.end], child.end
        elif t == "inline_html":
            if not (child.raw or "").lower().startswith("<br"):
                continue
            s, src_end = " ", child.end
        else:
            if child.children:
                cursor = _prose(child, text, parts, segments, cursor)
            continue
        if s:
            segments.append((cursor, child.start, len(s), src_end))
            parts.append(s)
            cursor += len(s)
    return cursor


class _Components:
    """The JSX components written with their tags on lines of their own, as spans
    (a component never closed runs to the end of the file). Tags pair up like a stack,
    so the spans nest: ``at`` finds the innermost one around an offset by bisection
    and a walk up through the enclosing spans."""

    def __init__(self, tags: list[mdx.Tag], end: int) -> None:
        spans: list[tuple[int, int, Element]] = []
        stack: list[mdx.Tag] = []
        for tag in tags:
            if tag.kind == "open":
                stack.append(tag)
            elif tag.kind == "close":
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i].name == tag.name:
                        opened = stack[i]
                        del stack[i:]
                        spans.append((opened.start, tag.end, Element(opened.name, dict(opened.attrs), opened.start)))
                        break
        spans.extend((t.start, end, Element(t.name, dict(t.attrs), t.start)) for t in stack)
        spans.sort(key=lambda span: (span[0], -span[1]))
        self.spans = spans
        self.starts = [span[0] for span in spans]
        self.parents: list[int] = []
        open_: list[int] = []
        for i, (start, _, _) in enumerate(spans):
            while open_ and spans[open_[-1]][1] <= start:
                open_.pop()
            self.parents.append(open_[-1] if open_ else -1)
            open_.append(i)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def at(self, offset: int) -> Element | None:
        """The innermost component whose tags enclose ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0:
            start, end, element = self.spans[i]
            if start <= offset < end:
                return element
            i = self.parents[i]
        return None


_PARSER: MarkdownParser | None = None


def _drop_prefix(text: str, segments: list[tuple[int, int, int, int]], n: int
                 ) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The prose without its first ``n`` characters (an alert's marker line)."""
    out = []
    for pstart, sstart, plen, send in segments:
        if pstart + plen <= n:
            continue
        if pstart < n:
            if send - sstart != plen:
                continue
            cut = n - pstart
            pstart, sstart, plen = n, sstart + cut, plen - cut
        out.append((pstart - n, sstart, plen, send))
    return text[n:], out


def _expressions_as_objects(text: str, segments: list[tuple[int, int, int, int]]
                            ) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Each run of masked ``{expression}`` characters (mdx.EXPRESSION) becomes one OBJECT."""
    parts: list[str] = []
    out: list[tuple[int, int, int, int]] = []
    cursor = 0
    for pstart, sstart, plen, send in segments:
        piece = text[pstart:pstart + plen]
        if mdx.EXPRESSION not in piece or send - sstart != plen:
            out.append((cursor, sstart, plen, send))
            parts.append(piece)
            cursor += plen
            continue
        for m in _EXPRESSION_RUNS.finditer(piece):
            s = m.group()
            if s[0] == mdx.EXPRESSION:
                out.append((cursor, sstart + m.start(), 1, sstart + m.end()))
                parts.append(OBJECT)
                cursor += 1
            else:
                out.append((cursor, sstart + m.start(), len(s), sstart + m.end()))
                parts.append(s)
                cursor += len(s)
    return "".join(parts), out


_EXPRESSION_RUNS = re.compile(mdx.EXPRESSION + "+|[^" + mdx.EXPRESSION + "]+")
_PARSERS: dict[bool, MarkdownParser] = {}


def default_parser(mdx: bool = False) -> MarkdownParser:
    """The shared parser (one for Markdown, one for MDX: no indented code there)."""
    parser = _PARSERS.get(mdx)
    if parser is None:
        parser = _PARSERS[mdx] = MarkdownParser(mdx=mdx)
    return parser
