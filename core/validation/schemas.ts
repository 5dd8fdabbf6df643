/** Every JSON Schema the product validates with, by validator name: the input of `generate.ts`. */
import { IMS_APIS, POLICY_VERSIONS, type JsonSchema, type PolicyVersion } from '../catalogue';
import type { PolicyKind } from '../policy/policyDocument';
import { policySchema } from '../policy/policySchema';
import { bodyValidatorKey, policyValidatorKey } from './keys';

export function validatorSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  // Each key and its schema from the same arguments: a key cannot name another schema than the one it holds.
  const policy = (version: PolicyVersion | undefined, kind: PolicyKind) => {
    out[policyValidatorKey(version, kind)] = policySchema(version, kind);
  };
  for (const version of [undefined, ...POLICY_VERSIONS]) policy(version, 'identity');
  // Resource-based policies (a Principal) exist only in Version 5.0 (policyDocument.ts calls others foreign).
  policy('5.0', 'resource');
  for (const api of IMS_APIS) if (api.bodySchema) out[bodyValidatorKey(api.id)] = api.bodySchema;
  return out;
}
