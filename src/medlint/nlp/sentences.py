"""Deprecated alias of ``medlint.language.sentences``."""

from medlint.language.sentences import split
from medlint.nlp import _moved

__all__ = ["split"]
_moved(__name__, "medlint.language.sentences")
