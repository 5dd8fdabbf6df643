/**
 * Every call of the IAM client as it leaves the machine, read back from a recording fetch: the
 * service's host, method, path, query, body and the headers the SDK sends (X-Domain-Id on AK/SK calls
 * to IAM, read once; X-Language to Access Analyzer; X-Project-Id only off IAM), and lists read to
 * their last page and no further. The emulator suites (test/emulator/iamClientFidelity.test.ts) check
 * the same calls against the SDK's models; these check each boundary without a server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IamClient, type IamClientOptions } from '../../core/client/iamClient';
import { iamOperation, missingRequired, operationPath } from '../../core/client/iamOperations';
import { recordingFetch, type Route, type Answer } from '../support/recordingFetch';

const IAM = 'https://iam.myhuaweicloud.com';
const ROLE = {
  id: 'r1',
  name: 'custom_r1',
  display_name: 'Taggers',
  type: 'AX',
  description: 'old words',
  policy: { Version: '1.1', Statement: [] },
};

function client(routes: Record<string, Route | Answer>, extra: Partial<IamClientOptions> = {}) {
  const rec = recordingFetch(routes);
  const iam = new IamClient({
    endpoint: `${IAM}/`,
    projectId: 'proj',
    credentials: { kind: 'token', token: async () => 'tok' },
    fetch: rec.fetchFn,
    maxAttempts: 2,
    baseDelayMs: 1,
    ...extra,
  });
  return { iam, sent: rec.sent };
}
const aksk = { credentials: { kind: 'aksk' as const, ak: 'AK', sk: 'SK' } };
const where = (s: { method: string; url: URL }) => `${s.method} ${s.url.host}${s.url.pathname}${s.url.search}`;

test('each service on its own endpoint; by default all on one; Access Analyzer refused where the region has none', async () => {
  const endpoints = { iam: 'https://iam.x/', sts: 'https://sts.x', accessAnalyzer: 'https://aa.x/' };
  const routes = {
    'GET /v3/users': { body: { users: [] } },
    'GET /v5/caller-identity': { body: { principal_id: 'u' } },
    'POST /v5/policies/validate': { body: { findings: [], page_info: { next_marker: null } } },
  };
  const split = client(routes, { endpoints });
  await split.iam.listUsers();
  await split.iam.callerIdentity();
  await split.iam.validate('{}');
  assert.deepEqual(split.sent.map(where), [
    'GET iam.x/v3/users',
    'GET sts.x/v5/caller-identity',
    'POST aa.x/v5/policies/validate?limit=200',
  ]);
  assert.equal(split.iam.endpoint, 'https://iam.x');
  assert.equal(split.iam.hasAccessAnalyzer, true);

  const one = client(routes);
  await one.iam.listUsers();
  await one.iam.callerIdentity();
  await one.iam.validate('{}');
  assert.deepEqual(
    one.sent.map((s) => s.url.host),
    ['iam.myhuaweicloud.com', 'iam.myhuaweicloud.com', 'iam.myhuaweicloud.com'],
  );
  assert.equal(one.iam.endpoint, IAM);
  assert.equal(one.iam.hasAccessAnalyzer, true);

  // Endpoints given, Access Analyzer not among them: IAM and STS fall back to their own or the main endpoint.
  const none = client(routes, { endpoints: { sts: 'https://sts.x' } });
  assert.equal(none.iam.hasAccessAnalyzer, false);
  assert.equal(none.iam.endpoint, IAM);
  await assert.rejects(
    none.iam.validate('{}'),
    /IAM Access Analyzer is not offered in this region: set imsTags\.endpoint\.accessAnalyzer/,
  );
  await none.iam.callerIdentity();
  assert.deepEqual(none.sent.map(where), ['GET sts.x/v5/caller-identity']);
});

test('AK/SK calls to IAM carry X-Domain-Id, read once from /v3/auth/domains; STS and Access Analyzer do not', async () => {
  const { iam, sent } = client(
    {
      'GET /v3/auth/domains': { body: { domains: [{ id: 'dom-1', name: 'acct' }] } },
      'GET /v3/users': { body: { users: [{ id: 'u1', name: 'alice' }] } },
      'GET /v3/groups': { body: { groups: [] } },
      'GET /v5/caller-identity': { body: { principal_id: 'u1' } },
      'POST /v5/policies/check-no-new-access': { body: { check_result: 'pass' } },
    },
    { ...aksk, language: () => 'zh-cn' },
  );
  assert.deepEqual(await iam.listUsers(), [{ id: 'u1', name: 'alice' }]);
  await iam.listGroups();
  await iam.callerIdentity();
  await iam.checkNoNewAccess('{"a":1}', '{"b":2}');
  assert.equal(await iam.accountId(), 'dom-1');
  assert.deepEqual(sent.map(where), [
    `GET iam.myhuaweicloud.com/v3/auth/domains`,
    `GET iam.myhuaweicloud.com/v3/users`,
    `GET iam.myhuaweicloud.com/v3/groups`,
    `GET iam.myhuaweicloud.com/v5/caller-identity`,
    `POST iam.myhuaweicloud.com/v5/policies/check-no-new-access`,
  ]);
  const [domains, users, groups, sts, aa] = sent;
  assert.equal(domains.headers['x-domain-id'], undefined, 'the domain read itself names no domain');
  assert.equal(users.headers['x-domain-id'], 'dom-1');
  assert.equal(groups.headers['x-domain-id'], 'dom-1');
  assert.equal(sts.headers['x-domain-id'], undefined);
  assert.equal(aa.headers['x-domain-id'], undefined);
  // IAM is global (no X-Project-Id); STS and Access Analyzer are regional.
  assert.equal(users.headers['x-project-id'], undefined);
  assert.equal(sts.headers['x-project-id'], 'proj');
  assert.equal(aa.headers['x-project-id'], 'proj');
  // X-Language only where Access Analyzer answers in words.
  assert.equal(aa.headers['x-language'], 'zh-cn');
  assert.equal(users.headers['x-language'], undefined);
  assert.equal(sts.headers['x-language'], undefined);
  for (const s of sent) {
    assert.equal(s.headers['content-type'], 'application/json;charset=UTF-8');
    assert.match(s.headers.authorization, /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=/);
  }
  assert.deepEqual(aa.body, {
    existing_policy_document: '{"a":1}',
    new_policy_document: '{"b":2}',
    policy_type: 'identity_policy',
  });
});

test('the account: given, it is never read; a failed read is not kept; no domain listed is an error in words', async () => {
  const given = client({ 'GET /v3/users': { body: { users: [] } } }, { ...aksk, domainId: 'dom-given' });
  await given.iam.listUsers();
  assert.deepEqual(
    given.sent.map((s) => s.url.pathname),
    ['/v3/users'],
  );
  assert.equal(given.sent[0].headers['x-domain-id'], 'dom-given');

  const flaky = client(
    {
      'GET /v3/auth/domains': (_s, nth) =>
        nth === 0 ? { status: 403, body: { error_msg: 'no' } } : { body: { domains: [{ id: 'd2' }] } },
      'GET /v3/users': { body: { users: [] } },
    },
    aksk,
  );
  await assert.rejects(flaky.iam.listUsers(), /KeystoneListAuthDomains failed: 403/);
  assert.equal(flaky.sent.length, 1, 'nothing sent without the account');
  await flaky.iam.listUsers();
  assert.equal(flaky.sent.at(-1)?.headers['x-domain-id'], 'd2');

  const empty = client({ 'GET /v3/auth/domains': { body: { domains: [] } } }, aksk);
  await assert.rejects(empty.iam.accountId(), /IAM listed no domain for these credentials \(GET \/v3\/auth\/domains\)\./);
  const absent = client({ 'GET /v3/auth/domains': { body: {} } }, aksk);
  await assert.rejects(absent.iam.accountId(), /IAM listed no domain/);

  // With a token the service knows the account: no domain read, no header.
  const token = client({ 'GET /v3/users': { body: { users: [] } } });
  await token.iam.listUsers();
  assert.deepEqual(
    token.sent.map((s) => s.url.pathname),
    ['/v3/users'],
  );
  assert.equal(token.sent[0].headers['x-domain-id'], undefined);
  assert.equal(token.sent[0].headers['x-auth-token'], 'tok');
});

test('a refusal names the operation and what IAM said, and no actions (IAM calls need none of IMS)', async () => {
  const { iam } = client({ 'GET /v3/users': { status: 403, body: { error_code: 'IAM.0003', error_msg: 'no right' } } });
  await assert.rejects(iam.listUsers(), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'IAM KeystoneListUsers failed: 403 IAM.0003 — no right');
    assert.deepEqual((e as { neededActions?: string[] }).neededActions, []);
    return true;
  });
});

test('reads are retried on 503, writes never', async () => {
  const busy: Route = (_s, nth) => (nth === 0 ? { status: 503 } : { body: { role: ROLE, roles: [], total_number: 0 } });
  const { iam, sent } = client({ 'GET /v3.0/OS-ROLE/roles/r1': busy, 'POST /v3.0/OS-ROLE/roles': busy });
  await iam.getRole('r1');
  assert.equal(sent.length, 2);
  await assert.rejects(
    iam.createRole({ display_name: 'd', type: 'AX', description: '', policy: {} }),
    /CreateCloudServiceCustomPolicy failed: 503/,
  );
  assert.equal(sent.length, 3, 'the create was sent once');
});

test('1.1 custom policies and the rest of the Keystone reads: paths, queries and bodies', async () => {
  const { iam, sent } = client({
    'GET /v3/projects': { body: { projects: [{ id: 'p1', name: 'cn-north-4' }] } },
    'GET /v3.0/OS-ROLE/roles': { body: { roles: [ROLE], total_number: 1 } },
    'GET /v3.0/OS-ROLE/roles/r1': { body: { role: ROLE } },
    'POST /v3.0/OS-ROLE/roles': (s) => ({ body: { role: { ...ROLE, ...(s.body as { role: object }).role } } }),
    'DELETE /v3.0/OS-ROLE/roles/r1': { status: 204 },
    'GET /v3/roles/sys1': { body: { role: { ...ROLE, id: 'sys1' } } },
    'GET /v3/users/u%201/groups': { body: { groups: [{ id: 'g1', name: 'admin' }] } },
    'POST /v3.0/OS-CREDENTIAL/credentials': { body: { credential: { access: 'NEWAK', secret: 'NEWSK', user_id: 'u1' } } },
    'DELETE /v3.0/OS-CREDENTIAL/credentials/NEWAK': { status: 204 },
    'GET /v5/user/u1/tags': { body: { tags: [{ tag_key: 'team', tag_value: 'blue' }, { tag_key: 'flag' }] } },
    'GET /v5/authorization-schemas/services/ims': { body: { actions: [] } },
  });
  assert.deepEqual(await iam.listProjects('cn-north-4'), [{ id: 'p1', name: 'cn-north-4' }]);
  assert.deepEqual(await iam.listRoles(2, 10), { roles: [ROLE], total_number: 1 });
  assert.equal((await iam.getRole('r1')).display_name, 'Taggers');
  const made = await iam.createRole({ display_name: 'New', type: 'XA', description: 'd', policy: { Version: '1.1' } });
  assert.equal(made.display_name, 'New');
  await iam.deleteRole('r1');
  assert.equal((await iam.getAnyRole('sys1')).id, 'sys1');
  assert.deepEqual(await iam.userGroups('u 1'), [{ id: 'g1', name: 'admin' }]);
  assert.deepEqual(await iam.createAccessKey('u1', 'for the explorer'), { access: 'NEWAK', secret: 'NEWSK', user_id: 'u1' });
  await iam.deleteAccessKey('NEWAK');
  assert.deepEqual(await iam.userTags('u1'), { team: 'blue', flag: '' });
  assert.deepEqual(await iam.authorizationSchema('ims'), { actions: [] });
  assert.deepEqual(
    sent.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`),
    [
      'GET /v3/projects?name=cn-north-4',
      'GET /v3.0/OS-ROLE/roles?page=2&per_page=10',
      'GET /v3.0/OS-ROLE/roles/r1',
      'POST /v3.0/OS-ROLE/roles',
      'DELETE /v3.0/OS-ROLE/roles/r1',
      'GET /v3/roles/sys1',
      'GET /v3/users/u%201/groups',
      'POST /v3.0/OS-CREDENTIAL/credentials',
      'DELETE /v3.0/OS-CREDENTIAL/credentials/NEWAK',
      'GET /v5/user/u1/tags',
      'GET /v5/authorization-schemas/services/ims',
    ],
  );
  assert.deepEqual(sent[3].body, { role: { display_name: 'New', type: 'XA', description: 'd', policy: { Version: '1.1' } } });
  assert.deepEqual(sent[7].body, { credential: { user_id: 'u1', description: 'for the explorer' } });
  for (const s of sent.filter((x) => x.method === 'GET' || x.method === 'DELETE')) assert.equal(s.body, undefined);

  const noName = client({ 'GET /v3/projects': { body: {} } });
  assert.deepEqual(await noName.iam.listProjects(), []);
  assert.equal(noName.sent[0].url.search, '', 'no name, no query');
  const noTags = client({ 'GET /v5/user/u1/tags': { body: {} } });
  assert.deepEqual(await noTags.iam.userTags('u1'), {});
});

test('a 1.1 save reads the role just before it writes and sends all four fields IAM requires', async () => {
  let now: Record<string, unknown> = { ...ROLE, display_name: 'Renamed in the console' };
  const routes = {
    'GET /v3.0/OS-ROLE/roles/r1': () => ({ body: { role: now } }),
    'PATCH /v3.0/OS-ROLE/roles/r1': (s: { body: unknown }) => ({
      body: { role: { ...now, ...(s.body as { role: object }).role } },
    }),
  };
  const { iam, sent } = client(routes);
  const saved = await iam.updateRole('r1', { policy: { Version: '1.1', Statement: [{ Effect: 'Allow' }] } });
  assert.deepEqual(
    sent.map((s) => s.method),
    ['GET', 'PATCH'],
  );
  assert.deepEqual(sent[1].body, {
    role: {
      display_name: 'Renamed in the console',
      type: 'AX',
      description: 'old words',
      policy: { Version: '1.1', Statement: [{ Effect: 'Allow' }] },
    },
  });
  assert.equal(saved.display_name, 'Renamed in the console');

  // No description held: IAM still requires one, so an empty one is sent; description_cn only when held.
  now = { ...ROLE, description: undefined, description_cn: '中文' };
  await iam.updateRole('r1', { display_name: 'Mine' });
  assert.deepEqual(sent[3].body, {
    role: { display_name: 'Mine', type: 'AX', description: '', description_cn: '中文', policy: ROLE.policy },
  });
  now = { ...ROLE, description_cn: null };
  await iam.updateRole('r1', {});
  assert.equal('description_cn' in (sent[5].body as { role: object }).role, false);
  assert.deepEqual(Object.keys((sent[5].body as { role: object }).role), ['display_name', 'type', 'description', 'policy']);
});

test('what IAM requires is checked before sending: nothing leaves without it', async () => {
  const { iam, sent } = client({ 'POST /v5/policies': { body: { policy: {} } } });
  await assert.rejects(
    iam.createPolicy('p', undefined as unknown as string),
    /^Error: CreatePolicyV5: policy_document is required\. Nothing was sent\.$/,
  );
  await assert.rejects(
    iam.createRole({ display_name: 'd', type: 'AX', description: undefined as unknown as string, policy: {} }),
    /CreateCloudServiceCustomPolicy: role\.description is required\. Nothing was sent\./,
  );
  assert.equal(sent.length, 0);
});

test('5.0 policies and versions: paths, queries and bodies', async () => {
  const P = { policy_id: 'p1', policy_name: 'tags', default_version_id: 'v1', attachment_count: 0 };
  const V = { version_id: 'v2', document: '{}', is_default: false };
  const { iam, sent } = client({
    'GET /v5/policies': { body: { policies: [P], page_info: { next_marker: 'm2' } } },
    'POST /v5/policies': { body: { policy: P } },
    'GET /v5/policies/p1': { body: { policy: P } },
    'DELETE /v5/policies/p1': { status: 204 },
    'GET /v5/policies/p1/versions/v2': { body: { policy_version: V } },
    'POST /v5/policies/p1/versions': { body: { policy_version: V } },
    'DELETE /v5/policies/p1/versions/v1': { status: 204 },
  });
  assert.deepEqual(await iam.listPolicies(50), { policies: [P], page_info: { next_marker: 'm2' } });
  await iam.listPolicies(50, 'm2');
  assert.deepEqual(await iam.createPolicy('tags', '{"Version":"5.0"}', 'why'), P);
  assert.deepEqual(await iam.getPolicy('p1'), P);
  await iam.deletePolicy('p1');
  assert.deepEqual(await iam.getVersion('p1', 'v2'), V);
  assert.deepEqual(await iam.createVersion('p1', '{"v":2}', true), V);
  await iam.deleteVersion('p1', 'v1');
  assert.deepEqual(
    sent.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`),
    [
      'GET /v5/policies?limit=50&policy_type=custom',
      'GET /v5/policies?limit=50&marker=m2&policy_type=custom',
      'POST /v5/policies',
      'GET /v5/policies/p1',
      'DELETE /v5/policies/p1',
      'GET /v5/policies/p1/versions/v2',
      'POST /v5/policies/p1/versions',
      'DELETE /v5/policies/p1/versions/v1',
    ],
  );
  assert.deepEqual(sent[2].body, { policy_name: 'tags', policy_document: '{"Version":"5.0"}', description: 'why' });
  assert.deepEqual(sent[6].body, { policy_document: '{"v":2}', set_as_default: true });
});

test('marker-paged lists are read to next_marker null, 200 a page, and stop at 100 pages', async () => {
  const pages: Route = (s) => {
    const m = Number(s.url.searchParams.get('marker') ?? '0');
    return {
      body: {
        attached_policies: [{ policy_id: `p${m}`, policy_name: `n${m}` }],
        versions: [{ version_id: `v${m}`, document: '{}', is_default: m === 0 }],
        findings: [{ issue_code: `c${m}` }],
        policy_users: m === 1 ? undefined : [{ user_id: `u${m}` }],
        policy_groups: m === 0 ? undefined : [{ group_id: `g${m}` }],
        page_info: { next_marker: m < 2 ? String(m + 1) : null },
      },
    };
  };
  const { iam, sent } = client({
    'GET /v5/users/u1/attached-policies': pages,
    'GET /v5/groups/g1/attached-policies': pages,
    'GET /v5/policies/p1/versions': pages,
    'GET /v5/policies/p1/attached-entities': pages,
    'POST /v5/policies/validate': pages,
  });
  assert.deepEqual(
    (await iam.attachedPolicies('users', 'u1')).map((p) => p.policy_id),
    ['p0', 'p1', 'p2'],
  );
  assert.deepEqual(
    sent.map((s) => s.url.search),
    ['?limit=200', '?limit=200&marker=1', '?limit=200&marker=2'],
  );
  assert.deepEqual(
    (await iam.attachedPolicies('groups', 'g1')).map((p) => p.policy_name),
    ['n0', 'n1', 'n2'],
  );
  assert.equal(sent.at(-1)?.url.pathname, '/v5/groups/g1/attached-policies');
  assert.deepEqual(
    (await iam.listVersions('p1')).map((v) => v.version_id),
    ['v0', 'v1', 'v2'],
  );
  assert.deepEqual(await iam.attachedEntities('p1'), {
    policy_users: [{ user_id: 'u0' }, { user_id: 'u2' }],
    policy_groups: [{ group_id: 'g1' }, { group_id: 'g2' }],
  });
  const findings = await iam.validate('{"Version":"5.0"}');
  assert.deepEqual(
    findings.map((f) => f.issue_code),
    ['c0', 'c1', 'c2'],
  );
  assert.deepEqual(sent.at(-1)?.body, { policy_document: '{"Version":"5.0"}', policy_type: 'identity_policy' });

  // A page without page_info or without the list ends the list.
  const bare = client({ 'GET /v5/policies/p1/versions': { body: {} } });
  assert.deepEqual(await bare.iam.listVersions('p1'), []);
  assert.equal(bare.sent.length, 1);

  // A service that never stops: 100 pages, then the list as read.
  const endless = client({
    'GET /v5/policies/p1/versions': (s) => ({
      body: {
        versions: [{ version_id: 'x' }],
        page_info: { next_marker: `${Number(s.url.searchParams.get('marker') ?? 0) + 1}` },
      },
    }),
  });
  assert.equal((await endless.iam.listVersions('p1')).length, 100);
  assert.equal(endless.sent.length, 100);
});

test('role assignments: page by page, 50 a page, with the account as domain_id, until a short page or total_num', async () => {
  const assignment = (n: number) => ({ role: { id: `r${n}` }, user: { id: 'u1' }, scope: { domain: { id: 'dom-1' } } });
  const pageOf = (from: number, count: number) => Array.from({ length: count }, (_, i) => assignment(from + i));
  const make = (answer: (page: number) => Answer) =>
    client(
      {
        'GET /v3/auth/domains': { body: { domains: [{ id: 'dom-1' }] } },
        'GET /v3.0/OS-PERMISSION/role-assignments': (s) => answer(Number(s.url.searchParams.get('page'))),
      },
      aksk,
    );

  // Two full pages and a short one.
  const a = make((page) => ({ body: { role_assignments: pageOf((page - 1) * 50, page < 3 ? 50 : 7) } }));
  const got = await a.iam.roleAssignments({ user_id: 'u1', include_group: 'true' });
  assert.equal(got.length, 107);
  assert.equal(got[106].role.id, 'r106');
  const reads = a.sent.filter((s) => s.url.pathname.endsWith('role-assignments'));
  assert.deepEqual(
    reads.map((s) => Object.fromEntries(s.url.searchParams)),
    [1, 2, 3].map((page) => ({ user_id: 'u1', include_group: 'true', domain_id: 'dom-1', page: String(page), per_page: '50' })),
  );

  // Exactly 50 and total_num says that is all: no empty third read.
  const b = make(() => ({ body: { role_assignments: pageOf(0, 50), total_num: 50 } }));
  assert.equal((await b.iam.roleAssignments({})).length, 50);
  assert.equal(b.sent.filter((s) => s.url.pathname.endsWith('role-assignments')).length, 1);

  // Full pages with total_num further on: read on until it is reached.
  const c = make((page) => ({ body: { role_assignments: pageOf((page - 1) * 50, 50), total_num: 150 } }));
  assert.equal((await c.iam.roleAssignments({})).length, 150);

  // No total_num and always full: 100 pages at most. An answer without the list ends it.
  const d = make(() => ({ body: { role_assignments: pageOf(0, 50) } }));
  assert.equal((await d.iam.roleAssignments({})).length, 5000);
  const e = make(() => ({ body: {} }));
  assert.deepEqual(await e.iam.roleAssignments({}), []);
});

test('the token request of a .http file goes out as written: unsigned, its own headers, to IAM', async () => {
  const { iam, sent } = client(
    { 'POST /v3/auth/tokens': { status: 201, body: { token: {} }, headers: { 'x-subject-token': 'T' } } },
    { ...aksk, endpoints: { iam: 'https://iam.x', sts: 'https://sts.x' } },
  );
  const r = await iam.exchangeTokenRequest('/v3/auth/tokens?nocatalog=true', '{"auth":{}}', { 'X-Custom': '1' });
  assert.equal(r.status, 201);
  assert.equal(r.headers['x-subject-token'], 'T');
  assert.equal(where(sent[0]), 'POST iam.x/v3/auth/tokens?nocatalog=true');
  assert.equal(sent[0].headers.authorization, undefined, 'unsigned');
  assert.equal(sent[0].headers['x-custom'], '1');
  assert.equal(sent[0].headers['content-type'], 'application/json;charset=UTF-8');
  assert.deepEqual(sent[0].body, { auth: {} });
});

test('what an operation requires, read as IAM reads it: the query, the body and the body inside its wrapper', () => {
  const none = new URLSearchParams();
  const create = iamOperation('CreateCloudServiceCustomPolicy');
  const role = { display_name: 'd', type: 'AX', description: '', policy: {} };
  assert.equal(missingRequired(create, none, { role }), undefined);
  assert.equal(missingRequired(create, none, undefined), 'The body must be {"role": {...}}.');
  assert.equal(missingRequired(create, none, null), 'The body must be {"role": {...}}.');
  assert.equal(missingRequired(create, none, { role: null }), 'The body must be {"role": {...}}.');
  assert.equal(missingRequired(create, none, { role: 'text' }), 'The body must be {"role": {...}}.');
  assert.equal(missingRequired(create, none, role), 'The body must be {"role": {...}}.', 'fields outside the wrapper');
  assert.equal(missingRequired(create, none, { role: { ...role, policy: null } }), 'role.policy is required.');
  // An empty description is a description: only absent (or null) is missing.
  assert.equal(missingRequired(create, none, { role: { ...role, description: '' } }), undefined);
  const v5 = iamOperation('CreatePolicyV5');
  assert.equal(missingRequired(v5, none, { policy_name: 'n', policy_document: '{}' }), undefined);
  assert.equal(missingRequired(v5, none, { policy_name: 'n' }), 'policy_document is required.');
  assert.equal(missingRequired(v5, none, undefined), 'policy_name is required.');
  assert.equal(missingRequired(v5, none, 'text'), 'policy_name is required.');
  const assignments = iamOperation('ShowDomainRoleAssignments');
  assert.equal(
    missingRequired(assignments, new URLSearchParams('domain_id='), undefined),
    'The query parameter domain_id is required.',
  );
  assert.equal(missingRequired(assignments, new URLSearchParams('domain_id=d'), undefined), undefined);
  assert.equal(missingRequired(iamOperation('KeystoneListUsers'), none, undefined), undefined);
  assert.equal(missingRequired(iamOperation('ValidatePolicy'), none, { policy_document: '{}' }), 'policy_type is required.');
  assert.equal(
    missingRequired(iamOperation('CheckNoNewAccess'), none, { existing_policy_document: '{}', new_policy_document: '{}' }),
    'policy_type is required.',
  );
  assert.throws(() => iamOperation('NoSuchOperation'), /IAM operation NoSuchOperation is not in the table/);
  assert.equal(
    operationPath(iamOperation('GetPolicyVersionV5'), { policy_id: 'a/b', version_id: 'v 1' }),
    '/v5/policies/a%2Fb/versions/v%201',
  );
  assert.throws(() => operationPath(iamOperation('GetPolicyV5')), /^Error: GetPolicyV5 needs policy_id$/);
  assert.throws(() => operationPath(iamOperation('GetPolicyV5'), {}), /GetPolicyV5 needs policy_id/);
  assert.equal(operationPath(iamOperation('GetPolicyV5'), { policy_id: '' }), '/v5/policies/');
});
