/**
 * The effective permissions of one identity on one project, from what IAM says about it: the grants of
 * its groups (and, on enterprise projects, of the user) with their scopes, the custom and system
 * policies they grant, and the 5.0 policies attached to the user and its groups. For each IMS API: the
 * decision (allowed / denied / not granted), the actions missing, the statement that decided, and the
 * grants that would have allowed it but sit on an enterprise project, which authorizes no tag API
 * (the seed table). Pure: the client gathers the facts (or the tests write them), this judges them.
 */
import { IMS_APIS, type ImsApi } from '../catalogue';
import { SNAPSHOT_MODEL, type Iam5Model } from '../catalogue/iam5/model';
import { actionsFor, evaluateApiActions, familyOf } from '../policy/apiActions';
import type { RequestContext } from '../policy/conditions';
import { evaluateAction, type PolicySource, type StatementRef, type Verdict } from '../policy/evaluator';
import { parseJson } from '../policy/policyDocument';

export type GrantScope =
  | { kind: 'project'; projectId: string }
  | { kind: 'allProjects' }
  | { kind: 'domain' }
  | { kind: 'enterpriseProject'; enterpriseProjectId: string };

export interface GrantedPolicy {
  /** A name for people: the policy's display name. */
  name: string;
  /** Where a person opens it (an ims-iam: URI), or an id. */
  uri: string;
  /** AX (global services) or XA (project-level services, such as IMS). */
  type: 'AX' | 'XA';
  /** The policy document, as an object or IAM's JSON string. */
  policy: unknown;
}

export interface AccessFacts {
  projectId: string;
  /** The identity may do everything (the account's administrator, the group "admin"). */
  administrator?: boolean;
  grants: Array<{ policy: GrantedPolicy; scope: GrantScope; via: string }>;
  /** 5.0 policies attached to the user or its groups (their default versions). */
  attached: Array<{ policy: GrantedPolicy; via: string }>;
}

/**
 * `dependsOn`: only with a request context (one image, one caller), when a Condition that decides needs a
 * value the context does not know (the tags a write will set, a source IP): `unknown` names the keys.
 */
export type ApiDecision = 'allowed' | 'denied' | 'notGranted' | 'dependsOn';

export interface ApiAccess {
  api: ImsApi;
  decision: ApiDecision;
  /** Actions of the API that are denied or not granted. */
  missing: string[];
  /** The statements that decided: the Deny that applies, or the Allows. */
  decidedBy: StatementRef[];
  /** Policies granted on an enterprise project that would allow a missing action there, if it could. */
  enterpriseOnly: Array<{ name: string; via: string; enterpriseProjectId: string }>;
  /** With a request context: the statements whose Condition did not hold, for "why not" (team is red, not blue). */
  unmet?: StatementRef[];
  /** With a request context: the keys whose values it did not know (decision `dependsOn`). */
  unknown?: string[];
}

/** Parsed once per granted policy, however many users and images it is judged for (who-can, impact). */
const parsed = new WeakMap<GrantedPolicy, PolicySource | null>();
export function grantedSource(p: GrantedPolicy): PolicySource | undefined {
  let s = parsed.get(p);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (s === undefined) {
    const text = typeof p.policy === 'string' ? p.policy : JSON.stringify(p.policy);
    const model = parseJson(text).policy;
    parsed.set(p, (s = model ? { uri: p.uri, model, label: p.name } : null));
  }
  return s ?? undefined;
}

/** Whether a grant counts for `api` on `projectId` (emulator/iam/enforcement.ts is the emulator's own reading). */
function covers(scope: GrantScope, policy: GrantedPolicy, api: ImsApi, projectId: string): boolean {
  switch (scope.kind) {
    case 'project':
      return scope.projectId === projectId;
    case 'allProjects':
      return true;
    case 'domain':
      // Domain grants reach global services only; IMS is a project-level service.
      return policy.type === 'AX';
    case 'enterpriseProject':
      return api.enterpriseProject;
  }
}

/**
 * The policies that count for `api`: the grants whose scope reaches it, then the 5.0 policies attached
 * (`attached`: those already parsed). They differ by API only in whether it may be granted on an
 * enterprise project (core/access/decisionMatrix.ts judges by the same list).
 */
export function countingSources(
  facts: AccessFacts,
  api: ImsApi,
  attached = facts.attached.map((a) => grantedSource(a.policy)).filter((s): s is PolicySource => s !== undefined),
): PolicySource[] {
  return [
    ...facts.grants.filter((g) => covers(g.scope, g.policy, api, facts.projectId)).map((g) => grantedSource(g.policy)),
    ...attached,
  ].filter((s): s is PolicySource => s !== undefined);
}

/**
 * What is known of one call of an API (an image's tags and URN, the tags the call sets, the caller), for
 * predictions on one image: Conditions are then evaluated, not only "may apply" (core/policy/conditions.ts).
 */
