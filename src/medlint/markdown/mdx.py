"""What of an ``.mdx`` file is not prose, blanked out before parsing.

MDX is Markdown plus JSX: ``import``/``export`` blocks (ESM) at the top level and
``{expressions}`` anywhere in the text or in a component's attributes. Neither is read
by a reader. ``mask`` returns the text with the same length and the same line ends
(so every offset, line and column is unchanged) where ESM lines are spaces and each
expression is ``EXPRESSION`` characters, which the Document reads as one object, as it
does inline code. JSX components themselves are HTML blocks to the Markdown parser;
their text is read by ``html.py``.
"""

from __future__ import annotations

import re

EXPRESSION = "\ue000"  # a private-use character: never in real prose
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ESM = re.compile(r"(?:import|export)\b")
_QUOTES = "\"'`"


def mask(text: str) -> str:
    """``text`` with ESM blocks and ``{expressions}`` blanked out (see the module doc)."""
    if "{" not in text and "import" not in text and "export" not in text:
        return text
    out = list(text)
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
        elif end > masked_until:
            masked_until = _mask_expressions(text, max(pos, masked_until), end, out)
        pos = end + 1
    return "".join(out)


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
