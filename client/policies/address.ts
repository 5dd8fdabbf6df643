/**
 * The addresses of live IAM policies (scheme `ims-iam`): a custom policy as `/roles/<role_id>.json`, a
 * 5.0 policy version as `/policies/<policy_id>/<version_id>.json`, the default version also as
 * `/policies/<policy_id>.json`. No editor import: the unit tests read it as it is.
 */
export const IAM_SCHEME = 'ims-iam';

export type LiveAddress =
  | { kind: 'role'; roleId: string }
  | { kind: 'policy'; policyId: string }
  | { kind: 'version'; policyId: string; versionId: string };

const ID = '([A-Za-z0-9_-]+)';
const ROLE = new RegExp(`^/roles/${ID}\\.json$`);
const POLICY = new RegExp(`^/policies/${ID}\\.json$`);
const VERSION = new RegExp(`^/policies/${ID}/(v\\d+)\\.json$`);

export function parseAddress(path: string): LiveAddress | undefined {
  let m = ROLE.exec(path);
  if (m) return { kind: 'role', roleId: m[1] };
  m = POLICY.exec(path);
  if (m) return { kind: 'policy', policyId: m[1] };
  m = VERSION.exec(path);
  return m ? { kind: 'version', policyId: m[1], versionId: m[2] } : undefined;
}

export function addressPath(a: LiveAddress): string {
  switch (a.kind) {
    case 'role':
      return `/roles/${a.roleId}.json`;
    case 'policy':
      return `/policies/${a.policyId}.json`;
    case 'version':
      return `/policies/${a.policyId}/${a.versionId}.json`;
  }
}

/** The document as the editor shows it: the policy pretty-printed, from an object or IAM's JSON string. */
export function documentText(policy: unknown): string {
  const value = typeof policy === 'string' ? (JSON.parse(policy) as unknown) : policy;
  return `${JSON.stringify(value, null, 2)}\n`;
}
