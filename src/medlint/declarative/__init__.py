"""Rules written in YAML by editors: no Python needed.

One rule per ``.yaml``/``.yml`` file, in a folder listed under ``rule-dirs`` in
``medlint.toml`` (or shipped inside a plugin package). Kinds: ``existence``,
``substitution`` (fixable), ``occurrence``, ``required-section``, ``requires`` and
``frontmatter``. Each file becomes an ordinary ``Rule`` class, registered, configured,
suppressed and documented like a built-in. See ``docs/writing-rules.md``.
"""

from __future__ import annotations

from .kinds import REGEX_TIMEOUT, DeclarativeRule, PatternTimeout
from .loader import YamlRuleError, load_rule_dir, load_rule_file, rule_files

__all__ = [
    "DeclarativeRule",
    "PatternTimeout",
    "REGEX_TIMEOUT",
    "YamlRuleError",
    "load_rule_dir",
    "load_rule_file",
    "rule_files",
]
