"""The reader-visible text of a raw HTML block (or, in ``.mdx``, a JSX block).

Markdown leaves a raw HTML block (``<div class="callout">…</div>``, ``<aside>``,
``<details>``, a JSX component written on its own lines) as one opaque token. Health
sites put their safety boxes there, so medlint reads the text inside: the block is
parsed with the standard library's ``html.parser`` and each stretch of text between
block-level tags becomes one prose piece, a ``Node`` of type ``html_text`` whose
children are ordinary inline nodes (``text``, ``softbreak``, ``inline_html``, ``link``,
``codespan``) with exact spans. Tags, attributes, comments and the content of
``<script>``, ``<style>``, ``<pre>`` and similar elements are not prose; ``<code>`` and
``<img>`` stand as one object, as inline code does in Markdown.

Spans: every event's position in the block's raw text is read from the parser
(``getpos``) and mapped to the file through ``to_root``, one line at a time, so text
inside a list item or block quote keeps exact columns. A text run ends where the next
tag, comment or declaration starts, which keeps character references (``&amp;``)
in the run as they are written, as Markdown text nodes do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

from .nodes import Element, Node

# Elements whose tags do not end a prose piece: text on both sides reads as one sentence.
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite data del dfn em font i ins kbd label mark q s samp small span strong sub sup "
    "time u var wbr br img code".split()
)
# Elements whose content is not prose at all.
HIDDEN_TAGS = frozenset("script style pre textarea template svg math noscript object iframe".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BREAK = re.compile(r"[ \t]*\n\s*")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w.:-]*)")


@dataclass(eq=False)
class HtmlProse:
    """What one raw HTML block holds: its prose pieces, the comments in it (where
    suppressions may live) and the elements it leaves open or closes for the blocks
    that follow it (a ``<div>`` on its own line, Markdown paragraphs, then ``</div>``)."""

    pieces: list[Node]
    comments: list[tuple[int, int, str]]  # (start, end, inner text)
    opens: list[Element]
    closes: list[str]  # lowercased names of end tags with no start tag in this block


def extract(raw: str, to_root: Callable[[int], int], parent: Node) -> HtmlProse:
    """Parse ``raw`` (one HTML block's text) into prose pieces whose spans are
    ``to_root(offset in raw)``; each piece's parent is ``parent``."""
    parser = _Extractor(raw, to_root, parent)
    parser.feed(_defuse(raw) if "<" in raw else raw)
    parser.close()
    parser._flush_text(len(raw))
    parser._end_piece()
    return HtmlProse(parser.pieces, parser.comments, parser.stack, parser.unmatched)


def _defuse(raw: str) -> str:
    """``raw`` with each ``<`` that cannot start a complete tag, comment or declaration
    turned into a space (same length, so offsets hold): a tag with no ``>`` before the
    next ``<``, a comment with no ``-->`` after it. html.parser searches to the end of
    the text for every such ``<``, which takes quadratic time on hostile input; as
    text, they read the same to a reader."""
    out: list[str] | None = None
    starts = [m.start() for m in _LT.finditer(raw)]
    gt = comment_end = -2
    for index, i in enumerate(starts):
        nxt = starts[index + 1] if index + 1 < len(starts) else len(raw)
        if raw.startswith("<!--", i):
            if comment_end != -1 and comment_end < i + 4:
                comment_end = raw.find("-->", i + 4)
            closed = comment_end != -1
        else:
            if gt != -1 and gt < i:
                gt = raw.find(">", i)
            closed = gt != -1 and gt < nxt
        if not closed:
            if out is None:
                out = list(raw)
            out[i] = " "
    return "".join(out) if out is not None else raw


_LT = re.compile("<")


class _Extractor(HTMLParser):
    def __init__(self, raw: str, to_root: Callable[[int], int], parent: Node) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.to_root = to_root
        self.parent = parent
        starts = [0]
        pos = raw.find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = raw.find("\n", pos + 1)
        self.line_starts = starts
        self.stack: list[Element] = []
        self.unmatched: list[str] = []
        self.pieces: list[Node] = []
        self.comments: list[tuple[int, int, str]] = []
        self.piece: Node | None = None
        self.inline: list[Node] = []  # open <a> (a link node) inside the piece
        self.text_start: int | None = None
        self.hidden = 0
        self.code_start: int | None = None
        self.has_text = False

    # -- positions --------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- pieces -----------------------------------------------------------
    def _container(self) -> Node:
        if self.piece is None:
            self.piece = Node("html_text", 0, 0, parent=self.parent)
            if self.stack:
                self.piece.attrs = {"element": self.stack[-1]}
        return self.inline[-1] if self.inline else self.piece

    def _end_piece(self) -> None:
        piece = self.piece
        self.piece = None
        self.inline.clear()
        self.has_text = False
        if piece is None:
            return
        while piece.children and piece.children[-1].type == "softbreak":
            piece.children.pop()
        texts = [n for n in piece.walk() if n.type == "text"]
        if not texts:
            return
        piece.start = texts[0].start
        piece.end = max(n.end for n in piece.walk() if n is not piece)
        self.pieces.append(piece)

    def _flush_text(self, end: int) -> None:
        """Add the text run from ``text_start`` to ``end`` (offsets in raw): text nodes,
        and a soft break for each line end with the indentation around it."""
        start = self.text_start
        self.text_start = None
        if start is None or self.hidden or self.code_start is not None:
            return
        raw = self.raw
        if not self.has_text:  # indentation before a piece's first word is not prose
            while start < end and raw[start].isspace():
                start += 1
        if start >= end:
            return
        parent = self._container()
        pos = start
        root = self.to_root
        for m in _BREAK.finditer(raw, start, end):
            if m.start() > pos:
                self._add(Node("text", root(pos), root(m.start()), raw=raw[pos:m.start()], parent=parent))
            self._add(Node("softbreak", root(m.start()), root(m.end()), parent=parent))
            pos = m.end()
        if pos < end:
            self._add(Node("text", root(pos), root(end), raw=raw[pos:end], parent=parent))
        self.has_text = True

    def _add(self, node: Node) -> None:
        if node.parent is not None:
            node.parent.children.append(node)

    # -- events -----------------------------------------------------------
    def _event(self) -> int:
        pos = self._pos()
        self._flush_text(pos)
        return pos

    def handle_data(self, data: str) -> None:
        if self.text_start is None:
            self.text_start = self._pos()

    handle_entityref = handle_charref = handle_data  # type: ignore[assignment]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._event()
        end = start + len(self.get_starttag_text() or "")
        if tag in HIDDEN_TAGS:
            if tag not in VOID_TAGS:
                self.hidden += 1
            self._end_piece()
            return
        if self.hidden:
            return
        if tag in INLINE_TAGS:
            self._inline_start(tag, attrs, start, end)
            return
        self._end_piece()
        if tag not in VOID_TAGS:
            m = _TAG_NAME.match(self.raw, start)
            self.stack.append(Element(m.group(1) if m else tag, dict(attrs), self.to_root(start)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._event()
        end = start + len(self.get_starttag_text() or "")
        if self.hidden or tag in HIDDEN_TAGS:
            return
        if tag in INLINE_TAGS:
            if tag in ("img", "br"):
                self._inline_start(tag, attrs, start, end)
            return
        self._end_piece()  # a self-closing component (<Note />) stands between pieces

    def _inline_start(self, tag: str, attrs: list[tuple[str, str | None]], start: int, end: int) -> None:
        if tag == "code":
            if self.code_start is None:
                self.code_start = start
            return
        if self.code_start is not None:
            return
        parent = self._container()
        if tag == "img":
            self._add(Node("image", self.to_root(start), self.to_root(end), parent=parent))
        elif tag == "a" and dict(attrs).get("href"):
            link = Node("link", self.to_root(start), self.to_root(end), attrs={"url": dict(attrs)["href"], "html": True},
                        parent=parent)
            self._add(link)
            self.inline.append(link)
        else:
            raw = self.raw[start:end]
            self._add(Node("inline_html", self.to_root(start), self.to_root(end), raw=raw, parent=parent))

    def handle_endtag(self, tag: str) -> None:
        start = self._event()
        close = self.raw.find(">", start)
        end = close + 1 if close >= 0 else len(self.raw)
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
            return
        if self.hidden:
            return
        if tag in INLINE_TAGS:
            if tag == "code":
                if self.code_start is not None:
                    parent = self._container()
                    self._add(Node("codespan", self.to_root(self.code_start), self.to_root(end), parent=parent))
                    self.code_start = None
            elif self.code_start is None:
                if tag == "a" and self.inline:
                    link = self.inline.pop()
                    link.end = self.to_root(end)
                elif self.piece is not None:
                    parent = self._container()
                    self._add(Node("inline_html", self.to_root(start), self.to_root(end), raw=self.raw[start:end],
                                   parent=parent))
            return
        self._end_piece()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag.lower() == tag:
                del self.stack[i:]
                break
        else:
            self.unmatched.append(tag)

    def handle_comment(self, data: str) -> None:
        start = self._event()
        close = self.raw.find("-->", start + 4)
        end = close + 3 if close >= 0 else len(self.raw)
        self.comments.append((self.to_root(start), self.to_root(end), data.strip()))

    def handle_decl(self, decl: str) -> None:
        self._event()

    handle_pi = unknown_decl = handle_decl  # type: ignore[assignment]
