from __future__ import annotations

from ...diagnostics import Severity
from ...rule import Rule, Stage
from ._claims import quote


class ClaimLibraryConflict(Rule):
    """Articles of one library must not contradict each other.

    ## What it does
    Compares the claims of every article with the claims of every other article of
    the library, under the `claim-contradiction` rules: a negative claim contradicts
    a positive or rare one about the same subject, relation and effect when its scope
    covers the other's (qualifiers such as the route, the dose or the population
    separate them; a claim about a class covers its members). Each of the two
    articles gets a finding at its own claim, with the other article's claim as a
    related location; a claim that contradicts many others is reported once, naming
    the first few and how many more. The library is every file the configuration
    includes (not only the files being checked, so a pre-commit run on one article
    still compares it with the rest, from the cache); without a config file, or with
    `--isolated`, it is the files being checked; a file where the rule is off
    (`per-file-ignores`, an override) is out of it. A suppression comment above one
    side silences that side only. With `--shard`, `medlint merge` finds the conflicts
    across shards. Within one article, see `claim-contradiction`.

    ## Why it matters
    Readers move between the pages of a health library. When the iron page says oral
    iron does not cause constipation and the anaemia page says iron tablets often do,
    a reader cannot know which to trust, and one of the two pages is wrong or misses a
    qualifier. No one editor sees both pages at once; the linter does.

    ## Example
    ```markdown
    Iron does not cause constipation.
    ```

    ```markdown
    Iron tablets can cause constipation.
    ```

    ## Use instead
    ```markdown
    Intravenous iron does not cause constipation.
    ```

    ```markdown
    Iron tablets can cause constipation.
    ```

    ## Options
    - `max_related` (integer, default 5): how many of the contradicting claims a finding names
      as related locations; the message counts the rest ("and 12 more").
    """

    code = "ML406"
    name = "claim-library-conflict"
    summary = "A claim that contradicts a claim in another article of the library"
    severity = Severity.ERROR
    stage = Stage.LIBRARY
    messages = {
        "conflict": "this claim ({claim}) contradicts {path}:{line} ({other})",
        "conflicts": "this claim ({claim}) contradicts {count} claims in other articles: {places}",
    }
    options_schema = {
        "type": "object",
        "properties": {"max_related": {"type": "integer", "minimum": 1, "default": 5}},
        "additionalProperties": False,
    }

    def check_library(self, lib) -> None:  # type: ignore[no-untyped-def]
        limit = self.options["max_related"]
        for claim in lib.claims():
            found = lib.index.conflicts(claim)
            if not found:
                continue
            shown = found.first(limit)
            related = [lib.related(other, f"contradicting claim: {quote(other.sentence)}") for other, _ in shown]
            hint = shown[0][1]
            if found.count == 1:
                other = shown[0][0]
                lib.report(claim, "conflict", claim=quote(claim.sentence), path=other.path, line=other.line,
                           other=quote(other.sentence), hint=hint, related=related)
                continue
            places = ", ".join(f"{other.path}:{other.line}" for other, _ in shown)
            more = found.count - len(shown)
            lib.report(claim, "conflicts", claim=quote(claim.sentence), count=found.count,
                       places=f"{places} and {more} more" if more else places, hint=hint, related=related)
