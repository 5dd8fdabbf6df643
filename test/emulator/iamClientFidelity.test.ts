/**
 * The extension's IAM client against the emulator, watched on the wire: it sends what Huawei's SDK sends
 * (X-Domain-Id on AK/SK IAM calls, found through GET /v3/auth/domains; X-Language to Access Analyzer;
 * domain_id on role assignments; all four fields when a custom policy is saved; policy_type=custom when
 * listing 5.0 policies; every page of a list), and reads STS and Access Analyzer in the Go SDK's shapes,
 * which have no npm SDK: the shapes below are those of huaweicloud-sdk-go-v3 `services/sts/v1/model`
 * and `services/iamaccessanalyzer/v1/model` (a field without `omitempty` is required).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../core/auth/signer';
import { lookupProjectId } from '../../core/client/iam';
import { IamClient } from '../../core/client/iamClient';
import { principalName } from '../../core/client/iamTypes';
import { IAM_OPERATIONS, missingRequired } from '../../core/client/iamOperations';
import { startEmulator, type Emulator } from '../../emulator/emulator';

const AK = 'FIDELITYAK00000001';
const SK = 'fidelity-secret-0001';
let emu: Emulator;
const sent: Array<{ method: string; url: URL; headers: Headers; body?: string }> = [];

function client(language: 'en-us' | 'zh-cn' = 'en-us'): IamClient {
  return new IamClient({
    endpoint: emu.url,
    projectId: emu.projectId,
    credentials: { kind: 'aksk', ak: AK, sk: SK },
    language: () => language,
    fetch: async (input, init) => {
      sent.push({
        method: init?.method ?? 'GET',
        url: new URL(String(input)),
        headers: new Headers(init?.headers),
        body: init?.body as string | undefined,
      });
      return fetch(input, init);
    },
  });
}

before(async () => {
  emu = await startEmulator({ ak: AK, sk: SK, seed: 8, images: 2 });
});
after(async () => emu.close());

/** A small structural check: required fields present, each with its Go type. */
type Shape = 'string' | 'number' | 'boolean' | Shape[] | { required?: string[]; fields: Record<string, Shape> };
function misfits(value: unknown, shape: Shape, path = '$'): string[] {
  if (typeof shape === 'string')
    return typeof value === shape ? [] : [`${path}: ${shape} expected, ${JSON.stringify(value)} found`];
  if (Array.isArray(shape))
    return Array.isArray(value) ? value.flatMap((v, i) => misfits(v, shape[0], `${path}[${i}]`)) : [`${path}: array expected`];
  if (typeof value !== 'object' || value === null) return [`${path}: object expected`];
  const v = value as Record<string, unknown>;
  return [
    ...(shape.required ?? []).filter((r) => v[r] === undefined).map((r) => `${path}.${r}: missing`),
    ...Object.entries(shape.fields).flatMap(([k, s]) =>
      v[k] === undefined || v[k] === null ? [] : misfits(v[k], s, `${path}.${k}`),
    ),
  ];
}

// sts/v1/model/model_get_caller_identity_response.go
const CALLER_IDENTITY: Shape = { fields: { account_id: 'string', principal_urn: 'string', principal_id: 'string' } };
// iamaccessanalyzer/v1/model: position, span, path_element, substring, location, validate_policy_finding, page_info
const POSITION: Shape = {
  required: ['line', 'column', 'offset'],
  fields: { line: 'number', column: 'number', offset: 'number' },
};
const FINDING: Shape = {
  required: ['finding_details', 'finding_type', 'issue_code', 'learn_more_link', 'locations'],
  fields: {
    finding_details: 'string',
    finding_type: 'string',
    issue_code: 'string',
    learn_more_link: 'string',
    locations: [
      {
        required: ['path', 'span'],
        fields: {
          path: [
            {
              fields: {
                index: 'number',
                key: 'string',
                value: 'string',
                substring: { required: ['start', 'length'], fields: { start: 'number', length: 'number' } },
              },
            },
          ],
          span: { required: ['start', 'end'], fields: { start: POSITION, end: POSITION } },
        },
      },
    ],
  },
};
const VALIDATE: Shape = {
  fields: {
    findings: [FINDING],
    page_info: { required: ['current_count'], fields: { current_count: 'number', next_marker: 'string' } },
  },
};
// model_check_no_new_access_response.go and model_check_no_new_access_reason.go
const NO_NEW_ACCESS: Shape = {
  fields: {
    message: 'string',
    check_result: 'string',
    reasons: [{ fields: { description: 'string', statement_id: 'string', statement_index: 'number' } }],
  },
};

