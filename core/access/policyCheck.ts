/**
 * A policy check: one request sent as a chosen identity, its status against the verdict predicted from
 * IAM (effective.ts). A refusal is a 403; anything else got past authorization (a 404 for an image that
 * does not exist still means IAM allowed the call). A disagreement is a finding: a bug of ours, or of
 * the service (or emulator) that answered.
 */
import type { ApiDecision } from './effective';

export type CheckOutcome = 'agrees' | 'finding' | 'notSent';

export interface CheckRow {
  /** 1-based position of the request in the file. */
  index: number;
  line: number;
  api: string;
  request: string;
  predicted: ApiDecision;
  status?: number;
  outcome: CheckOutcome;
  finding?: FindingKind;
  /** Why it was not sent (variables without a value, cancelled, a network error). */
  note?: string;
}

/** Why a check is a finding: not signed in (401), refused though allowed, or let through though refused. */
export type FindingKind = 'unauthenticated' | 'refusedThoughAllowed' | 'passedThoughRefused';

export function judge(predicted: ApiDecision, status: number): { outcome: CheckOutcome; finding?: FindingKind } {
  if (status === 401) return { outcome: 'finding', finding: 'unauthenticated' };
  const refused = status === 403;
  if (predicted === 'allowed') return refused ? { outcome: 'finding', finding: 'refusedThoughAllowed' } : { outcome: 'agrees' };
  return refused ? { outcome: 'agrees' } : { outcome: 'finding', finding: 'passedThoughRefused' };
}

export function checkSummary(rows: readonly CheckRow[]): { agrees: number; findings: number; notSent: number } {
  const count = (o: CheckOutcome) => rows.filter((r) => r.outcome === o).length;
  return { agrees: count('agrees'), findings: count('finding'), notSent: count('notSent') };
}
