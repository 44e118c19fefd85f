"""The layering of docs/architecture.md, held by reading the imports: outside
``medlint.rules`` only the engine builds a built-in rule's findings (rule-error,
file-unreadable, markdown-too-deep), and only the rule registry is imported from the
rules package elsewhere. A module that needs a rule's behaviour asks the engine."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "medlint"
ENGINE = SRC / "engine.py"


def _rules_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of medlint.rules or below in ``path``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: resolve against the file's package
                package = path.parent.relative_to(SRC.parent).parts[: len(path.parent.relative_to(SRC.parent).parts)
                                                                     - node.level + 1]
                module = ".".join([*package, *([module] if module else [])])
            names = [module] if module != "medlint" else [f"medlint.{a.name}" for a in node.names]
            out += [(node.lineno, m) for m in names if m == "medlint.rules" or m.startswith("medlint.rules.")]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("medlint.rules")]
    return out


def test_only_the_engine_imports_a_rule_module_outside_the_rules_package():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if (SRC / "rules") in path.parents:
            continue
        for line, module in _rules_imports(path):
            if module == "medlint.rules" or path == ENGINE:
                continue  # the registry (BUILTIN_RULES), or the engine's own findings
            offenders.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert offenders == []


def test_the_check_sees_relative_imports():
    assert any(m.startswith("medlint.rules.internal") for _, m in _rules_imports(ENGINE))
