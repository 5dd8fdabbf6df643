/**
 * In-editor cases for .http environments: Send with a variable from http-client.env.json (the selected
 * environment), a prompt and a note; a token chained from IAM's token request into the next request
 * against a local emulator; the environment command and what the server says with it.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startEmulator } from '../../emulator/emulator';
import { test, until } from './harness';
import { ours, sandbox, workspaceFile } from './workspace';

type Sent = { status: number; body: string; uri: string } | undefined;

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return uri;
}

test('Send resolves the selected environment of http-client.env.json, asks the prompt, and the server agrees', async () => {
  const { store } = await sandbox();
  const image = store.all()[1];
  const env = await write(
    'http-client.env.json',
    JSON.stringify({ $shared: { tagKey: 'from-shared' }, sandbox: { imageId: image.id } }, null, 2),
  );
  const file = await write(
    'env-requests.http',
    [
      '### tag it',
      '# @prompt tagValue the value to set',
      'POST https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags',
      'Content-Type: application/json',
      '',
      '{"tag": {"key": "{{tagKey}}", "value": "{{tagValue}}"}}',
      '',
    ].join('\n'),
  );
  try {
    assert.equal(await vscode.commands.executeCommand('imsTags.selectHttpEnvironment', 'sandbox'), 'sandbox');
    assert.equal(vscode.workspace.getConfiguration('imsTags').get('http.environment'), 'sandbox');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    // The server reads the same file: the environment's imageId has a value, nothing is undefined.
    const hover = await until('the environment hover', async () => {
      const at = doc.getText().indexOf('{{imageId}}') + 3;
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file, doc.positionAt(at));
      const text = hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes(image.id) ? text : undefined;
    });
    assert.match(hover, /environment sandbox \(http-client\.env\.json\)/);
    assert.deepEqual(
      ours(file).filter((d) => d.code === 'undefined-variable'),
      [],
    );
    const sent = await vscode.commands.executeCommand<Sent>('imsTags.sendRequest', file, 0, {
      confirmed: true,
      prompts: { tagValue: 'from-prompt' },
    });
    assert.equal(sent?.status, 204);
    assert.equal(store.get(image.id)!.tags.get('from-shared'), 'from-prompt');
    // Without the environment, imageId is only in sandbox: the warning says so, its quick fix selects it,
    // and Send refuses the request (it has no value).
    await vscode.commands.executeCommand('imsTags.selectHttpEnvironment', '');
    const warned = await until('the environment-not-selected warning', async () =>
      ours(file).find((d) => d.code === 'environment-not-selected' && d.message.includes('{{imageId}}')),
    );
    assert.match(warned.message, /is defined in the environment sandbox, not in the selected one \(none selected\)/);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      file,
      warned.range,
    );
    const select = fixes.find((f) => f.title === 'Select the .http environment "sandbox"');
    assert.ok(select?.command, `no quick fix selecting sandbox: ${fixes.map((f) => f.title).join(', ')}`);
    const failed = await vscode.commands.executeCommand<Sent>('imsTags.sendRequest', file, 0, {
      confirmed: true,
      prompts: { tagValue: 'x' },
    });
    assert.equal(failed, undefined, 'nothing is sent with a variable that has no value');
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('imsTags')
      .update('http.environment', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(env);
    await vscode.workspace.fs.delete(file);
  }
});

test('a token chained from the IAM token request: login as alice, then tag with her X-Auth-Token, unsigned', async () => {
  const { a } = await sandbox();
  const emu = await startEmulator({
    ak: 'LOCALADMINAK000001',
    sk: 'local-admin',
    seed: 3,
    iamFile: join(__dirname, '../../../examples/iam.json'),
  });
  const image = emu.store.all()[0].id;
  const file = await write(
    'token-chain.http',
    [
      `@host = ${emu.url}`,
      '@token = {{login.response.headers.X-Subject-Token}}',
      '',
      '### Get a token for alice',
      '# @name login',
      'POST {{host}}/v3/auth/tokens',
      'Content-Type: application/json',
      '',
      '{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "alice-tagger", "password": "Alice-Pass-1", "domain": {"name": "emulator"}}}}, "scope": {"project": {"name": "cn-north-4"}}}}',
      '',
      '### Tag as alice',
      '# @note',
      `POST {{host}}/v2/{{login.response.body.$.token.project.id}}/images/${image}/tags`,
      'Content-Type: application/json',
      'X-Auth-Token: {{token}}',
      '',
      '{"tag": {"key": "chained", "value": "yes"}}',
      '',
    ].join('\n'),
  );
  try {
    // Connected as the emulator's administrator: the tag request must go with alice's token, not be signed.
    await a.connections.storeSecrets({ ak: 'LOCALADMINAK000001', sk: 'local-admin' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const lenses = await until('the two lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
      return l.length === 2 ? l : undefined;
    });
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['Send IAM token request', 'Send IMS request'],
    );
    const before = await vscode.commands.executeCommand<Sent>('imsTags.sendRequest', file, 1, {
      confirmed: true,
      sendAwaited: false,
    });
    assert.equal(before, undefined, 'the token request was not sent yet: {{token}} has no value');
    const login = await vscode.commands.executeCommand<Sent>('imsTags.sendRequest', file, 0, { confirmed: true });
    assert.equal(login?.status, 201);
    const shown = (await vscode.workspace.openTextDocument(vscode.Uri.parse(login!.uri))).getText();
    assert.match(shown, /x-subject-token: \S{2}•••• \(\d+ characters\)/, 'the token is masked in the response view');
    const tagged = await vscode.commands.executeCommand<Sent>('imsTags.sendRequest', file, 1, { confirmed: true });
    assert.equal(tagged?.status, 204);
    assert.equal(emu.store.get(image)!.tags.get('chained'), 'yes');
    // alice's token, not the administrator's signature: dave's token is refused by his 5.0 Deny.
    const doc = await vscode.workspace.openTextDocument(file);
    const edit = new vscode.WorkspaceEdit();
    const text = doc.getText();
    const at = text.indexOf('"name": "alice-tagger", "password": "Alice-Pass-1"');
    edit.replace(
      file,
      new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"name": "alice-tagger", "password": "Alice-Pass-1"'.length)),
      '"name": "dave-intern", "password": "Dave-Pass-12"',
    );
    await vscode.workspace.applyEdit(edit);
    assert.equal((await vscode.commands.executeCommand<Sent>('imsTags.sendRequest', file, 0, { confirmed: true }))?.status, 201);
    assert.equal((await vscode.commands.executeCommand<Sent>('imsTags.sendRequest', file, 1, { confirmed: true }))?.status, 403);
  } finally {
    await a.connections.signOut();
    await emu.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file);
  }
});
