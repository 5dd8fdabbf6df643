/**
 * In-editor cases for tags deciding access (docs/abac.md), on a local emulator with the account of
 * examples/iam.json: the Who Can Tag view (every user × tag API on an image, the Condition that decided,
 * paged), View As (one user's verdicts, a grant on an enterprise project said), the confirmation of a
 * tag write with the access it moves (the writer who locks themselves out gets "Keep My Access" first,
 * the button Enter presses), and the hover of a `.http` tag write.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WhoCanNode } from '../../client/imageAccess/whoCanTree';
import { startEmulator } from '../../emulator/emulator';
import { test, until } from './harness';
import { api } from './workspace';

const ADMIN = { ak: 'ABACADMINAK0000001', sk: 'abac-admin-secret' };
const FRANK = { ak: 'FRANKACCESSKEY000001', sk: 'frank-secret-key-for-the-emulator' };

/**
 * Each test's own account (examples/iam.json on a fresh emulator): the blue image (team=blue, owned by
 * frank) and the red one (team=red), connected as `keys`. No test reads what another changed.
 */
async function account(keys = ADMIN) {
  const emu = await startEmulator({ ...ADMIN, seed: 12, images: 3, iamFile: join(__dirname, '../../../examples/iam.json') });
  const [one, two] = emu.store.all();
  one.tags.set('team', 'blue');
  one.tags.set('owner', 'frank-owner');
  two.tags.set('team', 'red');
  const a = await api();
  await a.connections.storeSecrets(keys);
  await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
  // A test answers the tag-change question itself; the extension's own question comes back afterwards.
  const ask = a.tagChanges.ask;
  const close = async () => {
    a.tagChanges.ask = ask;
    await a.connections.signOut();
    await emu.close();
  };
  return { a, emu, blue: { id: one.id, name: one.name }, red: { id: two.id, name: two.name }, close };
}

const label = async (a: Awaited<ReturnType<typeof api>>, n: WhoCanNode) => {
  const item = await a.whoCan.getTreeItem(n);
  return {
    label: String(item.label),
    description: String(item.description ?? ''),
    tooltip: (item.tooltip as vscode.MarkdownString)?.value ?? String(item.tooltip ?? ''),
  };
};

test('Who Can Tag: every user of the account on an image, each tag API with the statement and condition that decided', async () => {
  const { a, blue, red, close } = await account();
  try {
    const roots = await vscode.commands.executeCommand<WhoCanNode[]>('imsTags.whoCan', { kind: 'image', image: blue });
    assert.equal(roots.length, 1);
    assert.match((await label(a, roots[0])).description, /team=blue/);
    const users = await a.whoCan.getChildren(roots[0]);
    const names = await Promise.all(users.map(async (u) => (await label(a, u)).label));
    for (const n of ['alice-tagger', 'bob-reader', 'dave-intern', 'erin-blue', 'frank-owner'])
      assert.ok(names.includes(n), names.join());
    const erin = users[names.indexOf('erin-blue')];
    const rows = await a.whoCan.getChildren(erin);
    const row = async (api: string) =>
      label(
        a,
        rows.find((r) => r.kind === 'api' && r.access.api.id === api)!,
      );
    const list = await row('ListImageTags');
    assert.equal(list.description, 'allowed');
    assert.match(list.tooltip, /team-blue-taggers.*statement 1.*g:ResourceTag\/team = blue ✓/);
    assert.match(list.tooltip, /team-blue-taggers reaches erin-blue through group team-blue/);
    // Her Deny on g:TagKeys decides a write by the keys it sets: not known before the call.
    const add = await row('AddImageTag');
    assert.equal(add.description, 'depends on');
    assert.match(add.tooltip, /g:TagKeys/);
    // On the red image, the same statement does not hold, and says why.
    const redRoots = await vscode.commands.executeCommand<WhoCanNode[]>('imsTags.whoCan', { kind: 'image', image: red });
    const redUsers = await a.whoCan.getChildren(redRoots[0]);
    const erinRed = redUsers.find((u) => u.kind === 'user' && u.user.name === 'erin-blue')!;
    const redRows = await a.whoCan.getChildren(erinRed);
    const redList = await label(
      a,
      redRows.find((r) => r.kind === 'api' && r.access.api.id === 'ListImageTags')!,
    );
    assert.equal(redList.description, 'not granted');
    assert.match(redList.tooltip, /applies only if g:ResourceTag\/team = blue ✗ \(red\)/);
  } finally {
    await close();
  }
});