export interface CallContext {
  context?: RequestContext;
  resourceOf?: (action: string) => string | null | undefined;
}

/** Enough Conditions that failed to say why not (a tooltip lists them; more would only cost). */
const MAX_UNMET = 8;

/** The statements in order, each once (an Allow that grants several actions of an API decides them all). */
function unique(refs: ReadonlyArray<StatementRef | undefined>): StatementRef[] {
  const out: StatementRef[] = [];
  for (const r of refs) if (r && !out.some((o) => o.statement === r.statement)) out.push(r);
  return out;
}

/** Each API's verdict for the identity; 5.0 policies are judged in 5.0's actions (core/policy/apiActions.ts). */
export function effectivePermissions(
  facts: AccessFacts,
  apis: readonly ImsApi[] = IMS_APIS,
  model: Iam5Model = SNAPSHOT_MODEL,
  on?: (api: ImsApi) => CallContext,
): ApiAccess[] {
  const sourceOf = grantedSource;
  const attached = facts.attached.map((a) => sourceOf(a.policy)).filter((s): s is PolicySource => s !== undefined);
  // The policies that count differ by API only in whether it may be granted on an enterprise project; the
  // verdict of an action is then the same for every API that needs it in the same context: judged once.
  const judged = new Map<
    string,
    { sources: PolicySource[]; verdicts: Map<string, Verdict>; contexts: Map<RequestContext, number> }
  >();
  return apis.map((api) => {
    if (facts.administrator) return { api, decision: 'allowed', missing: [], decidedBy: [], enterpriseOnly: [] };
    const scope = api.enterpriseProject ? 'ep' : 'project';
    let same = judged.get(scope);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (!same)
      judged.set(scope, (same = { sources: countingSources(facts, api, attached), verdicts: new Map(), contexts: new Map() }));
    const call = on?.(api);
    let contextId = 0;
    if (call?.context) {
      contextId = same.contexts.get(call.context) ?? same.contexts.size + 1;
      same.contexts.set(call.context, contextId);
    }
    const verdicts = evaluateApiActions(api, same.sources, model, call?.resourceOf, call?.context, same.verdicts, contextId);
    // Without a context an Allow under a Condition counts, as IAM would when it holds; with one, a Condition
    // still undecided (a value not known) makes the verdict "depends on", never a guess either way.
    const missing = verdicts.filter((v) => v.decision === 'denied' || v.decision === 'notGranted').map((v) => v.action);
    const denied = verdicts.find((v) => v.decision === 'denied');
    const undecided = call?.context
      ? verdicts.filter((v) => v.decision === 'conditionallyAllowed' || v.mayBeDeniedBy.length > 0)
      : [];
    const decision: ApiDecision = denied ? 'denied' : missing.length ? 'notGranted' : undecided.length ? 'dependsOn' : 'allowed';
    // What decided: the Deny; else, for each action, the Allow that grants it (one a Condition does not
    // hold back, when there is one); for "depends on", the statements whose Condition is undecided.
    const decidedBy = denied
      ? denied.deniedBy
      : decision === 'allowed'
        ? unique(verdicts.map((v) => v.allowedBy.find((r) => !r.conditional) ?? v.allowedBy[0]))
        : decision === 'dependsOn'
          ? unique(undecided.flatMap((v) => [...v.mayBeDeniedBy, ...v.allowedBy.filter((r) => r.conditional)]))
          : [];
    const enterpriseOnly = facts.grants
      .filter((g) => g.scope.kind === 'enterpriseProject' && !api.enterpriseProject)
      .filter((g) => {
        const s = sourceOf(g.policy);
        if (!s || missing.length === 0) return false;
        // Would the policy grant some of it, were its scope one that counts? Judged in its own model's actions.
        const granted = (a: string) => ['allowed', 'conditionallyAllowed'].includes(evaluateAction(a, [s]).decision);
        return actionsFor(api, familyOf(s), model).some(granted);
      })
      .map((g) => ({
        name: g.policy.name,
        via: g.via,
        enterpriseProjectId: g.scope.kind === 'enterpriseProject' ? g.scope.enterpriseProjectId : '',
      }));
    if (!call?.context) return { api, decision, missing, decidedBy, enterpriseOnly };
    // Why not (the Conditions that failed) only matters when not granted; what is unknown only when undecided.
    const unmet: StatementRef[] = [];
    if (decision === 'notGranted')
      for (const v of verdicts)
        if (missing.includes(v.action)) for (const r of v.unmet) if (unmet.length < MAX_UNMET) unmet.push(r);
    const unknown = new Set<string>();
    if (decision === 'dependsOn')
      for (const r of decidedBy) if (r.condition?.result === 'unknown') for (const k of r.condition.missing) unknown.add(k);
    return { api, decision, missing, decidedBy, enterpriseOnly, unmet, unknown: [...unknown] };
  });
}
