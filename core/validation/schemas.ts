/** Every JSON Schema the product validates with, by validator name: the input of `generate.ts`. */
import { IMS_APIS, POLICY_VERSIONS, type JsonSchema } from '../catalogue';
import { policySchema } from '../policy/policySchema';
import { CLI_CONFIG_KEY, bodyValidatorKey, policyValidatorKey } from './keys';

export function validatorSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const version of [undefined, ...POLICY_VERSIONS])
    out[policyValidatorKey(version, 'identity')] = policySchema(version, 'identity');
  // Resource-based policies (a Principal) exist only in Version 5.0 (policyDocument.ts calls others foreign).
  out[policyValidatorKey('5.0', 'resource')] = policySchema('5.0', 'resource');
  for (const api of IMS_APIS) if (api.bodySchema) out[bodyValidatorKey(api.id)] = api.bodySchema;
  out[CLI_CONFIG_KEY] = CLI_CONFIG_SCHEMA;
  return out;
}

const globs: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1 } };

/** `.imstags.json`: the checks on, off or at another severity, which files, the .http environment, the exit threshold. */
export const CLI_CONFIG_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    checks: { type: 'object', additionalProperties: { enum: ['off', 'error', 'warning', 'info', 'hint'] } },
    include: globs,
    exclude: globs,
    env: { type: 'string', minLength: 1 },
    failOn: { enum: ['error', 'warning', 'info'] },
  },
};