test('Who Can Tag pages a large account 50 users at a time', async () => {
  const { a, emu, blue, close } = await account();
  try {
    for (let i = 0; i < 60; i++)
      emu.iam.data.users.push({
        ...emu.iam.data.users[0],
        id: `bulk-user-${String(i).padStart(3, '0')}`,
        name: `zz-bulk-${i}`,
        tags: {},
      });
    await vscode.commands.executeCommand('imsTags.whoCan.refresh');
    const roots = await vscode.commands.executeCommand<WhoCanNode[]>('imsTags.whoCan', { kind: 'image', image: blue });
    const first = await a.whoCan.getChildren(roots[0]);
    assert.equal(first.filter((n) => n.kind === 'user').length, 50);
    const more = first[first.length - 1];
    assert.equal(more.kind, 'more');
    const total = emu.iam.data.users.length;
    assert.equal((await label(a, more)).label, `Show ${total - 50} more of ${total} users…`);
    await vscode.commands.executeCommand('imsTags.whoCan.more', more);
    const all = await a.whoCan.getChildren(roots[0]);
    assert.ok(all.filter((n) => n.kind === 'user').length > 60);
  } finally {
    await close();
  }
});

test('View As: one user’s verdicts per image; a grant on an enterprise project is said', async () => {
  const { a, blue, close } = await account();
  try {
    const roots = await vscode.commands.executeCommand<WhoCanNode[]>('imsTags.viewAs', 'bob-reader', {
      kind: 'image',
      image: blue,
    });
    assert.equal(roots.length, 1);
    assert.equal((await label(a, roots[0])).label, 'Viewing as bob-reader');
    const images = await a.whoCan.getChildren(roots[0]);
    assert.equal(images.length, 1);
    const rows = await a.whoCan.getChildren(images[0]);
    const add = await label(
      a,
      rows.find((r) => r.kind === 'api' && r.access.api.id === 'AddImageTag')!,
    );
    assert.match(add.description, /not granted · granted only on an enterprise project/);
    assert.match(add.tooltip, /IMS tagging \(through group image-readers\) is granted on enterprise project/);
  } finally {
    await close();
  }
});

test('a tag write that moves access asks first, naming who gains and who loses', async () => {
  const { a, emu, red, close } = await account();
  try {
    const asked: Array<{ message: string; detail: string; choices: string[] }> = [];
    a.tagChanges.ask = async (message, detail, ...choices) => {
      asked.push({ message, detail, choices });
      return choices[0];
    };
    // The administrator moves the red image to team blue: erin gains it.
    await vscode.commands.executeCommand(
      'imsTags.editTagValue',
      { kind: 'tag', image: red, tag: { key: 'team', value: 'red' } },
      'blue',
    );
    assert.equal(asked.length, 1);
    assert.equal(asked[0].message, 'This tag change moves access to images.');
    assert.match(asked[0].detail, /erin-blue can now set or read tags on .* \(.*ListImageTags.*\): .*"team-blue-taggers"/);
    assert.deepEqual(asked[0].choices, ['Change Tags']);
    assert.equal(emu.store.get(red.id)?.tags.get('team'), 'blue', 'answered Change Tags: written');
    // A key no policy reads: no question.
    await vscode.commands.executeCommand('imsTags.addTag', { kind: 'image', image: red }, { key: 'env', value: 'dev' });
    assert.equal(asked.length, 1);
    assert.equal(emu.store.get(red.id)?.tags.get('env'), 'dev');
  } finally {
    await close();
  }
});

test('frank deleting his own owner tag is warned he loses the image, and Keep My Access comes first', async () => {
  const { a, emu, blue, close } = await account(FRANK);
  try {
    const asked: Array<{ message: string; detail: string; choices: string[] }> = [];
    a.tagChanges.ask = async (message, detail, ...choices) => {
      asked.push({ message, detail, choices });
      return choices[0]; // what Enter does
    };
    const node = { kind: 'tag', image: blue, tag: { key: 'owner', value: 'frank-owner' } };
    await vscode.commands.executeCommand('imsTags.deleteTag', node);
    assert.equal(asked.length, 1);
    assert.equal(asked[0].message, `After this change you can no longer tag ${blue.name}.`);
    assert.deepEqual(asked[0].choices, ['Keep My Access', 'Delete Anyway']);
    assert.match(asked[0].detail, /Delete tag owner from image/);
    assert.match(asked[0].detail, /you \(frank-owner\) can no longer set or read tags on .*DeleteImageTag/);
    assert.equal(emu.store.get(blue.id)?.tags.get('owner'), 'frank-owner', 'the default kept the tag');
    a.tagChanges.ask = async (_m, _d, ...choices) => choices[1];
    await vscode.commands.executeCommand('imsTags.deleteTag', node);
    assert.equal(emu.store.get(blue.id)?.tags.has('owner'), false, 'Delete Anyway deleted it');
  } finally {
    await close();
  }
});

test('the hover of a .http tag write shows the access it would move when sent now', async () => {
  const { emu, blue, close } = await account();
  try {
    const doc = await vscode.workspace.openTextDocument({
      language: 'http',
      content: `DELETE https://ims.cn-north-4.myhuaweicloud.com/v2/${emu.projectId}/images/${blue.id}/tags/owner\n`,
    });
    const text = await until('the hover with the impact', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(0, 2),
      );
      const t = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /If sent now/.test(t) ? t : undefined;
    });
    assert.match(text, /frank-owner can no longer set or read tags on .*DeleteImageTag/);
  } finally {
    await close();
  }
});
