"""``medlint merge``: one report from the reports of CI shards (SPEC §4).

A large library is linted in shards (``--shard K/N``), each writing its own
report; this module combines them. All inputs must be of one kind, told by
content rather than file name:

- **JSON** (SPEC §5): each input is one array of findings. The findings are
  concatenated, identical findings (every field equal) kept once, and sorted by
  path, line, column, rule, as ``--format json`` sorts them.
- **SARIF 2.1.0** from medlint: every run of every input becomes one run. Rules
  are unioned by ``id`` (the first description of an id wins) and sorted by id, as
  the SARIF reporter sorts them; each result's ``ruleIndex`` is rewritten to point
  into the merged list; identical results are kept once; results are sorted by
  file, line, column, rule. Runs from another tool, another medlint version or
  with another ``columnKind`` are refused, since their positions or rules would not
  mean the same thing.

**Shards and the library.** ``claim-library-conflict`` compares each article with
every other article of the library, which a shard cannot see. ``medlint check
--shard K/N --format json -o REPORT`` therefore also writes ``REPORT.library.json``
(each file's claims, library rules and open suppressions; the JSON report itself
stays the array of SPEC §5). When the reports come with these files, the merge
recomputes the library rules over all the shards' articles (``library.merge_shards``)
and replaces each shard's own findings of them, and the outcome of the suppressions
that depended on them, so the merged report is what one unsharded run reports.
Run the merge from the folder the shards ran in: the configs are found from there.
Either every report has its claims file or none does. A SARIF shard report carries
the same data in its run's ``properties["medlint-library"]``, which the merged log
does not keep.

**Every shard, once.** The claims name their shard (``"shard": {"index": K,
"count": N}``) and, beside a JSON report, the report's SHA-256 (``report_sha256``).
A merge of shard reports fails unless shards 1 to N are each there exactly once,
all of the same N, each report whole and written with its claims: a shard whose
``check`` crashed (no report, an empty or cut-short one) fails the merge instead of
silently leaving its articles out. The library findings the merge adds go through
the baseline the shards applied (their ``--baseline``, recorded in the claims) or the
one ``merge --baseline`` names, as ``check`` filters them.

**Verdict.** ``Merged.counts`` gives the merged report's errors, warnings and
``rule-error`` findings: ``medlint merge`` exits as ``check`` would on them.

Errors are :class:`MergeError`, whose message names the input and the problem.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from medlint import jsonio
from medlint.reading import TextFileError, read_text_file

JSON = "json"
SARIF = "sarif"
SARIF_VERSION = "2.1.0"

# SPEC §5: every finding has these keys, with these JSON types.
_FINDING_KEYS: Mapping[str, tuple[type, ...]] = {
    "path": (str,), "rule": (str,), "code": (str,), "severity": (str,), "message": (str,),
    "line": (int,), "column": (int,), "end_line": (int,), "end_column": (int,),
    "fix": (dict, type(None)), "related": (list,),
}
_SEVERITIES = ("error", "warning", "info")


class MergeError(Exception):
    """An input that cannot be merged; the message names the input and the problem."""


@dataclass(frozen=True)
class Report:
    """One parsed input: ``kind`` is ``"json"`` or ``"sarif"``; ``name`` names it in errors."""

    name: str
    kind: str
    data: Any
    # A shard's claims (``library.shard_data``): beside a JSON report, in a file named
    # like it plus ``.library.json``; None for reports without them.
    library: Any = None


def read(path: str | os.PathLike[str]) -> Report:
    """Read one report file and tell its kind by content."""
    name = os.fspath(path)
    try:
        text = read_text_file(name, "a report")
    except TextFileError as exc:
        raise MergeError(str(exc)) from None
    report = parse(text, name)
    side = name + _SHARD_SUFFIX
    if report.kind == JSON and os.path.isfile(side):
        try:
            library = json.loads(read_text_file(side, "shard claims"))
        except (TextFileError, json.JSONDecodeError) as exc:
            raise MergeError(f"{side}: not shard claims written by medlint check --shard: {exc}") from None
        if not (isinstance(library, dict) and isinstance(library.get("files"), list)):
            raise MergeError(f"{side}: not shard claims written by medlint check --shard")
        if library.get("report_sha256") != hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest():
            raise MergeError(f"{name}: not the report its shard claims ({side}) were written with: a report "
                             f"cut short, or left from another run; re-run that shard")
        report = Report(report.name, report.kind, report.data, library)
    return report


_SHARD_SUFFIX = ".library.json"  # library.SHARD_SUFFIX (not imported: merge stays light without shards)
_SHARD_KEY = "medlint-library"  # a SARIF run's property holding the shard's claims


def parse(text: str, name: str = "<report>") -> Report:
    """Parse report text and tell its kind; raises :class:`MergeError` when it is neither."""
    if not text.strip():
        raise MergeError(f"{name}: empty file, not a report")
    try:
        data = jsonio.loads(text)
    except jsonio.JSONError as exc:
        raise MergeError(f"{name}: {exc}") from None
    if isinstance(data, list):
        _check_findings(data, name)
        return Report(name, JSON, data)
    if isinstance(data, dict) and "runs" in data:
        _check_sarif(data, name)
        return Report(name, SARIF, data)
    if isinstance(data, dict) and "entries" in data and "version" in data:
        raise MergeError(f"{name}: this is a medlint baseline, not a report")
    raise MergeError(f"{name}: not a medlint report: expected a JSON array of findings (--format json) "
                     f"or a SARIF log (--format sarif)")


@dataclass(frozen=True)
class Merged:
    """A merged report: ``kind`` (``"json"`` or ``"sarif"``) and its JSON ``data``."""

    kind: str
    data: Any

    def text(self) -> str:
        """The report ready to write."""
        return jsonio.dumps(self.data, indent=2) + "\n"

    def counts(self) -> tuple[int, int, int]:
        """(errors, warnings, rule-error findings) in the report: what ``check``'s
        exit code is decided on."""
        from .engine import rule_error_ids

        name, code = rule_error_ids()
        if self.kind == JSON:
            levels = [(f["severity"], f["rule"] == name) for f in self.data]
        else:  # a SARIF result without a level is a warning (SARIF 2.1.0 §3.27.10)
            levels = [(r.get("level", "warning"), r["ruleId"] in (name, code))
                      for run in self.data["runs"] for r in run["results"]]
        return (sum(1 for level, _ in levels if level == "error"),
                sum(1 for level, _ in levels if level == "warning"),
                sum(1 for _, crashed in levels if crashed))


def merge_files(paths: Sequence[str | os.PathLike[str]]) -> tuple[str, str]:
    """Merge report files; returns (kind, merged report text ready to write). See
    :func:`merge_paths`."""
    merged = merge_paths(paths)
    return merged.kind, merged.text()


def merge_paths(paths: Sequence[str | os.PathLike[str]], baseline: str | os.PathLike[str] | None = None) -> Merged:
    """Merge report files. A shard's claims file (``REPORT.library.json``) is read with
    its report, so a glob such as ``shard-*.json`` that names both works.
    ``baseline`` (a baseline file) filters the library findings the merge adds; by
    default, the baseline the shards applied."""
    names = [os.fspath(p) for p in paths]
    reports = []
    for name in names:
        if name.endswith(_SHARD_SUFFIX) and name[: -len(_SHARD_SUFFIX)] in names:
            continue
        if name.endswith(_SHARD_SUFFIX):
            raise MergeError(f"{name}: shard claims without their report ({name[: -len(_SHARD_SUFFIX)]}); "
                             f"give the report, the claims beside it are read with it (a shard whose check "
                             f"crashed may have left only these: re-run it)")
        reports.append(read(name))
    return merge(reports, baseline)


def merge_reports(reports: Sequence[Report]) -> tuple[str, str]:
    """Merge parsed reports of one kind; returns (kind, merged report text)."""
    merged = merge(reports)
    return merged.kind, merged.text()


def merge(reports: Sequence[Report], baseline: str | os.PathLike[str] | None = None) -> Merged:
    """Merge parsed reports of one kind (``baseline``: see :func:`merge_paths`)."""
    if not reports:
        raise MergeError("nothing to merge: give at least one report")
    kinds = {r.kind for r in reports}
    if len(kinds) > 1:
        first = {kind: next(r.name for r in reports if r.kind == kind) for kind in (JSON, SARIF)}
        raise MergeError(f"cannot merge JSON and SARIF reports together: {first[JSON]} is JSON, "
                         f"{first[SARIF]} is SARIF; merge each kind separately")
    kind = reports[0].kind
    if kind == JSON:
        merged: Any = merge_json([r.data for r in reports])
        shards = [(r.name, r.library) for r in reports if r.library is not None]
        if shards:
            merged = _across_shards(merged, shards, [r.name for r in reports if r.library is None], baseline)
    else:
        merged = merge_sarif([r.data for r in reports], names=[r.name for r in reports])
        shards = [(r.name, run["properties"][_SHARD_KEY]) for r in reports for run in r.data["runs"]
                  if isinstance(run.get("properties"), dict) and _SHARD_KEY in run["properties"]]
        if shards:
            without = [r.name for r in reports if not any(_SHARD_KEY in (run.get("properties") or {})
                                                          for run in r.data["runs"])]
            _sarif_across_shards(merged, shards, without, baseline)
    return Merged(kind, merged)


def _check_shards(shards: Sequence[tuple[str, Any]]) -> None:
    """Shards 1 to N, each once, all of one N: else a MergeError naming what is wrong."""
    from .library import SHARD_FORMAT

    seen: dict[int, str] = {}
    count, first = None, ""
    for name, data in shards:
        if not isinstance(data, dict) or data.get("medlint-library") != SHARD_FORMAT:
            raise MergeError(f"{name}: shard claims of another medlint version: re-run the shards with this one")
        where = data.get("shard")
        k, n = (where.get("index"), where.get("count")) if isinstance(where, dict) else (None, None)
        if not (type(k) is int and type(n) is int and 1 <= k <= n):
            raise MergeError(f"{name}: the shard claims do not say which shard they are (K of N)")
        if count is None:
            count, first = n, name
        elif n != count:
            raise MergeError(f"{name} is shard {k} of {n}, but {first} is one of {count}: "
                             f"the reports come from different shardings; merge one run's shards")
        if k in seen:
            raise MergeError(f"{seen[k]} and {name} are both shard {k} of {n}: give each shard once")
        seen[k] = name
    missing = [k for k in range(1, (count or 0) + 1) if k not in seen]
    if missing:
        listed = ", ".join(str(k) for k in missing[:10]) + (", …" if len(missing) > 10 else "")
        raise MergeError(f"shard{'s' if len(missing) > 1 else ''} {listed} of {count} missing: only "
                         f"{len(seen)} of {count} shard reports given; a shard whose check crashed writes "
                         f"no report: re-run it (merging without it would drop its articles)")


def _baseline(given: str | os.PathLike[str] | None, shards: Sequence[tuple[str, Any]]) -> Any:
    """The baseline for the findings the merge adds: ``given``, else the one the
    shards applied (all the same), else None."""
    if given is None:
        used = {data.get("baseline") for _, data in shards}
        if len(used) > 1:
            raise MergeError("the shards applied different baselines "
                             f"({', '.join(sorted(str(u) for u in used))}): name one with --baseline")
        given = used.pop()
    if given is None:
        return None
    from .baseline import BaselineError, load

    try:
        return load(given)
    except BaselineError as exc:
        raise MergeError(str(exc)) from None


# -- JSON -----------------------------------------------------------------------------
def merge_json(reports: Iterable[Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """Concatenate finding arrays, keep identical findings once, sort as SPEC §5 does."""
    seen: set[str] = set()
    merged: list[dict[str, Any]] = []
    for findings in reports:
        for finding in findings:
            identity = json.dumps(finding, sort_keys=True, ensure_ascii=False)
            if identity not in seen:
                seen.add(identity)
                merged.append(dict(finding))
    merged.sort(key=lambda f: (f["path"], f["line"], f["column"], f["rule"]))
    return merged


def _across_shards(findings: list[dict[str, Any]], shards: list[tuple[str, Any]], without: list[str],
                   baseline: str | os.PathLike[str] | None) -> list[dict[str, Any]]:
    """The library rules' findings recomputed over every shard's claims
    (``library.merge_shards``), so the merged report says what one run would."""
    from .library import ShardDataError, merge_shards

    if without:
        raise MergeError(f"{without[0]}: no shard claims beside it ({without[0]}{_SHARD_SUFFIX}), while other "
                         f"reports have them: conflicts across shards cannot be found; merge all the shards")
    _check_shards(shards)
    try:
        merged = merge_shards(findings, [data for _, data in shards], _baseline(baseline, shards))
    except ShardDataError as exc:
        raise MergeError(str(exc)) from None
    merged.sort(key=lambda f: (f["path"], f["line"], f["column"], f["rule"]))
    return merged


def _sarif_across_shards(log: dict[str, Any], shards: list[tuple[str, Any]], without: list[str],
                         baseline: str | os.PathLike[str] | None) -> None:
    """In the merged SARIF log: the library rules' results recomputed over every shard
    (``library.recompute_shards``), as ``_across_shards`` does for JSON; the results
    are rendered by the SARIF reporter, with the articles' text read from disk for
    their fingerprints where the files are there."""
    from .library import ShardDataError, recompute_shards
    from .reporters import sarif

    if without:
        raise MergeError(f"{without[0]}: a SARIF run without shard claims, while other reports have them: "
                         f"conflicts across shards cannot be found; merge all the shards")
    _check_shards(shards)
    try:
        names, provisional, fresh = recompute_shards([data for _, data in shards], _baseline(baseline, shards))
    except ShardDataError as exc:
        raise MergeError(str(exc)) from None
    run = log["runs"][0]
    props = run.get("properties") or {}
    props.pop(_SHARD_KEY, None)
    if props:
        run["properties"] = props
    else:
        run.pop("properties", None)
    rules = run["tool"]["driver"]["rules"]
    codes = {rule.get("name"): rule["id"] for rule in rules}
    library_ids = {codes.get(name, name) for name in names}

    def place(result: Mapping[str, Any]) -> tuple[Any, ...]:
        physical = result["locations"][0]["physicalLocation"]
        region = physical.get("region", {})
        return (result["ruleId"], physical["artifactLocation"].get("uri"), region.get("startLine"),
                region.get("startColumn"), result["message"]["text"])

    rendered = json.loads(sarif.render(provisional, {}, files=[]))["runs"][0]["results"]
    stale = {place(r) for r in rendered}
    kept = [r for r in run["results"] if r["ruleId"] not in library_ids and place(r) not in stale]
    sources = {}
    for path in {d.path for d in fresh}:
        try:
            sources[path] = read_text_file(path, "an article")
        except TextFileError:
            pass  # fingerprinted by its message instead
    for result in json.loads(sarif.render(fresh, {}, files=[], sources=sources))["runs"][0]["results"]:
        if result["ruleId"] not in {rule["id"] for rule in rules}:
            rules.append({"id": result["ruleId"], "name": result["ruleId"],
                          "shortDescription": {"text": result["ruleId"]}})
        result["ruleIndex"] = next(i for i, rule in enumerate(rules) if rule["id"] == result["ruleId"])
        kept.append(result)
    kept.sort(key=_result_order)
    run["results"] = kept


def _check_findings(findings: list[Any], name: str) -> None:
    for i, finding in enumerate(findings):
        where = f"{name}: finding {i + 1}"
        if not isinstance(finding, dict):
            raise MergeError(f"{where} is not an object (is this a medlint --format json report?)")
        for key, types in _FINDING_KEYS.items():
            if key not in finding:
                raise MergeError(f"{where} has no \"{key}\" (is this a medlint --format json report?)")
            value = finding[key]
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                raise MergeError(f"{where}: \"{key}\" has the wrong type ({json.dumps(value)[:40]})")
        if finding["severity"] not in _SEVERITIES:
            raise MergeError(f"{where}: unknown severity {json.dumps(finding['severity'])}")


# -- SARIF ----------------------------------------------------------------------------
def merge_sarif(logs: Sequence[Mapping[str, Any]], names: Sequence[str] | None = None) -> dict[str, Any]:
    """One SARIF log with one run holding every run's rules (by id) and results."""
    names = list(names) if names is not None else [f"report {i + 1}" for i in range(len(logs))]
    if len(names) != len(logs):
        raise ValueError("merge_sarif: one name per log")
    runs = [(name, run) for name, log in zip(names, logs) for run in log["runs"]]
    if not runs:
        raise MergeError("nothing to merge: the SARIF logs have no runs")
    first_name, first = runs[0]
    driver0 = first["tool"]["driver"]
    rules_by_id: dict[str, dict[str, Any]] = {}
    base_ids: dict[str, Any] = {}
    for name, run in runs:
        driver = run["tool"]["driver"]
        for key, label in (("name", "tool"), ("version", "tool version")):
            if driver.get(key) != driver0.get(key):
                raise MergeError(f"cannot merge runs of different {label}s: {first_name} has "
                                 f"{driver0.get(key)!r}, {name} has {driver.get(key)!r}")
        if run.get("columnKind") != first.get("columnKind"):
            raise MergeError(f"cannot merge runs whose columns count different units: {first_name} has "
                             f"{first.get('columnKind')!r}, {name} has {run.get('columnKind')!r}")
        for rule in driver.get("rules", []):
            rules_by_id.setdefault(rule["id"], rule)
        for key, value in (run.get("originalUriBaseIds") or {}).items():
            if base_ids.setdefault(key, value) != value:
                raise MergeError(f"{name}: originalUriBaseIds[{key!r}] differs from an earlier report's")
    rules = [rules_by_id[i] for i in sorted(rules_by_id)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}

    seen: set[str] = set()
    results: list[dict[str, Any]] = []
    for name, run in runs:
        own_rules = run["tool"]["driver"].get("rules", [])
        for n, result in enumerate(run.get("results", [])):
            rule_id = _rule_id(result, own_rules, f"{name}: result {n + 1}")
            result = copy.deepcopy(result)
            result["ruleId"] = rule_id
            if rule_id in index:
                result["ruleIndex"] = index[rule_id]
                if isinstance(result.get("rule"), dict):
                    result["rule"]["index"] = index[rule_id]
            else:
                result.pop("ruleIndex", None)
                if isinstance(result.get("rule"), dict):
                    result["rule"].pop("index", None)
            identity = json.dumps(result, sort_keys=True, ensure_ascii=False)
            if identity not in seen:
                seen.add(identity)
                results.append(result)
    results.sort(key=_result_order)

    run = {key: copy.deepcopy(value) for key, value in first.items() if key not in ("results", "tool")}
    run["tool"] = copy.deepcopy(first["tool"])
    run["tool"]["driver"]["rules"] = copy.deepcopy(rules)
    if base_ids:
        run["originalUriBaseIds"] = base_ids
    run["results"] = results
    merged = {key: copy.deepcopy(value) for key, value in logs[0].items() if key != "runs"}
    merged["runs"] = [run]
    return merged


