"""Configuration: find, validate and resolve ``medlint.toml`` / ``[tool.medlint]``.

The config that applies to a file is the nearest ``medlint.toml`` (or a
``pyproject.toml`` with a ``[tool.medlint]`` table) in the file's folder or above it,
merged with those of the folders above it (theirs first, nearer ones win) up to one
that says ``root = true``, the repository root (the folder holding ``.git``) or the
user's home; each file's ``extends`` are merged under it first. Only files owned by
the user (or root) that others cannot write are loaded: a config can run plugins.
Each value keeps the file it came from (``Config.sources``): its relative paths and
globs are read from that file's folder, and ``config --show`` names it.
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
    # The file each value came from, keyed ("include",), ("rules", ref),
    # ("per-file-ignores", glob) or ("overrides", i); absent: ``path``.
    sources: dict[tuple[Any, ...], Path] = field(default_factory=dict)
    files: tuple[Path, ...] = ()  # every file merged into this one, bases first

    @property
    def label(self) -> str:
        return str(self.path) if self.path else "(defaults)"

    def source_of(self, *key: Any) -> str:
        """The file that set the value at ``key`` (for messages and ``config --show``)."""
        found = self.sources.get(key)
        return str(found) if found is not None else self.label

    def folder_of(self, *key: Any) -> Path:
        """The folder the value at ``key`` is read from (its file's folder)."""
        found = self.sources.get(key)
        return found.parent if found is not None else self.root

    def relative_for(self, relpath: str, *key: Any) -> str:
        """``relpath`` (relative to ``root``) made relative to the folder of the file
        that set ``key``, for matching that file's globs."""
        folder = self.folder_of(*key)
        if folder == self.root or not relpath:
            return relpath
        return Path(os.path.relpath(os.path.join(self.root, relpath), folder)).as_posix()

    def paths(self, key: str) -> list[Path]:
        """The files or folders a path-list key names, globs expanded (sorted) as
        ``include`` reads them (globs.py), from the folder of the file that set it."""
        root = self.folder_of(key)
        return [path for pattern in self.data.get(key, []) for path in expand(root, pattern)]

    @property
    def include(self) -> tuple[str, ...]:
        return tuple(self.data.get("include", DEFAULT_INCLUDE))

    @property
    def exclude(self) -> tuple[str, ...]:
        return DEFAULT_EXCLUDE + tuple(self.data.get("exclude", ()))

    def excludes(self, relpath: str) -> bool:
        """Whether ``exclude`` drops the file or folder at ``relpath`` (relative to
        ``root``; a folder ends with "/"), the globs read from their file's folder."""
        return any_match(self.exclude, self.relative_for(relpath, "exclude"))

    def selects(self, relpath: str) -> bool:
        """Whether the file at ``relpath`` is an article to lint: ``include`` matches
        it and ``exclude`` does not."""
        return any_match(self.include, self.relative_for(relpath, "include")) and not self.excludes(relpath)

    def relative(self, path: Path) -> str:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return Path(path).as_posix()


def load(path: Path, explicit: bool = True) -> Config:
    """Read and validate one config file, with what it ``extends`` merged under it.
    A file that is not ``explicit`` (found by discovery or extended) must be trusted."""
    return _compose(Path(os.path.abspath(path)) if not explicit else path, explicit, ())


def _compose(path: Path, explicit: bool, chain: tuple[str, ...]) -> Config:
    if str(path) in chain:
        raise ConfigError(f"{path}: `extends` loops back to this file ({' -> '.join(chain)} -> {path})")
    if not explicit:
        why = untrusted(path)
        if why:
            raise ConfigError(f"{path}: refusing to load this config: {why}; medlint runs the plugins a config "
                              f"names, so it loads only configs you (or root) own that others cannot write "
                              f"(fix its owner or mode, or name it with --config if you trust it)")
    own = _read(path)
    merged: Config | None = None
    for ref in own.data.get("extends", []):
        base = _compose(_extended(ref, path), False, (*chain, str(path)))
        merged = base if merged is None else merge(merged, base)
    return own if merged is None else merge(merged, own)


def _extended(ref: str, by: Path) -> Path:
    """The file an ``extends`` entry names: a path from ``by``'s folder, or
    ``package:NAME[/FILE]`` (default medlint.toml) inside an installed package,
    found without importing it."""
    if not ref.startswith("package:"):
        return Path(os.path.abspath(by.parent / ref))
    import importlib.util

    name, _, file = ref[len("package:"):].partition("/")
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise ConfigError(f"{by}: `extends`: no installed package `{name}` (with a folder) for `{ref}`")
    return Path(folders[0]) / (file or "medlint.toml")


# Keys merged entry by entry (a nearer file's entry wins); `overrides` are appended;
# every other key is replaced whole by the nearer file.
_MERGED_TABLES = ("rules", "per-file-ignores")


def merge(base: Config, over: Config) -> Config:
    """``over``'s settings on top of ``base``'s (``over`` is the nearer or extending file)."""
    data = {k: v for k, v in base.data.items() if k not in ("extends", "root")}
    sources = {k: v for k, v in base.sources.items() if k[0] not in ("extends", "root")}
    shift = len(base.data.get("overrides", []))
    for key, value in over.data.items():
        if key == "extends":
            continue
        if key in _MERGED_TABLES:
            table = dict(data.get(key, {}))
            for entry, setting in value.items():
                earlier = table.get(entry)
                if key == "rules" and isinstance(earlier, (dict, str)) and isinstance(setting, (dict, str)):
                    setting = {**_as_table(earlier), **_as_table(setting)}
                table[entry] = setting
                sources[(key, entry)] = over.sources[(key, entry)]
            data[key] = table
        elif key == "overrides":
            data[key] = [*data.get(key, []), *value]
            for i in range(len(value)):
                sources[(key, shift + i)] = over.sources[(key, i)]
        else:
            data[key] = value
            sources[(key,)] = over.sources[(key,)]
    return Config(over.path, over.root, data, sources, (*base.files, *over.files))


def _as_table(setting: Any) -> dict[str, Any]:
    return {"severity": setting} if isinstance(setting, str) else dict(setting)


def untrusted(path: Path) -> str | None:
    """Why the file or folder at ``path`` must not be loaded (owned by another user
    than you or root, or writable by others), or None. Not checked where there are
    no owners (Windows)."""
    import stat

    if not hasattr(os, "geteuid"):
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None  # a missing file is reported where it is read
    if info.st_uid not in (os.geteuid(), 0):
        return f"it is owned by another user (uid {info.st_uid})"
    if info.st_mode & stat.S_IWOTH:
        return f"other users can write to it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def _read(path: Path) -> Config:
    """One config file, validated; every value's source is this file."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("medlint", {})
        where = "[tool.medlint]"
    else:
        where = ""
    validate(data, path, where)
    sources: dict[tuple[Any, ...], Path] = {(key,): path for key in data}
    for key in _MERGED_TABLES:
        sources.update({(key, entry): path for entry in data.get(key, {})})
    sources.update({("overrides", i): path for i in range(len(data.get("overrides", [])))})
    return Config(path, path.parent, data, sources, (path,))


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
    """The config for files in ``start`` (a folder or a file): the nearest one upwards,
    merged with those above it up to ``root = true``, the repository root or the
    user's home (never above them)."""
    folder = os.path.abspath(start if start.is_dir() else start.parent)
    home = os.path.abspath(os.path.expanduser("~"))
    found: list[Config] = []  # nearest first
    while True:
        name = _find_in(folder)
        if name:
            found.append(load(Path(name), explicit=False))
            if found[-1].data.get("root") is True:
                break
        parent = os.path.dirname(folder)
        if parent == folder or folder == home or os.path.exists(os.path.join(folder, ".git")):
            break
        folder = parent
    if not found:
        return Config(None, Path.cwd())
    config = found[-1]
    for nearer in reversed(found[:-1]):
        config = merge(config, nearer)
    return config



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
            self._check_refs(config.data.get(key, []), key, config.source_of(key))
        for option, refs in (("--select", self.cli.select or ()), ("--ignore", self.cli.ignore),
                             ("--extend-select", self.cli.extend_select)):
            _, unknown = self.registry.expand(refs)
            if unknown:
                raise ConfigError(f"command line `{option}`: {self.registry.unknown_message(unknown[0])}")
        for glob, refs in config.data.get("per-file-ignores", {}).items():
            self._check_refs(refs, f"per-file-ignores.{glob}", config.source_of("per-file-ignores", glob))
        for ref in config.data.get("rules", {}):
            self._check_rule(ref, f"rules.{ref}", config.source_of("rules", ref))
        for i, ov in enumerate(config.data.get("overrides", [])):
            source = config.source_of("overrides", i)
            for ref in ov.get("rules", {}):
                self._check_rule(ref, f"overrides[{i}].rules.{ref}", source)
            self._check_refs(ov.get("select", []), f"overrides[{i}].select", source)
            self._check_refs(ov.get("ignore", []), f"overrides[{i}].ignore", source)
        # Option errors surface at start-up.
        self.validated("", {})

    def _check_refs(self, refs: Iterable[str], where: str, source: str) -> None:
        _, unknown = self.registry.expand(refs)
        if unknown:
            raise ConfigError(f"{source}: `{where}`: {self.registry.unknown_message(unknown[0])}")

    def _check_rule(self, ref: str, where: str, source: str) -> None:
        if self.registry.resolve(ref) is None:
            raise ConfigError(f"{source}: `{where}`: {self.registry.unknown_message(ref)}")

    def base_settings(self) -> dict[str, RuleSetting]:
        settings = {}
        for name, rule in self.registry.rules.items():
            if rule.stage == Stage.ENGINE:
                continue
            options = {option: self._path(rule, option, self.config.data[key], self.config.folder_of(key))
                       for option, key in rule.config_options.items() if key in self.config.data}
            settings[name] = RuleSetting(True, Severity(rule.severity), options, "default")
        return settings

    @staticmethod
    def _path(rule: type[Rule], option: str, value: Any, folder: Path) -> Any:
        """``value`` of ``rule``'s ``option``: a path option's relative path is taken
        from ``folder``, that of the config file that set it (whatever folder medlint
        runs from)."""
        if option.replace("-", "_") in rule.path_options and isinstance(value, str) and value:
            return str(folder / value)
        return value

    def _tables(self) -> list[tuple[Mapping[str, Any], Any]]:
        """Each ``[rules]``-like table (top level, then each override's) with a function
        giving the file an entry of it came from."""
        config = self.config
        tables: list[tuple[Mapping[str, Any], Any]] = [
            (config.data.get("rules", {}), lambda ref: ("rules", ref))]
        for i, ov in enumerate(config.data.get("overrides", [])):
            tables.append((ov.get("rules", {}), lambda ref, i=i: ("overrides", i)))
        return tables

    def referenced(self) -> tuple[list[Path], list[str]]:
        """What the rules read because this config names it: the files of path
        options (in ``[rules.*]``, ``[[overrides]]`` and top-level keys that set
        options), and the top-level keys naming files (``Rule.config_keys``, expanded
        with ``Config.paths``). Their content decides findings: the cache fingerprints it."""
        found: list[Path] = []
        cfg = self.config.data
        for table, key_of in self._tables():
            for ref, value in table.items():
                name = self.registry.resolve(ref)
                if name is None or not isinstance(value, dict):
                    continue
                rule = self.registry.rules[name]
                folder = self.config.folder_of(*key_of(ref))
                for option, v in value.items():
                    resolved = self._path(rule, option, v, folder)
                    if resolved is not v:
                        found.append(Path(resolved))
        keys: set[str] = set()
        for rule in self.registry.rules.values():
            for option, key in rule.config_options.items():
                if key in cfg and option in rule.path_options:
                    found.append(Path(self._path(rule, option, cfg[key], self.config.folder_of(key))))
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

    def _apply_rules(self, settings: dict[str, RuleSetting], table: Mapping[str, Any], key_of: Any,
                     where: str = "") -> None:
        """Apply a ``[rules]`` table; ``key_of(ref)`` is the key of an entry in
        ``Config.sources`` (which file set it, so which folder its paths are from)."""
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
            folder = self.config.folder_of(*key_of(ref))
            s.options.update({k: self._path(rule, k, v, folder) for k, v in value.items() if k != "severity"})
            s.source = f"{self.config.source_of(*key_of(ref))}{where}"

    def rule_settings(self, relpath: str, frontmatter: Mapping[str, Any]) -> tuple[dict[str, RuleSetting], list[str]]:
        """Resolved settings for one file, and the labels of what applied."""
        config = self.config
        cfg = config.data
        settings = self.base_settings()
        applied = []
        if "select" in cfg:
            self._apply_select(settings, cfg["select"] or None, (), config.source_of("select"))
        self._apply_select(settings, None, cfg.get("ignore", []), config.source_of("ignore"))
        self._apply_rules(settings, cfg.get("rules", {}), lambda ref: ("rules", ref))
        for glob, refs in cfg.get("per-file-ignores", {}).items():
            if self._glob_applies(glob, relpath):
                source = config.source_of("per-file-ignores", glob)
                self._apply_select(settings, None, refs, f"{source} per-file-ignores {glob!r}")
                applied.append(f"per-file-ignores {glob!r}")
        for i, ov in enumerate(cfg.get("overrides", [])):
            if self._override_matches(ov, config.relative_for(relpath, "overrides", i), frontmatter):
                where = f" overrides[{i}]"
                self._apply_select(settings, ov.get("select") or None, ov.get("ignore", []),
                                   config.source_of("overrides", i) + where)
                self._apply_rules(settings, ov.get("rules", {}), lambda ref, i=i: ("overrides", i), where)
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
            tuple(g for g in cfg.get("per-file-ignores", {}) if self._glob_applies(g, relpath)),
            tuple(i for i, ov in enumerate(cfg.get("overrides", []))
                  if self._override_matches(ov, self.config.relative_for(relpath, "overrides", i), frontmatter)),
        )

    def _glob_applies(self, glob: str, relpath: str) -> bool:
        """Whether a per-file-ignores glob matches the file (from its own file's folder)."""
        return bool(relpath) and glob_match(glob, self.config.relative_for(relpath, "per-file-ignores", glob))

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
