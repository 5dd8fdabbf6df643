/**
 * The names of the precompiled validators (`generated.ts`): one per policy Version and kind, one per
 * API with a body. They are identifiers, because ajv's standalone code exports each under its name.
 */
import type { PolicyVersion } from '../catalogue';
import type { PolicyKind } from '../policy/policyDocument';

export function policyValidatorKey(version: PolicyVersion | undefined, kind: PolicyKind): string {
  return `policy_${(version ?? 'any').replace('.', '_')}_${kind}`;
}

export function bodyValidatorKey(apiId: string): string {
  return `body_${apiId}`;
}
