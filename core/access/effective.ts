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
import { evaluateAction, type PolicySource, type StatementRef } from '../policy/evaluator';
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

export type ApiDecision = 'allowed' | 'denied' | 'notGranted';

export interface ApiAccess {
  api: ImsApi;
  decision: ApiDecision;
  /** Actions of the API that are denied or not granted. */
  missing: string[];
  /** The statements that decided: the Deny that applies, or the Allows. */
  decidedBy: StatementRef[];
  /** Policies granted on an enterprise project that would allow a missing action there, if it could. */
  enterpriseOnly: Array<{ name: string; via: string; enterpriseProjectId: string }>;
}

function source(p: GrantedPolicy): PolicySource | undefined {
  const text = typeof p.policy === 'string' ? p.policy : JSON.stringify(p.policy);
  const model = parseJson(text).policy;
  return model ? { uri: p.uri, model } : undefined;
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

/** Each API's verdict for the identity; 5.0 policies are judged in 5.0's actions (core/policy/apiActions.ts). */
/**
 * What is known of one call of an API (an image's tags and URN, the tags the call sets, the caller), for
 * predictions on one image: Conditions are then evaluated, not only "may apply" (core/policy/conditions.ts).
 */
export interface CallContext {
  context?: RequestContext;
  resourceOf?: (action: string) => string | null | undefined;
}

export function effectivePermissions(
  facts: AccessFacts,
  apis: readonly ImsApi[] = IMS_APIS,
  model: Iam5Model = SNAPSHOT_MODEL,
  on?: (api: ImsApi) => CallContext,
): ApiAccess[] {
  const parsed = new Map<GrantedPolicy, PolicySource | undefined>();
  const sourceOf = (p: GrantedPolicy) => {
    if (!parsed.has(p)) parsed.set(p, source(p));
    return parsed.get(p);
  };
  const attached = facts.attached.map((a) => sourceOf(a.policy)).filter((s): s is PolicySource => s !== undefined);
  return apis.map((api) => {
    if (facts.administrator) return { api, decision: 'allowed', missing: [], decidedBy: [], enterpriseOnly: [] };
    const sources = [
      ...facts.grants.filter((g) => covers(g.scope, g.policy, api, facts.projectId)).map((g) => sourceOf(g.policy)),
      ...attached,
    ].filter((s): s is PolicySource => s !== undefined);
    const call = on?.(api);
    const verdicts = evaluateApiActions(api, sources, model, call?.resourceOf, call?.context);
    // Conditions are not known here: an Allow under a Condition counts, as IAM would when it holds.
    const missing = verdicts.filter((v) => v.decision === 'denied' || v.decision === 'notGranted').map((v) => v.action);
    const denied = verdicts.find((v) => v.decision === 'denied');
    const decision: ApiDecision = denied ? 'denied' : missing.length ? 'notGranted' : 'allowed';
    const decidedBy = denied ? denied.deniedBy : decision === 'allowed' ? verdicts.flatMap((v) => v.allowedBy) : [];
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
    return { api, decision, missing, decidedBy, enterpriseOnly };
  });
}
