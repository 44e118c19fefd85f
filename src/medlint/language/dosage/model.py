"""What the dose finder returns: a ``Dose`` and the ``Frequency`` read after it."""

from __future__ import annotations

from dataclasses import dataclass


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
