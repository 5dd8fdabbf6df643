/**
 * Edit distance (Levenshtein), used for "did you mean" suggestions. Bounded: a word longer than any
 * name worth suggesting gets none, candidates whose lengths differ by more than the limit are skipped
 * without work, and a row whose best cell is past the limit stops the comparison (Ukkonen's cutoff).
 */

/** Words longer than this get no suggestion: no action or variable name is this long. */
export const MAX_SUGGESTION_LENGTH = 128;

/** The distance between a and b, or `limit + 1` as soon as it is known to exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  // Stryker disable next-line ConditionalExpression: a shortcut: the table gives 0 for equal words too (bench/mutation/survivors.md)
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Stryker disable next-line EqualityOperator: a minimum: taking an equal cell changes nothing (bench/mutation/survivors.md)
      if (cur[j] < best) best = cur[j];
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidates (all those at the best distance), within a distance that scales with the word's length. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  if (word.length > MAX_SUGGESTION_LENGTH) return [];
  const limit = Math.max(2, Math.floor(word.length / 4));
  const lower = word.toLowerCase();
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    // Stryker disable next-line ConditionalExpression: a shortcut: editDistance answers limit + 1 for these too (bench/mutation/survivors.md)
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(lower, c.toLowerCase(), limit);
    if (d <= limit) scored.push([c, d]);
  }
  const best = Math.min(...scored.map(([, d]) => d));
  return scored
    .filter(([, d]) => d === best)
    .sort((x, y) => x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([c]) => c);
}
