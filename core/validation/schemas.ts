/** Every JSON Schema the product validates with, by validator name: the input of `generate.ts`. */
import { IMS_APIS, POLICY_VERSIONS, type JsonSchema } from '../catalogue';
import { policySchema } from '../policy/policySchema';
import { bodyValidatorKey, policyValidatorKey } from './keys';

export function validatorSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  // Each key and its schema from the same values: a key cannot name another schema than the one it holds.
  const identity = 'identity';
  for (const version of [undefined, ...POLICY_VERSIONS])
    out[policyValidatorKey(version, identity)] = policySchema(version, identity);
  // Resource-based policies (a Principal) exist only in Version 5.0 (policyDocument.ts calls others foreign).
  const resourceBased = ['5.0', 'resource'] as const;
  out[policyValidatorKey(...resourceBased)] = policySchema(...resourceBased);
  for (const api of IMS_APIS) if (api.bodySchema) out[bodyValidatorKey(api.id)] = api.bodySchema;
  return out;
}
