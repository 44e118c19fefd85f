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
    edits, candidates = _esm_and_expressions(text)
    masked = _apply(text, edits)
    tags: list[Tag] = []
    blanks: list[tuple[int, int, str]] = []
    done = 0
    for pos in candidates:
        if pos < done:
            continue
        m = _TAG_LINE.match(masked, pos)
        if m is None:
            continue
        for t in _ONE_TAG.finditer(masked, m.start(), m.end()):
            tags.append(_tag(t.group(), t.start(), t.end()))
        blanks.append((m.start(), m.end(), " "))
        done = m.end()
    return (_apply(masked, blanks) if blanks else masked), tags


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, fill) range, in order, filled with ``fill`` (line ends kept)."""
    if not edits:
        return text
    parts: list[str] = []
    cursor = 0
    for start, end, fill in edits:
        parts.append(text[cursor:start])
        parts.append("\n".join(fill * len(line) for line in text[start:end].split("\n")))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


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


# The lines that may need masking: a code fence, ESM, a tag, or any "{".
_INTERESTING = re.compile(r"^(?: {0,3}(?:`{3,}|~{3,})|import\b|export\b|[ \t]*<)|\{", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n|$)")


def _esm_and_expressions(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The ranges to mask (ESM blocks as spaces, expressions as EXPRESSION), in order,
    and the starts of the lines (outside code fences) that begin with ``<``: where a
    tag-only line may be. Only the lines ``_INTERESTING`` finds are looked at."""
    edits: list[tuple[int, int, str]] = []
    candidates: list[int] = []
    n = len(text)
    pairs: dict[int, int] | None = None  # computed when a line needs it
    done = 0  # everything before this offset is dealt with
    for hit in _INTERESTING.finditer(text):
        if hit.start() < done:
            continue
        pos = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", pos)
        if end < 0:
            end = n
        if pos >= done:
            line = text[pos:end]
            fence = _FENCE.match(line)
            if fence:
                marker = fence.group(1)
                close = re.compile(r"^ {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*$",
                                   re.M).search(text, end)
                done = close.end() if close else n
                continue
            if _ESM.match(line) and (pos == 0 or _blank_before(text, pos)):
                blank = _BLANK_LINE.search(text, end)
                done = blank.start() if blank else n
                edits.append((pos, done, " "))
                continue
            if line.lstrip(" \t").startswith("<"):
                candidates.append(pos)
        if pairs is None:
            pairs = _brace_pairs(text) if "{" in text else {}
        done = max(_mask_expressions(text, max(pos, done), end, edits, pairs), end)
    return edits, candidates


def _blank_before(text: str, pos: int) -> bool:
    """Whether the line before ``pos`` is blank (ESM starts a block, not a paragraph line)."""
    prev = text.rfind("\n", 0, pos - 1)
    return not text[prev + 1 : pos - 1].strip()


def _mask_expressions(text: str, start: int, end: int, edits: list[tuple[int, int, str]],
                      pairs: dict[int, int]) -> int:
    """Mask the expressions that open between ``start`` and ``end`` (one line); returns
    the offset masked up to (past ``end`` when an expression runs over lines)."""
    i = text.find("{", start, end)
    done = start
    while i >= 0:
        if i > 0 and text[i - 1] == "\\":
            i = text.find("{", i + 1, end)
            continue
        close = pairs.get(i, -1)
        if close < 0:
            return done
        edits.append((i, close + 1, EXPRESSION))
        done = close + 1
        if close >= end:
            return done
        i = text.find("{", close + 1, end)
    return done


_BRACE_TOKENS = re.compile(r"\\.|/\*|\*/|[{}\"'`]|\n[ \t]*(?=\n)")


def _brace_pairs(text: str) -> dict[int, int]:
    """Offset of each expression's ``{`` → offset of the ``}`` that closes it, in one
    pass: inside an expression, strings and ``/* comments */`` are skipped; outside,
    only ``{`` (not ``\\{``) opens one. A blank line ends any expression a writer meant."""
    pairs: dict[int, int] = {}
    depth = 0
    start = 0
    quote = ""
    comment = False
    for m in _BRACE_TOKENS.finditer(text):
        tok = m.group()
        if tok[0] == "\n":
            depth, quote, comment = 0, "", False
        elif depth == 0:
            if tok == "{":
                depth, start = 1, m.start()
        elif comment:
            comment = tok != "*/"
        elif quote:
            if tok == quote:
                quote = ""
        elif tok == "/*":
            comment = True
        elif tok in "\"'`" and len(tok) == 1:
            quote = tok
        elif tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                pairs[start] = m.start()
    return pairs
