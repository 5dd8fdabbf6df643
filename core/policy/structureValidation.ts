/** The structure check of a policy document, with the validators compiled at build time from policySchema.ts. */
import type { ErrorObject } from 'ajv';
import type { PolicyVersion } from '../catalogue';
import type { PolicyKind } from './policyDocument';
import { policyValidatorKey } from '../validation/keys';
import { validateWith } from '../validation/run';

/** ajv errors of a policy object (the plain value of the policy node), from the precompiled validators. */
export function validatePolicyStructure(value: unknown, version: PolicyVersion | undefined, kind: PolicyKind): ErrorObject[] {
  // Resource-based policies exist only in 5.0 (policyDocument.ts calls the others foreign), and a
  // validator is compiled for each pairing that exists.
  return validateWith(policyValidatorKey(version, kind), value);
}
