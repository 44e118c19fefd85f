"""Rules from outside medlint: entry-point plugins, plugin files and YAML rule folders.

Three sources, one path into the ``Registry`` (validated like built-ins):

- installed packages that declare the ``medlint.rules`` entry-point group; the target
  is a module exposing ``RULES``, or an iterable of Rule classes (or one class);
- Python files listed under ``plugins`` in the config, imported by path; each must
  expose ``RULES``;
- YAML rule files (``*.yaml``/``*.yml``) in the folders listed under ``rule-dirs``.

Configuring a plugin means trusting its code: it runs with the linter's rights, as an
ESLint plugin does. ``--isolated`` loads none of them.

Nothing here aborts a run. Every failure (an import error, an exception while
importing, something that is not a rule class, a bad or duplicate code, an invalid
YAML file) is recorded in ``registry.load_errors`` as ``(source, one-line message)``
and the valid rules still load; ``medlint check`` reports each as a ``rule-error``
finding and exits with code 2.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import re
import sys
import types
from pathlib import Path
from typing import Any, Iterable

from .config import Config
from .declarative import YamlRuleError, load_rule_file, rule_files
from .diagnostics import Diagnostic, Severity
from .registry import Registry, RegistryError
from .rule import OptionsError, Rule, Stage

ENTRY_POINT_GROUP = "medlint.rules"

# Plugin files already imported: (resolved path, mtime, size) -> module.
_FILE_MODULES: dict[tuple[str, int, int], types.ModuleType] = {}


class PluginError(Exception):
    """A plugin that does not provide rules the way medlint expects."""


def load_into(registry: Registry, config: Config) -> None:
    """Add every plugin and YAML rule for ``config`` to ``registry``; never raises."""
    for source, origin, loader in _entry_points(registry):
        _add_all(registry, source, origin, loader)
    for path in config.paths("plugins"):
        source = display(path)
        _add_all(registry, source, f"plugin:{source}", lambda path=path: _rules_of(_import_file(path), "file"))
    for folder in config.paths("rule-dirs"):
        if not folder.is_dir():
            registry.load_errors.append((display(folder), "rule folder not found (`rule-dirs` in the config)"))
            continue
        for file in rule_files(folder):
            source = display(file)
            try:
                rule = load_rule_file(file, source)
            except YamlRuleError as exc:
                registry.load_errors.append((source, one_line(str(exc))))
                continue
            _register(registry, rule, f"yaml:{source}", source)


def display(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it, else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else Path(relative).as_posix()


def one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def _failure(exc: BaseException) -> str:
    summary = one_line(str(exc))
    return f"{type(exc).__name__}: {summary}" if summary else type(exc).__name__


# -- sources -------------------------------------------------------------------------
def _entry_points(registry: Registry) -> list[tuple[str, str, Any]]:
    try:
        found = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    except Exception as exc:  # a broken installed distribution's metadata
        registry.load_errors.append((f"entry points {ENTRY_POINT_GROUP}", _failure(exc)))
        return []
    out = []
    for ep in sorted(found, key=lambda e: ((e.dist.name if e.dist else ""), e.name, e.value)):
        dist = ep.dist.name if ep.dist is not None else ep.value.split(":")[0].split(".")[0]
        version = f" {ep.dist.version}" if ep.dist is not None else ""
        source = f"entry point {ep.name} = {ep.value} ({dist}{version})"
        out.append((source, f"plugin:{dist}", lambda ep=ep: _rules_of(ep.load(), "entry point")))
    return out


def _import_file(path: Path) -> types.ModuleType:
    if not path.is_file():
        raise PluginError("plugin file not found (`plugins` in the config)")
    resolved = path.resolve()
    stat = resolved.stat()
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    if key in _FILE_MODULES:
        return _FILE_MODULES[key]
    name = "medlint_plugin_" + hashlib.sha1(str(resolved).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        raise PluginError("not a Python file (a plugin file must end in .py)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    _FILE_MODULES[key] = module
    return module


def _rules_of(target: Any, kind: str) -> list[Any]:
    if isinstance(target, types.ModuleType):
        if not hasattr(target, "RULES"):
            raise PluginError(f"module {target.__name__} does not expose RULES (a list of Rule classes)")
        target = target.RULES
    if isinstance(target, type):
        return [target]
    if isinstance(target, (str, bytes, dict)) or not hasattr(target, "__iter__"):
        raise PluginError(f"the {kind} must give Rule classes (a module with RULES, or a list), "
                          f"not {type(target).__name__}")
    return list(target)


# -- registering ---------------------------------------------------------------------
def _add_all(registry: Registry, source: str, origin: str, load: Any) -> None:
    try:
        rules = load()
    except (Exception, SystemExit) as exc:  # a plugin must never abort the run
        registry.load_errors.append((source, _failure(exc)))
        return
    for rule in rules:
        rule_origin = origin
        yaml_path = getattr(rule, "yaml_path", "") if isinstance(rule, type) else ""
        if yaml_path:
            rule_origin = f"{origin} (yaml:{Path(yaml_path).name})"
        _register(registry, rule, rule_origin, source)


def _register(registry: Registry, rule: Any, origin: str, source: str) -> None:
    try:
        _check_class(registry, rule)
        previous = rule.__dict__.get("origin")
        rule.origin = origin
        try:
            registry.add(rule)
        except BaseException:
            if previous is None:
                del rule.origin
            else:
                rule.origin = previous
            raise
    except RegistryError as exc:
        registry.load_errors.append((source, one_line(str(exc))))
    except Exception as exc:  # a class whose attributes misbehave
        registry.load_errors.append((source, f"{getattr(rule, '__name__', rule)!r}: {_failure(exc)}"))


def _check_class(registry: Registry, rule: Any) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise RegistryError(f"{rule!r} is not a medlint Rule class")
    from .rules import BUILTIN_RULES

    if rule in BUILTIN_RULES:
        raise RegistryError(f"{rule.__name__} is medlint's built-in rule {rule.code}; a plugin cannot register it")
    if rule in registry.rules.values():
        raise RegistryError(f"rule {rule.code} {rule.name} is listed twice")
    if rule.stage == Stage.LIBRARY:
        if not callable(getattr(rule, "check_library", None)):
            raise RegistryError(f"rule {rule.code} {rule.name} runs on the library but defines no check_library(lib)")
    elif not (callable(getattr(rule, "check", None)) or any(n.startswith("visit_") for n in dir(rule))):
        raise RegistryError(f"rule {rule.code} {rule.name} defines neither check(ctx) nor a visit_<node> hook")
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(rule.options_schema)
    except jsonschema.SchemaError:
        return  # Registry.add names the problem
    try:
        rule({})
    except OptionsError:
        pass  # the rule needs options; the config must give them
    except Exception as exc:
        raise RegistryError(f"rule {rule.code} {rule.name} cannot be created: {_failure(exc)}") from None


# -- reporting -------------------------------------------------------------------------
_LOCATED = re.compile(r"^(?P<source>.+?):(?P<line>\d+):")


def load_error_diagnostics(registries: Iterable[Registry]) -> list[Diagnostic]:
    """One ``rule-error`` finding per load error (deduplicated across configs), at the
    source's line when the message names one (YAML files), else at line 1."""
    from .engine import load_failure

    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    for registry in registries:
        for source, message in registry.load_errors:
            if (source, message) in seen:
                continue
            seen.add((source, message))
            line = 1
            m = _LOCATED.match(message)
            if m and m.group("source") == source:
                line = int(m.group("line"))
            out.append(load_failure(source, message, line))
    return sorted(out, key=Diagnostic.sort_key)