_SARIF_LEVELS = ("error", "warning", "note", "none")
_REGION_KEYS = ("startLine", "startColumn", "endLine", "endColumn")


def _sarif_result_problem(result: Mapping[str, Any]) -> str | None:
    """What is wrong with the types of a SARIF result medlint reads (None: nothing)."""
    message = result.get("message")
    if not isinstance(message, dict) or not isinstance(message.get("text"), str):
        return "\"message.text\" must be a string"
    if "level" in result and result["level"] not in _SARIF_LEVELS:
        return f"\"level\" must be one of {', '.join(_SARIF_LEVELS)}"
    locations = result.get("locations", [])
    if not isinstance(locations, list) or not all(isinstance(x, dict) for x in locations):
        return "\"locations\" must be an array of objects"
    for location in locations:
        physical = location.get("physicalLocation", {})
        artifact = physical.get("artifactLocation", {}) if isinstance(physical, dict) else None
        region = physical.get("region", {}) if isinstance(physical, dict) else None
        if not isinstance(artifact, dict) or not isinstance(artifact.get("uri", ""), str):
            return "\"physicalLocation.artifactLocation.uri\" must be a string"
        if not isinstance(region, dict) or not all(
                type(region.get(key, 1)) is int and 1 <= region.get(key, 1) < 2**31 for key in _REGION_KEYS):
            return "region lines and columns must be whole numbers from 1 to 2,147,483,647"
    return None


