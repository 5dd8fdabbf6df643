/**
 * IAM action strings and wildcard patterns: `service:resourceType:operation`. The service name is
 * lower-case and compared exactly; resourceType and operation are case-insensitive; `*` matches any
 * run of characters (ims-facts.md §B, §C.1).
 */
import { IMS_ACTIONS } from '../catalogue/actions';
import type { ImsAction } from '../catalogue/types';
import { sameAction } from './actionName';

export { normalizeAction, sameAction } from './actionName';

export type ActionProblem =
  | { kind: 'segments'; count: number }
  | { kind: 'emptySegment' }
  | { kind: 'upperCaseService' }
  | { kind: 'badCharacters'; chars: string };

/** Characters seen in real actions: letters, digits, `*`, and the odd `-`, `_` or `.`. */
function isSegmentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 42 || c === 95 || c === 46 || c === 45;
}

/**
 * The grammar problem of an action string, or undefined when it is well-formed. Besides
 * `service:resourceType:operation` with `*` anywhere, two short forms match whole services or
 * everything: `service:*` and `*` (the 5.0 "allow all" example, tf-identityv5-policy-allow-all-5.0).
 * One pass over the characters, allocating nothing for a good action: a large policy checks thousands.
 */
export function actionProblem(action: string): ActionProblem | undefined {
  if (action === '*') return undefined;
  let colons = 0;
  let firstColon = -1;
  let emptySegment = false;
  let segmentStart = 0;
  let bad = '';
  let upperService = false;
  let otherService = false;
  for (let i = 0; i < action.length; i++) {
    const c = action.charCodeAt(i);
    if (colons === 0) {
      if (c >= 65 && c <= 90) upperService = true;
      else if (c > 127) otherService = true;
    }
    if (c === 58) {
      if (i === segmentStart) emptySegment = true;
      if (colons++ === 0) firstColon = i;
      segmentStart = i + 1;
    } else if (!isSegmentChar(c) && !bad.includes(action[i])) bad += action[i];
  }
  if (segmentStart === action.length) emptySegment = true;
  const serviceWide = colons === 1 && firstColon > 0 && action.length === firstColon + 2 && action.endsWith('*');
  if (colons !== 2 && !serviceWide) return { kind: 'segments', count: colons + 1 };
  if (emptySegment) return { kind: 'emptySegment' };
  // Letters beyond ASCII have cases too (a rare slice, only then).
  const service = otherService ? action.slice(0, firstColon) : '';
  if (upperService || service !== service.toLowerCase()) return { kind: 'upperCaseService' };
  if (bad.length > 0) return { kind: 'badCharacters', chars: bad };
  return undefined;
}

export function isWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

function globToRegExp(glob: string, caseInsensitive: boolean): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

interface CompiledPattern {
  service: RegExp;
  rest: RegExp;
}

const compiled = new Map<string, CompiledPattern | null>();
const MATCH_ALL: CompiledPattern = { service: /^/, rest: /^/ };

function compile(pattern: string): CompiledPattern | null {
  let c = compiled.get(pattern);
  if (c === undefined) {
    const i = pattern.indexOf(':');
    c =
      pattern === '*'
        ? MATCH_ALL
        : i < 0
          ? null
          : {
              service: globToRegExp(pattern.slice(0, i), false),
              rest: globToRegExp(pattern.slice(i + 1), true),
            };
    if (compiled.size > 10_000) compiled.clear(); // bound the cache on pathological documents
    compiled.set(pattern, c);
  }
  return c;
}

/** Whether a policy action pattern matches a concrete action (or another pattern read literally). */
export function patternMatches(pattern: string, action: string): boolean {
  // Most patterns are plain actions: compare them without building (and caching) regular expressions,
  // which on a 1 MB policy of thousands of distinct actions cost both time and memory.
  if (!pattern.includes('*')) return sameAction(pattern, action);
  const c = compile(pattern);
  if (c === MATCH_ALL) return true;
  const i = action.indexOf(':');
  if (!c || i < 0) return pattern === action;
  return c.service.test(action.slice(0, i)) && c.rest.test(action.slice(i + 1));
}

/**
 * Whether every action `inner` can match is also matched by `outer`. Reading inner's `*` as a literal
 * character is sound here: outer's literal characters never match `*`, so only outer's own `*` can
 * absorb it, and then it absorbs whatever inner's `*` stands for.
 */
export function patternCovers(outer: string, inner: string): boolean {
  return patternMatches(outer, inner);
}

/** The catalogue actions a pattern matches (empty for other services). */
export function expandImsPattern(pattern: string): ImsAction[] {
  if (!pattern.startsWith('ims:') && !pattern.startsWith('*')) return [];
  return IMS_ACTIONS.filter((a) => patternMatches(pattern, a.name));
}
