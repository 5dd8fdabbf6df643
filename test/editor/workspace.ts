/** Helpers of the in-editor suite: files of the test workspace, opening them, our diagnostics. */
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImsTagsApi } from '../../client/extension';

export const EXTENSION_ID = 'ims-tags.ims-tags-policies';

/** The extension's API (activating it if needed). */
export async function api(): Promise<ImsTagsApi> {
  const ext = vscode.extensions.getExtension<ImsTagsApi>(EXTENSION_ID)!;
  return ext.isActive ? ext.exports : ext.activate();
}

/** What a test's Sandbox holds: the seed of its account and images, how many images, IAM's policy file. */
export type SandboxOptions = { seed: number; images: number; policyFile?: string };

/**
 * A Sandbox of its own for the test that asks: opened afresh, so no test reads the images, tags or IAM
 * data another left behind (each test passes alone and in any order: scripts/test-in-editor.mjs --each,
 * --shuffle). It replaces whatever connection a test left (connecting disconnects the last one first).
 */
export async function sandbox(options: SandboxOptions = { seed: 8, images: 3 }) {
  const a = await api();
  await vscode.commands.executeCommand('imsTags.openSandbox', options);
  const c = a.connections.connection;
  assert.ok(c?.kind === 'sandbox', 'the Sandbox is open');
  return { a, store: c.emulator.store, c };
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/**
 * Opens a file of the test workspace as shipped in test/fixtures/workspace (on disk and in its editor):
 * an edit another test left, saved or not, never decides what this one sees.
 */
export async function open(name: string): Promise<vscode.TextDocument> {
  const shipped = join(__dirname, '../../../test/fixtures/workspace', name);
  if (existsSync(shipped)) await restoreWorkspaceFile(workspaceFile(name), readFileSync(shipped, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/**
 * Puts a workspace file back as it was, on disk and in its editor. A revert alone is not enough: with
 * code-server's defaults auto-save is on, so an edit a test made may already be on disk (that made
 * policy.json of the later suites grant update, intermittently).
 */
export async function restoreWorkspaceFile(uri: vscode.Uri, original: string): Promise<void> {
  // Through the document, then saved: its text and the disk are the original at once (a write behind the
  // editor's back would reach the document only when the file watcher reloads it, later).
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() !== original) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    assert.ok(await vscode.workspace.applyEdit(edit), `${uri.path} is restored`);
  }
  if (doc.isDirty) assert.ok(await doc.save(), `${uri.path} is saved as it was`);
  assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), original);
}

/**
 * Reverts every unsaved workspace file, each in its own editor: a test that turns auto-save on must not
 * write another test's leftover edit to disk (that made policy.json of the later suites grant update).
 */
export async function revertDirtyWorkspaceFiles(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}

/** What a document has, for a failure's message: its address, language, version and every diagnostic. */
export function diagnosticsNow(doc: vscode.TextDocument): string {
  const all = vscode.languages.getDiagnostics(doc.uri).map((d) => `${d.source}/${String(d.code)}: ${d.message.slice(0, 80)}`);
  const open = vscode.workspace.textDocuments.map((d) => `${d.uri.toString()} (${d.languageId})`);
  return `${doc.uri.toString()} (${doc.languageId}, version ${doc.version}, ${doc.isClosed ? 'closed' : 'open'}) has [${all.join('; ')}]; open: ${open.join(', ')}`;
}

/** Diagnostics of this extension (source ims-tags) for a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ims-tags');
}

export function labelOf(item: vscode.CompletionItem | vscode.InlayHint): string {
  const l = item.label;
  return typeof l === 'string' ? l : Array.isArray(l) ? l.map((p) => p.value).join('') : l.label;
}

/** Polls the quick fixes at a diagnostic until the one titled `title` is offered with an edit. */
export async function quickFixFor(
  uri: vscode.Uri,
  range: vscode.Range,
  title: string,
  until: <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number, explain?: () => string) => Promise<T>,
): Promise<vscode.CodeAction> {
  let offered: string[] = [];
  return until(
    `quick fix "${title}"`,
    async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        vscode.CodeActionKind.QuickFix.value,
      );
      offered = actions.map((a) => a.title);
      return actions.find((a) => a.title === title && a.edit);
    },
    20_000,
    () => `offered [${offered.join('; ')}]`,
  );
}

/** Everything the extension has logged so far (its log files). */
export async function extensionLog(a: ImsTagsApi): Promise<string> {
  const files = await fs.readdir(a.logUri.fsPath).catch(() => [] as string[]);
  return (await Promise.all(files.map((f) => fs.readFile(join(a.logUri.fsPath, f), 'utf8').catch(() => '')))).join('');
}
