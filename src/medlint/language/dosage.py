"""Doses in one sentence ("1,000 mcg", "2.5 mg", "500-1000 mg", "50 000 IU", "5 µg",
"10 units") with the substance, route and frequency they belong to, a plausibility
judgement per substance, and the spellings of each unit across an article (the
``dosage`` lexicon and the dose table it names).

Why it matters: a unit slip is a thousandfold error. "1000 mg of vitamin B12" instead
of 1000 mcg, or vitamin D "in mg", can lead a reader to buy or take the wrong product;
"800 mg of ibuprofen every 2 hours" is three times the daily maximum.

- ``find_doses`` finds each amount with a unit, takes the larger end of a range, and
  ties it to the nearest substance named beside it ("1,000 mcg of vitamin B12",
  "vitamin D 2,000 IU"; the names are the lexicon's aliases and the medicine
  vocabulary's names of the dose table's substances), to an injection route when one is
  named nearby, and to the frequency written after it ("every 4 hours": 6 doses a day;
  ``Frequency``). It marks a sentence about a supervised use (prescribed, in hospital, a
  loading dose) and an amount named as a danger threshold ("more than 100 mg of B6 ...
  can damage nerves"). Amounts per kilogram or per volume (mg/kg, mg/dL) and amounts in
  a clause about body stores or blood levels ("the body stores 2-5 mg of B12") get no
  substance: they are not doses a reader takes.
- ``judge`` (``implausible`` gives its message) compares a dose with the substance's
  wide range by route (unit slips), the dose table (the usual maximum a dose and a day,
  weekly schedules) and a nutrient's adult upper limit, and says what is wrong. It
  judges the amount, never the unit name: "a 1 mg B12 injection" passes, "1000 mg of
  B12" does not.
- ``unit_spelling_groups`` groups an article's doses by unit and by abbreviation
  (IU / I.U.; g / gm) so a rule can report mixed spellings and unify them
  (``majority_spelling``, ``unit_replacement``); units written out and the ISMP
  error-prone spellings (``error_prone_spelling``: µg, ug, cc, U) are not part of it.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from medlint.data import DataError
from medlint.language.lexicon import LexiconCache, compile_pattern, shipped_lexicon

__all__ = [
    "Dose", "DosageLexicon", "Frequency", "Verdict", "compile_lexicon", "find_doses", "implausible",
    "judge", "error_prone_spelling", "usual_units", "substance_name", "substances_in", "unit_spelling_groups", "majority_spelling", "unit_replacement",
]


@dataclass(frozen=True)
class Dose:
    """An amount with a unit: ``sentence[start:end] == text`` (a range, and a
    "/day" or "/kg" suffix, are part of ``text``); ``amount`` is the larger end of a
    range; ``unit`` is canonical ("mcg", "mg", "g", "iu", "ml") and ``unit_text`` the
    unit as written at ``sentence[unit_start:unit_end]``; ``substance`` is a substance
    id from the lexicon ("vitamin_b12") or ``None``; ``route`` is "injection" or
    ``None``."""

    start: int
    end: int
    text: str
    amount: float
    unit: str
    unit_text: str
    unit_start: int
    unit_end: int
    substance: str | None
    route: str | None
    # How often, read from the words after the dose (see ``Frequency``); ``None``: not said.
    frequency: "Frequency | None" = None
    # The sentence is about a supervised use (prescribed, in hospital, a loading course).
    supervised: bool = False
    # The dose is named as a danger threshold ("more than 100 mg ... can damage nerves").
    threshold: bool = False
    # The sentence is about food or daily needs (supplement-only upper limits do not apply).
    food: bool = False
    # A later dose in the sentence caps the day ("..., up to 4 g a day").
    capped: bool = False
    # The substance as named in the sentence ("ferrous sulfate"), or ``None``.
    alias: str | None = None
    # Spans of the numbers as written (both ends of a range), in sentence offsets.
    numbers: tuple[tuple[int, int], ...] = ()
    # The denominator of an amount per something ("kg", "5 mL", "dL"), lower-cased, or ``None``.
    per: str | None = None


@dataclass(frozen=True)
class Frequency:
    """How often a dose is taken, from the words after it. ``per_day`` is the number of
    doses a day (``None`` when the words give a day's total instead, "a day",
    "daily"); ``schedule`` is "daily", "weekly" or "monthly"; ``text`` is the words as
    written. A range of frequencies ("every 4 to 6 hours", "two to four times a day")
    counts its least frequent end, and a stated cap ("up to four times in 24 hours")
    lowers the count."""

    per_day: float | None
    schedule: str
    text: str

    @property
    def daily_total(self) -> bool:
        """The amount is a day's total ("500 mg a day"), not one dose."""
        return self.per_day is None and self.schedule == "daily"


@dataclass(frozen=True)
class _Unit:
    key: str
    dimension: str
    factor: float
    preferred: str
    spelling_text: dict[str, tuple[str, str]]  # spelling id -> (singular, plural)
    error_prone: dict[str, str]  # spelling id -> why ISMP lists it
    words: frozenset[str]  # spelling ids that write the unit out ("micrograms")


@dataclass(frozen=True)
class _Range:
    unit: str
    min: float
    max: float


@dataclass(frozen=True)
class _Row:
    """A row of the dose table, amounts in ``unit``."""

    route: str
    unit: str
    schedule: str
    per_dose: tuple[float, float]
    per_day_max: float | None


@dataclass(frozen=True)
class _Limit:
    maxima: tuple[tuple[str, float], ...]  # (unit, amount a day)
    supplemental: bool
    aliases: frozenset[str] | None  # casefolded; ``None``: every alias
    source: str


@dataclass(frozen=True)
class _Substance:
    id: str
    name: str
    not_followed_by: re.Pattern[str] | None
    ranges: dict[str, tuple[_Range, ...]]
    usual_units: tuple[str, ...] = ()
    rows: tuple[_Row, ...] = ()
    upper_limit: _Limit | None = None
    source: str = ""


@dataclass(frozen=True)
class DosageLexicon:
    """A compiled ``dosage`` lexicon."""

    units: dict[str, _Unit]
    forms: dict[str, tuple[str, str]]  # lowercased written form -> (unit, spelling id)
    dose_re: re.Pattern[str]
    route_window: int
    injection_re: re.Pattern[str] | None
    oral_re: re.Pattern[str] | None
    window: int
    max_words_before: int
    stop_before: re.Pattern[str] | None
    filler_after: re.Pattern[str]
    dosage_forms: re.Pattern[str]
    not_intake: re.Pattern[str] | None
    substances: dict[str, _Substance]
    aliases: "_Aliases"
    # A digit, then a unit as ``dose_re`` allows it: every dose holds one, so a
    # sentence without it has no dose (a quick test; ``None``: no test).
    unit_after_digit: re.Pattern[str] | None = None
    supervised: re.Pattern[str] | None = None
    threshold: re.Pattern[str] | None = None
    cap_negation: re.Pattern[str] | None = None
    food: re.Pattern[str] | None = None


