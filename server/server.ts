/**
 * The IMS Tags language server: one context (handlers/context.ts) and the handlers that wire LSP to it,
 * in yaml-language-server's manner. Every answer is guarded, so a bug or bad input costs one answer,
 * never the server. The platform (Node or a web worker) comes in as the host.
 */
import type { Connection } from 'vscode-languageserver';
import type { ServerHost } from './host';
import { ServerContext } from './handlers/context';
import { registerDocuments, registerWorkspaceFiles } from './handlers/documents';
import { registerFeatures } from './handlers/features';
import { registerHttpRequests } from './handlers/httpRequests';
import { registerLifecycle } from './handlers/lifecycle';
import { registerNotifications } from './handlers/notifications';

/** Wires a connection to the language service; `host` is the platform (server/node/ or server/browser/). */
export function startServer(connection: Connection, host: ServerHost): void {
  const ctx = new ServerContext(connection, host);
  registerLifecycle(ctx);
  registerDocuments(ctx);
  registerWorkspaceFiles(ctx);
  registerNotifications(ctx);
  registerFeatures(ctx);
  registerHttpRequests(ctx);
  ctx.documents.listen(connection);
  connection.listen();
}
