import type { GrantScope } from '../../core/access/effective';
import type { AuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';

/**
 * The IAM account the emulator keeps: users, groups, permanent access keys, custom policies ("roles",
 * Version 1.1), grants by scope, and 5.0 identity policies with versions and attachments. Plain data,
 * written to the state file as it is; the routes (identityRoutes.ts, permissionRoutes.ts, v5Routes.ts,
 * analyzerRoutes.ts) change it only after every check passed, so a refused request leaves nothing half
 * applied.
 */
export interface User {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  /** For `POST /v3/auth/tokens`; kept in the state file of a local emulator only. */
  password?: string;
  /** The user's tags (an `--iam` seed), for `g:PrincipalTag/<key>` conditions. */
  tags?: Record<string, string>;
  createdAt: string;
}

export interface Group {
  id: string;
  name: string;
  description: string;
  userIds: string[];
  createdAt: string;
}

export interface AccessKey {
  access: string;
  secret: string;
  userId: string;
  status: 'active' | 'inactive';
  description: string;
  createdAt: string;
}

export interface Role {
  id: string;
  name: string;
  displayName: string;
  type: 'AX' | 'XA';
  description: string;
  descriptionCn?: string;
  policy: unknown;
  /** System policies ("IMS FullAccess") belong to no domain and cannot be changed. */
  system: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Where a grant applies — the region's project, every project, the domain (global services), or an
 * enterprise project — written once, in core (the evaluator's type); state files of older emulators
 * spelt two kinds with dashes, and are read through `normalizeScope`.
 */
export type { GrantScope } from '../../core/access/effective';

/** A grant's scope from an older state file (`all-projects`, `enterprise-project`) in today's spelling. */
export function normalizeScope(scope: { kind: string; enterpriseProjectId?: string }): GrantScope {
  if (scope.kind === 'all-projects') return { kind: 'allProjects' };
  if (scope.kind === 'enterprise-project')
    return { kind: 'enterpriseProject', enterpriseProjectId: scope.enterpriseProjectId ?? '' };
  return scope as GrantScope;
}

export interface Grant {
  roleId: string;
  /** Groups get grants at every scope; users only on enterprise projects (as IAM has it). */
  subject: { group: string } | { user: string };
  scope: GrantScope;
}

export interface PolicyVersionV5 {
  versionId: string;
  document: string;
  createdAt: string;
}

export interface PolicyV5 {
  id: string;
  name: string;
  path: string;
  description: string;
  defaultVersionId: string;
  versions: PolicyVersionV5[];
  nextVersion: number;
  attachedUsers: string[];
  attachedGroups: string[];
  createdAt: string;
  updatedAt: string;
  /** A system-defined identity policy: listed with policy_type=system, attachable, never changed. */
  system?: boolean;
}

export interface IamData {
  users: User[];
  groups: Group[];
  accessKeys: AccessKey[];
  roles: Role[];
  grants: Grant[];
  policies: PolicyV5[];
  /** IMS's IAM 5.0 authorization schema, when an `--iam` file gives one (else the shipped snapshot). */
  authorizationSchema?: AuthorizationSchema;
}

export const emptyIam = (): IamData => ({ users: [], groups: [], accessKeys: [], roles: [], grants: [], policies: [] });

export const sameScope = (a: GrantScope, b: GrantScope): boolean => JSON.stringify(a) === JSON.stringify(b);

export const sameSubject = (a: Grant['subject'], b: Grant['subject']): boolean => JSON.stringify(a) === JSON.stringify(b);
