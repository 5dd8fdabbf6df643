/**
 * Policies the extension writes for people ("Create policy", "Show the Permissions an Operation
 * Needs"): the actions asked for plus what they depend on (from the catalogue), so that what we
 * generate is clean under our own diagnostics.
 */
import { dependentActions } from '../catalogue';

export function withDependencies(actions: readonly string[]): string[] {
  return [...new Set(actions.flatMap((a) => [a, ...dependentActions(a)]))];
}

/** A Version 1.1 policy with one Allow statement for these actions and their dependencies. */
export function allowPolicy(actions: readonly string[]): {
  Version: '1.1';
  Statement: Array<{ Effect: 'Allow'; Action: string[] }>;
} {
  return { Version: '1.1', Statement: [{ Effect: 'Allow', Action: withDependencies(actions) }] };
}
