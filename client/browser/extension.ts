/**
 * The extension in VS Code for the web (the `browser` entry, `dist/extension.web.js`): the language
 * features for policy JSON, .http and Terraform, served by the same language server running in a web
 * worker (`dist/server.web.js`). What needs Node or the network — the IMS explorer, the Policies view,
 * Send, the Sandbox — is not there: from a browser page, requests to Huawei Cloud are blocked by CORS
 * and the Sandbox needs a local server; the IMS view says so in one sentence (package.json, `imsTags.web`).
 */
import * as vscode from 'vscode';
import { LanguageClient, type ServerOptions } from 'vscode-languageclient/browser';
import { chooseHttpEnvironment, environmentStatusBar } from '../httpEnvironment';
import { sendWorkspaceFiles } from './workspaceFiles';
import {
  SERVED_LANGUAGES,
  SETTING_SECTIONS,
  WORKSPACE_TRUST_NOTIFICATION,
  type AskServer,
  type InitializationOptions,
} from '../../core/protocol';

let client: LanguageClient | undefined;

// The web worker host's Worker (the DOM library is not among this project's type libraries).
declare const Worker: new (url: string) => ServerOptions;

/** A URL the worker can load: the host rewrites vscode-remote: URIs for fetch, not for Worker. */
async function fetchableUrl(uri: vscode.Uri): Promise<string> {
  return (await fetch(uri.toString(true))).url;
}

export async function activate(context: vscode.ExtensionContext): Promise<{ activationMs: number }> {
  const started = Date.now();
  await vscode.commands.executeCommand('setContext', 'imsTags.web', true);
  const dist = (file: string) => vscode.Uri.joinPath(context.extensionUri, 'dist', file);
  const [serverUrl, treeSitterScript, runtime, grammar] = await Promise.all(
    ['server.web.js', 'tree-sitter.web.js', 'web-tree-sitter.wasm', 'tree-sitter-terraform.wasm'].map((f) =>
      fetchableUrl(dist(f)),
    ),
  );
  client = new LanguageClient('imsTags', 'IMS Tags & Policies', new Worker(serverUrl), {
    documentSelector: SERVED_LANGUAGES.map((language) => ({ language })),
    synchronize: { configurationSection: [...SETTING_SECTIONS] },
    // No Send in the browser (CORS), so no Send lenses.
    initializationOptions: {
      jsonSyntaxDiagnostics: false,
      workspaceTrusted: vscode.workspace.isTrusted,
      wasm: { 'web-tree-sitter.wasm': runtime, 'tree-sitter-terraform.wasm': grammar },
      treeSitterScript,
      // As on the desktop: .tf coloured by the server unless HashiCorp's extension is there.
      terraformTokens: vscode.extensions.getExtension('hashicorp.terraform') === undefined,
    } satisfies InitializationOptions,
    outputChannel: vscode.window.createOutputChannel('IMS Tags & Policies', { log: true }),
  });
  await client.start();
  const running = client;
  const ask: AskServer = (method, params) => running.sendRequest(method, params);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true }).catch(() => undefined);
    }),
    await sendWorkspaceFiles(client),
    environmentStatusBar(),
    vscode.commands.registerCommand('imsTags.selectHttpEnvironment', (name?: string) => chooseHttpEnvironment(ask, name)),
  );
  const activationMs = Date.now() - started;
  // The page's console shows it as "[Extension Host] …": the browser-host tests and the benchmark read it.
  console.log(`IMS Tags & Policies: web worker host, language server started in ${activationMs} ms`);
  return { activationMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
