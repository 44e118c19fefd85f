"""The README names only commands, options and formats that medlint has (doc drift)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from medlint.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _options(command: click.Command) -> set[str]:
    return {name for param in command.params for name in (*param.opts, *param.secondary_opts)}


def test_every_check_option_the_readme_lists_exists():
    paragraph = README.split("`check` options:", 1)[1].split("\n\n", 1)[0]
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", paragraph))
    assert len(named) >= 20, named
    assert named - _options(main.commands["check"]) == set()


def test_every_format_the_readme_lists_is_a_check_format():
    [listed] = re.findall(r"`--format ([a-z]+(?:\|[a-z]+)+)`", README)
    choice = next(p for p in main.commands["check"].params if p.name == "fmt").type
    assert set(listed.split("|")) == set(choice.choices)


def test_every_medlint_command_in_the_readme_exists():
    named = set(re.findall(r"`medlint ([a-z][a-z-]*)", README))
    assert {"check", "rules", "explain", "claims", "merge", "init"} <= named
    assert named - set(main.commands) == set()
