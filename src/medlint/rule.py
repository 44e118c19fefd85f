"""The rule API: what every rule (built-in, plugin or YAML) declares and receives.

A rule is a class. Its class attributes are its declaration (code, name, summary,
default severity, messages, options schema, fixability) and its docstring is its
documentation, with the sections ``What it does``, ``Why it matters``, ``Example``,
``Use instead`` and ``Options`` (Ruff's convention). A rule reports spans as offsets
into ``doc.text`` (or relative to a node); the engine turns them into positions.

Hooks, all optional:

- ``check(ctx)``: called once per document; query ``ctx.doc``.
- ``visit_<node type>(ctx, node)``: called for each node of that type, in one walk
  of the tree shared by all rules (``visit_paragraph``, ``visit_link``, ...).

What a rule needs beyond the document is declared, so that config, cache, linter and
runner treat every rule (built-in, plugin, YAML) alike and never name one:

- ``path_options``: options whose values are file paths. A relative path is read
  from the folder of the config file that set it, and the file's content is part of
  the cache fingerprint (an edited lexicon is never served a stale result).
- ``config_options``: options whose default comes from a top-level config key
  (``{"schema": "frontmatter-schema"}``).
- ``config_keys``: top-level config keys naming files (paths or globs) that
  ``prepare`` reads; their content is fingerprinted too.
- ``prepare(setup)``: loads a resource shared by every file once per config (a
  lexicon, a registry); the rule reads it as ``ctx.prepared``. Raise ``SetupError``
  for a bad file: the run stops with a configuration error naming it.
- ``stage``: when the rule runs (``Stage``); a ``Stage.LIBRARY`` rule implements
  ``check_library(lib)`` instead of ``check``.
"""

from __future__ import annotations

import copy
import datetime as _dt
import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Mapping

from .diagnostics import Diagnostic, Fix, FixSafety, Related, Replacement, Severity

if TYPE_CHECKING:
    from .document import Document
    from .markdown.nodes import Node

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead")


class Stage(str, enum.Enum):
    """When a rule runs on a file."""

    # check/visit hooks on the Document; the findings are then filtered by suppressions.
    DOCUMENT = "document"
    # After suppressions were applied: ``ctx.suppressions`` says which were used.
    # Its findings are not themselves suppressible.
    SUPPRESSIONS = "suppressions"
    # Never configured or run: the engine makes these findings itself (rule-error,
    # file-unreadable); the class documents them and builds them (``finding``).
    ENGINE = "engine"
    # Across files: runs once per library after every file was read, in
    # ``check_library(lib)`` (``library.LibraryContext``: the library's claim index;
    # findings are reported at claims). Enabled per file like any rule; its findings
    # are suppressed by the comments of the file they are reported in.
    LIBRARY = "library"


# Keys of ``Diagnostic.data`` the pipeline reads; set by the findings the engine makes.
INTERNAL_ERROR = "internal_error"  # a rule failed: the run exits with 2; never baselined
UNSUPPRESSIBLE = "unsuppressible"  # no suppression comment hides it


class SetupError(Exception):
    """A file a rule's ``prepare`` reads cannot be used; the message names it."""


