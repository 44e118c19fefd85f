"""The one way medlint writes JSON text (reports, SARIF, baselines, merged reports,
the cache).

File names are kept as Python reads them from the file system: a byte that is not
UTF-8 becomes a lone surrogate (PEP 383, ``caf\\xe9.md`` → ``"caf\\udce9.md"``), so the
file can still be opened. JSON text is written with non-ASCII characters as they
are, except lone surrogates, which are written as ``\\udcXX`` escapes: the output is
valid UTF-8, ``json.loads`` gives the same path back, and ``os.fsencode`` of it gives
the original bytes. ``medlint merge`` and ``--baseline`` read what ``check`` writes.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any, **kwargs: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **kwargs)``, with lone surrogates escaped."""
    text = json.dumps(value, ensure_ascii=False, **kwargs)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# Reports, baselines and SARIF logs are a few levels deep; deeper input is hostile.
MAX_DEPTH = 64


class JSONError(ValueError):
    """Text that is not usable JSON; the message says why (without the file name)."""


def loads(text: str) -> Any:
    """Parse JSON from an untrusted file (a report, a baseline): a clear ``JSONError``
    for invalid JSON, nesting deeper than ``MAX_DEPTH`` and integers too long to
    convert (Python's 4,300-digit limit), never a RecursionError or a traceback."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise JSONError(f"nested too deeply (more than {MAX_DEPTH} levels)") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise JSONError(f"not usable JSON: {exc}") from None
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                raise JSONError(f"nested too deeply (more than {MAX_DEPTH} levels)")
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return value
