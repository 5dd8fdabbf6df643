/**
 * The least-privilege policy for a job: exactly the actions the chosen IMS APIs need, plus the actions
 * those depend on, as Version 1.1 (the catalogue's actions and dependencies, which generators most often
 * miss) or 5.0 (IAM 5.0's actions and dependent actions, from the authorization schema's operations);
 * and the same as a Terraform block (`huaweicloud_identity_role` with a heredoc,
 * `huaweicloud_identityv5_policy` with `jsonencode`, as the provider documents them). 1.1 has no
 * `Resource` (the facts confirm no IMS resource URNs for it); in 5.0 the actions that take the `image`
 * resource may be scoped to the job's images, the others stay on `*`.
 */
import type { ImsApi } from '../catalogue';
import { SNAPSHOT_MODEL, type Iam5Model } from '../catalogue/iam5/model';
import { actionsFor } from './apiActions';
import { withDependencies } from './generate';

export interface LeastPrivilege {
  policy: {
    Version: '1.1' | '5.0';
    Statement: Array<{ Effect: 'Allow'; Action: string[]; Resource?: string[] }>;
  };
  /** The APIs it was made for. */
  apis: string[];
  /** Whether the policy is scoped to images (5.0 only). */
  scoped: boolean;
}

/** 5.0 only: the images to scope the actions that take a resource to, and where their URNs point. */
export interface ImageScope {
  imageIds: string[];
  region: string;
  account: string;
}

export function leastPrivilegePolicy(
  apis: readonly ImsApi[],
  version: '1.1' | '5.0',
  model: Iam5Model = SNAPSHOT_MODEL,
  scope?: ImageScope,
): LeastPrivilege {
  const ids = [...new Set(apis.map((a) => a.id))];
  if (version === '1.1') {
    const actions = withDependencies([...new Set(apis.flatMap((a) => a.actions))]).sort();
    return { policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] }, apis: ids, scoped: false };
  }
  const actions = [...new Set(apis.flatMap((a) => actionsFor(a, 'iam5', model)))].sort();
  const urns = (action: string) =>
    scope && scope.imageIds.length
      ? scope.imageIds.map((id) => model.urnFor(action, { region: scope.region, account: scope.account, id }))
      : [];
  // An action is scoped when every image gives it a URN (it takes the image resource); the rest stay on `*`.
  const scopedActions = actions.filter((a) => {
    const u = urns(a);
    return u.length > 0 && u.every((x) => typeof x === 'string');
  });
  const rest = actions.filter((a) => !scopedActions.includes(a));
  const statements: LeastPrivilege['policy']['Statement'] = [];
  if (scopedActions.length)
    statements.push({ Effect: 'Allow', Action: scopedActions, Resource: urns(scopedActions[0]) as string[] });
  if (rest.length) statements.push({ Effect: 'Allow', Action: rest, ...(scopedActions.length ? { Resource: ['*'] } : {}) });
  return { policy: { Version: '5.0', Statement: statements }, apis: ids, scoped: scopedActions.length > 0 };
}

/** A Terraform resource name: lower case, digits and underscores, starting with a letter. */
export function terraformName(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(n) ? n : `policy_${n}`;
}

const hclString = (s: string) => JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

/** HCL for a JSON value, as `jsonencode` takes it: objects with `=`, lists, strings quoted. */
function hcl(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[${value.map((v) => hclString(v as string)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}  ${hcl(v, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const width = Math.max(...entries.map(([k]) => k.length));
    return `{\n${entries.map(([k, v]) => `${indent}  ${k.padEnd(width)} = ${hcl(v, `${indent}  `)}`).join('\n')}\n${indent}}`;
  }
  return typeof value === 'string' ? hclString(value) : String(value);
}

export function terraformBlock(lp: LeastPrivilege, name: string): string {
  const id = terraformName(name);
  const description = `Least privilege for ${lp.apis.join(', ')}`;
  if (lp.policy.Version === '1.1') {
    return [
      `resource "huaweicloud_identity_role" "${id}" {`,
      `  name        = ${hclString(name)}`,
      `  type        = "XA"`,
      `  description = ${hclString(description)}`,
      `  policy      = <<EOF`,
      JSON.stringify(lp.policy, null, 2),
      'EOF',
      '}',
      '',
    ].join('\n');
  }
  return [
    `resource "huaweicloud_identityv5_policy" "${id}" {`,
    `  name            = ${hclString(name)}`,
    `  description     = ${hclString(description)}`,
    `  policy_document = jsonencode(${hcl(lp.policy, '  ')})`,
    '}',
    '',
  ].join('\n');
}