@dataclass(frozen=True)
class Setup:
    """What ``Rule.prepare`` may read: the files named by the config keys the rule
    declared in ``config_keys`` (globs expanded, relative paths resolved against the
    config file's folder)."""

    files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def paths(self, key: str) -> tuple[str, ...]:
        return tuple(self.files.get(key, ()))


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[bool] = False
    messages: ClassVar[dict[str, str]] = {}
    options_schema: ClassVar[dict[str, Any]] = {"type": "object", "properties": {}, "additionalProperties": False}
    tags: ClassVar[tuple[str, ...]] = ()
    # Where the rule came from: "builtin", "plugin:<name>", "yaml:<file>".
    origin: ClassVar[str] = "builtin"
    # Declared needs (see the module docstring).
    path_options: ClassVar[tuple[str, ...]] = ()
    config_options: ClassVar[dict[str, str]] = {}
    config_keys: ClassVar[tuple[str, ...]] = ()
    stage: ClassVar[Stage] = Stage.DOCUMENT

    @classmethod
    def prepare(cls, setup: Setup) -> Any:
        """The resource every file's ``check`` shares (``ctx.prepared``), built once
        per config from ``setup``; None when the rule needs none."""
        return None

    @classmethod
    def prepares(cls) -> bool:
        return cls.prepare.__func__ is not Rule.prepare.__func__  # type: ignore[attr-defined]

    def __init__(self, options: dict[str, Any] | None = None):
        self.options = self.resolve_options(options or {})

    @classmethod
    def resolve_options(cls, options: dict[str, Any]) -> dict[str, Any]:
        """Validate ``options`` against the rule's schema and fill in defaults.
        Option names may be written with ``-`` or ``_`` (``allow-paragraph-label``)."""
        if isinstance(options, ResolvedOptions):  # validated and completed already (config)
            return ResolvedOptions(options)
        options = {k.replace("-", "_"): v for k, v in options.items()}
        validate_options(cls, options)
        resolved = ResolvedOptions({k: copy.deepcopy(v.get("default")) for k, v in
                                    cls.options_schema.get("properties", {}).items() if "default" in v})
        resolved.update(options)
        return resolved

    @classmethod
    def docs(cls) -> str:
        """The rule's documentation (its docstring, dedented); ``medlint.docs.sections``
        and ``medlint.docs.example_blocks`` read its sections and examples."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def describe(cls) -> str:
        return f"{cls.code} {cls.name}"


class ResolvedOptions(dict):
    """Options ``Rule.resolve_options`` returned: validated, defaults filled in. The
    config resolves each file's options once; creating the rule from them does not
    validate them a second time."""


class UnknownMessageId(ValueError):
    """A rule reported a message id its ``messages`` does not declare (strict runs)."""


class OptionsError(ValueError):
    """Options that do not fit a rule's schema."""


# Schema keywords that never reject an empty mapping of options.
_EMPTY_SAFE = frozenset({"type", "properties", "additionalProperties", "patternProperties", "propertyNames",
                         "description", "title", "default", "examples", "$schema", "$comment", "$id", "$defs"})


def _accepts_empty(schema: Mapping[str, Any]) -> bool:
    """Whether ``{}`` is valid by the schema's form alone (no jsonschema needed): only
    keywords about properties that are present, and an object type if any."""
    kind = schema.get("type", "object")
    kinds = kind if isinstance(kind, list) else [kind]
    return "object" in kinds and set(schema) <= _EMPTY_SAFE


