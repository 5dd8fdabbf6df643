/**
 * In-editor cases for the Policies view and live IAM documents (scheme ims-iam) against the Sandbox:
 * both kinds listed, a custom policy opened with completion and diagnostics, saved into the emulator's
 * IAM, a concurrent change leading to the reload and overwrite choices, a failed save keeping the
 * document dirty, and 5.0 saves creating versions up to the fifth and then asking about the oldest.
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { ImsError } from '../../core/client/errors';
import type { PublishReview } from '../../client/policies/review';
import { ImsClient } from '../../core/client/imsClient';
import { startEmulator } from '../../emulator/emulator';
import type { PolicyNode } from '../../client/policies/tree';
import { SAM, accountWithOwnSchema } from '../support/ownSchema';
import { test, until } from './harness';
import { api, diagnosticsNow, extensionLog, labelOf, ours, revertDirtyWorkspaceFiles, sandbox, workspaceFile } from './workspace';

const asked: string[] = [];

/** Replaces the first `from` in the document with `to` (unsaved). */
async function replace(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = doc.getText().indexOf(from);
  assert.ok(at >= 0, `"${from}" is in ${doc.uri.toString()}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** A local emulator with the account of examples/iam.json (alice, bob, dave); its administrator's keys below. */
const examplesEmulator = (seed: number) =>
  startEmulator({ ak: 'LOCALADMINAK000001', sk: 'local-admin', seed, iamFile: join(__dirname, '../../../examples/iam.json') });

const tick = () => new Promise((r) => setTimeout(r, 5));
const reviews: PublishReview[] = [];

/**
 * Questions answered with their first choice (what Enter does) and every publish passing its review (the
 * review's own test answers it otherwise): no modal dialog waits for a person in these tests.
 */
function answerQuestions(a: Awaited<ReturnType<typeof api>>): void {
  asked.length = 0;
  a.liveDocuments.ask = async (message, ...choices) => {
    asked.push(message);
    return choices[0];
  };
  a.liveDocuments.review = async (review) => {
    reviews.push(review);
    return true;
  };
}

/**
 * Each test's own Sandbox with the live policies the Policies view shows: the custom policy "live tagging"
 * (XA, allowing `actions`, granted to the group taggers on an enterprise project) and the 5.0 policy
 * "live-v5" (one version, allowing ims:images:get). No test reads what another published.
 */
async function livePolicies(actions = ['ims:images:list']) {
  const { a, c } = await sandbox();
  answerQuestions(a);
  const made = await c.iam.createRole({
    display_name: 'live tagging',
    type: 'XA',
    description: 'edited in the editor',
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] },
  });
  c.emulator.iam.data.groups.push({ id: 'g-1', name: 'taggers', description: '', userIds: [], createdAt: '' });
  c.emulator.iam.data.grants.push({
    roleId: made.id,
    subject: { group: 'g-1' },
    scope: { kind: 'enterpriseProject', enterpriseProjectId: c.emulator.enterpriseProjectId },
  });
  const v5 = await c.iam.createPolicy(
    'live-v5',
    JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] }),
  );
  const role = c.emulator.iam.data.roles.find((r) => r.id === made.id)!;
  const policy = c.emulator.iam.data.policies.find((p) => p.id === v5.policy_id)!;
  return { a, c, role, policy };
}

/**
 * The read-only document `name` a command showed (a report, a comparison, a draft): never an Untitled
 * document that asks to be saved when the window closes.
 */
function assertShownReadOnly(name: string, active = false): void {
  const shown = active
    ? [vscode.window.activeTextEditor!.document]
    : vscode.workspace.textDocuments.filter((d) => d.uri.path.split('/').pop() === name);
  assert.ok(shown.length > 0, `${name} is shown`);
  for (const d of shown) {
    assert.equal(d.uri.path.split('/').pop(), name);
    assert.equal(d.uri.scheme, 'ims-tags-view', `${name} is read-only, not ${d.uri.toString()}`);
    assert.equal(d.isDirty, false);
  }
}

/** A live custom policy's document, open in an editor. */
async function openRole(role: { id: string; displayName: string }): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/roles/${role.id}/${role.displayName}.json`));
  await vscode.window.showTextDocument(doc);
  return doc;
}

test('the Policies view lists custom policies with their grants and 5.0 policies with their versions', async () => {
  const { a } = await livePolicies();
  await vscode.commands.executeCommand('imsTags.policies.refresh');
  const sections = await a.policies.getChildren();
  assert.deepEqual(
    sections.map((s) => String(a.policies.getTreeItem(s).label)),
    ['Custom policies (IAM 1.1)', 'Identity policies (IAM 5.0)'],
  );
  const roles = await a.policies.getChildren(sections[0]);
  const roleNode = roles.find((n) => n.kind === 'role') as Extract<PolicyNode, { kind: 'role' }>;
  assert.equal(roleNode.role.display_name, 'live tagging');
  assert.match(String(a.policies.getTreeItem(roleNode).description), /XA · granted once/);
  const grants = await a.policies.getChildren(roleNode);
  assert.match(
    String(a.policies.getTreeItem(grants[0]).label),
    /^group taggers on enterprise project .*authorizes no IMS tag API/,
  );
  const policies = await a.policies.getChildren(sections[1]);
  const versions = await a.policies.getChildren(policies[0]);
  assert.deepEqual(
    versions.map((v) => [a.policies.getTreeItem(v).label, a.policies.getTreeItem(v).description]),
    [['v1', 'default']],
  );
});

