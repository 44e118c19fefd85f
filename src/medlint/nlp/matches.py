"""Deprecated alias of ``medlint.language.matches`` (and of ``medlint.language.lexicon``,
which now holds ``LexiconCache`` and ``compile_pattern``)."""

from medlint.language.lexicon import LexiconCache, compile_pattern
from medlint.language.matches import (
    PRECEDING_WINDOW, EntrySet, Match, PatternEntry, compile_entries, scan_entries,
)
from medlint.nlp import _moved

#: An apostrophe as writers type it (no longer used by medlint itself).
APOSTROPHE = "[\\x27\\u2019]"

__all__ = ["APOSTROPHE", "PRECEDING_WINDOW", "EntrySet", "LexiconCache", "Match", "PatternEntry", "compile_entries",
           "compile_pattern", "scan_entries"]
_moved(__name__, "medlint.language.matches")
