/**
 * Two lists each sorted by `compare`, as one sorted list; on a tie the item of `first` comes first, as a
 * stable sort of `first` followed by `second` would have it. A list merged with an empty one is returned
 * as it is, not copied (the evaluator merges on every action it judges): callers never change the result.
 */
export function mergeSorted<T>(first: readonly T[], second: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  if (second.length === 0) return first;
  if (first.length === 0) return second;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) out.push(compare(second[j], first[i]) < 0 ? second[j++] : first[i++]);
  while (i < first.length) out.push(first[i++]);
  while (j < second.length) out.push(second[j++]);
  return out;
}
