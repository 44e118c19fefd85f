"""Every rule medlint knows, from one loading path.

Built-in rules, entry-point plugins (group ``medlint.rules``), plugin files and YAML
rules all become ``Rule`` classes here, validated the same way: a code of 2–4
capital letters and 3 digits (``ML`` reserved for built-ins), a kebab-case name,
both unique, a summary, documentation, and a valid options schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .diagnostics import Severity
from .rule import CODE_PATTERN, NAME_PATTERN, Rule


class RegistryError(Exception):
    """A rule that cannot be registered (bad or duplicate code or name)."""


@dataclass(frozen=True)
class RuleInfo:
    """What reporters and listings need to know of a rule (no behaviour)."""

    name: str
    code: str
    summary: str
    docs: str
    severity: Severity
    fixable: bool
    origin: str


class Registry:
    def __init__(self) -> None:
        self.rules: dict[str, type[Rule]] = {}
        self._by_code: dict[str, str] = {}
        # Problems met while loading plugins: (source, message); reported, never fatal.
        self.load_errors: list[tuple[str, str]] = []

    @classmethod
    def builtin(cls) -> "Registry":
        from .rules import BUILTIN_RULES

        reg = cls()
        for rule in BUILTIN_RULES:
            reg.add(rule, builtin=True)
        return reg

    def add(self, rule: type[Rule], *, builtin: bool = False) -> None:
        if not isinstance(rule, type) or not issubclass(rule, Rule):
            raise RegistryError(f"{rule!r} is not a medlint Rule class")
        code, name = rule.code, rule.name
        if not CODE_PATTERN.match(code or ""):
            raise RegistryError(f"rule {name or rule.__name__}: code {code!r} must be 2-4 capital letters and 3 digits")
        if code.startswith("ML") and not builtin:
            raise RegistryError(f"rule {name}: the ML prefix is reserved for built-in rules")
        if not NAME_PATTERN.match(name or ""):
            raise RegistryError(f"rule {code}: name {name!r} must be kebab-case")
        if name in self.rules or code in self._by_code:
            other = self.rules.get(name) or self.rules[self._by_code[code]]
            raise RegistryError(f"rule {code} {name} clashes with {other.code} {other.name} ({other.origin})")
        if not rule.summary:
            raise RegistryError(f"rule {code} {name} has no summary")
        if not rule.docs():
            raise RegistryError(f"rule {code} {name} has no documentation")
        if not builtin:  # built-in schemas are checked by the test suite (test_rule_catalog.py)
            import jsonschema

            try:
                jsonschema.Draft202012Validator.check_schema(rule.options_schema)
            except jsonschema.SchemaError as exc:
                raise RegistryError(f"rule {code} {name}: options schema is invalid: {exc.message}") from None
        self.rules[name] = rule
        self._by_code[code] = name

    def resolve(self, ref: str) -> str | None:
        """The rule name for a name or code (case-insensitive code), else None."""
        if ref in self.rules:
            return ref
        return self._by_code.get(ref.upper())

    def suggest(self, ref: str) -> str | None:
        """The known rule name or code closest to a misspelt ``ref``, if one is close."""
        import difflib

        ref = ref.strip()
        if not ref:
            return None
        codes = list(self._by_code)
        found = difflib.get_close_matches(ref.upper(), codes, n=1, cutoff=0.7) if ref[:1].isalpha() and \
            any(ch.isdigit() for ch in ref) else []
        found = found or difflib.get_close_matches(ref.lower(), list(self.rules), n=1, cutoff=0.6)
        return found[0] if found else None

    def unknown_message(self, ref: str) -> str:
        """"unknown rule `ref`" with a "did you mean" when a known rule is close."""
        close = self.suggest(ref)
        hint = f"; did you mean `{close}`?" if close else " (see `medlint rules`)"
        return f"unknown rule `{ref}`{hint}"

    def expand(self, refs: Iterable[str]) -> tuple[set[str], list[str]]:
        """Names selected by names, codes or code prefixes ("ML3", "ALL"); plus unknown refs."""
        names: set[str] = set()
        unknown: list[str] = []
        for ref in refs:
            ref = ref.strip()
            if not ref:
                continue
            name = self.resolve(ref)
            if name:
                names.add(name)
                continue
            upper = ref.upper()
            if upper == "ALL":
                names.update(self.rules)
                continue
            matched = [n for c, n in self._by_code.items() if c.startswith(upper)]
            if matched:
                names.update(matched)
            else:
                unknown.append(ref)
        return names, unknown

    def info(self, name: str) -> RuleInfo:
        rule = self.rules[name]
        return RuleInfo(rule.name, rule.code, rule.summary, rule.docs(), Severity(rule.severity),
                        rule.fixable, rule.origin)

    def infos(self) -> dict[str, RuleInfo]:
        return {name: self.info(name) for name in self.rules}

    def sorted(self) -> list[type[Rule]]:
        return sorted(self.rules.values(), key=lambda r: r.code)
