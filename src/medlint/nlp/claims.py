"""Deprecated alias of ``medlint.claims``."""

from medlint.claims import *  # noqa: F403
from medlint.claims import __all__  # noqa: F401
from medlint.nlp import _moved

_moved(__name__, "medlint.claims")
