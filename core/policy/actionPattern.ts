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
const SEGMENT_CHARS = /^[A-Za-z0-9*_.-]*$/;

/**
 * The grammar problem of an action string, or undefined when it is well-formed. Besides
 * `service:resourceType:operation` with `*` anywhere, two short forms match whole services or
 * everything: `service:*` and `*` (the 5.0 "allow all" example, tf-identityv5-policy-allow-all-5.0).
 */
export function actionProblem(action: string): ActionProblem | undefined {
  if (action === '*') return undefined;
  const segments = action.split(':');
  if (segments.length === 2 && segments[1] === '*' && segments[0].length > 0) segments.push('*');
  if (segments.length !== 3) return { kind: 'segments', count: segments.length };
  if (segments.some((s) => s.length === 0)) return { kind: 'emptySegment' };
  if (segments[0] !== segments[0].toLowerCase()) return { kind: 'upperCaseService' };
  const bad = [
    ...new Set(
      segments
        .join('')
        .split('')
        .filter((c) => !SEGMENT_CHARS.test(c)),
    ),
  ];
  if (bad.length > 0) return { kind: 'badCharacters', chars: bad.join('') };
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
