/**
 * What IAM says about one user, gathered into the facts `effective.ts` judges: its groups (a member of
 * "admin" may do everything), the grants of those groups and, on enterprise projects, of the user, with
 * each granted policy's document, and the 5.0 policies attached to the user and its groups (default
 * versions). Reading this needs IAM read access; the caller says what to do when it is refused.
 */
import { mapLimit } from '../client/concurrency';
import type { AccessFacts, GrantedPolicy, GrantScope } from './effective';
import { addressUri } from '../client/liveAddress';

/** Every read at most 8 at a time (IAM's rate limits are per account); the first failure is thrown. */
async function readAll<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const outcomes = await mapLimit(items, read);
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) throw failed.error;
  return outcomes.map((o) => (o.ok ? o.value : (undefined as never)));
}

interface Assignment {
  role: { id: string };
  group?: { id: string };
  scope: { project?: { id: string }; domain?: { id: string }; enterprise_project?: { id: string } };
  is_inherited?: boolean;
}

/** The IAM reads this needs (core/client/iamClient.ts has them; tests may give others). */
export interface IamReader {
  userGroups(userId: string): Promise<Array<{ id: string; name: string }>>;
  roleAssignments(query: Record<string, string>): Promise<Assignment[]>;
  getAnyRole(id: string): Promise<{ id: string; display_name: string; type: 'AX' | 'XA'; policy: unknown }>;
  attachedPolicies(kind: 'users' | 'groups', id: string): Promise<Array<{ policy_id: string; policy_name: string }>>;
  getPolicy(id: string): Promise<{ default_version_id: string }>;
  getVersion(id: string, version: string): Promise<{ document: string }>;
}

function scopeOf(a: Assignment): GrantScope {
  if (a.scope.project) return { kind: 'project', projectId: a.scope.project.id };
  if (a.scope.enterprise_project) return { kind: 'enterpriseProject', enterpriseProjectId: a.scope.enterprise_project.id };
  return a.is_inherited ? { kind: 'allProjects' } : { kind: 'domain' };
}

/**
 * `shared`: granted policies by URI, kept across users (core/access/account.ts), so a policy granted to a
 * thousand users is one object, parsed once.
 */
export async function gatherAccessFacts(
  iam: IamReader,
  userId: string,
  projectId: string,
  shared: Map<string, GrantedPolicy> = new Map(),
): Promise<AccessFacts> {
  const one = (p: GrantedPolicy): GrantedPolicy => {
    const known = shared.get(p.uri);
    if (known) return known;
    shared.set(p.uri, p);
    return p;
  };
  const groups = await iam.userGroups(userId);
  if (groups.some((g) => g.name === 'admin')) return { projectId, administrator: true, grants: [], attached: [] };
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const assignments = await iam.roleAssignments({ 'subject.user_id': userId, include_group: 'true' });
  const roleIds = [...new Set(assignments.map((a) => a.role.id))];
  const roles = new Map((await readAll(roleIds, (id) => iam.getAnyRole(id))).map((r, i) => [roleIds[i], r]));
  const grants = assignments.map((a) => {
    const role = roles.get(a.role.id)!;
    return {
      policy: one({
        name: role.display_name,
        uri: addressUri({ kind: 'role', roleId: role.id }, role.display_name),
        type: role.type,
        policy: role.policy,
      }),
      scope: scopeOf(a),
      via: a.group ? `group ${groupName.get(a.group.id) ?? a.group.id}` : 'user',
    };
  });
  const attachments = [
    ...(await iam.attachedPolicies('users', userId)).map((p) => ({ ...p, via: 'user' })),
    ...(
      await readAll(groups, async (g) =>
        (await iam.attachedPolicies('groups', g.id)).map((p) => ({ ...p, via: `group ${g.name}` })),
      )
    ).flat(),
  ];
  const attached = await readAll(attachments, async (a) => {
    const policy = await iam.getPolicy(a.policy_id);
    const version = await iam.getVersion(a.policy_id, policy.default_version_id);
    return {
      policy: one({
        name: a.policy_name,
        uri: addressUri({ kind: 'policy', policyId: a.policy_id }, a.policy_name),
        type: 'XA' as const,
        policy: version.document,
      }),
      via: a.via,
    };
  });
  return { projectId, grants, attached };
}
