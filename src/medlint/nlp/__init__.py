"""Deprecated: ``medlint.nlp`` was renamed. Its modules live on as aliases for plugins
written against the old layout, each warning once (a ``DeprecationWarning``) when first
imported:

- ``medlint.nlp.claims`` -> ``medlint.claims``
- ``medlint.nlp.matches`` -> ``medlint.language.matches`` and ``medlint.language.lexicon``
- ``medlint.nlp.<name>`` -> ``medlint.language.<name>`` for ``absolute``, ``dosage``,
  ``evidence``, ``readability``, ``sentences`` and ``stop_taking``

They re-export the public names only. Import from the new homes instead.
"""

from __future__ import annotations

import warnings


def _moved(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated: import from {new} instead", DeprecationWarning, stacklevel=3)
