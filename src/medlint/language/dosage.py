"""Doses in one sentence ("1,000 mcg", "2.5 mg", "500-1000 mg", "50 000 IU", "5 µg")
with the substance and route they belong to, a plausibility judgement per substance,
and the spellings of each unit across an article (the ``dosage`` lexicon).

Why it matters: a unit slip is a thousandfold error. "1000 mg of vitamin B12" instead
of 1000 mcg, or vitamin D "in mg", can lead a reader to buy or take the wrong product;
"µg" is on the ISMP list of error-prone abbreviations because µ is misread as m.

- ``find_doses`` finds each amount with a unit, takes the larger end of a range, and
  ties it to the nearest substance named beside it ("1,000 mcg of vitamin B12",
  "vitamin D 2,000 IU") and to an injection route when one is named nearby.
  Amounts per kilogram or per volume (mg/kg, mg/dL) and amounts in a clause about body
  stores or blood levels ("the body stores 2-5 mg of B12") get no substance: they
  are not doses a reader takes.
- ``implausible`` compares a dose with the substance's plausible range from data,
  by route. It judges the amount, never the unit name: "a 1 mg B12 injection" passes,
  "1000 mg of B12" does not.
- ``unit_spelling_groups`` groups an article's doses by unit and by spelling
  (mcg / µg / ug / micrograms; IU / I.U.) so a rule can report mixed spellings and
  unify them (``majority_spelling``, ``unit_replacement``).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from medlint.data import DataError
from medlint.language.lexicon import LexiconCache, compile_pattern, first_letter_alternation, whole_word

__all__ = [
    "Dose", "DosageLexicon", "compile_lexicon", "find_doses", "implausible",
    "unit_spelling_groups", "majority_spelling", "unit_replacement",
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


@dataclass(frozen=True)
class _Unit:
    key: str
    dimension: str
    factor: float
    preferred: str
    spelling_text: dict[str, tuple[str, str]]  # spelling id -> (singular, plural)


@dataclass(frozen=True)
class _Range:
    unit: str
    min: float
    max: float


@dataclass(frozen=True)
class _Substance:
    id: str
    name: str
    not_followed_by: re.Pattern[str] | None
    ranges: dict[str, tuple[_Range, ...]]


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
    alias_re: re.Pattern[str]
    aliases: dict[str, str]  # lowercased alias -> substance id
    # A digit, then a unit as ``dose_re`` allows it: every dose holds one, so a
    # sentence without it has no dose (a quick test; ``None``: no test).
    unit_after_digit: re.Pattern[str] | None = None


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
_HAS_DIGIT = re.compile(r"[0-9]")


def _compile_units(data: dict[str, Any], path: str) -> tuple[dict[str, _Unit], dict[str, tuple[str, str]], str]:
    """The units, each written form's (unit, spelling id), and a regex for any written unit."""
    units: dict[str, _Unit] = {}
    forms: dict[str, tuple[str, str]] = {}
    alternatives: list[tuple[str, str]] = []  # (form, regex)
    for key, u in data["units"].items():
        texts = {}
        for sp in u["spellings"]:
            texts[sp["id"]] = (sp["text"], sp.get("plural", sp["text"]))
            for form in sp["forms"]:
                low = form.lower()
                if low in forms and forms[low] != (key, sp["id"]):
                    raise DataError(path, f"units/{key}: form {form!r} is listed twice")
                forms[low] = (key, sp["id"])
                rx = re.escape(form)
                alternatives.append((form, f"(?-i:{rx})" if sp.get("case_sensitive") else rx))
        if u["preferred"] not in texts:
            raise DataError(path, f"units/{key}/preferred: {u['preferred']!r} is not a spelling id")
        units[key] = _Unit(key, u["dimension"], float(u["factor"]), u["preferred"], texts)
    alternatives.sort(key=lambda a: -len(a[0]))
    # The look-ahead on first letters is only a shortcut: ``re`` tries alternatives one
    # by one, and most numbers in prose are followed by no unit at all.
    first = "".join(sorted({re.escape(f[0]) for f, _rx in alternatives}))
    unit_rx = f"(?=[{first}])(?:" + "|".join(rx for _f, rx in alternatives) + ")"
    return units, forms, unit_rx


def _compile_substances(data: dict[str, Any], path: str,
                        units: dict[str, _Unit]) -> tuple[dict[str, _Substance], dict[str, str]]:
    """The substances with their dose ranges, and each lower-cased alias's substance id."""
    substances: dict[str, _Substance] = {}
    aliases: dict[str, str] = {}
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
        substances[s["id"]] = _Substance(
            s["id"], s["name"],
            compile_pattern(s.get("not_followed_by", []), f"substances/{i}/not_followed_by", path),
            ranges)
        for a in s["aliases"]:
            low = a.lower()
            if aliases.get(low, s["id"]) != s["id"]:
                raise DataError(path, f"substances/{i}/aliases: {a!r} already names "
                                      f"{aliases[low]!r}")
            aliases[low] = s["id"]
    return substances, aliases


