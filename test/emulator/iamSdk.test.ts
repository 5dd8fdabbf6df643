/**
 * IAM as Huawei's own SDK speaks it. The operation table (core/client/iamOperations.ts), which both the
 * client and the emulator are built from, is checked against `@huaweicloud/huaweicloud-sdk-iam`: method
 * and path from its IamClient, required body fields and query parameters from its request models. Then
 * the SDK's own clients — GlobalCredentials with no domain id, so the SDK finds it through
 * `GET /v3/auth/domains` as it would in the cloud — drive every IAM operation of the table against the
 * emulator, and each answer is checked against the SDK's response model: every field its constructor
 * lists (documented as returned) is there, and every field has the model's type. STS and IAM Access
 * Analyzer have no npm SDK: iamClientFidelity.test.ts checks them against the Go SDK's models.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BasicCredentials, GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { IamClient as V3Client } from '@huaweicloud/huaweicloud-sdk-iam/v3/IamClient';
// The package's v5 entry (v5/public-api.js) requires a file that does not exist in 3.1.172: the client
// is taken from its own module.
import { IamClient as V5Client } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient';
import { IAM_OPERATIONS, type IamOperation } from '../../core/client/iamOperations';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { checkAgainstModel, sdkModel, sdkOperations, sdkRequiredBody } from '../support/sdkModels';

const AK = 'SDKADMINAK00000001';
const SK = 'sdk-admin-secret-0001';
const lowerCamel = (id: string) => id[0].toLowerCase() + id.slice(1);
const V3 = sdkOperations('v3');
const V5 = sdkOperations('v5');
const versionOf = (o: IamOperation): 'v3' | 'v5' | undefined =>
  V3.has(lowerCamel(o.id)) ? 'v3' : V5.has(lowerCamel(o.id)) ? 'v5' : undefined;
const IAM_ONLY = IAM_OPERATIONS.filter((o) => o.service === 'iam');

test("every IAM operation of the table is the SDK's: same method and path, same required body fields and query", () => {
  for (const o of IAM_ONLY) {
    const version = versionOf(o);
    assert.ok(version, `${o.id} is not an operation of the SDK's IamClient`);
    const sdk = (version === 'v3' ? V3 : V5).get(lowerCamel(o.id))!;
    assert.deepEqual({ method: o.method, path: o.path }, sdk, o.id);
    const body = sdkRequiredBody(version, o.id);
    assert.deepEqual(
      o.body ? { ...(o.body.wrapper ? { wrapper: o.body.wrapper } : {}), required: [...o.body.required].sort() } : undefined,
      body && { ...(body.wrapper ? { wrapper: body.wrapper } : {}), required: [...body.required].sort() },
      `${o.id}: required body fields`,
    );
    // The request model's constructor lists the required parameters: those not in the path are query.
    const request = sdkModel(version, `${o.id}Request`)!;
    const inPath = new Set([...o.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    const query = request.required.filter((r) => !inPath.has(r) && r !== 'body');
    assert.deepEqual([...(o.requiredQuery ?? [])].sort(), query.sort(), `${o.id}: required query parameters`);
  }
});

let emu: Emulator;
let v3: V3Client;
/** Project-level operations take `{project_id}` from the credentials (BasicCredentials), not the request. */
let v3Project: V3Client;
let v5: V5Client;
const answered = new Map<string, unknown>();
const mismatches: string[] = [];

