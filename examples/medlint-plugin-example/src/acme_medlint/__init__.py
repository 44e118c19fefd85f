"""Acme Health's medlint rules.

medlint finds this module through the ``medlint.rules`` entry point declared in
pyproject.toml and registers everything in ``RULES``: one rule written in Python
(``BrandTerms``) and the YAML rules shipped in ``rules/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from medlint.declarative import load_rule_dir
from medlint.diagnostics import FixSafety, Severity
from medlint.rule import Context, Rule

DEFAULT_BRANDS = {
    "Advil": "ibuprofen",
    "Motrin": "ibuprofen",
    "Tylenol": "acetaminophen",
    "Aleve": "naproxen",
    "Lipitor": "atorvastatin",
    "Zoloft": "sertraline",
}


class BrandTerms(Rule):
    """Name the generic drug, not only the brand.

    ## What it does
    Reports a brand-name drug (Advil, Tylenol, ...) in a sentence that does not also
    name its generic ingredient (ibuprofen, acetaminophen). Block quotes and the
    references section are not checked. The fix writes the generic name with the
    brand in brackets: "Advil" becomes "ibuprofen (Advil)". The fix is unsafe: one
    brand can cover several products (Tylenol PM also contains diphenhydramine), so
    an editor confirms it.

    ## Why it matters
    The generic name is on every label and is what pharmacists and doctors use; brand
    names differ between countries (Tylenol is sold as Panadol elsewhere). Readers who
    know a drug only by one brand can take the same ingredient twice under two names,
    the most common way people overdose on acetaminophen.

    ## Example
    ```markdown
    Take Advil for a headache.
    ```

    ## Use instead
    ```markdown
    Take ibuprofen (Advil) for a headache.
    ```

    ## Options
    - `brands` (object): brand name → generic name. Replaces the default table.
    """

    code = "ACM001"
    name = "brand-terms"
    summary = "Brand drug name without its generic name"
    severity = Severity.WARNING
    fixable = True
    messages = {"brand": "{brand} is a brand name: also name the generic drug ({generic})"}
    options_schema = {
        "type": "object",
        "properties": {
            "brands": {
                "type": "object",
                "additionalProperties": {"type": "string", "minLength": 1},
                "default": DEFAULT_BRANDS,
                "description": "Brand name -> generic name (replaces the default table).",
            },
        },
        "additionalProperties": False,
    }

    def check(self, ctx: Context) -> None:
        brands = {brand.casefold(): generic for brand, generic in self.options["brands"].items()}
        if not brands:
            return
        names = sorted(self.options["brands"], key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b", re.I)
        for block in ctx.doc.prose_blocks():
            for sentence in block.sentences:
                done: set[str] = set()
                for m in pattern.finditer(sentence.text):
                    brand = m.group(1)
                    generic = brands[brand.casefold()]
                    if generic in done or re.search(rf"\b{re.escape(generic)}\b", sentence.text, re.I):
                        continue
                    done.add(generic)
                    start, end = sentence.span(m.start(1), m.end(1))
                    fix = ctx.replace(start, end, f"{generic} ({brand})", safety=FixSafety.UNSAFE,
                                      description=f"name the generic drug: {generic} ({brand})")
                    ctx.report(start, end, "brand", brand=brand, generic=generic, fix=fix,
                               hint=f"write “{generic} ({brand})” the first time the drug is named")


RULES = [BrandTerms, *load_rule_dir(Path(__file__).parent / "rules")]
