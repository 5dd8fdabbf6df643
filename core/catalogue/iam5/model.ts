/**
 * The IAM 5.0 model of IMS, built from an authorization schema: the bundled snapshot (imsSnapshot.ts) or
 * IAM's own, read live. Everything 5.0 the product knows is asked of it: an action and its access level,
 * resource types and condition keys; an API's action and dependent actions (the schema's `operations`);
 * which resource type a URN names; what a condition key is (schema keys and the global `g:` keys, with
 * `<tag-key>` families). Names compare as in 1.1 (actionNames.ts): the service exactly, the rest without
 * regard to case.
 */
import { closest } from '../../util/distance';
import { normalizeAction, patternMatches } from '../actionNames';
import type { Localized } from '../types';
import { GLOBAL_KEYS } from './globalKeys';
import { IMS_SCHEMA_SNAPSHOT, IMS_SNAPSHOT_PROVENANCE, type Provenance } from './imsSnapshot';
import type { AuthorizationSchema, ConditionValueType, SchemaAction, SchemaDescription } from './schemaTypes';

export interface ConditionKeyInfo {
  /** As declared: `g:ResourceTag/<tag-key>` for the family of `g:ResourceTag/env`. */
  key: string;
  value_type: ConditionValueType | string;
  multi_valued: boolean;
  description: Localized;
  /** Applies to every action (a global key no service declares per action). */
  everyAction: boolean;
  confirmed: boolean;
}

/** Where a model's schema comes from: the shipped snapshot, or IAM's answer read at a time from an endpoint. */
export type SchemaOrigin = { kind: 'snapshot' } | { kind: 'live'; endpoint: string; readAt: string };

const localized = (d: SchemaDescription | undefined): Localized => ({ en: d?.en_US ?? '', zh: d?.zh_CN ?? d?.en_US ?? '' });

/** A declared key with `<…>` parts as a matcher of concrete keys (`g:ResourceTag/<tag-key>` matches `g:ResourceTag/env`). */
function keyMatcher(declared: string): (key: string) => boolean {
  const lower = declared.toLowerCase();
  const hole = lower.indexOf('<');
  if (hole < 0) return (k) => k.toLowerCase() === lower;
  const prefix = lower.slice(0, hole);
  // Keys are case-insensitive in 1.1; for 5.0 it is not documented: the name part is compared without case.
  return (k) => k.length > prefix.length && k.toLowerCase().startsWith(prefix);
}

/** A URN template filled in: `<region>`, `<account-id>`, and the last `<…>` (the resource's id). */
export function fillUrn(template: string, where: { region: string; account: string; id: string }): string {
  const parts = template.split(':');
  return parts
    .map((p, i) =>
      p === '<region>'
        ? where.region
        : p === '<account-id>'
          ? where.account
          : i === parts.length - 1 && p.startsWith('<')
            ? where.id
            : p,
    )
    .join(':');
}

/** A URN template (`ims:<region>:<account-id>:image:<image-id>`) as a test of URNs, `*` in a URN matching anything. */
function urnMatcher(template: string): (urn: string) => boolean {
  const parts = template.split(':');
  return (urn) => {
    const u = urn.split(':');
    if (u.length < parts.length) return false;
    // The last part of a URN may hold `:` (a resource path): only the parts before it are compared.
    return parts.slice(0, -1).every((p, i) => p.startsWith('<') || u[i] === p || u[i] === '*');
  };
}

export class Iam5Model {
  private readonly byName: Map<string, SchemaAction>;
  private readonly keyMatchers: Array<{ info: ConditionKeyInfo; matches: (k: string) => boolean }>;

  constructor(
    readonly schema: AuthorizationSchema,
    readonly origin: SchemaOrigin = { kind: 'snapshot' },
  ) {
    this.byName = new Map(schema.actions.map((a) => [normalizeAction(a.name), a]));
    const global = (key: string) => GLOBAL_KEYS.find((g) => g.key.toLowerCase() === key.toLowerCase());
    const schemaKeys = schema.conditions.map((c) => ({
      key: c.key,
      value_type: c.value_type,
      multi_valued: c.multi_valued,
      description: localized(c.description),
      everyAction: global(c.key)?.perAction === false,
      confirmed: true,
    }));
    const globals = GLOBAL_KEYS.filter((g) => !schemaKeys.some((k) => k.key.toLowerCase() === g.key.toLowerCase())).map((g) => ({
      key: g.key,
      value_type: g.value_type,
      multi_valued: g.multi_valued,
      description: { en: g.en, zh: g.zh },
      everyAction: !g.perAction,
      confirmed: g.confirmed,
    }));
    this.keyMatchers = [...schemaKeys, ...globals].map((info) => ({ info, matches: keyMatcher(info.key) }));
    this.resourceMatchers = schema.resources.map((r) => ({ type: r.type_name, matches: urnMatcher(r.urn_template) }));
  }

