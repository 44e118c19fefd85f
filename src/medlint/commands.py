"""The ``medlint`` subcommands besides ``check``, ``baseline``, ``merge`` and ``server``:
``init``, ``rules``, ``explain``, ``test-rules``, ``config`` and ``claims``.

They are registered on the ``medlint`` group defined in ``cli.py`` (which imports this
module last); like every command there, they import heavy modules only when run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from .cli import EXIT_FINDINGS, EXIT_OK, fail, main

@main.command("init")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init_cmd(force: bool) -> None:
    """Write a starter medlint.toml and front-matter schema into the current folder."""
    import json

    from .config import DEFAULT_INCLUDE
    from .data import package_path

    folder = _content_folder()
    # The default include globs (one list, config.DEFAULT_INCLUDE), under the content folder.
    include = json.dumps([f"{folder}/{pattern}" for pattern in DEFAULT_INCLUDE])
    files = {
        Path("medlint.toml"): STARTER_CONFIG.replace("{include}", include),
        Path("schemas/frontmatter.schema.json"): package_path("schemas", "frontmatter.schema.json").read_text(
            encoding="utf-8"),
    }
    from .fixes import write_atomic

    for path, text in files.items():
        # lexists: a dangling link counts as existing; with --force a link is
        # replaced by the file, never written through.
        if os.path.lexists(path) and not force:
            click.echo(f"medlint: {path} exists; left unchanged (use --force to overwrite)", err=True)
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            fail(f"cannot write {path}: it is a folder")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text, follow=False)
        except (FileExistsError, NotADirectoryError):
            fail(f"cannot write {path}: {path.parent} exists and is not a folder")
        except OSError as exc:
            fail(f"cannot write {path}: {exc.strerror or exc}")
        click.echo(f"wrote {path}")
        if path.name == "medlint.toml":
            found = "" if Path(folder).is_dir() else " (no such folder yet)"
            click.echo(f"medlint.toml lints the articles under {folder}/{found}: `include = {include}`, "
                       f"so the repository's README and docs are not linted as articles; edit `include` to change it")


# Folders that usually hold a site's articles, in the order `init` tries them.
CONTENT_FOLDERS = ("content", "articles", "posts", "docs")


def _content_folder() -> str:
    """The first of CONTENT_FOLDERS holding files the default include globs match, else "content"."""
    from .config import DEFAULT_INCLUDE
    from .globs import any_match

    for name in CONTENT_FOLDERS:
        if Path(name).is_dir() and any(any_match(DEFAULT_INCLUDE, p.name) for p in Path(name).rglob("*")):
            return name
    return "content"


STARTER_CONFIG = """\
# medlint configuration: https://pypi.org/project/medlint/ (see `medlint config --show FILE`)
# The articles: only this folder, so the repository's README.md and docs are not linted.
include = {include}
exclude = ["drafts"]
frontmatter-schema = "schemas/frontmatter.schema.json"
# claims = ["claims/*.yaml"]          # your team's claim registry

[rules.review-stale]
max_age_days = 365

[rules.readability-grade]
max_grade = 8

# Stricter reading level for articles written for patients:
[[overrides]]
frontmatter = {audience = "patient"}
rules = {readability-grade = {max_grade = 6}}
"""


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Built-in rules only.")
def rules_cmd(fmt: str, config_file: Path | None, isolated: bool) -> None:
    """List every rule: code, name, default severity, fixable, summary."""
    registry = _registry(config_file, isolated)
    rows = registry.sorted()
    if fmt == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": str(r.severity.value),
                                "fixable": r.fixable, "summary": r.summary, "origin": r.origin} for r in rows],
                              indent=2))
        return
    width = max(len(r.name) for r in rows)
    click.echo(f"{'CODE':<7} {'NAME':<{width}}  {'SEVERITY':<8} {'FIX':<3}  SUMMARY")
    for r in rows:
        click.echo(f"{r.code:<7} {r.name:<{width}}  {r.severity.value:<8} {'yes' if r.fixable else '-':<3}  {r.summary}")


@main.command()
@click.argument("rule")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file (its plugins' rules can be explained too).")
def explain(rule: str, config_file: Path | None) -> None:
    """Show a rule's full documentation (by name or code)."""
    from .docs import render_rule

    registry = _registry(config_file, False)
    name = registry.resolve(rule)
    if name is None:
        fail(registry.unknown_message(rule))
    click.echo(render_rule(registry.rules[name]))


@main.command("test-rules")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--quiet", "-q", is_flag=True, help="Only failures and the summary.")
def test_rules(paths: tuple[str, ...], quiet: bool) -> None:
    """Run the examples of YAML rules (files or folders): pass/fail per example, exit 1 on a failure."""
    from .declarative.examples import check_paths, report

    results = check_paths(paths)
    if not results:
        fail(f"no YAML rule files (*.yaml, *.yml) in {', '.join(paths)}")
    click.echo(report(results, quiet=quiet), nl=False)
    sys.exit(EXIT_OK if all(r.ok for r in results) else EXIT_FINDINGS)


@main.command("config")
@click.option("--show", "show", type=click.Path(path_type=Path), required=True, metavar="FILE",
              help="The article whose resolved settings to show.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Ignore all config files and plugins: show the defaults.")
