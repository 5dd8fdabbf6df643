/** The built server (`node dist/server.js --stdio`) spoken to over LSP, as any client would. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { CodeAction, CompletionList, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { LspClient, SERVER_JS } from '../support/lspClient';

const POLICY = `{
  "Version": "1.1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ims:images:updte", ""]
    }
  ]
}`;
const uri = 'file:///ws/policy.json';
let client: LspClient;

before(async () => {
  client = await LspClient.start({ command: process.execPath, args: [SERVER_JS, '--stdio'] });
  await client.open(uri, 'json', POLICY);
});
after(async () => client.stop());

test('diagnostics are pushed with a stable code and exact range', async () => {
  const ds = await client.waitForDiagnostics(uri, (d) => d.length > 0);
  const unknown = ds.find((d) => d.code === 'unknown-action')!;
  assert.ok(unknown, JSON.stringify(ds));
  assert.deepEqual(unknown.range, { start: { line: 5, character: 17 }, end: { line: 5, character: 35 } });
  assert.equal(unknown.source, 'ims-tags');
});

test('completion inside Action, with the trigger characters " and :', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 5, character: 38 },
    context: { triggerKind: 2, triggerCharacter: '"' },
  });
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('ims:images:list') && labels.includes('ims:*:*'), labels.join());
});

test('hover shows the API table', async () => {
  await client.change(uri, POLICY.replace('updte', 'update'));
  const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 22 } });
  assert.match((h.contents as { value: string }).value, /Adding an Image Tag/);
});

test('an edit updates the diagnostics for the new version', async () => {
  const version = await client.edit(uri, { start: { line: 5, character: 29 }, end: { line: 5, character: 35 } }, 'delete');
  const ds = await client.waitForDiagnostics(uri, (_d, p) => p.version === version);
  assert.equal(ds.filter((d) => d.code === 'unknown-action').length, 0);
  assert.equal(ds.filter((d) => d.code === 'malformed-action').length, 1, 'the empty string is still malformed');
});

test('quick fix through textDocument/codeAction', async () => {
  const version = await client.change(uri, POLICY);
  const ds = await client.waitForDiagnostics(uri, (_d, p) => p.version === version);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: ds[0].range,
    context: { diagnostics: ds.filter((d) => d.code === 'unknown-action') },
  });
  assert.equal(actions[0].title, 'Replace with "ims:images:update"');
  assert.equal(actions[0].edit!.changes![uri][0].newText, '"ims:images:update"');
});

test('inlay hints beside statements that touch IMS, with exact counts', async () => {
  const hintsOf = async () =>
    (
      await client.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
      })
    ).map((h) => String(h.label));
  // A misspelt action touches no IMS action: no hint rather than "allows 0".
  assert.deepEqual(await hintsOf(), []);
  await client.change(uri, POLICY.replace('updte', 'update'));
  // Seed table: update alone unlocks BatchAddOrDeleteTags, AddImageTag and DeleteImageTag.
  assert.deepEqual(await hintsOf(), ['allows 3 of the 10 IMS tag APIs']);
});

test('non-policy JSON gets empty diagnostics and no completions', async () => {
  const other = 'file:///ws/package.json';
  await client.open(other, 'json', '{"name": "x", "Action": [""]}');
  const ds = await client.waitForDiagnostics(other, () => true);
  assert.deepEqual(ds, []);
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: other },
    position: { line: 0, character: 26 },
  });
  assert.deepEqual(list.items, []);
});

test('requests for unknown documents and positions out of range are answered, not fatal', async () => {
  const missing = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: 'file:///nope.json' },
    position: { line: 0, character: 0 },
  });
  assert.deepEqual(missing.items, []);
  const far = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 900, character: 900 },
  });
  assert.equal(far, null);
});

test('closing a document clears its diagnostics', async () => {
  await client.close(uri);
  await client.waitForDiagnostics(uri, (d) => d.length === 0);
  await client.open(uri, 'json', POLICY);
});

test('a client without workspace/configuration (Neovim 0.7) configures through didChangeConfiguration; locale zh gives Chinese', async () => {
  const nvimLike = await LspClient.start({
    command: process.execPath,
    args: [SERVER_JS, '--stdio'],
    vscodeLike: false,
    locale: 'zh-cn',
  });
  try {
    await nvimLike.open(uri, 'jsonc', POLICY.replace('updte', 'update'));
    const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    assert.equal((await nvimLike.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range })).length, 1);
    await nvimLike.notify('workspace/didChangeConfiguration', {
      settings: { imsTags: { policy: { inlayHints: { enabled: false } } } },
    });
    assert.deepEqual(await nvimLike.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range }), []);
    const h = await nvimLike.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 5, character: 22 },
    });
    assert.match((h.contents as { value: string }).value, /添加镜像标签/);
  } finally {
    await nvimLike.stop();
  }
});

test('the command line says how to use it', () => {
  const help = spawnSync(process.execPath, [SERVER_JS, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--stdio/);
  const bare = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8' });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /Usage: ims-tags-language-server --stdio/);
});

test('JSON syntax errors: reported once for clients that do not report them, not at all for VS Code', async () => {
  const broken = '{"Version": "1.1", "Statement": [{"Effect": "Allow" "Action": ["ims:*:*"]}]}';
  const uriBroken = 'file:///ws/broken.json';
  await client.open(uriBroken, 'json', broken);
  const ds = await client.waitForDiagnostics(uriBroken, (_d, p) => p.version === 1);
  assert.deepEqual(
    ds.filter((d) => d.code === 'json-syntax').map((d) => d.range.start.character),
    [broken.indexOf('"Action"')],
  );
  const vscode = await LspClient.start({
    command: process.execPath,
    args: [SERVER_JS, '--stdio'],
    initializationOptions: { jsonSyntaxDiagnostics: false },
  });
  try {
    await vscode.open(uriBroken, 'json', broken);
    const none = await vscode.waitForDiagnostics(uriBroken, (_d, p) => p.version === 1);
    assert.deepEqual(
      none.filter((d) => d.code === 'json-syntax'),
      [],
    );
  } finally {
    await vscode.stop();
  }
});

test('a live IAM policy (scheme ims-iam) gets every feature a file gets', async () => {
  const live = 'ims-iam:/roles/0123abcd.json';
  await client.open(live, 'json', POLICY);
  const ds = await client.waitForDiagnostics(live, (d) => d.some((x) => x.code === 'unknown-action'));
  const unknown = ds.find((d) => d.code === 'unknown-action')!;
  assert.deepEqual(unknown.range, { start: { line: 5, character: 17 }, end: { line: 5, character: 35 } });
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: live },
    position: { line: 5, character: 38 },
  });
  assert.ok(list.items.some((i) => i.label.startsWith('ims:')));
  const hover = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri: live },
    position: { line: 5, character: 22 },
  });
  assert.match(JSON.stringify(hover.contents), /ims:images/);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: live },
    range: unknown.range,
    context: { diagnostics: [unknown] },
  });
  assert.ok(
    actions.some((a) => a.edit?.changes?.[live]),
    'a quick fix editing the live document',
  );
  await client.close(live);
});
