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
