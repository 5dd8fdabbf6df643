/** In-editor cases for the IMS explorer, its commands and "Send request", against the Sandbox emulator. */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ImsTagsApi } from '../../client/extension';
import type { Node } from '../../client/explorer/tree';
import { startEmulator } from '../../emulator/emulator';
import { test, until } from './harness';
import { api, extensionLog, open, sandbox, workspaceFile } from './workspace';

/** Runs `f` with the endpoint settings pointing at an emulator, and puts them back afterwards. */
async function withEndpoints(url: string, f: () => Promise<void>): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('imsTags');
  try {
    await cfg.update('endpoint.ims', url, vscode.ConfigurationTarget.Global);
    await cfg.update('endpoint.iam', url, vscode.ConfigurationTarget.Global);
    await f();
  } finally {
    await cfg.update('endpoint.ims', undefined, vscode.ConfigurationTarget.Global);
    await cfg.update('endpoint.iam', undefined, vscode.ConfigurationTarget.Global);
  }
}

/** A Sandbox with more images than a page: 120 of seed 3. */
const MANY_IMAGES = { seed: 3, images: 120 };

async function roots(a: ImsTagsApi): Promise<Node[]> {
  return until('the tree lists images', async () => {
    const r = await a.tree.getChildren();
    return r.some((n) => n.kind === 'image') ? r : undefined;
  });
}

