/** IAM's JSON forms of users, groups, keys, roles and 5.0 policies (SDK models: docs/sources.md §I.1–I.2). */
import type { IamAccount } from './account';
import type { AccessKey, Grant, Group, PolicyV5, PolicyVersionV5, Role, User } from './model';

/** Keystone's links: `previous` and `next` are always there, null when there is none (the SDK's Links). */
export const links = (self: string) => ({ self, previous: null, next: null });

export const userJson = (a: IamAccount, u: User) => ({
  id: u.id,
  name: u.name,
  domain_id: a.domainId,
  enabled: u.enabled,
  description: u.description,
  pwd_status: false,
  is_domain_owner: false,
  access_mode: 'default',
  // IAM answers null where no password expiry is set (KeystoneListUsersResult has it in its constructor).
  password_expires_at: null,
  create_time: u.createdAt,
  links: links(`/v3/users/${u.id}`),
});

export const groupJson = (a: IamAccount, g: Group) => ({
  id: g.id,
  name: g.name,
  description: g.description,
  domain_id: a.domainId,
  // Epoch milliseconds, a number (KeystoneGroupResult.create_time): the SDKs fail on a string.
  create_time: Date.parse(g.createdAt),
  links: links(`/v3/groups/${g.id}`),
});

/** Without the secret: IAM shows it once, when the key is created. */
export const keyJson = (k: AccessKey) => ({
  user_id: k.userId,
  access: k.access,
  status: k.status,
  create_time: k.createdAt,
  description: k.description,
});

export const roleJson = (a: IamAccount, r: Role) => ({
  id: r.id,
  name: r.name,
  display_name: r.displayName,
  type: r.type,
  catalog: r.system ? 'IMS' : 'CUSTOMED',
  flag: 'fine_grained',
  domain_id: r.system ? null : a.domainId,
  description: r.description,
  description_cn: r.descriptionCn ?? null,
  references: a.data.grants.filter((g) => g.roleId === r.id).length,
  created_time: r.createdAt,
  updated_time: r.updatedAt,
  policy: r.policy,
  links: links(`/v3/roles/${r.id}`),
});

export const policyJson = (a: IamAccount, p: PolicyV5) => ({
  policy_type: p.system ? 'system' : 'custom',
  policy_name: p.name,
  policy_id: p.id,
  urn: `iam::${p.system ? 'system' : a.domainId}:policy:${p.path}${p.name}`,
  path: p.path,
  default_version_id: p.defaultVersionId,
  attachment_count: p.attachedUsers.length + p.attachedGroups.length,
  description: p.description,
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});

export const versionJson = (p: PolicyV5, v: PolicyVersionV5) => ({
  document: v.document,
  version_id: v.versionId,
  is_default: v.versionId === p.defaultVersionId,
  created_at: v.createdAt,
});

/** One grant as `GET /v3.0/OS-PERMISSION/role-assignments` lists it (SDK RoleAssignmentBody). */
export const assignmentJson = (g: Grant, domainId: string) => ({
  role: { id: g.roleId },
  ...('group' in g.subject ? { group: { id: g.subject.group } } : { user: { id: g.subject.user } }),
  scope:
    g.scope.kind === 'project'
      ? { project: { id: g.scope.projectId } }
      : g.scope.kind === 'enterpriseProject'
        ? { enterprise_project: { id: g.scope.enterpriseProjectId } }
        : { domain: { id: domainId } },
  is_inherited: g.scope.kind === 'allProjects',
});
