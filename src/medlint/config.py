"""Configuration: find, validate and resolve ``medlint.toml`` / ``[tool.medlint]``.

The config that applies to a file is the nearest ``medlint.toml`` (or a
``pyproject.toml`` with a ``[tool.medlint]`` table) in the file's folder or above it.
It is validated against ``schemas/config.schema.json``; an unknown key or a wrong
type is a ``ConfigError`` naming the file and the key. Rule options are validated by
each rule's own schema. Resolution order for one file, later wins: rule defaults →
``select``/``ignore`` → ``[rules.*]`` → ``per-file-ignores`` → matching
``[[overrides]]`` (by glob and/or front-matter value) → command-line options.
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .data import schema
from .diagnostics import Severity
from .globs import any_match, expand, glob_match
from .registry import Registry
from .rule import OptionsError, Rule, Stage

CONFIG_NAMES = ("medlint.toml", ".medlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("**/*.md", "**/*.mdx", "**/*.markdown")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".medlint_cache",
                   ".tox", "build", "dist")


class ConfigError(Exception):
    """A configuration problem; the run exits with code 2."""


@dataclass
class CliOverrides:
    """Rule selection from the command line. ``select`` is None when not given; an
    empty ``select`` (``--select ""``) selects no rule."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        return self.select is not None or bool(self.ignore or self.extend_select)


@dataclass
class Config:
    path: Path | None  # None: defaults (no config file found, or --isolated)
    root: Path
    data: dict[str, Any] = field(default_factory=dict)

    # Sources of each setting, for `medlint config --show`.
    @property
    def label(self) -> str:
        return str(self.path) if self.path else "(defaults)"

    def paths(self, key: str) -> list[Path]:
        """The files or folders a path-list key names, globs expanded (sorted) as
        ``include`` reads them (globs.py)."""
        return [path for pattern in self.data.get(key, []) for path in expand(self.root, pattern)]

    @property
    def include(self) -> tuple[str, ...]:
        return tuple(self.data.get("include", DEFAULT_INCLUDE))

    @property
    def exclude(self) -> tuple[str, ...]:
        return DEFAULT_EXCLUDE + tuple(self.data.get("exclude", ()))

    def relative(self, path: Path) -> str:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return Path(path).as_posix()


