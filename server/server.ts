/**
 * The IMS Tags language server: wires LSP to the language service. Every handler is guarded, so a
 * bug or bad input costs one answer, never the server.
 */
import {
  CodeActionKind, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection,
  type CancellationToken, type CompletionList, type Connection, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { langOf } from '../core/catalogue';
import { DEFAULT_SETTINGS, getLanguageService, type LanguageSettings } from './languageService';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

function usage(): string {
  return [
    'ims-tags-language-server: the IMS Tags & Policies language server.',
    'Usage: ims-tags-language-server --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME)',
    'It serves IAM policy JSON (language ids json, jsonc) to any LSP client over the chosen transport.',
  ].join('\n');
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: LanguageSettings = { ...DEFAULT_SETTINGS };
  let pullConfiguration = false;
  const service = getLanguageService(() => settings);

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
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'ims-tags-language-server' },
    };
  });

  const applySettings = (raw: unknown): void => {
    const ims = (raw ?? {}) as { policy?: { inlayHints?: { enabled?: unknown } } };
    const enabled = ims.policy?.inlayHints?.enabled;
    settings = { ...settings, policyInlayHints: typeof enabled === 'boolean' ? enabled : DEFAULT_SETTINGS.policyInlayHints };
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

  connection.onInitialized(() => void refreshSettings());
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

  documents.onDidOpen((e) => validate(e.document.uri));
  documents.onDidChangeContent((e) => validate(e.document.uri));
  documents.onDidClose((e) => {
    const p = pending.get(e.document.uri);
    if (p) clearImmediate(p);
    pending.delete(e.document.uri);
    service.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
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