test('a custom policy opens as a live document with every policy feature, and saving publishes it', async () => {
  const { a, c } = await livePolicies();
  const roleNode = (await a.policies.getChildren((await a.policies.getChildren())[0])).find((n) => n.kind === 'role')!;
  const uri = (a.policies.getTreeItem(roleNode).command!.arguments as vscode.Uri[])[0];
  assert.equal(uri.scheme, 'ims-iam');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'json');
  assert.deepEqual(JSON.parse(doc.getText()).Statement[0].Action, ['ims:images:list']);
  await replace(doc, '"ims:images:list"', '"ims:images:list", "ims:images:updte"');
  const d = await until('a diagnostic in the live document', () => ours(doc.uri).find((x) => x.code === 'unknown-action'));
  assert.equal(doc.getText(d.range), '"ims:images:updte"');
  const at = doc.positionAt(doc.getText().indexOf('"ims:images:updte"') + 5);
  const labels = await until('completion in the live document', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      at,
      ':',
    );
    const l = list.items.map(labelOf);
    return l.some((x) => x.startsWith('ims:images')) ? l : undefined;
  });
  assert.ok(labels.length > 0);
  await replace(doc, 'ims:images:updte', 'ims:images:update');
  assert.equal(await doc.save(), true, 'the save is published');
  // Compare with Cloud Copy: the copy IAM now holds, which is what was just published.
  const cloudCopy = await vscode.commands.executeCommand<vscode.Uri>('imsTags.policies.compareWithCloud');
  assert.equal(cloudCopy.scheme, 'ims-tags-view', 'a read-only copy, never a dirty Untitled document');
  const copyDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === cloudCopy.toString())!;
  assert.deepEqual(JSON.parse(copyDoc.getText()), JSON.parse(doc.getText()));
  const stored = c.emulator.iam.data.roles.find((r) => r.displayName === 'live tagging')!;
  assert.deepEqual((stored.policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, [
    'ims:images:list',
    'ims:images:update',
  ]);
});

test('a change made in IAM meanwhile: reload shows the cloud copy, overwrite publishes the edit', async () => {
  const { a, c, role: stored } = await livePolicies(['ims:images:list', 'ims:images:update']);
  const doc = await openRole(stored);
  const concurrent = (actions: string[]) =>
    tick().then(() =>
      c.iam.updateRole(stored.id, { policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] } }),
    );
  // Reload: the edit is dropped and the document shows what IAM has.
  await concurrent(['ims:images:get']);
  await replace(doc, '"ims:images:update"', '"ims:images:update", "ims:quotas:get"');
  a.liveDocuments.ask = async (message, ...choices) => {
    asked.push(message);
    // Compare is offered first (Enter compares); Overwrite never is.
    assert.deepEqual(choices, ['Compare', 'Reload', 'Overwrite']);
    return choices.find((x) => x === 'Reload');
  };
  await doc.save();
  assert.match(asked[0], /changed in IAM since you opened it \(last changed [^)]+\)/, 'IAM says when');
  await until('the cloud copy is shown', () =>
    !doc.isDirty && JSON.parse(doc.getText()).Statement[0].Action.join() === 'ims:images:get' ? true : undefined,
  );
  // Overwrite: the edit wins.
  await concurrent(['ims:images:list']);
  await replace(doc, '"ims:images:get"', '"ims:images:get", "ims:images:update"');
  a.liveDocuments.ask = async (message, ...choices) => {
    asked.push(message);
    return choices.find((x) => x === 'Overwrite');
  };
  assert.equal(await doc.save(), true);
  assert.deepEqual((stored.policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, [
    'ims:images:get',
    'ims:images:update',
  ]);
});

