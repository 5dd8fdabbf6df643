/**
 * What the extension shows but nobody edits in place — responses of Send IMS request, cloud copies for
 * Compare, reports (policy checks, the catalogue against the cloud), drafts (least privilege, "Create
 * policy") — as read-only documents of
 * one scheme: nothing asks to be saved, nothing is left dirty. Their language is the name's (`.json`,
 * `.md`, `.tf`), so the language server checks a draft as it checks a file.
 */
import * as vscode from 'vscode';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'ims-tags-view';
  private readonly texts = new Map<string, string>();
  private counter = 0;

  /** A new read-only document holding `text`, named `name` (a file name: its extension sets the language). */
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ReadOnlyDocuments.scheme, path: `/${++this.counter}/${name}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  /** Adds and shows it (as a preview tab beside nothing, in the active group). */
  async show(name: string, text: string): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(this.add(name, text));
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** The one instance: registered by the context (context.ts), used by the commands that show documents. */
export const readOnlyDocuments = new ReadOnlyDocuments();
