"""What counts as a usable reference entry (shared by the citation rules)."""

from __future__ import annotations

import re

from ...document import Document, Reference

_PLACEHOLDER = re.compile(r"^\W*(?:tbd|tba|todo|xxx+|citation needed|reference|source|n/?a|none)\W*$", re.I)
_IDENTIFIER = re.compile(r"(?:https?://|www\.|\b10\.\d{4,9}/\S+|\bpmid\b|\bpmc\d+|\bdoi\b)", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")


def is_usable(entry: Reference) -> bool:
    """An entry holds a citation when it names an author, title, URL, DOI or PMID:
    at least one real word or identifier, and not a placeholder like "TBD"."""
    text = entry.text
    if _IDENTIFIER.search(text):
        return True
    if _PLACEHOLDER.match(text):
        return False
    return bool(_WORD.search(text))


def entry_span(doc: Document, entry: Reference) -> tuple[int, int]:
    """The whole entry: the list item from its number, or the footnote definition."""
    return entry.node.start, max(entry.node.end, entry.node.start + 1)
