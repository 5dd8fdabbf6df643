/**
 * The account: one domain with its administrator (the `--ak`/`--sk` pair), the region's project and one
 * enterprise project, over the IAM data of model.ts. Lookups that fail throw IAM's 404; name rules and
 * quotas are checked here, before anything changes.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { badRequest, conflict, notFoundIam } from './errors';
import { emptyIam, normalizeScope, type AccessKey, type Group, type IamData, type PolicyV5, type Role, type User } from './model';
import { IAM_READONLY_ROLE_ID, systemRoles, systemPoliciesV5 } from './systemRoles';

/** 5.0 quotas (docs/sources.md §I.2): versions a policy, policies attached to a user or a group, groups a user is in. */
export const QUOTAS = { versions: 5, userPolicies: 10, groupPolicies: 10, groupsPerUser: 10, documentChars: 6144 };

/** IAM user names: 5 to 32 characters, not starting with a digit; only letters, digits, `_`, `-` and space (SDK CreateUserOption). */
const USER_NAME = /^[^0-9][A-Za-z0-9_\- \u4e00-\u9fff]{4,31}$/;
/** 5.0 policy names: 1 to 128 of letters, digits and `_+=.@-` (SDK CreatePolicyReqBody). */
const POLICY_NAME = /^[A-Za-z0-9_+=.@-]{1,128}$/;

const hex = (seed: string, n: number) => createHash('sha256').update(seed).digest('hex').slice(0, n);
export const newId = () => randomBytes(16).toString('hex');
export const now = () => new Date().toISOString();

export class IamAccount {
  readonly domainId: string;
  readonly adminUserId: string;
  readonly adminName = 'admin';
  readonly enterpriseProjectId: string;
  readonly system: Role[] = systemRoles();
  private customCount = 0;

  constructor(
    readonly data: IamData,
    readonly projectId: string,
    readonly region: string,
    seed: number,
  ) {
    // Fixed by the seed, like the project: scripts and tests can know them before the start.
    this.domainId = hex(`ims-emulator-domain-${seed}`, 32);
    this.adminUserId = hex(`ims-emulator-admin-${seed}`, 32);
    const u = hex(`ims-emulator-ep-${seed}`, 32);
    this.enterpriseProjectId = `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
    this.customCount = data.roles.length;
    for (const g of data.grants) g.scope = normalizeScope(g.scope);
    // The system identity policies are part of every account (state files of older emulators lack them).
    for (const p of systemPoliciesV5()) if (!data.policies.some((x) => x.id === p.id)) data.policies.unshift(p);
  }

  static empty(projectId: string, region: string, seed: number): IamAccount {
    return new IamAccount(emptyIam(), projectId, region, seed);
  }

  /** The administrator, or a member of the group named "admin" (IAM's own administrators group). */
  isAdministrator(userId: string): boolean {
    return userId === this.adminUserId || this.data.groups.some((g) => g.name === 'admin' && g.userIds.includes(userId));
  }

  /** Whether IAM ReadOnlyAccess is granted to the user or its groups on the domain (or all projects): IAM's reads. */
  mayReadIam(userId: string): boolean {
    if (this.isAdministrator(userId)) return true;
    const groupIds = new Set(this.groupsOf(userId).map((g) => g.id));
    return this.data.grants.some(
      (g) =>
        g.roleId === IAM_READONLY_ROLE_ID &&
        (g.scope.kind === 'domain' || g.scope.kind === 'allProjects') &&
        ('group' in g.subject ? groupIds.has(g.subject.group) : g.subject.user === userId),
    );
  }

  userName(userId: string): string {
    return userId === this.adminUserId ? this.adminName : (this.data.users.find((u) => u.id === userId)?.name ?? userId);
  }

  user(id: string): User {
    const u = this.data.users.find((x) => x.id === id);
    if (!u) throw notFoundIam(`User ${id}`);
    return u;
  }

  group(id: string): Group {
    const g = this.data.groups.find((x) => x.id === id);
    if (!g) throw notFoundIam(`Group ${id}`);
    return g;
  }

  role(id: string): Role {
    const r = this.data.roles.find((x) => x.id === id) ?? this.system.find((x) => x.id === id);
    if (!r) throw notFoundIam(`Role ${id}`);
    return r;
  }

  customRole(id: string): Role {
    const r = this.role(id);
    if (r.system) throw badRequest(`${r.displayName} is a system policy: it cannot be changed or deleted.`);
    return r;
  }

  accessKey(access: string): AccessKey {
    const k = this.data.accessKeys.find((x) => x.access === access);
    if (!k) throw notFoundIam(`Access key ${access}`);
    return k;
  }

  policy(id: string): PolicyV5 {
    const p = this.data.policies.find((x) => x.id === id);
    if (!p) throw notFoundIam(`Policy ${id}`);
    return p;
  }

  groupsOf(userId: string): Group[] {
    return this.data.groups.filter((g) => g.userIds.includes(userId));
  }

  checkUserName(name: unknown): string {
    if (typeof name !== 'string' || !USER_NAME.test(name))
      throw badRequest(
        'user.name must be 5 to 32 characters, not start with a digit, and hold only letters, digits, "_", "-" and spaces.',
      );
    if (name === this.adminName || this.data.users.some((u) => u.name === name))
      throw conflict(`A user named ${name} already exists.`);
    return name;
  }

  checkGroupName(name: unknown, except?: string): string {
    if (typeof name !== 'string' || name.length < 1 || name.length > 64)
      throw badRequest('group.name must be 1 to 64 characters.');
    if (this.data.groups.some((g) => g.name === name && g.id !== except)) throw conflict(`A group named ${name} already exists.`);
    return name;
  }

  checkRoleName(name: unknown, except?: string): string {
    if (typeof name !== 'string' || name.length < 1 || name.length > 128)
      throw badRequest('role.display_name must be 1 to 128 characters.');
    if ([...this.data.roles, ...this.system].some((r) => r.displayName === name && r.id !== except))
      throw conflict(`A policy named ${name} already exists.`);
    return name;
  }

  checkPolicyName(name: unknown): string {
    if (typeof name !== 'string' || !POLICY_NAME.test(name))
      throw badRequest('policy_name must be 1 to 128 characters: letters, digits and _ + = . @ -');
    if (this.data.policies.some((p) => p.name === name)) throw conflict(`A policy named ${name} already exists.`);
    return name;
  }

  /** IAM's generated role name (`custom_<domain>_<n>`), shown beside the display name. */
  nextRoleName(): string {
    return `custom_${this.domainId.slice(0, 8)}_${this.customCount++}`;
  }

  newAccessKey(userId: string, description: string): AccessKey {
    if (this.data.accessKeys.filter((k) => k.userId === userId).length >= 2)
      throw badRequest('A user has at most 2 access keys: delete one first.');
    const key: AccessKey = {
      access: randomBytes(10).toString('hex').toUpperCase(),
      secret: randomBytes(20).toString('base64url'),
      userId,
      status: 'active',
      description,
      createdAt: now(),
    };
    return key;
  }

  newUuid(): string {
    return randomUUID();
  }
}
