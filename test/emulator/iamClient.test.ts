/** The client's IAM calls (core/client/iamClient.ts) against the emulator's IAM: policies, versions, grants, validation, errors. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../core/auth/signer';
import { IamClient } from '../../core/client/iamClient';
import { ImsError } from '../../core/client/errors';
import { changedInIam, oldestDeletableVersion, publishLivePolicy, type PublishWords } from '../../core/client/livePublish';
import { startEmulator, type Emulator } from '../../emulator/emulator';

const AK = 'IAMCLIENTAK0000001';
const SK = 'iam-client-secret-0001';
let emu: Emulator;
let iam: IamClient;
const exchanges: string[] = [];

before(async () => {
  emu = await startEmulator({ ak: AK, sk: SK, seed: 5, images: 2 });
  iam = new IamClient({
    endpoint: emu.url,
    projectId: emu.projectId,
    credentials: { kind: 'aksk', ak: AK, sk: SK },
    onExchange: (e) => exchanges.push(`${e.method} ${e.path} ${e.status}`),
  });
});
after(async () => emu.close());

test('custom policies: create, page, get, PATCH, refuse a bad policy with IAM’s message, delete', async () => {
  const made = await iam.createRole({
    display_name: 'client role',
    type: 'XA',
    description: 'from the client',
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] },
  });
  assert.equal((await iam.listRoles(1, 10)).total_number, 1);
  assert.equal((await iam.getRole(made.id)).display_name, 'client role');
  const patched = await iam.updateRole(made.id, { description: 'changed' });
  assert.equal(patched.description, 'changed');
  await assert.rejects(
    iam.updateRole(made.id, { policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims'] }] } }),
    (e: unknown) =>
      e instanceof ImsError && e.status === 400 && /not a valid 1\.1 policy/.test(e.message) && e.code === 'IAM.0001',
  );
  await iam.deleteRole(made.id);
  await assert.rejects(iam.getRole(made.id), (e: unknown) => e instanceof ImsError && e.status === 404);
  assert.ok(!exchanges.some((x) => x.includes(SK)), 'the log lines carry no secret');
});

test('5.0 policies: list with markers, versions, a new default version, validation findings', async () => {
  const doc = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] });
  for (const name of ['p-one', 'p-two']) {
    const r = await fetchAsAdmin('/v5/policies', { policy_name: name, policy_document: doc });
    assert.equal(r, 200);
  }
  const first = await iam.listPolicies(1);
  assert.equal(first.policies.length, 1);
  const second = await iam.listPolicies(1, first.page_info.next_marker ?? undefined);
  assert.equal(second.policies[0].policy_name, 'p-two');
  const id = first.policies[0].policy_id;
  const v2 = await iam.createVersion(id, doc.replace('get', 'list'), true);
  assert.equal(v2.version_id, 'v2');
  assert.equal((await iam.getPolicy(id)).default_version_id, 'v2');
  assert.deepEqual(
    (await iam.listVersions(id)).map((v) => [v.version_id, v.is_default]),
    [
      ['v1', false],
      ['v2', true],
    ],
  );
  assert.match((await iam.getVersion(id, 'v2')).document, /ims:images:list/);
  await iam.deleteVersion(id, 'v1');
  const findings = await iam.validate(
    JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:lst'] }] }),
  );
  assert.deepEqual(
    findings.map((f) => f.issue_code),
    ['UNKNOWN_ACTION'],
  );
  assert.deepEqual(await iam.roleAssignments({}), []);
});

/** The test's IAM client, except that IAM refuses the createVersion calls `refused` picks (1 the first) with `error`. */
function refusingCreate(refused: (nth: number) => boolean, error: ImsError): IamClient {
  let calls = 0;
  return Object.assign(Object.create(iam) as IamClient, {
    createVersion: (policyId: string, document: string, setAsDefault: boolean) =>
      refused(++calls) ? Promise.reject(error) : iam.createVersion(policyId, document, setAsDefault),
  });
}

