"""What of an ``.mdx`` file is not prose, blanked out before parsing.

MDX is Markdown plus JSX: ``import``/``export`` blocks (ESM) at the top level,
``{expressions}`` anywhere in the text or in a component's attributes, and JSX tags.
``scan`` returns the text with the same length and the same line ends (so every
offset, line and column is unchanged) where:

- ESM lines are spaces;
- each expression is ``EXPRESSION`` characters, which the Document reads as one
  object, as it does inline code;
- a line (or lines) holding only JSX tags (``<Callout type="warning">``,
  ``</Callout>``, ``<Note />``) is spaces, and the tags are returned: as in MDX, the
  text between them is Markdown, parsed as such (a table, a list, a paragraph), and
  the Document knows which component encloses it.

A tag that shares its line with text stays: the Markdown parser sees HTML there, and
``html.py`` reads the text in it. A blanked tag line reads as a blank line to the
Markdown parser, so text indented as a list item's continuation just after a closing
tag joins that list item (MDX would end the list at the tag). MDX has no indented code, so .mdx files are parsed
without that rule (``MarkdownParser(mdx=True)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EXPRESSION = "\ue000"  # a private-use character: never in real prose
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ESM = re.compile(r"(?:import|export)\b")
_QUOTES = "\"'`"
_ATTR = r"""(?:\s+[^\s=>/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)"""
_TAG = r"(?:</?[A-Za-z][\w.:-]*" + _ATTR + r"*\s*/?>|</?>)"
_TAG_LINE = re.compile(r"[ \t]*(?:" + _TAG + r"[ \t]*)+(?=\n|$)")
_ONE_TAG = re.compile(_TAG)
_TAG_PARTS = re.compile(r"<(/?)([A-Za-z][\w.:-]*)?((?:" + _ATTR + r")*)\s*(/?)>")
_ATTR_PARTS = re.compile(r"""([^\s=>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")


@dataclass(frozen=True)
class Tag:
    """A JSX tag on a line of its own: ``kind`` is "open", "close" or "self"."""

    kind: str
    name: str
    start: int
    end: int
    attrs: dict[str, str | None] = field(default_factory=dict, compare=False)


def mask(text: str) -> str:
    """``text`` with ESM, expressions and tag-only lines blanked out (see the module doc)."""
    return scan(text)[0]


def scan(text: str) -> tuple[str, list[Tag]]:
    """The masked text and the JSX tags of the tag-only lines, in order."""
    if "{" not in text and "<" not in text and "import" not in text and "export" not in text:
        return text, []
    out, candidates = _mask_esm_and_expressions(text)
    masked = "".join(out)
    tags: list[Tag] = []
    done = 0
    for pos in candidates:
        if pos < done:
            continue
        m = _TAG_LINE.match(masked, pos)
        if m is None:
            continue
        for t in _ONE_TAG.finditer(masked, m.start(), m.end()):
            tags.append(_tag(t.group(), t.start(), t.end()))
        for k in range(m.start(), m.end()):
            if out[k] != "\n":
                out[k] = " "
        done = m.end()
    return ("".join(out) if tags else masked), tags


def _tag(raw: str, start: int, end: int) -> Tag:
    m = _TAG_PARTS.match(raw)
    if m is None:
        return Tag("self", "", start, end)
    closing, name, attrs, selfclose = m.groups()
    kind = "close" if closing else ("self" if selfclose else "open")
    found: dict[str, str | None] = {}
    for a in _ATTR_PARTS.finditer(attrs or ""):
        value = next((v for v in a.groups()[1:] if v is not None), None)
        found[a.group(1)] = None if value is not None and EXPRESSION in value else value
    return Tag(kind, name or "", start, end, found)


def _mask_esm_and_expressions(text: str) -> tuple[list[str], list[int]]:
    """ESM lines as spaces, expressions as EXPRESSION; also the starts of the lines
    (outside code fences) that begin with ``<``: where a tag-only line may be."""
    out = list(text)
    candidates: list[int] = []
    fence = ""
    esm = False
    masked_until = 0  # an expression that runs over lines is masked to here
    pos = 0
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        line = text[pos:end]
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = ""
        elif m:
            fence = m.group(1)
        elif esm or (_ESM.match(line) and (pos == 0 or _blank_before(text, pos))):
            esm = bool(line.strip())
            out[pos:end] = " " * (end - pos)
        else:
            if end > masked_until:
                masked_until = _mask_expressions(text, max(pos, masked_until), end, out)
            if line.lstrip(" \t").startswith("<"):
                candidates.append(pos)
        pos = end + 1
    return out, candidates


def _blank_before(text: str, pos: int) -> bool:
    """Whether the line before ``pos`` is blank (ESM starts a block, not a paragraph line)."""
    prev = text.rfind("\n", 0, pos - 1)
    return not text[prev + 1 : pos - 1].strip()


def _mask_expressions(text: str, start: int, end: int, out: list[str]) -> int:
    """Mask the expressions that open between ``start`` and ``end`` (one line); returns
    the offset masked up to (past ``end`` when an expression runs over lines)."""
    i = text.find("{", start, end)
    done = start
    while i >= 0:
        if i > 0 and text[i - 1] == "\\":
            i = text.find("{", i + 1, end)
            continue
        close = _closing_brace(text, i)
        if close < 0:
            return done
        for k in range(i, close + 1):
            if text[k] != "\n":
                out[k] = EXPRESSION
        done = close + 1
        if close >= end:
            return done
        i = text.find("{", close + 1, end)
    return done


def _closing_brace(text: str, i: int) -> int:
    """The offset of the ``}`` that closes the ``{`` at ``i`` (strings skipped), or -1."""
    depth = 0
    quote = ""
    n = len(text)
    j = i
    while j < n:
        ch = text[j]
        if ch == "/" and not quote and text.startswith("/*", j):
            k = text.find("*/", j + 2)
            if k < 0:
                return -1
            j = k + 2
            continue
        if quote:
            if ch == "\\":
                j += 1
            elif ch == quote:
                quote = ""
        elif ch in _QUOTES:
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return j
        elif ch == "\n" and text.startswith("\n", j + 1):
            return -1  # a blank line ends any expression a writer meant
        j += 1
    return -1
