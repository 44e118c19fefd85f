"""medlint's Markdown tree: mistune's node types, each with its exact source span."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterator

# Node types whose children are inline nodes (the text a reader reads); ``html_text``
# is a stretch of text inside a raw HTML block (markdown/html.py).
LEAF_BLOCKS = frozenset({"paragraph", "block_text", "heading", "table_cell", "html_text"})


# The attrs of the (many) nodes that have none: one shared mapping that cannot be
# changed, rather than an empty dict per node (a big article has 100,000s of nodes).
NO_ATTRS: Any = MappingProxyType({})
# The children of the inline nodes that have none (text runs, breaks, code spans): one
# shared empty tuple rather than an empty list per node. Nothing appends to those.
LEAF: Any = ()


@dataclass(eq=False, slots=True)
class Node:
    """One block or inline node.

    ``start``/``end`` are offsets into ``Source.text`` (end exclusive). ``raw`` holds
    the token's own text for text, code, HTML and footnote nodes (mistune's value);
    ``Node.source_text(src)`` is the exact slice of the file.
    """

    type: str
    start: int
    end: int
    children: list["Node"] = field(default_factory=list)
    # A node that gets attrs gets a dict of its own: NO_ATTRS is never changed.
    attrs: dict[str, Any] = field(default_factory=lambda: NO_ATTRS)
    raw: str | None = None
    parent: "Node | None" = field(default=None, repr=False)
    # True when the span could not be recovered exactly and was approximated
    # from the enclosing block (never expected for CommonMark input; see tests).
    approximate: bool = False

    def walk(self) -> Iterator["Node"]:
        """This node and all descendants, in source order (depth first)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self) -> Iterator["Node"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def has_ancestor(self, *types: str) -> bool:
        return any(a.type in types for a in self.ancestors())

    def source_text(self, text: str) -> str:
        return text[self.start : self.end]

    def plain_text(self) -> str:
        """The reader-visible text of inline content (code and HTML excluded)."""
        parts: list[str] = []
        for node in self.walk():
            if node.type == "text" and node.raw is not None:
                parts.append(node.raw)
            elif node.type in ("softbreak", "linebreak"):
                parts.append(" ")
        return "".join(parts)


@dataclass(eq=False)
class Element:
    """An HTML element or JSX component that encloses prose: its name as written
    (``div``, ``Callout``), its attributes (names lowercased, values as written, ``None``
    for a bare attribute) and the offset of its ``<``."""

    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    start: int = 0

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple((self.attrs.get("class") or self.attrs.get("classname") or "").split())