test('publishing a live 5.0 policy at 5 versions: the oldest that is not the default goes, only when agreed; a refusal rejects', async () => {
  const doc = (action: string) => JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: [action] }] });
  assert.equal(await fetchAsAdmin('/v5/policies', { policy_name: 'p-full', policy_document: doc('ims:images:get') }), 200);
  const id = (await iam.listPolicies(100)).policies.find((p) => p.policy_name === 'p-full')!.policy_id;
  // v1 stays the default while v2…v5 are added: the oldest version is the one that must not go.
  for (const action of ['ims:images:list', 'ims:images:getTags', 'ims:images:setTags', 'ims:images:update'])
    await iam.createVersion(id, doc(action), false);
  const versions = async () => (await iam.listVersions(id)).map((v) => `${v.version_id}${v.is_default ? '*' : ''}`);
  assert.deepEqual(await versions(), ['v1*', 'v2', 'v3', 'v4', 'v5']);
  assert.equal(oldestDeletableVersion(await iam.listVersions(id))?.version_id, 'v2');
  const words: PublishWords = {
    makeRoom: (name, version) => ({ question: `room in ${name}? delete ${version}`, yes: `Delete ${version}` }),
    restore: (name, version, refusal) => ({ question: `restore ${name} ${version} (${refusal})?`, yes: `Restore ${version}` }),
  };
  const logged: string[] = [];
  const log = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m) };
  const address = { kind: 'policy' as const, policyId: id };
  const asked: string[] = [];
  /** Publishes `action`'s document as a new default version, answering each question with `answer`. */
  const publish = (answer: (choices: string[]) => string | undefined, action: string, client = iam) =>
    publishLivePolicy(
      client,
      async (question, ...choices) => {
        asked.push(question);
        return answer(choices);
      },
      words,
      log,
      address,
      JSON.parse(doc(action)) as unknown,
      'p-full',
      true,
    );
  const escape = () => undefined;
  const agree = (choices: string[]) => choices[0];
  // A version IAM refuses outright rejects the publish, with IAM's words.
  await assert.rejects(publish(escape, 'ims'), (e: unknown) => e instanceof ImsError && e.status === 400);
  assert.deepEqual(asked, []);
  // Escape: nothing deleted, and the publish rejects with IAM's refusal (the editor keeps the document dirty).
  await assert.rejects(publish(escape, 'ims:images:share'), (e: unknown) => e instanceof ImsError && e.status === 409);
  assert.deepEqual(asked, ['room in p-full? delete v2']);
  assert.deepEqual(await versions(), ['v1*', 'v2', 'v3', 'v4', 'v5']);
  // Agreed: v2 goes, the new version is the default.
  await publish(agree, 'ims:images:share');
  assert.deepEqual(await versions(), ['v1', 'v3', 'v4', 'v5', 'v6*']);
  asked.length = 0;
  // A 409 that is not about the number of versions is IAM's answer as it is: no room is made.
  const conflicting = refusingCreate(
    () => true,
    new ImsError('the policy changed meanwhile', 409, 'IAM.0002', undefined, undefined),
  );
  await assert.rejects(publish(agree, 'ims:images:share', conflicting), /changed meanwhile/);
  assert.deepEqual(asked, []);
  // Room made, then IAM refuses the new version (a client whose second createVersion IAM refuses): the deleted
  // one comes back when asked, and the publish still rejects.
  asked.length = 0;
  const refusing = refusingCreate(
    (n) => n === 2,
    new ImsError('the policy changed meanwhile', 409, 'IAM.0002', undefined, undefined),
  );
  const refusal = publish(agree, 'ims:images:share', refusing);
  await assert.rejects(refusal, (e: unknown) => e instanceof ImsError && e.message === 'the policy changed meanwhile');
  assert.deepEqual(asked.length, 2);
  assert.match(asked[1], /^restore p-full v1 \(/);
  assert.deepEqual(await versions(), ['v3', 'v4', 'v5', 'v6*', 'v7']);
  assert.match((await iam.getVersion(id, 'v7')).document, /ims:images:get/, "v1's document, restored");
  assert.match(logged.join('\n'), /Restored the document of v1 of p-full as v7/);
});

test('making room: the oldest version by number that is not the default, in any order IAM lists them', () => {
  const v = (id: string, isDefault = false) => ({ version_id: id, is_default: isDefault });
  assert.equal(oldestDeletableVersion([v('v10'), v('v3'), v('v1', true), v('v7')])?.version_id, 'v3');
  assert.equal(oldestDeletableVersion([v('v2', true), v('v12'), v('v9')])?.version_id, 'v9');
  assert.equal(oldestDeletableVersion([v('v1', true)]), undefined);
});

test('publishing a live custom policy updates the role; a refused restore leaves the deleted document in the log', async () => {
  const made = await iam.createRole({
    display_name: 'live role',
    type: 'XA',
    description: 'published from the editor',
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] },
  });
  const policy = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list', 'ims:images:get'] }] };
  const none: PublishWords = {
    makeRoom: () => ({ question: '', yes: 'yes' }),
    restore: () => ({ question: '', yes: 'yes' }),
  };
  const silent = { info: () => undefined, warn: () => undefined };
  await publishLivePolicy(iam, async () => undefined, none, silent, { kind: 'role', roleId: made.id }, policy, 'live role', true);
  assert.deepEqual((await iam.getRole(made.id)).policy, policy);
  // At 5 versions, room made, the new version refused, the restore declined: the deleted document is logged.
  const doc = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] });
  assert.equal(await fetchAsAdmin('/v5/policies', { policy_name: 'p-declined', policy_document: doc }), 200);
  const id = (await iam.listPolicies(100)).policies.find((p) => p.policy_name === 'p-declined')!.policy_id;
  for (let i = 0; i < 4; i++) await iam.createVersion(id, doc, true);
  const refusing = refusingCreate((n) => n === 2, new ImsError('refused', 400, undefined, undefined, undefined));
  const warned: string[] = [];
  const choices: string[][] = [];
  await assert.rejects(
    publishLivePolicy(
      refusing,
      async (_q, ...c) => {
        choices.push(c);
        return choices.length === 1 ? c[0] : undefined;
      },
      none,
      { info: () => undefined, warn: (m) => warned.push(m) },
      { kind: 'policy', policyId: id },
      JSON.parse(doc) as unknown,
      'p-declined',
      true,
    ),
    /refused/,
  );
  assert.deepEqual(choices, [['yes'], ['yes']]);
  assert.deepEqual(warned, [`v1 of p-declined was deleted and not restored; its document was: ${doc}`]);
});

test('a conflicting change in IAM: the stamps read when the edit began and now differ; an unknown base cannot conflict', () => {
  assert.equal(changedInIam('v2@2026-12-01', 'v2@2026-12-01'), false);
  assert.equal(changedInIam('v2@2026-12-01', 'v3@2026-12-02'), true);
  assert.equal(changedInIam(undefined, 'v3@2026-12-02'), false);
});

test('ValidatePolicy on a policy nested 100,000 deep behind a #: findings, not a 500', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const findings = await iam.validate(`{"Version": "5.0", "Statement": #${deep}\n}`);
  assert.ok(findings.length > 0, 'the document is reported, not crashed on');
});

async function fetchAsAdmin(path: string, body: unknown): Promise<number> {
  const text = JSON.stringify(body);
  const url = `${emu.url}${path}`;
  const headers = signRequest({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json' },
    body: text,
    ak: AK,
    sk: SK,
  });
  return (await fetch(url, { method: 'POST', headers, body: text })).status;
}
