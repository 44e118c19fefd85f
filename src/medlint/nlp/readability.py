"""Deprecated alias of ``medlint.language.readability``."""

from medlint.language.readability import *  # noqa: F403
from medlint.language.readability import __all__  # noqa: F401
from medlint.nlp import _moved

_moved(__name__, "medlint.language.readability")
