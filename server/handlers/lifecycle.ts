/**
 * Initialize and initialized: what the server offers, what the client said (core/protocol.ts
 * InitializationOptions), then settings, file watching and the first read of the workspace's policies,
 * with progress where the client shows it.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver';
import { langOf } from '../../core/catalogue';
import { LANGUAGES, SHOW_DOCUMENT_COMMAND, isRestricted, readInitializationOptions } from '../../core/protocol';
import { SEMANTIC_LEGEND } from '../services/semanticTokens';
import type { ServerContext } from './context';

const httpOnly = LANGUAGES.http.map((language) => ({ language }));

const CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  completionProvider: { triggerCharacters: ['"', ':', '/', '{'] },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  inlayHintProvider: true,
  executeCommandProvider: { commands: [SHOW_DOCUMENT_COMMAND] },
  definitionProvider: true,
  documentSymbolProvider: true,
  // .http only: JSON documents keep VS Code's own folding and highlighting.
  foldingRangeProvider: { documentSelector: httpOnly },
  semanticTokensProvider: { documentSelector: httpOnly, legend: SEMANTIC_LEGEND, full: true },
  // Send lenses, for clients that run imsTags.sendRequest (InitializationOptions.sendLenses).
  codeLensProvider: { resolveProvider: false },
};

export function registerLifecycle(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onInitialize((params): InitializeResult => {
    ctx.options = readInitializationOptions(params.initializationOptions);
    ctx.restricted = isRestricted(ctx.options);
    ctx.lang = langOf(params.locale);
    ctx.capabilities = params.capabilities;
    ctx.settings.pull = params.capabilities.workspace?.configuration === true;
    ctx.folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // .tf too, for a client that has no colouring of its own for it (InitializationOptions.terraformTokens).
    const capabilities = ctx.options.terraformTokens
      ? {
          ...CAPABILITIES,
          semanticTokensProvider: {
            documentSelector: [...httpOnly, ...LANGUAGES.terraform.map((language) => ({ language }))],
            legend: SEMANTIC_LEGEND,
            full: true,
          },
        }
      : CAPABILITIES;
    return { capabilities, serverInfo: { name: 'ims-tags-language-server' } };
  });

  connection.onInitialized(() => {
    void ctx.settings.refresh();
    if (ctx.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{json,jsonc,tf}' }, { globPattern: '**/{.env,.env.*,*.env}' }],
      });
    }
    void indexWorkspace(ctx);
  });
}

/** Reads the policy files of the workspace folders, with progress (and Cancel) where the client shows it. */
async function indexWorkspace(ctx: ServerContext): Promise<void> {
  const { connection, index } = ctx;
  if (ctx.folders.length === 0) return;
  const progress = ctx.capabilities.window?.workDoneProgress
    ? await connection.window.createWorkDoneProgress().catch(() => undefined)
    : undefined;
  progress?.begin('IMS: indexing IAM policies', 0, 'reading policy files', true);
  const started = Date.now();
  try {
    const found = await index.scan(
      ctx.folders,
      (done) => progress?.report(`${done} JSON files read`),
      () => progress?.token.isCancellationRequested ?? false,
    );
    const tf = index.scannedTerraform;
    const waiting = index.pendingTerraformFiles;
    connection.console.info(
      `Indexed ${found} policy file(s) among ${index.scannedFiles - tf} JSON file(s)${tf ? ` and ${tf} Terraform file(s)` : ''} in ${Date.now() - started} ms` +
        `${waiting ? `; ${waiting} Terraform file(s) wait for the HCL parser` : ''}.`,
    );
  } catch (e) {
    connection.console.error(`Policy indexing failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    progress?.done();
  }
  ctx.policiesChanged();
  ctx.terraform.loadIfPending();
}
