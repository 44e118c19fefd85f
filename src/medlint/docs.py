"""Rule documentation, rendered from the rules themselves (docstring + metadata + schema)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .rule import Rule


def render_rule(rule: type[Rule]) -> str:
    """The Markdown page for one rule: `medlint explain` prints it, docs/rules/ stores it."""
    docs = rule.docs()
    summary, _, body = docs.partition("\n")
    lines = [
        f"# {rule.code} · {rule.name}",
        "",
        f"> {summary.strip()}",
        "",
        f"- Default severity: **{rule.severity.value}**",
        f"- Fixable: {'yes' if rule.fixable else 'no'}",
        f"- Source: {rule.origin}",
        "",
        body.strip(),
    ]
    props = rule.options_schema.get("properties", {})
    if props and "## Options" not in body:
        lines += ["", "## Options"]
    if props:
        lines += ["", "| option | type | default | description |", "|---|---|---|---|"]
        for name, spec in props.items():
            kind = spec.get("type", "any")
            kind = " or ".join(kind) if isinstance(kind, list) else kind
            default = json.dumps(spec.get("default")) if "default" in spec else "—"
            if len(default) > 60:
                default = "(see above)"
            lines.append(f"| `{name}` | {kind} | `{default}` | {spec.get('description', '')} |")
    return "\n".join(lines).rstrip() + "\n"


def render_index(rules: Iterable[type[Rule]]) -> str:
    lines = ["# medlint rules", "", "| code | name | severity | fixable | summary |", "|---|---|---|---|---|"]
    for rule in sorted(rules, key=lambda r: r.code):
        lines.append(f"| {rule.code} | [{rule.name}]({rule.code}-{rule.name}.md) | {rule.severity.value} | "
                     f"{'yes' if rule.fixable else ''} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def write_docs(rules: Iterable[type[Rule]], folder: Path) -> list[Path]:
    """Write docs/rules/<CODE>-<name>.md and index.md; return the files written."""
    rules = list(rules)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in rules:
        path = folder / f"{rule.code}-{rule.name}.md"
        path.write_text(render_rule(rule), encoding="utf-8")
        written.append(path)
    index = folder / "index.md"
    index.write_text(render_index(rules), encoding="utf-8")
    written.append(index)
    return written
