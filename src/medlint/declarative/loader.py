"""Read, validate and build YAML rules.

A rule file holds one rule. It is parsed with PyYAML's safe loader (YAML 1.2-style
booleans: only ``true``/``false``; dates stay text), checked against
``schemas/yaml-rule.schema.json`` and then for what a schema cannot say (regexes
that compile, message placeholders, the reserved ``ML`` prefix, ``min <= max``, a
substitution whose replacement would be replaced again). Every problem names the
file, the line and the key. A valid file becomes a ``Rule`` subclass built with
``type(...)`` on one of the bases in ``kinds.py``; its docstring is generated from
``docs`` and ``examples`` so ``medlint explain`` shows it like any other rule.
"""

from __future__ import annotations

import difflib
import os
import string
from pathlib import Path
from typing import Any, Iterator, Mapping

import regex
import yaml

from ..data import schema
from ..diagnostics import Severity
from .kinds import KINDS, SCOPE_WORDS, SCOPES, DeclarativeRule, Matcher, frontmatter_path, swap_key

RULE_SUFFIXES = (".yaml", ".yml")
PLACEHOLDERS = {
    "existence": ("match",),
    "substitution": ("match", "replacement"),
    "occurrence": ("match", "count", "min", "max"),
    "required-section": ("section",),
    "requires": ("match",),
    "frontmatter": ("field", "value"),
}


class YamlRuleError(Exception):
    """A YAML rule file that cannot be used; ``str()`` is ``file:line: key `k`: problem``."""

    def __init__(self, path: str, message: str, line: int | None = None, key: str = "", more: int = 0):
        self.path, self.message, self.line, self.key, self.more = path, message, line, key, more
        where = f"{path}:{line}" if line else path
        text = f"{where}: key `{key}`: {message}" if key else f"{where}: {message}"
        if more:
            text += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(text)


