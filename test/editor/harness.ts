/**
 * A tiny test harness for the extension host (no framework to load there): tests run one at a time, each
 * prints `ok - name` or `not ok - name`, and the run ends with the plain closing line
 * `N passed, N failed`. A failure makes `run()` reject, which the runners turn into a non-zero exit.
 */
import { randomInt, seededRandom } from '../../core/util/random';

export type Test = { name: string; fn: () => Promise<void> | void };
const TEST_TIMEOUT_MS = 60_000;
const tests: Test[] = [];

export function test(name: string, fn: () => Promise<void> | void): void {
  tests.push({ name, fn });
}

/**
 * Which tests run, and in what order, from the environment the runner sets (scripts/test-in-editor.mjs):
 * IMS_ITEST_TEST keeps the tests whose name contains it (one test alone, in a fresh editor); IMS_ITEST_SHUFFLE
 * (a seed) runs them in a seeded random order across files, so that a test needing another to run first
 * shows itself, and the order of a failing run can be replayed; IMS_ITEST_LIST prints the names and runs none.
 */
export function selectTests(
  all: readonly Test[],
  env: { test?: string; shuffle?: string } = { test: process.env.IMS_ITEST_TEST, shuffle: process.env.IMS_ITEST_SHUFFLE },
): Test[] {
  // A whole name picks that test even when it is part of another's name; otherwise every name containing it.
  const exact = all.filter((t) => t.name === env.test);
  const chosen = !env.test ? [...all] : exact.length > 0 ? exact : all.filter((t) => t.name.includes(env.test!));
  if (env.shuffle) {
    const random = seededRandom(Number(env.shuffle) >>> 0);
    for (let i = chosen.length - 1; i > 0; i--) {
      const j = randomInt(random, i + 1);
      [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
    }
  }
  return chosen;
}

export async function runAll(log: (line: string) => void = (l) => console.log(l)): Promise<void> {
  const chosen = selectTests(tests);
  if (process.env.IMS_ITEST_LIST) {
    // One line a test, for the runner's --each: it then runs every test alone.
    for (const t of chosen) log(`test: ${t.name}`);
    log(`in-editor: 0 passed, 0 failed`);
    return;
  }
  // A name that matches nothing is a mistake in the command, not a green run.
  if (chosen.length === 0) throw new Error(`no in-editor test's name contains "${process.env.IMS_ITEST_TEST}"`);
  if (process.env.IMS_ITEST_SHUFFLE) log(`order: shuffled with seed ${process.env.IMS_ITEST_SHUFFLE}`);
  let passed = 0;
  let failed = 0;
  for (const t of chosen) {
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

/**
 * Polls `probe` until it returns a value (not undefined) or the deadline passes: never a blind sleep. On
 * timeout, `explain` adds what was there instead (a rare failure must carry its evidence).
 */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
  explain?: () => string,
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
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}${explain ? `; instead: ${explain()}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
