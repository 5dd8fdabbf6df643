/**
 * Evaluates actions against policies the way IAM does (docs/sources.md §C.1): a matching Deny wins over
 * any Allow; with no matching Allow the action is not granted. A statement with a Condition only
 * "may" apply, and verdicts say so rather than guess.
 */
import { getNodeValue } from 'jsonc-parser';
import { globMatches } from '../util/glob';
import { conditionKeys, contextValues, evaluateCondition, type ConditionOutcome, type RequestContext } from './conditions';
import { patternMatches } from './actionPattern';
import { isConditional, type PolicyModel, type PolicyStatement } from './policyDocument';

export interface PolicySource {
  /** Where the policy lives (a document URI), for messages. */
  uri: string;
  model: PolicyModel;
  /** Line and character of an offset in the policy's text, for links from other documents. */
  positionAt?: (offset: number) => { line: number; character: number };
  /** The policy's text, for edits that keep its layout. */
  text?: string;
  /** A name for messages when the URI does not say it (a Terraform resource address). */
  label?: string;
}

export interface StatementRef {
  source: PolicySource;
  statement: PolicyStatement;
  /** It has a Condition that was not decided (no request context, a value not known, or not evaluable). */
  conditional: boolean;
  /** What its Condition came to, when a request context was given. */
  condition?: ConditionOutcome;
}

export type Decision = 'allowed' | 'conditionallyAllowed' | 'denied' | 'notGranted';

export interface Verdict {
  action: string;
  decision: Decision;
  allowedBy: StatementRef[];
  deniedBy: StatementRef[];
  /** Denies that only may apply (they have a Condition); they do not change the decision. */
  mayBeDeniedBy: StatementRef[];
  /** Statements whose Condition did not hold for the request (with a context): why they did not apply. */
  unmet: StatementRef[];
}

/** Whether a statement's Action / NotAction covers the action (ignoring its Effect). */
export function statementMatches(st: PolicyStatement, action: string): boolean {
  // Within an evaluation cache (who-can judges the same statements for every user and image), memoized
  // per statement; a statement asked of many actions stops remembering them past a bound.
  const memo = cache?.matches(st);
  const known = memo?.get(action);
  if (known !== undefined) return known;
  const hit = !st.actionKey ? false : st.actions.some((a) => patternMatches(a.value, action)) === (st.actionKey === 'Action');
  if (memo && memo.size < MEMO_LIMIT) memo.set(action, hit);
  return hit;
}
const MEMO_LIMIT = 512;
/** Entries an evaluation cache keeps in all before it starts again (tens of MB at most). */
const CACHE_LIMIT = 100_000;

interface ConditionMemo {
  value: unknown;
  keys: string[];
  outcomes: Map<string, ConditionOutcome>;
}

/**
 * What an evaluation remembers while it lasts: statements' matches, Conditions' outcomes by the values of
 * their keys, each policy's answer by action, resource and those values. Only within one synchronous
 * run (withEvaluationCache): a document's parse is patched in place as it is edited, so nothing outlives
 * the run. Bounded: past CACHE_LIMIT entries, it forgets everything and starts again.
 */
export class EvaluationCache {
  private matchMemo = new WeakMap<PolicyStatement, Map<string, boolean>>();
  private conditions = new WeakMap<PolicyStatement, ConditionMemo>();
  private partsMemo = new WeakMap<PolicySource, Map<string, Part>>();
  policyKeys = new WeakMap<PolicySource, string[]>();
  resourceClasses = new WeakMap<PolicySource, 'any' | 'prefix' | 'exact'>();
  valuesKeys = new WeakMap<RequestContext, WeakMap<PolicySource, string>>();
  private kept = 0;

  matches(st: PolicyStatement): Map<string, boolean> {
    let m = this.matchMemo.get(st);
    if (!m) this.matchMemo.set(st, (m = new Map()));
    return m;
  }
  condition(st: PolicyStatement): ConditionMemo {
    let memo = this.conditions.get(st);
    if (!memo) {
      const value: unknown = getNodeValue(st.conditionNode!);
      this.conditions.set(st, (memo = { value, keys: conditionKeys(value), outcomes: new Map() }));
    }
    return memo;
  }
  parts(source: PolicySource): Map<string, Part> {
    let m = this.partsMemo.get(source);
    if (!m) this.partsMemo.set(source, (m = new Map()));
    return m;
  }
  count(): void {
    if (++this.kept <= CACHE_LIMIT) return;
    this.kept = 0;
    this.conditions = new WeakMap();
    this.partsMemo = new WeakMap();
  }
}
let cache: EvaluationCache | undefined;

/**
 * Runs `f` with an evaluation cache (nested runs share the outer one); `f` must be synchronous. `use`: a
 * cache to carry over several runs, for work done in slices (nothing it judges may change in between).
 */
export function withEvaluationCache<T>(f: () => T, use?: EvaluationCache): T {
  if (cache) return f();
  cache = use ?? new EvaluationCache();
  try {
    return f();
  } finally {
    cache = undefined;
  }
}

/**
 * Whether a statement's Resource / NotResource covers the resource a request acts on: `resource` is its
 * URN, `null` for an action without a resource type (only `*` covers it), undefined when it is not known
 * (the statement is taken to apply: verdicts without a resource judge actions only).
 */
export function statementCovers(st: PolicyStatement, resource: string | null | undefined): boolean {
  if (resource === undefined || !st.resourceKey) return true;
  const hit = st.resources.some((r) => r.value === '*' || (resource !== null && globMatches(r.value, resource)));
  return st.resourceKey === 'Resource' ? hit : !hit;
}

/**
 * A statement's Condition against the context. An outcome depends only on the context's values of the
 * keys the Condition names, so within an evaluation cache it is kept per statement by those values.
 */
