/**
 * The one rule for comparing action names and patterns (docs/sources.md §B): the service is compared exactly,
 * the resource type and operation without regard to case, `*` matches any run of characters (a linear
 * glob, core/util/glob.ts). `normalizeAction` gives a key for sets and maps; `sameAction` compares two
 * names in place, allocating nothing, for hot loops. It sits in the catalogue, below the policy code that
 * uses it: core/catalogue imports nothing of core/policy (an ESLint rule).
 */
import { globMatches } from '../util/glob';

export function normalizeAction(action: string): string {
  const i = action.indexOf(':');
  if (i < 0) return action;
  // Most names are already in their key's form: return them as they are, allocating nothing. A fast path:
  // its forms that lower-case more often give the same key (bench/mutation/survivors.md, "Fast paths").
  // Stryker disable next-line ArithmeticOperator,EqualityOperator: scanning from before the colon or past the end finds the same letters
  for (let k = i + 1; k < action.length; k++) {
    const c = action.charCodeAt(k);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: lower-casing more (DEL, all ASCII, always) gives the same key
    if ((c >= 65 && c <= 90) || c > 127) return action.slice(0, i + 1) + action.slice(i + 1).toLowerCase();
  }
  return action;
}

export function sameAction(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const colon = a.indexOf(':');
  if (colon < 0) return a === b;
  for (let k = 0; k < a.length; k++) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x === y) continue;
    // The service and the colon itself are exact (`k < colon` answers the same: ':' is no letter below).
    // Stryker disable next-line EqualityOperator: at the colon the letter test below refuses as well
    if (k <= colon) return false;
    // ASCII letters differ by 32 between cases; anything else must be equal.
    if ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122) return false;
  }
  // Every character up to the colon was equal, so `b` has its colon in the same place.
  return true;
}

/**
 * Case-blind (resource type and operation) matching lower-cases both sides once: `toLowerCase` returns
 * the same string when nothing changes, so plain lower-case actions allocate nothing.
 */
function restMatches(pattern: string, rest: string): boolean {
  return globMatches(pattern.toLowerCase(), rest.toLowerCase());
}

/** Whether a policy action pattern matches a concrete action (or another pattern read literally). */
export function patternMatches(pattern: string, action: string): boolean {
  // Most patterns are plain actions: compared in place, allocating nothing (a fast path: without it the
  // glob below gives the same answer).
  // Stryker disable next-line ConditionalExpression,StringLiteral: the glob path answers plain patterns the same
  if (!pattern.includes('*')) return sameAction(pattern, action);
  if (pattern === '*') return true;
  const p = pattern.indexOf(':');
  const i = action.indexOf(':');
  if (p < 0 || i < 0) return pattern === action;
  return globMatches(pattern.slice(0, p), action.slice(0, i)) && restMatches(pattern.slice(p + 1), action.slice(i + 1));
}
