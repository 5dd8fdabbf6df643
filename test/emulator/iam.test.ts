/**
 * IAM in the emulator, as an administrator and then as the users it creates: identities, keys, custom
 * policies, grants by scope, 5.0 policies, enforcement on IMS calls, errors, and state across a restart.
 * Administrator calls are signed by the official SDK signer; user calls by ours.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { signRequest } from '../../core/auth/signer';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SAM, accountWithOwnSchema } from '../support/ownSchema';

const AK = 'IAMADMINAK00000001';
const SK = 'iam-admin-secret-0001';
const EXAMPLES = join(__dirname, '../../../examples');
let emu: Emulator;
let stateFile: string;

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A request signed by the official SDK as the administrator. */
async function admin(method: string, path: string, body?: unknown, target = emu): Promise<Reply> {
  const data = body === undefined ? undefined : body;
  const url = new URL(`${target.url}${path}`);
  const headers = AKSKSigner.sign(
    {
      endpoint: `${url.origin}${url.pathname}`,
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' },
      queryParams: Object.fromEntries(url.searchParams),
      data,
    } as never,
    { getAk: () => AK, getSk: () => SK } as never,
  ) as Record<string, string>;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A request signed with a user's access key (our signer). */
async function as(ak: string, sk: string, method: string, path: string, body?: unknown, target = emu): Promise<Reply> {
  const url = `${target.url}${path}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers = signRequest({
    method,
    url,
    headers: text ? { 'Content-Type': 'application/json' } : {},
    body: text,
    ak,
    sk,
  } as never);
  const res = await fetch(url, { method, headers, body: text });
  const out = await res.text();
  return { status: res.status, body: out ? JSON.parse(out) : undefined };
}

const ok = (r: Reply, status = 200) => {
  assert.equal(r.status, status, JSON.stringify(r.body));
  return r.body;
};

before(async () => {
  stateFile = join(mkdtempSync(join(tmpdir(), 'ims-iam-')), 'state.json');
  emu = await startEmulator({ ak: AK, sk: SK, seed: 3, images: 5, stateFile });
});
after(async () => emu.close());

test('the whole story: a user in a group granted a custom policy on the project, then on the enterprise project, then a 5.0 Deny', async () => {
  const image = emu.store.all()[0].id;
  const tagPath = `/v2/${emu.projectId}/images/${image}/tags`;
  const user = ok(
    await admin('POST', '/v3.0/OS-USER/users', {
      user: { name: 'carol-tags', password: 'Carol-Pass-1', domain_id: emu.domainId },
    }),
    201,
  ).user;
  const group = ok(await admin('POST', '/v3/groups', { group: { name: 'taggers', description: 'tag images' } }), 201).group;
  ok(await admin('PUT', `/v3/groups/${group.id}/users/${user.id}`), 204);
  ok(await admin('HEAD', `/v3/groups/${group.id}/users/${user.id}`), 204);
  const key = ok(
    await admin('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.id, description: 'ci' } }),
    201,
  ).credential;
  assert.ok(key.access && key.secret && key.status === 'active');
  const role = ok(
    await admin('POST', '/v3.0/OS-ROLE/roles', {
      role: {
        display_name: 'list only',
        type: 'XA',
        description: 'lists images',
        policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] },
      },
    }),
    201,
  ).role;
  assert.match(role.name, /^custom_/);
  // Not yet granted: nothing is allowed.
  assert.equal((await as(key.access, key.secret, 'GET', `/v2/${emu.projectId}/images/${image}/tags`)).status, 403);
  ok(await admin('PUT', `/v3/projects/${emu.projectId}/groups/${group.id}/roles/${role.id}`), 204);
  ok(await admin('HEAD', `/v3/projects/${emu.projectId}/groups/${group.id}/roles/${role.id}`), 204);
  // A tag read succeeds; adding a tag is refused, naming the action.
  ok(await as(key.access, key.secret, 'GET', `/v2/${emu.projectId}/images/${image}/tags`));
  const refused = await as(key.access, key.secret, 'POST', tagPath, { tag: { key: 'env', value: 'prod' } });
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /ims:images:update/);
  // Get the policy, add the action, PATCH it: now allowed.
  const shown = ok(await admin('GET', `/v3.0/OS-ROLE/roles/${role.id}`)).role;
  shown.policy.Statement[0].Action.push('ims:images:update');
  // UpdateCloudServiceCustomPolicy requires all four fields, as IAM does.
  assert.equal((await admin('PATCH', `/v3.0/OS-ROLE/roles/${role.id}`, { role: { policy: shown.policy } })).status, 400);
  const { display_name, type, description } = shown;
  ok(await admin('PATCH', `/v3.0/OS-ROLE/roles/${role.id}`, { role: { display_name, type, description, policy: shown.policy } }));
  ok(await as(key.access, key.secret, 'POST', tagPath, { tag: { key: 'env', value: 'prod' } }), 204);
  // The same policy (XA: project-level services) granted on the domain covers global services only: not IMS.
  ok(await admin('DELETE', `/v3/projects/${emu.projectId}/groups/${group.id}/roles/${role.id}`), 204);
  ok(await admin('PUT', `/v3/domains/${emu.domainId}/groups/${group.id}/roles/${role.id}`), 204);
  const onDomain = await as(key.access, key.secret, 'POST', tagPath, { tag: { key: 'env', value: 'dev' } });
  assert.equal(onDomain.status, 403, 'a domain grant of an XA policy never authorizes IMS');
  ok(await admin('DELETE', `/v3/domains/${emu.domainId}/groups/${group.id}/roles/${role.id}`), 204);
  // The same policy granted only on the enterprise project does not authorize a tag API.
  ok(
    await admin('PUT', `/v3.0/OS-PERMISSION/enterprise-projects/${emu.enterpriseProjectId}/groups/${group.id}/roles/${role.id}`),
    204,
  );
  ok(
    await admin('PUT', `/v3.0/OS-PERMISSION/enterprise-projects/${emu.enterpriseProjectId}/users/${user.id}/roles/${role.id}`),
    204,
  );
  const onEp = await as(key.access, key.secret, 'POST', tagPath, { tag: { key: 'env', value: 'dev' } });
  assert.equal(onEp.status, 403, 'enterprise-project grants never authorize a tag API');
  // On all projects (inherited), it does; a 5.0 Deny attached to the user wins over that Allow.
  ok(await admin('PUT', `/v3/OS-INHERIT/domains/${emu.domainId}/groups/${group.id}/roles/${role.id}/inherited_to_projects`), 204);
  ok(await as(key.access, key.secret, 'POST', tagPath, { tag: { key: 'env', value: 'dev' } }), 204);
  // A 5.0 policy speaks 5.0's actions: denying the 1.1 name `update` leaves tag writes (5.0: setTags) alone.
  const v5 = async (name: string, action: string): Promise<{ policy_id: string }> => {
    const p = ok(
      await admin('POST', '/v5/policies', {
        policy_name: name,
        policy_document: JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Deny', Action: [action] }] }),
      }),
    ).policy;
    ok(await admin('POST', `/v5/policies/${p.policy_id}/attach-user`, { user_id: user.id }), 204);
    return p;
  };
  await v5('deny-update', 'ims:images:update');
  ok(await as(key.access, key.secret, 'POST', tagPath, { tag: { key: 'env', value: 'qa' } }), 204);
  const deny = await v5('deny-tagging', 'ims:images:setTags');
  const denied = await as(key.access, key.secret, 'POST', tagPath, { tag: { key: 'env', value: 'qa' } });
  assert.equal(denied.status, 403);
  assert.match(denied.body.error.message, /ims:images:setTags/);
  // Role assignments list exactly the grants made.
  const assignments = ok(await admin('GET', `/v3.0/OS-PERMISSION/role-assignments?domain_id=${emu.domainId}&role_id=${role.id}`));
  assert.equal(assignments.total_num, 3);
  assert.deepEqual(
    assignments.role_assignments.map((x: { scope: object; is_inherited: boolean; user?: object; group?: object }) => [
      Object.keys(x.scope)[0],
      x.is_inherited,
      x.user ? 'user' : 'group',
    ]),
    [
      ['enterprise_project', false, 'group'],
      ['enterprise_project', false, 'user'],
      ['domain', true, 'group'],
    ],
  );
  const mine = ok(
    await admin(
      'GET',
      `/v3.0/OS-PERMISSION/role-assignments?domain_id=${emu.domainId}&subject.user_id=${user.id}&include_group=true`,
    ),
  );
  assert.equal(mine.total_num, 3);
  const direct = ok(
    await admin('GET', `/v3.0/OS-PERMISSION/role-assignments?domain_id=${emu.domainId}&subject.user_id=${user.id}`),
  );
  assert.equal(direct.total_num, 1);
  // The caller's identity, and a user may not call IAM.
  const me = ok(await as(key.access, key.secret, 'GET', '/v5/caller-identity'));
  assert.equal(me.principal_id, user.id);
  const notAdmin = await as(key.access, key.secret, 'GET', '/v3/users');
  assert.equal(notAdmin.status, 403);
  assert.match(notAdmin.body.error.message, /administrator/);
  // A policy still granted cannot be deleted; an attached 5.0 policy neither.
  const inUse = await admin('DELETE', `/v3.0/OS-ROLE/roles/${role.id}`);
  assert.equal(inUse.status, 409);
  assert.match(inUse.body.error_msg, /still granted 3 time/);
  assert.equal((await admin('DELETE', `/v5/policies/${deny.policy_id}`)).status, 409);
  // A user signs in with their password and acts as themself.
  const token = await fetch(`${emu.url}/v3/auth/tokens`, {
    method: 'POST',
    body: JSON.stringify({
      auth: { identity: { password: { user: { name: 'carol-tags', password: 'Carol-Pass-1' } } } },
    }),
  });
  assert.equal(token.status, 201);
  const byToken = await fetch(`${emu.url}/v5/caller-identity`, {
    headers: { 'X-Auth-Token': token.headers.get('x-subject-token')! },
  });
  // STS names the caller by URN (the Go SDK's GetCallerIdentityResponse has no name field).
  assert.equal(((await byToken.json()) as { principal_urn: string }).principal_urn, `iam::${emu.domainId}:user:carol-tags`);
  // An inactive key is refused as unknown.
  ok(await admin('PUT', `/v3.0/OS-CREDENTIAL/credentials/${key.access}`, { credential: { status: 'inactive' } }));
  assert.equal((await as(key.access, key.secret, 'GET', '/v5/caller-identity')).status, 401);
});

test('5.0 versions: at most 5, the default cannot be deleted, set-default, validation findings', async () => {
  const doc = (actions: string[]) => JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: actions }] });
  const p = ok(await admin('POST', '/v5/policies', { policy_name: 'versions', policy_document: doc(['ims:images:get']) })).policy;
  assert.equal(p.default_version_id, 'v1');
  for (let i = 2; i <= 5; i++)
    ok(
      await admin('POST', `/v5/policies/${p.policy_id}/versions`, {
        policy_document: doc(['ims:images:list']),
        set_as_default: i === 3,
      }),
    );
  const sixth = await admin('POST', `/v5/policies/${p.policy_id}/versions`, { policy_document: doc(['ims:images:list']) });
  assert.equal(sixth.status, 409);
  assert.match(sixth.body.error_msg, /at most 5 versions/);
  assert.equal(ok(await admin('GET', `/v5/policies/${p.policy_id}`)).policy.default_version_id, 'v3');
  assert.equal((await admin('DELETE', `/v5/policies/${p.policy_id}/versions/v3`)).status, 409);
  ok(await admin('DELETE', `/v5/policies/${p.policy_id}/versions/v2`), 204);
  ok(await admin('POST', `/v5/policies/${p.policy_id}/versions/v4/set-default`), 204);
  const versions = ok(await admin('GET', `/v5/policies/${p.policy_id}/versions`)).versions;
  assert.deepEqual(
    versions.map((v: { version_id: string; is_default: boolean }) => [v.version_id, v.is_default]),
    [
      ['v1', false],
      ['v3', false],
      ['v4', true],
      ['v5', false],
    ],
  );
  const findings = ok(
    await admin('POST', '/v5/policies/validate', {
      policy_document: JSON.stringify({
        Version: '5.0',
        Statement: [{ Effect: 'Allow', Action: ['ims:images:updte', 'ims:images'] }],
      }),
      policy_type: 'identity_policy',
    }),
  ).findings;
  assert.deepEqual(
    findings.map((f: { issue_code: string; finding_type: string; locations: Array<{ path: unknown[] }> }) => [
      f.issue_code,
      f.finding_type,
      f.locations[0].path,
    ]),
    [
      ['UNKNOWN_ACTION', 'warning', [{ key: 'Statement' }, { index: 0 }, { key: 'Action' }, { index: 0 }]],
      ['INVALID_ACTION', 'error', [{ key: 'Statement' }, { index: 0 }, { key: 'Action' }, { index: 1 }]],
    ],
  );
  // Marker paging over the policies.
  const first = ok(await admin('GET', '/v5/policies?limit=1'));
  assert.equal(first.policies.length, 1);
  const second = ok(await admin('GET', `/v5/policies?limit=1&marker=${first.page_info.next_marker}`));
  assert.notEqual(second.policies[0].policy_id, first.policies[0].policy_id);
});

test('bad input: IAM-style errors, nothing half applied', async () => {
  const users = ok(await admin('GET', '/v3/users')).users.length;
  const short = await admin('POST', '/v3.0/OS-USER/users', { user: { name: 'ab', domain_id: emu.domainId } });
  assert.equal(short.status, 400);
  assert.match(short.body.error_msg, /5 to 32 characters/);
  const notJson = await fetch(`${emu.url}/v3/groups`, { method: 'POST', body: '{' });
  assert.equal(notJson.status, 401, 'unsigned requests are refused before their body is read');
  const missing = await admin('GET', '/v3/users/nope');
  assert.equal(missing.status, 404);
  assert.deepEqual(
    Object.keys(missing.body.error).sort(),
    ['code', 'message', 'title'],
    'Keystone paths answer {"error": {code, message, title}}',
  );
  const badRole = await admin('POST', '/v3.0/OS-ROLE/roles', {
    role: {
      display_name: 'bad',
      type: 'XA',
      description: 'x',
      policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images'] }] },
    },
  });
  assert.equal(badRole.status, 400);
  assert.match(badRole.body.error_msg, /not a valid 1\.1 policy.*service:resourceType:operation.*Statement\[0\]\.Action\[0\]/);
  const badType = await admin('POST', '/v3.0/OS-ROLE/roles', {
    role: { display_name: 'bad', type: 'ZZ', description: 'x', policy: {} },
  });
  assert.match(badType.body.error_msg, /AX.*XA/);
  const wrongProject = await admin('PUT', `/v3/projects/0000/groups/x/roles/y`);
  assert.equal(wrongProject.status, 404);
  const dup = await admin('POST', '/v3/groups', { group: { name: 'taggers' } });
  assert.equal(dup.status, 409);
  const v5bad = await admin('POST', '/v5/policies', { policy_name: 'x y', policy_document: '{}' });
  assert.equal(v5bad.status, 400);
  assert.ok(v5bad.body.request_id && v5bad.body.error_code, 'v5 errors carry error_code, error_msg and request_id');
  assert.equal(ok(await admin('GET', '/v3/users')).users.length, users, 'nothing was created by refused requests');
  const system = ok(await admin('GET', '/v3/roles?display_name=IMS%20FullAccess')).roles;
  assert.equal(system.length, 1);
  assert.equal((await admin('DELETE', `/v3.0/OS-ROLE/roles/${system[0].id}`)).status, 400);
  const schema = ok(await admin('GET', '/v5/authorization-schemas/services/ims'));
  assert.ok(
    schema.actions.some(
      (x: { name: string; access_level: string }) => x.name === 'ims:images:update' && x.access_level === 'write',
    ),
  );
  assert.ok(schema.operations.some((o: { operation_id: string }) => o.operation_id === 'AddImageTag'));
});

test('state survives a restart with --state; --iam seeds a new account from the example file', async () => {
  const before = ok(await admin('GET', `/v3.0/OS-PERMISSION/role-assignments?domain_id=${emu.domainId}`));
  await emu.close();
  emu = await startEmulator({ ak: AK, sk: SK, seed: 3, images: 5, stateFile });
  const afterRestart = ok(await admin('GET', `/v3.0/OS-PERMISSION/role-assignments?domain_id=${emu.domainId}`));
  assert.deepEqual(afterRestart, before);
  assert.ok(ok(await admin('GET', '/v3/users')).users.some((u: { name: string }) => u.name === 'carol-tags'));

  const seeded = await startEmulator({ ak: AK, sk: SK, seed: 4, images: 3, iamFile: join(EXAMPLES, 'iam.json') });
  try {
    const image = seeded.store.all()[0].id;
    const sign = async (ak: string, sk: string, method: string, path: string, body?: unknown) =>
      (await as(ak, sk, method, path, body, seeded)).status;
    const alice = ['ALICEACCESSKEY000001', 'alice-secret-key-for-the-emulator'] as const;
    const bob = ['BOBACCESSKEY00000001', 'bob-secret-key-for-the-emulator'] as const;
    const tags = `/v2/${seeded.projectId}/images/${image}/tags`;
    assert.equal(await sign(...alice, 'POST', tags, { tag: { key: 'a', value: 'b' } }), 204, 'alice may tag');
    const dave = ['DAVEACCESSKEY0000001', 'dave-secret-key-for-the-emulator'] as const;
    assert.equal(await sign(...dave, 'GET', tags), 200, 'dave reads through his group');
    assert.equal(await sign(...dave, 'DELETE', `${tags}/a`), 403, 'the 5.0 Deny attached to dave wins over his group');
    assert.equal(await sign(...bob, 'GET', tags), 200, 'bob may read (IMS ReadOnlyAccess)');
    assert.equal(
      await sign(...bob, 'POST', tags, { tag: { key: 'a', value: 'c' } }),
      403,
      "bob's tagging grant is on the enterprise project only",
    );
  } finally {
    await seeded.close();
  }
  // A state file of an older emulator (the images alone) still loads, with a new account.
  const older = join(mkdtempSync(join(tmpdir(), 'ims-iam-')), 'old-state.json');
  require('node:fs').writeFileSync(older, JSON.stringify(emu.store.toJSON()));
  const fromOld = await startEmulator({ ak: AK, sk: SK, seed: 3, stateFile: older });
  assert.equal(fromOld.store.all().length, emu.store.all().length);
  assert.equal(fromOld.iam.data.users.length, 0);
  await fromOld.close();
  const broken = join(mkdtempSync(join(tmpdir(), 'ims-iam-')), 'iam.json');
  require('node:fs').writeFileSync(broken, JSON.stringify({ grants: [{ role: 'nope', group: 'g', scope: 'project' }] }));
  await assert.rejects(startEmulator({ ak: AK, sk: SK, iamFile: broken }), /iam\.json: role nope: Role nope could not be found/);
});

test('every grant scope: grant, check, list, remove, check again; keys listed, shown, deleted; attachments both ways', async () => {
  const user = ok(
    await admin('POST', '/v3.0/OS-USER/users', { user: { name: 'erin-scopes', domain_id: emu.domainId } }),
    201,
  ).user;
  const group = ok(await admin('POST', '/v3/groups', { group: { name: 'scopes' } }), 201).group;
  ok(await admin('PUT', `/v3/groups/${group.id}/users/${user.id}`), 204);
  assert.deepEqual(
    ok(await admin('GET', `/v3/users/${user.id}/groups`)).groups.map((g: { name: string }) => g.name),
    ['scopes'],
  );
  assert.deepEqual(
    ok(await admin('GET', `/v3/groups/${group.id}/users`)).users.map((u: { name: string }) => u.name),
    ['erin-scopes'],
  );
  const role = ok(await admin('GET', '/v3/roles?display_name=IMS%20ReadOnlyAccess')).roles[0];
  const scopes = [
    `/v3/projects/${emu.projectId}/groups/${group.id}/roles`,
    `/v3/domains/${emu.domainId}/groups/${group.id}/roles`,
    `/v3/OS-INHERIT/domains/${emu.domainId}/groups/${group.id}/roles/{role}/inherited_to_projects`,
    `/v3.0/OS-PERMISSION/enterprise-projects/${emu.enterpriseProjectId}/groups/${group.id}/roles`,
    `/v3.0/OS-PERMISSION/enterprise-projects/${emu.enterpriseProjectId}/users/${user.id}/roles`,
  ];
  for (const scope of scopes) {
    const one = scope.includes('{role}') ? scope.replace('{role}', role.id) : `${scope}/${role.id}`;
    const list = scope.includes('{role}') ? scope.replace('/{role}', '') : scope;
    // IAM checks a grant with HEAD except on an enterprise project, where it has no such call.
    const checkable = !scope.includes('enterprise-projects');
    ok(await admin('PUT', one), 204);
    if (checkable) ok(await admin('HEAD', one), 204);
    else assert.equal((await admin('HEAD', one)).status, 405, 'no HEAD on an enterprise-project grant');
    assert.deepEqual(
      ok(await admin('GET', list)).roles.map((r: { id: string }) => r.id),
      [role.id],
      list,
    );
    ok(await admin('DELETE', one), 204);
    if (checkable) assert.equal((await admin('HEAD', one)).status, 404, one);
    assert.equal((await admin('DELETE', one)).status, 404, 'removing a grant that is not there is a 404');
  }
  const key = ok(await admin('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.id } }), 201).credential;
  assert.deepEqual(
    ok(await admin('GET', `/v3.0/OS-CREDENTIAL/credentials?user_id=${user.id}`)).credentials.map(
      (k: { access: string }) => k.access,
    ),
    [key.access],
  );
  const shown = ok(await admin('GET', `/v3.0/OS-CREDENTIAL/credentials/${key.access}`)).credential;
  assert.equal(shown.secret, undefined, 'the secret is shown once, when the key is created');
  ok(await admin('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.id } }), 201);
  const third = await admin('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.id } });
  assert.equal(third.status, 400);
  assert.match(third.body.error_msg, /at most 2 access keys/);
  ok(await admin('DELETE', `/v3.0/OS-CREDENTIAL/credentials/${key.access}`), 204);
  assert.equal((await admin('GET', `/v3.0/OS-CREDENTIAL/credentials/${key.access}`)).status, 404);
  const doc = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] });
  const policy = ok(await admin('POST', '/v5/policies', { policy_name: 'attach-both', policy_document: doc })).policy;
  ok(await admin('POST', `/v5/policies/${policy.policy_id}/attach-user`, { user_id: user.id }), 204);
  ok(await admin('POST', `/v5/policies/${policy.policy_id}/attach-group`, { group_id: group.id }), 204);
  assert.deepEqual(
    ok(await admin('GET', `/v5/users/${user.id}/attached-policies`)).attached_policies.map(
      (p: { policy_name: string }) => p.policy_name,
    ),
    ['attach-both'],
  );
  assert.equal(ok(await admin('GET', `/v5/groups/${group.id}/attached-policies`)).attached_policies.length, 1);
  const entities = ok(await admin('GET', `/v5/policies/${policy.policy_id}/attached-entities`));
  assert.deepEqual(
    [
      entities.policy_users.map((u: { user_id: string }) => u.user_id),
      entities.policy_groups.map((g: { group_id: string }) => g.group_id),
    ],
    [[user.id], [group.id]],
  );
  assert.equal(ok(await admin('GET', `/v5/policies/${policy.policy_id}`)).policy.attachment_count, 2);
  // Deleting the user and the group takes their memberships, keys, grants and attachments with them.
  ok(await admin('DELETE', `/v3/users/${user.id}`), 204);
  ok(await admin('DELETE', `/v3/groups/${group.id}`), 204);
  assert.equal(ok(await admin('GET', `/v5/policies/${policy.policy_id}`)).policy.attachment_count, 0);
  assert.equal(ok(await admin('GET', `/v3.0/OS-CREDENTIAL/credentials?user_id=${user.id}`)).credentials.length, 0);
  ok(await admin('DELETE', `/v5/policies/${policy.policy_id}`), 204);
});

test('a state file of an older emulator, with grant scopes spelt all-projects and enterprise-project, still loads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-old-state-'));
  const file = join(dir, 'state.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    file,
    JSON.stringify({
      images: [],
      iam: {
        users: [],
        groups: [{ id: 'g1', name: 'old', description: '', userIds: [], createdAt: '2025-01-01T00:00:00.000Z' }],
        accessKeys: [],
        roles: [],
        grants: [
          { roleId: 'ims-readonly-00000000000000002', subject: { group: 'g1' }, scope: { kind: 'all-projects' } },
          {
            roleId: 'ims-readonly-00000000000000002',
            subject: { group: 'g1' },
            scope: { kind: 'enterprise-project', enterpriseProjectId: 'ep' },
          },
        ],
        policies: [],
      },
    }),
  );
  const old = await startEmulator({ ak: AK, sk: SK, seed: 3, images: 0, stateFile: file });
  try {
    const listed = ok(await admin('GET', `/v3.0/OS-PERMISSION/role-assignments?domain_id=${old.domainId}`, undefined, old));
    assert.deepEqual(
      listed.role_assignments.map((r: { is_inherited: boolean; scope: object }) => [r.is_inherited, Object.keys(r.scope)[0]]),
      [
        [true, 'domain'],
        [false, 'enterprise_project'],
      ],
    );
  } finally {
    await old.close();
  }
});

/** A new user with an access key, and a 5.0 policy of statements attached to it (the administrator's calls). */
async function userWithPolicy(name: string, policyName: string, statements: unknown[]) {
  const user = ok(
    await admin('POST', '/v3.0/OS-USER/users', { user: { name, password: 'User-Pass-123', domain_id: emu.domainId } }),
    201,
  ).user;
  const key = ok(await admin('POST', '/v3.0/OS-CREDENTIAL/credentials', { credential: { user_id: user.id } }), 201).credential;
  const policy = ok(
    await admin('POST', '/v5/policies', {
      policy_name: policyName,
      policy_document: JSON.stringify({ Version: '5.0', Statement: statements }),
    }),
  ).policy;
  ok(await admin('POST', `/v5/policies/${policy.policy_id}/attach-user`, { user_id: user.id }), 204);
  return { key: key as { access: string; secret: string } };
}

test("5.0 policies are enforced in 5.0's words: setTags on one image's URN tags that image, and no other", async () => {
  const [mine, other] = emu.store.all().map((i) => i.id);
  const urn = (image: string) => `ims:${emu.iam.region}:${emu.domainId}:image:${image}`;
  const { key } = await userWithPolicy('urn-tagger', 'tag-one-image', [
    { Effect: 'Allow', Action: ['ims:images:setTags'], Resource: [urn(mine)] },
    // list takes no resource type: only "*" grants it.
    { Effect: 'Allow', Action: ['ims:images:list'], Resource: [urn(mine)] },
  ]);
  const tag = (image: string) =>
    as(key.access, key.secret, 'POST', `/v2/${emu.projectId}/images/${image}/tags`, { tag: { key: 'k', value: 'v' } });
  ok(await tag(mine), 204);
  const refused = await tag(other);
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /ims:images:setTags/);
  // Tag reads are getTags, which the policy does not allow; ListImages needs list on "*".
  assert.equal((await as(key.access, key.secret, 'GET', `/v2/${emu.projectId}/images/${mine}/tags`)).status, 403);
  assert.equal((await as(key.access, key.secret, 'GET', '/v2/cloudimages')).status, 403);
});

test('--iam may give the account its own authorization schema: the emulator serves it and enforces 5.0 policies by it', async () => {
  const { iamFile: file } = accountWithOwnSchema();
  const other = await startEmulator({ ak: AK, sk: SK, seed: 4, images: 2, iamFile: file });
  try {
    const served = ok(await admin('GET', '/v5/authorization-schemas/services/ims', undefined, other));
    assert.ok(served.actions.some((a: { name: string }) => a.name === 'ims:images:tagAudit'));
    const image = other.store.all()[0].id;
    const path = `/v2/${other.projectId}/images/${image}/tags`;
    ok(await as(SAM.ak, SAM.sk, 'POST', path, { tag: { key: 'a', value: 'b' } }, other), 204);
    // DeleteImageTag is still setTags in this schema: not allowed.
    assert.equal((await as(SAM.ak, SAM.sk, 'DELETE', `${path}/a`, undefined, other)).status, 403);
  } finally {
    await other.close();
  }
  // A file whose schema is no schema stops the start with a clear message.
  writeFileSync(file, JSON.stringify({ authorizationSchema: { actions: 'none' } }));
  await assert.rejects(
    startEmulator({ ak: AK, sk: SK, seed: 5, images: 1, iamFile: file }),
    /authorizationSchema: it is not an authorization schema/,
  );
});

test('Conditions are enforced with the image’s tags and the request’s: a team may tag its images, never the team key', async () => {
  const [blue, red] = emu.store.all().map((i) => i.id);
  emu.store.get(blue)!.tags.set('team', 'blue');
  emu.store.get(red)!.tags.set('team', 'red');
  const { key } = await userWithPolicy('blue-tagger', 'team-blue-taggers', [
    { Effect: 'Allow', Action: ['ims:images:setTags'], Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } } },
    { Effect: 'Deny', Action: ['ims:images:setTags'], Condition: { 'ForAnyValue:StringEquals': { 'g:TagKeys': ['team'] } } },
  ]);
  const tag = (image: string, k: string, v: string) =>
    as(key.access, key.secret, 'POST', `/v2/${emu.projectId}/images/${image}/tags`, { tag: { key: k, value: v } });
  ok(await tag(blue, 'env', 'prod'), 204);
  const onRed = await tag(red, 'env', 'prod');
  assert.equal(onRed.status, 403);
  assert.match(
    onRed.body.error.message,
    /policy "team-blue-taggers", statement 1 allows ims:images:setTags only if g:ResourceTag\/team StringEquals blue; the request has red\./,
  );
  const teamKey = await tag(blue, 'team', 'red');
  assert.equal(teamKey.status, 403);
  assert.match(
    teamKey.body.error.message,
    /ims:images:setTags is denied explicitly by policy "team-blue-taggers", statement 2\./,
  );
  assert.equal(emu.store.get(blue)!.tags.get('team'), 'blue', 'the team key is unchanged');
  // A batch on the blue image that touches only other keys passes; one that sets team is denied.
  const batch = (tags: Array<{ key: string; value: string }>) =>
    as(key.access, key.secret, 'POST', `/v2/${emu.projectId}/images/${blue}/tags/action`, { action: 'create', tags });
  ok(await batch([{ key: 'a', value: '1' }]), 204);
  assert.equal(
    (
      await batch([
        { key: 'team', value: 'x' },
        { key: 'b', value: '2' },
      ])
    ).status,
    403,
  );
});