/** Calls an operation through the SDK's client and checks the answer against the SDK's response model. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field, checked above
async function sdk(id: string, request: Record<string, unknown> = {}): Promise<any> {
  const o = IAM_OPERATIONS.find((x) => x.id === id);
  assert.ok(o, `${id} is in the table`);
  const version = versionOf(o)!;
  const projectScoped = o.path.includes('{project_id}') && !sdkModel(version, `${o.id}Request`)!.fields.has('project_id');
  const client = (version === 'v5' ? v5 : projectScoped ? v3Project : v3) as unknown as Record<
    string,
    (r: unknown) => Promise<unknown>
  >;
  let answer: unknown;
  try {
    answer = await client[lowerCamel(id)](request);
  } catch (e) {
    const err = e as { httpStatusCode?: number; errorMsg?: string; errorCode?: string };
    assert.fail(`${id} failed through the SDK: ${err.httpStatusCode ?? ''} ${err.errorCode ?? ''} ${err.errorMsg ?? String(e)}`);
  }
  const { httpStatusCode: _status, ...body } = answer as Record<string, unknown>;
  // Collected, so one run names every mismatch; asserted at the end of the test.
  for (const p of checkAgainstModel(version, `${o.id}Response`, body)) mismatches.push(`${id}: ${p}`);
  answered.set(id, body);
  return body;
}

before(async () => {
  emu = await startEmulator({ ak: AK, sk: SK, seed: 5, images: 3 });
  // No domain id: the SDK reads it from GET /v3/auth/domains, and sends it as X-Domain-Id.
  const credentials = new GlobalCredentials().withAk(AK).withSk(SK).withIamEndpoint(emu.url);
  v3 = V3Client.newBuilder().withCredential(credentials).withEndpoint(emu.url).build();
  v5 = V5Client.newBuilder().withCredential(credentials).withEndpoint(emu.url).build();
  const project = new BasicCredentials().withAk(AK).withSk(SK).withProjectId(emu.projectId).withIamEndpoint(emu.url);
  v3Project = V3Client.newBuilder().withCredential(project).withEndpoint(emu.url).build();
});
after(async () => emu.close());

const POLICY_11 = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] };
const POLICY_50 = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:get'] }] });

test('every IAM operation of the table, through the official SDK, answered as its models declare', async () => {
  const domain = emu.domainId;
  await sdk('KeystoneListAuthDomains');
  const projects = await sdk('KeystoneListProjects', { name: 'cn-north-4' });
  assert.equal(projects.projects[0].id, emu.projectId);
  await sdk('KeystoneListAuthProjects');
  // Users, both ways of creating them.
  const alice = (await sdk('CreateUser', { body: { user: { name: 'sdk-alice', domain_id: domain, password: 'Alice-Pass-1' } } }))
    .user;
  const bob = (await sdk('KeystoneCreateUser', { body: { user: { name: 'sdk-bob', domain_id: domain } } })).user;
  await sdk('ShowUser', { user_id: alice.id });
  await sdk('UpdateUser', { user_id: alice.id, body: { user: { description: 'tags images' } } });
  await sdk('KeystoneListUsers');
  await sdk('KeystoneShowUser', { user_id: bob.id });
  // Groups and membership.
  const group = (await sdk('KeystoneCreateGroup', { body: { group: { name: 'sdk-taggers', description: 'd' } } })).group;
  await sdk('KeystoneListGroups');
  await sdk('KeystoneShowGroup', { group_id: group.id });
  await sdk('KeystoneUpdateGroup', { group_id: group.id, body: { group: { description: 'tag images' } } });
  await sdk('KeystoneAddUserToGroup', { group_id: group.id, user_id: alice.id });
  await sdk('KeystoneCheckUserInGroup', { group_id: group.id, user_id: alice.id });
  await sdk('KeystoneListUsersForGroupByAdmin', { group_id: group.id });
  await sdk('KeystoneListGroupsForUser', { user_id: alice.id });
  // Keys.
  const key = (await sdk('CreatePermanentAccessKey', { body: { credential: { user_id: alice.id, description: 'sdk' } } }))
    .credential;
  await sdk('ListPermanentAccessKeys', { user_id: alice.id });
  await sdk('ShowPermanentAccessKey', { access_key: key.access });
  await sdk('UpdatePermanentAccessKey', { access_key: key.access, body: { credential: { status: 'inactive' } } });
  await sdk('DeletePermanentAccessKey', { access_key: key.access });
  // Custom policies, system policies.
  const role = (
    await sdk('CreateCloudServiceCustomPolicy', {
      body: { role: { display_name: 'sdk-list', type: 'XA', description: 'lists images', policy: POLICY_11 } },
    })
  ).role;
  await sdk('ListCustomPolicies');
  await sdk('ShowCustomPolicy', { role_id: role.id });
  await sdk('UpdateCloudServiceCustomPolicy', {
    role_id: role.id,
    body: { role: { display_name: 'sdk-list', type: 'XA', description: 'lists images, v2', policy: POLICY_11 } },
  });
  await sdk('KeystoneListPermissions');
  await sdk('KeystoneShowPermission', { role_id: role.id });
  // Grants at every scope, listed, checked and revoked.
  const ids = { group_id: group.id, role_id: role.id };
  const scoped = [
    [
      'KeystoneAssociateGroupWithProjectPermission',
      'KeystoneCheckProjectPermissionForGroup',
      'KeystoneListProjectPermissionsForGroup',
      'KeystoneRemoveProjectPermissionFromGroup',
      { project_id: emu.projectId, ...ids },
    ],
    [
      'KeystoneAssociateGroupWithDomainPermission',
      'KeystoneCheckDomainPermissionForGroup',
      'KeystoneListDomainPermissionsForGroup',
      'KeystoneRemoveDomainPermissionFromGroup',
      { domain_id: domain, ...ids },
    ],
    [
      'UpdateDomainGroupInheritRole',
      'KeystoneCheckroleForGroup',
      'KeystoneListAllProjectPermissionsForGroup',
      'DeleteDomainGroupInheritedRole',
      { domain_id: domain, ...ids },
    ],
    [
      'AssociateRoleToGroupOnEnterpriseProject',
      undefined,
      'ListRolesForGroupOnEnterpriseProject',
      'RevokeRoleFromGroupOnEnterpriseProject',
      { enterprise_project_id: emu.enterpriseProjectId, ...ids },
    ],
    [
      'AssociateRoleToUserOnEnterpriseProject',
      undefined,
      'ListRolesForUserOnEnterpriseProject',
      'RevokeRoleFromUserOnEnterpriseProject',
      { enterprise_project_id: emu.enterpriseProjectId, user_id: alice.id, role_id: role.id },
    ],
  ] as const;
  for (const [grant, check, list, , params] of scoped) {
    await sdk(grant, { ...params });
    if (check) await sdk(check, { ...params });
    const listed = await sdk(list, { ...params });
    assert.ok(
      listed.roles.some((r: { id: string }) => r.id === role.id),
      `${list} lists the grant`,
    );
  }
  const assignments = await sdk('ShowDomainRoleAssignments', { domain_id: domain, role_id: role.id });
  assert.equal(assignments.role_assignments.length, 5);
  for (const [, , , revoke, params] of scoped) await sdk(revoke, { ...params });
  // A sign-in as alice.
  await sdk('KeystoneCreateUserTokenByPassword', {
    body: {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'sdk-alice', password: 'Alice-Pass-1', domain: { name: 'emulator' } } },
        },
        scope: { project: { id: emu.projectId } },
      },
    },
  });
  // 5.0 identity policies, versions and attachments.
  const policy = (await sdk('CreatePolicyV5', { body: { policy_name: 'sdk-get', policy_document: POLICY_50, description: 'd' } }))
    .policy;
  const custom = await sdk('ListPoliciesV5', { policy_type: 'custom' });
  assert.deepEqual(
    custom.policies.map((p: { policy_name: string }) => p.policy_name),
    ['sdk-get'],
    'policy_type=custom lists the custom policies only',
  );
  const system = await sdk('ListPoliciesV5', { policy_type: 'system' });
  assert.ok(system.policies.length > 0 && system.policies.every((p: { policy_type: string }) => p.policy_type === 'system'));
  await sdk('GetPolicyV5', { policy_id: policy.policy_id });
  const v2 = (
    await sdk('CreatePolicyVersionV5', {
      policy_id: policy.policy_id,
      body: { policy_document: POLICY_50, set_as_default: false },
    })
  ).policy_version;
  await sdk('ListPolicyVersionsV5', { policy_id: policy.policy_id });
  await sdk('GetPolicyVersionV5', { policy_id: policy.policy_id, version_id: v2.version_id });
  await sdk('SetDefaultPolicyVersionV5', { policy_id: policy.policy_id, version_id: v2.version_id });
  await sdk('DeletePolicyVersionV5', { policy_id: policy.policy_id, version_id: 'v1' });
  await sdk('AttachUserPolicyV5', { policy_id: policy.policy_id, body: { user_id: bob.id } });
  await sdk('AttachGroupPolicyV5', { policy_id: policy.policy_id, body: { group_id: group.id } });
  await sdk('ListAttachedUserPoliciesV5', { user_id: bob.id });
  await sdk('ListAttachedGroupPoliciesV5', { group_id: group.id });
  await sdk('ListResourceTagsV5', { resource_type: 'user', resource_id: bob.id });
  await sdk('ListEntitiesForPolicyV5', { policy_id: policy.policy_id });
  await sdk('DetachUserPolicyV5', { policy_id: policy.policy_id, body: { user_id: bob.id } });
  await sdk('DetachGroupPolicyV5', { policy_id: policy.policy_id, body: { group_id: group.id } });
  await sdk('DeletePolicyV5', { policy_id: policy.policy_id });
  const schema = await sdk('GetAuthorizationSchemaV5', { service_code: 'ims' });
  assert.ok(schema.actions.some((a: { name: string }) => a.name === 'ims:images:list'));
  // And away again.
  await sdk('DeleteCustomPolicy', { role_id: role.id });
  await sdk('KeystoneRemoveUserFromGroup', { group_id: group.id, user_id: alice.id });
  await sdk('KeystoneDeleteGroup', { group_id: group.id });
  await sdk('KeystoneDeleteUser', { user_id: bob.id });
  assert.deepEqual(mismatches, [], "answers that do not fit the SDK's response models");
  // Every IAM operation of the table was driven through the SDK.
  assert.deepEqual(
    IAM_ONLY.map((o) => o.id).filter((id) => !answered.has(id)),
    [],
    'operations of the table not driven through the SDK',
  );
});
