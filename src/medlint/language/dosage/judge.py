"""Judging a dose (``judge``, ``implausible``): against the substance's wide range by
route (unit slips), the dose table's usual maxima a dose and a day, and a nutrient's
adult upper limit."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from medlint.language.dosage.lexicon import _CACHE, DosageLexicon, _Row, _Substance, _Unit
from medlint.language.dosage.model import Dose


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
