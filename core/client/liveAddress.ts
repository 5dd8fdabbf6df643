/**
 * The addresses of live IAM policies (scheme `ims-iam`). With the policy's name, so tabs, breadcrumbs
 * and diff titles read as the policy is called (the id keeps them unique):
 * `/roles/<role_id>/<name>.json` (a custom policy), `/policies/<policy_id>/default/<name>.json` (a 5.0
 * policy's default version), `/policies/<policy_id>/<version_id>/<name>.json` (one version). The forms
 * without a name (`/roles/<role_id>.json`, `/policies/<policy_id>.json`,
 * `/policies/<policy_id>/<version_id>.json`) are read too. No editor import: core and tests read it.
 */
export const IAM_SCHEME = 'ims-iam';

export type LiveAddress =
  | { kind: 'role'; roleId: string }
  | { kind: 'policy'; policyId: string }
  | { kind: 'version'; policyId: string; versionId: string };

const ID = '([A-Za-z0-9_-]+)';
const NAME = '/[^/]+\\.json';
const ROLE = new RegExp(`^/roles/${ID}(?:\\.json|${NAME})$`);
const POLICY = new RegExp(`^/policies/${ID}(?:\\.json|/default${NAME})$`);
const VERSION = new RegExp(`^/policies/${ID}/(v\\d+)(?:\\.json|${NAME})$`);

export function parseAddress(path: string): LiveAddress | undefined {
  let m = ROLE.exec(path);
  if (m) return { kind: 'role', roleId: m[1] };
  m = POLICY.exec(path);
  if (m) return { kind: 'policy', policyId: m[1] };
  m = VERSION.exec(path);
  return m ? { kind: 'version', policyId: m[1], versionId: m[2] } : undefined;
}

/** A name as one path segment: no separator, no control character, not empty. */
function segment(name: string): string {
  const s = [...name]
    .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c))
    .join('')
    .trim();
  return s || '_';
}

/** The path of an address; with the policy's name when it is known. */
export function addressPath(a: LiveAddress, name?: string): string {
  const file = name === undefined ? undefined : `${segment(name)}.json`;
  switch (a.kind) {
    case 'role':
      return file ? `/roles/${a.roleId}/${file}` : `/roles/${a.roleId}.json`;
    case 'policy':
      return file ? `/policies/${a.policyId}/default/${file}` : `/policies/${a.policyId}.json`;
    case 'version':
      return file ? `/policies/${a.policyId}/${a.versionId}/${file}` : `/policies/${a.policyId}/${a.versionId}.json`;
  }
}

/**
 * The address as a URI string, for code without the editor's `Uri` (core, the server): each segment
 * percent-encoded, parentheses too, so a name with a space, `#`, `?`, `%` or `)` stays in the path: a
 * Markdown link to it holds, and `Uri.parse` gives the same address back.
 */
export function addressUri(a: LiveAddress, name?: string): string {
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${IAM_SCHEME}:${addressPath(a, name).split('/').map(encode).join('/')}`;
}

/** The document as the editor shows it: the policy pretty-printed, from an object or IAM's JSON string. */
export function documentText(policy: unknown): string {
  const value = typeof policy === 'string' ? (JSON.parse(policy) as unknown) : policy;
  return `${JSON.stringify(value, null, 2)}\n`;
}
