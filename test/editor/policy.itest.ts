/** In-editor cases for policy files, driven through VS Code's own command API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, until } from './harness';
import { labelOf, open, ours, quickFixFor, restoreWorkspaceFile } from './workspace';

const EXTENSION_ID = 'ims-tags.ims-tags-policies';

function positionAfter(doc: vscode.TextDocument, needle: string, delta = needle.length): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is in ${doc.uri.path}`);
  return doc.positionAt(offset + delta);
}

async function completionLabels(doc: vscode.TextDocument, pos: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    pos,
    trigger,
  );
  return list.items.map(labelOf);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

test('the extension activates on a JSON file', async () => {
  await open('policy.json');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  await until('activation', () => (ext.isActive ? true : undefined));
});

test('pushed diagnostics appear for the policy: unknown action with a did-you-mean', async () => {
  const doc = await open('policy.json');
  const d = await until('ims-tags diagnostics', () => {
    const found = ours(doc.uri).find((x) => x.code === 'unknown-action');
    return found;
  });
  assert.match(d.message, /Did you mean 'ims:images:update'/);
  assert.equal(doc.getText(d.range), '"ims:images:updte"');
});

test('completion inside Action offers IMS actions, once each', async () => {
  const doc = await open('policy.json');
  const labels = await until('IMS completions', async () => {
    const l = await completionLabels(doc, positionAfter(doc, '"ims:', 5), ':');
    return l.includes('ims:images:update') ? l : undefined;
  });
  assert.ok(labels.includes('ims:*:list*'));
  const dupes = labels.filter((l, i) => labels.indexOf(l) !== i);
  assert.deepEqual(dupes, [], 'no label is offered twice (ours and VS Code JSON)');
});

test('hover on an action renders the tag API table', async () => {
  const doc = await open('policy.json');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    doc.uri,
    positionAfter(doc, '"ims:images:list"', 5),
  );
  const text = hoverText(hovers);
  assert.match(text, /\*\*ims:images:list\*\*/);
  assert.match(text, /\| Querying All Image Tags \| `GET \/v2\/\{project_id\}\/images\/tags` \| ✓ \| ✗ \|/);
});

test('a quick fix replaces the unknown action, and the diagnostic goes away', async () => {
  const doc = await open('policy.json');
  const original = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
  const d = await until('diagnostic', () => ours(doc.uri).find((x) => x.code === 'unknown-action'));
  const fix = await quickFixFor(doc.uri, d.range, 'Replace with "ims:images:update"', until);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  await until('diagnostic cleared', () => (ours(doc.uri).some((x) => x.code === 'unknown-action') ? undefined : true));
  assert.match(doc.getText(), /"ims:images:update"/);
  await restoreWorkspaceFile(doc.uri, original);
});

test('inlay hints say what each statement grants', async () => {
  const doc = await open('policy.json');
  const hints = await until('inlay hints', async () => {
    const h = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      doc.uri,
      new vscode.Range(0, 0, doc.lineCount, 0),
    );
    return h.length > 0 ? h : undefined;
  });
  // Seed table: list alone unlocks ListTags, ListImageByTags, ListImageTags and ListImagesTags; a Deny
  // of delete touches IMS but none of the tag APIs, and says so.
  assert.deepEqual(hints.map(labelOf), [
    'allows 4 of the 10 IMS tag APIs',
    'denies IMS actions, but none of the 10 IMS tag APIs',
  ]);
});

test('JSON that is not a policy gets nothing from us', async () => {
  const doc = await open('not-a-policy.json');
  // Wait until the server has answered for this document, then check it stayed silent.
  await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, positionAfter(doc, '"ims:', 5));
  const labels = await completionLabels(doc, positionAfter(doc, '"ims:', 5));
  assert.ok(!labels.includes('ims:images:update'), labels.join(', '));
  assert.deepEqual(ours(doc.uri), []);
});
