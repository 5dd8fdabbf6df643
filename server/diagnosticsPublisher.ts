/**
 * Diagnostics are pushed (`textDocument/publishDiagnostics`), so clients without pull diagnostics get
 * them too. A burst of edits is coalesced into one run on the newest version; when the policies change,
 * every open `.http` document is checked again.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { HTTP_LANGUAGES } from './documentCache';

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private revalidateTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly compute: (doc: TextDocument) => Diagnostic[],
  ) {}

  /** Validates on the next turn; a newer request for the same document replaces this one. */
  schedule(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous);
    this.pending.set(
      uri,
      // The next turn (a timer, as a web worker has no setImmediate).
      setTimeout(() => {
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
    const p = this.pending.get(uri);
    if (p) clearTimeout(p);
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