test('IMS: Open Sandbox starts the local emulator; the tree shows the connection, a page of images and "Load more…"', async () => {
  const result = await vscode.commands.executeCommand<{ projectId: string; endpoint: string }>('imsTags.openSandbox', {
    seed: 3,
    images: 120,
  });
  assert.match(result.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  const a = await api();
  assert.equal(a.connections.connection?.endpoint, result.endpoint);
  const nodes = await roots(a);
  assert.equal(nodes[0].kind, 'connection');
  assert.equal(nodes.filter((n) => n.kind === 'image').length, 50);
  assert.equal(nodes[nodes.length - 1].kind, 'more');
  await vscode.commands.executeCommand('imsTags.loadMore');
  const more = await a.tree.getChildren();
  assert.equal(more.filter((n) => n.kind === 'image').length, 100, 'the second page follows the first');
  const ids = more.filter((n) => n.kind === 'image').map((n) => (n as { image: { id: string } }).image.id);
  assert.equal(new Set(ids).size, ids.length);
});

test("add a tag, edit its value, delete it: the emulator's state and the tree follow", async () => {
  const { a, store } = await sandbox(MANY_IMAGES);
  const node = (await roots(a)).find((n) => n.kind === 'image')!;
  const id = (node as { image: { id: string } }).image.id;
  const countBefore = store.get(id)!.tags.size;
  await vscode.commands.executeCommand('imsTags.addTag', node, { key: 'reviewer', value: 'carol' });
  assert.equal(store.get(id)!.tags.get('reviewer'), 'carol');
  // The collapsed image's description counts the new tag at once.
  const shownAgain = (await a.tree.getChildren()).find((n) => n.kind === 'image' && n.image.id === id)!;
  const count = countBefore + 1;
  assert.match(String(a.tree.getTreeItem(shownAgain).description), new RegExp(count === 1 ? '· 1 tag$' : `· ${count} tags$`));
  const tagNode = (await a.tree.getChildren(node)).find((n) => n.kind === 'tag' && n.tag.key === 'reviewer')!;
  assert.ok(tagNode, 'the tag shows under its image');
  await vscode.commands.executeCommand('imsTags.editTagValue', tagNode, 'dave');
  assert.equal(store.get(id)!.tags.get('reviewer'), 'dave');
  const edited = (await a.tree.getChildren(node)).find((n) => n.kind === 'tag' && n.tag.key === 'reviewer')!;
  assert.equal(a.tree.getTreeItem(edited).label, 'reviewer = dave');
  await vscode.commands.executeCommand('imsTags.deleteTag', edited, true);
  assert.equal(store.get(id)!.tags.has('reviewer'), false);
});

test('add and delete a tag on many selected images, with a summary', async () => {
  const { a, store } = await sandbox(MANY_IMAGES);
  const ids = (await roots(a))
    .filter((n) => n.kind === 'image')
    .slice(0, 30)
    .map((n) => (n as { image: { id: string } }).image.id);
  const added = await vscode.commands.executeCommand<{ done: number; failed: unknown[] }>('imsTags.addTagToSelected', undefined, {
    imageIds: ids,
    tag: { key: 'wave', value: '1' },
  });
  assert.deepEqual(added, { done: 30, failed: [] });
  assert.ok(ids.every((id) => store.get(id)!.tags.get('wave') === '1'));
  const removed = await vscode.commands.executeCommand<{ done: number }>('imsTags.deleteTagFromSelected', undefined, {
    imageIds: ids.slice(0, 10),
    tag: { key: 'wave', value: '' },
  });
  assert.equal(removed.done, 10);
  assert.equal(ids.filter((id) => store.get(id)!.tags.has('wave')).length, 20);
});

test("find images by tags shows the matches in the tree; the project's tags can be listed", async () => {
  const { a, store } = await sandbox(MANY_IMAGES);
  // Twenty images carry wave=1 (written in the emulator: tagging through the commands is tested above).
  for (const image of store.all().slice(0, 20)) image.tags.set('wave', '1');
  const found = await vscode.commands.executeCommand<string[]>('imsTags.findByTags', {
    filter: { tags: [{ key: 'wave', values: ['1'] }] },
  });
  assert.equal(found.length, 20);
  const shown = (await roots(a)).filter((n) => n.kind === 'image').map((n) => (n as { image: { id: string } }).image.id);
  assert.deepEqual(
    shown.sort(),
    store
      .all()
      .filter((i) => i.tags.get('wave') === '1')
      .map((i) => i.id)
      .sort(),
  );
  const tags = await vscode.commands.executeCommand<Array<{ key: string; values: string[] }>>('imsTags.listProjectTags', {
    pick: 'nothing',
  });
  assert.ok(tags.some((t) => t.key === 'wave' && t.values.includes('1')));
  await vscode.commands.executeCommand('imsTags.clearFilters');
});

test('filter by name and type; copy an image ID', async () => {
  const { a, store } = await sandbox(MANY_IMAGES);
  const target = store.all().find((i) => i.__imagetype === 'private')!;
  await vscode.commands.executeCommand('imsTags.filterImages', { imageType: 'private', name: target.name });
  const shown = (await roots(a)).filter((n) => n.kind === 'image');
  assert.deepEqual(
    shown.map((n) => (n as { image: { id: string } }).image.id),
    [target.id],
  );
  await vscode.commands.executeCommand('imsTags.copyImageId', shown[0]);
  assert.equal(await vscode.env.clipboard.readText(), target.id);
  await vscode.commands.executeCommand('imsTags.filterImages', { imageType: 'shared' });
  const shared = (await roots(a))
    .filter((n) => n.kind === 'image')
    .map((n) => (n as { image: { id: string } }).image.id)
    .sort();
  assert.deepEqual(
    shared,
    store
      .all()
      .filter((i) => i.__imagetype === 'shared')
      .map((i) => i.id)
      .sort(),
  );
  await vscode.commands.executeCommand('imsTags.clearFilters');
});

test('copy as .http gives a ready block that the language server recognises', async () => {
  const { a } = await sandbox(MANY_IMAGES);
  const node = (await roots(a)).find((n) => n.kind === 'image')!;
  const text = await vscode.commands.executeCommand<string>('imsTags.copyAsHttp', node, 'AddImageTag');
  assert.equal(await vscode.env.clipboard.readText(), text);
  assert.match(
    text,
    // The Sandbox's port changes each time it opens: the block names it once, as {{host}}.
    /^@host = http:\/\/127\.0\.0\.1:\d+\n@projectId = [0-9a-f]{32}\n@imageId = [0-9a-f-]{36}\n\n### Adding an Image Tag\nPOST \{\{host\}\}\/v2\/\{\{projectId\}\}\/images\/\{\{imageId\}\}\/tags\n/,
  );
  const doc = await vscode.workspace.openTextDocument({ language: 'http', content: text });
  const hints = await until('hints on the copied request', async () => {
    const h = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      doc.uri,
      new vscode.Range(0, 0, 20, 0),
    );
    return h.length ? h : undefined;
  });
  assert.equal(hints.length, 1);
});

