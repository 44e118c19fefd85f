"""The compiled ``dosage`` lexicon: units and their spellings, the dose regex, the
substances with their ranges, dose-table rows and upper limits, and the substance names
matched token by token (``_Aliases``); ``compile_lexicon`` builds it and ``_CACHE``
holds the shipped one."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from medlint.data import DataError
from medlint.language.lexicon import LexiconCache, compile_pattern, shipped_lexicon


@dataclass(frozen=True)
class _Unit:
    key: str
    dimension: str
    factor: float
    preferred: str
    spelling_text: dict[str, tuple[str, str]]  # spelling id -> (singular, plural)
    error_prone: dict[str, str]  # spelling id -> why ISMP lists it
    words: frozenset[str]  # spelling ids that compete with no abbreviation ("micrograms", "cc")


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
            if sp.get("word") or sp.get("other_name"):
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
