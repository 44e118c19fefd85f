"""Finding the doses in one sentence (``find_doses``): each amount with a unit, the
substance named beside it, the route, the frequency written after it and the context
(supervised use, danger threshold, food)."""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass

from medlint.language.dosage.lexicon import _CACHE, DosageLexicon, _lookup
from medlint.language.dosage.model import Dose, Frequency

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


def _name_substances(sentence: str, raws: list[_Raw], lex: DosageLexicon,
                     subject: tuple[str, str] | None,
                     ) -> tuple[list[str | None], list[tuple[int, int] | None], dict[int, str]]:
    """Per raw dose: the substance it belongs to, the span of the name that says so, and
    (by index) the ``subject`` name for doses that took the table row's substance."""
    mentions = []
    for start, end, sid in lex.aliases.find(sentence):
        sub = lex.substances[sid]
        if sub.not_followed_by is not None and sub.not_followed_by.match(sentence, end):
            continue
        mentions.append((start, end, sid))
    mention_starts = [m[0] for m in mentions]
    longest_mention = max((e - s for s, e, _ in mentions), default=0)
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
    return substances, named, row_alias


def _find_doses(sentence: str, lex: DosageLexicon, subject: tuple[str, str] | None,
                daily: bool) -> list[Dose]:
    if lex.unit_after_digit is not None and not lex.unit_after_digit.search(sentence):
        return []
    raws = _raw_doses(sentence, lex)
    if not raws:
        return []
    cues: list[tuple[int, int, str]] = []
    for kind, rx in (("injection", lex.injection_re), ("oral", lex.oral_re)):
        if rx is not None:
            cues.extend((c.start(), c.end(), kind) for c in rx.finditer(sentence))
    cues.sort()
    cue_starts = [c[0] for c in cues]
    longest_cue = max((e - s for s, e, _ in cues), default=0)
    substances, named, row_alias = _name_substances(sentence, raws, lex, subject)

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
