/**
 * Evaluates actions against policies the way IAM does (docs/sources.md §C.1): a matching Deny wins over
 * any Allow; with no matching Allow the action is not granted. A statement with a Condition only
 * "may" apply, and verdicts say so rather than guess.
 */
import { getNodeValue } from 'jsonc-parser';
import { globMatches } from '../util/glob';
import { evaluateCondition, type ConditionOutcome, type RequestContext } from './conditions';
import { candidatesFor } from './actionIndex';
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
  if (!st.actionKey) return false;
  return st.actions.some((a) => patternMatches(a.value, action)) === (st.actionKey === 'Action');
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
  const found: Part = { allowedBy: [], deniedBy: [], mayBeDeniedBy: [], unmet: [] };
  const candidates = candidatesFor(sources, action);
  // The index only narrows the statements tried: a full scan gives the same verdicts (actionIndex.ts).
  if (candidates) for (const c of candidates) judgeStatement(c.source, c.statement, action, resource, context, found);
  else
    for (const source of sources)
      for (const statement of source.model.statements) judgeStatement(source, statement, action, resource, context, found);
  const { allowedBy, deniedBy, mayBeDeniedBy, unmet } = found;
  let decision: Decision = 'notGranted';
  if (deniedBy.length > 0) decision = 'denied';
  else if (allowedBy.some((r) => !r.conditional)) decision = 'allowed';
  else if (allowedBy.length > 0) decision = 'conditionallyAllowed';
  return { action, decision, allowedBy, deniedBy, mayBeDeniedBy, unmet };
}

type Part = Pick<Verdict, 'allowedBy' | 'deniedBy' | 'mayBeDeniedBy' | 'unmet'>;

/** What one statement says of one action on one resource, added to `found`. */
function judgeStatement(
  source: PolicySource,
  statement: PolicyStatement,
  action: string,
  resource: string | null | undefined,
  context: RequestContext | undefined,
  found: Part,
): void {
  if (!statementMatches(statement, action) || !statementCovers(statement, resource)) return;
  let conditional = isConditional(statement);
  let condition: ConditionOutcome | undefined;
  if (conditional && context) {
    condition = evaluateCondition(getNodeValue(statement.conditionNode!), context);
    conditional = condition.result !== 'holds';
  }
  const ref: StatementRef = condition ? { source, statement, conditional, condition } : { source, statement, conditional };
  if (condition?.result === 'fails') found.unmet.push(ref);
  else if (statement.effect === 'Deny') (conditional ? found.mayBeDeniedBy : found.deniedBy).push(ref);
  else if (statement.effect === 'Allow') found.allowedBy.push(ref);
}
