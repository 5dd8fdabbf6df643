/**
 * Diagnostics are pushed (`textDocument/publishDiagnostics`), so clients without pull diagnostics get
 * them too. A burst of edits is coalesced into one run on the newest version; when the policies change,
 * every open `.http` document is checked again.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { HTTP_LANGUAGES } from './documentCache';

/**
 * Runs `fn` on the next turn of the event loop, after the messages already read. Node's `setTimeout(fn)`
 * waits at least 1 ms (the timers clamp 0 to 1), which was most of the time from an edit of a small
 * document to its diagnostics (1.8 ms at 17 KB); `setImmediate` runs right after the current batch of
 * input, which still coalesces the edits that arrived together. A web worker has no `setImmediate`.
 */
const nextTurn: (fn: () => void) => { cancel(): void } =
  typeof setImmediate === 'function'
    ? (fn) => {
        const handle = setImmediate(fn);
        return { cancel: () => clearImmediate(handle) };
      }
    : (fn) => {
        const handle = setTimeout(fn);
        return { cancel: () => clearTimeout(handle) };
      };

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, { cancel(): void }>();
  private revalidateTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly compute: (doc: TextDocument) => Diagnostic[],
  ) {}

  /** Validates on the next turn; a newer request for the same document replaces this one. */
  schedule(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.set(
      uri,
      nextTurn(() => {
        this.pending.delete(uri);
        const doc = this.documents.get(uri);
        if (doc) void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: this.compute(doc) });
      }),
    );
  }

  /** Every open .http document, once, shortly after the last policy change. */
  scheduleHttp(): void {
    if (this.revalidateTimer) clearTimeout(this.revalidateTimer);
    this.revalidateTimer = setTimeout(() => {
      this.revalidateTimer = undefined;
      for (const doc of this.documents.all()) if (HTTP_LANGUAGES.has(doc.languageId)) this.schedule(doc.uri);
    }, 20);
  }

  /** A closed document: nothing pending, and its diagnostics cleared. */
  clear(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