def config_cmd(show: Path, config_file: Path | None, isolated: bool) -> None:
    """Show the settings that apply to one file, and where each came from."""
    import json

    from .config import ConfigError
    from .runner import RunOptions, Session

    try:
        session = Session(RunOptions(config_file=config_file, isolated=isolated))
        config = session.config_for(show)
        resolver = session.resolver_for(config)
    except ConfigError as exc:
        fail(str(exc))
    if not show.is_file():
        fail(f"{show}: no such file or folder")
    doc = session.open(show)  # its front matter decides which overrides apply
    frontmatter = getattr(doc, "data", {})
    settings, applied = resolver.rule_settings(config.relative(show), frontmatter)
    click.echo(f"file: {show}")
    click.echo(f"config: {config.label}")
    if len(config.files) > 1:
        click.echo(f"merged from: {', '.join(map(str, config.files))} (later files win)")
    if applied:
        click.echo(f"applied: {', '.join(applied)}")
    for key in ("include", "exclude", "select", "ignore", "claims", "rule-dirs", "plugins", "frontmatter-schema",
                "max-warnings", "cache-dir"):
        if key in config.data:
            click.echo(f"{key}: {json.dumps(config.data[key])}  ({config.source_of(key)})")
    click.echo("rules:")
    registry = session.registry_for(config)
    ignored = _front_matter_ignores(frontmatter, registry, show)
    for name in sorted(settings, key=lambda n: registry.rules[n].code):
        s = settings[name]
        state = s.severity.value if s.enabled else "off"
        opts = f" {json.dumps(s.options, default=str)}" if s.options else ""
        source = s.source
        if s.enabled and name in ignored:
            state, opts, source = f"ignored ({state})", "", f"{show} front matter `medlint.ignore`"
        click.echo(f"  {registry.rules[name].code} {name}: {state}{opts}  ({source})")


def _front_matter_ignores(frontmatter: Any, registry: Any, path: Path) -> set[str]:
    """The rules the article's front matter ``medlint: {ignore: [...]}`` suppresses for
    the whole file (as ``check`` honours it); a name that is no rule is warned about."""
    settings = frontmatter.get("medlint") if isinstance(frontmatter, dict) else None
    items = settings.get("ignore") if isinstance(settings, dict) else None
    found: set[str] = set()
    for item in items if isinstance(items, list) else ():
        name = registry.resolve(item) if isinstance(item, str) else None
        if name is None:
            click.echo(f"medlint: warning: {path}: front matter `medlint.ignore`: "
                       f"{registry.unknown_message(str(item))}", err=True)
        else:
            found.add(name)
    return found


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--conflicts", is_flag=True, help="Only the subject/effect groups whose claims conflict "
              "(within or across articles).")
@click.option("--subject", "subjects", multiple=True, metavar="NAME",
              help="Only claims about this subject (its id, the words as written, or a class it belongs to; "
              "repeatable).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="No config: the shipped lexicon only, no registry.")
def claims(paths: tuple[str, ...], fmt: str, conflicts: bool, subjects: tuple[str, ...], config_file: Path | None,
           isolated: bool) -> None:
    """Show the health claims medlint extracted from PATHS (files or folders), grouped by
    subject, relation and effect, with the claims each one contradicts."""
    import json

    from .config import ConfigError
    from .library import Libraries, claim_map
    from .pipeline import CheckError, CheckRequest, check as run_check
    from .reporters.text import visible
    from .runner import RunOptions, Session, Target

    options = RunOptions(config_file=config_file, isolated=isolated, keep_sources=False, claims=True)
    try:
        report = run_check(CheckRequest(paths=paths, options=options, library=False))
        lexicon = Libraries(Session(options)).lexicon(Target(paths[0], paths[0]))
    except (ConfigError, CheckError) as exc:
        fail(str(exc))
    for result in report.results:
        if result.unreadable:
            d = result.diagnostics[0]
            click.echo(f"medlint: {d.path}:{d.line}:{d.column}: {d.message}", err=True)
    groups = claim_map(report.results, lexicon)
    if subjects:
        wanted = {_subject_key(s) for s in subjects}
        groups = [g for g in groups if _subject_key(g.subject) in wanted
                  or any(_subject_key(c.subject_text) in wanted or wanted & {_subject_key(k) for k in c.classes}
                         for c, _ in g.claims)]
    if conflicts:
        groups = [g for g in groups if g.conflicting]
    if fmt == "json":
        rows = [{**claim.to_dict(), "conflicts": [{"path": o.path, "line": o.line, "column": o.column}
                                                  for o in others]}
                for g in groups for claim, others in g.claims]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not groups:
        click.echo(f"{', '.join(paths)}: no {'conflicting ' if conflicts else ''}claims found")
        return
    for g in groups:
        n = len(g.claims)
        mark = "  CONFLICT" if g.conflicting else ""
        click.echo(f"{g.subject} {g.relation} {g.effect} ({n} claim{'s' if n != 1 else ''}){mark}")
        for claim, others in g.claims:
            quals = ", ".join(f"{k}={v} ({claim.qualifier_sources.get(k, '?')})"
                              for k, v in sorted(claim.qualifiers.items()))
            click.echo(f"  {claim.path}:{claim.line}:{claim.column}  {claim.stance:<9} {claim.certainty:<9} "
                       f"{quals or '-'}")
            if claim.classes:
                click.echo(f"      class: {', '.join(claim.classes)}")
            click.echo(f"      {visible(claim.sentence)}")
            for other in others:
                click.echo(f"      contradicts {other.path}:{other.line}:{other.column}")
        click.echo("")


def _subject_key(name: str) -> str:
    return "_".join(name.lower().replace("-", " ").split())


def _registry(config_file: Path | None, isolated: bool):  # type: ignore[no-untyped-def]
    from .config import ConfigError
    from .runner import RunOptions, Session

    try:
        session = Session(RunOptions(config_file=config_file, isolated=isolated))
        registry = session.registry_for(session.config_for(Path.cwd() / "x"))
    except ConfigError as exc:
        fail(str(exc))
    for source, message in registry.load_errors:
        click.echo(f"medlint: warning: {source}: could not load rules: {message}", err=True)
    return registry
