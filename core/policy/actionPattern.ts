/**
 * IAM action strings and wildcard patterns: `service:resourceType:operation`. The service name is
 * lower-case and compared exactly; resourceType and operation are case-insensitive; `*` matches any
 * run of characters (docs/sources.md §B, §C.1).
 */
import { IMS_ACTIONS } from '../catalogue/actions';
import type { ImsAction } from '../catalogue/types';
import { patternMatches } from '../catalogue/actionNames';

export { normalizeAction, patternMatches, sameAction } from '../catalogue/actionNames';

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