def load(path: Path) -> Config:
    """Read and validate one config file."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("medlint", {})
        where = "[tool.medlint]"
    else:
        where = ""
    validate(data, path, where)
    return Config(path, path.parent, data)


def validate(data: Mapping[str, Any], path: Path | str, where: str = "") -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema("config"))
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = errors[0]
    keys = [str(p) for p in err.absolute_path]
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        key = ".".join(keys + extra[:1])
        raise ConfigError(f"{path}: unknown key `{key}`{' in ' + where if where else ''}")
    if err.validator == "oneOf" and keys[:1] == ["rules"] or (len(keys) >= 3 and keys[-2] == "rules"):
        raise ConfigError(f"{path}: `{'.'.join(keys)}` must be a severity (error, warning, info, off) "
                          f"or a table of options")
    key = ".".join(keys) or "(top level)"
    raise ConfigError(f"{path}: `{key}`: {err.message}")


@functools.lru_cache(maxsize=256)
def _find_in(folder: str) -> str | None:
    for name in CONFIG_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            if name == "pyproject.toml":
                try:
                    with open(candidate, "rb") as handle:
                        if "medlint" not in tomllib.load(handle).get("tool", {}):
                            continue
                except (OSError, tomllib.TOMLDecodeError):
                    continue
            return candidate
    return None


def discover(start: Path) -> Config:
    """The config for files in ``start`` (a folder or a file): nearest one upwards."""
    folder = os.path.abspath(start if start.is_dir() else start.parent)
    while True:
        found = _find_in(folder)
        if found:
            return load(Path(found))
        parent = os.path.dirname(folder)
        if parent == folder:
            return Config(None, Path.cwd())
        folder = parent


# -- resolution --------------------------------------------------------------
@dataclass
class RuleSetting:
    enabled: bool
    severity: Severity
    options: dict[str, Any]
    source: str  # where the last change came from


class Resolver:
    """Turns a Config (+ CLI options) into each rule's setting for one file. Rule
    options that are paths (``Rule.path_options``, ``Rule.config_options``) come out
    resolved against the config file's folder."""

    def __init__(self, config: Config, registry: Registry, cli: CliOverrides | None = None):
        self.config = config
        self.registry = registry
        self.cli = cli or CliOverrides()
        for key in ("select", "ignore"):
            self._check_refs(config.data.get(key, []), key)
        for option, refs in (("--select", self.cli.select or ()), ("--ignore", self.cli.ignore),
                             ("--extend-select", self.cli.extend_select)):
            _, unknown = self.registry.expand(refs)
            if unknown:
                raise ConfigError(f"command line `{option}`: {self.registry.unknown_message(unknown[0])}")
        for glob, refs in config.data.get("per-file-ignores", {}).items():
            self._check_refs(refs, f"per-file-ignores.{glob}")
        self._check_rules_table(config.data.get("rules", {}), "rules")
        for i, ov in enumerate(config.data.get("overrides", [])):
            self._check_rules_table(ov.get("rules", {}), f"overrides[{i}].rules")
            self._check_refs(ov.get("select", []), f"overrides[{i}].select")
            self._check_refs(ov.get("ignore", []), f"overrides[{i}].ignore")
        # Option errors surface at start-up.
        self.validated("", {})

    def _check_refs(self, refs: Iterable[str], where: str) -> None:
        _, unknown = self.registry.expand(refs)
        if unknown:
            raise ConfigError(f"{self.config.label}: `{where}`: {self.registry.unknown_message(unknown[0])}")

    def _check_rules_table(self, table: Mapping[str, Any], where: str) -> None:
        for ref in table:
            if self.registry.resolve(ref) is None:
                raise ConfigError(f"{self.config.label}: `{where}.{ref}`: {self.registry.unknown_message(ref)}")

    def base_settings(self) -> dict[str, RuleSetting]:
        settings = {}
        for name, rule in self.registry.rules.items():
            if rule.stage == Stage.ENGINE:
                continue
            options = {option: self._path(rule, option, self.config.data[key])
                       for option, key in rule.config_options.items() if key in self.config.data}
            settings[name] = RuleSetting(True, Severity(rule.severity), options, "default")
        return settings

    def _path(self, rule: type[Rule], option: str, value: Any) -> Any:
        """``value`` of ``rule``'s ``option``: a path option's relative path is taken
        from the config file's folder (whatever folder medlint runs from)."""
        if option.replace("-", "_") in rule.path_options and isinstance(value, str) and value:
            return str(self.config.root / value)
        return value

    def referenced(self) -> tuple[list[Path], list[str]]:
        """What the rules read because this config names it: the files of path
        options (in ``[rules.*]``, ``[[overrides]]`` and top-level keys that set
        options), and the top-level keys naming files (``Rule.config_keys``, expanded
        with ``Config.paths``). Their content decides findings: the cache fingerprints it."""
        found: list[Path] = []
        cfg = self.config.data
        tables = [cfg.get("rules", {})] + [ov.get("rules", {}) for ov in cfg.get("overrides", [])]
        for table in tables:
            for ref, value in table.items():
                name = self.registry.resolve(ref)
                if name is None or not isinstance(value, dict):
                    continue
                rule = self.registry.rules[name]
                for option, v in value.items():
                    resolved = self._path(rule, option, v)
                    if resolved is not v:
                        found.append(Path(resolved))
        keys: set[str] = set()
        for rule in self.registry.rules.values():
            for option, key in rule.config_options.items():
                if key in cfg and option in rule.path_options:
                    found.append(Path(self._path(rule, option, cfg[key])))
            keys.update(k for k in rule.config_keys if k in cfg)
        return sorted(set(found)), sorted(keys)

    def _apply_select(self, settings: dict[str, RuleSetting], select: Iterable[str] | None, ignore: Iterable[str],
                      source: str) -> None:
        """``select`` None leaves the selection as it is; a list (even empty) replaces it."""
        if select is not None:
            chosen, _ = self.registry.expand(select)
            for name, s in settings.items():
                s.enabled = name in chosen
                s.source = source
        chosen_ignore, _ = self.registry.expand(ignore)
        for name in chosen_ignore:
            if name in settings:
                settings[name].enabled = False
                settings[name].source = source

    def _apply_rules(self, settings: dict[str, RuleSetting], table: Mapping[str, Any], source: str) -> None:
        for ref, value in table.items():
            name = self.registry.resolve(ref)
            if name not in settings:
                continue
            s = settings[name]
            if isinstance(value, str):
                value = {"severity": value}
            sev = value.get("severity")
            if sev == "off":
                s.enabled = False
            elif sev:
                s.enabled = True
                s.severity = Severity(sev)
            rule = self.registry.rules[name]
            s.options.update({k: self._path(rule, k, v) for k, v in value.items() if k != "severity"})
            s.source = source

    def rule_settings(self, relpath: str, frontmatter: Mapping[str, Any]) -> tuple[dict[str, RuleSetting], list[str]]:
        """Resolved settings for one file, and the labels of what applied."""
        cfg = self.config.data
        label = self.config.label
        settings = self.base_settings()
        applied = []
        self._apply_select(settings, cfg.get("select") or None, cfg.get("ignore", []), label)
        self._apply_rules(settings, cfg.get("rules", {}), label)
        for glob, refs in cfg.get("per-file-ignores", {}).items():
            if relpath and glob_match(glob, relpath):
                self._apply_select(settings, None, refs, f"{label} per-file-ignores {glob!r}")
                applied.append(f"per-file-ignores {glob!r}")
        for i, ov in enumerate(cfg.get("overrides", [])):
            if self._override_matches(ov, relpath, frontmatter):
                where = f"{label} overrides[{i}]"
                self._apply_select(settings, ov.get("select") or None, ov.get("ignore", []), where)
                self._apply_rules(settings, ov.get("rules", {}), where)
                applied.append(f"overrides[{i}]")
        if self.cli.given:
            self._apply_select(settings, self.cli.select, self.cli.ignore, "command line")
            chosen, _ = self.registry.expand(self.cli.extend_select)
            for name in chosen:
                if name in settings:
                    settings[name].enabled = True
                    settings[name].source = "command line"
        return settings, applied

    @staticmethod
    def _override_matches(ov: Mapping[str, Any], relpath: str, frontmatter: Mapping[str, Any]) -> bool:
        files = ov.get("files")
        if files is not None and not any_match(files, relpath):
            return False
        wanted = ov.get("frontmatter")
        if wanted:
            for key, value in wanted.items():
                actual = frontmatter.get(key)
                values = value if isinstance(value, list) else [value]
                if isinstance(actual, list):
                    if not any(a in values for a in actual):
                        return False
                elif actual not in values:
                    return False
        return True

    def settings_key(self, relpath: str, frontmatter: Mapping[str, Any]) -> tuple:
        """Files with the same key get the same settings (which per-file-ignores and
        overrides match them)."""
        cfg = self.config.data
        return (
            tuple(g for g in cfg.get("per-file-ignores", {}) if relpath and glob_match(g, relpath)),
            tuple(i for i, ov in enumerate(cfg.get("overrides", [])) if self._override_matches(ov, relpath, frontmatter)),
        )

    def validated(self, relpath: str, frontmatter: Mapping[str, Any]) -> dict[str, RuleSetting]:
        """The enabled rules' settings for one file, options validated against each
        rule's schema and defaults filled in (a ConfigError names the source)."""
        settings, _ = self.rule_settings(relpath, frontmatter)
        out: dict[str, RuleSetting] = {}
        for name, s in settings.items():
            if not s.enabled:
                continue
            try:
                options = self.registry.rules[name].resolve_options(s.options)
            except OptionsError as exc:
                raise ConfigError(f"{s.source}: {exc}") from None
            out[name] = RuleSetting(True, s.severity, options, s.source)
        return out
