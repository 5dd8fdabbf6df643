/**
 * IAM 5.0's authorization schema of a service, exactly as `GET /v5/authorization-schemas/services/{service}`
 * answers it (the Go SDK's GetAuthorizationSchemaV5Response and its models `action`,
 * `action_associated_resource`, `resource`, `condition`, `operation`, `description`; docs/sources.md §B.1,
 * §I.2). The raw API writes `en_US`/`zh_CN` (Terraform re-exposes them in lower case).
 */

export type AccessLevel = 'list' | 'read' | 'write' | 'permission_management' | 'tagging';

export interface SchemaDescription {
  en_US?: string;
  zh_CN?: string;
}

/** A resource type an action applies to; `required: false` means it is optional. */
export interface SchemaActionResource {
  urn_template: string;
  required: boolean;
  /** Keys that apply only when the action and this resource type match. */
  condition_keys?: string[];
}

export interface SchemaAction {
  name: string;
  access_level: AccessLevel | string;
  /** A permission point with no API behind it. */
  permission_only?: boolean;
  description?: SchemaDescription;
  aliases?: string[];
  resources?: SchemaActionResource[];
  /** Keys that do not depend on a resource. */
  condition_keys?: string[];
}

export interface SchemaResource {
  type_name: string;
  urn_template: string;
}

export type ConditionValueType = 'string' | 'numeric' | 'date' | 'boolean' | 'ip_address';

export interface SchemaCondition {
  key: string;
  value_type: ConditionValueType | string;
  multi_valued: boolean;
  description?: SchemaDescription;
}

export interface SchemaOperation {
  /** The API, by its SDK operation name (AddImageTag). */
  operation_id: string;
  operation_action: string;
  dependent_actions?: string[];
}

export interface AuthorizationSchema {
  version?: string;
  actions: SchemaAction[];
  resources: SchemaResource[];
  conditions: SchemaCondition[];
  operations: SchemaOperation[];
}

/**
 * Reads an answer as a schema: anything of the wrong shape is left out, never trusted (the answer may come
 * from a misbehaving endpoint or a stale cache file). Undefined when it holds no action at all.
 */
export function readAuthorizationSchema(raw: unknown): AuthorizationSchema | undefined {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  // A string, number or array holds none of the fields read, so each is dropped later anyway.
  // Stryker disable next-line ConditionalExpression: as the comment above says (bench/mutation/survivors.md)
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
  // Stryker disable next-line ArrayDeclaration: as above, for the items a mutant would put in an empty list
  const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const texts = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const description = (v: unknown): SchemaDescription | undefined => {
    const d = (typeof v === 'object' && v !== null ? v : undefined) as Record<string, unknown> | undefined;
    return d ? { en_US: text(d.en_US), zh_CN: text(d.zh_CN) } : undefined;
  };
  const actions = list(o.actions).flatMap((a): SchemaAction[] => {
    const name = text(a.name);
    if (!name) return [];
    return [
      {
        name,
        access_level: text(a.access_level) ?? 'write',
        permission_only: a.permission_only === true,
        description: description(a.description),
        aliases: texts(a.aliases),
        resources: list(a.resources).flatMap((r) => {
          const urn = text(r.urn_template);
          return urn ? [{ urn_template: urn, required: r.required === true, condition_keys: texts(r.condition_keys) }] : [];
        }),
        condition_keys: texts(a.condition_keys),
      },
    ];
  });
  if (actions.length === 0) return undefined;
  return {
    version: text(o.version),
    actions,
    resources: list(o.resources).flatMap((r) => {
      const type = text(r.type_name);
      const urn = text(r.urn_template);
      return type && urn ? [{ type_name: type, urn_template: urn }] : [];
    }),
    conditions: list(o.conditions).flatMap((c) => {
      const key = text(c.key);
      return key
        ? [
            {
              key,
              value_type: text(c.value_type) ?? 'string',
              multi_valued: c.multi_valued === true,
              description: description(c.description),
            },
          ]
        : [];
    }),
    operations: list(o.operations).flatMap((op) => {
      const id = text(op.operation_id);
      const action = text(op.operation_action);
      return id && action ? [{ operation_id: id, operation_action: action, dependent_actions: texts(op.dependent_actions) }] : [];
    }),
  };
}
