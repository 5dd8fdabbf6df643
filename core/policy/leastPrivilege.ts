/**
 * The least-privilege policy for a job: exactly the actions the chosen IMS APIs need, plus the actions
 * those depend on (the catalogue's dependencies, which generators most often miss), as Version 1.1 or
 * 5.0; and the same as a Terraform block (`huaweicloud_identity_role` with a heredoc,
 * `huaweicloud_identityv5_policy` with `jsonencode`, as the provider documents them). No `Resource`: the
 * facts do not confirm IMS resource URNs for 1.1, nor which IMS actions 5.0 scopes to an image, so the
 * policy applies to all images, and the note says so.
 */
import type { ImsApi } from '../catalogue';
import { withDependencies } from './generate';

export interface LeastPrivilege {
  policy: { Version: '1.1' | '5.0'; Statement: Array<{ Effect: 'Allow'; Action: string[] }> };
  /** The APIs it was made for. */
  apis: string[];
}

export function leastPrivilegePolicy(apis: readonly ImsApi[], version: '1.1' | '5.0'): LeastPrivilege {
  const actions = withDependencies([...new Set(apis.flatMap((a) => a.actions))]).sort();
  return {
    policy: { Version: version, Statement: [{ Effect: 'Allow', Action: actions }] },
    apis: [...new Set(apis.map((a) => a.id))],
  };
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
