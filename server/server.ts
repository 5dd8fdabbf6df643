/**
 * The IMS Tags language server: wires LSP to the language service. Every handler is guarded, so a
 * bug or bad input costs one answer, never the server.
 */
import {
  CodeActionKind, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection,
  type CancellationToken, type CompletionList, type Connection, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { langOf } from '../core/catalogue';
import { DEFAULT_SETTINGS, HTTP_LANGUAGES, POLICY_LANGUAGES, getLanguageService, type LanguageSettings } from './languageService';
import { PolicyIndex } from './policyIndex';

/**
 * A full garbage collection once the server has been idle for a second after documents changed: a
 * parse of a large document leaves megabytes of short-lived objects, and V8 otherwise keeps the heap
 * it grew for them. Exposed at run time, since the server is started by clients we do not control.
 */
function idleCollector(): () => void {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    return () => undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      gc?.();
      // A second pass frees what the first one's finalizers released.
      setTimeout(() => gc?.(), 200).unref();
    }, 1000);
    timer.unref();
  };
}

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

function usage(): string {
  return [
    'ims-tags-language-server: the IMS Tags & Policies language server.',
    'Usage: ims-tags-language-server --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME)',
    'It serves IAM policy JSON (language ids json, jsonc) and IMS requests in .http files (language id http)',
    'to any LSP client over the chosen transport, and reads the policy files of the workspace folders.',
  ].join('\n');
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: LanguageSettings = { ...DEFAULT_SETTINGS };
  let pullConfiguration = false;
  let watchFilesDynamically = false;
  let progressSupported = false;
  let folders: string[] = [];
  // The index is created after the service: the service asks it for policies lazily.
  let index: PolicyIndex | undefined;
  const service = getLanguageService({ settings: () => settings, policies: () => index?.sources() ?? [] });
  index = new PolicyIndex(documents, service);

  const guard = <T>(name: string, fallback: T, token: CancellationToken | undefined, f: () => T): T => {
    if (token?.isCancellationRequested) return fallback;
    try {
      return f();
    } catch (e) {
      connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };

  connection.onInitialize((params): InitializeResult => {
    settings = { ...settings, lang: langOf(params.locale) };
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    watchFilesDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    progressSupported = params.capabilities.window?.workDoneProgress === true;
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', '/', '{'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'ims-tags-language-server' },
    };
  });

  const applySettings = (raw: unknown): void => {
    type Flag = { inlayHints?: { enabled?: unknown } };
    const ims = (raw ?? {}) as { policy?: Flag; http?: Flag };
    const flag = (f: Flag | undefined, fallback: boolean) => (typeof f?.inlayHints?.enabled === 'boolean' ? f.inlayHints.enabled : fallback);
    settings = {
      ...settings,
      policyInlayHints: flag(ims.policy, DEFAULT_SETTINGS.policyInlayHints),
      httpInlayHints: flag(ims.http, DEFAULT_SETTINGS.httpInlayHints),
    };
    connection.languages.inlayHint.refresh().catch(() => undefined);
  };

  const refreshSettings = async (): Promise<void> => {
    if (!pullConfiguration) return;
    try {
      applySettings(await connection.workspace.getConfiguration('imsTags'));
    } catch {
      // A client that cannot answer keeps the defaults.
    }
  };

  connection.onInitialized(() => {
    void refreshSettings();
    if (watchFilesDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{json,jsonc}' }] });
    }
    void indexWorkspace();
  });

  /** Reads the policy files of the workspace folders, with progress where the client shows it. */
  const indexWorkspace = async (): Promise<void> => {
    if (folders.length === 0) return;
    const progress = progressSupported ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('IMS: indexing IAM policies', 0, 'reading policy files', true);
    const started = Date.now();
    try {
      const found = await index!.scan(folders, (done) => progress?.report(`${done} JSON files read`), () => progress?.token.isCancellationRequested ?? false);
      connection.console.info(`Indexed ${found} policy file(s) among ${index!.scannedFiles} JSON file(s) in ${Date.now() - started} ms.`);
    } catch (e) {
      connection.console.error(`Policy indexing failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      progress?.done();
    }
    revalidateHttp();
  };

  connection.onDidChangeWatchedFiles(async (change) => {
    for (const c of change.changes) await index!.fileChanged(c.uri);
    revalidateHttp();
  });
  connection.onDidChangeConfiguration((change) => {
    if (pullConfiguration) void refreshSettings();
    else applySettings((change.settings as { imsTags?: unknown } | undefined)?.imsTags);
  });

  // Diagnostics are pushed; a burst of edits is coalesced into one run on the newest version.
  const pending = new Map<string, NodeJS.Immediate>();
  const validate = (uri: string): void => {
    const previous = pending.get(uri);
    if (previous) clearImmediate(previous);
    pending.set(uri, setImmediate(() => {
      pending.delete(uri);
      const doc = documents.get(uri);
      if (!doc) return;
      const diagnostics = guard('diagnostics', [], undefined, () => service.diagnostics(doc));
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    }));
  };

  /** Policies changed: every open .http document gets its permission check again (coalesced). */
  let revalidateTimer: NodeJS.Timeout | undefined;
  const revalidateHttp = (): void => {
    index!.invalidate();
    if (revalidateTimer) clearTimeout(revalidateTimer);
    revalidateTimer = setTimeout(() => {
      revalidateTimer = undefined;
      for (const doc of documents.all()) if (HTTP_LANGUAGES.has(doc.languageId)) validate(doc.uri);
    }, 20);
  };
  const collectWhenIdle = idleCollector();
  const changed = (doc: TextDocument): void => {
    collectWhenIdle();
    validate(doc.uri);
    if (POLICY_LANGUAGES.has(doc.languageId)) revalidateHttp();
  };

  documents.onDidOpen((e) => changed(e.document));
  documents.onDidChangeContent((e) => changed(e.document));
  documents.onDidClose((e) => {
    const p = pending.get(e.document.uri);
    if (p) clearImmediate(p);
    pending.delete(e.document.uri);
    service.forget(e.document.uri);
    collectWhenIdle();
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    // A closed policy falls back to its disk version.
    if (POLICY_LANGUAGES.has(e.document.languageId)) void index!.fileChanged(e.document.uri).then(revalidateHttp);
  });

  const empty: CompletionList = { isIncomplete: false, items: [] };
  connection.onCompletion((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('completion', empty, token, () => service.complete(doc, p.position)) : empty;
  });
  connection.onHover((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('hover', null, token, () => service.hover(doc, p.position)) : null;
  });
  connection.onCodeAction((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('codeAction', [], token, () => service.codeActions(doc, p.context.diagnostics)) : [];
  });
  connection.languages.inlayHint.on((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? guard('inlayHint', [], token, () => service.inlayHints(doc, p.range)) : [];
  });

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h') || !args.some((a) => TRANSPORT_FLAGS.some((f) => a.startsWith(f)))) {
    const asked = args.includes('--help') || args.includes('-h');
    (asked ? process.stdout : process.stderr).write(`${usage()}\n`);
    process.exit(asked ? 0 : 2);
  }
  startServer(createConnection(ProposedFeatures.all));
}