test("STS GetCallerIdentity and Access Analyzer answer in the Go SDK's shapes, read by the client", async () => {
  const iam = client();
  const me = await iam.callerIdentity();
  assert.deepEqual(misfits(me, CALLER_IDENTITY), []);
  assert.equal(principalName(me.principal_urn), 'admin');
  const bad = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:lst', 'nope'] }] });
  const findings = await iam.validate(bad);
  assert.deepEqual(misfits({ findings }, VALIDATE), []);
  assert.deepEqual(findings.map((f) => f.finding_type).sort(), ['error', 'warning']);
  const unknown = findings.find((f) => f.issue_code === 'UNKNOWN_ACTION')!;
  const span = unknown.locations[0].span;
  assert.equal(bad.slice(span.start.offset, span.end.offset), '"ims:images:lst"', 'the span is the offending string');
  assert.deepEqual(unknown.locations[0].path, [{ key: 'Statement' }, { index: 0 }, { key: 'Action' }, { index: 0 }]);
  assert.equal(span.start.line, 1);
  const before = JSON.stringify({
    Version: '5.0',
    Statement: [
      { Effect: 'Allow', Action: ['ims:images:get'] },
      { Effect: 'Deny', Action: ['ims:images:delete'] },
    ],
  });
  const after = JSON.stringify({
    Version: '5.0',
    Statement: [{ Sid: 'Tags', Effect: 'Allow', Action: ['ims:images:get', 'ims:images:setTags'] }],
  });
  const check = await iam.checkNoNewAccess(before, after);
  assert.deepEqual(misfits(check, NO_NEW_ACCESS), []);
  assert.equal(check.check_result, 'fail');
  assert.deepEqual(
    check.reasons?.map((r) => [r.statement_index, r.statement_id, r.description]),
    [
      [0, 'Tags', 'allows ims:images:setTags, which the existing policy does not'],
      [undefined, undefined, 'no longer denies ims:images:delete'],
    ],
  );
  assert.equal(
    (await iam.checkNoNewAccess(after, before)).check_result,
    'pass',
    'going back adds a Deny and drops an Allow: no new access',
  );
  assert.equal((await iam.checkNoNewAccess(after, after)).check_result, 'pass');
});

test('the client sends what the SDK sends: X-Domain-Id, X-Language, domain_id, the whole custom policy, policy_type', async () => {
  sent.length = 0;
  const iam = client('zh-cn');
  await iam.listGroups();
  assert.equal(sent[0].url.pathname, '/v3/auth/domains', 'the account is found first, as the SDK does');
  assert.equal(sent[1].headers.get('x-domain-id'), emu.domainId);
  await iam.roleAssignments({});
  const assignments = sent.find((s) => s.url.pathname === '/v3.0/OS-PERMISSION/role-assignments')!;
  assert.equal(assignments.url.searchParams.get('domain_id'), emu.domainId);
  assert.equal(sent.filter((s) => s.url.pathname === '/v3/auth/domains').length, 1, 'read once');
  await iam.validate(JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] }));
  const validate = sent.find((s) => s.url.pathname === '/v5/policies/validate')!;
  assert.equal(validate.headers.get('x-language'), 'zh-cn');
  assert.equal(validate.headers.get('x-domain-id'), null, 'Access Analyzer is not IAM: no X-Domain-Id');
  // The region's project, as the connection finds it with AK/SK: a global call too, with X-Domain-Id.
  const spy: typeof fetch = async (input, init) => {
    sent.push({ method: init?.method ?? 'GET', url: new URL(String(input)), headers: new Headers(init?.headers) });
    return fetch(input, init);
  };
  assert.equal(await lookupProjectId({ iamEndpoint: emu.url, region: 'cn-north-4', ak: AK, sk: SK, fetch: spy }), emu.projectId);
  assert.equal(sent.find((s) => s.url.pathname === '/v3/projects')!.headers.get('x-domain-id'), emu.domainId);
  await iam.listPolicies(10);
  assert.equal(sent.find((s) => s.url.pathname === '/v5/policies')!.url.searchParams.get('policy_type'), 'custom');
  const role = await iam.createRole({
    display_name: 'fidelity',
    type: 'XA',
    description: 'first',
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] },
  });
  await iam.updateRole(role.id, { policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] } });
  const patch = sent.find((s) => s.method === 'PATCH')!;
  assert.deepEqual(Object.keys(JSON.parse(patch.body!).role).sort(), ['description', 'display_name', 'policy', 'type']);
});

test('what IAM requires is required on both sides: the client sends nothing without it, the emulator answers 400', async () => {
  const assignments = IAM_OPERATIONS.find((o) => o.id === 'ShowDomainRoleAssignments')!;
  assert.equal(missingRequired(assignments, new URLSearchParams(), undefined), 'The query parameter domain_id is required.');
  const patch = IAM_OPERATIONS.find((o) => o.id === 'UpdateCloudServiceCustomPolicy')!;
  assert.equal(missingRequired(patch, new URLSearchParams(), { role: { policy: {} } }), 'role.display_name is required.');
  // The emulator answers an omission as IAM does.
  const iam = client();
  const role = await iam.createRole({
    display_name: 'required',
    type: 'XA',
    description: 'd',
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] },
  });
  const url = `${emu.url}/v3.0/OS-ROLE/roles/${role.id}`;
  const body = JSON.stringify({
    role: { policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] } },
  });
  const headers = signRequest({ method: 'PATCH', url, headers: { 'Content-Type': 'application/json' }, body, ak: AK, sk: SK });
  const res = await fetch(url, { method: 'PATCH', headers, body });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /role\.display_name is required/);
  const q = `${emu.url}/v3.0/OS-PERMISSION/role-assignments`;
  const r2 = await fetch(q, { headers: signRequest({ method: 'GET', url: q, headers: {}, ak: AK, sk: SK }) });
  assert.equal(r2.status, 400);
  assert.match(await r2.text(), /domain_id is required/);
});
