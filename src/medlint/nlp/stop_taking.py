"""Deprecated alias of ``medlint.language.stop_taking``."""

from medlint.language.stop_taking import *  # noqa: F403
from medlint.language.stop_taking import __all__  # noqa: F401
from medlint.nlp import _moved

_moved(__name__, "medlint.language.stop_taking")
