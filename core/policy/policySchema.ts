/**
 * The structure of a policy document as a JSON Schema, per Version (compiled ahead of time by core/validation). Values that
 * get their own, friendlier checks (Version and Effect values, action grammar, limits) are only
 * type-checked here.
 */
import { STATEMENT_KEYS, type JsonSchema, type PolicyVersion } from '../catalogue';
import type { PolicyKind } from './policyDocument';

const stringArray: JsonSchema = { type: 'array', items: { type: 'string' } };

/**
 * Resource as the service takes it: a list of strings (the documented form), one string (`"Resource": "*"`
 * in Huawei's KMS example; the SDKs type it as any value), or the agency form `{"uri": [...]}`.
 */
const resourceValue: JsonSchema = {
  anyOf: [stringArray, { type: 'string' }, { type: 'object', additionalProperties: stringArray }],
};

/** Principal of 5.0 resource-based policies (trust and VPC endpoint policies): "*" or an object of lists. */
const principalValue: JsonSchema = {
  anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { anyOf: [stringArray, { type: 'string' }] } }],
};

function statementSchema(version: PolicyVersion | undefined, kind: PolicyKind): JsonSchema {
  const keys = STATEMENT_KEYS.filter((k) => !version || k.versions.includes(version)).map((k) => k.name);
  if (kind === 'resource') keys.push('Principal', 'NotPrincipal');
  const properties: Record<string, JsonSchema> = {
    Effect: { type: 'string' },
    Action: stringArray,
    NotAction: stringArray,
    Resource: resourceValue,
    NotResource: resourceValue,
    Principal: principalValue,
    NotPrincipal: principalValue,
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

export function policySchema(version: PolicyVersion | undefined, kind: PolicyKind = 'identity'): JsonSchema {
  return {
    type: 'object',
    required: ['Version', 'Statement'],
    properties: {
      Version: { type: 'string' },
      Statement: { type: 'array', items: statementSchema(version, kind) },
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
