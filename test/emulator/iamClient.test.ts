/** The client's IAM calls (core/client/iamClient.ts) against the emulator's IAM: policies, versions, grants, validation, errors. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../core/auth/signer';
import { IamClient } from '../../core/client/iamClient';
import { ImsError } from '../../core/client/errors';
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
