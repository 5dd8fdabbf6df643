/**
 * Every IAM, STS and IAM Access Analyzer operation the extension calls or the emulator serves, written
 * once: the SDK's name for it, the service (each has its own endpoint), method, path, the query
 * parameters and body fields IAM requires, and the answer's status. The client builds its calls from
 * this table and the emulator routes and checks requests by it, so the two cannot drift apart; the SDK
 * suite (test/emulator/iamSdk.test.ts) checks it against Huawei's SDK: method and path from
 * `@huaweicloud/huaweicloud-sdk-iam`'s IamClient, required fields from its request models' constructors,
 * and, for STS and Access Analyzer (no npm SDK), the Go SDK's `services/sts/v1` and
 * `services/iamaccessanalyzer/v1` models.
 */

/** Which endpoint serves an operation: IAM itself, STS, or IAM Access Analyzer. */
export type IamService = 'iam' | 'sts' | 'accessAnalyzer';

export interface IamOperation {
  /** The SDK's operation name (`KeystoneListGroups`; the npm client's method is its lower-camel form). */
  id: string;
  service: IamService;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** The path template, `{name}` for path parameters. */
  path: string;
  /** Query parameters IAM requires (absent ones are answered 400 by the emulator, as by IAM). */
  requiredQuery?: readonly string[];
  /** The body: the object it wraps (`{"role": {...}}`), and the fields IAM requires in it. */
  body?: { wrapper?: string; required: readonly string[] };
}

const op = (
  id: string,
  method: IamOperation['method'],
  path: string,
  extra: Partial<Pick<IamOperation, 'requiredQuery' | 'body' | 'service'>> = {},
): IamOperation => ({ id, service: 'iam', method, path, ...extra });

const SCOPED_GRANTS = (
  scope: string,
  path: string,
  ids: { grant: string; check?: string; revoke: string; list: string; listPath?: string },
): IamOperation[] => [
  op(ids.grant, 'PUT', `${path}/{role_id}${scope}`),
  // IAM has no check (HEAD) of an enterprise-project grant.
  ...(ids.check ? [op(ids.check, 'HEAD', `${path}/{role_id}${scope}`)] : []),
  op(ids.revoke, 'DELETE', `${path}/{role_id}${scope}`),
  op(ids.list, 'GET', ids.listPath ?? path),
];

