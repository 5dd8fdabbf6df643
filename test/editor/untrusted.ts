/**
 * Entry point of the restricted-mode suite (a workspace that is not trusted): the language features
 * work, and no IMS request is sent.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImsTagsApi } from '../../client/extension';
import { runAll, test, until } from './harness';
import { open, ours } from './workspace';

test('the workspace is in restricted mode and the extension is active', async () => {
  assert.equal(vscode.workspace.isTrusted, false);
  await open('policy.json');
  const ext = vscode.extensions.getExtension<ImsTagsApi>('ims-tags.ims-tags-policies')!;
  await until('activation', () => (ext.isActive ? true : undefined));
});

test('language features work in restricted mode', async () => {
  const doc = await open('policy.json');
  await until('policy diagnostics', () => ours(doc.uri).find((d) => d.code === 'unknown-action'));
  const http = await open('requests.http');
  await until('http diagnostics', () => ours(http.uri).find((d) => d.code === 'body-schema'));
});

test('no request is sent: the Sandbox, Connect and Send request refuse, and nothing connects', async () => {
  const ext = vscode.extensions.getExtension<ImsTagsApi>('ims-tags.ims-tags-policies')!;
  const result = await vscode.commands.executeCommand('imsTags.openSandbox', { seed: 1, images: 3 });
  assert.equal(result, undefined);
  assert.equal(ext.exports.connections.connection, undefined);
  assert.equal(
    await vscode.commands.executeCommand('imsTags.connect', { region: 'cn-north-4', auth: 'aksk', ak: 'A', sk: 'S' }),
    undefined,
  );
  assert.equal(ext.exports.connections.connection, undefined);
  const doc = await open('sandbox.http');
  assert.equal(await vscode.commands.executeCommand('imsTags.sendRequest', doc.uri, 0, { confirmed: true }), undefined);
});

test('with a connection already there, every command that would send stops at the trust check: the emulator sees nothing', async () => {
  const ext = vscode.extensions.getExtension<ImsTagsApi>('ims-tags.ims-tags-policies')!;
  // Connected behind the commands' back (as a connection made before the workspace lost its trust).
  const c = await ext.exports.connections.connectSandbox({ seed: 2, images: 3 });
  assert.ok(c.kind === 'sandbox');
  const requests = () => (c.kind === 'sandbox' ? c.emulator.stats.requests : -1);
  const before = requests();
  const image = c.emulator.store.all()[0];
  const node = { kind: 'image' as const, image: { id: image.id, name: image.name } };
  const doc = await open('sandbox.http');
  for (const [command, ...args] of [
    ['imsTags.sendRequest', doc.uri, 1, { confirmed: true }],
    ['imsTags.addTag', node, { key: 'k', value: 'v' }],
    ['imsTags.addTagToSelected', undefined, { imageIds: [image.id], tag: { key: 'k', value: 'v' } }],
    ['imsTags.findByTags', { filter: { tags: [{ key: 'env', values: ['prod'] }] } }],
    ['imsTags.listProjectTags', { pick: 'x' }],
    ['imsTags.connect', { region: 'cn-north-4', auth: 'aksk', ak: 'A', sk: 'S' }],
    ['imsTags.policies.newCustomPolicy', { name: 'n', type: 'XA', description: 'd', fromEditor: false }],
    ['imsTags.policies.newIdentityPolicy', { name: 'n', description: 'd', fromEditor: false }],
    ['imsTags.policies.validateWithIam', doc.uri],
  ] as const) {
    assert.equal(await vscode.commands.executeCommand(command, ...args), undefined, command);
  }
  // The tree shows nothing from the emulator either.
  const roots = await ext.exports.tree.getChildren();
  assert.deepEqual(
    roots.map((n) => n.kind),
    ['empty'],
  );
  // Nor the Policies view, nor a live policy document.
  assert.deepEqual(
    (await ext.exports.policies.getChildren()).map((n) => n.kind),
    ['empty'],
  );
  await assert.rejects(
    Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse('ims-iam:/roles/abc.json'))),
    /Restricted mode/,
  );
  assert.equal(requests(), before, 'no request reached the emulator');
  assert.deepEqual(await ext.exports.connections.storedSecretNames(), [], 'the refused Connect stored no credential');
  assert.equal(ext.exports.connections.connection?.kind, 'sandbox', 'Connect changed nothing');
  await ext.exports.connections.disconnect();
});

test("a stranger's .http file: $processEnv is not read, and no value renders as Markdown in a hover", async () => {
  const doc = await open('hostile.http');
  const text = doc.getText();
  const hoverAt = async (needle: string) => {
    const hovers = await until('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        doc.positionAt(text.lastIndexOf(needle) + 3),
      );
      return h.length > 0 ? h : undefined;
    });
    return hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
  };
  assert.match(await hoverAt('{{$processEnv'), /not read in Restricted Mode/);
  const evil = await hoverAt('{{evil}}');
  assert.ok(!evil.includes(process.env.HOME ?? '/root'), 'no value of the process environment');
  // The value is one code span: outside it, no image, link or HTML.
  const outside = evil.replace(/(`+)[^]*?\1/g, '');
  assert.doesNotMatch(outside, /!\[|\]\(|<img/, evil);
});

export async function run(): Promise<void> {
  await runAll();
}