test('a failed save keeps the document dirty: errors of our diagnostics block it', async () => {
  const { role: stored } = await livePolicies(['ims:images:get', 'ims:images:update']);
  const doc = await openRole(stored);
  await replace(doc, '"ims:images:update"', '"ims:images"');
  await until('the malformed action is an error', () => ours(doc.uri).find((x) => x.code === 'malformed-action'));
  assert.equal(await doc.save(), false, 'not published');
  assert.equal(doc.isDirty, true, 'the edit is kept');
  assert.deepEqual((stored.policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, [
    'ims:images:get',
    'ims:images:update',
  ]);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('with auto-save on (afterDelay), edits of a live 1.1 and a 5.0 policy stay unpublished until Publish', async () => {
  const { a, c } = await sandbox();
  answerQuestions(a);
  await revertDirtyWorkspaceFiles();
  assert.deepEqual(
    vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file').map((d) => d.uri.path),
    [],
    'no workspace file is left unsaved for auto-save to write',
  );
  const files = vscode.workspace.getConfiguration('files');
  await files.update('autoSaveDelay', 100, vscode.ConfigurationTarget.Global);
  await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
  try {
    // Policies of its own, so the other tests' documents and version counts stay as they are.
    const made = await c.iam.createRole({
      display_name: 'auto-save guard',
      type: 'XA',
      description: 'never published by auto-save',
      policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] },
    });
    const madeV5 = await c.iam.createPolicy(
      'auto-save-guard',
      JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] }),
    );
    const role = c.emulator.iam.data.roles.find((r) => r.id === made.id)!;
    const policy = c.emulator.iam.data.policies.find((p) => p.id === madeV5.policy_id)!;
    const roleBefore = JSON.stringify(role.policy);
    const versionsBefore = policy.versions.length;
    const roleDoc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/roles/${role.id}.json`));
    await vscode.window.showTextDocument(roleDoc);
    await replace(roleDoc, '"ims:images:get"', '"ims:images:get", "ims:quotas:get"');
    const v5Doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/policies/${policy.id}.json`));
    await vscode.window.showTextDocument(v5Doc);
    await replace(v5Doc, '"ims:images:get"', '"ims:images:get", "ims:quotas:get"');
    // Several auto-save delays pass, and a focus change (another editor) too: nothing reaches IAM.
    await vscode.window.showTextDocument(roleDoc);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(JSON.stringify(role.policy), roleBefore, 'the custom policy was not PATCHed');
    assert.equal(policy.versions.length, versionsBefore, 'no 5.0 version was created');
    assert.equal(roleDoc.isDirty, true, 'the 1.1 document keeps its unpublished edit');
    assert.equal(v5Doc.isDirty, true, 'the 5.0 document keeps its unpublished edit');
    // Publish (the editor title's action) opens the review: Cancel (its default) publishes nothing.
    let seen: PublishReview | undefined;
    a.liveDocuments.review = async (review) => {
      seen = review;
      return false;
    };
    assert.equal(await vscode.commands.executeCommand('imsTags.policies.publishLive', roleDoc.uri), false);
    assert.equal(JSON.stringify(role.policy), roleBefore, 'cancelled: nothing sent');
    assert.equal(seen?.name, '"auto-save guard"', 'the review names the policy by its name');
    assert.deepEqual(seen?.added, ['allows ims:quotas:get (statement 1)']);
    assert.deepEqual(seen?.removed, []);
    // Publish in the review: now it goes to IAM.
    a.liveDocuments.review = async (review) => {
      reviews.push(review);
      return true;
    };
    assert.equal(await vscode.commands.executeCommand('imsTags.policies.publishLive', roleDoc.uri), true);
    assert.match(JSON.stringify(role.policy), /ims:quotas:get/);
    assert.equal(roleDoc.isDirty, false);
    await vscode.window.showTextDocument(v5Doc);
    assert.equal(await vscode.commands.executeCommand('imsTags.policies.publishLive'), true);
    assert.equal(policy.versions.length, versionsBefore + 1);
    const last = reviews[reviews.length - 1];
    assert.deepEqual(last.added, ['allows ims:quotas:get (statement 1)']);
    assert.match(last.analyzer ?? '', /IAM Access Analyzer: new access/, 'confirmed by check-no-new-access where offered');
    // Saving a version that is not the default asks: a version only (the first choice), or the new default.
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const questions: string[] = [];
    a.liveDocuments.ask = async (message, ...choices) => {
      questions.push(message);
      return choices[0];
    };
    const v1 = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/policies/${policy.id}/v1.json`));
    await vscode.window.showTextDocument(v1);
    await replace(v1, '"ims:images:get"', '"ims:images:get", "ims:images:list"');
    const defaultBefore = policy.defaultVersionId;
    const reviewsBefore = reviews.length;
    assert.equal(await v1.save(), true);
    assert.match(questions[0], /v1 is not the default version of "auto-save-guard" \(the default is v2\)/);
    assert.equal(policy.defaultVersionId, defaultBefore, 'the default is unchanged');
    assert.equal(policy.versions.length, versionsBefore + 2, 'published as a version of its own');
    assert.equal(reviews.length, reviewsBefore, 'a version that is not the default changes no access: nothing to review');
    // As the new default: the review compares with the default in force (it has ims:quotas:get), not with v1.
    a.liveDocuments.ask = async (message, ...choices) => {
      questions.push(message);
      return choices[1];
    };
    const v1Again = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/policies/${policy.id}/v1.json`));
    await vscode.window.showTextDocument(v1Again);
    await replace(v1Again, '"ims:images:get"', '"ims:images:get", "ims:images:update"');
    assert.equal(await v1Again.save(), true);
    const asDefault = reviews[reviews.length - 1];
    assert.equal(reviews.length, reviewsBefore + 1, 'a new default is reviewed');
    assert.ok(
      asDefault.added.some((x) => /ims:images:update/.test(x)),
      JSON.stringify(asDefault.added),
    );
    assert.ok(
      asDefault.removed.some((x) => /ims:quotas:get/.test(x)),
      `what the default in force allows and the edit drops is shown as removed: ${JSON.stringify(asDefault.removed)}`,
    );
    assert.notEqual(policy.defaultVersionId, defaultBefore, 'the edit is the new default');
  } finally {
    await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
  }
});