export const IAM_OPERATIONS: readonly IamOperation[] = [
  // Tokens, the account and its projects.
  op('KeystoneCreateUserTokenByPassword', 'POST', '/v3/auth/tokens', {
    body: { wrapper: 'auth', required: ['identity', 'scope'] },
  }),
  op('KeystoneListAuthDomains', 'GET', '/v3/auth/domains'),
  op('KeystoneListProjects', 'GET', '/v3/projects'),
  op('KeystoneListAuthProjects', 'GET', '/v3/auth/projects'),
  // Users.
  op('CreateUser', 'POST', '/v3.0/OS-USER/users', { body: { wrapper: 'user', required: ['name', 'domain_id'] } }),
  op('ShowUser', 'GET', '/v3.0/OS-USER/users/{user_id}'),
  op('UpdateUser', 'PUT', '/v3.0/OS-USER/users/{user_id}', { body: { wrapper: 'user', required: [] } }),
  op('KeystoneCreateUser', 'POST', '/v3/users', { body: { wrapper: 'user', required: ['name'] } }),
  op('KeystoneListUsers', 'GET', '/v3/users'),
  op('KeystoneShowUser', 'GET', '/v3/users/{user_id}'),
  op('KeystoneDeleteUser', 'DELETE', '/v3/users/{user_id}'),
  op('KeystoneListGroupsForUser', 'GET', '/v3/users/{user_id}/groups'),
  // Groups and membership.
  op('KeystoneCreateGroup', 'POST', '/v3/groups', { body: { wrapper: 'group', required: ['name'] } }),
  op('KeystoneListGroups', 'GET', '/v3/groups'),
  op('KeystoneShowGroup', 'GET', '/v3/groups/{group_id}'),
  op('KeystoneUpdateGroup', 'PATCH', '/v3/groups/{group_id}', { body: { wrapper: 'group', required: [] } }),
  op('KeystoneDeleteGroup', 'DELETE', '/v3/groups/{group_id}'),
  op('KeystoneListUsersForGroupByAdmin', 'GET', '/v3/groups/{group_id}/users'),
  op('KeystoneAddUserToGroup', 'PUT', '/v3/groups/{group_id}/users/{user_id}'),
  op('KeystoneCheckUserInGroup', 'HEAD', '/v3/groups/{group_id}/users/{user_id}'),
  op('KeystoneRemoveUserFromGroup', 'DELETE', '/v3/groups/{group_id}/users/{user_id}'),
  // Permanent access keys.
  op('CreatePermanentAccessKey', 'POST', '/v3.0/OS-CREDENTIAL/credentials', {
    body: { wrapper: 'credential', required: ['user_id'] },
  }),
  op('ListPermanentAccessKeys', 'GET', '/v3.0/OS-CREDENTIAL/credentials'),
  op('ShowPermanentAccessKey', 'GET', '/v3.0/OS-CREDENTIAL/credentials/{access_key}'),
  op('UpdatePermanentAccessKey', 'PUT', '/v3.0/OS-CREDENTIAL/credentials/{access_key}', {
    body: { wrapper: 'credential', required: [] },
  }),
  op('DeletePermanentAccessKey', 'DELETE', '/v3.0/OS-CREDENTIAL/credentials/{access_key}'),
  // Custom policies (1.1) and every policy and role.
  op('ListCustomPolicies', 'GET', '/v3.0/OS-ROLE/roles'),
  op('CreateCloudServiceCustomPolicy', 'POST', '/v3.0/OS-ROLE/roles', {
    body: { wrapper: 'role', required: ['display_name', 'type', 'description', 'policy'] },
  }),
  op('ShowCustomPolicy', 'GET', '/v3.0/OS-ROLE/roles/{role_id}'),
  op('UpdateCloudServiceCustomPolicy', 'PATCH', '/v3.0/OS-ROLE/roles/{role_id}', {
    body: { wrapper: 'role', required: ['display_name', 'type', 'description', 'policy'] },
  }),
  op('DeleteCustomPolicy', 'DELETE', '/v3.0/OS-ROLE/roles/{role_id}'),
  op('KeystoneListPermissions', 'GET', '/v3/roles'),
  op('KeystoneShowPermission', 'GET', '/v3/roles/{role_id}'),
  // Grants, by scope.
  ...SCOPED_GRANTS('', '/v3/projects/{project_id}/groups/{group_id}/roles', {
    grant: 'KeystoneAssociateGroupWithProjectPermission',
    check: 'KeystoneCheckProjectPermissionForGroup',
    revoke: 'KeystoneRemoveProjectPermissionFromGroup',
    list: 'KeystoneListProjectPermissionsForGroup',
  }),
  ...SCOPED_GRANTS('', '/v3/domains/{domain_id}/groups/{group_id}/roles', {
    grant: 'KeystoneAssociateGroupWithDomainPermission',
    check: 'KeystoneCheckDomainPermissionForGroup',
    revoke: 'KeystoneRemoveDomainPermissionFromGroup',
    list: 'KeystoneListDomainPermissionsForGroup',
  }),
  ...SCOPED_GRANTS('/inherited_to_projects', '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles', {
    grant: 'UpdateDomainGroupInheritRole',
    check: 'KeystoneCheckroleForGroup',
    revoke: 'DeleteDomainGroupInheritedRole',
    list: 'KeystoneListAllProjectPermissionsForGroup',
    listPath: '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/inherited_to_projects',
  }),
  ...SCOPED_GRANTS('', '/v3.0/OS-PERMISSION/enterprise-projects/{enterprise_project_id}/groups/{group_id}/roles', {
    grant: 'AssociateRoleToGroupOnEnterpriseProject',
    revoke: 'RevokeRoleFromGroupOnEnterpriseProject',
    list: 'ListRolesForGroupOnEnterpriseProject',
  }),
  ...SCOPED_GRANTS('', '/v3.0/OS-PERMISSION/enterprise-projects/{enterprise_project_id}/users/{user_id}/roles', {
    grant: 'AssociateRoleToUserOnEnterpriseProject',
    revoke: 'RevokeRoleFromUserOnEnterpriseProject',
    list: 'ListRolesForUserOnEnterpriseProject',
  }),
  op('ShowDomainRoleAssignments', 'GET', '/v3.0/OS-PERMISSION/role-assignments', { requiredQuery: ['domain_id'] }),
  // 5.0 identity policies.
  op('CreatePolicyV5', 'POST', '/v5/policies', { body: { required: ['policy_name', 'policy_document'] } }),
  op('ListPoliciesV5', 'GET', '/v5/policies'),
  op('GetPolicyV5', 'GET', '/v5/policies/{policy_id}'),
  op('DeletePolicyV5', 'DELETE', '/v5/policies/{policy_id}'),
  op('ListPolicyVersionsV5', 'GET', '/v5/policies/{policy_id}/versions'),
  op('CreatePolicyVersionV5', 'POST', '/v5/policies/{policy_id}/versions', { body: { required: ['policy_document'] } }),
  op('GetPolicyVersionV5', 'GET', '/v5/policies/{policy_id}/versions/{version_id}'),
  op('DeletePolicyVersionV5', 'DELETE', '/v5/policies/{policy_id}/versions/{version_id}'),
  op('SetDefaultPolicyVersionV5', 'POST', '/v5/policies/{policy_id}/versions/{version_id}/set-default'),
  op('AttachUserPolicyV5', 'POST', '/v5/policies/{policy_id}/attach-user', { body: { required: ['user_id'] } }),
  op('DetachUserPolicyV5', 'POST', '/v5/policies/{policy_id}/detach-user', { body: { required: ['user_id'] } }),
  op('AttachGroupPolicyV5', 'POST', '/v5/policies/{policy_id}/attach-group', { body: { required: ['group_id'] } }),
  op('DetachGroupPolicyV5', 'POST', '/v5/policies/{policy_id}/detach-group', { body: { required: ['group_id'] } }),
  op('ListAttachedUserPoliciesV5', 'GET', '/v5/users/{user_id}/attached-policies'),
  op('ListAttachedGroupPoliciesV5', 'GET', '/v5/groups/{group_id}/attached-policies'),
  op('ListEntitiesForPolicyV5', 'GET', '/v5/policies/{policy_id}/attached-entities'),
  op('ListResourceTagsV5', 'GET', '/v5/{resource_type}/{resource_id}/tags'),
  op('GetAuthorizationSchemaV5', 'GET', '/v5/authorization-schemas/services/{service_code}'),
  // STS (the Go SDK's services/sts/v1) and IAM Access Analyzer (services/iamaccessanalyzer/v1).
  op('GetCallerIdentity', 'GET', '/v5/caller-identity', { service: 'sts' }),
  op('ValidatePolicy', 'POST', '/v5/policies/validate', {
    service: 'accessAnalyzer',
    body: { required: ['policy_document', 'policy_type'] },
  }),
  op('CheckNoNewAccess', 'POST', '/v5/policies/check-no-new-access', {
    service: 'accessAnalyzer',
    body: { required: ['existing_policy_document', 'new_policy_document', 'policy_type'] },
  }),
];

