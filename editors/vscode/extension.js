// The medlint extension: starts `medlint server` (Language Server Protocol over
// stdio) for Markdown and MDX files. Everything else (diagnostics, quick fixes,
// "fix all", suppressions, hovers, reloading the config) comes from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions(settings) {
  const [command, ...args] = settings.get("command", ["medlint", "server"]);
  return { command, args, transport: TransportKind.stdio };
}

function clientOptions(settings) {
  return {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "mdx" },
      { scheme: "file", pattern: "**/*.mdx" },
    ],
    initializationOptions: { debounceMs: settings.get("debounceMs", 15) },
  };
}

function activate(context) {
  const settings = vscode.workspace.getConfiguration("medlint");
  client = new LanguageClient("medlint", "medlint", serverOptions(settings), clientOptions(settings));
  context.subscriptions.push(client);
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `medlint: the server did not start (${error.message}). Install it with pip install 'medlint[lsp]', ` +
        "or set medlint.command to its full path."
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions, clientOptions };
