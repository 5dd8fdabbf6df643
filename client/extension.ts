/**
 * The extension's entry point: it only wires parts together — the language client (policies and .http),
 * the connection (cloud or Sandbox), the IMS explorer and its commands, and "Send request".
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ConnectionManager } from './connection';
import { registerExplorerCommands } from './explorer/commands';
import { ImagesTree, type Node } from './explorer/tree';
import { log } from './log';
import { registerSendRequest } from './sendRequest';

/** What the extension hands to tests and other extensions. */
export interface ImsTagsApi {
  connections: ConnectionManager;
  tree: ImagesTree;
  /** Where the log files are written (tests search them for secrets). */
  logUri: vscode.Uri;
}

/** Owns the language client's lifecycle. */
class LanguageClientHost {
  private client?: LanguageClient;

  constructor(private readonly extension: vscode.ExtensionContext) {}

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Policies are recognised by content on the server; every other JSON file gets nothing back.
      documentSelector: [{ language: 'json' }, { language: 'jsonc' }, { language: 'http' }],
      synchronize: { configurationSection: 'imsTags' },
    };
    this.client = new LanguageClient('imsTags', 'IMS Tags & Policies', serverOptions, clientOptions);
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
    this.client = undefined;
  }
}

let host: LanguageClientHost | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ImsTagsApi> {
  const started = Date.now();
  const connections = new ConnectionManager(context.secrets, context.globalState);
  const tree = new ImagesTree(connections);
  const view = vscode.window.createTreeView<Node>('imsTags.images', { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  const setContext = () => void vscode.commands.executeCommand('setContext', 'imsTags.connected', connections.connection !== undefined);
  connections.onDidChange(setContext);
  setContext();
  context.subscriptions.push(connections, view, log());
  registerExplorerCommands(context, connections, tree, view);
  registerSendRequest(context, connections);
  host = new LanguageClientHost(context);
  context.subscriptions.push({ dispose: () => void host?.stop() });
  // The server starts in the background: activation does not wait for it.
  host.start().catch((e: Error) => log().error(`The language server did not start: ${e.message}`));
  log().info(`Activated in ${Date.now() - started} ms.`);
  return { connections, tree, logUri: context.logUri };
}

export async function deactivate(): Promise<void> {
  await host?.stop();
  host = undefined;
}
