"""Security and reliability guarantees from the second attack pass (issue #19):
no network, no writes outside the project and cache, output escaping, hostile
reports and caches, exit codes. docs/limits.md states each one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

TODAY = "2026-11-25"
ARTICLE = ("---\ntitle: Iron\nauthor: A\nmedically_reviewed_by: Dr B\nlast_reviewed: 2026-01-01\n---\n"
           "# Iron\n\nIron is a mineral.\n")


def _no_network(monkeypatch) -> list[str]:
    calls: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            calls.append(name)
            raise OSError(f"medlint must not do this: {name}")
        return blocked

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return calls


def _invoke(args: list[str], **kwargs):
    return CliRunner().invoke(main, args, **kwargs)


# -- 2. no network: $ref in a front-matter schema ----------------------------------
@pytest.mark.parametrize("ref", ["http://127.0.0.1:9/schema.json", "https://example.com/s.json#/defs/x",
                                 "ftp://example.com/s.json"])
def test_remote_schema_ref_is_a_config_error_not_a_download(tmp_path, monkeypatch, ref):
    schema = {"type": "object", "properties": {"title": {"$ref": ref}}}
    (tmp_path / "fm.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('frontmatter-schema = "fm.schema.json"\n', encoding="utf-8")
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text(ARTICLE, encoding="utf-8")
    calls = _no_network(monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", ".", "--no-cache", "-j", "1", "--today", TODAY])
    assert calls == []
    assert result.exit_code == 2, result.output
    assert result.output.count("remote") == 1, result.output  # one config error, not one per file
    assert ref.split("#")[0] in result.output


def test_local_schema_refs_are_resolved(tmp_path, monkeypatch):
    (tmp_path / "defs.json").write_text(json.dumps({"$defs": {"short": {"type": "string", "maxLength": 3}}}),
                                        encoding="utf-8")
    schema = {"type": "object", "properties": {"title": {"$ref": "defs.json#/$defs/short"}}}
    (tmp_path / "fm.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "medlint.toml").write_text('frontmatter-schema = "fm.schema.json"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    calls = _no_network(monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = _invoke(["check", "a.md", "--no-cache", "--format", "json", "--today", TODAY, "--select", "ML101"])
    assert calls == []
    found = json.loads(result.output)
    assert [f["rule"] for f in found] == ["frontmatter-schema"], found
    assert "too long" in found[0]["message"]
