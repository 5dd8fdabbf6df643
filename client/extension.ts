/**
 * The extension's entry point: it only wires parts together. The context object owns the connection,
 * the explorer, the language client and "Send request"; the commands are in `commands/`.
 */
import * as vscode from 'vscode';
import type { IdentityAccessTracker } from './access';
import type { TagChangeGuard } from './imageAccess/confirm';
import type { WhoCanTree } from './imageAccess/whoCanTree';
import { COMMANDS } from './commands';
import { Ctx } from './context';
import { SupersededConnection, type ConnectionManager } from './connection';
import type { ImagesTree } from './explorer/tree';
import type { LiveDocuments } from './policies/liveDocuments';
import type { PoliciesTree } from './policies/tree';
import type { MyPermissionsTree } from './policies/myPermissionsTree';
import { explainFailure } from './failures';
import { log } from './log';
import { registerSendRequest } from './sendRequest';
import { environmentStatusBar } from './httpEnvironment';
import { settings } from './settings';

/** What the extension hands to tests and other extensions. */
export interface ImsTagsApi {
  connections: ConnectionManager;
  tree: ImagesTree;
  /** The Policies view and the live policy documents (their questions can be answered by tests). */
  policies: PoliciesTree;
  /** The My permissions view. */
  myPermissions: MyPermissionsTree;
  liveDocuments: LiveDocuments;
  /** The connected identity's effective permissions (refresh() reads IAM again). */
  access: IdentityAccessTracker;
  /** The confirmation of tag writes with the access they move (its question can be answered by tests). */
  tagChanges: TagChangeGuard;
  /** Who may do what on images, and "view as" a user. */
  whoCan: WhoCanTree;
  /** Where the log files are written (tests search them for secrets). */
  logUri: vscode.Uri;
}

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ImsTagsApi> {
  const started = Date.now();
  const c = (ctx = new Ctx(context));
  const onError = (e: unknown) => explainFailure(e, c.access);
  c.registerCommands(COMMANDS, onError);
  registerSendRequest(c, onError);
  c.push(environmentStatusBar());
  c.startLanguageClient();
  reconnect(c);
  log().info(`Activated in ${Date.now() - started} ms.`);
  return {
    connections: c.connections,
    tree: c.tree,
    policies: c.policies,
    myPermissions: c.myPermissions,
    liveDocuments: c.liveDocuments,
    access: c.access,
    tagChanges: c.tagChanges,
    whoCan: c.whoCan,
    logUri: context.logUri,
  };
}

/**
 * A reload or a new window connects again as the last time (imsTags.connection.reconnect), quietly: a
 * failure is logged, not shown — the person did not ask. In Restricted Mode, once the workspace is trusted.
 */
function reconnect(c: Ctx): void {
  const restore = () => {
    if (!settings().connection.reconnect) return;
    void c.connections.restore().then(
      (restored) => restored && log().info(`Connected again as the last time: ${restored.endpoint}.`),
      (e: Error) => e instanceof SupersededConnection || log().info(`Not connected again as the last time: ${e.message}`),
    );
  };
  if (vscode.workspace.isTrusted) restore();
  else c.push(vscode.workspace.onDidGrantWorkspaceTrust(restore));
}

export async function deactivate(): Promise<void> {
  await ctx?.dispose();
  ctx = undefined;
}
