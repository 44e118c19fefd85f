"""mistune 3 with exact source spans.

mistune's tokens carry no positions, and its containers (block quotes, list items,
footnotes) parse a rewritten copy of their text. We recover spans in three steps:

1. **Block starts.** ``_PosBlockParser.parse_method`` is the one place every block
   rule is called; it stamps the tokens a rule created with the match start and the
   returned end. Paragraphs are stamped where they are created (``add_paragraph``).
2. **Container text.** ``_PosState.child_state`` records which line of the parent
   text each line of the child's rewritten text came from (lines map one to one;
   the child line is a suffix of the parent line once container prefixes and
   expanded tabs are accounted for), so any child offset maps back to the file.
3. **Inline spans.** mistune's inline tokens are aligned, in order, against the
   exact text the inline parser was given (``_align``), giving every inline node a
   span inside its block. Text with no inline syntax (none of the characters that
   can start an inline rule, or only brackets that cannot make a link: ``[1]`` in
   a document without link reference definitions) is one text run spanning the
   block; it is not given to mistune's inline parser, which would return exactly
   that (``_PlainText``).

mistune is pinned exactly (pyproject.toml): steps 1 and 2 use its internals, and
``tests/test_positions.py`` is the regression corpus that guards them.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterator

from mistune import list_parser as _mistune_lists
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.inline_parser import InlineParser
from mistune.plugins.formatting import strikethrough
from mistune.plugins.table import table, table_in_list, table_in_quote
from mistune.util import unikey

from .nodes import LEAF, LEAF_BLOCKS, NO_ATTRS, Node

_FOOTNOTE_LABEL = r"(?:[^\\\[\]\s]|\\.){1,500}"
_REF_FOOTNOTE = (
    r"^(?P<footnote_lead> {0,3})"
    r"\[\^(?P<footnote_key>" + _FOOTNOTE_LABEL + r")\]:[ \t]*"
    r"(?P<footnote_text>[^\n]*(?:\n|$)"
    r"(?:(?:[ \t]*\n)*(?:(?P=footnote_lead)(?: {2,}|\t)[^\n]*(?:\n|$)))*"
    r")"
)
_INLINE_FOOTNOTE = r"\[\^(?P<footnote_key>" + _FOOTNOTE_LABEL + r")\]"
_STRIP = " \r\n\t\f"
_LIST_MARKER = re.compile(r"[*+-]|\d{1,9}[.)]")
# Above this many * and _ in one block, inline Markdown is not parsed (mistune is
# quadratic there); real prose has a few dozen at most.
MAX_EMPHASIS_DELIMITERS = 2000


def _line_start(src: str, offset: int) -> int:
    return src.rfind("\n", 0, max(offset, 0)) + 1


def _line_end(src: str, offset: int) -> int:
    end = src.find("\n", offset)
    return len(src) if end < 0 else end


# The token of every blank line (the tree has no node for them), stamped already so
# that ``parse_method`` leaves it alone.
_BLANK_LINE: dict[str, Any] = {"type": "blank_line", "_s": 0, "_e": 0}
_NO_LINES: frozenset[int] = frozenset()


class _PosState(BlockState):
    """A BlockState that knows how to map its offsets back to the root text."""

    # Set by ``_map_to_parent`` on container states; the root state keeps these.
    line_starts: list[int] | None = None
    deltas: list[int]
    bounds: list[tuple[int, int]]
    # Parent offset of the line a list item / container started on.
    origin: int | None = None

    def __init__(self, parent: Any | None = None) -> None:
        super().__init__(parent)
        self.frames: list[dict[str, Any]] = []
        # mistune only tests membership; an empty set per container state was 5 MiB of an 8 MiB article.
        self.lazy_line_starts = _NO_LINES  # type: ignore[assignment]

    # -- stamping -------------------------------------------------------
    def append_token(self, token: dict[str, Any]) -> None:
        if len(token) == 1 and token["type"] == "blank_line":
            # Half the tokens of an article, read only for their type: one shared token.
            self.tokens.append(_BLANK_LINE)
            return
        if "_guess" not in token:
            token["_guess"] = self.cursor
        token["_st"] = self
        self.tokens.append(token)

    def prepend_token(self, token: dict[str, Any]) -> None:
        token.setdefault("_guess", self.cursor)
        token["_st"] = self
        super().prepend_token(token)

    def add_paragraph(self, text: str) -> None:
        # mistune's BlockState.add_paragraph, stamping the paragraph it creates.
        tokens = self.tokens
        if tokens and tokens[-1]["type"] == "paragraph":
            tokens[-1]["text"] += text
        else:
            tokens.append({"type": "paragraph", "text": text, "_s": self.cursor, "_st": self})

    # -- containers -----------------------------------------------------
    def child_state(self, src: str, lazy_line_starts: Any = None, base: int | None = None) -> "_PosState":
        child = super().child_state(src, lazy_line_starts)
        if base is None:
            base = self._child_base()
        child._map_to_parent(self, base)
        if self.frames and self.frames[-1]["name"] == "list":
            self.frames[-1].setdefault("items", []).append(child)
        return child  # type: ignore[return-value]

    def _child_base(self) -> int:
        if not self.frames:
            return _line_start(self.src, self.cursor)
        frame = self.frames[-1]
        if frame["name"] == "list":
            # Items after the first: the collector stopped just past the next
            # item's marker line, so that line starts the next child.
            base = frame.get("next")
            if base is None:  # the first item
                base = _line_start(self.src, frame["start"])
            frame["next"] = _line_start(self.src, self.cursor - 1)
            return base
        return _line_start(self.src, frame["start"])

    def _map_to_parent(self, parent: "_PosState", base: int) -> None:
        """For each line of this (child) text: its start, the parent line it came
        from (``bounds``) and the offset shift to that line (``deltas``)."""
        self.origin = base
        src = self.src
        psrc = parent.src
        plen = len(psrc)
        lines = src.split("\n")
        if src.endswith("\n"):
            lines.pop()  # a final newline starts no line
        starts: list[int] = []
        deltas: list[int] = []
        bounds: list[tuple[int, int]] = []
        cs = 0  # child line start
        p = base  # parent line expected next
        for line in lines:
            content = line.strip(" \t")
            chosen = p if p < plen else plen
            pe = psrc.find("\n", chosen)
            if pe < 0:
                pe = plen
            delta = pe - (cs + len(line))  # line ends matched up
            if content:
                # The parent line this one is a suffix of: the expected line, or up
                # to three lines further (a marker-only line, "-" alone, shifts by one).
                q, qe = chosen, pe
                for _ in range(4):
                    if q >= plen:
                        break
                    prs = psrc[q:qe].rstrip(" \t")
                    if prs.endswith(content):
                        chosen, pe = q, qe
                        lead = len(line) - len(line.lstrip(" \t"))
                        delta = (chosen + len(prs) - len(content)) - (cs + lead)
                        break
                    q = qe + 1
                    qe = psrc.find("\n", q)
                    if qe < 0:
                        qe = plen
            starts.append(cs)
            deltas.append(delta)
            bounds.append((chosen, pe))
            cs += len(line) + 1
            p = pe + 1
        self.line_starts = starts
        self.deltas = deltas
        self.bounds = bounds

    def to_root(self, offset: int) -> int:
        state: _PosState = self
        while state.line_starts is not None:
            starts = state.line_starts
            i = bisect.bisect_right(starts, offset) - 1 if len(starts) > 1 else 0
            if i < 0:
                i = 0
            lo, hi = state.bounds[i]
            offset += state.deltas[i]
            if offset < lo:
                offset = lo
            if offset > hi:
                offset = hi
            state = state.parent
        return offset


# Block rules that never open a child state (only block quotes, lists and footnote
# definitions do), so ``child_state`` never needs their frame.
_LEAF_RULES = frozenset({"blank_line", "atx_heading", "setex_heading", "thematic_break", "fenced_code",
                         "indent_code", "ref_link", "raw_html", "block_html", "table", "nptable"})


class _PosBlockParser(BlockParser):
    state_cls = _PosState

    def __init__(self) -> None:
        super().__init__()
        self.list_breaks: dict[int, re.Pattern[str]] = {}  # leading width -> pattern (_list_break)

    def parse_method(self, m: re.Match[str], state: Any) -> int | None:
        name = m.lastgroup
        start = m.start()
        first = len(state.tokens) - 1 if state.tokens else 0
        items = None
        if name in _LEAF_RULES:  # no child state to place: no frame needed
            end = self._methods[name](m, state)  # mistune's Parser.parse_method
        else:
            frame = {"name": name, "start": start}
            state.frames.append(frame)
            try:
                end = self._methods[name](m, state)
            finally:
                state.frames.pop()
            items = frame.get("items")
        if end:
            for token in state.tokens[first:]:
                if "_s" not in token:
                    token["_s"] = start
                    token["_e"] = end
                    token["_st"] = state
                if items is not None and token["type"] == "list" and "_items" not in token:
                    token["_items"] = items
        return end

    def _parse_indent_code_fast(self, state: Any) -> int | None:
        start = state.cursor
        if state.src[start : start + 1] not in (" ", "\t"):
            return None  # mistune's test would fail too: the line is not indented
        count = len(state.tokens)
        end = super()._parse_indent_code_fast(state)
        if end is not None and len(state.tokens) > count:
            token = state.tokens[-1]
            token.setdefault("_s", start)
            token.setdefault("_e", end)
        return end


def _list_break(block: BlockParser, leading_width: int) -> re.Pattern[str]:
    """mistune's pattern for the lines that end a list item, made once per parser and
    indent: mistune builds its source (about 1 KB) and looks it up in re's cache for
    every list item. The pattern depends only on the parser's rules, which are all
    registered before it parses anything."""
    if not isinstance(block, _PosBlockParser):
        return _mistune_list_break(block, leading_width)
    found = block.list_breaks.get(leading_width)
    if found is None:
        found = block.list_breaks[leading_width] = _mistune_list_break(block, leading_width)
    return found


_mistune_list_break = _mistune_lists._compile_list_break_sc
_mistune_lists._compile_list_break_sc = _list_break


def _expand_leading_tabs(line: str, start_column: int = 0) -> str:
    """mistune's, returning a line without tabs as it is (what mistune's builds for it
    character by character): it is called for every line of every list item."""
    if "\t" not in line:
        return line
    return _mistune_expand_leading_tabs(line, start_column)


_mistune_expand_leading_tabs = _mistune_lists._expand_leading_tabs
_mistune_lists._expand_leading_tabs = _expand_leading_tabs


def _parse_footnote_def(block: _PosBlockParser, m: re.Match[str], state: _PosState) -> int:
    """A footnote definition, parsed in place (mistune's plugin defers it to the
    end and drops definitions nobody cites; medlint needs every one, with spans)."""
    key = unikey(m.group("footnote_key"))
    lines = m.group("footnote_text").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cleaned = [lines[0]] if lines else [""]
    for line in lines[1:]:
        cleaned.append(re.sub(r"^(?: {1,4}|\t)", "", line))
    child = state.child_state("\n".join(cleaned) + "\n", base=_line_start(state.src, m.start()))
    # The first line starts after "[^key]:", not at the line start.
    child.bounds[0] = (m.start("footnote_text"), child.bounds[0][1])
    child.deltas[0] = m.start("footnote_text") - 0
    block.parse(child)
    state.append_token(
        {"type": "footnote_def", "children": child.tokens, "attrs": {"key": key, "label": m.group("footnote_key")}}
    )
    return m.end()


def _parse_inline_footnote(inline: InlineParser, m: re.Match[str], state: Any) -> int:
    state.append_token({"type": "footnote_ref", "raw": unikey(m.group("footnote_key")),
                        "attrs": {"label": m.group("footnote_key")}})
    return m.end()


class MarkdownParser:
    """Parse Markdown text into a tree of ``Node`` with spans in that text.

    ``mdx=True``: no indented code blocks (MDX has none; text indented inside a JSX
    component is prose)."""

    def __init__(self, mdx: bool = False) -> None:
        self.block = _PosBlockParser()
        self.inline = InlineParser()
        self.block.register("ref_footnote", _REF_FOOTNOTE, _parse_footnote_def, before="ref_link")
        self.inline.register("footnote", _INLINE_FOOTNOTE, _parse_inline_footnote, before="link")

        class _Host:  # what mistune plugins expect of a Markdown instance
            block = self.block
            inline = self.inline
            renderer = None
            before_render_hooks: list[Any] = []
            after_render_hooks: list[Any] = []

        for plugin in (table, table_in_quote, table_in_list, strikethrough):
            plugin(_Host)  # type: ignore[arg-type]
        if mdx:
            block = self.block
            block.rules = [r for r in block.rules if r != "indent_code"]
            block.list_rules = [r for r in block.list_rules if r != "indent_code"]
            block.block_quote_rules = [r for r in block.block_quote_rules if r != "indent_code"]
        self.plain_text = _PlainText.of(self.inline)

    def parse(self, text: str) -> Node:
        """``text`` must already be normalised (LF line ends).

        Markdown nested beyond what mistune's recursive parser can follow (5 KB of
        alternating ``- x`` / ``> - x`` lines) does not cost the file: each block
        (run of non-blank lines) that fails on its own is read as plain text, one
        ``paragraph`` of its lines, and the rest is parsed with those lines blank;
        when that still fails, the whole text is read so. ``root.attrs["unparsed"]``
        lists the (start, end) spans read as plain text."""
        try:
            return self._parse(text)
        except RecursionError:
            pass
        spans = [(start, end) for start, end in _blocks(text) if self._fails(text[start:end])]
        try:
            root = self._parse(_blank(text, spans)) if spans else None
        except RecursionError:
            root = None
        if root is None:
            spans = list(_blocks(text))
            root = Node("document", 0, len(text))
        for start, end in spans:
            root.children.append(_plain_paragraph(text, start, end, root))
        root.children.sort(key=lambda node: node.start)
        root.attrs = {**root.attrs, "unparsed": spans}
        return root

    def _parse(self, text: str) -> Node:
        state = _PosState()
        state.process(text if text.endswith("\n") else text + "\n")
        self.block.parse(state)
        root = Node("document", 0, len(text))
        builder = _TreeBuilder(self.inline, state.env, len(text), self.plain_text)
        root.children = builder.blocks(state.tokens, root)
        return root

    def _fails(self, block: str) -> bool:
        try:
            self._parse(block)
        except RecursionError:
            return True
        return False


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of non-blank lines; ``end`` is the last line's end
    (its line break excluded)."""
    for m in re.finditer(r"(?:^[ \t]*\S.*(?:\n|\Z))+", text, re.M):
        yield m.start(), m.end() - (1 if m.group().endswith("\n") else 0)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` made blank lines (offsets unchanged)."""
    parts, at = [], 0
    for start, end in spans:
        parts += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    return "".join(parts) + text[at:]


def _plain_paragraph(text: str, start: int, end: int, parent: Node) -> Node:
    """A paragraph of the lines in ``text[start:end]`` as literal text (markers and all)."""
    node = Node("paragraph", start, end, parent=parent, attrs={"unparsed": True})
    at = start
    for line in text[start:end].split("\n"):
        if at > start:
            node.children.append(Node("softbreak", at - 1, at, parent=node))
        node.children.append(Node("text", at, at + len(line), raw=line, parent=node))
        at += len(line) + 1
    return node


# Token keys (besides "attrs") that become Node attrs.
_ATTR_KEYS = ("style", "bullet", "tight")


class _PlainText:
    """Tells text that mistune's inline parser would return as one text token.

    ``triggers`` matches any character that can start an inline rule (mistune's own
    fast-path trigger set): text it finds nothing in is one text run and no emphasis
    marker can be in it. ``markup`` matches the same characters but ``[`` and ``]``:
    in a document without link reference definitions a bracket makes a link only as
    ``[text](url)`` (and ``[^`` a footnote reference); other brackets, such as the
    citation markers ``[1]`` and ``[2, 3]`` that most paragraphs of an article hold,
    are text.
    """

    def __init__(self, triggers: re.Pattern[str], markup: re.Pattern[str]) -> None:
        self.triggers, self.markup = triggers, markup

    @classmethod
    def of(cls, inline: InlineParser) -> "_PlainText | None":
        """None when some inline rule does not declare its start characters."""
        chars = inline._get_fast_trigger_chars()
        if chars is None:
            return None
        return cls(re.compile("[" + re.escape("".join(sorted(chars))) + "]"),
                   re.compile("[" + re.escape("".join(sorted(chars - {"[", "]"}))) + "]"))

    def plain(self, text: str, references: bool) -> bool:
        """Whether ``text`` is one text token (``references``: the document defines
        link references, so a bracket alone can make a link)."""
        found = self.triggers.search(text)
        if found is None:
            return True
        return (not references and self.markup.search(text, found.start()) is None
                and "](" not in text and "[^" not in text)


class _TreeBuilder:
    def __init__(self, inline: InlineParser, env: Any, limit: int, plain_text: _PlainText | None) -> None:
        self.inline = inline
        self.env = env
        self.limit = limit
        self.plain_text = plain_text
        self.references = bool(env.get("ref_links"))

    def _root(self, state: _PosState, offset: int) -> int:
        if state.line_starts is not None:
            offset = state.to_root(offset)
        return offset if offset < self.limit else self.limit

    def blocks(self, tokens: list[Any], parent: Node) -> list[Node]:
        """The nodes of ``tokens``, each token dropped from the list once it is a node:
        a big document's tokens and tree are never both whole in memory."""
        block = self.block
        nodes = []
        for i, token in enumerate(tokens):
            tokens[i] = None
            if token["type"] != "blank_line":
                nodes.append(block(token, parent))
        return nodes

    def block(self, token: dict[str, Any], parent: Node) -> Node:
        ttype = token["type"]
        state: _PosState | None = token.get("_st")
        start = token.get("_s")
        if start is None:
            start = token.get("_guess")
        attrs = token.get("attrs")
        attrs = dict(attrs) if attrs else {}
        for key in _ATTR_KEYS:
            if key in token:
                attrs[key] = token[key]
        attrs = attrs or NO_ATTRS
        located = state is not None and start is not None
        if located and "text" in token and ttype != "table" and ttype != "list":
            node = Node(ttype, 0, 0, attrs=attrs, parent=parent)  # _leaf sets the span
            self._leaf(token, node, state, start)  # type: ignore[arg-type]
            return node
        pos = self._root(state, start) if located else parent.start  # type: ignore[arg-type]
        node = Node(ttype, pos, pos, attrs=attrs, parent=parent)
        if ttype == "table":
            self._table(token, node, state, start)
        elif ttype == "list":
            self._list(token, node)
        elif "children" in token:
            node.children = self.blocks(token["children"], node)
            self._cover_children(node, token, state)
        else:
            node.raw = raw = token.get("raw")
            if state is not None and "_e" in token:
                node.end = self._root(state, self._trim_end(state.src, start, token["_e"]))  # type: ignore[arg-type]
                if ttype == "block_html" and raw and not raw.lstrip().startswith("<!--"):
                    self._html(node, raw, state, start)  # type: ignore[arg-type]
            elif node.raw:
                node.end = node.start + len(node.raw)
        if not located:
            node.approximate = True
        return node

    @staticmethod
    def _trim_end(src: str, start: int, end: int) -> int:
        end = min(end, len(src))
        while end > start and src[end - 1] in " \t\n":
            end -= 1
        return end

    def _cover_children(self, node: Node, token: dict[str, Any], state: _PosState | None) -> None:
        if node.children:
            node.end = max([c.end for c in node.children])
        elif state is not None and "_e" in token:
            node.end = self._root(state, self._trim_end(state.src, token["_s"], token["_e"]))

    def _html(self, node: Node, raw: str, state: _PosState, start: int) -> None:
        """The prose inside a raw HTML block: ``html_text`` children (see ``html.py``)."""
        from .html import extract  # only files with raw HTML blocks need html.parser

        root = self._root
        found = extract(raw, lambda offset: root(state, start + offset), node)
        node.children = found.pieces
        node.attrs = {**node.attrs, "html": found}

    def _list(self, token: dict[str, Any], node: Node) -> None:
        states = token.get("_items", [])
        blocks = self.blocks
        for index, item in enumerate(token.get("children", [])):
            item_node = Node("list_item", node.start, node.start, parent=node)
            marker_end = node.start + 1
            child_state = states[index] if index < len(states) else None
            if child_state is not None and child_state.origin is not None:
                psrc = child_state.parent.src
                first = child_state.origin
                while first < len(psrc) and psrc[first] in " \t":
                    first += 1
                item_node.start = self._root(child_state.parent, first)
                marker = _LIST_MARKER.match(psrc, first)
                marker_end = self._root(child_state.parent, marker.end() if marker else first + 1)
            children = item_node.children = blocks(item["children"], item_node)
            end = marker_end
            for child in children:
                if child.end > end:
                    end = child.end
            item_node.end = end
            node.children.append(item_node)
        if node.children:
            node.start = min(node.start, node.children[0].start)
            node.end = node.children[-1].end

    def _leaf(self, token: dict[str, Any], node: Node, state: _PosState, start: int) -> None:
        stripped = token["text"].strip(_STRIP)
        found = state.src.find(stripped, start) if stripped else -1
        if found < 0:
            found = start
            node.approximate = bool(stripped)
        end = found + len(stripped)
        if state.line_starts is None:  # the root text (most blocks): offsets are the file's
            limit = self.limit
            node.start, node.end = (found if found < limit else limit), (end if end < limit else limit)
        else:
            node.start, node.end = self._root(state, found), self._root(state, end)
        if stripped:
            self._inline(stripped, node, state, found)

    def _table(self, token: dict[str, Any], node: Node, state: _PosState | None, start: int | None) -> None:
        if state is None or start is None:
            node.approximate = True
            return
        src = state.src
        rows: list[tuple[dict[str, Any], Node]] = []
        for section in token.get("children", []):
            sec_node = Node(section["type"], node.start, node.start, parent=node)
            node.children.append(sec_node)
            if section["type"] == "table_head":
                rows.append((section, sec_node))
            else:
                for row in section.get("children", []):
                    row_node = Node("table_row", node.start, node.start, parent=sec_node)
                    sec_node.children.append(row_node)
                    rows.append((row, row_node))
        row_line = _line_start(src, start)
        for index, (row, row_node) in enumerate(rows):
            if index:  # the next line; past the delimiter row after the head
                for _ in range(2 if index == 1 else 1):
                    row_line = _line_end(src, row_line) + 1
            row_end = _line_end(src, row_line)
            row_node.start = self._root(state, row_line)
            row_node.end = self._root(state, self._trim_end(src, row_line, row_end))
            cursor = row_line
            for cell in row.get("children", []):
                cell_text = cell.get("text", "").strip(_STRIP)
                found = src.find(cell_text, cursor, row_end) if cell_text else -1
                cell_node = Node("table_cell", 0, 0, attrs=dict(cell.get("attrs") or {}), parent=row_node)
                if found < 0:
                    bar = src.find("|", cursor + 1, row_end)
                    found = cursor if bar < 0 else bar
                    cell_node.approximate = bool(cell_text)
                cell_node.start = self._root(state, found)
                cell_node.end = self._root(state, found + len(cell_text))
                self._inline(cell_text, cell_node, state, found)
                cursor = found + len(cell_text)
                row_node.children.append(cell_node)
        for sec_node in node.children:
            if sec_node.children:
                sec_node.start = sec_node.children[0].start
                sec_node.end = sec_node.children[-1].end
        if node.children:
            node.end = max(s.end for s in node.children)

    # -- inline -----------------------------------------------------------
    def _inline(self, text: str, node: Node, state: _PosState, base: int) -> None:
        """Parse ``text`` (at ``base`` in ``state.src``) into ``node``'s children.

        ``node`` already spans exactly ``text``: a text run covering all of it is
        given ``node``'s span.
        """
        if not text:
            return
        plain = self.plain_text is not None and self.plain_text.plain(text, self.references)
        if plain or text.count("*") + text.count("_") > MAX_EMPHASIS_DELIMITERS:
            # No inline syntax (mistune would return exactly one text token), or
            # so many emphasis delimiters that mistune's matching turns quadratic (see
            # docs/limits.md): one plain text run.
            node.children = [Node("text", node.start, node.end, LEAF, raw=text, parent=node)]
            return
        tokens = self.inline(text, self.env)
        if len(tokens) == 1:
            token = tokens[0]
            if token["type"] == "text" and token.get("raw") == text and "children" not in token:
                # The one token spans the whole text, as _align would find; the general
                # path below gives the same node.
                node.children = [Node("text", node.start, node.end, LEAF, attrs=token.get("attrs") or NO_ATTRS,
                                      raw=text, parent=node)]
                return
        spans: dict[int, tuple[int, int, bool]] = {}
        _align(tokens, text, 0, spans)
        node.children = self._inline_nodes(tokens, node, state, base, spans)

    def _inline_nodes(self, tokens: list[dict[str, Any]], parent: Node, state: _PosState, base: int,
                      spans: dict[int, tuple[int, int, bool]]) -> list[Node]:
        out = []
        to_root = state.to_root if state.line_starts is not None else None
        limit = self.limit
        for token in tokens:
            s, e, exact = spans.get(id(token), _NO_SPAN)
            s += base
            e += base
            if to_root is not None:
                s, e = to_root(s), to_root(e)
            # The token's own attrs dict: tokens are dropped once the tree is built.
            child = Node(token["type"], s if s < limit else limit, e if e < limit else limit, LEAF,
                         attrs=token.get("attrs") or NO_ATTRS, raw=token.get("raw"), parent=parent,
                         approximate=not exact)
            if "children" in token:
                child.children = self._inline_nodes(token["children"], child, state, base, spans)
            out.append(child)
        return out


_NO_SPAN = (0, 0, False)


def _align(tokens: list[dict[str, Any]], text: str, pos: int, spans: dict[int, tuple[int, int, bool]]) -> int:
    """Give each inline token its (start, end) in ``text``; return the end cursor."""
    n = len(text)
    for token in tokens:
        ttype = token["type"]
        start, end, exact = pos, pos, True
        if ttype == "text":
            start, end, exact = _match_text(token.get("raw", ""), text, pos)
        elif ttype == "codespan":
            k = text.find("`", pos)
            if k < 0:
                exact = False
            else:
                run = k
                while run < n and text[run] == "`":
                    run += 1
                ticks = text[k:run]
                close = text.find(ticks, run)
                while close >= 0 and close + len(ticks) < n and text[close + len(ticks)] == "`":
                    close = text.find(ticks, close + len(ticks) + 1)
                start, end = k, (close + len(ticks) if close >= 0 else run)
        elif ttype in ("link", "image"):
            start, end, exact = _align_link(token, text, pos, spans)
        elif ttype in ("emphasis", "strong", "strikethrough"):
            k = pos
            while k < n and text[k] not in "*_~":
                k += 1
            width = 1 if ttype == "emphasis" else 2
            if k >= n:
                exact = False
                k = pos
            inner = _align(token.get("children", []), text, k + width, spans)
            j = inner
            while j < n and text[j] not in "*_~":
                j += 1
            start, end = k, min(j + width, n)
        elif ttype in ("inline_html", "footnote_ref"):
            needle = token.get("raw", "") if ttype == "inline_html" else "[^"
            k = text.find(needle, pos) if needle else -1
            if k < 0:
                exact = False
            elif ttype == "inline_html":
                start, end = k, k + len(needle)
            else:
                close = text.find("]", k)
                start, end = k, (close + 1 if close >= 0 else k + 2)
        elif ttype in ("softbreak", "linebreak"):
            k = text.find("\n", pos)
            if k < 0:
                exact = False
            else:
                start = k
                if ttype == "linebreak":
                    while start > pos and text[start - 1] in " \\":
                        start -= 1
                end = k + 1
        else:
            exact = False
            if token.get("children"):
                end = _align(token["children"], text, pos, spans)
        spans[id(token)] = (start, end, exact)
        pos = max(pos, end)
    return pos