_INT = r"(?:[1-9]\d{0,2}(?:,\d{3})+(?![\d,])|0|[1-9]\d*)"
# Thousands grouped by spaces ("50 000 IU"). With a plain space the first group needs
# two digits, so "type 2 500 mg" stays 500 mg; a no-break or thin space allows one.
_INT_SPACED = (r"(?:[1-9]\d{1,2}(?: \d{3}(?![\d,]))+"
               r"|[1-9]\d{0,2}(?:[\u00a0\u202f\u2009]\d{3}(?![\d,]))+)")
_NUM_STRICT = rf"{_INT}(?:\.\d+)?|\.\d+"
_NUM = rf"(?:{_INT_SPACED}|{_INT})(?:\.\d+)?|\.\d+"
_GAP = r"(?:[ \u00a0\u202f\u2009]{1,2}|-)?"
_RANGE_SEP = r"\s*(?:-|\u2013|\u2014|\u2212|to)\s*"
_PER = (r"(?P<per>\s*(?:/|\bper\b)\s*(?:\d+(?:\.\d+)?\s*)?"
        r"(?P<den>kg|kilograms?|m2|m\u00b2|dl|deciliters?|decilitres?|ml|milliliters?|millilitres?|"
        r"l|liters?|litres?|day|d|dose|week|wk|hr|h|hours?|min|minutes?|tablet|tab|capsule|cap|"
        r"serving|sachet|drop|spray|actuation|puff)(?!\w)"
        r"(?:\s*/\s*(?:day|d|h|hr|min|dose|week)(?!\w))?)?")
_PER_WEIGHT_OR_VOLUME = frozenset({
    "kg", "kilogram", "kilograms", "m2", "m\u00b2", "dl", "deciliter", "deciliters",
    "decilitre", "decilitres", "ml", "milliliter", "milliliters", "millilitre",
    "millilitres", "l", "liter", "liters", "litre", "litres",
})
_GROUP_SEP = re.compile(r"[,\u00a0\u202f\u2009 ]")
_SPACE_GROUP = re.compile(r"[\u00a0\u202f\u2009 ]")
_CLAUSE_BREAK = re.compile(r"[,;:]")
_PARENS = re.compile(r"\([^()]*\)")
_CHAIN_GAP = re.compile(r"\s*(?:\(|\bor\b|/|=|,)?\s*")
_DIGITS = "0123456789"
_PER_SPACE = re.compile(r"\s+")
_HAS_DIGIT = re.compile(r"[0-9]")


_TOKEN = re.compile(r"\w+|[^\w\s]")


class _Aliases:
    """Substance names matched as whole words, case-insensitively (``str.casefold``),
    token by token: a name is a run of word tokens and single punctuation marks, and
    white space between them is free. A dict from first token to the names starting with
    it, longest first, so thousands of names (the dose table's) cost no regex to compile
    and a lookup per word of the few sentences that hold a dose."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._ids: dict[tuple[str, ...], str] = {}

    def add(self, name: str, sid: str) -> str | None:
        """Map ``name`` to ``sid``; returns the substance ``name`` already maps to, if any
        (the first mapping stays), else ``sid``; ``None`` for a name without a token."""
        tokens = tuple(_TOKEN.findall(name.casefold()))
        if not tokens:
            return None
        have = self._ids.get(tokens)
        if have is None:
            self._ids[tokens] = have = sid
            group = self._by_first.get(tokens[0])
            if group is None:
                self._by_first[tokens[0]] = [(tokens, sid)]
            else:  # longest first; stable among equals (first added first)
                i = len(group)
                while i and len(group[i - 1][0]) < len(tokens):
                    i -= 1
                group.insert(i, (tokens, sid))
        return have

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, substance id) of each name in ``text``, left to right, the longest
        name at each position, not overlapping."""
        tokens = [(m.start(), m.end(), m.group().casefold()) for m in _TOKEN.finditer(text)]
        out = []
        i, n = 0, len(tokens)
        while i < n:
            hit = None
            for names, sid in self._by_first.get(tokens[i][2], ()):
                k = len(names)
                if i + k <= n and all(tokens[i + j][2] == names[j] for j in range(1, k)):
                    hit = (k, sid)
                    break
            if hit is None:
                i += 1
                continue
            k, sid = hit
            out.append((tokens[i][0], tokens[i + k - 1][1], sid))
            i += k
        return out

    def __contains__(self, name: str) -> bool:
        return tuple(t.casefold() for t in _TOKEN.findall(name)) in self._ids

    def __len__(self) -> int:
        return len(self._ids)


def _compile_units(data: dict[str, Any], path: str) -> tuple[dict[str, _Unit], dict[str, tuple[str, str]], str]:
    """The units, each written form's (unit, spelling id), and a regex for any written unit."""
    units: dict[str, _Unit] = {}
    forms: dict[str, tuple[str, str]] = {}
    alternatives: list[tuple[str, str]] = []  # (form, regex)
    for key, u in data["units"].items():
        texts = {}
        error_prone = {}
        words = set()
        for sp in u["spellings"]:
            texts[sp["id"]] = (sp["text"], sp.get("plural", sp["text"]))
            if sp.get("error_prone"):
                error_prone[sp["id"]] = sp["error_prone"]
            if sp.get("word"):
                words.add(sp["id"])
            for form in sp["forms"]:
                low = form.lower()
                if low in forms and forms[low] != (key, sp["id"]):
                    raise DataError(path, f"units/{key}: form {form!r} is listed twice")
                forms[low] = (key, sp["id"])
                rx = re.escape(form)
                if sp.get("case_sensitive"):
                    rx = f"(?-i:{rx})"
                if len(form) == 1:
                    rx += r"(?!\.\w)"  # "U.S." and "g.co" are no units
                alternatives.append((form, rx))
        if u["preferred"] not in texts:
            raise DataError(path, f"units/{key}/preferred: {u['preferred']!r} is not a spelling id")
        if u["preferred"] in error_prone:
            raise DataError(path, f"units/{key}/preferred: {u['preferred']!r} is marked error_prone")
        units[key] = _Unit(key, u["dimension"], float(u["factor"]), u["preferred"], texts,
                           error_prone, frozenset(words))
    alternatives.sort(key=lambda a: -len(a[0]))
    # The look-ahead on first letters is only a shortcut: ``re`` tries alternatives one
    # by one, and most numbers in prose are followed by no unit at all.
    first = "".join(sorted({re.escape(f[0]) for f, _rx in alternatives}))
    unit_rx = f"(?=[{first}])(?:" + "|".join(rx for _f, rx in alternatives) + ")"
    return units, forms, unit_rx


