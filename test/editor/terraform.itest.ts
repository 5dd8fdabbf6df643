/** In-editor: a policy in a Terraform heredoc gets its squiggle and its quick fix, as in a policy file. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, until } from './harness';
import { open, ours, quickFixFor, restoreWorkspaceFile } from './workspace';

test('a Terraform heredoc: the unknown action is squiggled on its characters and the quick fix edits the HCL', async () => {
  const doc = await open('roles.tf');
  const original = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
  assert.equal(doc.languageId, 'terraform');
  const d = await until('the heredoc diagnostic', async () => ours(doc.uri).find((x) => x.code === 'unknown-action'));
  assert.equal(doc.getText(d.range), '"ims:images:updte"');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    doc.uri,
    d.range.start.translate(0, 3),
  );
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /In huaweicloud_identity_role\.tagger/);
  const fix = await quickFixFor(doc.uri, d.range, 'Replace with "ims:images:update"', until);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  try {
    assert.match(doc.getText(), /"Action": \["ims:images:list", "ims:images:update"\]/);
    await until('the fixed heredoc', async () => (ours(doc.uri).some((x) => x.code === 'unknown-action') ? undefined : true));
  } finally {
    await restoreWorkspaceFile(doc.uri, original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});
