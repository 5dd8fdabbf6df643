/** Custom policies ("roles", 1.1), system policies, and grants by scope (docs/sources.md §I.1). */
import { newId, now, type IamAccount } from './account';
import { badRequest, conflict, notFoundIam } from './errors';
import { assignmentJson, roleJson, links } from './format';
import { sameScope, sameSubject, type Grant, type GrantScope } from './model';
import { policyFindings } from './policyChecks';
import { operation, type Route, type RouteContext } from './router';

const page = (q: URLSearchParams, total: number) => {
  const perPage = Math.min(Math.max(Number(q.get('per_page') ?? 300) || 300, 1), 300);
  const pageNo = Math.max(Number(q.get('page') ?? 1) || 1, 1);
  return { from: (pageNo - 1) * perPage, to: Math.min(total, pageNo * perPage) };
};

export function permissionRoutes(a: IamAccount): Route[] {
  const d = a.data;
  const readRole = (body: unknown, partial: boolean) => {
    const r = (body as { role?: Record<string, unknown> } | undefined)?.role;
    if (!r || typeof r !== 'object')
      throw badRequest('The body must be {"role": {"display_name", "type", "description", "policy"}}.');
    for (const k of partial ? [] : ['display_name', 'type', 'description', 'policy'])
      if (r[k] === undefined) throw badRequest(`role.${k} is required.`);
    if (r.type !== undefined && r.type !== 'AX' && r.type !== 'XA')
      throw badRequest('role.type must be "AX" (global services) or "XA" (project-level services).');
    if (r.description !== undefined && (typeof r.description !== 'string' || r.description.length > 256))
      throw badRequest('role.description must be a string of at most 256 characters.');
    if (r.policy !== undefined) {
      const errors = policyFindings(JSON.stringify(r.policy), '1.1').filter((f) => f.findingType === 'ERROR');
      if (errors.length) throw badRequest(`role.policy is not a valid 1.1 policy: ${errors[0].message} (${errors[0].path})`);
    }
    return r;
  };
  const scopeGrant = (c: RouteContext, scope: GrantScope, subject: Grant['subject']): Grant => {
    const role = a.role(c.params.role_id);
    if ('group' in subject) a.group(subject.group);
    else a.user(subject.user);
    return { roleId: role.id, subject, scope };
  };
  const find = (g: Grant) =>
    d.grants.find((x) => x.roleId === g.roleId && sameSubject(x.subject, g.subject) && sameScope(x.scope, g.scope));
  /** PUT grants, HEAD checks (where IAM has it), DELETE revokes, GET lists the roles at one scope. */
  const scopeRoutes = (
    ids: { grant: string; check?: string; revoke: string; list: string },
    scopeOf: (c: RouteContext) => GrantScope,
    subjectOf: (c: RouteContext) => Grant['subject'],
  ): Route[] => {
    const grantOf = (c: RouteContext) => scopeGrant(c, scopeOf(c), subjectOf(c));
    return [
      operation(ids.grant, (c) => {
        const g = grantOf(c);
        if (!find(g)) d.grants.push(g);
        return { status: 204 };
      }),
      ...(ids.check
        ? [
            operation(ids.check, (c) => {
              if (!find(grantOf(c))) throw notFoundIam(`Grant of role ${c.params.role_id}`);
              return { status: 204 };
            }),
          ]
        : []),
      operation(ids.revoke, (c) => {
        const g = find(grantOf(c));
        if (!g) throw notFoundIam(`Grant of role ${c.params.role_id}`);
        d.grants = d.grants.filter((x) => x !== g);
        return { status: 204 };
      }),
      operation(ids.list, (c) => {
        const scope = scopeOf(c);
        const subject = subjectOf(c);
        if ('group' in subject) a.group(subject.group);
        else a.user(subject.user);
        const roles = d.grants
          .filter((g) => sameSubject(g.subject, subject) && sameScope(g.scope, scope))
          .map((g) => roleJson(a, a.role(g.roleId)));
        return { status: 200, body: { roles, links: links(c.path) } };
      }),
    ];
  };
  const project = (c: RouteContext): GrantScope => {
    if (c.params.project_id !== a.projectId) throw notFoundIam(`Project ${c.params.project_id}`);
    return { kind: 'project', projectId: a.projectId };
  };
  const domain = (c: RouteContext) => {
    if (c.params.domain_id !== a.domainId) throw notFoundIam(`Domain ${c.params.domain_id}`);
  };
  const enterpriseProject = (c: RouteContext): GrantScope => {
    if (c.params.enterprise_project_id !== a.enterpriseProjectId)
      throw notFoundIam(`Enterprise project ${c.params.enterprise_project_id}`);
    return { kind: 'enterpriseProject', enterpriseProjectId: a.enterpriseProjectId };
  };
  const group = (c: RouteContext) => ({ group: c.params.group_id });
  const user = (c: RouteContext) => ({ user: c.params.user_id });
  return [
    operation('ListCustomPolicies', ({ query }) => {
      const all = d.roles;
      const { from, to } = page(query, all.length);
      return {
        status: 200,
        body: {
          roles: all.slice(from, to).map((r) => roleJson(a, r)),
          links: links('/v3.0/OS-ROLE/roles'),
          total_number: all.length,
        },
      };
    }),
    operation('CreateCloudServiceCustomPolicy', ({ body }) => {
      const r = readRole(body, false);
      const at = now();
      const role = {
        id: newId(),
        name: '',
        displayName: a.checkRoleName(r.display_name),
        type: r.type as 'AX' | 'XA',
        description: r.description as string,
        descriptionCn: typeof r.description_cn === 'string' ? r.description_cn : undefined,
        policy: r.policy,
        system: false,
        createdAt: at,
        updatedAt: at,
      };
      role.name = a.nextRoleName();
      d.roles.push(role);
      return { status: 201, body: { role: roleJson(a, role) } };
    }),
    operation('ShowCustomPolicy', ({ params }) => ({
      status: 200,
      body: { role: roleJson(a, a.customRole(params.role_id)) },
    })),
    operation('UpdateCloudServiceCustomPolicy', ({ params, body }) => {
      const role = a.customRole(params.role_id);
      const r = readRole(body, true);
      const displayName = r.display_name === undefined ? role.displayName : a.checkRoleName(r.display_name, role.id);
      Object.assign(role, {
        displayName,
        type: r.type ?? role.type,
        description: r.description ?? role.description,
        descriptionCn: typeof r.description_cn === 'string' ? r.description_cn : role.descriptionCn,
        policy: r.policy ?? role.policy,
        updatedAt: now(),
      });
      return { status: 200, body: { role: roleJson(a, role) } };
    }),
    operation('DeleteCustomPolicy', ({ params }) => {
      const role = a.customRole(params.role_id);
      const uses = d.grants.filter((g) => g.roleId === role.id).length;
      if (uses) throw conflict(`The policy ${role.displayName} is still granted ${uses} time(s): remove its grants first.`);
      d.roles = d.roles.filter((r) => r !== role);
      return { status: 200, body: {} };
    }),
    operation('KeystoneListPermissions', ({ query }) => {
      const name = query.get('display_name');
      const roles = [...a.system, ...d.roles].filter((r) => !name || r.displayName === name);
      return {
        status: 200,
        body: { roles: roles.map((r) => roleJson(a, r)), links: links('/v3/roles'), total_number: roles.length },
      };
    }),
    operation('KeystoneShowPermission', ({ params }) => ({ status: 200, body: { role: roleJson(a, a.role(params.role_id)) } })),
    ...scopeRoutes(
      {
        grant: 'KeystoneAssociateGroupWithProjectPermission',
        check: 'KeystoneCheckProjectPermissionForGroup',
        revoke: 'KeystoneRemoveProjectPermissionFromGroup',
        list: 'KeystoneListProjectPermissionsForGroup',
      },
      project,
      group,
    ),
    ...scopeRoutes(
      {
        grant: 'KeystoneAssociateGroupWithDomainPermission',
        check: 'KeystoneCheckDomainPermissionForGroup',
        revoke: 'KeystoneRemoveDomainPermissionFromGroup',
        list: 'KeystoneListDomainPermissionsForGroup',
      },
      (c) => (domain(c), { kind: 'domain' }),
      group,
    ),
    ...scopeRoutes(
      {
        grant: 'UpdateDomainGroupInheritRole',
        check: 'KeystoneCheckroleForGroup',
        revoke: 'DeleteDomainGroupInheritedRole',
        list: 'KeystoneListAllProjectPermissionsForGroup',
      },
      (c) => (domain(c), { kind: 'allProjects' }),
      group,
    ),
    ...scopeRoutes(
      {
        grant: 'AssociateRoleToGroupOnEnterpriseProject',
        revoke: 'RevokeRoleFromGroupOnEnterpriseProject',
        list: 'ListRolesForGroupOnEnterpriseProject',
      },
      enterpriseProject,
      group,
    ),
    ...scopeRoutes(
      {
        grant: 'AssociateRoleToUserOnEnterpriseProject',
        revoke: 'RevokeRoleFromUserOnEnterpriseProject',
        list: 'ListRolesForUserOnEnterpriseProject',
      },
      enterpriseProject,
      user,
    ),
    operation('ShowDomainRoleAssignments', ({ query }) => {
      const q = (k: string) => query.get(k) ?? undefined;
      if (q('domain_id') !== a.domainId) throw badRequest(`domain_id must be this account's (${a.domainId}).`);
      const userId = q('subject.user_id');
      const groupId = q('subject.group_id');
      const withGroups = q('include_group') === 'true' && userId !== undefined;
      const userGroups = new Set(userId ? a.groupsOf(userId).map((g) => g.id) : []);
      const list = d.grants.filter((g) => {
        if (q('role_id') && g.roleId !== q('role_id')) return false;
        if (userId !== undefined) {
          const direct = 'user' in g.subject && g.subject.user === userId;
          const viaGroup = withGroups && 'group' in g.subject && userGroups.has(g.subject.group);
          if (!direct && !viaGroup) return false;
        }
        if (groupId !== undefined && !('group' in g.subject && g.subject.group === groupId)) return false;
        const s = g.scope;
        if (q('scope.project_id') && !(s.kind === 'project' && s.projectId === q('scope.project_id'))) return false;
        if (q('scope.domain_id') && !(s.kind === 'domain' || s.kind === 'allProjects')) return false;
        if (
          q('scope.enterprise_projects_id') &&
          !(s.kind === 'enterpriseProject' && s.enterpriseProjectId === q('scope.enterprise_projects_id'))
        )
          return false;
        if (q('is_inherited') !== undefined && (s.kind === 'allProjects') !== (q('is_inherited') === 'true')) return false;
        return true;
      });
      const { from, to } = page(query, list.length);
      return {
        status: 200,
        body: { role_assignments: list.slice(from, to).map((g) => assignmentJson(g, a.domainId)), total_num: list.length },
      };
    }),
  ];
}
