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
    Statement: Array<{
      Effect: 'Allow';
      Action: string[];
      Resource?: string[];
      Condition?: Record<string, Record<string, string | string[]>>;
    }>;
  };
  /** The APIs it was made for. */
  apis: string[];
  /** Whether the policy is scoped to images (5.0 only). */
  scoped: boolean;
}

/**
 * 5.0 only: a tag condition on the grant (docs/abac.md): only images tagged `key = value`, and (for tag
 * writes) only these tag keys. Added to the statements whose actions take the key (the model says which).
 */
export interface TagScope {
  resourceTag?: { key: string; value: string };
  tagKeys?: string[];
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
  tags?: TagScope,
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
  // The actions that take a tag key get the tag condition; the others stay as they were, in a statement of their own.
  const takes = (key: string) => (a: string) => {
    const action = model.action(a);
    return action !== undefined && model.keyApplies(key, action);
  };
  const tagKey = tags?.resourceTag && `g:ResourceTag/${tags.resourceTag.key}`;
  const limitsKeys = (tags?.tagKeys?.length ?? 0) > 0;
  const push = (list: string[], resource?: string[]) => {
    const conditioned = list.filter((a) => (tagKey !== undefined && takes(tagKey)(a)) || (limitsKeys && takes('g:TagKeys')(a)));
    const plain = list.filter((a) => !conditioned.includes(a));
    const at = resource ? { Resource: resource } : {};
    if (conditioned.length) {
      const condition: Record<string, Record<string, string | string[]>> = {};
      if (tagKey && tags?.resourceTag) condition.StringEquals = { [tagKey]: tags.resourceTag.value };
      if (limitsKeys && conditioned.some(takes('g:TagKeys')))
        condition['ForAllValues:StringEquals'] = { 'g:TagKeys': tags!.tagKeys! };
      statements.push({ Effect: 'Allow', Action: conditioned, ...at, Condition: condition });
    }
    if (plain.length) statements.push({ Effect: 'Allow', Action: plain, ...at });
  };
  push(scopedActions, scopedActions.length ? (urns(scopedActions[0]) as string[]) : undefined);
  push(rest, scopedActions.length ? ['*'] : undefined);
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

/**
 * A quoted HCL string whose text Terraform takes as written: `${` and `%{` start interpolations and
 * directives there, and are escaped by doubling their first character (`$${`, `%%{`). The replacements are
 * functions: in a replacement string `$$` means one `$`, so `'$${'` wrote `${` back unchanged.
 */
const hclString = (s: string) =>
  JSON.stringify(s)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');

/** HCL for a JSON value, as `jsonencode` takes it: objects with `=`, lists, strings quoted. */
function hcl(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[${value.map((v) => hclString(v as string)).join(', ')}]`;
    return `[\n${value.map((v) => `${indent}  ${hcl(v, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    // A key that is no HCL identifier (`g:ResourceTag/team`, `ForAllValues:StringEquals`) is quoted.
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => [/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : hclString(k), v] as const,
    );
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
