/**
 * The structure of a policy document as a JSON Schema, per Version, validated with ajv. Values that
 * get their own, friendlier checks (Version and Effect values, action grammar, limits) are only
 * type-checked here.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { STATEMENT_KEYS, type JsonSchema, type PolicyVersion } from '../catalogue';

const stringArray: JsonSchema = { type: 'array', items: { type: 'string' } };

function statementSchema(version: PolicyVersion | undefined): JsonSchema {
  const keys = STATEMENT_KEYS.filter((k) => !version || k.versions.includes(version)).map((k) => k.name);
  const properties: Record<string, JsonSchema> = {
    Effect: { type: 'string' },
    Action: stringArray,
    NotAction: stringArray,
    Resource: stringArray,
    NotResource: stringArray,
    Sid: { type: 'string' },
    Condition: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: {
          type: ['array', 'string', 'boolean', 'number'],
          items: { type: ['string', 'boolean', 'number'] },
        },
      },
    },
  };
  return {
    type: 'object',
    required: ['Effect'],
    properties: Object.fromEntries(keys.map((k) => [k, properties[k]])),
    additionalProperties: false,
    anyOf: [{ required: ['Action'] }, { required: ['NotAction'] }],
    not: { required: ['Action', 'NotAction'] },
    ...(keys.includes('NotResource') ? { dependentSchemas: { Resource: { not: { required: ['NotResource'] } } } } : {}),
  };
}

export function policySchema(version: PolicyVersion | undefined): JsonSchema {
  return {
    type: 'object',
    required: ['Version', 'Statement'],
    properties: {
      Version: { type: 'string' },
      Statement: { type: 'array', items: statementSchema(version) },
      ...(version === '1.0'
        ? {
            Depends: {
              type: 'array',
              items: { type: 'object', properties: { catalog: { type: 'string' }, display_name: { type: 'string' } } },
            },
          }
        : {}),
    },
  };
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>();

/** ajv errors of a policy object (the plain value of the policy node). */
export function validatePolicyStructure(value: unknown, version: PolicyVersion | undefined): ErrorObject[] {
  const key = version ?? 'any';
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = ajv.compile(policySchema(version))));
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