def _compile_substances(data: dict[str, Any], path: str,
                        units: dict[str, _Unit]) -> tuple[dict[str, _Substance], _Aliases]:
    """The substances with their dose ranges and upper limits, and their aliases."""
    substances: dict[str, _Substance] = {}
    aliases = _Aliases()
    for i, s in enumerate(data["substances"]):
        if s["id"] in substances:
            raise DataError(path, f"substances/{i}/id: duplicate substance id {s['id']!r}")
        ranges: dict[str, tuple[_Range, ...]] = {}
        for route, rs in s["ranges"].items():
            dims = set()
            for j, r in enumerate(rs):
                if r["unit"] not in units:
                    raise DataError(path, f"substances/{i}/ranges/{route}/{j}/unit: "
                                          f"unknown unit {r['unit']!r}")
                dim = units[r["unit"]].dimension
                if dim in dims:
                    raise DataError(path, f"substances/{i}/ranges/{route}: two ranges for {dim}")
                if r["min"] > r["max"]:
                    raise DataError(path, f"substances/{i}/ranges/{route}/{j}: min is above max")
                dims.add(dim)
            ranges[route] = tuple(_Range(r["unit"], float(r["min"]), float(r["max"])) for r in rs)
        limit = None
        if "upper_limit" in s:
            ul = s["upper_limit"]
            for j, m in enumerate(ul["max"]):
                if m["unit"] not in units:
                    raise DataError(path, f"substances/{i}/upper_limit/max/{j}/unit: "
                                          f"unknown unit {m['unit']!r}")
            limit = _Limit(tuple((m["unit"], float(m["amount"])) for m in ul["max"]),
                           bool(ul.get("supplemental")),
                           frozenset(a.casefold() for a in ul["aliases"]) if "aliases" in ul else None,
                           ul["source"])
        substances[s["id"]] = _Substance(
            s["id"], s["name"],
            compile_pattern(s.get("not_followed_by", []), f"substances/{i}/not_followed_by", path),
            ranges, tuple(dict.fromkeys(r.unit for r in ranges["default"])), (), limit,
            s.get("source", ""))
        for a in s["aliases"]:
            have = aliases.add(a, s["id"])
            if have is not None and have != s["id"]:
                raise DataError(path, f"substances/{i}/aliases: {a!r} already names {have!r}")
    return substances, aliases


def _load_data(ref: str, schema_name: str, path: str) -> Any:
    """A JSON or YAML data file named by the lexicon (relative to ``medlint/data`` or
    absolute); validated against ``schema_name`` unless it is shipped (the test suite
    validates shipped data)."""
    import json
    import os

    from medlint.data import load_yaml_file, package_path, validate

    file = Path(ref) if os.path.isabs(ref) else package_path("data", ref)
    if file.suffix == ".json":
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise DataError(str(file), f"cannot read dose data: {exc}") from None
    else:
        data = load_yaml_file(file)
    if not shipped_lexicon():
        validate(data, schema_name, str(file))
    return data


def _merge_dose_table(substances: dict[str, _Substance], aliases: _Aliases,
                      table: dict[str, Any], names: dict[str, Any], units: dict[str, _Unit]) -> None:
    """Add the dose table's rows to the lexicon's substances (``dosage_lexicon_id``) and
    its other substances with their names from the medicine vocabulary. The lexicon's
    aliases win where a vocabulary name is already taken."""
    entries = names.get("entries", {})
    for t in table["substances"]:
        sid = t.get("dosage_lexicon_id", t["id"])
        rows = tuple(
            _Row(r.get("route", "oral"), r.get("unit", t["unit"]), r.get("schedule", "daily"),
                 (float(r["per_dose"][0]), float(r["per_dose"][1])),
                 float(r["per_day_max"]) if "per_day_max" in r else None)
            for r in t["doses"] if r.get("unit", t["unit"]) in units)
        usual = tuple(dict.fromkeys([t["unit"], *(r.unit for r in rows)]))
        entry = entries.get(t["id"], {})
        if sid in substances:
            substances[sid] = replace(substances[sid], rows=rows, usual_units=usual)
        else:
            substances[sid] = _Substance(sid, entry.get("label", sid.replace("_", " ")), None, {},
                                         usual, rows, None, t.get("source", ""))
        for name in (entry.get("label"), *entry.get("names", ()), *entry.get("brands", ())):
            if name:
                aliases.add(name, sid)


def compile_lexicon(data: dict[str, Any], path: str = "<dosage lexicon>") -> DosageLexicon:
    """Compile a validated ``dosage`` lexicon (see its JSON Schema), with its dose table."""
    units, forms, unit_rx = _compile_units(data, path)
    dose_re = re.compile(
        r"(?<![\w.,\-\u2212/])"
        rf"(?:(?P<lo>{_NUM_STRICT})(?:{_GAP}(?P<lounit>{unit_rx})(?!\w))?"
        rf"{_RANGE_SEP}(?P<hi>{_NUM_STRICT})"
        rf"|(?P<num>{_NUM}))"
        rf"{_GAP}(?P<unit>{unit_rx})(?!\w){_PER}",
        re.IGNORECASE,
    )
    unit_after_digit = re.compile(rf"\d{_GAP}{unit_rx}(?!\w)", re.IGNORECASE)
    substances, aliases = _compile_substances(data, path, units)
    if "dose_table" in data:
        ref = data["dose_table"]
        _merge_dose_table(substances, aliases, _load_data(ref["doses"], "dose-table", path),
                          _load_data(ref["names"], "medicines-vocabulary", path), units)

    routes = data["routes"]
    att = data["attribution"]
    filler = compile_pattern([att["filler_after"]], "attribution/filler_after", path)
    forms_re = compile_pattern([att["dosage_forms"]], "attribution/dosage_forms", path)
    if filler is None or forms_re is None:  # the schema requires both
        raise DataError(path, "attribution: filler_after and dosage_forms are required")
    context = data.get("context", {})
    return DosageLexicon(
        units=units, forms=forms, dose_re=dose_re,
        route_window=routes["window"],
        injection_re=compile_pattern(routes["injection"], "routes/injection", path),
        oral_re=compile_pattern(routes["oral"], "routes/oral", path),
        window=att["window"], max_words_before=att["max_words_before"],
        stop_before=compile_pattern(att["stop_before"], "attribution/stop_before", path),
        filler_after=filler, dosage_forms=forms_re,
        not_intake=compile_pattern(att["not_intake"], "attribution/not_intake", path),
        substances=substances, aliases=aliases,
        unit_after_digit=unit_after_digit,
        supervised=compile_pattern(context.get("supervised", []), "context/supervised", path),
        threshold=compile_pattern(context.get("threshold", []) and [context["threshold"]],
                                  "context/threshold", path),
        cap_negation=compile_pattern(context.get("cap_negation", []) and [context["cap_negation"]],
                                     "context/cap_negation", path),
        food=compile_pattern(context.get("food", []), "context/food", path),
    )


_CACHE = LexiconCache("dosage", DosageLexicon, compile_lexicon)


def _lookup(table: dict[str, Any], text: str) -> Any:
    """``table[text]`` for a key matched case-insensitively by ``re``, whose case
    folding also pairs characters that ``str.lower`` does not ("\u017f" and "s")."""
    hit = table.get(text.lower())
    if hit is None:
        hit = next((v for k, v in table.items()
                    if re.fullmatch(re.escape(k), text, re.IGNORECASE)), None)
    return hit


def _number(text: str) -> float:
    return float(_GROUP_SEP.sub("", text))


@dataclass
class _Raw:
    start: int
    end: int
    amount: float
    unit: str
    unit_start: int
    unit_end: int
    per_body: bool
    numbers: tuple[tuple[int, int], ...] = ()
    per: str | None = None
    pair: int | None = None  # index of the other half of a range written in two units


