"""What each YAML rule kind does once loaded: ordinary ``Rule`` subclasses.

``loader.py`` validates a rule file and builds a class with ``type(...)`` whose base
is one of the kinds below; the class attributes hold the compiled matchers. Every
user-supplied regular expression runs through ``Matcher`` with the ``regex``
package's ``timeout``: a search that overruns raises ``PatternTimeout``, which the
engine reports as ``rule-error`` for that rule and file (catastrophic backtracking
must not hang a CI job).

Where a rule looks is its *scope*; ``regions`` turns a scope into pieces of text,
each with a way back to source offsets so findings point into the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Mapping, Sequence

import regex

from ..document import Document, ProseBlock
from ..rule import Context, Rule

# Seconds one search of one user pattern over one piece of text may take.
REGEX_TIMEOUT = 1.0

SCOPES = ("text", "sentence", "paragraph", "list-item", "heading", "link-text")
SCOPE_WORDS = {
    "text": "any prose (paragraphs, list items, headings, table cells, alerts, HTML and JSX text)",
    "sentence": "a sentence",
    "paragraph": "a paragraph",
    "list-item": "a list item",
    "heading": "a heading",
    "link-text": "the text of a link",
    "section": "the same section",
    "document": "the same article",
}


class PatternTimeout(RuntimeError):
    """A user pattern took longer than ``REGEX_TIMEOUT`` on one piece of text."""


# -- matching --------------------------------------------------------------------
def token_regex(tokens: Sequence[str]) -> str:
    """One regex for literal words and phrases: whole words, any run of whitespace
    between words, straight or curly apostrophes; longest first."""
    parts = []
    for token in sorted(set(tokens), key=len, reverse=True):
        words = [regex.escape(w).replace("'", "['\u2019]") for w in token.split()]
        parts.append(r"\s+".join(words))
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str


class Matcher:
    """Literal tokens and user regexes; matches sorted, overlaps dropped (first, then
    longest, wins); matches inside an exception phrase are skipped."""

    def __init__(self, tokens: Sequence[str] = (), patterns: Sequence[str] = (), *, ignorecase: bool = True,
                 exceptions: Sequence[str] = ()):
        flags = regex.IGNORECASE if ignorecase else 0
        self.compiled: list[regex.Pattern[str]] = []
        if tokens:
            self.compiled.append(regex.compile(token_regex(tokens), flags))
        self.compiled += [regex.compile(p, flags) for p in patterns]
        self.exceptions = regex.compile(token_regex(exceptions), flags) if exceptions else None

    def __bool__(self) -> bool:
        return bool(self.compiled)

    def find(self, text: str) -> list[Found]:
        found: list[Found] = []
        for rx in self.compiled:
            found += [Found(m.start(), m.end(), m.group(0)) for m in _finditer(rx, text) if m.end() > m.start()]
        found.sort(key=lambda f: (f.start, -f.end))
        kept: list[Found] = []
        for f in found:
            if not kept or f.start >= kept[-1].end:
                kept.append(f)
        if kept and self.exceptions is not None:
            spans = [(m.start(), m.end()) for m in _finditer(self.exceptions, text)]
            kept = [f for f in kept if not any(s <= f.start and f.end <= e for s, e in spans)]
        return kept

    def search(self, text: str) -> bool:
        return bool(self.find(text))


def _finditer(rx: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    try:
        return list(rx.finditer(text, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        raise PatternTimeout(f"pattern /{rx.pattern}/ took longer than {REGEX_TIMEOUT:g} s on one piece of text "
                             f"(catastrophic backtracking?)") from None


def search_once(rx: regex.Pattern[str], text: str) -> bool:
    try:
        return rx.search(text, timeout=REGEX_TIMEOUT) is not None
    except TimeoutError:
        raise PatternTimeout(f"pattern /{rx.pattern}/ took longer than {REGEX_TIMEOUT:g} s "
                             f"(catastrophic backtracking?)") from None


# -- where a rule looks ------------------------------------------------------------
@dataclass
class Region:
    """A piece of text and the map from its offsets to source offsets."""

    text: str
    span: Callable[[int, int], tuple[int, int]]

    @property
    def anchor(self) -> int:
        return self.span(0, 0)[0]


def block_region(block: ProseBlock) -> Region:
    return Region(block.text, block.span)


def _linked_region(block: ProseBlock, start: int, end: int) -> Region | None:
    """The prose of ``block`` that comes from source ``start``..``end`` (a link)."""
    found = block.prose_range(start, end)
    if found is None:
        return None
    lo, hi = found
    return Region(block.text[lo:hi], lambda a, b, lo=lo: block.span(lo + a, lo + b))


def frontmatter_path(scope: str) -> tuple[str, ...]:
    return tuple(scope.split(".")[1:])


def regions(doc: Document, scope: str) -> list[list[Region]]:
    """The scope's units, each a list of regions (counted together by ``occurrence``).
    Block quotes (quoted material) and the references section are not searched."""
    blocks = list(doc.prose_blocks())
    if scope == "text":
        return [[block_region(b) for b in blocks]]
    if scope == "heading":
        return [[block_region(b)] for b in blocks if b.kind == "heading"]
    if scope == "paragraph":
        return [[block_region(b)] for b in blocks if b.kind in ("paragraph", "block_text", "html_text")]
    if scope == "list-item":
        items: dict[int, list[Region]] = {}
        for b in blocks:
            if b.kind in ("paragraph", "block_text") and b.unit.type == "list_item":
                items.setdefault(id(b.unit), []).append(block_region(b))
        return list(items.values())
    if scope == "sentence":
        return [[Region(s.text, s.span)] for b in blocks if b.kind != "heading" for s in b.sentences]
    if scope == "link-text":
        out = []
        for link in doc.links:
            block = link.block
            if link.autolink or block is None or block.quoted or block.in_references:
                continue
            region = _linked_region(block, link.node.start, link.node.end)
            if region is not None:
                out.append([region])
        return out
    if scope.startswith("frontmatter."):
        found = doc.front_matter.value_spans.get(frontmatter_path(scope))
        if found is None:
            return []
        start, end = found
        return [[Region(doc.text[start:end], lambda a, b, s=start: (s + a, s + b))]]
    raise ValueError(f"unknown scope {scope!r}")


def when_matches(when: Mapping[str, Any], data: Mapping[str, Any]) -> bool:
    """Front matter has every ``when`` value (a list means any of them)."""
    for key, wanted in when.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        actual = data.get(key)
        actuals = actual if isinstance(actual, list) else [actual]
        if not any(_same(a, v) for a in actuals for v in values):
            return False
    return True


def _same(a: Any, b: Any) -> bool:
    return a == b or (a is not None and b is not None and str(a) == str(b))


def swap_key(phrase: str, ignorecase: bool) -> str:
    """How a matched phrase is looked up in a swap table (spacing and apostrophes normalised)."""
    key = " ".join(phrase.replace("\u2019", "'").split())
    return key.casefold() if ignorecase else key


def keep_first_letter_case(found: str, replacement: str) -> str:
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# -- the kinds -------------------------------------------------------------------
class DeclarativeRule(Rule):
    """Base of every YAML rule; ``check`` applies the ``when`` gate."""

    kind: ClassVar[str] = ""
    when: ClassVar[Mapping[str, Any]] = {}
    hint: ClassVar[str] = ""
    # The rule file, its validated content and its examples (see loader.py).
    yaml_path: ClassVar[str] = ""
    yaml_spec: ClassVar[Mapping[str, Any]] = {}
    yaml_examples: ClassVar[Mapping[str, Sequence[Any]]] = {}

    def check(self, ctx: Context) -> None:
        if self.when and not when_matches(self.when, ctx.doc.data):
            return
        self.run(ctx)

    def run(self, ctx: Context) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define run()")

    def report_at(self, ctx: Context, region: Region, start: int, end: int, message_id: str = "default",
                  **data: Any) -> None:
        s, e = region.span(start, end)
        ctx.report(s, e, message_id, hint=self.hint, **data)


class Existence(DeclarativeRule):
    kind = "existence"
    scope: ClassVar[str] = "text"
    matcher: ClassVar[Matcher]

    def run(self, ctx: Context) -> None:
        for unit in regions(ctx.doc, self.scope):
            for region in unit:
                for f in self.matcher.find(region.text):
                    self.report_at(ctx, region, f.start, f.end, match=f.text)


class Substitution(DeclarativeRule):
    kind = "substitution"
    fixable = True
    scope: ClassVar[str] = "text"
    matcher: ClassVar[Matcher]
    ignorecase: ClassVar[bool] = True
    swap: ClassVar[Mapping[str, str]] = {}  # swap_key(phrase) -> replacement

    @classmethod
    def replacement_for(cls, found: str) -> str:
        return keep_first_letter_case(found, cls.swap[swap_key(found, cls.ignorecase)])

    def run(self, ctx: Context) -> None:
        for unit in regions(ctx.doc, self.scope):
            for region in unit:
                for f in self.matcher.find(region.text):
                    replacement = self.replacement_for(f.text)
                    if replacement == f.text:
                        continue
                    s, e = region.span(f.start, f.end)
                    fix = ctx.replace(s, e, replacement, description=f"replace with {replacement!r}")
                    ctx.report(s, e, "default", hint=self.hint, fix=fix, match=f.text, replacement=replacement)


class Occurrence(DeclarativeRule):
    kind = "occurrence"
    scope: ClassVar[str] = "text"
    matcher: ClassVar[Matcher]
    min: ClassVar[int | None] = None
    max: ClassVar[int | None] = None

    def run(self, ctx: Context) -> None:
        for unit in regions(ctx.doc, self.scope):
            found = [(region, f) for region in unit for f in self.matcher.find(region.text)]
            data = {"count": len(found), "min": self.min if self.min is not None else "",
                    "max": self.max if self.max is not None else ""}
            if self.max is not None and len(found) > self.max:
                region, f = found[self.max]
                self.report_at(ctx, region, f.start, f.end, match=f.text, **data)
            elif self.min is not None and len(found) < self.min:
                if unit:
                    anchor = unit[0].anchor
                else:
                    anchor = ctx.doc.first_prose_offset()
                ctx.report(anchor, anchor, "default", hint=self.hint, match="", **data)


class RequiredSection(DeclarativeRule):
    kind = "required-section"
    heading: ClassVar[regex.Pattern[str]]
    body: ClassVar[regex.Pattern[str] | None] = None
    level: ClassVar[int | None] = None

    def run(self, ctx: Context) -> None:
        doc = ctx.doc
        sections = [s for s in doc.sections
                    if (self.level is None or s.level == self.level) and search_once(self.heading, s.title)]
        if not sections:
            ctx.report(0, 0, "default", hint=self.hint, section="")
            return
        if self.body is None:
            return
        for section in sections:
            text = "\n".join(b.text for b in doc.blocks
                             if section.start <= b.node.start < section.end and b.node is not section.heading)
            if search_once(self.body, text):
                return
        first = sections[0]
        block = next(b for b in doc.blocks if b.node is first.heading)
        s, e = block.span(0, len(block.text))
        ctx.report(s, e, "body", hint=self.hint, section=first.title)


class Requires(DeclarativeRule):
    kind = "requires"
    scope: ClassVar[str] = "sentence"
    trigger: ClassVar[Matcher]
    required: ClassVar[Matcher]

    def run(self, ctx: Context) -> None:
        doc = ctx.doc
        reported: set[Any] = set()
        everything = list(doc.prose_blocks(quoted=True, references=True))
        document_ok: bool | None = None
        for block in doc.prose_blocks():
            for f in self.trigger.find(block.text):
                if self.scope == "sentence":
                    sentence = next((s for s in block.sentences if s.start <= f.start < s.end), None)
                    key: Any = (id(block), sentence.index if sentence else -1)
                    if key in reported:
                        continue
                    ok = self.required.search(sentence.text if sentence else block.text)
                elif self.scope == "paragraph":
                    key = id(block.unit)
                    if key in reported:
                        continue
                    ok = any(self.required.search(b.text) for b in everything if b.unit is block.unit)
                elif self.scope == "section":
                    section = block.section
                    key = id(section)
                    if key in reported:
                        continue
                    lo, hi = (section.start, section.end) if section else (0, len(doc.text))
                    ok = any(self.required.search(b.text) for b in everything if lo <= b.node.start < hi)
                else:
                    key = "document"
                    if key in reported:
                        continue
                    if document_ok is None:
                        document_ok = any(self.required.search(b.text) for b in everything)
                    ok = document_ok
                reported.add(key)
                if not ok:
                    s, e = block.span(f.start, f.end)
                    ctx.report(s, e, "default", hint=self.hint, match=f.text)


class FrontmatterField(DeclarativeRule):
    kind = "frontmatter"
    field: ClassVar[tuple[str, ...]] = ()
    required: ClassVar[bool] = False
    pattern: ClassVar[regex.Pattern[str] | None] = None
    enum: ClassVar[Sequence[Any]] = ()

    def run(self, ctx: Context) -> None:
        fm = ctx.doc.front_matter
        name = ".".join(self.field)
        value: Any = fm.mapping
        for key in self.field:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            if self.required:
                start, end = (fm.start, fm.start + 3) if fm.present else (0, 0)
                ctx.report(start, end, "default", hint=self.hint, field=name, value="")
            return
        items: Iterable[tuple[tuple, Any]] = (
            [(self.field + (i,), v) for i, v in enumerate(value)] if isinstance(value, list) else [(self.field, value)])
        for path, item in items:
            if self._fits(item):
                continue
            start, end = fm.value_spans.get(path, fm.span_for(path))
            ctx.report(start, end, "default", hint=self.hint, field=name, value=_scalar_text(item))

    def _fits(self, item: Any) -> bool:
        if isinstance(item, (dict, list)):
            return not (self.pattern is not None or self.enum)
        if self.enum and not any(_same(item, e) for e in self.enum):
            return False
        if self.pattern is not None and not search_once(self.pattern, _scalar_text(item)):
            return False
        return True


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


KINDS: dict[str, type[DeclarativeRule]] = {
    cls.kind: cls for cls in (Existence, Substitution, Occurrence, RequiredSection, Requires, FrontmatterField)
}