# -- reading ----------------------------------------------------------------------
class _Loader(yaml.SafeLoader):
    """Safe loader: no timestamps (dates stay text); only true/false are booleans
    (so a swap table can replace "no" or "on")."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              regex.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

KeyPath = tuple[Any, ...]


def _parse(text: str, path: str) -> tuple[Any, dict[KeyPath, int]]:
    """The data and, for each key path, the 1-based line where it is written."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlRuleError(path, "the file is empty: a rule file holds one rule (a mapping)", 1)
        lines: dict[KeyPath, int] = {(): node.start_mark.line + 1}
        _walk(node, (), lines, path, [0])
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlRuleError(path, f"not valid YAML: {exc.problem or exc}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlRuleError(path, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, lines


# A rule file is small; more nodes than this (after aliases) is an alias bomb.
MAX_NODES = 50_000
MAX_DEPTH = 50


def _walk(node: Any, at: KeyPath, lines: dict[KeyPath, int], path: str, seen_nodes: list[int]) -> None:
    seen_nodes[0] += 1
    if seen_nodes[0] > MAX_NODES or len(at) > MAX_DEPTH:
        raise YamlRuleError(path, "the file is too large or too deeply nested once its aliases are expanded",
                            node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            line = key.start_mark.line + 1
            if name in seen:
                raise YamlRuleError(path, "duplicate key", line, _dotted(at + (name,)))
            seen.add(name)
            lines[at + (name,)] = line
            _walk(value, at + (name,), lines, path, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[at + (i,)] = item.start_mark.line + 1
            _walk(item, at + (i,), lines, path, seen_nodes)


def _dotted(keys: KeyPath) -> str:
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def _line(lines: Mapping[KeyPath, int], at: KeyPath) -> int:
    while at not in lines:
        at = at[:-1]
    return lines[at]


# -- validating ---------------------------------------------------------------------
def _allowed_keys(kind: str) -> set[str]:
    defs = schema("yaml-rule")["$defs"]
    keys = set(defs["common"]["properties"]) | set(defs[kind].get("properties", {}))
    if any(part.get("$ref") == "#/$defs/words" for part in defs[kind].get("allOf", [])):
        keys |= set(defs["words"]["properties"])
    return keys


def _describe(err: Any, data: Any) -> Iterator[tuple[KeyPath, str]]:
    """Turn one jsonschema error into (key path, message) pairs an editor understands."""
    at = tuple(err.absolute_path)
    inst = err.instance
    if err.validator in ("unevaluatedProperties", "additionalProperties") and isinstance(inst, dict):
        if err.validator == "unevaluatedProperties":
            kind = data.get("kind")
            allowed = _allowed_keys(kind)
            what = f"for kind `{kind}`"
        else:
            allowed = set(err.schema.get("properties", {}))
            what = f"in `{_dotted(at)}`" if at else "here"
        for key in inst:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else f"; allowed: {', '.join(sorted(allowed))}"
                yield at + (key,), f"unknown key {what}{hint}"
        return
    if err.validator == "required":
        for key in err.validator_value:
            if not isinstance(inst, dict) or key not in inst:
                yield at + (key,), "missing (required)"
        return
    if err.validator == "anyOf":
        branches = err.validator_value
        if all(set(b) == {"required"} for b in branches):
            names = " or ".join(f"`{b['required'][0]}`" for b in branches)
            yield at + (branches[0]["required"][0],), f"missing: give {names}"
            return
        if at and at[-1] == "scope":
            yield at, f"{inst!r} is not a scope; use one of: {', '.join(SCOPES)} or frontmatter.<key>"
            return
        if len(at) == 3 and at[:2] == ("examples", "invalid") and isinstance(inst, dict):
            for sub in err.context:
                if sub.relative_schema_path and sub.relative_schema_path[0] == 1:
                    yield from _describe(sub, data)
            return
        if len(at) == 2 and at[0] == "when":
            yield at, "must be a value or a list of values"
            return
    if at and at[-1] == "code" and err.validator == "pattern":
        yield at, f"{inst!r} must be 2-4 capital letters and 3 digits (for example ACM101)"
        return
    if at and at[-1] == "name" and err.validator == "pattern":
        yield at, f"{inst!r} must be kebab-case (for example no-detox)"
        return
    yield at, err.message


def _schema_problems(data: Any, lines: Mapping[KeyPath, int]) -> list[tuple[int, str, str]]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema("yaml-rule"))
    problems = []
    for err in validator.iter_errors(data):
        for at, message in _describe(err, data):
            problems.append((_line(lines, at), _dotted(at) or "(top level)", message))
    # An unknown key (often a typo) explains the other problems: report it first.
    return sorted(set(problems), key=lambda p: (not p[2].startswith("unknown key"), p))


# Counted repeats are expanded when a pattern is compiled: ((a{1000}){1000}){1000}
# would take gigabytes and minutes before matching anything.
MAX_EXPANDED_PATTERN = 100_000


def expanded_size(pattern: str, limit: int = MAX_EXPANDED_PATTERN) -> int:
    """An upper bound of the pattern's size once counted repeats (``{m,n}``) are
    expanded, counting each character, escape or class as 1; stops early past ``limit``."""
    sums = [0]
    last = 0  # size of the atom a quantifier would apply to
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            last = 1
            sums[-1] += 1
            continue
        if ch == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            last = 1
            sums[-1] += 1
            continue
        if ch == "(":
            sums.append(0)
            i += 1
            last = 0
            continue
        if ch == ")" and len(sums) > 1:
            last = sums.pop()
            sums[-1] += last
            i += 1
            continue
        if ch == "{":
            m = regex.match(r"\{(\d*)(?:,(\d*))?\}", pattern[i:])
            if m and (m.group(1) or m.group(2)):
                low = int(m.group(1) or 0)
                high = int(m.group(2)) if m.group(2) else (low + 1 if m.group(0).endswith(",}") else low)
                sums[-1] += last * (max(low, high) - 1)
                last *= max(low, high, 1)
                i += len(m.group(0))
                if max(sums) > limit:
                    return max(sums)
                continue
        last = 1
        sums[-1] += 1
        i += 1
    return max(sums)


def _compile(pattern: str, flags: int, at: KeyPath, problems: list[tuple[KeyPath, str]]) -> Any:
    if expanded_size(pattern) > MAX_EXPANDED_PATTERN:
        problems.append((at, f"regular expression too large once its counted repeats are expanded (more than "
                             f"{MAX_EXPANDED_PATTERN:,} characters): use * or + instead of big {{m,n}} counts"))
        return None
    try:
        return regex.compile(pattern, flags)
    except (regex.error, ValueError, OverflowError) as exc:
        problems.append((at, f"not a valid regular expression: {exc}"))
        return None


def _semantic_problems(rule: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    problems: list[tuple[KeyPath, str]] = []
    kind = rule["kind"]
    if rule["code"].startswith("ML"):
        problems.append((("code",), "the ML prefix is reserved for medlint's built-in rules; "
                                     "use your team's own 2-4 letter prefix"))
    flags = regex.IGNORECASE if rule.get("ignorecase", True) else 0
    for key in ("patterns",):
        for i, p in enumerate(rule.get(key, [])):
            _compile(p, flags, (key, i), problems)
    for part in ("if", "then"):
        for i, p in enumerate(rule.get(part, {}).get("patterns", [])):
            _compile(p, flags, (part, "patterns", i), problems)
    for key in ("heading", "body"):
        if key in rule:
            _compile(rule[key], regex.IGNORECASE, (key,), problems)
    if kind == "frontmatter" and "pattern" in rule:
        _compile(rule["pattern"], 0, ("pattern",), problems)
    for key in ("message", "body-message"):
        if key in rule:
            problem = _placeholder_problem(rule[key], PLACEHOLDERS[kind])
            if problem:
                problems.append(((key,), problem))
    if kind == "occurrence" and "min" in rule and "max" in rule and rule["min"] > rule["max"]:
        problems.append((("min",), f"min ({rule['min']}) is greater than max ({rule['max']})"))
    if kind == "required-section" and "body-message" in rule and "body" not in rule:
        problems.append((("body-message",), "only makes sense with `body`"))
    if kind == "substitution":
        ignorecase = rule.get("ignorecase", True)
        seen: dict[str, str] = {}
        for phrase in rule["swap"]:
            key = swap_key(phrase, ignorecase)
            if key in seen:
                problems.append((("swap", phrase), f"repeats `{seen[key]}`"))
            seen[key] = phrase
        matcher = Matcher(list(rule["swap"]), ignorecase=ignorecase)
        for phrase, replacement in rule["swap"].items():
            again = matcher.find(replacement)
            if again:
                problems.append((("swap", phrase), f"the replacement {replacement!r} contains "
                                                    f"{again[0].text!r}, which would be replaced again"))
    if kind != "substitution":
        for i, case in enumerate(rule["examples"]["invalid"]):
            if isinstance(case, dict) and "output" in case:
                problems.append((("examples", "invalid", i, "output"),
                                 f"only a fixable rule (kind substitution) has fix output; `{kind}` is not fixable"))
    return problems


def _placeholder_problem(template: str, allowed: tuple[str, ...]) -> str:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        return f"not a valid message template ({exc}); write a literal brace as {{{{ or }}}}"
    for name in fields:
        if name not in allowed:
            shown = ", ".join("{" + a + "}" for a in allowed)
            return f"unknown placeholder {{{name}}}; this kind offers {shown}"
    return ""


def validate(data: Any, lines: Mapping[KeyPath, int], path: str) -> None:
    problems = _schema_problems(data, lines)
    if not problems:
        problems = sorted((_line(lines, at), _dotted(at), message) for at, message in _semantic_problems(data))
    if problems:
        line, key, message = problems[0]
        raise YamlRuleError(path, message, line, key, more=len(problems) - 1)


# -- building ------------------------------------------------------------------------
def load_rule_file(path: str | os.PathLike[str], display: str | None = None) -> type[DeclarativeRule]:
    """Validate one rule file and build its Rule class; raise ``YamlRuleError``."""
    display = display or str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlRuleError(display, f"cannot read: {exc}") from None
    data, lines = _parse(text, display)
    validate(data, lines, display)
    return build(data, display)


def rule_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The rule files in ``folder`` and its subfolders, in a stable order."""
    root = Path(folder)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())


def load_rule_dir(folder: str | os.PathLike[str]) -> list[type[DeclarativeRule]]:
    """Every rule in ``folder`` (for a plugin package's ``RULES``); the first bad file raises."""
    root = Path(folder)
    if not root.exists():
        raise YamlRuleError(str(folder), "no such folder")
    return [load_rule_file(p) for p in rule_files(root)]


def build(rule: Mapping[str, Any], display: str) -> type[DeclarativeRule]:
    kind = rule["kind"]
    base = KINDS[kind]
    ignorecase = rule.get("ignorecase", True)
    messages = {"default": rule["message"]}
    attrs: dict[str, Any] = {
        "__doc__": render_docs(rule),
        "__module__": __name__,
        "code": rule["code"],
        "name": rule["name"],
        "summary": rule["summary"],
        "severity": Severity(rule.get("severity", "warning")),
        "origin": f"yaml:{display}",
        "hint": rule.get("hint", ""),
        "when": dict(rule.get("when", {})),
        "yaml_path": display,
        "yaml_spec": rule,
        "yaml_examples": {"valid": list(rule["examples"]["valid"]), "invalid": list(rule["examples"]["invalid"])},
    }
    if kind in ("existence", "occurrence"):
        attrs["matcher"] = Matcher(rule.get("tokens", []), rule.get("patterns", []), ignorecase=ignorecase,
                                   exceptions=rule.get("exceptions", []))
        attrs["scope"] = rule.get("scope", "text")
        if kind == "occurrence":
            attrs["min"], attrs["max"] = rule.get("min"), rule.get("max")
    elif kind == "substitution":
        attrs["matcher"] = Matcher(list(rule["swap"]), ignorecase=ignorecase, exceptions=rule.get("exceptions", []))
        attrs["swap"] = {swap_key(k, ignorecase): v for k, v in rule["swap"].items()}
        attrs["ignorecase"] = ignorecase
        attrs["scope"] = rule.get("scope", "text")
    elif kind == "required-section":
        attrs["heading"] = regex.compile(rule["heading"], regex.IGNORECASE)
        attrs["body"] = regex.compile(rule["body"], regex.IGNORECASE) if "body" in rule else None
        attrs["level"] = rule.get("level")
        messages["body"] = rule.get("body-message", rule["message"])
    elif kind == "requires":
        attrs["trigger"] = Matcher(rule["if"].get("tokens", []), rule["if"].get("patterns", []),
                                   ignorecase=ignorecase, exceptions=rule.get("exceptions", []))
        attrs["required"] = Matcher(rule["then"].get("tokens", []), rule["then"].get("patterns", []),
                                    ignorecase=ignorecase)
        attrs["scope"] = rule.get("scope", "sentence")
    elif kind == "frontmatter":
        attrs["field"] = tuple(rule["field"].split("."))
        attrs["required"] = rule.get("required", False)
        attrs["pattern"] = regex.compile(rule["pattern"]) if "pattern" in rule else None
        attrs["enum"] = tuple(rule.get("enum", ()))
    attrs["messages"] = messages
    class_name = "".join(part.capitalize() for part in rule["name"].split("-"))
    return type(class_name, (base,), attrs)


# -- documentation ---------------------------------------------------------------------
def _scope_words(scope: str) -> str:
    if scope.startswith("frontmatter."):
        return f"the front-matter field `{'.'.join(frontmatter_path(scope))}`"
    return SCOPE_WORDS[scope]


def _listing(tokens: list[str], patterns: list[str]) -> str:
    parts = []
    if tokens:
        parts.append("the words or phrases " + ", ".join(f"`{t}`" for t in tokens))
    if patterns:
        parts.append("text matching " + ", ".join(f"`/{p}/`" for p in patterns))
    return " and ".join(parts)


def describe(rule: Mapping[str, Any]) -> str:
    """A generated "What it does" paragraph for a rule without ``docs.what``."""
    kind = rule["kind"]
    scope = rule.get("scope", "sentence" if kind == "requires" else "text")
    if kind == "existence":
        text = f"Reports {_listing(rule.get('tokens', []), rule.get('patterns', []))} in {_scope_words(scope)}."
    elif kind == "substitution":
        pairs = "; ".join(f"`{k}` → `{v}`" for k, v in rule["swap"].items())
        text = (f"Reports wording that has a preferred alternative in {_scope_words(scope)} and offers a safe fix "
                f"that replaces it (keeping the case of the first letter): {pairs}.")
    elif kind == "occurrence":
        limits = []
        if rule.get("max") is not None:
            limits.append(f"more than {rule['max']}")
        if rule.get("min") is not None:
            limits.append(f"fewer than {rule['min']}")
        unit = "the article" if scope == "text" else f"each {_scope_words(scope).removeprefix('a ')}"
        text = (f"Counts {_listing(rule.get('tokens', []), rule.get('patterns', []))} in {unit} and reports "
                f"{' or '.join(limits)}.")
    elif kind == "required-section":
        level = f" at level {rule['level']}" if rule.get("level") else ""
        text = f"Reports an article with no heading{level} matching `/{rule['heading']}/`"
        text += f", or whose section text does not match `/{rule['body']}/`." if rule.get("body") else "."
    elif kind == "requires":
        text = (f"When {_listing(rule['if'].get('tokens', []), rule['if'].get('patterns', []))} appears, "
                f"{_listing(rule['then'].get('tokens', []), rule['then'].get('patterns', []))} must appear in "
                f"{_scope_words(scope).replace('a sentence', 'the same sentence').replace('a paragraph', 'the same paragraph or list item')}.")
    else:
        checks = []
        if rule.get("required"):
            checks.append("it must be present")
        if "pattern" in rule:
            checks.append(f"its value must match `/{rule['pattern']}/`")
        if "enum" in rule:
            checks.append("its value must be one of " + ", ".join(f"`{v}`" for v in rule["enum"]))
        text = f"Checks the front-matter field `{rule['field']}`: {'; '.join(checks)}."
    if rule.get("exceptions"):
        text += " Not reported inside " + ", ".join(f"`{e}`" for e in rule["exceptions"]) + "."
    return text


def _fenced(text: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}markdown\n{text if text.endswith(chr(10)) else text + chr(10)}{fence}"


def render_docs(rule: Mapping[str, Any]) -> str:
    what = rule["docs"].get("what") or describe(rule)
    when = rule.get("when")
    if when:
        wanted = " and ".join(f"`{k}: {' or '.join(map(str, v)) if isinstance(v, list) else v}`"
                              for k, v in when.items())
        what = what.rstrip() + f"\n\nOnly for articles whose front matter has {wanted}."
    invalid = rule["examples"]["invalid"][0]
    invalid = invalid["text"] if isinstance(invalid, dict) else invalid
    sections = [
        rule["summary"],
        "## What it does\n" + what.strip(),
        "## Why it matters\n" + rule["docs"]["why"].strip(),
        "## Example\n" + _fenced(invalid),
        "## Use instead\n" + _fenced(rule["examples"]["valid"][0]),
    ]
    return "\n\n".join(sections) + "\n"