def _raw_doses(sentence: str, lex: DosageLexicon) -> list[_Raw]:
    out: list[_Raw] = []
    for m in lex.dose_re.finditer(sentence):
        unit = _lookup(lex.forms, m.group("unit"))[0]
        den = m.group("den")
        per_body = den is not None and den.lower() in _PER_WEIGHT_OR_VOLUME
        per = _PER_SPACE.sub(" ", m.group("per").strip().lstrip("/").strip()).lower() if m.group("per") else None
        if per is not None and per.startswith("per "):
            per = per[4:]
        end = m.end("per") if m.group("per") else m.end("unit")
        if m.group("num") is not None:
            start = m.start("num")
            num_text = m.group("num")
            if _SPACE_GROUP.search(num_text):
                groups = _SPACE_GROUP.split(num_text)
                # "take 2 500 mg tablets": a count, then the dose
                if (len(groups) == 2 and len(groups[0]) == 1
                        and lex.dosage_forms.match(sentence, m.end("unit"))):
                    start = m.start("num") + num_text.rindex(groups[1])
                    num_text = groups[1]
            out.append(_Raw(start, end, _number(num_text), unit,
                            m.start("unit"), m.end("unit"), per_body,
                            ((start, m.end("num")),), per))
            continue
        lo, hi = _number(m.group("lo")), _number(m.group("hi"))
        lounit_text = m.group("lounit")
        lounit = _lookup(lex.forms, lounit_text)[0] if lounit_text else unit
        numbers = (m.span("lo"), m.span("hi"))
        if lounit != unit:
            # "500 mcg to 1 mg": two doses in two units
            n = len(out)
            out.append(_Raw(m.start("lo"), m.end("lounit"), lo, lounit,
                            m.start("lounit"), m.end("lounit"), False, numbers[:1], None, pair=n + 1))
            out.append(_Raw(m.start("hi"), end, hi, unit,
                            m.start("unit"), m.end("unit"), per_body, numbers[1:], per, pair=n))
        else:
            out.append(_Raw(m.start("lo"), end, max(lo, hi), unit,
                            m.start("unit"), m.end("unit"), per_body, numbers, per))
    return out


