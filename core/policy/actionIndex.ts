/**
 * Which statements of a list of policies can match an action, for a list judged again and again: the
 * workspace's policies, against every request of an open `.http` file after each edit (15,000 policies,
 * bench/workspaceScale.ts). A statement whose actions are all plain names is found by those names (their
 * `normalizeAction` key: two names that `sameAction` equates share it); one with a wildcard or a
 * `NotAction` is tried for every action; one without either matches nothing. The candidates are a
 * superset: the evaluator still matches each one, so the verdicts are those of a full scan, in the same
 * order (policy by policy, statement by statement).
 *
 * The index is built the second time a list of at least INDEX_FROM policies is judged: a list judged
 * once is scanned, since building the index costs about as much as one scan. It lives as long as the list (a WeakMap) and is built again if
 * the list grew.
 */
import { mergeSorted } from '../util/mergeSorted';
import { normalizeAction } from './actionPattern';
import type { PolicyStatement } from './policyDocument';
import type { PolicySource } from './evaluator';

export interface Candidate {
  source: PolicySource;
  statement: PolicyStatement;
  /** Its place in the list: policy by policy, statement by statement. */
  order: number;
}

interface ActionIndex {
  length: number;
  byAction: Map<string, Candidate[]>;
  always: Candidate[];
}

/**
 * Lists shorter than this are scanned: a user's own policies (who-can judges 1,000 users' lists of about
 * ten, each a few times) were slower through an index than scanned (bench/abac-results.md).
 */
export const INDEX_FROM = 100;

const judgedOnce = new WeakSet<readonly PolicySource[]>();
const indexes = new WeakMap<readonly PolicySource[], ActionIndex>();

function buildIndex(sources: readonly PolicySource[]): ActionIndex {
  const byAction = new Map<string, Candidate[]>();
  const always: Candidate[] = [];
  let order = 0;
  for (const source of sources)
    for (const statement of source.model.statements) {
      const candidate = { source, statement, order: order++ };
      // Without Action or NotAction it matches nothing (and has no names to be found by).
      if (!statement.actionKey) continue;
      if (statement.actionKey === 'NotAction' || statement.actions.some((a) => a.value.includes('*'))) {
        always.push(candidate);
        continue;
      }
      for (const a of statement.actions) {
        const key = normalizeAction(a.value);
        const list = byAction.get(key);
        // A statement naming the same action twice is one candidate.
        if (!list) byAction.set(key, [candidate]);
        else if (list[list.length - 1] !== candidate) list.push(candidate);
      }
    }
  return { length: sources.length, byAction, always };
}

/** The statements that can match `action`, in list order; undefined: scan the list (judged for the first time). */
export function candidatesFor(sources: readonly PolicySource[], action: string): readonly Candidate[] | undefined {
  // The threshold decides speed only: a list scanned or indexed gives the same verdicts.
  // Stryker disable next-line EqualityOperator: which lists are indexed decides speed only, never a verdict
  if (sources.length < INDEX_FROM) return undefined;
  let index = indexes.get(sources);
  if (!index || index.length !== sources.length) {
    if (!index && !judgedOnce.has(sources)) {
      judgedOnce.add(sources);
      return undefined;
    }
    indexes.set(sources, (index = buildIndex(sources)));
  }
  return mergeSorted(index.byAction.get(normalizeAction(action)) ?? [], index.always, (a, b) => a.order - b.order);
}
