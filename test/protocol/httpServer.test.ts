/** The built server on a temporary workspace: .http documents checked against the policy files on disk. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { CompletionList, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { effectivePermissions } from '../../core/access/effective';
import { toIdentityAccess } from '../../core/access/identityAccess';
import { IDENTITY_ACCESS_NOTIFICATION } from '../../core/protocol';
import { LspClient } from '../support/lspClient';

const HOST = 'https://ims.cn-north-4.myhuaweicloud.com';
const REQUEST = `### add a tag\nPOST ${HOST}/v2/p1/images/img-1/tags\nContent-Type: application/json;charset=UTF-8\n\n{"tag": {"key": "env", "value": "prod"}}\n`;
const policy = (actions: string[]) =>
  JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] }, null, 2);

let dir: string;
let client: LspClient;
let policyPath: string;
let policyUri: string;
const httpUri = 'file:///virtual/requests.http';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ims-ws-'));
  mkdirSync(join(dir, 'iam'));
  mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
  policyPath = join(dir, 'iam', 'tagger.json');
  policyUri = URI.file(policyPath).toString();
  writeFileSync(policyPath, policy(['ims:images:list']));
  writeFileSync(join(dir, 'package.json'), '{"name": "not a policy"}');
  // Never read: node_modules is skipped.
  writeFileSync(
    join(dir, 'node_modules', 'x', 'deny.json'),
    JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['ims:*:*'] }] }),
  );
  client = await LspClient.inFolder(dir);
  await client.open(httpUri, 'http', REQUEST);
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the server registers a watcher for JSON files and indexes the policies of the folder', async () => {
  await client.waitForDiagnostics(httpUri, (d) => d.some((x) => x.code === 'not-granted'));
  assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'));
  assert.ok(
    client.logs.some((l) => /Indexed 1 policy file\(s\) among 2 JSON file\(s\)/.test(l)),
    client.logs.join('\n'),
  );
});

test('a policy edited on disk changes the diagnostics of the .http file', async () => {
  writeFileSync(policyPath, policy(['ims:images:list', 'ims:images:update']));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: policyUri, type: 2 }] });
  const ds = await client.waitForDiagnostics(httpUri, (d) => !d.some((x) => x.code === 'not-granted'));
  assert.deepEqual(ds, []);
  writeFileSync(
    policyPath,
    JSON.stringify({
      Version: '1.1',
      Statement: [
        { Effect: 'Allow', Action: ['ims:*:*'] },
        { Effect: 'Deny', Action: ['ims:images:update'] },
      ],
    }),
  );
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: policyUri, type: 2 }] });
  const denied = await client.waitForDiagnostics(httpUri, (d) => d.some((x) => x.code === 'denied-by-policy'));
  assert.match(String(denied.find((x) => x.code === 'denied-by-policy')!.message), /tagger\.json, statement 2/);
});

test('an open policy document wins over its disk version, and the disk version returns when it closes', async () => {
  await client.open(policyUri, 'json', policy(['ims:images:update']));
  await client.waitForDiagnostics(httpUri, (d) => d.length === 0);
  await client.close(policyUri);
  await client.waitForDiagnostics(httpUri, (d) => d.some((x) => x.code === 'denied-by-policy'));
});

test('an untitled draft is no grant; a policy outside the workspace counts only while it is open', async () => {
  // The workspace's policy denies update (previous test), so the request is denied.
  const deniedNow = (d: { code?: unknown }[]) => d.some((x) => x.code === 'denied-by-policy');
  await client.waitForDiagnostics(httpUri, deniedNow);
  // An untitled Allow-all draft changes nothing: the Deny still decides.
  const draft = 'untitled:Untitled-1';
  await client.open(draft, 'json', policy(['ims:*:*']));
  const withDraft = await client.waitForDiagnostics(httpUri, deniedNow);
  assert.ok(deniedNow(withDraft));
  await client.close(draft);
  // A file outside the folders that grants list: it counts while open, and not after it is closed.
  const outsideDir = mkdtempSync(join(tmpdir(), 'ims-outside-'));
  const outsidePath = join(outsideDir, 'grant-get.json');
  const outsideUri = URI.file(outsidePath).toString();
  const grantsGet = policy(['ims:images:get']);
  writeFileSync(outsidePath, grantsGet);
  const probe = 'file:///virtual/probe.http';
  // The native delete needs get and update: while the outside file is open, it is named as allowing get.
  await client.open(probe, 'http', `DELETE ${HOST}/v2/images/img-1/tags/x\n`);
  await client.open(outsideUri, 'json', grantsGet);
  const hover = async () =>
    (
      (await client.request<Hover>('textDocument/hover', { textDocument: { uri: probe }, position: { line: 0, character: 2 } }))
        .contents as { value: string }
    ).value;
  assert.match(await hover(), /✅ `ims:images:get` allowed by grant-get\.json/);
  await client.close(outsideUri);
  // The close is handled asynchronously: ask until the file is gone from the verdict, for 5 s at most.
  const deadline = Date.now() + 5000;
  while (/grant-get\.json/.test(await hover()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.doesNotMatch(await hover(), /grant-get\.json/);
  await client.close(probe);
  rmSync(outsideDir, { recursive: true, force: true });
});

test('a deleted policy file: the workspace has no policies left, so no permission warnings', async () => {
  rmSync(policyPath);
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: policyUri, type: 3 }] });
  const ds = await client.waitForDiagnostics(httpUri, (d) => !d.some((x) => x.code === 'denied-by-policy'));
  assert.deepEqual(ds, []);
});

test('a policy file deleted while its document stays open grants nothing; once saved again, it grants', async () => {
  // VS Code may keep a deleted file's document open (an editor marked deleted, or one held after its
  // editor closed): its policy must not keep granting.
  writeFileSync(policyPath, policy(['ims:images:list']));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: policyUri, type: 1 }] });
  const notGranted = (d: { code?: unknown }[]) => d.some((x) => x.code === 'not-granted');
  await client.waitForDiagnostics(httpUri, notGranted);
  const extraPath = join(dir, 'iam', 'extra.json');
  const extraUri = URI.file(extraPath).toString();
  writeFileSync(extraPath, policy(['ims:images:update']));
  await client.open(extraUri, 'json', policy(['ims:images:update']));
  assert.deepEqual(await client.waitForDiagnostics(httpUri, (d) => !notGranted(d)), []);
  rmSync(extraPath);
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: extraUri, type: 3 }] });
  await client.waitForDiagnostics(httpUri, notGranted);
  // Saved again: the file is there, and the open document counts.
  writeFileSync(extraPath, policy(['ims:images:update']));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: extraUri, type: 1 }] });
  assert.deepEqual(await client.waitForDiagnostics(httpUri, (d) => !notGranted(d)), []);
  await client.close(extraUri);
  rmSync(extraPath);
  rmSync(policyPath);
  await client.notify('workspace/didChangeWatchedFiles', {
    changes: [
      { uri: extraUri, type: 3 },
      { uri: policyUri, type: 3 },
    ],
  });
  await client.waitForDiagnostics(httpUri, (d) => d.length === 0);
});

test('hover, inlay hints and completion over LSP for .http', async () => {
  const h = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri: httpUri },
    position: { line: 1, character: 2 },
  });
  assert.match((h.contents as { value: string }).value, /Adding an Image Tag\*\* · 添加镜像标签/);
  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri: httpUri },
    range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
  });
  assert.deepEqual(
    hints.map((x) => x.label),
    ['needs ims:images:update'],
  );
  await client.change(httpUri, `${REQUEST}\n###\n\n`);
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: httpUri },
    position: { line: 8, character: 0 },
  });
  assert.equal(list.items.length, 12);
});

test("the signed-in identity's verdicts (imsTags/identityAccess) reach diagnostics and hovers; a malformed payload means not known", async () => {
  const uri = 'file:///virtual/identity.http';
  await client.open(uri, 'http', REQUEST);
  const denyTags = { Version: '5.0', Statement: [{ Effect: 'Deny', Action: ['ims:images:setTags'] }] };
  const facts = {
    projectId: 'p1',
    grants: [],
    attached: [
      { policy: { name: 'interns', uri: 'ims-iam:/policies/pol-1.json', type: 'XA' as const, policy: denyTags }, via: 'user' },
    ],
  };
  const dave = toIdentityAccess({ identity: 'dave', connection: 'the Sandbox' }, facts, effectivePermissions(facts));
  const refused = (ds: Array<{ code?: unknown }>) => ds.some((d) => d.code === 'identity-refused');
  const hover = async () =>
    (
      (await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }))
        .contents as { value: string }
    ).value;
  await client.notify(IDENTITY_ACCESS_NOTIFICATION, dave);
  const [d] = (await client.waitForDiagnostics(uri, refused)).filter((x) => x.code === 'identity-refused');
  assert.match(String(d.message), /You, as dave, may not call AddImageTag: denied by "interns"/);
  assert.match(await hover(), /\*\*You, as dave\*\*/);
  // Junk is "not known": no warning, no section, and the server still answers.
  for (const junk of ['junk', { identity: 'dave' }, { identity: 'dave', projectId: 'p1', apis: [{ api: 7 }] }, null]) {
    await client.notify(IDENTITY_ACCESS_NOTIFICATION, dave);
    await client.waitForDiagnostics(uri, refused);
    await client.notify(IDENTITY_ACCESS_NOTIFICATION, junk);
    await client.waitForDiagnostics(uri, (ds) => !refused(ds));
    assert.doesNotMatch(await hover(), /You, as/, JSON.stringify(junk));
  }
  assert.ok(!client.logs.some((l) => / failed: /.test(l)), client.logs.join('\n'));
});
