"""Score medlint's findings against a labelled corpus: precision and recall per rule.

    python -m medlint.evaluate tests/corpus/health [--details] [--format json]

A corpus is a folder holding ``corpus.yaml`` (which rules it labels, and the
figures a test holds them to) and, anywhere below it, articles (``.md``/``.mdx``)
each with a ``<name>.expected.yaml`` beside it::

    # corpus.yaml
    rules: [stop-taking-unqualified, claim-uncited, absolute-claim]
    today: 2026-11-25
    floors:
      stop-taking-unqualified: {precision: 0.95, recall: 0.90}

    # article.expected.yaml (labels written before any rule was run on it)
    findings:
      - {rule: stop-taking-unqualified, line: 23, note: "skip a dose, no clinician"}

A finding counts as found when medlint reports that rule on that line of that
article; labels and findings are matched as multisets of (article, rule, line), so
two labelled sentences on one line need two findings there. Only the rules the
corpus names are scored: a finding of another rule is neither right nor wrong here.

medlint runs once over the whole corpus, as a subprocess with ``--isolated`` (no
config, no plugins) and ``--format json``, so the scores measure the shipped rules
exactly as a user meets them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

LABEL_SUFFIX = ".expected.yaml"
ARTICLE_SUFFIXES = (".md", ".mdx")


class CorpusError(Exception):
    """A corpus that cannot be scored: the message names the file and what is wrong."""


@dataclass
class RuleScore:
    rule: str
    labelled: int = 0
    found: int = 0
    true_positives: int = 0
    missed: list[tuple[str, int, str]] = field(default_factory=list)  # (path, line, label note)
    wrong: list[tuple[str, int, str]] = field(default_factory=list)  # (path, line, finding message)

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0

    def as_json(self) -> dict[str, object]:
        return {"rule": self.rule, "labelled": self.labelled, "found": self.found,
                "true_positives": self.true_positives, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4),
                "missed": [{"path": p, "line": n, "note": t} for p, n, t in self.missed],
                "wrong": [{"path": p, "line": n, "message": t} for p, n, t in self.wrong]}


@dataclass
class Corpus:
    root: Path
    rules: list[str]
    today: str
    floors: dict[str, dict[str, float]]
    articles: dict[Path, list[dict[str, object]]]  # article -> its labelled findings


def load_corpus(root: Path) -> Corpus:
    """Read ``corpus.yaml`` and every label file below ``root``."""
    import yaml

    settings_path = root / "corpus.yaml"
    if not settings_path.is_file():
        raise CorpusError(f"{settings_path}: missing (it names the rules the corpus labels)")
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8")) or {}
    rules = settings.get("rules")
    if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
        raise CorpusError(f"{settings_path}: `rules` must be a non-empty list of rule names")
    articles: dict[Path, list[dict[str, object]]] = {}
    for labels_path in sorted(root.rglob(f"*{LABEL_SUFFIX}")):
        stem = labels_path.name[: -len(LABEL_SUFFIX)]
        candidates = [labels_path.with_name(stem + suffix) for suffix in ARTICLE_SUFFIXES]
        article = next((c for c in candidates if c.is_file()), None)
        if article is None:
            raise CorpusError(f"{labels_path}: no article {stem}.md or {stem}.mdx beside it")
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}
        findings = labels.get("findings") or []
        for i, finding in enumerate(findings):
            if not (isinstance(finding, dict) and isinstance(finding.get("rule"), str)
                    and isinstance(finding.get("line"), int)):
                raise CorpusError(f"{labels_path}: findings[{i}] needs a `rule` (name) and a `line` (number)")
        articles[article] = findings
    if not articles:
        raise CorpusError(f"{root}: no `*{LABEL_SUFFIX}` label files")
    return Corpus(root, rules, str(settings.get("today", "2026-11-25")), settings.get("floors") or {}, articles)


def run_medlint(paths: list[Path], today: str) -> list[dict[str, object]]:
    """medlint's findings on ``paths``, from one ``check --format json`` process."""
    command = [sys.executable, "-m", "medlint", "check", "--isolated", "--no-cache", "--format", "json",
               "--today", today, *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    if done.returncode not in (0, 1):
        raise CorpusError(f"medlint exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def score(corpus: Corpus, findings: list[dict[str, object]]) -> list[RuleScore]:
    """Match findings to labels per (article, rule, line) and count per rule."""
    scores = {rule: RuleScore(rule) for rule in corpus.rules}
    by_path = {str(path): path for path in corpus.articles}
    predicted: Counter[tuple[Path, str, int]] = Counter()
    messages: dict[tuple[Path, str, int], list[str]] = {}
    for f in findings:
        path = by_path.get(str(f["path"]))
        if path is None or f["rule"] not in scores:
            continue
        key = (path, str(f["rule"]), int(f["line"]))  # type: ignore[call-overload]
        predicted[key] += 1
        messages.setdefault(key, []).append(str(f["message"]))
    expected: Counter[tuple[Path, str, int]] = Counter()
    notes: dict[tuple[Path, str, int], list[str]] = {}
    for path, labels in corpus.articles.items():
        for label in labels:
            if label["rule"] not in scores:
                continue
            key = (path, str(label["rule"]), int(label["line"]))  # type: ignore[call-overload]
            expected[key] += 1
            notes.setdefault(key, []).append(str(label.get("note", "")))
    for key in sorted(set(predicted) | set(expected), key=lambda k: (str(k[0]), k[1], k[2])):
        path, rule, line = key
        s = scores[rule]
        hit = min(predicted[key], expected[key])
        s.labelled += expected[key]
        s.found += predicted[key]
        s.true_positives += hit
        shown = str(path)
        s.missed.extend([(shown, line, _which(notes.get(key, []), hit))] * (expected[key] - hit))
        s.wrong.extend([(shown, line, _which(messages.get(key, []), hit))] * (predicted[key] - hit))
    return [scores[rule] for rule in corpus.rules]


def _which(texts: list[str], hit: int) -> str:
    """What a miss or false alarm on a line was: the one label note or finding message,
    or, when the line holds several and only ``hit`` of them matched (matching is by
    line, so which ones is unknown), all of them."""
    if len(texts) <= 1:
        return texts[0] if texts else ""
    return f"{len(texts) - hit} of these {len(texts)} on the line: " + " | ".join(texts)


def evaluate(root: Path) -> tuple[Corpus, list[RuleScore]]:
    """Load the corpus at ``root``, run medlint on it, and score each rule."""
    corpus = load_corpus(root)
    return corpus, score(corpus, run_medlint(sorted(corpus.articles), corpus.today))


def below_floor(corpus: Corpus, scores: list[RuleScore]) -> list[str]:
    """The figures that fell below the corpus's floors, as sentences."""
    out = []
    for s in scores:
        floor = corpus.floors.get(s.rule, {})
        for name in ("precision", "recall"):
            if name in floor and getattr(s, name) < float(floor[name]):
                out.append(f"{s.rule}: {name} {getattr(s, name):.3f} is below the floor {float(floor[name]):.2f}")
    return out


@click.command()
@click.argument("corpora", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--details", is_flag=True, help="List each missed label and each wrong finding.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def main(corpora: tuple[Path, ...], details: bool, fmt: str) -> None:
    """Print precision and recall per rule on labelled corpora (exit 1 below a floor, 2 when a
    corpus cannot be scored)."""
    report = []
    failed: list[str] = []
    for root in corpora:
        try:
            corpus, scores = evaluate(root)
        except CorpusError as exc:
            error = click.ClickException(str(exc))
            error.exit_code = 2  # as medlint's own: 1 is for scores below a floor
            raise error from None
        failed += [f"{root}: {line}" for line in below_floor(corpus, scores)]
        report.append({"corpus": str(root), "articles": len(corpus.articles),
                       "rules": [s.as_json() for s in scores]})
        if fmt == "text":
            click.echo(f"{root} ({len(corpus.articles)} articles)")
            click.echo(f"  {'rule':<28} {'labelled':>8} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7}")
            for s in scores:
                click.echo(f"  {s.rule:<28} {s.labelled:>8} {s.found:>6} {s.true_positives:>6} "
                           f"{s.precision:>9.3f} {s.recall:>7.3f}")
            if details:
                for s in scores:
                    for path, line, note in s.missed:
                        click.echo(f"  missed {s.rule} {path}:{line}  {note}")
                    for path, line, message in s.wrong:
                        click.echo(f"  wrong  {s.rule} {path}:{line}  {message}")
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
    for line in failed:
        click.echo(line, err=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
