"""The spellings of a dose's unit: error-prone ones (ISMP), the spellings mixed in an
article and the one to unify them to; and the lexicon's names and usual units of a
substance."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from medlint.language.dosage.lexicon import _CACHE, DosageLexicon, _lookup
from medlint.language.dosage.model import Dose


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


def unit_spelling_groups(doses: Sequence[Dose], *,
                         lexicon: Any = None) -> dict[str, dict[str, list[int]]]:
    """The units abbreviated with more than one spelling among ``doses`` (an article's
    doses in document order): canonical unit -> spelling id ("mcg", "µg", "ug"; "IU",
    "I.U.") -> the indexes in ``doses`` of the doses written so, both in order of first
    occurrence. Indexes, not doses: two identical sentences share their (cached) Dose
    objects. Error-prone spellings count (SPEC §8: "mcg vs µg" is a mixed spelling); a
    unit written out ("500 micrograms") or by another unit's name ("cc") competes with
    no abbreviation.

    Case and the two look-alike micro signs (U+00B5, U+03BC) are not spellings: "mL"
    and "ml", "µg" and "μg" are the same spelling."""
    lex = _CACHE.get(lexicon)
    groups: dict[str, dict[str, list[int]]] = {}
    for i, d in enumerate(doses):
        spelling = _spelling(d, lex)
        unit = lex.units.get(d.unit)
        if unit is not None and spelling in unit.words:
            continue
        groups.setdefault(d.unit, {}).setdefault(spelling, []).append(i)
    return {u: g for u, g in groups.items() if len(g) > 1}


def majority_spelling(unit: str, by_spelling: dict[str, list[int]], *, lexicon: Any = None) -> str:
    """The most used of ``unit``'s spellings; on a tie the lexicon's preferred spelling
    ("mcg", per ISMP; "IU") if it is among the tied, else the tied spelling used first."""
    lex = _CACHE.get(lexicon)
    top = max(len(v) for v in by_spelling.values())
    tied = [s for s, v in by_spelling.items() if len(v) == top]
    preferred = lex.units[unit].preferred if unit in lex.units else None
    return preferred if preferred in tied else tied[0]


def unify_to(unit: str, majority: str, *, lexicon: Any = None) -> str:
    """The spelling to unify ``unit`` to: ``majority``, unless ISMP lists it as
    error-prone ("µg" used most): then the preferred spelling ("mcg"), so that this
    fix and dose-format's agree."""
    u = _CACHE.get(lexicon).units.get(unit)
    return u.preferred if u is not None and majority in u.error_prone else majority


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