const byId = new Map(IAM_OPERATIONS.map((o) => [o.id, o]));

/** The operation of an SDK name; a name not in the table is a programming error. */
export function iamOperation(id: string): IamOperation {
  const o = byId.get(id);
  if (!o) throw new Error(`IAM operation ${id} is not in the table (core/client/iamOperations.ts)`);
  return o;
}

/** The path of an operation with its parameters filled in, each escaped as one segment. */
export function operationPath(o: IamOperation, params: Record<string, string> = {}): string {
  return o.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${o.id} needs ${name}`);
    return encodeURIComponent(v);
  });
}

/**
 * What a request lacks of what the operation requires, as IAM would say it (`domain_id is required.`),
 * or undefined. Body fields are read inside the wrapper when there is one.
 */
export function missingRequired(o: IamOperation, query: URLSearchParams, body: unknown): string | undefined {
  for (const q of o.requiredQuery ?? []) if (!query.get(q)) return `The query parameter ${q} is required.`;
  if (!o.body) return undefined;
  const outer = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  const inner = o.body.wrapper ? outer?.[o.body.wrapper] : outer;
  if (o.body.wrapper && (typeof inner !== 'object' || inner === null)) return `The body must be {"${o.body.wrapper}": {...}}.`;
  for (const f of o.body.required) {
    const v = (inner as Record<string, unknown> | undefined)?.[f];
    if (v === undefined || v === null) return `${o.body.wrapper ? `${o.body.wrapper}.` : ''}${f} is required.`;
  }
  return undefined;
}