test('saving a 5.0 policy creates a new default version; the sixth save asks to delete the oldest', async () => {
  const { a, policy } = await livePolicies();
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/policies/${policy.id}.json`));
  await vscode.window.showTextDocument(doc);
  for (const action of ['ims:images:list', 'ims:quotas:get', 'ims:images:update', 'ims:images:create']) {
    await replace(doc, '"ims:images:get"', `"ims:images:get", "${action}"`);
    assert.equal(await doc.save(), true, `the save adding ${action} is published`);
  }
  assert.equal(policy.versions.length, 5);
  assert.equal(policy.defaultVersionId, 'v5');
  asked.length = 0;
  a.liveDocuments.ask = async (message, ...choices) => {
    asked.push(message);
    return choices[0];
  };
  await replace(doc, '"ims:images:get"', '"ims:images:get", "ims:images:copy"');
  assert.equal(await doc.save(), true);
  assert.match(asked[0], /already has 5 versions/);
  assert.deepEqual(
    policy.versions.map((v) => v.versionId),
    ['v2', 'v3', 'v4', 'v5', 'v6'],
  );
  assert.equal(policy.defaultVersionId, 'v6');
  // IAM refuses what our diagnostics do not judge (a 5.0 document over 6,144 characters): the save fails
  // with IAM's code and message, and the document keeps the edit.
  const many = Array.from({ length: 400 }, (_, i) => `"obs:object:get${i}"`).join(', ');
  await replace(doc, '"ims:images:get"', `"ims:images:get", ${many}`);
  assert.equal(await doc.save(), false);
  assert.equal(doc.isDirty, true);
  assert.equal(policy.defaultVersionId, 'v6');
  await assert.rejects(
    Promise.resolve(a.liveDocuments.writeFile(doc.uri, Buffer.from(doc.getText()))),
    /IAM refused to publish "live-v5": .*IAM\.0001 .*at most 6144/,
  );
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('after a reload, a change made in IAM meanwhile is still caught: the base copy is remembered per document', async () => {
  const { a, c } = await sandbox();
  const made = await c.iam.createRole({
    display_name: 'reload guard',
    type: 'XA',
    description: 'd',
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] },
  });
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/roles/${made.id}/reload guard.json`));
  await vscode.window.showTextDocument(doc);
  await replace(doc, '"ims:images:get"', '"ims:images:get", "ims:images:list"');
  // What a reload loses: the copies held in memory (the edit itself comes back from VS Code's backup).
  a.liveDocuments.forgetSession();
  // Meanwhile, somebody else changes the policy in IAM.
  await new Promise((r) => setTimeout(r, 5));
  await c.iam.updateRole(made.id, {
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:update'] }] },
  });
  const questions: string[] = [];
  a.liveDocuments.ask = async (message, ...choices) => {
    questions.push(message);
    return choices.find((x) => x === 'Compare');
  };
  try {
    // The save as the provider receives it (VS Code's own checks of the editor's model aside).
    await assert.rejects(
      Promise.resolve(a.liveDocuments.writeFile(doc.uri, Buffer.from(doc.getText()))),
      /Not published: the cloud copy changed/,
    );
    assert.match(questions[0] ?? '', /"reload guard" changed in IAM since you opened it/);
    const stored = c.emulator.iam.data.roles.find((r) => r.id === made.id)!;
    assert.deepEqual((stored.policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, ['ims:images:update']);
  } finally {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

test('at 5 versions, a new version that IAM then refuses loses nothing: the deleted version is offered back', async () => {
  const { a, c, policy } = await livePolicies();
  // Four more versions, each the default in turn: IAM holds five, the most it keeps.
  const actions = ['ims:images:get'];
  for (const action of ['ims:images:list', 'ims:quotas:get', 'ims:images:update', 'ims:images:create']) {
    actions.push(action);
    await c.iam.createVersion(
      policy.id,
      JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: actions }] }),
      true,
    );
  }
  assert.equal(policy.versions.length, 5);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`ims-iam:/policies/${policy.id}.json`));
  await vscode.window.showTextDocument(doc);
  const oldest = policy.versions.find((v) => v.versionId !== policy.defaultVersionId)!;
  const oldestDocument = oldest.document;
  // IAM is full (409); after the deletion it refuses the new version (a failure of the moment).
  const original = c.iam.createVersion.bind(c.iam);
  let calls = 0;
  c.iam.createVersion = async (...args: Parameters<typeof original>) => {
    calls++;
    if (calls === 2) throw new ImsError('IAM.0500 service unavailable', 503, 'IAM.0500', undefined, undefined);
    return original(...args);
  };
  const questions: string[] = [];
  a.liveDocuments.ask = async (message, ...choices) => {
    questions.push(message);
    return choices[0];
  };
  try {
    await replace(doc, '"ims:images:get"', '"ims:images:get", "ims:images:share"');
    assert.equal(await doc.save(), false, 'not published');
    assert.equal(doc.isDirty, true, 'the edit is kept');
    assert.match(questions[0], /already has 5 versions/);
    assert.match(questions[1], new RegExp(`${oldest.versionId} was deleted to make room, then IAM refused your version`));
    // Restored: the deleted version's document is a version again (not the default).
    const restored = policy.versions[policy.versions.length - 1];
    assert.equal(restored.document, oldestDocument);
    assert.notEqual(policy.defaultVersionId, restored.versionId);
  } finally {
    c.iam.createVersion = original;
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

test('create from a template and from the active editor, edit details, save to the workspace, publish a file, compare, validate, delete', async () => {
  const { a, c } = await sandbox();
  answerQuestions(a);
  // Workspace files of this test, removed whatever happens: a policy left behind would grant in the others.
  const file = workspaceFile('saved-role.json');
  const v5 = workspaceFile('identity-5.json');
  const bad = workspaceFile('identity-bad.json');
  try {
    // A custom policy from the template.
    const roleUri = await vscode.commands.executeCommand<vscode.Uri>('imsTags.policies.newCustomPolicy', {
      name: 'from template',
      type: 'XA',
      description: 'made by a test',
      fromEditor: false,
    });
    assert.equal(roleUri.scheme, 'ims-iam');
    const role = c.emulator.iam.data.roles.find((r) => r.displayName === 'from template')!;
    assert.deepEqual((role.policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, ['ims:images:list']);
    // Name, description and type through the command.
    const roleNode = (await a.policies.getChildren((await a.policies.getChildren())[0])).find(
      (n) => n.kind === 'role' && n.role.id === role.id,
    )!;
    await vscode.commands.executeCommand('imsTags.policies.editDetails', roleNode, { display_name: 'renamed', type: 'AX' });
    assert.equal(role.displayName, 'renamed');
    assert.equal(role.type, 'AX');
    // Saved to the workspace, then that file (edited) published to a new 5.0 policy from the active editor.
    await vscode.commands.executeCommand('imsTags.policies.saveToWorkspace', roleNode, file);
    const saved = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
    assert.equal(saved.Version, '1.1');
    await vscode.workspace.fs.writeFile(
      v5,
      Buffer.from(JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] })),
    );
    await vscode.window.showTextDocument(v5);
    // A 5.0 file is not published to a 1.1 policy: the command says so (in a message) and changes nothing.
    assert.equal(await vscode.commands.executeCommand('imsTags.policies.publishToIam', v5, { roleId: role.id }), undefined);
    assert.deepEqual((role.policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, ['ims:images:list']);
    assert.equal(role.displayName, 'renamed', 'a 5.0 file is not published to a 1.1 policy');
    const made = await vscode.commands.executeCommand<vscode.Uri>('imsTags.policies.newIdentityPolicy', {
      name: 'from-editor',
      description: 'x',
    });
    const created = c.emulator.iam.data.policies.find((p) => p.name === 'from-editor')!;
    assert.match(created.versions[0].document, /ims:images:get/);
    assert.equal(made.path, `/policies/${created.id}/default/from-editor.json`, 'named after the policy');
    // A new identity policy while a 1.1 policy is in the editor starts from the template, not an error.
    await vscode.window.showTextDocument(file);
    await vscode.commands.executeCommand('imsTags.policies.newIdentityPolicy', { name: 'from-a-1-1-editor', description: 'x' });
    const fromTemplate = c.emulator.iam.data.policies.find((p) => p.name === 'from-a-1-1-editor')!;
    assert.deepEqual(JSON.parse(fromTemplate.versions[0].document).Statement[0].Action, ['ims:images:list']);
    // Publishing the workspace file to the existing role replaces its policy.
    await vscode.commands.executeCommand('imsTags.policies.publishToIam', file, { roleId: role.id });
    assert.deepEqual(role.policy, saved);
    // Compare a live policy with the file; validate a 5.0 document with IAM.
    await vscode.commands.executeCommand('imsTags.policies.compareWithFile', roleNode, file);
    await vscode.workspace.fs.writeFile(
      bad,
      Buffer.from(JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:lst'] }] }, null, 2)),
    );
    const findings = await vscode.commands.executeCommand<Array<{ issue_code: string }>>('imsTags.policies.validateWithIam', bad);
    assert.deepEqual(
      findings.map((f) => f.issue_code),
      ['UNKNOWN_ACTION'],
    );
    const iamDiag = await until('IAM findings as diagnostics', () =>
      vscode.languages.getDiagnostics(bad).find((d) => d.source === 'IAM Access Analyzer'),
    );
    // The code links to Access Analyzer's learn-more page; the range is the span it names.
    assert.equal(typeof iamDiag.code === 'object' ? iamDiag.code.value : iamDiag.code, 'UNKNOWN_ACTION');
    const badDoc = await vscode.workspace.openTextDocument(bad);
    assert.equal(badDoc.getText(iamDiag.range), '"ims:images:lst"');
    // Delete: refused while granted (naming the grant), done with confirmation otherwise.
    c.emulator.iam.data.grants.push({
      roleId: role.id,
      subject: { group: 'g-2' },
      scope: { kind: 'project', projectId: c.projectId },
    });
    await vscode.commands.executeCommand('imsTags.policies.refresh');
    const granted = (await a.policies.getChildren((await a.policies.getChildren())[0])).find(
      (n) => n.kind === 'role' && n.role.id === role.id,
    )!;
    assert.equal(await vscode.commands.executeCommand('imsTags.policies.delete', granted, true), undefined, 'refused, and told');
    assert.ok(c.emulator.iam.data.roles.includes(role));
    c.emulator.iam.data.grants = c.emulator.iam.data.grants.filter((g) => g.roleId !== role.id);
    await vscode.commands.executeCommand('imsTags.policies.refresh');
    const free = (await a.policies.getChildren((await a.policies.getChildren())[0])).find(
      (n) => n.kind === 'role' && n.role.id === role.id,
    )!;
    assert.equal(await vscode.commands.executeCommand('imsTags.policies.delete', free, true), true);
    assert.ok(!c.emulator.iam.data.roles.some((r) => r.id === role.id));
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of [file, v5, bad]) await vscode.workspace.fs.delete(f).then(undefined, () => undefined);
  }
});

