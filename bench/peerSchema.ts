/**
 * The JSON Schema a user would give VS Code's own JSON language server for IAM policies instead of
 * installing this extension: the policy structure, with the IMS actions as an enum (other services'
 * actions allowed by pattern, as our server allows them). Built from the catalogue.
 */
import { EFFECTS, IMS_ACTIONS, IMS_WILDCARDS, POLICY_VERSIONS, STATEMENT_KEYS } from '../core/catalogue';

export function peerPolicySchema(): Record<string, unknown> {
  const actions = [...IMS_ACTIONS.map((a) => a.name), ...IMS_WILDCARDS.map((w) => w.pattern)];
  const action = {
    anyOf: [
      { type: 'string', enum: actions, description: 'An IMS action' },
      { type: 'string', pattern: '^(?!ims:)[a-z0-9*]+:[^:]+:[^:]+$' },
    ],
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['Version', 'Statement'],
    properties: {
      Version: { enum: [...POLICY_VERSIONS] },
      Statement: {
        type: 'array',
        maxItems: 8,
        items: {
          type: 'object',
          required: ['Effect'],
          additionalProperties: false,
          properties: Object.fromEntries(STATEMENT_KEYS.map((k) => [k.name, { description: k.doc.en }])),
          allOf: [
            {
              properties: {
                Effect: { enum: [...EFFECTS] },
                Action: { type: 'array', maxItems: 100, items: action },
                NotAction: { type: 'array', items: action },
              },
            },
          ],
        },
      },
    },
  };
}