def _match_text(raw: str, text: str, pos: int) -> tuple[int, int, bool]:
    if text.startswith(raw, pos):
        return pos, pos + len(raw), True
    # Backslash escapes are dropped from mistune's text; skip them in the source.
    i, j, n = 0, pos, len(text)
    while i < len(raw) and j < n:
        if text[j] == raw[i]:
            i += 1
            j += 1
        elif text[j] == "\\" and j + 1 < n:
            j += 1
        else:
            break
    if i == len(raw):
        return pos, j, True
    k = text.find(raw, pos)
    if k >= 0:
        return k, k + len(raw), True
    return pos, pos, False


def _align_link(token: dict[str, Any], text: str, pos: int,
                spans: dict[int, tuple[int, int, bool]]) -> tuple[int, int, bool]:
    n = len(text)
    k = pos
    while k < n and text[k] not in "[<!":
        k += 1
    if k >= n:
        _align(token.get("children", []), text, pos, spans)
        return pos, pos, False
    if text[k] == "<":  # autolink
        close = text.find(">", k)
        end = close + 1 if close >= 0 else n
        for child in token.get("children", []):
            spans[id(child)] = (k + 1, max(end - 1, k + 1), True)
        return k, end, close >= 0
    start = k
    if text[k] == "!":
        k += 1
    inner = _align(token.get("children", []), text, k + 1, spans)
    close = text.find("]", inner)
    if close < 0:
        return start, inner, False
    end = close + 1
    if end < n and text[end] == "(":
        depth, j, quote = 0, end, ""
        while j < n:
            ch = text[j]
            if quote:
                if ch == quote:
                    quote = ""
            elif ch == "\\":
                j += 1
            elif ch in "\"'" and j > end and text[j - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        end = min(j + 1, n)
    elif end < n and text[end] == "[":
        close2 = text.find("]", end)
        end = close2 + 1 if close2 >= 0 else end
    return start, end, True


__all__ = ["MarkdownParser", "LEAF_BLOCKS"]
