"""YAML front matter: split it off, parse it safely, and keep every key's position.

The block opens with a ``---`` line at the very top of the file and closes with a
``---`` (or ``...``) line. It is parsed with PyYAML's safe loader only. Dates stay
strings (the JSON Schema's ``format: date`` checks them), so an impossible date such
as 2026-02-30 is a schema finding at its line rather than a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
# Expanded size above which aliases are treated as an attack (billion laughs).
MAX_EXPANDED_NODES = 100_000
# Nesting deeper than this is refused (at the first node that is too deep), before
# anything recursive (composing, constructing, schema validation) can overflow.
MAX_DEPTH = 100


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's when installed: same results, several times faster)
    with timestamps kept as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    """A front-matter problem at a normalised-text offset range."""

    message: str
    start: int
    end: int


@dataclass
class FrontMatter:
    present: bool = False
    data: Any = None
    # Offsets in the normalised text: the whole block (fences included) and the YAML body.
    start: int = 0
    end: int = 0
    body_start: int = 0
    problems: list[Problem] = field(default_factory=list)
    # Path (tuple of keys/indexes) -> (start, end) offsets of the key (or item) and its value.
    key_spans: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    value_spans: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    @property
    def mapping(self) -> dict[str, Any]:
        return self.data if isinstance(self.data, dict) else {}

    def span_for(self, path: tuple) -> tuple[int, int]:
        """The best span for a JSON path: the deepest key we know, else the opening fence."""
        while path:
            if path in self.key_spans:
                return self.key_spans[path]
            path = path[:-1]
        return (self.start, self.start + 3)


def split(text: str) -> FrontMatter:
    """Find and parse the front matter at the top of normalised ``text``."""
    fm = FrontMatter()
    if not _OPEN.match(text):
        return fm
    fm.present = True
    body_start = text.index("\n") + 1
    close = _CLOSE.search(text, body_start)
    fm.start, fm.body_start = 0, body_start
    if close is None:
        fm.end = 0
        fm.problems.append(Problem("front matter is not closed: add a line with `---` after it", 0, 3))
        return fm
    fm.end = close.end()
    _parse(fm, text[body_start : close.start()], body_start)
    return fm


def _offset(base: int, yaml_text: str, mark: Any, line_starts: list[int]) -> int:
    return base + line_starts[min(mark.line, len(line_starts) - 1)] + mark.column


def _parse(fm: FrontMatter, yaml_text: str, base: int) -> None:
    starts = [0] + [m.end() for m in re.finditer("\n", yaml_text)]
    loader = _Loader(yaml_text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # libyaml's composer recurses: find where, without recursion
            mark = _too_deep_in_events(yaml_text)
            off = _offset(base, yaml_text, mark, starts) if mark else base
            fm.problems.append(Problem(f"front matter is not valid YAML: {_TOO_DEEP}", off, off + 1))
            return
        if node is None:
            fm.data = None
            return
        if not _plain_tree(node):  # aliases or deep nesting: check the shape and size
            shape = _shape_problem(node)
            if shape is not None:
                off = _offset(base, yaml_text, shape[1].start_mark, starts)
                fm.problems.append(Problem(f"front matter is not valid YAML: {shape[0]}", off, off + 1))
                return
            # Aliases may add at most MAX_EXPANDED_NODES to what is written: 100,000 plain
            # keys are just a big block, a billion laughs is refused.
            limit = _distinct_nodes(node) + MAX_EXPANDED_NODES
            if _expanded_size(node, {}, limit) > limit:
                off = _offset(base, yaml_text, node.start_mark, starts)
                fm.problems.append(Problem("front matter is too large once its aliases are expanded", off, off + 1))
                return
        fm.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if "nesting depth" in problem:  # newer libyaml stops at its own limit (1,000 levels)
            deep = _too_deep_in_events(yaml_text)
            mark, problem = (deep, _TOO_DEEP) if deep is not None else (mark, problem)
        off = _offset(base, yaml_text, mark, starts) if mark else fm.start
        fm.problems.append(Problem(f"front matter is not valid YAML: {problem}", off, off + 1))
        return
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        fm.problems.append(Problem(f"front matter is not valid YAML: {exc}", fm.start, fm.start + 3))
        return
    finally:
        loader.dispose()
    _record_spans(fm, node, (), base, yaml_text, starts)


_TOO_DEEP = f"nested too deeply (more than {MAX_DEPTH} levels)"


def _too_deep_in_events(yaml_text: str) -> Any:
    """The mark of the first collection nested deeper than MAX_DEPTH (event stream:
    no recursion), or None."""
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


def _plain_tree(root: Any) -> bool:
    """Whether no node is reached twice (no aliases: no cycle, nothing to expand) and
    no node is nested deeper than MAX_DEPTH: what nearly every front matter is, found
    in one pass; otherwise ``_shape_problem`` and ``_expanded_size`` look closer."""
    seen: set[int] = set()
    stack = [(root, 1)]
    mapping, sequence = yaml.MappingNode, yaml.SequenceNode
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            return False
        seen.add(id(node))
        kind = type(node)
        if kind is mapping:
            for pair in node.value:
                stack.append((pair[0], depth + 1))
                stack.append((pair[1], depth + 1))
        elif kind is sequence:
            stack.extend([(child, depth + 1) for child in node.value])
        elif kind is not yaml.ScalarNode:
            return False
    return True


def _shape_problem(root: Any) -> tuple[str, Any] | None:
    """(problem, node) for a recursive alias (``&a [*a]``: data that never ends) or
    the first node, along the deepest path, nested deeper than MAX_DEPTH; else None.
    Iterative, and a node shared by aliases is measured once."""
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            continue
        if key in height:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                return "an alias refers to itself (recursive data)", child
            if id(child) not in height:
                stack.append((child, False))
    if height[id(root)] <= MAX_DEPTH:
        return None
    node, depth = root, 1
    while depth <= MAX_DEPTH:
        node = max(_children(node), key=lambda c: height[id(c)])
        depth += 1
    return _TOO_DEEP, node


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _distinct_nodes(root: Any) -> int:
    """How many nodes the YAML text itself holds (an alias's target counts once)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


def _expanded_size(node: Any, memo: dict[int, int], limit: int) -> int:
    """The number of nodes once aliases are expanded (stops counting past ``limit``)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # cycles count once
    total = 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            total += _expanded_size(k, memo, limit) + _expanded_size(v, memo, limit)
            if total > limit:
                break
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            total += _expanded_size(v, memo, limit)
            if total > limit:
                break
    memo[key] = total
    return total


def _record_spans(fm: FrontMatter, node: Any, path: tuple, base: int, yaml_text: str, starts: list[int],
                  depth: int = 0) -> None:
    if depth > 50:
        return
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                continue
            sub = path + (k.value,)
            if sub in fm.key_spans:
                continue
            fm.key_spans[sub] = (_offset(base, yaml_text, k.start_mark, starts),
                                 _offset(base, yaml_text, k.end_mark, starts))
            fm.value_spans[sub] = (_offset(base, yaml_text, v.start_mark, starts),
                                   _offset(base, yaml_text, v.end_mark, starts))
            _record_spans(fm, v, sub, base, yaml_text, starts, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            sub = path + (i,)
            span = (_offset(base, yaml_text, v.start_mark, starts), _offset(base, yaml_text, v.end_mark, starts))
            fm.key_spans[sub] = span
            fm.value_spans[sub] = span
            _record_spans(fm, v, sub, base, yaml_text, starts, depth + 1)


def blank_out(text: str, fm: FrontMatter) -> str:
    """``text`` with the front matter replaced by spaces (newlines kept), so the
    Markdown parser sees blank lines there and every offset stays the same."""
    if not fm.present:
        return text
    end = fm.end if fm.end else len(text)
    if not fm.end:
        # Unclosed: only the opening fence is hidden; the rest is Markdown.
        end = 3
    head = "\n".join(" " * len(line) for line in text[:end].split("\n"))
    return head + text[end:]
