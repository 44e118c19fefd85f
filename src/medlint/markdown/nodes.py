"""medlint's Markdown tree: mistune's node types, each with its exact source span."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

# Node types whose children are inline nodes (the text a reader reads).
LEAF_BLOCKS = frozenset({"paragraph", "block_text", "heading", "table_cell"})


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
    attrs: dict[str, Any] = field(default_factory=dict)
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