def _distance(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    if a_end <= b_start:
        return b_start - a_end
    if b_end <= a_start:
        return a_start - b_end
    return 0


def _route(raw: _Raw, cues: list[tuple[int, int, str]], cue_starts: list[int], longest: int,
           window: int) -> str | None:
    best: tuple[int, str] | None = None
    lo = bisect.bisect_left(cue_starts, raw.start - window - longest)
    hi = bisect.bisect_right(cue_starts, raw.end + window)
    for start, end, kind in cues[lo:hi]:
        d = _distance(start, end, raw.start, raw.end)
        if d <= window and (best is None or d < best[0]):
            best = (d, kind)
    return "injection" if best is not None and best[1] == "injection" else None


def _clause(breaks: list[tuple[int, int]], break_starts: list[int], start: int, end: int,
            length: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, colons) holding ``start:end``."""
    i = bisect.bisect_left(break_starts, start)
    lo = breaks[i - 1][1] if i else 0
    j = bisect.bisect_left(break_starts, end)
    hi = breaks[j][0] if j < len(breaks) else length
    return lo, hi


def _substance(sentence: str, i: int, raws: list[_Raw], mentions: list[tuple[int, int, str]],
               mention_starts: list[int], longest: int,
               lex: DosageLexicon) -> tuple[int, int, str] | None:
    """The mention (start, end, substance id) a dose belongs to, or ``None``."""
    raw = raws[i]
    before = raws[i - 1] if i else None
    best: tuple[int, int, int, int, str] | None = None  # (distance, named-after-first tiebreak, start, end, id)
    lo = bisect.bisect_left(mention_starts, raw.start - lex.window - longest)
    hi = bisect.bisect_right(mention_starts, raw.end + lex.window)
    for m_start, m_end, sid in mentions[lo:hi]:
        if m_end <= raw.start:
            gap = sentence[m_end:raw.start]
            if (len(gap) > lex.window or len(gap.split()) > lex.max_words_before
                    or (before is not None and before.start >= m_end)
                    or (lex.stop_before is not None and lex.stop_before.search(gap))):
                continue
            cand = (len(gap), 1, m_start, m_end, sid)
        elif m_start >= raw.end:
            gap = sentence[raw.end:m_start]
            if len(gap) > lex.window:
                continue
            stripped = _PARENS.sub(" ", gap)
            if any(ch in stripped for ch in _DIGITS) or not lex.filler_after.fullmatch(stripped):
                continue
            cand = (len(gap), 0, m_start, m_end, sid)
        else:
            continue
        if best is None or cand < best:
            best = cand
    return (best[2], best[3], best[4]) if best is not None else None


# How often a dose is taken, in the words right after it. Grammar, not vocabulary: the
# numbers and periods of English dosing instructions, and the Latin abbreviations
# (uppercase only when undotted: "bid" is also a word).
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "once": 1, "twice": 2, "thrice": 3, "other": 2,
}
_N = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_TO = r"\s*(?:-|\u2013|to|or)\s*"
_PERIOD = (r"(?:(?:a|per|each|every|in\s+a|in\s+one|in\s+any)\s+(?P<{0}>day|week|month)"
           r"|(?P<{0}ly>daily|weekly|monthly)|in\s+(?:24|twenty-four)\s+hours)")
_FREQUENCY = re.compile(
    r"\b(?:"
    rf"every\s+(?P<h1>{_N})(?:{_TO}(?P<h2>{_N}))?\s*(?:hours?|hrs?|h)\b"
    r"|(?P<hourly>every\s+hour|hourly)\b"
    r"|(?P<ql>q\.?\s?(?P<qh>\d+)\s?h(?:rs?|ours?)?)\b"
    r"|(?P<nh>\d+)[-\s]hourly\b"
    rf"|(?:(?P<t1w>once|twice|thrice)(?:\s+or\s+(?:twice|thrice|{_N}\s+times))?"
    rf"|(?P<t1>{_N})(?:{_TO}{_N})?\s*(?:times|x))\s+" + _PERIOD.format("tp") + r"\b"
    r"|every\s+(?P<other>other|second|alternate)\s+(?P<op>day|week)\b|on\s+alternate\s+days\b"
    rf"|every\s+(?P<d1>{_N}|few)(?:{_TO}{_N})?\s+(?P<dp>days|weeks|months)\b"
    r"|(?P<wk>once\s+(?:a|per|every)\s+(?:week|month)|(?:a|per|each|every)\s+(?:week|month)|weekly|monthly)\b"
    r"|(?P<daily>(?:a|per|each|every)\s+day|daily|in\s+(?:24|twenty-four)\s+hours|a\s+24-hour\s+period)\b"
    r"|(?P<latin>(?-i:QID|QDS|TID|TDS|BID|BD|QD|QOD|OD)|q\.\s?i\.\s?d\.?|q\.\s?d\.\s?s\.?|t\.\s?i\.\s?d\.?"
    r"|t\.\s?d\.\s?s\.?|b\.\s?i\.\s?d\.?|b\.\s?d\.?|q\.\s?o\.\s?d\.?|q\.\s?d\.?)(?!\w)"
    r")",
    re.IGNORECASE,
)
_LATIN = {"qid": 4, "qds": 4, "tid": 3, "tds": 3, "bid": 2, "bd": 2, "qd": 1, "od": 1, "qod": 0.5}
_CAP = re.compile(
    rf"\b(?:up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|a\s+maximum\s+of|max(?:imum)?\.?)\s+(?P<n>{_N})"
    r"\s+(?:times|doses|tablets|capsules|caplets)\b",
    re.IGNORECASE,
)
# a quick test before ``_CAP``: every cap has one of these words
_CAP_WORD = re.compile(r"\b(?:up|more|most|max)", re.IGNORECASE)
_AMOUNT_CAP = re.compile(r"(?:\bup\s+to|\bno\s+more\s+than|\bnot\s+more\s+than|\bat\s+most|\bmaximum(?:\s+of)?|\bmax\.?)\s*$",
                         re.IGNORECASE)
_FREQUENCY_WINDOW = 60
_FREQUENCY_STOP = re.compile(r"[;!?]|\.(?!\w)(?!\s?[a-z]\.)|\bthen\b|\bor\s+(?=\d)", re.IGNORECASE)


def _count(word: str) -> float:
    low = word.lower()
    return float(_NUMBER_WORDS[low]) if low in _NUMBER_WORDS else float(low)


def _frequency(sentence: str, start: int, limit: int, per: str | None) -> Frequency | None:
    """The frequency stated in ``sentence[start:limit]`` right after a dose (``per`` is the
    dose's own "/day" suffix, if any)."""
    if per in ("day", "d"):
        return Frequency(None, "daily", "/" + per)
    if per in ("week", "wk"):
        return Frequency(1 / 7, "weekly", "/" + per)
    end = min(limit, start + _FREQUENCY_WINDOW)
    stop = _FREQUENCY_STOP.search(sentence, start, end)
    if stop is not None:
        end = stop.start()
    m = _FREQUENCY.search(sentence, start, end)
    if m is None:
        return None
    text = m.group()
    try:
        if m.group("h1"):
            hours = max(_count(m.group("h1")), _count(m.group("h2") or m.group("h1")))
            return Frequency(24 / hours, "daily", text) if hours > 0 else None
        if m.group("hourly"):
            return Frequency(24.0, "daily", text)
        if m.group("qh") or m.group("nh"):
            hours = float(m.group("qh") or m.group("nh"))
            return Frequency(24 / hours, "daily", text) if hours > 0 else None
        if m.group("t1w") or m.group("t1"):
            n = _count(m.group("t1w") or m.group("t1"))
            period = (m.group("tp") or m.group("tply") or "day").lower()
            if period.startswith("week"):
                return Frequency(n / 7, "weekly", text)
            if period.startswith("month"):
                return Frequency(n / 30, "monthly", text)
            return Frequency(n, "daily", text)
        if m.group("other") or "alternate" in text.lower():
            week = (m.group("op") or "").lower() == "week"
            return Frequency(1 / 14, "weekly", text) if week else Frequency(0.5, "daily", text)
        if m.group("dp"):
            if m.group("d1").lower() == "few":
                return Frequency(None, "weekly", text)
            n = _count(m.group("d1"))
            days = {"days": 1, "weeks": 7, "months": 30}[m.group("dp").lower()] * n
            schedule = "daily" if days < 7 else "weekly" if days < 28 else "monthly"
            return Frequency(1 / days if days else None, schedule, text)
        if m.group("wk"):
            monthly = "month" in text.lower()
            return Frequency(1 / 30 if monthly else 1 / 7, "monthly" if monthly else "weekly", text)
        if m.group("daily"):
            return Frequency(None, "daily", text)
        latin = re.sub(r"[.\s]", "", text).lower()
        return Frequency(_LATIN.get(latin, 1.0), "daily", text)
    except (KeyError, ValueError, ZeroDivisionError):
        return None


def _caps(sentence: str) -> list[tuple[int, float]]:
    """(start, number of doses) of each cap on the number of doses in ``sentence`` ("up to
    four times in 24 hours", "no more than four doses a day")."""
    out = []
    for m in _CAP.finditer(sentence):
        try:
            out.append((m.start(), _count(m.group("n"))))
        except (KeyError, ValueError):
            continue
    return out


def _capped(caps: list[tuple[int, float]], start: int, freq: Frequency | None) -> Frequency | None:
    """``freq`` lowered by the first cap (``_caps``) after ``start``."""
    if freq is None or freq.per_day is None or freq.schedule != "daily":
        return freq
    i = bisect.bisect_left(caps, (start, -math.inf))
    if i == len(caps) or caps[i][1] <= 0:
        return freq
    return Frequency(min(freq.per_day, caps[i][1]), "daily", freq.text)


def find_doses(sentence: str, lexicon: Any = None, *, subject: tuple[str, str] | None = None,
               daily: bool = False) -> list[Dose]:
    """Every amount with a dose unit in one prose sentence, in text order.

    ``lexicon`` is ``None`` (the shipped lexicon), a lexicon dict, or a
    ``DosageLexicon``. ``subject`` is (substance id, its name as written) for doses when
    the sentence names no substance (a table cell whose row names the medicine);
    ``daily`` says that an amount with no frequency is a day's total (a table column
    "Amount per day")."""
    if not _HAS_DIGIT.search(sentence):  # every amount has a digit
        return []
    if lexicon is None:
        return list(_find_shipped(sentence, subject, daily))
    return _find_doses(sentence, _CACHE.get(lexicon), subject, daily)


@functools.lru_cache(maxsize=512)
def _find_shipped(sentence: str, subject: tuple[str, str] | None, daily: bool) -> tuple[Dose, ...]:
    # dosage-unit and dose-format read the same sentences one after the other
    return tuple(_find_doses(sentence, _CACHE.get(None), subject, daily))


def _find_doses(sentence: str, lex: DosageLexicon, subject: tuple[str, str] | None,
                daily: bool) -> list[Dose]:
    if lex.unit_after_digit is not None and not lex.unit_after_digit.search(sentence):
        return []
    raws = _raw_doses(sentence, lex)
    if not raws:
        return []
    mentions = []
    for start, end, sid in lex.aliases.find(sentence):
        sub = lex.substances[sid]
        if sub.not_followed_by is not None and sub.not_followed_by.match(sentence, end):
            continue
        mentions.append((start, end, sid))
    mention_starts = [m[0] for m in mentions]
    longest_mention = max((e - s for s, e, _ in mentions), default=0)
    cues: list[tuple[int, int, str]] = []
    for kind, rx in (("injection", lex.injection_re), ("oral", lex.oral_re)):
        if rx is not None:
            cues.extend((c.start(), c.end(), kind) for c in rx.finditer(sentence))
    cues.sort()
    cue_starts = [c[0] for c in cues]
    longest_cue = max((e - s for s, e, _ in cues), default=0)

    breaks = [b.span() for b in _CLAUSE_BREAK.finditer(sentence)]
    break_starts = [b[0] for b in breaks]
    not_intake: dict[tuple[int, int], bool] = {}
    substances: list[str | None] = []
    named: list[tuple[int, int] | None] = []
    row_alias: dict[int, str] = {}
    for i, raw in enumerate(raws):
        substance: str | None = None
        where: tuple[int, int] | None = None
        if not raw.per_body:
            clause = _clause(breaks, break_starts, raw.start, raw.end, len(sentence))
            if clause not in not_intake:
                not_intake[clause] = lex.not_intake is not None and bool(
                    lex.not_intake.search(sentence, *clause))
            if not not_intake[clause]:
                if mentions:
                    hit = _substance(sentence, i, raws, mentions, mention_starts,
                                     longest_mention, lex)
                    if hit is not None:
                        substance, where = hit[2], (hit[0], hit[1])
                if substance is None and i and substances[i - 1] is not None \
                        and _CHAIN_GAP.fullmatch(sentence, raws[i - 1].end, raw.start):
                    # "1,000 mcg (1 mg)", "1,000 mcg or 1 mg": the same substance
                    substance, where = substances[i - 1], named[i - 1]
                if substance is None and subject is not None and not mentions:
                    substance = subject[0]
                    row_alias[i] = subject[1]
        substances.append(substance)
        named.append(where)
    for i, raw in enumerate(raws):
        # "500 mcg to 1 mg of B12": both ends of a range name the same substance
        if substances[i] is None and raw.pair is not None and not raw.per_body:
            substances[i], named[i] = substances[raw.pair], named[raw.pair]

    supervised = lex.supervised is not None and bool(lex.supervised.search(sentence))
    food = lex.food is not None and bool(lex.food.search(sentence))
    out = []
    cap_seen = False
    caps = _caps(sentence) if _CAP_WORD.search(sentence) else []
    for i in range(len(raws) - 1, -1, -1):  # backwards: a later cap covers earlier doses
        raw = raws[i]
        nxt = raws[i + 1].start if i + 1 < len(raws) else len(sentence)
        freq = _capped(caps, raw.end, _frequency(sentence, raw.end, nxt, raw.per))
        if freq is None and daily and not raw.per_body:
            freq = Frequency(None, "daily", "a day")
        before = sentence[max(0, raw.start - 40):raw.start]
        threshold = False
        if lex.threshold is not None:
            t = lex.threshold.search(before)
            threshold = t is not None and not (
                lex.cap_negation is not None and lex.cap_negation.search(before, 0, t.start()))
        is_cap = bool(_AMOUNT_CAP.search(before)) and freq is not None and freq.daily_total
        where = named[i]
        out.append(Dose(
            start=raw.start, end=raw.end, text=sentence[raw.start:raw.end],
            amount=raw.amount, unit=raw.unit,
            unit_text=sentence[raw.unit_start:raw.unit_end],
            unit_start=raw.unit_start, unit_end=raw.unit_end,
            substance=substances[i],
            route=_route(raw, cues, cue_starts, longest_cue, lex.route_window),
            frequency=freq, supervised=supervised, threshold=threshold, food=food,
            capped=cap_seen, alias=sentence[where[0]:where[1]] if where else row_alias.get(i),
            numbers=raw.numbers, per=raw.per))
        cap_seen = cap_seen or is_cap
    out.reverse()
    return out


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def _ratio(r: float) -> str:
    if r >= 10:
        return f"{round(r):,}"
    return f"{r:.1f}".rstrip("0").rstrip(".")


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


# A dose is reported only when it is above a maximum by more than this factor: the
# maxima of different countries' labels differ by about as much (allopurinol: 800 mg a
# day in the US label, 900 mg in the BNF), and a writer who rounds is not wrong.
TOLERANCE = 1.25
# A nutrient's upper limit (UL) is set below the lowest intake with adverse effects, with a
# safety margin, and evidence-based regimens go past it (magnesium 600 mg a day for
# migraine, UL 350 mg): an intake is reported from more than twice the UL.
UL_TOLERANCE = 2.0
# In a supervised context (prescribed, in hospital, a loading dose) or a threshold ("more
# than ... can harm"), only amounts this many times beyond the dose table are reported:
# unit slips, not unusual regimens. Below a minimum the bar is higher: minima vary more
# between products of one substance (undenatured collagen 40 mg, hydrolysed collagen
# 10 g), and a mcg-for-mg slip is a thousandfold.
SLIP = 10.0
SLIP_BELOW = 100.0

_UNIT_WORDS = {"mcg": "micrograms", "mg": "milligrams", "g": "grams", "iu": "international units",
               "ml": "millilitres", "units": "units"}


@dataclass(frozen=True)
class Verdict:
    """Why a dose is implausible: ``message`` says what is wrong, ``hint`` what to check."""

    message: str
    hint: str


def implausible(dose: Dose, lexicon: Any = None) -> str | None:
    """A reader-facing reason why ``dose`` is implausible (``judge``'s message), or
    ``None``."""
    verdict = judge(dose, lexicon)
    return verdict.message if verdict is not None else None


def judge(dose: Dose, lexicon: Any = None) -> Verdict | None:
    """Whether ``dose`` is implausible for its substance, and why; ``None`` when it is
    plausible or cannot be judged (no known substance, no amount for the unit's dimension).

    In order: the lexicon's wide range for the route and amounts more than ``SLIP`` times
    beyond the dose table (unit slips, always judged); then, unless the sentence is about
    a supervised use or names the amount as a danger threshold, a nutrient's adult upper
    limit and the dose table (one dose against the usual maximum a dose; with a stated
    frequency, the day's total against the usual maximum a day; a medicine taken weekly
    that is said to be taken daily) and the adult upper limit of a nutrient. Below a
    minimum is reported only when the same number in the substance's usual unit would be
    a usual dose (a likely mcg-for-mg slip), so small food amounts stay quiet."""
    lex = _CACHE.get(lexicon)
    if dose.substance is None or not math.isfinite(dose.amount) or dose.amount <= 0:
        return None
    sub = lex.substances.get(dose.substance)
    unit = lex.units.get(dose.unit)
    if sub is None or unit is None:
        return None
    return (_judge_range(dose, sub, unit, lex) or _judge_rows(dose, sub, unit, lex, gross=True)
            or _judge_limit(dose, sub, unit, lex) or _judge_rows(dose, sub, unit, lex, gross=False))


def _convert(amount: float, unit: _Unit, to: str, lex: DosageLexicon) -> float | None:
    target = lex.units.get(to)
    if target is None or target.dimension != unit.dimension:
        return None
    return amount * unit.factor / target.factor


def _quantity(amount: float, unit: str, lex: DosageLexicon) -> str:
    """``amount`` of ``unit`` as a reader reads it: milligrams from 1,000 up in grams."""
    if unit == "mg" and amount >= 1000 and "g" in lex.units:
        return _quantity(amount / 1000, "g", lex)
    u = lex.units[unit]
    return f"{_fmt(amount)} {u.spelling_text[u.preferred][0 if amount == 1 else 1]}"


def _written(dose: Dose, sub: _Substance) -> str:
    what = f"{_fmt(dose.amount)} {dose.unit_text} of {sub.name}"
    if dose.frequency is not None:
        what += f" {dose.frequency.text}"
    return what


def _times(value: float, limit: float) -> str:
    ratio = value / limit
    return f"{_ratio(ratio)} times" if ratio >= 2 else "above"


def _slip(dose: Dose, sub: _Substance, unit: _Unit, lex: DosageLexicon,
          plausible: "Any") -> str | None:
    """The substance's usual unit, when the dose's number in it would be plausible
    (``plausible(amount, unit key)``): the dose is a likely unit slip."""
    for usual in sub.usual_units:
        if usual == dose.unit or usual not in lex.units:
            continue
        if plausible(dose.amount, usual):
            return usual
    return None


def _slip_verdict(dose: Dose, sub: _Substance, usual: str, value: float, bound: float,
                  bound_text: str, lex: DosageLexicon) -> Verdict:
    """``value`` and ``bound`` in one unit; ``bound_text`` names the bound ("the usual
    maximum of 500 mcg a dose")."""
    what = f"{_fmt(dose.amount)} {dose.unit_text}"
    relation = f"{_times(value, bound)} {bound_text}" if value > bound else f"far below {bound_text}"
    dosed_in = _or([_UNIT_WORDS.get(u, u) for u in sub.usual_units if u in lex.units] or [usual])
    return Verdict(
        f"{sub.name} is dosed in {dosed_in}: {what} is {relation}",
        f"check the unit: {_quantity(dose.amount, usual, lex)} would be a usual amount")


def _judge_range(dose: Dose, sub: _Substance, unit: _Unit, lex: DosageLexicon) -> Verdict | None:
    """The lexicon's wide plausible range: a dose outside it is a unit slip."""
    if not sub.ranges:
        return None
    injected = dose.route == "injection" and "injection" in sub.ranges
    ranges = sub.ranges["injection" if injected else "default"]
    rng = next((r for r in ranges if lex.units[r.unit].dimension == unit.dimension), None)
    if rng is None:
        return None
    value = _convert(dose.amount, unit, rng.unit, lex)
    if value is None or rng.min <= value <= rng.max:
        return None
    high = value > rng.max

    def plausible(amount: float, key: str) -> bool:
        cand = lex.units[key]
        c_rng = next((r for r in ranges if lex.units[r.unit].dimension == cand.dimension), None)
        c_value = _convert(amount, cand, c_rng.unit, lex) if c_rng else None
        return c_value is not None and c_rng is not None and c_rng.min <= c_value <= c_rng.max

    # a slip is a thousandfold: only amounts far outside the range are read as one
    usual = _slip(dose, sub, unit, lex, plausible) if not high or value > SLIP * rng.max else None
    kind = "injected dose" if injected else "dose"
    if usual is not None:
        bound = rng.max if high else rng.min
        text = (f"the highest plausible {kind} of {_quantity(rng.max, rng.unit, lex)}" if high
                else f"the lowest plausible {kind} of {_quantity(rng.min, rng.unit, lex)}")
        return _slip_verdict(dose, sub, usual, value, bound, text, lex)
    if not high or sub.rows:  # the dose table judges the amounts of its substances
        return None
    return Verdict(
        f"{_fmt(dose.amount)} {dose.unit_text} of {sub.name} is {_times(value, rng.max)} the "
        f"highest plausible {kind} ({_quantity(rng.max, rng.unit, lex)})",
        "check the amount and the unit against the product label or a dosing reference")


def _rows_for(dose: Dose, sub: _Substance, unit: _Unit, lex: DosageLexicon) -> list[_Row]:
    dim = [r for r in sub.rows if r.unit in lex.units and lex.units[r.unit].dimension == unit.dimension]
    route = "injection" if dose.route == "injection" else "oral"
    on_route = [r for r in dim if r.route == route]
    return on_route or dim


def _judge_rows(dose: Dose, sub: _Substance, unit: _Unit, lex: DosageLexicon, *,
                gross: bool) -> Verdict | None:
    """The dose table: with ``gross``, an amount ``SLIP`` times beyond it (a unit slip);
    else a dose above the usual maximum a dose or a day."""
    rows = _rows_for(dose, sub, unit, lex)
    if not rows:
        return None
    # every row's amounts in the dose's unit
    def conv(x: float, row: _Row) -> float:
        return x * lex.units[row.unit].factor / unit.factor

    daily = [r for r in rows if r.schedule == "daily"]
    periodic = [r for r in rows if r.schedule != "daily"]
    dose_max = max(conv(r.per_dose[1], r) for r in rows)
    day_max = max((conv(r.per_day_max, r) for r in daily if r.per_day_max is not None), default=None)
    dose_min = min(conv(r.per_dose[0], r) for r in rows)
    shown = rows[0].unit if dose.unit not in sub.usual_units else dose.unit

    def q(x: float) -> str:  # an amount in the dose's unit, as shown to the reader
        return _quantity(x * unit.factor / lex.units[shown].factor, shown, lex)

    if gross:
        top = max(dose_max, day_max or 0)
        gross_high = dose.amount > SLIP * top
        if not gross_high and not dose.amount * SLIP_BELOW < dose_min:
            return None
        usual = _slip(dose, sub, unit, lex, lambda a, k: _usual_plausible(sub, lex, a, k))
        if usual is not None:
            bound = dose_max if gross_high else dose_min
            text = f"the usual {'maximum' if gross_high else 'minimum'} of {q(bound)} a dose"
            return _slip_verdict(dose, sub, usual, dose.amount, bound, text, lex)
        return _above(dose, sub, dose.amount, dose_max, "a dose", q) if gross_high else None
    if dose.supervised or dose.threshold:
        return None
    freq = dose.frequency
    if freq is not None and freq.schedule != "daily":
        same = [r for r in periodic if r.schedule == freq.schedule]
        if same:
            limit, per = max(conv(r.per_dose[1], r) for r in same), "a dose"
        else:  # a weekly or monthly dose of a daily medicine: at most a day's maximum
            limit = max([conv(r.per_dose[1], r) for r in rows]
                        + [conv(r.per_day_max, r) for r in daily if r.per_day_max is not None])
            per = "a dose" if limit == dose_max else "a day"
        if dose.amount > TOLERANCE * limit:
            return _above(dose, sub, dose.amount, limit, per, q)
        return None
    if not daily:  # a medicine taken weekly or monthly, said to be taken every day
        weekly = [r for r in periodic if r.schedule == "weekly"]
        if freq is None or not weekly:
            return None
        week_max = max(conv(r.per_dose[1], r) for r in weekly)
        week = dose.amount * (freq.per_day or 1) * 7
        if week > TOLERANCE * week_max:
            return Verdict(
                f"{sub.name} is taken once a week: {_written(dose, sub)} is {q(week)} a week, "
                f"{_times(week, week_max)} the usual maximum of {q(week_max)} a week",
                "check the schedule: a daily dose of a weekly medicine is a known fatal error")
        return None
    one_max = max(conv(r.per_dose[1], r) for r in daily)
    if freq is None:
        # no frequency: the amount may be a day's total
        limit = max(one_max, day_max or 0)
        if dose.amount > TOLERANCE * limit:
            return _above(dose, sub, dose.amount, limit, "a dose" if limit == one_max else "a day", q)
        return None
    if freq.daily_total:
        limit = day_max if day_max is not None else one_max
        if dose.amount > TOLERANCE * limit:
            return _above(dose, sub, dose.amount, limit, "a day", q)
        return None
    total = dose.amount * (freq.per_day or 1)
    if day_max is not None and not dose.capped and total > TOLERANCE * day_max:
        adds_up = f" is {q(total)} a day," if total != dose.amount else " is"
        return Verdict(
            f"{_written(dose, sub)}{adds_up} {_times(total, day_max)} the usual "
            f"maximum of {q(day_max)} a day",
            "check the amount and how often it is taken against the product label")
    if dose.amount > TOLERANCE * one_max:
        return _above(dose, sub, dose.amount, one_max, "a dose", q)
    return None


def _above(dose: Dose, sub: _Substance, value: float, limit: float, per: str, q: Any) -> Verdict:
    return Verdict(
        f"{_written(dose, sub)} is {_times(value, limit)} the usual maximum of {q(limit)} {per}",
        "check the amount against the product label or a dosing reference")


def _usual_plausible(sub: _Substance, lex: DosageLexicon, amount: float, key: str) -> bool:
    """Whether ``amount`` of unit ``key`` is within the substance's default range or a
    dose-table row."""
    unit = lex.units[key]
    for r in sub.ranges.get("default", ()):
        value = _convert(amount, unit, r.unit, lex)
        if value is not None and r.min <= value <= r.max:
            return True
    for row in sub.rows:
        value = _convert(amount, unit, row.unit, lex)
        if value is not None and row.per_dose[0] <= value <= max(row.per_dose[1], row.per_day_max or 0):
            return True
    return False


def _judge_limit(dose: Dose, sub: _Substance, unit: _Unit, lex: DosageLexicon) -> Verdict | None:
    """A nutrient's adult upper limit a day, for unsupervised use."""
    ul = sub.upper_limit
    if ul is None or dose.supervised or dose.threshold:
        return None
    if ul.supplemental and dose.food:
        return None
    if ul.aliases is not None and dose.alias is not None and dose.alias.casefold() not in ul.aliases:
        return None
    freq = dose.frequency
    if freq is None:  # a product's strength, not an intake a day
        return None
    per_day = 1.0 if freq.per_day is None else freq.per_day
    if dose.capped:
        per_day = min(per_day, 1.0)
    for key, amount in ul.maxima:
        day = _convert(dose.amount * per_day, unit, key, lex)
        if day is None:
            continue
        if day > SLIP * amount:
            usual = _slip(dose, sub, unit, lex, lambda a, k: _usual_plausible(sub, lex, a, k))
            if usual is not None:
                return _slip_verdict(dose, sub, usual, day, amount,
                                     f"the adult upper limit of {_quantity(amount, key, lex)} a day", lex)
        if day > UL_TOLERANCE * amount:
            return Verdict(
                f"{_written(dose, sub)} is {_times(day, amount)} the adult upper limit of "
                f"{_quantity(amount, key, lex)} a day",
                f"the upper limit is for use without medical supervision ({ul.source}); "
                "say so if this is a prescribed dose")
        return None
    return None


def _spelling(dose: Dose, lex: DosageLexicon) -> str:
    hit = _lookup(lex.forms, dose.unit_text)
    return hit[1] if hit is not None else dose.unit_text


def error_prone_spelling(dose: Dose, lexicon: Any = None) -> tuple[str, str] | None:
    """(why ISMP lists it, the preferred spelling's text) when ``dose``'s unit is written
    in an error-prone spelling ("µg", "ug", "cc", "U"), else ``None``."""
    lex = _CACHE.get(lexicon)
    unit = lex.units.get(dose.unit)
    if unit is None:
        return None
    why = unit.error_prone.get(_spelling(dose, lex))
    if why is None:
        return None
    return why, unit_replacement(dose, unit.preferred, lexicon=lex)


def usual_units(substance: str, lexicon: Any = None) -> tuple[str, ...]:
    """The units ``substance`` is usually written in ("units" for insulin), or ``()``."""
    sub = _CACHE.get(lexicon).substances.get(substance)
    return sub.usual_units if sub is not None else ()


def substance_name(substance: str, lexicon: Any = None) -> str:
    """How messages name ``substance``."""
    sub = _CACHE.get(lexicon).substances.get(substance)
    return sub.name if sub is not None else substance.replace("_", " ")


def substances_in(text: str, lexicon: Any = None) -> list[tuple[str, str]]:
    """The substances named in ``text``, in order: (substance id, the name as written)."""
    return [(sid, text[s:e]) for s, e, sid in _CACHE.get(lexicon).aliases.find(text)]


def unit_spelling_groups(doses: Iterable[Dose], *,
                         lexicon: Any = None) -> dict[str, dict[str, list[Dose]]]:
    """The units written with more than one spelling among ``doses`` (an article's
    doses in document order): canonical unit -> spelling id ("mcg", "µg", "ug",
    "micrograms"; "IU", "I.U.") -> doses, both in order of first occurrence.

    Case and the two look-alike micro signs (U+00B5, U+03BC) are not spellings: "mL"
    and "ml", "µg" and "μg" are the same spelling."""
    lex = _CACHE.get(lexicon)
    groups: dict[str, dict[str, list[Dose]]] = {}
    for d in doses:
        spelling = _spelling(d, lex)
        unit = lex.units.get(d.unit)
        if unit is not None and (spelling in unit.error_prone or spelling in unit.words):
            continue
        groups.setdefault(d.unit, {}).setdefault(spelling, []).append(d)
    return {u: g for u, g in groups.items() if len(g) > 1}


def majority_spelling(unit: str, by_spelling: dict[str, list[Dose]], *, lexicon: Any = None) -> str:
    """The spelling to unify ``unit`` to: the most used one; on a tie the lexicon's
    preferred spelling ("mcg", per ISMP; "IU") if it is among the tied, else the tied
    spelling used first."""
    lex = _CACHE.get(lexicon)
    top = max(len(v) for v in by_spelling.values())
    tied = [s for s, v in by_spelling.items() if len(v) == top]
    preferred = lex.units[unit].preferred if unit in lex.units else None
    return preferred if preferred in tied else tied[0]


def unit_replacement(dose: Dose, spelling: str, *, lexicon: Any = None) -> str:
    """The text that writes ``dose``'s unit in ``spelling`` (a spelling id), to replace
    ``sentence[dose.unit_start:dose.unit_end]``: "mcg", or "microgram"/"micrograms"
    by amount."""
    lex = _CACHE.get(lexicon)
    unit = lex.units.get(dose.unit)
    if unit is None or spelling not in unit.spelling_text:
        raise KeyError(f"{spelling!r} is not a spelling of {dose.unit!r}")
    singular, plural = unit.spelling_text[spelling]
    return singular if dose.amount == 1 else plural