def validate_options(rule: type[Rule], options: dict[str, Any]) -> None:
    # Most rules are configured without options: that needs no validator (jsonschema
    # costs ~45 ms to import, which a one-file run would pay for nothing).
    if not options and _accepts_empty(rule.options_schema):
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(rule.options_schema)
    errors = sorted(validator.iter_errors(options), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = ".".join(str(p) for p in err.absolute_path)
        prefix = f"option `{where}` of {rule.name}" if where else f"options of {rule.name}"
        raise OptionsError(f"{prefix}: {err.message}")


@dataclass
class RunContext:
    """What the run knows beyond the document: the date, and what the config gives
    the rules' ``prepare`` (each rule class prepared once, on first use).

    **The date a result depends on.** Rules read the date through ``Context.today``
    (the exact day) or ``Context.date_in`` (only whether today is in a range);
    ``dates`` records, per file (``reset_dates`` before each), the days that give the
    same answers: (None, None) when nothing read the date, one day after
    ``Context.today``. The cache reuses a file's result on every day in its range, so
    a new ``--today`` relints only the files whose result could change."""

    today: _dt.date
    setup: Setup = field(default_factory=Setup)
    # Strict API checks, as in RuleTester: reporting a message id the rule does not
    # declare raises instead of printing the id as the message.
    strict: bool = False
    _prepared: dict[type, Any] = field(default_factory=dict, repr=False, compare=False)
    dates: tuple[_dt.date | None, _dt.date | None] = field(default=(None, None), repr=False, compare=False)

    def reset_dates(self) -> None:
        self.dates = (None, None)

    def exact_day(self) -> _dt.date:
        """Today, for a result that may differ every day (``dates`` becomes today only)."""
        self.dates = (self.today, self.today)
        return self.today

    def date_in(self, first: _dt.date | None, last: _dt.date | None) -> bool:
        """Whether today is between ``first`` and ``last`` (inclusive; None: no bound);
        ``dates`` narrows to the days that give the same answer."""
        low, high = self.dates
        today = self.today
        if first is not None and today < first:
            inside, low, high = False, low, _earlier(high, first - _dt.timedelta(days=1))
        elif last is not None and today > last:
            inside, low, high = False, _later(low, last + _dt.timedelta(days=1)), high
        else:
            inside, low, high = True, _later(low, first), _earlier(high, last)
        self.dates = (low, high)
        return inside

    def prepared(self, rule: type["Rule"]) -> Any:
        if rule not in self._prepared:
            self._prepared[rule] = rule.prepare(self.setup)
        return self._prepared[rule]


def _earlier(a: _dt.date | None, b: _dt.date | None) -> _dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _later(a: _dt.date | None, b: _dt.date | None) -> _dt.date | None:
    return b if a is None else a if b is None else max(a, b)


class Context:
    """Handed to a rule for one document; collects what it reports."""

    def __init__(self, doc: "Document", rule: Rule, severity: Severity, run: RunContext,
                 suppressions: Any = None):
        self.doc = doc
        self.rule = rule
        self.options = rule.options
        self.severity = severity
        self.run = run
        self.diagnostics: list[Diagnostic] = []
        # For rules of Stage.SUPPRESSIONS: the file's ``suppressions.Outcome``.
        self.suppressions = suppressions
        self.measures: dict[str, float] = {}

    @property
    def today(self) -> _dt.date:
        """Today (``--today``). A result that reads it is cached for this day only;
        a rule that only compares the date with a deadline asks ``date_in``."""
        return self.run.exact_day()

    def date_in(self, first: _dt.date | None, last: _dt.date | None) -> bool:
        """Whether today is between ``first`` and ``last`` (inclusive; None: no bound).
        The file's cached result then serves every day that gives the same answer."""
        return self.run.date_in(first, last)

    @property
    def prepared(self) -> Any:
        """What the rule's ``prepare`` returned for this run's config."""
        return self.run.prepared(type(self.rule))

    def report(
        self,
        start: int,
        end: int,
        message: str,
        *,
        hint: str = "",
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        severity: Severity | None = None,
        **data: Any,
    ) -> Diagnostic:
        """Report ``message`` (a key of ``messages`` or a literal text, ``str.format``-ed
        with ``data``) for the span ``start``..``end``: FILE offsets (into ``doc.text``),
        never prose offsets (into a block's or sentence's ``text``; convert those with
        ``ProseBlock.span`` / ``Sentence.span``). In strict runs (RuleTester) a
        kebab-case ``message`` that is not a declared id raises ``UnknownMessageId``."""
        template = self.rule.messages.get(message)
        if template is None:
            if self.run.strict and NAME_PATTERN.match(message):
                raise UnknownMessageId(f"{self.rule.name} reported message id {message!r}, which is not in its "
                                       f"`messages` ({', '.join(self.rule.messages) or 'none declared'})")
            template = message
        text = template.format(**data) if data else template
        doc = self.doc
        start = max(0, min(start, len(doc.text)))
        end = max(start, min(end, len(doc.text)))
        p, q = doc.point(start), doc.point(end)
        diag = Diagnostic(
            path=doc.path, rule=self.rule.name, code=self.rule.code,
            severity=severity or self.severity, message=text,
            line=p.line, column=p.column, end_line=q.line, end_column=q.column,
            fix=fix, related=tuple(related), hint=hint, offset=start, end_offset=end,
            data={"message_id": message if message in self.rule.messages else None},
        )
        self.diagnostics.append(diag)
        return diag

    def measure(self, name: str, value: float) -> None:
        """Record a number about the article (``FileResult.measures[name]``), whether
        or not it leads to a finding: reports show it per article (the reading grade)."""
        self.measures[name] = float(value)

    def report_node(self, node: "Node", message: str, **kwargs: Any) -> Diagnostic:
        return self.report(node.start, node.end, message, **kwargs)

    def related(self, start: int, message: str, end: int | None = None) -> Related:
        p = self.doc.point(start)
        q = self.doc.point(end if end is not None else start)
        return Related(self.doc.path, p.line, p.column, message, q.line, q.column)

    def replace(self, start: int, end: int, text: str, *, safety: FixSafety = FixSafety.SAFE,
                description: str = "") -> Fix:
        """A fix that replaces ``doc.text[start:end]`` with ``text``."""
        return self.edits([(start, end, text)], safety=safety, description=description)

    def edits(self, edits: Iterable[tuple[int, int, str]], *, safety: FixSafety = FixSafety.SAFE,
              description: str = "") -> Fix:
        reps = []
        for start, end, text in edits:
            p, q = self.doc.point(start), self.doc.point(end)
            reps.append(Replacement(p.line, p.column, q.line, q.column, text))
        return Fix(tuple(reps), safety, description)