test('"Send IMS request" sends a request of a .http file to the Sandbox and shows the response', async () => {
  const { a, store } = await sandbox(MANY_IMAGES);
  // An image the tree shows, with its tags as they were.
  await vscode.commands.executeCommand('imsTags.clearFilters');
  await roots(a);
  const id = a.tree.loaded.find((i) => !store.get(i.id)!.tags.has('sent'))!.id;
  const shown = () => a.tree.loaded.find((i) => i.id === id);
  assert.ok(!(shown()!.tags ?? []).includes('sent=from-http'));
  const doc = await open('sandbox.http');
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, doc.lineAt(1).range, `@imageId = ${id}`);
  assert.ok(await vscode.workspace.applyEdit(edit));
  // The lenses come from the language server, which answers once it has started.
  const lenses = await until('the two Send lenses', async () => {
    const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    return l.length === 2 ? l : undefined;
  });
  assert.deepEqual(
    lenses.map((l) => l.command?.title),
    ['Send IMS request', 'Send IMS request'],
  );
  // What a click runs: the lens's own command and arguments (a uri string and an index, from the server).
  const lens = lenses[0].command!;
  const sent = await vscode.commands.executeCommand<{ status: number; uri: string }>(lens.command, ...(lens.arguments ?? []), {
    confirmed: true,
  });
  assert.equal(sent.status, 204);
  assert.equal(store.get(id)!.tags.get('sent'), 'from-http');
  // A write sent from a .http file refreshes the image in the tree.
  assert.ok((shown()!.tags ?? []).includes('sent=from-http'), 'the tree shows the new tag');
  const listed = await vscode.commands.executeCommand<{ status: number; body: string; uri: string }>(
    'imsTags.sendRequest',
    doc.uri,
    1,
    // The file names ims.{{region}}…, the Sandbox is elsewhere: a person would be asked first.
    { confirmed: true },
  );
  assert.equal(listed.status, 200);
  const response = await vscode.workspace.openTextDocument(vscode.Uri.parse(listed.uri));
  // The URL actually used, then the status line.
  assert.match(
    response.getText(),
    /^\/\/ GET http:\/\/127\.0\.0\.1:\d+\/v2\/[0-9a-f]{32}\/images\/[0-9a-f-]{36}\/tags\n\/\/ HTTP 200 \(\d+ ms\) — ListImageTags\n/,
  );
  // A JSON body is shown as highlighted JSON (with the request and status as comments).
  assert.equal(response.languageId, 'jsonc');
  assert.match(response.getText(), /"key": "sent",\n\s+"value": "from-http"/);
  await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
});