def compile_lexicon(data: dict[str, Any], path: str = "<dosage lexicon>") -> DosageLexicon:
    """Compile a validated ``dosage`` lexicon (see its JSON Schema)."""
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
    alias_re = re.compile(whole_word(first_letter_alternation(sorted(aliases, key=lambda a: -len(a)))),
                          re.IGNORECASE)

    routes = data["routes"]
    att = data["attribution"]
    filler = compile_pattern([att["filler_after"]], "attribution/filler_after", path)
    forms_re = compile_pattern([att["dosage_forms"]], "attribution/dosage_forms", path)
    if filler is None or forms_re is None:  # the schema requires both
        raise DataError(path, "attribution: filler_after and dosage_forms are required")
    return DosageLexicon(
        units=units, forms=forms, dose_re=dose_re,
        route_window=routes["window"],
        injection_re=compile_pattern(routes["injection"], "routes/injection", path),
        oral_re=compile_pattern(routes["oral"], "routes/oral", path),
        window=att["window"], max_words_before=att["max_words_before"],
        stop_before=compile_pattern(att["stop_before"], "attribution/stop_before", path),
        filler_after=filler, dosage_forms=forms_re,
        not_intake=compile_pattern(att["not_intake"], "attribution/not_intake", path),
        substances=substances, alias_re=alias_re, aliases=aliases,
        unit_after_digit=unit_after_digit,
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
    pair: int | None = None  # index of the other half of a range written in two units


def _raw_doses(sentence: str, lex: DosageLexicon) -> list[_Raw]:
    out: list[_Raw] = []
    for m in lex.dose_re.finditer(sentence):
        unit = _lookup(lex.forms, m.group("unit"))[0]
        den = m.group("den")
        per_body = den is not None and den.lower() in _PER_WEIGHT_OR_VOLUME
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
                            m.start("unit"), m.end("unit"), per_body))
            continue
        lo, hi = _number(m.group("lo")), _number(m.group("hi"))
        lounit_text = m.group("lounit")
        lounit = _lookup(lex.forms, lounit_text)[0] if lounit_text else unit
        if lounit != unit:
            # "500 mcg to 1 mg": two doses in two units
            n = len(out)
            out.append(_Raw(m.start("lo"), m.end("lounit"), lo, lounit,
                            m.start("lounit"), m.end("lounit"), False, pair=n + 1))
            out.append(_Raw(m.start("hi"), end, hi, unit,
                            m.start("unit"), m.end("unit"), per_body, pair=n))
        else:
            out.append(_Raw(m.start("lo"), end, max(lo, hi), unit,
                            m.start("unit"), m.end("unit"), per_body))
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
               mention_starts: list[int], longest: int, lex: DosageLexicon) -> str | None:
    raw = raws[i]
    before = raws[i - 1] if i else None
    best: tuple[int, int, str] | None = None  # (distance, named-after-first tiebreak, id)
    lo = bisect.bisect_left(mention_starts, raw.start - lex.window - longest)
    hi = bisect.bisect_right(mention_starts, raw.end + lex.window)
    for m_start, m_end, sid in mentions[lo:hi]:
        if m_end <= raw.start:
            gap = sentence[m_end:raw.start]
            if (len(gap) > lex.window or len(gap.split()) > lex.max_words_before
                    or (before is not None and before.start >= m_end)
                    or (lex.stop_before is not None and lex.stop_before.search(gap))):
                continue
            cand = (len(gap), 1, sid)
        elif m_start >= raw.end:
            gap = sentence[raw.end:m_start]
            if len(gap) > lex.window:
                continue
            stripped = _PARENS.sub(" ", gap)
            if any(ch in stripped for ch in _DIGITS) or not lex.filler_after.fullmatch(stripped):
                continue
            cand = (len(gap), 0, sid)
        else:
            continue
        if best is None or cand < best:
            best = cand
    return best[2] if best is not None else None