  /** Each resource type's URN test, built once (a policy of thousands of statements asks for every URN). */
  private readonly resourceMatchers: Array<{ type: string; matches: (urn: string) => boolean }>;
  /** Keys met so far and what they are: a policy names the same few keys in statement after statement. */
  private readonly keysSeen = new Map<string, ConditionKeyInfo | undefined>();
  /** Declared keys as matchers, built once each. */
  private readonly declaredMatchers = new Map<string, (key: string) => boolean>();

  get actions(): readonly SchemaAction[] {
    return this.schema.actions;
  }

  action(name: string): SchemaAction | undefined {
    return this.byName.get(normalizeAction(name));
  }

  description(a: SchemaAction, lang: 'en' | 'zh'): string {
    const d = localized(a.description);
    return lang === 'zh' ? d.zh : d.en;
  }

  /** Where an action (or `operation:<id>`, `resource:<type>`) comes from; a live schema is IAM's own word. */
  provenance(subject: string): Provenance {
    if (this.origin.kind === 'live')
      return {
        source: `IAM's authorization schema, read ${this.origin.readAt.slice(0, 10)} from ${this.origin.endpoint}`,
        confirmed: true,
      };
    // An action by its name as the snapshot spells it; `operation:…` and `resource:…` name no action.
    const known = IMS_SNAPSHOT_PROVENANCE.get(this.action(subject)?.name ?? subject);
    return known ?? { source: 'not documented', confirmed: false };
  }

  /** The 5.0 actions nearest to a misspelt name, for "did you mean". */
  nearest(name: string): string[] {
    return closest(
      name,
      this.schema.actions.map((a) => a.name),
    );
  }

  /** The actions a pattern (`ims:images:*`, `ims:*:get*`) matches. */
  expand(pattern: string): SchemaAction[] {
    return this.schema.actions.filter((a) => patternMatches(pattern, a.name));
  }

  /** An API's action and dependent actions, from the schema's `operations`; undefined when it is not listed. */
  operation(apiId: string): { action: string; dependents: string[] } | undefined {
    const op = this.schema.operations.find((o) => o.operation_id === apiId);
    return op && { action: op.operation_action, dependents: op.dependent_actions ?? [] };
  }

  /** The resource type a URN names, by the schema's templates. */
  resourceTypeOf(urn: string): string | undefined {
    return this.resourceMatchers.find((r) => r.matches(urn))?.type;
  }

  /** The resource type of an action's resource entry (its template's type part). */
  typeOfTemplate(template: string): string | undefined {
    return this.schema.resources.find((r) => r.urn_template === template)?.type_name ?? template.split(':')[3];
  }

  /**
   * The URN an action acts on for one resource (its template filled in: `<region>`, `<account-id>`, and
   * the last `<…>` with the id), `null` for an action without a resource type, undefined when unknown.
   */
  urnFor(actionName: string, where: { region: string; account: string; id?: string }): string | null | undefined {
    const action = this.action(actionName);
    if (!action) return undefined;
    const resource = (action.resources ?? [])[0];
    if (!resource) return null;
    if (where.id === undefined) return undefined;
    return fillUrn(resource.urn_template, { ...where, id: where.id });
  }

  /** What a condition key is, or undefined when neither the schema nor the global keys declare it. */
  conditionKey(key: string): ConditionKeyInfo | undefined {
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (this.keysSeen.has(key)) return this.keysSeen.get(key);
    const info = this.keyMatchers.find((m) => m.matches(key))?.info;
    // Bounded: a document of generated keys cannot grow it without end.
    // Stryker disable next-line all: bounds memory only, no answer changes (bench/mutation/survivors.md)
    if (this.keysSeen.size < 10_000) this.keysSeen.set(key, info);
    return info;
  }

  /** Every declared key, for completion. */
  conditionKeys(): ConditionKeyInfo[] {
    return this.keyMatchers.map((m) => m.info);
  }

  /**
   * Whether a key applies to an action: a global key that every action takes; else one the action declares,
   * or one of a resource type of the action that the statement's resources include (all of them when
   * `types` is undefined).
   */
  keyApplies(key: string, action: SchemaAction, types?: ReadonlySet<string>): boolean {
    if (this.conditionKey(key)?.everyAction) return true;
    const matches = (declared: string) => {
      let m = this.declaredMatchers.get(declared);
      // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
      if (!m) this.declaredMatchers.set(declared, (m = keyMatcher(declared)));
      return m(key);
    };
    if ((action.condition_keys ?? []).some(matches)) return true;
    return (action.resources ?? []).some(
      (r) =>
        (types === undefined || types.has(this.typeOfTemplate(r.urn_template) ?? '')) && (r.condition_keys ?? []).some(matches),
    );
  }
}

/** The model of the shipped snapshot. */
export const SNAPSHOT_MODEL = new Iam5Model(IMS_SCHEMA_SNAPSHOT);
