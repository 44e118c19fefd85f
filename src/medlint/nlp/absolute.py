"""Deprecated alias of ``medlint.language.absolute``."""

from medlint.language.absolute import *  # noqa: F403
from medlint.language.absolute import __all__  # noqa: F401
from medlint.nlp import _moved

_moved(__name__, "medlint.language.absolute")
