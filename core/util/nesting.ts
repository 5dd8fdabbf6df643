import { parseTree, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';
import { strictJsonTree } from './strictJson';

/**
 * How deeply a JSON (or HCL) text nests, found in one pass before anything recursive reads it.
 * jsonc-parser, ajv, our tree walkers and the Terraform extractor all recurse per level: a file nested
 * 100,000 deep overflows the stack and silently loses every feature for that file. Above the limit the
 * file gets one clear diagnostic instead.
 */

/** Nesting past this is refused: real policies and env files nest fewer than 10 levels. */
export const MAX_NESTING = 512;

/**
 * The offset of the first bracket that opens a level past `limit` (`{`, `[` and, for HCL, `(`), or
 * undefined when the text stays within it. Strings (`"…"` with escapes) and comments (`//`,
 * `/* … *\/`, and `#` when `hashComments`: HCL's, not JSON's) are skipped, so brackets inside them do
 * not count. Skipping `#` in JSON would hide `#[[[[…` from the scan while jsonc-parser reads every `[`.
 */
export function tooDeepAt(text: string, limit = MAX_NESTING, hashComments = false): number | undefined {
  let depth = 0;
  const n = text.length;
  // Not found is tested as -1, not `< 0`: an end found here is past i, never 0, so `<= 0` would be a
  // mutant no test tells apart.
  // Stryker disable next-line EqualityOperator: at i === n charCodeAt is NaN, which matches no branch (bench/mutation/survivors.md)
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Stryker disable next-line EqualityOperator: as above, NaN past the end ends nothing and counts nothing
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === 35 /* # */ && hashComments) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */ || c === 40 /* ( */) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93 || c === 41) {
      if (depth > 0) depth--;
    }
  }
  return undefined;
}

/**
 * jsonc-parser's tree of a JSON text, or, past `limit` levels, no tree and the offset where the text
 * went too deep. Every JSON parse of text from a workspace or a request goes through here, so the
 * guard is written once; the catch is the last line of defence should the scan and the parser ever
 * disagree about what nests.
 */
export function parseJsonTree(
  text: string,
  errors: ParseError[],
  options?: ParseOptions,
  limit = MAX_NESTING,
): { tree?: Node; tooDeep?: number } {
  const tooDeep = tooDeepAt(text, limit);
  if (tooDeep !== undefined) return { tooDeep };
  try {
    // Strict JSON, which nearly every policy is, has a faster reader of the same tree (strictJson.ts).
    return { tree: strictJsonTree(text) ?? parseTree(text, errors, options) };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { tooDeep: 0 };
  }
}
