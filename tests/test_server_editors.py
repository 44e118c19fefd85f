"""The editor set-up we ship: the VS Code extension's manifest and its start-up code,
and the snippets in docs/editors.md, all naming a command that exists."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
VSCODE = ROOT / "editors" / "vscode"

# Runs extension.js under node with `vscode` and `vscode-languageclient/node`
# replaced by recorders, and prints what activate() asked for.
HARNESS = r"""
const Module = require("module");
const calls = [];
const stubs = {
  vscode: {
    workspace: { getConfiguration: (section) => ({ get: (key, fallback) => fallback }) },
    window: { showErrorMessage: (message) => calls.push({ error: message }) },
  },
  "vscode-languageclient/node": {
    TransportKind: { stdio: "stdio" },
    LanguageClient: class {
      constructor(id, name, server, client) { calls.push({ id, name, server, client }); }
      start() { return Promise.resolve(); }
      stop() { return Promise.resolve(); }
      dispose() {}
    },
  },
};
const load = Module._load;
Module._load = function (request) {
  return request in stubs ? stubs[request] : load.apply(this, arguments);
};
const extension = require(process.argv[1]);
const context = { subscriptions: [] };
Promise.resolve(extension.activate(context)).then(() => {
  console.log(JSON.stringify({ calls, subscriptions: context.subscriptions.length,
                               deactivate: typeof extension.deactivate }));
});
"""


def manifest() -> dict:
    return json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))


def test_the_manifest_activates_on_markdown_and_starts_medlint_server():
    data = manifest()
    for key in ("name", "displayName", "description", "version", "publisher", "engines", "main"):
        assert data.get(key), key
    assert {"onLanguage:markdown", "onLanguage:mdx"} <= set(data["activationEvents"])
    assert (VSCODE / data["main"]).is_file()
    assert data["dependencies"]["vscode-languageclient"].startswith("^9.")
    assert data["engines"]["vscode"] == "^1.82.0"  # what vscode-languageclient 9 requires
    settings = data["contributes"]["configuration"]["properties"]
    assert settings["medlint.command"]["default"] == ["medlint", "server"]
    assert CliRunner().invoke(main, settings["medlint.command"]["default"][1:] + ["--help"]).exit_code == 0


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_activate_starts_the_server_over_stdio_for_markdown():
    done = subprocess.run(["node", "-e", HARNESS, str(VSCODE / "extension.js")], capture_output=True, text=True,
                          timeout=60, check=True)
    result = json.loads(done.stdout)
    [client] = result["calls"]
    assert client["id"] == "medlint"
    assert client["server"] == {"command": "medlint", "args": ["server"], "transport": "stdio"}
    languages = {s.get("language") for s in client["client"]["documentSelector"]}
    assert {"markdown", "mdx"} <= languages
    assert client["client"]["initializationOptions"] == {"debounceMs": 15}
    assert result["subscriptions"] == 1 and result["deactivate"] == "function"


def test_the_editor_docs_start_the_real_command():
    docs = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    for editor in ("VS Code", "Neovim", "Helix", "Zed"):
        assert f"## {editor}" in docs
    assert "vim.lsp.start" in docs and "[language-server.medlint]" in docs
    # Every command a snippet runs is `medlint server`.
    commands = re.findall(r"""["']medlint["'],\s*(?:args\s*=\s*\[\s*)?["'](\w+)["']""", docs)
    assert commands and set(commands) == {"server"}