function conditionOf(st: PolicyStatement, context: RequestContext): ConditionOutcome {
  if (!cache) return evaluateCondition(getNodeValue(st.conditionNode!), context);
  const memo = cache.condition(st);
  const at = memo.keys.map((k) => JSON.stringify(contextValues(k, context) ?? '?')).join('\u0000');
  let o = memo.outcomes.get(at);
  if (!o) {
    o = evaluateCondition(memo.value, context);
    cache.count();
    memo.outcomes.set(at, o);
  }
  return o;
}

/**
 * The verdict on one action. Without a request `context`, a statement with a Condition only "may" apply;
 * with one, its Condition is evaluated (conditions.ts): one that holds applies, one that fails does not
 * (kept in `unmet`, for explanations), one that depends on values the context does not know, or cannot be
 * evaluated, still may apply, and a Deny that may apply is never taken for one that does not.
 */
export function evaluateAction(
  action: string,
  sources: readonly PolicySource[],
  resource?: string | null,
  context?: RequestContext,
): Verdict {
  const allowedBy: StatementRef[] = [];
  const deniedBy: StatementRef[] = [];
  const mayBeDeniedBy: StatementRef[] = [];
  const unmet: StatementRef[] = [];
  for (const source of sources) {
    const part = judgeSource(source, action, resource, context);
    allowedBy.push(...part.allowedBy);
    deniedBy.push(...part.deniedBy);
    mayBeDeniedBy.push(...part.mayBeDeniedBy);
    unmet.push(...part.unmet);
  }
  let decision: Decision = 'notGranted';
  if (deniedBy.length > 0) decision = 'denied';
  else if (allowedBy.some((r) => !r.conditional)) decision = 'allowed';
  else if (allowedBy.length > 0) decision = 'conditionallyAllowed';
  return { action, decision, allowedBy, deniedBy, mayBeDeniedBy, unmet };
}

type Part = Pick<Verdict, 'allowedBy' | 'deniedBy' | 'mayBeDeniedBy' | 'unmet'>;

/** The keys all Conditions of a policy name: what its statements' outcomes depend on. */
function keysOf(source: PolicySource): string[] {
  const policyKeys = cache!.policyKeys;
  let keys = policyKeys.get(source);
  if (!keys) {
    const all = new Set<string>();
    for (const st of source.model.statements)
      if (st.conditionNode) for (const k of conditionKeys(getNodeValue(st.conditionNode))) all.add(k);
    policyKeys.set(source, (keys = [...all]));
  }
  return keys;
}

/**
 * What of a resource's URN a policy's Resource / NotResource can tell apart, for the memo: nothing when
 * every value is `*` (or there is none); the URN up to its last `:` when every value is `*` or ends in
 * `:*` (a trailing `*` takes the id whole, and every other way to match ends at a `:` before it, so the
 * id never decides); else the whole URN. Images of one account then share their judgements.
 */
function resourceKey(source: PolicySource, resource: string | null | undefined): string {
  if (typeof resource !== 'string') return String(resource);
  const resourceClasses = cache!.resourceClasses;
  let c = resourceClasses.get(source);
  if (!c) {
    const values = source.model.statements.flatMap((st) => (st.resourceKey ? st.resources.map((r) => r.value) : []));
    c = values.every((v) => v === '*') ? 'any' : values.every((v) => v === '*' || v.endsWith(':*')) ? 'prefix' : 'exact';
    resourceClasses.set(source, c);
  }
  return c === 'any' ? 'urn' : c === 'prefix' ? `urn ${resource.slice(0, resource.lastIndexOf(':'))}` : resource;
}

/** The context's values of the keys a policy's Conditions name, as one string (once per policy and context). */
function valuesKey(source: PolicySource, context: RequestContext): string {
  const valuesKeys = cache!.valuesKeys;
  let bySource = valuesKeys.get(context);
  if (!bySource) valuesKeys.set(context, (bySource = new WeakMap()));
  let key = bySource.get(source);
  if (key === undefined) {
    key = keysOf(source)
      .map((k) => JSON.stringify(contextValues(k, context) ?? '?'))
      .join('\u0000');
    bySource.set(source, key);
  }
  return key;
}

/**
 * What one policy says of one action on one resource. Within an evaluation cache, kept per policy by the
 * action, the resource and the context's values of the keys its Conditions name: a policy many users share
 * (a group's) is judged once per image, not once per user.
 */
function judgeSource(source: PolicySource, action: string, resource: string | null | undefined, context?: RequestContext): Part {
  const memo = cache?.parts(source);
  const key = memo ? `${action}\u0000${resourceKey(source, resource)}\u0000${context ? valuesKey(source, context) : '-'}` : '';
  const known = memo?.get(key);
  if (known) return known;
  const part: Part = { allowedBy: [], deniedBy: [], mayBeDeniedBy: [], unmet: [] };
  for (const statement of source.model.statements) {
    if (!statementMatches(statement, action) || !statementCovers(statement, resource)) continue;
    let conditional = isConditional(statement);
    let condition: ConditionOutcome | undefined;
    if (conditional && context) {
      condition = conditionOf(statement, context);
      conditional = condition.result !== 'holds';
    }
    const ref: StatementRef = condition ? { source, statement, conditional, condition } : { source, statement, conditional };
    if (condition?.result === 'fails') part.unmet.push(ref);
    else if (statement.effect === 'Deny') (conditional ? part.mayBeDeniedBy : part.deniedBy).push(ref);
    else if (statement.effect === 'Allow') part.allowedBy.push(ref);
  }
  if (memo) {
    cache!.count();
    memo.set(key, part);
  }
  return part;
}
