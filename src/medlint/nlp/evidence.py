"""Deprecated alias of ``medlint.language.evidence``."""

from medlint.language.evidence import *  # noqa: F403
from medlint.language.evidence import __all__  # noqa: F401
from medlint.nlp import _moved

_moved(__name__, "medlint.language.evidence")