test('under a policy that grants only list, a tag write answers 403 naming the action; "Create policy" grants it and what it depends on', async () => {
  const dir = vscode.Uri.joinPath(workspaceFile('.'), '..');
  const policyFile = join(dir.fsPath, `list-only-${Date.now()}.json`);
  await fs.writeFile(
    policyFile,
    JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] }),
  );
  const { c, store } = await sandbox({ seed: 4, images: 5, policyFile });
  const id = store.all()[0].id;
  // The extension's bundle has its own copy of the error class: compare by shape.
  await assert.rejects(
    c.client.addImageTag(id, { key: 'a', value: 'b' }),
    (e: { name?: string; status?: number; neededActions?: string[] }) =>
      e.name === 'ImsError' && e.status === 403 && e.neededActions?.join() === 'ims:images:update',
  );
  assert.equal(store.get(id)!.tags.has('a'), false);
  const doc = await vscode.commands.executeCommand<vscode.TextDocument>('imsTags.createPolicy', ['ims:images:update']);
  assert.deepEqual(JSON.parse(doc.getText()), {
    Version: '1.1',
    // update with the get its other APIs need: a generated policy is clean under our own checks.
    Statement: [{ Effect: 'Allow', Action: ['ims:images:update', 'ims:images:get'] }],
  });

  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('connecting with AK/SK: secrets go to SecretStorage only, never to settings or the log; sign out removes them', async () => {
  const SK = `secret-${Date.now()}-do-not-log`;
  const emu = await startEmulator({ ak: 'TESTAK', sk: SK, seed: 8, images: 3 });
  try {
    await withEndpoints(emu.url, async () => {
      await vscode.commands.executeCommand('imsTags.connect', { region: 'cn-north-4', auth: 'aksk', ak: 'TESTAK', sk: SK });
      const a = await api();
      const c = a.connections.connection;
      assert.equal(c?.kind, 'cloud');
      assert.equal(c!.projectId, emu.projectId, 'project id resolved through IAM');
      assert.ok((await roots(a)).some((n) => n.kind === 'image'));
      const settings =
        JSON.stringify(vscode.workspace.getConfiguration().inspect('imsTags') ?? {}) +
        JSON.stringify(vscode.workspace.getConfiguration('imsTags'));
      assert.ok(!settings.includes(SK), 'not in settings');
      const logs = await extensionLog(a);
      assert.ok(logs.includes('GET /v2/cloudimages'), 'the log has request lines');
      assert.ok(!logs.includes(SK), 'the secret key is not in the log');
      await vscode.commands.executeCommand('imsTags.signOut');
      assert.equal(a.connections.connection, undefined);
      await assert.rejects(a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk' }), /No access key stored/);
    });
  } finally {
    await emu.close();
  }
});

test('an http:// endpoint that is not loopback is refused', async () => {
  await withEndpoints('http://example.com', async () => {
    const a = await api();
    assert.equal(
      a.connections.endpoints('cn-north-4'),
      'Endpoint http://example.com must use https:// (only 127.0.0.1/localhost may use http).',
    );
  });
});

test('connecting with an IAM user and password: a token, and the project read from it', async () => {
  const emu = await startEmulator({ ak: 'AK2', sk: 'SK2', seed: 2, images: 2, password: 'pw-right' });
  try {
    await withEndpoints(emu.url, async () => {
      const a = await api();
      // Nothing connected before: a failed sign-in must leave no connection, not the one before it.
      await a.connections.signOut();
      await vscode.commands.executeCommand('imsTags.connect', {
        region: 'cn-north-4',
        auth: 'password',
        domain: 'acme',
        user: 'dev',
        password: 'pw-wrong',
      });
      assert.equal(a.connections.connection, undefined, 'a wrong password does not connect');
      await vscode.commands.executeCommand('imsTags.connect', {
        region: 'cn-north-4',
        auth: 'password',
        domain: 'acme',
        user: 'dev',
        password: 'pw-right',
      });
      const current = (): { projectId: string } | undefined => a.connections.connection;
      assert.equal(current()?.projectId, emu.projectId);
      assert.ok((await roots(a)).some((n) => n.kind === 'image'));
      const tokens = emu.issuedTokens();
      assert.ok(tokens.length > 0);
      const logs = await extensionLog(a);
      assert.ok(logs.includes('GET /v2/cloudimages'));
      for (const secret of ['pw-right', ...tokens]) assert.ok(!logs.includes(secret), 'no password or token in the log');
      await vscode.commands.executeCommand('imsTags.signOut');
    });
  } finally {
    await emu.close();
  }
});

test('a reload connects again as the last time: a local emulator while its keys are stored, never a password sign-in', async () => {
  const emu = await startEmulator({ ak: 'RELOADAK', sk: 'reload-sk', seed: 4, images: 2, password: 'pw-reload' });
  const a = await api();
  try {
    await a.connections.storeSecrets({ ak: 'RELOADAK', sk: 'reload-sk' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url });
    // The address is remembered for the next "Connect to a Local Emulator", the last first.
    assert.equal(a.connections.recentLocalUrls()[0], emu.url);
    // The connection row says who it signs as (STS), once known.
    await until('the connection row names the identity', async () => {
      const row = (await a.tree.getChildren()).find((n) => n.kind === 'connection');
      const description = row && String((await a.tree.getTreeItem(row)).description);
      return description && / · as \S+$/.test(description) ? description : undefined;
    });
    // What a reload does at activation (client/extension.ts): the same emulator, its project read again.
    await a.connections.disconnect();
    const restored = await a.connections.restore();
    assert.equal(restored?.endpoint, emu.url);
    assert.equal(restored?.projectId, emu.projectId);
    assert.equal(await a.connections.restore(), undefined, 'connected already: nothing to restore');
    // A newer connection wins over a restore still on its way.
    await a.connections.disconnect();
    const racing = a.connections.restore();
    const sandbox = await a.connections.connectSandbox({ seed: 8, images: 3 });
    await assert.rejects(racing, { name: 'SupersededConnection' });
    assert.equal(a.connections.connection, sandbox);
    // A password sign-in is not repeated unasked; signing out forgets what to restore.
    await withEndpoints(emu.url, async () => {
      await vscode.commands.executeCommand('imsTags.connect', {
        region: 'cn-north-4',
        auth: 'password',
        domain: 'acme',
        user: 'dev',
        password: 'pw-reload',
      });
      assert.equal(a.connections.connection?.projectId, emu.projectId);
      const tokens = emu.issuedTokens().length;
      await a.connections.disconnect();
      assert.equal(await a.connections.restore(), undefined);
      assert.equal(emu.issuedTokens().length, tokens, 'no token asked for');
    });
    await a.connections.signOut();
    assert.equal(await a.connections.restore(), undefined);
  } finally {
    await a.connections.signOut();
    await emu.close();
  }
});

test("switching connections while a page of images is on its way: the tree shows the new connection's images only", async () => {
  // The first emulator answers slowly: its page arrives after the switch, and must not join the new list.
  const slow = await startEmulator({ ak: 'SLOWAK', sk: 'slow-sk', seed: 5, images: 4, latencyMs: 1500 });
  const fast = await startEmulator({ ak: 'FASTAK', sk: 'fast-sk', seed: 6, images: 12 });
  const a = await api();
  try {
    await a.connections.storeSecrets({ ak: 'SLOWAK', sk: 'slow-sk' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: slow.url });
    const inFlight = a.tree.getChildren(); // asks the slow emulator for its first page
    await a.connections.storeSecrets({ ak: 'FASTAK', sk: 'fast-sk' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: fast.url });
    await inFlight;
    const shown = async () => (await a.tree.getChildren()).flatMap((n) => (n.kind === 'image' ? [n.image.id] : [])).sort();
    await until("the tree lists the new emulator's images", async () => ((await shown()).length ? true : undefined));
    await new Promise((r) => setTimeout(r, 2000)); // past the slow page's answer
    const strangers = (await shown()).filter((id) => !fast.store.get(id));
    assert.deepEqual(strangers, [], 'images of the connection left behind');
    assert.ok(slow.store.all().length > 0 && slow.store.all().every((i) => !fast.store.get(i.id)));
  } finally {
    await a.connections.signOut();
    await slow.close();
    await fast.close();
  }
});

test('endpoint settings cannot be set by a workspace (machine scope)', async () => {
  const cfg = vscode.workspace.getConfiguration('imsTags');
  await assert.rejects(
    Promise.resolve(cfg.update('endpoint.ims', 'https://attacker.example.com', vscode.ConfigurationTarget.Workspace)),
  );
  assert.equal(cfg.inspect('endpoint.ims')?.workspaceValue, undefined);
});