test('a least-privilege policy generated for a job, granted to a user, makes the denied request pass', async () => {
  const { a, c } = await sandbox();
  answerQuestions(a);
  const emu = c.emulator;
  // A user with a key and a group, and nothing granted: AddImageTag is refused.
  const data = emu.iam.data;
  data.users.push({ id: 'u-least', name: 'least-user', description: '', enabled: true, createdAt: '' });
  data.groups.push({ id: 'g-least', name: 'least', description: '', userIds: ['u-least'], createdAt: '' });
  data.accessKeys.push({
    access: 'LEASTAK000000001',
    secret: 'least-secret',
    userId: 'u-least',
    status: 'active',
    description: '',
    createdAt: '',
  });
  const asUser = new ImsClient({
    endpoint: emu.url,
    projectId: emu.projectId,
    credentials: { kind: 'aksk', ak: 'LEASTAK000000001', sk: 'least-secret' },
    maxAttempts: 1,
  });
  const image = emu.store.all()[0].id;
  await assert.rejects(asUser.addImageTag(image, { key: 'least', value: '1' }), /403/);
  // Generated for the job (AddImageTag, picked), published to IAM as a custom policy.
  const live = await vscode.commands.executeCommand<vscode.Uri>('imsTags.generateLeastPrivilegePolicy', {
    source: 'apis',
    apiIds: ['AddImageTag'],
    version: '1.1',
    target: 'iam',
    name: 'least for AddImageTag',
  });
  assert.equal(live.scheme, 'ims-iam');
  // The draft was shown first, read-only: never an Untitled document that asks to be saved.
  assertShownReadOnly('ims-least-privilege.json');
  const role = data.roles.find((r) => r.displayName === 'least for AddImageTag')!;
  assert.deepEqual((role.policy as { Statement: Array<{ Action: string[] }> }).Statement[0].Action, [
    'ims:images:get',
    'ims:images:update',
  ]);
  data.grants.push({ roleId: role.id, subject: { group: 'g-least' }, scope: { kind: 'project', projectId: emu.projectId } });
  await asUser.addImageTag(image, { key: 'least', value: '1' });
  assert.equal(emu.store.get(image)!.tags.get('least'), '1');
  // The operations this window performed include the explorer's: the policy for them lists images. The
  // explorer lists them here, so the test does not rely on another file having shown the tree first.
  await a.tree.getChildren();
  const file = workspaceFile('least-session.json');
  await vscode.commands.executeCommand('imsTags.generateLeastPrivilegePolicy', {
    source: 'session',
    version: '5.0',
    target: 'file',
    file,
    scopeToImages: false,
    onlyTagged: '',
  });
  try {
    const written = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
    assert.equal(written.Version, '5.0');
    assert.ok(written.Statement[0].Action.includes('ims:images:list'), JSON.stringify(written));
  } finally {
    // A policy file left behind, on disk or open in an editor, would grant in the other tests.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
  }
  // As Terraform.
  const tf = await vscode.commands.executeCommand<vscode.Uri>('imsTags.generateLeastPrivilegePolicy', {
    source: 'apis',
    apiIds: ['ListTags'],
    version: '5.0',
    onlyTagged: 'team=blue',
    target: 'terraform',
    name: 'tags-reader',
  });
  const tfDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === tf.toString())!;
  assert.match(tfDoc.getText(), /resource "huaweicloud_identityv5_policy" "tags_reader"[\s\S]*jsonencode\(\{/);
  // Scoped by a tag: the tag query carries the condition, its keys quoted in HCL.
  assert.match(tfDoc.getText(), /"g:ResourceTag\/team" = "blue"/);
  // Scoped by a tag: the tag query carries the condition, in HCL.
  assert.match(tfDoc.getText(), /Condition = \{\n\s+StringEquals = \{\n\s+"g:ResourceTag\/team" = "blue"/);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('the IMS catalogue compared with the cloud’s authorization schema: the Sandbox agrees', async () => {
  await sandbox();
  const differences = await vscode.commands.executeCommand<unknown[]>('imsTags.compareCatalogueWithCloud');
  assert.deepEqual(differences, []);
  assertShownReadOnly('ims-catalogue-against-the-cloud.md', true);
  const shown = vscode.window.activeTextEditor!.document;
  assert.equal(shown.languageId, 'markdown');
  assert.match(shown.getText(), /No differences: the actions, their access levels and the operations agree\./);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('as dave (5.0 Deny, IAM read access): My permissions, the .http hover and warning, and the batch stopped up front', async () => {
  const { a } = await sandbox();
  const emu = await examplesEmulator(5);
  const doc = await vscode.workspace.openTextDocument({
    language: 'http',
    content: `POST https://ims.cn-north-4.myhuaweicloud.com/v2/${emu.projectId}/images/img-1/tags\nContent-Type: application/json\n\n{"tag": {"key": "env", "value": "prod"}}\n`,
  });
  await vscode.window.showTextDocument(doc);
  try {
    await a.connections.storeSecrets({ ak: 'DAVEACCESSKEY0000001', sk: 'dave-secret-key-for-the-emulator' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
    const rows = await a.myPermissions.getChildren();
    const row = (id: string) => {
      const r = rows.find((n) => n.kind === 'access' && n.verdict.api === id)!;
      return a.myPermissions.getTreeItem(r);
    };
    assert.equal(rows.length, 12);
    assert.equal(row('ListImageTags').description, 'allowed');
    assert.equal(row('AddImageTag').description, 'denied');
    assert.match(
      (row('AddImageTag').tooltip as vscode.MarkdownString).value,
      /Denied by \[interns-read-only\]\(ims-iam:\/policies\//,
    );
    // A Deny decides: the tooltip says the action is denied, not that it is missing.
    const tip = (row('AddImageTag').tooltip as vscode.MarkdownString).value;
    assert.match(tip, /Denied: ims:images:setTags\./);
    assert.doesNotMatch(tip, /Missing:/);
    // The language server was told: the warning and the hover speak for dave.
    const warning = await until('the identity warning', async () => ours(doc.uri).find((d) => d.code === 'identity-refused'));
    assert.equal(warning.message, 'You, as dave-intern, may not call AddImageTag: denied by "interns-read-only", statement 1.');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(0, 1),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*You, as dave-intern\*\* \(a local emulator\): ⛔ denied by "interns-read-only", statement 1/);
    // A batch the identity may not run stops before any image is touched.
    const image = emu.store.all()[0].id;
    const result = await vscode.commands.executeCommand('imsTags.addTagToSelected', undefined, {
      imageIds: [image],
      tag: { key: 'dave-was-here', value: 'x' },
    });
    assert.equal(result, undefined);
    assert.ok(!emu.store.get(image)!.tags.has('dave-was-here'), 'nothing was tagged');
  } finally {
    await a.connections.signOut();
    await emu.close();
    // Back on the Sandbox (the administrator), the warning goes away.
    await vscode.commands.executeCommand('imsTags.openSandbox', { seed: 8, images: 3 });
  }
  await until('no identity warning', async () => (ours(doc.uri).some((d) => d.code === 'identity-refused') ? undefined : true));
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

test('an account whose IAM publishes its own schema: 5.0 policies and My permissions follow it', async () => {
  const { a } = await sandbox();
  const { iamFile, schema } = accountWithOwnSchema();
  const emu = await startEmulator({ ak: 'LOCALADMINAK000001', sk: 'local-admin', seed: 12, iamFile });
  const doc = await vscode.workspace.openTextDocument({
    language: 'json',
    content: JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:tagAudit'] }] }, null, 2),
  });
  await vscode.window.showTextDocument(doc);
  try {
    // With only the snapshot, the action is unknown.
    await until(
      'unknown with the snapshot',
      async () => ours(doc.uri).find((d) => d.code === 'unknown-action'),
      20_000,
      () => diagnosticsNow(doc),
    );
    await a.connections.storeSecrets(SAM);
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
    const read = await vscode.commands.executeCommand<{ actions: number; readAt: string }>('imsTags.refreshAuthorizationSchema');
    assert.equal(read.actions, schema.actions.length);
    await until("known with the account's schema", async () =>
      ours(doc.uri).some((d) => d.code === 'unknown-action') ? undefined : true,
    );
    // My permissions judge the 5.0 policy by the account's mapping: AddImageTag is tagAudit here.
    await a.access.refresh();
    const rows = await a.myPermissions.getChildren();
    const decision = (id: string) =>
      a.myPermissions.getTreeItem(rows.find((n) => n.kind === 'access' && n.verdict.api === id)!).description;
    assert.equal(decision('AddImageTag'), 'allowed');
    assert.equal(decision('DeleteImageTag'), 'not granted');
  } finally {
    await a.connections.signOut();
    await emu.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

test('policy checks: a .http file sent as bob and as dave on a local emulator agrees with every prediction', async () => {
  const { a } = await sandbox();
  const emu = await examplesEmulator(6);
  const image = emu.store.all()[0].id;
  const file = workspaceFile('policy-checks.http');
  const text = [
    `@imageId = ${image}`,
    '### read',
    'GET https://ims.cn-north-4.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags',
    '### tag',
    'POST https://ims.cn-north-4.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags',
    'Content-Type: application/json',
    '',
    '{"tag": {"key": "checked", "value": "yes"}}',
    '### untag',
    'DELETE https://ims.cn-north-4.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags/checked',
    '### no value for this one',
    'GET https://ims.cn-north-4.myhuaweicloud.com/v2/{{projectId}}/images/{{nowhere}}/tags',
    '',
  ].join('\n');
  await vscode.workspace.fs.writeFile(file, Buffer.from(text));
  type Row = { api: string; predicted: string; status?: number; outcome: string; note?: string };
  const chain = workspaceFile('policy-checks-chain.http');
  try {
    // Connected as dave, who may read IAM but not make keys: told what the checks need before anything is
    // asked, and nothing is tried (no key made, no user listed).
    await a.connections.storeSecrets({ ak: 'DAVEACCESSKEY0000001', sk: 'dave-secret-key-for-the-emulator' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
    const refused = await vscode.commands.executeCommand('imsTags.runPolicyChecks', {
      uri: file,
      user: 'bob-reader',
      confirmed: true,
    });
    assert.equal(refused, undefined);
    await until(
      'the reason, in the log',
      async () =>
        /only the account's administrator .* This connection signs as dave-intern/.test(await extensionLog(a)) || undefined,
    );
    assert.equal(emu.iam.data.accessKeys.length, 5);
    await a.connections.storeSecrets({ ak: 'LOCALADMINAK000001', sk: 'local-admin' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
    const run = (user: string) =>
      vscode.commands.executeCommand<Row[]>('imsTags.runPolicyChecks', { uri: file, user, confirmed: true });
    const bob = await run('bob-reader');
    assert.deepEqual(
      bob.map((r) => `${r.api} ${r.predicted} ${r.status ?? '-'} ${r.outcome}`),
      [
        'ListImageTags allowed 200 agrees',
        'AddImageTag notGranted 403 agrees',
        'DeleteImageTag notGranted 403 agrees',
        'ListImageTags allowed - notSent',
      ],
    );
    assertShownReadOnly('ims-policy-checks.md', true);
    const report = vscode.window.activeTextEditor!.document.getText();
    assert.match(
      report,
      /\| 2 \| 5 \| `POST \/v2\/[0-9a-f]+\/images\/[^/]+\/tags` \| AddImageTag \| not granted \| 403 \| agrees \|/,
    );
    assert.match(report, /variables without a value: nowhere/);
    assert.match(report, /3 agree, 0 findings, 1 not sent\./);
    const dave = await run('dave-intern');
    assert.deepEqual(
      dave.slice(0, 3).map((r) => `${r.predicted} ${r.status} ${r.outcome}`),
      ['allowed 200 agrees', 'denied 403 agrees', 'denied 403 agrees'],
    );
    // A token chain: the login the request carries the token of is sent first (as this connection), so the
    // request is checked, not left "not sent" for want of {{token}}.
    await vscode.workspace.fs.writeFile(
      chain,
      Buffer.from(
        [
          `@host = ${emu.url}`,
          '@token = {{checksLogin.response.headers.X-Subject-Token}}',
          '### log in',
          '# @name checksLogin',
          'POST {{host}}/v3/auth/tokens',
          'Content-Type: application/json',
          '',
          '{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "alice-tagger", "password": "Alice-Pass-1", "domain": {"name": "emulator"}}}}, "scope": {"project": {"name": "cn-north-4"}}}}',
          '',
          '### read',
          `GET {{host}}/v2/{{projectId}}/images/${image}/tags`,
          'X-Auth-Token: {{token}}',
          '',
        ].join('\n'),
      ),
    );
    const chained = await vscode.commands.executeCommand<Row[]>('imsTags.runPolicyChecks', {
      uri: chain,
      user: 'bob-reader',
      confirmed: true,
    });
    assert.deepEqual(
      chained.map((r) => `${r.api} ${r.predicted} ${r.status ?? '-'} ${r.outcome}${r.note ? ` (${r.note})` : ''}`),
      ['ListImageTags allowed 200 agrees'],
    );
    // The temporary keys are gone: only the keys of iam.json remain.
    assert.deepEqual(emu.iam.data.accessKeys.map((k) => k.access).sort(), [
      'ALICEACCESSKEY000001',
      'BOBACCESSKEY00000001',
      'DAVEACCESSKEY0000001',
      'ERINACCESSKEY0000001',
      'FRANKACCESSKEY000001',
    ]);
  } finally {
    await a.connections.signOut();
    await emu.close();
    await vscode.workspace.fs.delete(file);
    await vscode.workspace.fs.delete(chain).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

test('policy checks on the shipped emulator.http, as npm start opens it (dev environment, its login sent first): all agree', async () => {
  const { a } = await sandbox();
  // As npm start runs it: the administrator's keys, the example account, seed 1.
  const emu = await startEmulator({
    ak: 'EMULATOR-AK',
    sk: 'EMULATOR-SK',
    seed: 1,
    iamFile: join(__dirname, '../../../examples/iam.json'),
  });
  const { freshExamples } = (await import(pathToFileURL(join(__dirname, '../../../scripts/examples.mjs')).href)) as {
    freshExamples: (examples: string, e: { url: string; projectId: string }) => string;
  };
  const copy = freshExamples(join(__dirname, '../../../examples'), emu);
  const folder = workspaceFile('shipped');
  const config = vscode.workspace.getConfiguration('imsTags');
  type Row = { api: string; predicted: string; status?: number; outcome: string; note?: string };
  try {
    for (const name of ['emulator.http', 'http-client.env.json', '.env'])
      await vscode.workspace.fs.copy(vscode.Uri.file(join(copy, name)), vscode.Uri.joinPath(folder, name), { overwrite: true });
    await config.update('http.environment', 'dev', vscode.ConfigurationTarget.Workspace);
    await a.connections.storeSecrets({ ak: 'EMULATOR-AK', sk: 'EMULATOR-SK' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
    const rows = await until('the checks ran', async () =>
      vscode.commands.executeCommand<Row[]>('imsTags.runPolicyChecks', {
        uri: vscode.Uri.joinPath(folder, 'emulator.http'),
        user: 'bob-reader',
        confirmed: true,
      }),
    );
    assert.deepEqual(
      rows.map((r) => `${r.api} ${r.predicted} ${r.status ?? '-'} ${r.outcome}${r.note ? ` (${r.note})` : ''}`),
      ['ListImagesTags allowed 200 agrees', 'ListImageByTags allowed 200 agrees'],
    );
  } finally {
    await config.update('http.environment', undefined, vscode.ConfigurationTarget.Workspace);
    await a.connections.signOut();
    await emu.close();
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    rmSync(copy, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
});

test('My permissions, a view of its own: the Sandbox’s administrator may call every API; a user who may not read IAM is told so', async () => {
  const { a } = await sandbox();
  // Its own view, not a section of Policies (which keeps the two kinds of policy).
  assert.deepEqual(
    (await a.policies.getChildren()).map((n) => n.kind === 'section' && n.section),
    ['roles', 'policies'],
  );
  const rows = await a.myPermissions.getChildren();
  assert.equal(rows.length, 12);
  assert.ok(rows.every((r) => r.kind === 'access' && r.verdict.decision === 'allowed'));
  assert.equal(a.myPermissions.getTreeItem(rows[0]).description, 'allowed (administrator)');
  // alice of examples/iam.json, signed in to a local emulator: IAM refuses her its reads.
  const emu = await examplesEmulator(4);
  try {
    await a.connections.storeSecrets({ ak: 'ALICEACCESSKEY000001', sk: 'alice-secret-key-for-the-emulator' });
    await a.connections.connectCloud({ region: 'cn-north-4', auth: 'aksk', localUrl: emu.url, projectId: emu.projectId });
    const rowsAlice = await a.myPermissions.getChildren();
    assert.deepEqual(
      rowsAlice.map((r) => String(a.myPermissions.getTreeItem(r).label)),
      ['IAM does not let alice-tagger read its own grants: ask an administrator for IAM read access.'],
    );
  } finally {
    await a.connections.signOut();
    await emu.close();
  }
  // Not connected: nothing of its own (the welcome text says how to connect).
  assert.deepEqual(await a.myPermissions.getChildren(), []);
});
