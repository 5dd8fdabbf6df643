/**
 * A tiny test harness for the extension host (no framework to load there): tests run in order, each
 * prints `ok - name` or `not ok - name`, and the run ends with the plain closing line
 * `N passed, N failed`. A failure makes `run()` reject, which the runners turn into a non-zero exit.
 */
type Test = { name: string; fn: () => Promise<void> | void };
const TEST_TIMEOUT_MS = 60_000;
const tests: Test[] = [];

export function test(name: string, fn: () => Promise<void> | void): void {
  tests.push({ name, fn });
}

export async function runAll(log: (line: string) => void = (l) => console.log(l)): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      // A test that hangs fails alone, by name, instead of stalling the whole run.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.resolve(t.fn()),
        new Promise((_r, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      passed++;
      log(`ok - ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      log(`not ok - ${t.name}\n  ${e instanceof Error ? (e.stack ?? e.message).replace(/\n/g, '\n  ') : String(e)}`);
    }
  }
  log(`in-editor: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} in-editor test(s) failed`);
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes: never a blind sleep. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
