"""Deprecated alias of ``medlint.language.dosage``."""

from medlint.language.dosage import *  # noqa: F403
from medlint.language.dosage import __all__  # noqa: F401
from medlint.nlp import _moved

_moved(__name__, "medlint.language.dosage")
