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
  (IU / I.U.; g / gm; mcg / µg) so a rule can report mixed spellings and unify them
  (``majority_spelling``, ``unify_to``, ``unit_replacement``); units written out are not
  part of it. ``error_prone_spelling`` tells the ISMP error-prone spellings (µg, ug,
  cc, U), which are never the spelling a fix unifies to.

The modules: ``model`` (``Dose``, ``Frequency``), ``lexicon`` (the compiled lexicon),
``find``, ``judge`` and ``spelling``. ``_CACHE``, ``_find_doses``, ``_Aliases`` and
``_TOKEN`` are imported here for the property tests that compare the fast paths with
the general ones.
"""

from medlint.language.dosage.find import _find_doses, find_doses
from medlint.language.dosage.judge import Verdict, implausible, judge
from medlint.language.dosage.lexicon import _CACHE, _TOKEN, DosageLexicon, _Aliases, compile_lexicon
from medlint.language.dosage.model import Dose, Frequency
from medlint.language.dosage.spelling import (
    error_prone_spelling,
    majority_spelling,
    substance_name,
    substances_in,
    unit_replacement,
    unify_to,
    unit_spelling_groups,
    usual_units,
)

__all__ = [
    "Dose", "DosageLexicon", "Frequency", "Verdict", "compile_lexicon", "find_doses", "implausible",
    "judge", "error_prone_spelling", "usual_units", "substance_name", "substances_in", "unit_spelling_groups", "majority_spelling", "unify_to",
    "unit_replacement",
]
