/**
 * The actions an API needs depend on the model of the policy that judges it (docs/architecture.md, "Two
 * models"): a 1.0 or 1.1 policy speaks the catalogue's actions (`ims:images:update` for a tag write); a
 * 5.0 policy speaks IAM 5.0's, from the authorization schema's `operations` (`ims:images:setTags`, with
 * its dependent actions). Policies of both kinds are judged each in its own words, and an explicit Deny in
 * either wins.
 */
import { SNAPSHOT_MODEL, type Iam5Model } from '../catalogue/iam5/model';
import type { ImsApi } from '../catalogue';
import type { RequestContext } from './conditions';
import { INDEX_FROM } from './actionIndex';
import { evaluateAction, type PolicySource, type Verdict } from './evaluator';

export type ModelFamily = 'iam5' | 'classic';

export function familyOf(source: PolicySource): ModelFamily {
  return source.model.version === '5.0' ? 'iam5' : 'classic';
}

/** The actions an API needs under a model: 5.0's operation (when the schema lists the API), else the catalogue's. */
export function actionsFor(api: ImsApi, family: ModelFamily, model: Iam5Model = SNAPSHOT_MODEL): string[] {
  if (family !== 'iam5') return api.actions;
  // Asked for every API of every user by who-can: read from the model once.
  let byApi = actionsCache.get(model);
  if (!byApi) actionsCache.set(model, (byApi = new Map()));
  let actions = byApi.get(api.id);
  if (!actions) {
    const op = model.operation(api.id);
    byApi.set(api.id, (actions = op ? [...new Set([op.action, ...op.dependents])] : api.actions));
  }
  return actions;
}
const actionsCache = new WeakMap<Iam5Model, Map<string, string[]>>();

/**
 * The policies of each kind, kept per long list: the same lists come back for every API and action judged
 * against the same policies, so the evaluator's index of each (actionIndex.ts) is built once.
 */
function families(sources: readonly PolicySource[]): Map<ModelFamily, PolicySource[]> {
  const known = familiesCache.get(sources);
  if (known && known.length === sources.length) return known.byFamily;
  const byFamily = new Map<ModelFamily, PolicySource[]>();
  for (const s of sources) {
    const f = familyOf(s);
    const list = byFamily.get(f);
    if (list) list.push(s);
    else byFamily.set(f, [s]);
  }
  // Kept for the long lists only (those the evaluator indexes): a WeakMap entry for each user's short list
  // made who-can slower (bench/abac-results.md). Which lists are kept decides speed only.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ObjectLiteral: kept or not, the lists are the same
  if (sources.length >= INDEX_FROM) familiesCache.set(sources, { length: sources.length, byFamily });
  return byFamily;
}
const familiesCache = new WeakMap<readonly PolicySource[], { length: number; byFamily: Map<ModelFamily, PolicySource[]> }>();

/**
 * One verdict per needed action, each model judging its own policies. With policies of one kind, its
 * verdicts; with both, the verdicts of the kind that allows the API (or, when none does, of the kind that
 * misses the fewest actions), plus any Deny of the other kind, since a Deny anywhere wins.
 */
export function evaluateApiActions(
  api: ImsApi,
  sources: readonly PolicySource[],
  model: Iam5Model = SNAPSHOT_MODEL,
  /** 5.0 only: the URN each action acts on (`null`: an action without a resource type), when the request is known. */
  resourceOf?: (action: string) => string | null | undefined,
  /** What is known of the request, for Conditions (conditions.ts); without it they only "may" apply. */
  context?: RequestContext,
  /**
   * Verdicts already judged with these same sources, by action, resource and `contextId` (the caller's
   * name for the context): APIs that need the same action are judged once (core/access/effective.ts).
   */
  memo?: Map<string, Verdict>,
  contextId = 0,
): Verdict[] {
  const judge = (a: string, list: readonly PolicySource[], family: ModelFamily): Verdict => {
    const resource = family === 'iam5' ? resourceOf?.(a) : undefined;
    if (!memo) return evaluateAction(a, list, resource, context);
    const key = `${family}\u0000${a}\u0000${resource}\u0000${contextId}`;
    let v = memo.get(key);
    if (!v) memo.set(key, (v = evaluateAction(a, list, resource, context)));
    return v;
  };
  const byFamily = families(sources);
  if (byFamily.size === 0) return api.actions.map((a) => evaluateAction(a, []));
  const judged = [...byFamily].map(([family, list]) => actionsFor(api, family, model).map((a) => judge(a, list, family)));
  if (judged.length === 1) return judged[0];
  // A grant that may apply (its Condition undecided) counts as a grant here, as it does in every verdict.
  const missing = (vs: Verdict[]) => vs.filter((v) => v.decision === 'notGranted' || v.decision === 'denied').length;
  // On a tie, the kind whose statements speak of the actions at all (an Allow whose Condition did not
  // hold is the better explanation than a policy of the other kind that never names them).
  const spoken = (vs: Verdict[]) => vs.filter((v) => v.allowedBy.length + v.deniedBy.length + v.unmet.length > 0).length;
  const best = [...judged].sort((x, y) => missing(x) - missing(y) || spoken(y) - spoken(x))[0];
  const deniedElsewhere = judged.filter((vs) => vs !== best).flatMap((vs) => vs.filter((v) => v.decision === 'denied'));
  return [...best, ...deniedElsewhere];
}
