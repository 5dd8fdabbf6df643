/**
 * The IMS Tags language server: wires LSP to the language service. Every handler is guarded, so a
 * bug or bad input costs one answer, never the server. Settings (settingsSync.ts), pushed diagnostics
 * (diagnosticsPublisher.ts) and the workspace's policies (policyIndex.ts) live in their own files.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CompletionList,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Range,
  type SemanticTokens,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IDENTITY_ACCESS_NOTIFICATION, isIdentityAccess, type IdentityAccess } from '../core/access/identityAccess';
import { langOf, type Lang } from '../core/catalogue';
import { WORKSPACE_TRUST_NOTIFICATION, isRestricted, type WorkspaceTrustParams } from '../core/protocol';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentCache, POLICY_LANGUAGES, TERRAFORM_LANGUAGES } from './documentCache';
import { loadHclParser, parseHcl } from './terraform/hclParser';
import type { HclParse } from './services/parsedTerraform';
import type { SyntaxNode } from '../core/terraform/syntax';
import { getLanguageService } from './languageService';
import { SHOW_DOCUMENT_COMMAND } from './services/httpCodeActions';
import { HTTP_SEMANTIC_LEGEND } from './services/httpSemanticTokens';
import { ENV_FILES, HttpEnvironments } from './httpEnvironments';
import type { ServerHost } from './host';
import { PolicyIndex } from './policyIndex';
import { SettingsSync } from './settingsSync';

const isVariableFile = (uri: string) => uri.endsWith('/.env') || ENV_FILES.some((f) => uri.endsWith(`/${f}`));

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
  foldingRangeProvider: { documentSelector: [{ language: 'http' }] },
  semanticTokensProvider: { documentSelector: [{ language: 'http' }], legend: HTTP_SEMANTIC_LEGEND, full: true },
};

/** Wires a connection to the language service; `host` is the platform (server/node/ or server/browser/). */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();
  const index = new PolicyIndex(documents, cache, host.files);
  const settings = new SettingsSync(connection);
  let lang: Lang = 'en';
  let client: InitializeParams['capabilities'] = {};
  let folders: string[] = [];
  let jsonSyntax = true;
  let identity: IdentityAccess | undefined;
  // Restricted Mode (an untrusted workspace) until the client says otherwise; see core/protocol.ts.
  let restricted = false;
  const environments = new HttpEnvironments(
    () => folders,
    () => settings.current.http.environment,
    () => settings.restClientEnvironments,
    {
      readNow: (uri, within) => host.files.readNow(uri, within),
      processEnv: (n) => host.processEnv(n),
      uuid: () => host.uuid(),
    },
    () => restricted,
  );
  const service = getLanguageService({
    httpVariables: (uri) => environments.forDocument(uri),
    cache,
    lang: () => lang,
    settings: () => settings.current,
    policies: () => index.sources(),
    jsonSyntax: () => jsonSyntax,
    identity: () => identity,
  });

  const guard = <T>(name: string, fallback: T, token: CancellationToken | undefined, f: () => T): T => {
    if (token?.isCancellationRequested) return fallback;
    try {
      return f();
    } catch (e) {
      connection.console.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
  const diagnostics = new DiagnosticsPublisher(connection, documents, (doc) =>
    guard('diagnostics', [], undefined, () => service.diagnostics(doc)),
  );
  // The environment or REST Client's environments changed: every .http document is checked again.
  settings.onChange = () => {
    environments.invalidate();
    diagnostics.scheduleHttp();
  };
  const policiesChanged = (): void => {
    index.invalidate();
    diagnostics.scheduleHttp();
  };

  let initializationOptions: unknown;
  connection.onInitialize((params): InitializeResult => {
    initializationOptions = params.initializationOptions;
    restricted = isRestricted(params.initializationOptions);
    lang = langOf(params.locale);
    // VS Code's JSON support reports syntax errors; other clients get them from us.
    jsonSyntax =
      (params.initializationOptions as { jsonSyntaxDiagnostics?: unknown } | undefined)?.jsonSyntaxDiagnostics !== false;
    client = params.capabilities;
    settings.pull = client.workspace?.configuration === true;
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return { capabilities: CAPABILITIES, serverInfo: { name: 'ims-tags-language-server' } };
  });

  connection.onInitialized(() => {
    void settings.refresh();
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{json,jsonc,tf}' }, { globPattern: '**/.env' }],
      });
    }
    void indexWorkspace();
  });

  /**
   * The HCL parser (WASM) loads once, and only when Terraform is there: a .tf document opened, or .tf
   * files found in the workspace. Compiling it costs the first diagnostics of everyone else otherwise.
   */
  let terraformLoaded: Promise<void> | undefined;
  const needTerraform = (): Promise<void> => (terraformLoaded ??= loadTerraform());
  const loadTerraform = async (): Promise<void> => {
    try {
      await loadHclParser(
        (file) => host.locateWasm(file, initializationOptions),
        () => host.loadTreeSitter(initializationOptions),
      );
      // The cache hands parseHcl back only trees that parseHcl made.
      cache.parseHcl = parseHcl as HclParse<{ root: SyntaxNode }>;
      await index.readPendingTerraform();
      policiesChanged();
      for (const doc of documents.all()) if (TERRAFORM_LANGUAGES.has(doc.languageId)) diagnostics.schedule(doc.uri);
    } catch (e) {
      connection.console.error(
        `The HCL parser did not load, so Terraform files are not read: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };

  /** Reads the policy files of the workspace folders, with progress where the client shows it. */
  const indexWorkspace = async (): Promise<void> => {
    if (folders.length === 0) return;
    const progress = client.window?.workDoneProgress
      ? await connection.window.createWorkDoneProgress().catch(() => undefined)
      : undefined;
    progress?.begin('IMS: indexing IAM policies', 0, 'reading policy files', true);
    const started = Date.now();
    try {
      const found = await index.scan(
        folders,
        (done) => progress?.report(`${done} JSON files read`),
        () => progress?.token.isCancellationRequested ?? false,
      );
      connection.console.info(
        `Indexed ${found} policy file(s) among ${index.scannedFiles} JSON file(s) in ${Date.now() - started} ms.`,
      );
    } catch (e) {
      connection.console.error(`Policy indexing failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      progress?.done();
    }
    policiesChanged();
    if (index.hasPendingTerraform()) void needTerraform();
  };

  // The VS Code client says whose permissions the connection has; .http verdicts include them.
  connection.onNotification(IDENTITY_ACCESS_NOTIFICATION, (p: unknown) => {
    identity = isIdentityAccess(p) ? p : undefined;
    diagnostics.scheduleHttp();
  });

  // Trust granted (or, from another client, withdrawn): $processEnv and $dotenv are read, or no longer.
  connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: WorkspaceTrustParams) => {
    restricted = isRestricted(p);
    environments.invalidate();
    diagnostics.scheduleHttp();
  });

  connection.onDidChangeWatchedFiles(async (change) => {
    for (const c of change.changes) {
      if (isVariableFile(c.uri)) environments.invalidate(c.uri);
      if (!c.uri.endsWith('/.env')) await index.fileChanged(c.uri);
    }
    policiesChanged();
    if (index.hasPendingTerraform()) void needTerraform();
  });

  const collectWhenIdle = (): void => host.documentsChanged();
  const changed = (doc: TextDocument): void => {
    if (TERRAFORM_LANGUAGES.has(doc.languageId)) void needTerraform();
    collectWhenIdle();
    diagnostics.schedule(doc.uri);
    if (POLICY_LANGUAGES.has(doc.languageId) || TERRAFORM_LANGUAGES.has(doc.languageId)) policiesChanged();
  };
  documents.onDidOpen((e) => changed(e.document));
  documents.onDidChangeContent((e) => changed(e.document));
  documents.onDidClose((e) => {
    diagnostics.clear(e.document.uri);
    service.forget(e.document.uri);
    collectWhenIdle();
    // A closed policy falls back to its disk version.
    if (POLICY_LANGUAGES.has(e.document.languageId) || TERRAFORM_LANGUAGES.has(e.document.languageId))
      void index.fileChanged(e.document.uri).then(policiesChanged);
  });

  const empty: CompletionList = { isIncomplete: false, items: [] };
  /** A Terraform document is answered once the HCL parser is loaded (a request that comes first waits for it). */
  const ready = async (uri: string): Promise<TextDocument | undefined> => {
    const doc = documents.get(uri);
    if (doc && TERRAFORM_LANGUAGES.has(doc.languageId)) await needTerraform().catch(() => undefined);
    return documents.get(uri);
  };
  connection.onCompletion(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    return doc ? guard('completion', empty, token, () => service.complete(doc, p.position)) : empty;
  });
  connection.onHover(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    return doc ? guard('hover', null, token, () => service.hover(doc, p.position)) : null;
  });
  connection.onCodeAction(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    return doc ? guard('codeAction', [], token, () => service.codeActions(doc, p.context.diagnostics)) : [];
  });
  // A quick fix that edits another file shows it (window/showDocument) where the client can.
  connection.onExecuteCommand(async (p) => {
    if (p.command !== SHOW_DOCUMENT_COMMAND || !client.window?.showDocument?.support) return;
    const [uri, selection] = (p.arguments ?? []) as [string, Range | undefined];
    if (typeof uri === 'string') await connection.window.showDocument({ uri, takeFocus: true, selection }).catch(() => undefined);
  });
  connection.onDefinition((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('definition', null, token, () => service.definition(doc, p.position)) : null;
  });
  connection.onDocumentSymbol((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('documentSymbol', null, token, () => service.documentSymbols(doc)) : null;
  });
  connection.onFoldingRanges((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('foldingRange', null, token, () => service.foldingRanges(doc)) : null;
  });
  connection.languages.semanticTokens.on((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    const none: SemanticTokens = { data: [] };
    return doc ? guard('semanticTokens', none, token, () => service.semanticTokens(doc)) : none;
  });
  connection.languages.inlayHint.on(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    return doc ? guard('inlayHint', [], token, () => service.inlayHints(doc, p.range)) : [];
  });

  // The browser host is sent the workspace's files by the client: a change is read like a file event.
  host.attach?.(connection, (uris) => {
    void (async () => {
      for (const uri of uris) {
        if (isVariableFile(uri)) environments.invalidate(uri);
        if (!uri.endsWith('/.env')) await index.fileChanged(uri);
      }
      policiesChanged();
      if (index.hasPendingTerraform()) void needTerraform();
    })();
  });

  documents.listen(connection);
  connection.listen();
}
