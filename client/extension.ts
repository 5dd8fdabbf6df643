/**
 * The extension's entry point: it only wires parts together. The context object owns the connection,
 * the explorer, the language client and "Send request"; the commands are in `commands/`.
 */
import type * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { Ctx } from './context';
import type { ConnectionManager } from './connection';
import type { ImagesTree } from './explorer/tree';
import type { LiveDocuments } from './policies/liveDocuments';
import type { PoliciesTree } from './policies/tree';
import { explainFailure } from './failures';
import { log } from './log';
import { registerSendRequest } from './sendRequest';

/** What the extension hands to tests and other extensions. */
export interface ImsTagsApi {
  connections: ConnectionManager;
  tree: ImagesTree;
  /** The Policies view and the live policy documents (their questions can be answered by tests). */
  policies: PoliciesTree;
  liveDocuments: LiveDocuments;
  /** Where the log files are written (tests search them for secrets). */
  logUri: vscode.Uri;
}

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ImsTagsApi> {
  const started = Date.now();
  ctx = new Ctx(context);
  ctx.registerCommands(COMMANDS, explainFailure);
  registerSendRequest(ctx, explainFailure);
  ctx.startLanguageClient();
  log().info(`Activated in ${Date.now() - started} ms.`);
  return {
    connections: ctx.connections,
    tree: ctx.tree,
    policies: ctx.policies,
    liveDocuments: ctx.liveDocuments,
    logUri: context.logUri,
  };
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
