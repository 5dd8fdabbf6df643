/**
 * The account reader behind who-can and tag impact (core/access/account.ts), on a fake IAM that counts
 * its reads: users sorted once, what users share read once, failures never kept, pages and their errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccountAccess, type AccountReader } from '../../core/access/account';

const P = 'project-1';
const DOC = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:getTags'] }] });

/** Two groups (shared by every user), one role on the project, one 5.0 policy attached to a group. */
function fakeIam(fail: Partial<Record<keyof AccountReader, number>> = {}) {
  const calls: string[] = [];
  const failing = { ...fail };
  const read = async <T>(name: keyof AccountReader, key: string, value: T): Promise<T> => {
    calls.push(`${name} ${key}`);
    if ((failing[name] ?? 0) > 0) {
      failing[name]!--;
      throw new Error(`${name} refused`);
    }
    return value;
  };
  const iam: AccountReader = {
    listUsers: () =>
      read('listUsers', '', [
        { id: 'u3', name: 'carol' },
        { id: 'u1', name: 'alice' },
        { id: 'u2', name: 'bob' },
      ]),
    userTags: (id) => read('userTags', id, { dept: `d-${id}` }),
    userGroups: (id) =>
      read('userGroups', id, [
        { id: 'g1', name: 'devs' },
        { id: 'g2', name: 'ops' },
      ]),
    roleAssignments: (q) =>
      read('roleAssignments', q['subject.user_id'], [{ role: { id: 'r1' }, group: { id: 'g1' }, scope: { project: { id: P } } }]),
    getAnyRole: (id) =>
      read('getAnyRole', id, {
        id,
        display_name: 'IMS Reader',
        type: 'XA' as const,
        policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] },
      }),
    attachedPolicies: (kind, id) =>
      read(
        'attachedPolicies',
        `${kind} ${id}`,
        kind === 'groups' && id === 'g2' ? [{ policy_id: 'p1', policy_name: 'tag-reader' }] : [],
      ),
    getPolicy: (id) => read('getPolicy', id, { default_version_id: 'v2' }),
    getVersion: (id, v) => read('getVersion', `${id} ${v}`, { document: DOC }),
  };
  return { iam, calls, count: (prefix: string) => calls.filter((c) => c.startsWith(prefix)).length };
}

test('users are listed once, by name; every user read once; what they share read once for all', async () => {
  const { iam, calls, count } = fakeIam();
  const account = new AccountAccess(iam, P);
  assert.deepEqual(
    (await account.list()).map((u) => u.name),
    ['alice', 'bob', 'carol'],
  );
  const everyone = await account.everyone();
  await account.page(0, 3);
  assert.deepEqual(
    everyone.map((u) => [u.name, u.tags?.dept]),
    [
      ['alice', 'd-u1'],
      ['bob', 'd-u2'],
      ['carol', 'd-u3'],
    ],
  );
  assert.equal(count('listUsers'), 1);
  assert.equal(count('userGroups'), 3, 'a user read once, however often asked');
  assert.equal(count('userTags'), 3);
  assert.equal(count('attachedPolicies users'), 3, "each user's own attachments");
  assert.equal(count('attachedPolicies groups g1'), 1, "a group's attachments once for all its users");
  assert.equal(count('getAnyRole'), 1);
  assert.equal(count('getPolicy'), 1);
  assert.equal(count('getVersion p1 v2'), 1);
  assert.ok(calls.length > 0);
  const alice = everyone[0];
  assert.equal(alice.facts.grants[0].via, 'group devs');
  assert.equal(alice.facts.attached[0].via, 'group ops');
  assert.equal(alice.facts.grants[0].policy, everyone[1].facts.grants[0].policy, 'a policy granted to many is one object');
});

test('pages: a slice of the sorted list and its total; the first failure is thrown; a failed read is asked again', async () => {
  const { iam, count } = fakeIam({ getPolicy: 1 });
  const account = new AccountAccess(iam, P);
  await assert.rejects(account.page(1, 1), /getPolicy refused/);
  const page = await account.page(1, 1);
  assert.deepEqual([page.users.map((u) => u.name), page.total], [['bob'], 3]);
  assert.equal(count('getPolicy'), 2, 'the failed shared read was not kept');
  assert.equal(count('userGroups u2'), 2, 'nor the user whose read failed');
  assert.deepEqual(
    (await account.page(2, 10)).users.map((u) => u.name),
    ['carol'],
  );
  assert.deepEqual((await account.page(5, 10)).users, []);
});

test('a failed listing is asked again; tags IAM will not give stay unknown, the grants are still read', async () => {
  const { iam, count } = fakeIam({ listUsers: 1, userTags: 3 });
  const account = new AccountAccess(iam, P);
  await assert.rejects(account.list(), /listUsers refused/);
  assert.equal((await account.list()).length, 3);
  assert.equal(count('listUsers'), 2);
  const everyone = await account.everyone();
  assert.deepEqual(
    everyone.map((u) => u.tags),
    [undefined, undefined, undefined],
  );
  assert.ok(everyone.every((u) => u.facts.grants.length === 1));
});

test("a failed group's attachments, role or version are asked again by the next user who needs them", async () => {
  for (const what of ['attachedPolicies', 'getAnyRole', 'getVersion'] as const) {
    const { iam, count } = fakeIam({ [what]: 1 });
    const account = new AccountAccess(iam, P);
    await assert.rejects(account.page(0, 1), new RegExp(`${what} refused`));
    await account.page(0, 1);
    assert.ok(count(what) >= 2, `${what} asked again`);
  }
});