def _rule_id(result: Mapping[str, Any], rules: Sequence[Mapping[str, Any]], where: str) -> str:
    """A result's rule id: ``ruleId``, else ``rule.id``, else the id its index points at."""
    if isinstance(result.get("ruleId"), str):
        return result["ruleId"]
    ref = result.get("rule") if isinstance(result.get("rule"), dict) else {}
    if isinstance(ref.get("id"), str):
        return ref["id"]
    at = result.get("ruleIndex", ref.get("index"))
    if isinstance(at, int) and not isinstance(at, bool) and 0 <= at < len(rules):
        return rules[at]["id"]
    raise MergeError(f"{where} names no rule (no ruleId, and no ruleIndex into the run's rules)")


def _result_order(result: Mapping[str, Any]) -> tuple[str, int, int, str]:
    try:
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"].get("uri", "")
        region = physical.get("region", {})
        return (uri, region.get("startLine", 0), region.get("startColumn", 0), result["ruleId"])
    except (KeyError, IndexError, TypeError, AttributeError):
        return ("", 0, 0, result["ruleId"])


def _check_sarif(log: dict[str, Any], name: str) -> None:
    if log.get("version") != SARIF_VERSION:
        raise MergeError(f"{name}: SARIF version {log.get('version')!r} is not supported (only {SARIF_VERSION})")
    runs = log["runs"]
    if not isinstance(runs, list):
        raise MergeError(f"{name}: \"runs\" must be an array")
    for r, run in enumerate(runs, start=1):
        where = f"{name}: run {r}"
        if not isinstance(run, dict):
            raise MergeError(f"{where} is not an object")
        driver = run.get("tool", {}).get("driver") if isinstance(run.get("tool"), dict) else None
        if not isinstance(driver, dict) or not isinstance(driver.get("name"), str):
            raise MergeError(f"{where} has no tool.driver.name")
        if driver["name"] != "medlint":
            raise MergeError(f"{where} comes from {driver['name']!r}, not medlint")
        rules = driver.get("rules", [])
        if not isinstance(rules, list) or not all(isinstance(x, dict) and isinstance(x.get("id"), str)
                                                  for x in rules):
            raise MergeError(f"{where}: tool.driver.rules must be an array of rules with an \"id\"")
        results = run.get("results", [])
        if not isinstance(results, list) or not all(isinstance(x, dict) for x in results):
            raise MergeError(f"{where}: \"results\" must be an array of objects")
        for i, result in enumerate(results, start=1):
            problem = _sarif_result_problem(result)
            if problem:
                raise MergeError(f"{where}, result {i}: {problem}")
        if "artifacts" in run:
            raise MergeError(f"{where} has an \"artifacts\" table, which medlint does not write "
                             f"and cannot re-index")
