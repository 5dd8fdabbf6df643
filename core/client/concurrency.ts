/** Bounded concurrency for work over many images: at most `limit` calls at once, every outcome kept. */

export type Outcome<T, R> = { item: T; ok: true; value: R } | { item: T; ok: false; error: unknown };

export const DEFAULT_CONCURRENCY = 8;

export async function mapLimit<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
  options: { limit?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Array<Outcome<T, R>>> {
  const limit = Math.max(1, options.limit ?? DEFAULT_CONCURRENCY);
  const results: Array<Outcome<T, R>> = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      if (options.signal?.aborted) {
        results[i] = { item, ok: false, error: options.signal.reason ?? new Error('cancelled') };
      } else {
        try {
          results[i] = { item, ok: true, value: await fn(item, i) };
        } catch (error) {
          results[i] = { item, ok: false, error };
        }
      }
      options.onProgress?.(++done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
