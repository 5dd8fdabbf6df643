/** In-editor cases for .http request files. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, until } from './harness';
import { diagnosticsNow, labelOf, open, ours, quickFixFor, restoreWorkspaceFile, workspaceFile as file } from './workspace';

/** What the shipped workspace says of a tag write: policy.json grants list, and its update is misspelt. */
const UPDATE_NOT_GRANTED = /No policy in the workspace grants "ims:images:update"/;

test('.http files are in the http language and get inlay hints naming the actions each request needs', async () => {
  const doc = await open('requests.http');
  assert.equal(doc.languageId, 'http');
  const labels = await until('inlay hints', async () => {
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      doc.uri,
      new vscode.Range(0, 0, doc.lineCount, 0),
    );
    const l = hints.map(labelOf);
    return l.length >= 4 ? l : undefined;
  });
  assert.deepEqual(labels, [
    'needs ims:images:update',
    'needs ims:images:get, ims:images:update',
    'needs ims:images:update',
    'needs ims:images:list',
  ]);
});

test('.http diagnostics: body enum error, deprecated API, and the policy check against policy.json', async () => {
  await open('policy.json');
  const doc = await open('requests.http');
  // Waited for as a whole: the workspace's policies are read in the background after the files open.
  const ds = await until(
    'http diagnostics',
    () => {
      const d = ours(doc.uri);
      return d.some((x) => x.code === 'body-schema') &&
        d.some((x) => x.code === 'not-granted' && UPDATE_NOT_GRANTED.test(x.message))
        ? d
        : undefined;
    },
    20_000,
    () => diagnosticsNow(doc),
  );
  const codes = ds.map((d) => String(d.code)).sort();
  assert.ok(codes.includes('deprecated-api'), codes.join());
  const body = ds.find((d) => d.code === 'body-schema')!;
  assert.equal(doc.getText(body.range), '"Create"');
  // policy.json grants list; its update is misspelt.
  assert.ok(ds.some((d) => d.code === 'not-granted' && UPDATE_NOT_GRANTED.test(d.message)));
});

test('hover on a request line: API, actions and the workspace verdict', async () => {
  await open('policy.json');
  const doc = await open('requests.http');
  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => l.startsWith('GET') && l.endsWith('/tags'));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    doc.uri,
    new vscode.Position(line, 2),
  );
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /Querying Tags of an Image/);
  assert.match(text, /✅ `ims:images:list` allowed by policy\.json, statement 1/);
});

test('completion on an empty request line offers the IMS requests', async () => {
  const doc = await open('requests.http');
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    new vscode.Position(doc.lineCount - 1, 0),
  );
  const labels = list.items.map(labelOf);
  assert.ok(labels.includes('POST /v2/{project_id}/images/{image_id}/tags'), labels.slice(0, 20).join(', '));
});

test('the deprecated-API quick fix rewrites the request in the editor', async () => {
  const doc = await open('requests.http');
  const original = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
  const d = await until('deprecated diagnostic', () => ours(doc.uri).find((x) => x.code === 'deprecated-api'));
  const fix = await quickFixFor(doc.uri, d.range, 'Rewrite as AddImageTag', until);
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  await until('rewritten', () => (ours(doc.uri).some((x) => x.code === 'deprecated-api') ? undefined : true));
  assert.match(
    doc.getText(),
    /POST https:\/\/ims\.\{\{region\}\}\.myhuaweicloud\.com\/v2\/\{\{projectId\}\}\/images\/\{\{imageId\}\}\/tags\nContent-Type/,
  );
  await restoreWorkspaceFile(doc.uri, original);
});

test('editing an open policy changes the .http diagnostics (open documents win over disk)', async () => {
  const policy = await open('policy.json');
  const http = await open('requests.http');
  await until('not granted first', () => (ours(http.uri).some((x) => x.code === 'not-granted') ? true : undefined));
  const original = Buffer.from(await vscode.workspace.fs.readFile(policy.uri)).toString('utf8');
  const edit = new vscode.WorkspaceEdit();
  const offset = policy.getText().indexOf('"ims:images:updte"');
  edit.replace(
    policy.uri,
    new vscode.Range(policy.positionAt(offset), policy.positionAt(offset + '"ims:images:updte"'.length)),
    '"ims:images:*"',
  );
  assert.ok(await vscode.workspace.applyEdit(edit));
  await until('granted after the edit', () => (ours(http.uri).some((x) => x.code === 'not-granted') ? undefined : true));
  await restoreWorkspaceFile(policy.uri, original);
  await until('not granted again after the revert', () =>
    ours(http.uri).some((x) => x.code === 'not-granted') ? true : undefined,
  );
});

test('"Grant … in policy.json" edits the open policy document in its own layout and shows it; the disk is untouched', async () => {
  await open('policy.json');
  const doc = await open('requests.http');
  const policyUri = file('policy.json');
  const onDisk = Buffer.from(await vscode.workspace.fs.readFile(policyUri)).toString('utf8');
  const d = await until(
    'update not granted',
    () => ours(doc.uri).find((x) => x.code === 'not-granted' && UPDATE_NOT_GRANTED.test(x.message)),
    20_000,
    () => diagnosticsNow(doc),
  );
  const fix = await quickFixFor(doc.uri, d.range, 'Grant ims:images:update in policy.json (statement 1)', until);
  // What the light bulb does: apply the edit, then run the fix's command.
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
  await vscode.commands.executeCommand(fix.command!.command, ...(fix.command!.arguments ?? []));
  const shown = await until('the policy is shown', async () =>
    vscode.window.activeTextEditor?.document.uri.toString() === policyUri.toString() ? vscode.window.activeTextEditor : undefined,
  );
  const policy = shown.document;
  try {
    assert.ok(policy.isDirty, 'an edit of the document, not a write behind it');
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(policyUri)).toString('utf8'), onDisk);
    // On a line of its own, with the items' indentation, after the last item (not on the typo's line).
    assert.match(policy.getText(), /\n {8}"ims:",\n {8}"ims:images:update"\n {6}\]/);
    assert.deepEqual(shown.selection.active, policy.positionAt(policy.getText().indexOf('"ims:images:update"')));
  } finally {
    await restoreWorkspaceFile(policyUri, onDisk);
    assert.equal(policy.getText(), onDisk, 'policy.json is as it was, on disk and in its editor');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
});

test('in a trusted workspace $processEnv is read, and shown masked: a value of the process environment is a secret', async () => {
  const doc = await open('hostile.http');
  const text = doc.getText();
  const value = await until('the masked value', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(text.lastIndexOf('{{$processEnv') + 4),
    );
    const shown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    return /Value: `[^`]*••••/.test(shown) ? shown : undefined;
  });
  const home = process.env.HOME;
  assert.ok(!home || !value.includes(home), value);
  assert.doesNotMatch(value, /Restricted Mode/);
});