def find_doses(sentence: str, lexicon: Any = None) -> list[Dose]:
    """Every amount with a dose unit in one prose sentence, in text order.

    ``lexicon`` is ``None`` (the shipped lexicon), a lexicon dict, or a
    ``DosageLexicon``."""
    lex = _CACHE.get(lexicon)
    if not _HAS_DIGIT.search(sentence):  # every amount has a digit
        return []
    if lex.unit_after_digit is not None and not lex.unit_after_digit.search(sentence):
        return []
    raws = _raw_doses(sentence, lex)
    if not raws:
        return []
    mentions = []
    for m in lex.alias_re.finditer(sentence):
        sid = _lookup(lex.aliases, m.group())
        sub = lex.substances[sid]
        if sub.not_followed_by is not None and sub.not_followed_by.match(sentence, m.end()):
            continue
        mentions.append((m.start(), m.end(), sid))
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
    for i, raw in enumerate(raws):
        substance: str | None = None
        if not raw.per_body:
            clause = _clause(breaks, break_starts, raw.start, raw.end, len(sentence))
            if clause not in not_intake:
                not_intake[clause] = lex.not_intake is not None and bool(
                    lex.not_intake.search(sentence, *clause))
            if not not_intake[clause]:
                if mentions:
                    substance = _substance(sentence, i, raws, mentions, mention_starts,
                                           longest_mention, lex)
                if substance is None and i and substances[i - 1] is not None \
                        and _CHAIN_GAP.fullmatch(sentence, raws[i - 1].end, raw.start):
                    # "1,000 mcg (1 mg)", "1,000 mcg or 1 mg": the same substance
                    substance = substances[i - 1]
        substances.append(substance)
    for i, raw in enumerate(raws):
        # "500 mcg to 1 mg of B12": both ends of a range name the same substance
        if substances[i] is None and raw.pair is not None and not raw.per_body:
            substances[i] = substances[raw.pair]
    return [
        Dose(start=raw.start, end=raw.end, text=sentence[raw.start:raw.end],
             amount=raw.amount, unit=raw.unit,
             unit_text=sentence[raw.unit_start:raw.unit_end],
             unit_start=raw.unit_start, unit_end=raw.unit_end,
             substance=substances[i],
             route=_route(raw, cues, cue_starts, longest_cue, lex.route_window))
        for i, raw in enumerate(raws)
    ]


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


def implausible(dose: Dose, lexicon: Any = None) -> str | None:
    """A reader-facing reason why ``dose`` is outside its substance's plausible range
    for its route, or ``None`` when it is plausible or cannot be judged (no known
    substance, no range for the unit's dimension).

    Above the range is always reported; below it only when the same number in the
    next larger unit would be plausible (a likely mcg-for-mg slip), so small food
    amounts stay quiet."""
    lex = _CACHE.get(lexicon)
    if dose.substance is None or not math.isfinite(dose.amount):
        return None
    sub = lex.substances.get(dose.substance)
    unit = lex.units.get(dose.unit)
    if sub is None or unit is None:
        return None
    injected = dose.route == "injection" and "injection" in sub.ranges
    ranges = sub.ranges["injection" if injected else "default"]
    rng = next((r for r in ranges if lex.units[r.unit].dimension == unit.dimension), None)
    if rng is None:
        return None
    rng_unit = lex.units[rng.unit]
    value = dose.amount * unit.factor / rng_unit.factor
    if rng.min <= value <= rng.max:
        return None
    high = value > rng.max

    suggestions = []
    candidates = sorted(
        (u for u in lex.units.values() if u.key != unit.key),
        key=lambda u: (u.dimension != unit.dimension, u.factor if high else -u.factor))
    for cand in candidates:
        if cand.dimension == unit.dimension:
            step = cand.factor / unit.factor
            if not math.isclose(step, 1e-3 if high else 1e3):
                continue
        c_rng = next((r for r in ranges if lex.units[r.unit].dimension == cand.dimension), None)
        if c_rng is None:
            continue
        c_value = dose.amount * cand.factor / lex.units[c_rng.unit].factor
        if c_rng.min <= c_value <= c_rng.max:
            suggestions.append(f"{_fmt(dose.amount)} {cand.spelling_text[cand.preferred][0]}")
    if not high and not suggestions:
        return None

    what = f"{_fmt(dose.amount)} {dose.unit_text} of {sub.name}"
    kind = "injected dose" if injected else "dose"
    shown_unit = rng_unit.spelling_text[rng_unit.preferred][0]
    if high:
        ratio = value / rng.max
        size = f"{_ratio(ratio)} times" if ratio >= 2 else "above"
        reason = f"{what} is {size} the highest plausible {kind} ({_fmt(rng.max)} {shown_unit})"
    else:
        reason = f"{what} is below the lowest plausible {kind} ({_fmt(rng.min)} {shown_unit})"
    if suggestions:
        reason += f"; did you mean {_or(suggestions)}?"
    return reason


def _spelling(dose: Dose, lex: DosageLexicon) -> str:
    hit = _lookup(lex.forms, dose.unit_text)
    return hit[1] if hit is not None else dose.unit_text


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
        groups.setdefault(d.unit, {}).setdefault(_spelling(d, lex), []).append(d)
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
