/**
 * `--iam FILE`: users, groups, access keys, custom policies, grants and 5.0 policies from one JSON file,
 * referring to each other by name. Each entry is applied through the same route as the API call that
 * would make it, so the file gets the API's checks and its error messages (with the entry named).
 */
import { readFileSync } from 'node:fs';
import { HttpError } from '../http';
import type { IamService } from './index';
import { readAuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';

export interface IamSeed {
  /** `tags`: the user's tags, for `g:PrincipalTag/<key>` conditions. */
  users?: Array<{ name: string; password?: string; description?: string; tags?: Record<string, string> }>;
  groups?: Array<{ name: string; description?: string; users?: string[] }>;
  accessKeys?: Array<{ user: string; access: string; secret: string }>;
  roles?: Array<{ display_name: string; type: 'AX' | 'XA'; description: string; policy: unknown }>;
  grants?: Array<{
    role: string;
    group?: string;
    user?: string;
    scope: 'project' | 'all-projects' | 'domain' | 'enterprise-project';
  }>;
  policies?: Array<{ name: string; document: unknown; description?: string; users?: string[]; groups?: string[] }>;
  /** IMS's IAM 5.0 authorization schema for this account, in GetAuthorizationSchemaV5's shape. */
  authorizationSchema?: unknown;
}

export function seedIam(service: IamService, file: string): void {
  let seed: IamSeed;
  try {
    seed = JSON.parse(readFileSync(file, 'utf8')) as IamSeed;
  } catch (e) {
    throw new Error(`could not read the IAM file ${file}: ${(e as Error).message}`, { cause: e });
  }
  const a = service.account;
  const step = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      const reason = e instanceof HttpError ? e.message : (e as Error).message;
      throw new Error(`${file}: ${what}: ${reason}`, { cause: e });
    }
  };
  const userId = (name: string) => step(`user ${name}`, () => a.data.users.find((u) => u.name === name)?.id ?? a.user(name).id);
  const groupId = (name: string) =>
    step(`group ${name}`, () => a.data.groups.find((g) => g.name === name)?.id ?? a.group(name).id);
  for (const { tags, ...u } of seed.users ?? []) {
    step(`user ${u.name}`, () =>
      service.call('POST', '/v3.0/OS-USER/users', { user: { domain_id: service.account.domainId, ...u } }),
    );
    if (tags !== undefined)
      step(`user ${u.name}, tags`, () => {
        if (typeof tags !== 'object' || tags === null || Object.values(tags).some((v) => typeof v !== 'string'))
          throw new Error('tags must be an object of strings');
        a.data.users.find((x) => x.name === u.name)!.tags = { ...tags };
      });
  }
  for (const g of seed.groups ?? []) {
    step(`group ${g.name}`, () => service.call('POST', '/v3/groups', { group: { name: g.name, description: g.description } }));
    for (const u of g.users ?? [])
      step(`group ${g.name}, user ${u}`, () =>
        service.call('PUT', `/v3/groups/${groupId(g.name)}/users/${userId(u)}`, undefined),
      );
  }
  for (const k of seed.accessKeys ?? []) {
    step(`access key of ${k.user}`, () => {
      if (typeof k.access !== 'string' || typeof k.secret !== 'string' || !k.access || !k.secret)
        throw new Error('access and secret are required');
      if (a.data.accessKeys.some((x) => x.access === k.access)) throw new Error(`the access key ${k.access} is listed twice`);
      a.data.accessKeys.push({ ...a.newAccessKey(userId(k.user), 'from --iam'), access: k.access, secret: k.secret });
    });
  }
  for (const r of seed.roles ?? [])
    step(`role ${r.display_name}`, () => service.call('POST', '/v3.0/OS-ROLE/roles', { role: r }));
  const roleId = (name: string) =>
    step(
      `role ${name}`,
      () => [...a.system, ...a.data.roles].find((r) => r.displayName === name || r.id === name)?.id ?? a.role(name).id,
    );
  for (const g of seed.grants ?? []) {
    const what = `grant of ${g.role} to ${g.group ?? g.user} on ${g.scope}`;
    const role = roleId(g.role);
    const path = step(what, () => {
      if (g.user !== undefined && g.scope !== 'enterprise-project')
        throw new Error('users get grants on enterprise projects only; use a group');
      const subject = g.group !== undefined ? `groups/${groupId(g.group)}` : `users/${userId(g.user ?? '')}`;
      switch (g.scope) {
        case 'project':
          return `/v3/projects/${a.projectId}/${subject}/roles/${role}`;
        case 'domain':
          return `/v3/domains/${a.domainId}/${subject}/roles/${role}`;
        case 'all-projects':
          return `/v3/OS-INHERIT/domains/${a.domainId}/${subject}/roles/${role}/inherited_to_projects`;
        case 'enterprise-project':
          return `/v3.0/OS-PERMISSION/enterprise-projects/${a.enterpriseProjectId}/${subject}/roles/${role}`;
        default:
          throw new Error('scope must be project, all-projects, domain or enterprise-project');
      }
    });
    step(what, () => service.call('PUT', path, undefined));
  }
  if (seed.authorizationSchema !== undefined)
    a.data.authorizationSchema = step('authorizationSchema', () => {
      const schema = readAuthorizationSchema(seed.authorizationSchema);
      if (!schema) throw new Error('it is not an authorization schema: it needs "actions" with names');
      return schema;
    });
  for (const p of seed.policies ?? []) {
    const made = step(`policy ${p.name}`, () =>
      service.call('POST', '/v5/policies', {
        policy_name: p.name,
        description: p.description,
        policy_document: JSON.stringify(p.document),
      }),
    );
    const id = (made.body as { policy: { policy_id: string } }).policy.policy_id;
    for (const u of p.users ?? [])
      step(`policy ${p.name}, user ${u}`, () => service.call('POST', `/v5/policies/${id}/attach-user`, { user_id: userId(u) }));
    for (const g of p.groups ?? [])
      step(`policy ${p.name}, group ${g}`, () =>
        service.call('POST', `/v5/policies/${id}/attach-group`, { group_id: groupId(g) }),
      );
  }
}
