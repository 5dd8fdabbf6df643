// @ts-check
/**
 * A StrykerJS test runner for the project's node:test suites that runs them inside its worker process,
 * instead of a new Node process for every suite and every mutant (the tap runner's way: about 0.35 s of
 * start-up and module loading each time, most of the cost of a mutant on two cores).
 *
 * What keeps it as exact as one process a suite:
 * - coverage is taken a test (not a suite), so a mutant runs only the tests that reach it;
 * - each mutant runs on freshly loaded modules: the compiled tree (out/) is dropped from the module cache
 *   before its first suite, so no cache, counter or registry of one mutant reaches the next; the dry run
 *   loads them anew for every suite (for every suite's coverage of what runs at load time), and checks
 *   that the suites also pass on modules loaded once, and each test without the ones before it (a suite
 *   whose tests depend on each other is run whole);
 * - the mutant is switched on before the modules load, so mutants in code that runs at load time count;
 * - `before` hooks, then the tests in order, then `after` hooks (also after a failure, so servers close);
 *   an uncaught exception or unhandled rejection while a suite runs fails that suite, as node:test does.
 * The suites use `test`, `before` and `after` of node:test, no more; anything else fails loudly here. A
 * test gets a context with node:test's `mock` (reset after each test, as node:test does) and its name.
 * Stryker's timeout ends a worker that hangs, and maxTestRunnerReuse bounds what a leak could build up.
 *
 * What makes a mutant's run cheaper than the dry run: instrumented code is two to three times slower than
 * the plain build on these suites (each expression asks whether its mutant is on, and counts its coverage
 * under the test that runs). A mutant can only change its own file, so its run loads that file instrumented
 * (with the coverage counting switched off) and every other file of core/ from a plain build of the same
 * sources, which behaves as the instrumented code does with no mutant on. `npm run mutation` makes the plain
 * build (scripts/mutation.mjs) and names it in STRYKER_PLAIN_OUT; without it every file loads instrumented.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { relative, resolve, sep } from 'node:path';
import { commonTokens, declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { determineHitLimitReached, DryRunStatus, TestStatus, toMutantRunResult } from '@stryker-mutator/api/test-runner';

const NAMESPACE = '__stryker__';
// As the tap runner does for its processes: the suites read it to know they run under mutation
// (test/support/mutation.ts).
process.env.STRYKER_NAMESPACE = NAMESPACE;

/** @typedef {{ name: string, fn: (context: object) => unknown, skip: boolean }} Case */
/** @typedef {{ tests: Case[], before: Array<() => unknown>, after: Array<() => unknown> }} Suite */

/** @type {Suite | undefined} The suite whose file is loading: node:test's functions register into it. */
let loading;

/** The part of node:test the suites use, registering instead of running. */
const nodeTest = {
  /** @param {string} name @param {unknown[]} rest */
  test(name, ...rest) {
    const fn = /** @type {(context: object) => unknown} */ (rest.find((r) => typeof r === 'function'));
    const options = /** @type {{ skip?: unknown, todo?: unknown } | undefined} */ (rest.find((r) => typeof r === 'object' && r));
    if (!loading) throw new Error(`test("${name}") outside a suite's loading: not supported by scripts/stryker-node-test.mjs`);
    loading.tests.push({ name, fn, skip: Boolean(options?.skip || options?.todo) });
  },
  /** @param {() => unknown} fn */
  before(fn) {
    loading?.before.push(fn);
  },
  /** @param {() => unknown} fn */
  after(fn) {
    loading?.after.push(fn);
  },
};
const unsupported = new Proxy(nodeTest, {
  get(target, key) {
    if (key === 'default') return target;
    if (typeof key === 'symbol' || key === '__esModule' || key === 'then') return undefined;
    if (key in target) return Reflect.get(target, key);
    throw new Error(`node:test's "${key}" is not supported by scripts/stryker-node-test.mjs: add it there`);
  },
});

/**
 * Where a mutant's run takes the compiled core/ from: `instrumented` is the compiled file of the mutant's
 * source (undefined in the dry run: everything instrumented, for coverage); `plain` the plain build's out/.
 * @type {{ out: string, plain?: string, instrumented?: string }}
 */
const routing = { out: '' };

/**
 * The file a module of out/core/ is taken from: the mutant's own file from the instrumented build, any
 * other from the plain one, both ways (a plain module's relative import of the mutant's file leads back).
 * Every route of one file ends at one path, so no module is loaded twice under two names.
 * @param {string} file
 */
function route(file) {
  const { out, plain, instrumented } = routing;
  if (!plain || !instrumented) return file;
  const inOut = file.startsWith(out);
  if (!inOut && !file.startsWith(plain)) return file;
  const rel = file.slice((inOut ? out : plain).length);
  if (!rel.startsWith(`core${sep}`)) return file;
  return out + rel === instrumented ? instrumented : plain + rel;
}

// @ts-expect-error Module._resolveFilename is Node's internal resolver, the one hook for where a require leads.
const resolveFilename = Module._resolveFilename;
// @ts-expect-error as above
Module._resolveFilename = function (/** @type {unknown[]} */ ...args) {
  return route(resolveFilename.apply(this, args));
};

// @ts-expect-error Module.prototype._compile is Node's internal compiler, the one hook for a module's text.
const compile = Module.prototype._compile;
// @ts-expect-error as above
Module.prototype._compile = function (
  /** @type {string} */ content,
  /** @type {string} */ filename,
  /** @type {unknown[]} */ ...rest
) {
  // The mutant's file in a mutant's run: its coverage is not read, so it is not counted (Stryker's header
  // defines `cover`, the counting helper; it returns at once instead).
  const text =
    filename === routing.instrumented && routing.plain
      ? content.replace('function cover() {', 'function cover() { return;')
      : content;
  return compile.call(this, text, filename, ...rest);
};

// @ts-expect-error Module._load is Node's internal loader, the one hook for replacing a built-in module.
const load = Module._load;
// @ts-expect-error as above
Module._load = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
  if (request === 'node:test') return unsupported;
  return load.call(this, request, ...rest);
};

/** node:test's own mock tracker, for the context a test gets (`t.mock.method`, `t.mock.timers`). */
const realMock = /** @type {typeof import('node:test')} */ (load.call(Module, 'node:test', null, false)).mock;

/** Errors thrown outside any test's promise while a suite runs (node:test fails the suite for them). */
/** @type {unknown[]} */
let stray = [];
process.on('uncaughtException', (e) => stray.push(e));
process.on('unhandledRejection', (e) => stray.push(e));

/** @param {unknown} e */
const message = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n').slice(0, 6).join('\n');

class NodeTestInProcessRunner {
  static inject = [commonTokens.options];

  /** @param {import('@stryker-mutator/api/core').StrykerOptions} options The suites are the tap runner's (stryker.config.mjs). */
  constructor(options) {
    /** @type {Map<string, Map<number, number>> | undefined} */
    this.times = undefined;
    this.files = /** @type {{ testFiles: string[] }} */ (options.tap).testFiles;
    // StrykerJS loads this module before it moves the worker into the sandbox: paths are taken here, in it.
    this.out = resolve('out') + sep;
    routing.out = this.out;
    this.timesFile = resolve('.stryker-node-test-times.json');
    const plain = process.env.STRYKER_PLAIN_OUT;
    if (plain) {
      if (!existsSync(resolve(plain, 'core')))
        throw new Error(`STRYKER_PLAIN_OUT=${plain} holds no compiled core/: build it first`);
      routing.plain = resolve(plain) + sep;
    }
    /** The project whose sources are mutated: a mutant names its file there (the sandbox is under it). */
    this.root = process.env.STRYKER_PROJECT_ROOT ?? resolve('../..');
  }

  capabilities() {
    return { reloadEnvironment: true };
  }

  /** @returns {Record<string, any>} */
  get ns() {
    const g = /** @type {Record<string, any>} */ (globalThis);
    return (g[NAMESPACE] ??= {});
  }

  /** Forgets every compiled module of the project, so the next require loads them anew. */
  forget() {
    for (const key of Object.keys(require.cache))
      if (key.startsWith(this.out) || (routing.plain && key.startsWith(routing.plain))) delete require.cache[key];
  }

  /**
   * Loads a suite (on modules loaded anew when `fresh`) and runs its tests (all, or the indexes in `only`), with its hooks.
   * Each test's coverage is what it reaches plus what loading the suite and its hooks reach (so a
   * mutant in code that runs at load time is covered by the tests of every suite that loads it).
   * @param {string} file
   * @param {{ only?: Set<number>, bail: boolean, coverage: boolean, fresh: boolean }} how
   */
  async runSuite(file, how) {
    const ns = this.ns;
    if (how.fresh) this.forget();
    ns.mutantCoverage = { static: {}, perTest: {} };
    delete ns.currentTestId;
    /** @type {Suite} */
    const suite = { tests: [], before: [], after: [] };
    stray = [];
    /** @type {Array<{ index: number, name: string, ms: number, failure?: string }>} */
    const results = [];
    /** @type {string[]} Failures outside any test: loading, hooks. */
    const outside = [];
    loading = suite;
    try {
      // A require of its own each time: a shared one would keep every loaded suite as one of its children.
      Module.createRequire(resolve('package.json'))(resolve(file));
    } catch (e) {
      outside.push(`loading ${file}: ${message(e)}`);
    } finally {
      loading = undefined;
    }
    if (outside.length === 0) {
      try {
        for (const hook of suite.before) await hook();
        for (const [index, t] of suite.tests.entries()) {
          if (t.skip || (how.only && !how.only.has(index))) continue;
          ns.currentTestId = testId(file, index, t.name);
          const started = performance.now();
          /** @type {string[]} */
          const failed = [];
          try {
            await t.fn({ name: t.name, mock: realMock, diagnostic() {} });
          } catch (e) {
            failed.push(message(e));
          } finally {
            // What a test mocked is put back after it, as node:test does for the mocks of a test's context.
            realMock.reset();
          }
          // A stray error is the suite's, as in node:test; it is named after the test that was running.
          while (stray.length) failed.push(message(stray.shift()));
          delete ns.currentTestId;
          results.push({
            index,
            name: t.name,
            ms: performance.now() - started,
            // An error may have an empty message: a failure is never an empty text.
            failure: failed.length ? failed.join('; ') || 'failed (an error without a message)' : undefined,
          });
          if (failed.length && how.bail) break;
        }
      } catch (e) {
        outside.push(`before: ${message(e)}`);
      } finally {
        for (const hook of suite.after) {
          try {
            await hook();
          } catch (e) {
            outside.push(`after: ${message(e)}`);
          }
        }
        while (stray.length) outside.push(`after the tests: ${message(stray.shift())}`);
      }
    }
    const shared = ns.mutantCoverage.static;
    /** @type {Record<string, Record<string, number>>} */
    const perTest = {};
    const tests = results.map((r) => {
      const id = testId(file, r.index, r.name);
      if (how.coverage) perTest[id] = { ...shared, ...ns.mutantCoverage.perTest[id] };
      const base = { id, name: id, fileName: file, timeSpentMs: Math.round(r.ms) };
      return r.failure
        ? { ...base, status: TestStatus.Failed, failureMessage: r.failure }
        : { ...base, status: TestStatus.Success };
    });
    if (outside.length) {
      const id = testId(file, -1, 'loading and hooks');
      tests.push({ id, name: id, fileName: file, timeSpentMs: 0, status: TestStatus.Failed, failureMessage: outside.join('; ') });
    }
    return { tests, perTest };
  }

  /**
   * Runs the tests given by id (all of `files` without ids), suite by suite in the order given, on
   * modules loaded anew for each suite (`each`) or once for all of them (`once`, a mutant's run: the
   * dry run checks that the suites pass that way too).
   * @param {string[]} ids
   * @param {{ bail: boolean, coverage: boolean, hitLimit?: number, load: 'each' | 'once', focus?: string }} how
   * @returns {Promise<import('@stryker-mutator/api/test-runner').DryRunResult>}
   */
  async run(ids, how) {
    const ns = this.ns;
    /** @type {Map<string, Set<number> | undefined>} A suite's indexes to run; undefined: all of it. */
    const plan = new Map();
    for (const id of ids) {
      const { file, index } = parseTestId(id);
      if (index === undefined) plan.set(file, undefined);
      else if (!plan.has(file) || plan.get(file)) plan.set(file, (plan.get(file) ?? new Set()).add(index));
    }
    /** @type {Record<string, Record<string, number>>} */
    const perTest = {};
    /** @type {any[]} */
    const tests = [];
    let first = true;
    for (const [file, only] of how.focus === undefined ? plan : this.order(plan, how.focus)) {
      if (how.hitLimit !== undefined) {
        ns.hitLimit = how.hitLimit;
        ns.hitCount = 0;
      }
      const result = await this.runSuite(file, {
        only,
        bail: how.bail,
        coverage: how.coverage,
        fresh: first || how.load === 'each',
      });
      first = false;
      tests.push(...result.tests);
      Object.assign(perTest, result.perTest);
      const reached = determineHitLimitReached(ns.hitCount, how.hitLimit);
      if (reached) return reached;
      if (how.bail && result.tests.some((t) => t.status !== TestStatus.Success)) break;
    }
    return { status: DryRunStatus.Complete, tests, mutantCoverage: how.coverage ? { static: {}, perTest } : undefined };
  }

  /**
   * The dry run: every suite whole, with coverage a test; then each test of each suite alone (with the
   * suite's hooks). A suite with a test that passes only after the ones before it is then reported as
   * one test, the whole file, so a mutant never runs that test without its predecessors.
   * @param {import('@stryker-mutator/api/test-runner').DryRunOptions} options
   * @returns {Promise<import('@stryker-mutator/api/test-runner').DryRunResult>}
   */
  async dryRun(options) {
    const ns = this.ns;
    delete ns.activeMutant;
    delete ns.hitLimit;
    delete ns.hitCount;
    const files = options.testFiles?.length ? options.testFiles : this.files;
    const whole = await this.run(files, {
      bail: !options.disableBail,
      coverage: options.coverageAnalysis !== 'off',
      load: 'each',
    });
    if (
      whole.status !== DryRunStatus.Complete ||
      whole.tests.some((t) => t.status !== TestStatus.Success) ||
      !whole.mutantCoverage
    )
      return whole;
    /** @type {any[]} */
    const tests = [];
    /** @type {Record<string, Record<string, number>>} */
    const perTest = {};
    for (const file of files) {
      const own = whole.tests.filter((t) => t.fileName === file);
      let alone = own.length > 1;
      for (const [i, t] of own.entries()) {
        if (!alone) break;
        const { index } = parseTestId(t.id);
        const single = await this.runSuite(file, { only: new Set([index]), bail: true, coverage: false, fresh: true });
        alone = single.tests.length === 1 && single.tests[0].status === TestStatus.Success;
        if (!alone)
          process.stderr.write(`stryker-node-test: ${file} runs whole: test ${i + 1} fails without the ones before it\n`);
      }
      if (alone || own.length === 1) {
        tests.push(...own);
        for (const t of own) perTest[t.id] = whole.mutantCoverage.perTest[t.id];
      } else {
        const id = testId(file);
        /** @type {Record<string, number>} */
        const union = {};
        for (const t of own) Object.assign(union, whole.mutantCoverage.perTest[t.id]);
        tests.push({
          id,
          name: id,
          fileName: file,
          status: TestStatus.Success,
          timeSpentMs: own.reduce((n, t) => n + t.timeSpentMs, 0),
        });
        perTest[id] = union;
      }
    }
    // A mutant's run loads the modules once for all its suites: they must pass that way, unmutated.
    const together = await this.run(files, { bail: true, coverage: false, load: 'once' });
    const failed =
      together.status === DryRunStatus.Complete ? together.tests.find((t) => t.status !== TestStatus.Success) : undefined;
    if (failed)
      return {
        status: /** @type {const} */ (DryRunStatus.Error),
        errorMessage: `${failed.id} fails when the suites before it ran on the same modules (a mutant's run loads them once): ${'failureMessage' in failed ? failed.failureMessage : ''}`,
      };
    // What each test cost, for the order of a mutant's suites: the other workers read it from the sandbox.
    writeFileSync(this.timesFile, JSON.stringify(Object.fromEntries(tests.map((t) => [t.id, t.timeSpentMs]))));
    return { status: DryRunStatus.Complete, tests, mutantCoverage: { static: {}, perTest } };
  }

  /**
   * The order a mutant's suites run in, to reach a failure (the run stops at the first) soonest: the suites
   * named after the mutant's module first (`signer.ts`: signer, signerEdges), then the others by what the
   * mutant's tests of each cost in the dry run, cheapest first (a suite's tests keep their own order).
   * Before this order, a mutant of the signer that its own suite kills in milliseconds ran the client
   * suites first (a real Retry-After wait among them): about a second a mutant.
   * @param {Map<string, Set<number> | undefined>} plan
   * @param {string} focus the mutant's module, as `signer`
   */
  order(plan, focus) {
    if (!this.times) {
      /** @type {Map<string, Map<number, number>>} Each suite's tests (-1: the suite run whole) and their times. */
      const bySuite = new Map();
      const read = existsSync(this.timesFile) ? JSON.parse(readFileSync(this.timesFile, 'utf8')) : {};
      for (const [id, ms] of Object.entries(read)) {
        const { file, index } = parseTestId(id);
        if (!bySuite.has(file)) bySuite.set(file, new Map());
        bySuite.get(file)?.set(index ?? -1, Number(ms));
      }
      this.times = bySuite;
    }
    const times = this.times;
    /** @param {string} file @param {Set<number> | undefined} only */
    const cost = (file, only) => {
      let ms = 0;
      for (const [index, t] of times.get(file) ?? []) if (index === -1 || !only || only.has(index)) ms += t;
      return ms;
    };
    // Compared in the singular: `actionNames.ts` is tested by `actionName.test`.
    const one = focus.replace(/s$/, '');
    const named = (/** @type {string} */ file) =>
      file
        .replace(/^.*\/|\.test\.js$/g, '')
        .toLowerCase()
        .includes(one);
    return [...plan]
      .map(([file, only], i) => ({ file, only, i, named: named(file), ms: cost(file, only) }))
      .sort((a, b) => Number(b.named) - Number(a.named) || a.ms - b.ms || a.i - b.i)
      .map(({ file, only }) => /** @type {[string, Set<number> | undefined]} */ ([file, only]));
  }

  /** @param {import('@stryker-mutator/api/test-runner').MutantRunOptions} options */
  async mutantRun(options) {
    const ns = this.ns;
    ns.activeMutant = options.activeMutant.id;
    const source = relative(this.root, resolve(this.root, options.activeMutant.fileName));
    routing.instrumented = this.out + source.replace(/\.ts$/, '.js');
    // A wrong path would load the mutant's file from the plain build too: the mutant could never be on.
    if (routing.plain && !existsSync(routing.instrumented))
      throw new Error(
        `mutant ${options.activeMutant.id}: ${options.activeMutant.fileName} has no compiled file at ${routing.instrumented}`,
      );
    const began = performance.now();
    try {
      const result = await this.run(options.testFilter ?? this.files, {
        focus: source.replace(/^.*[\\/]|\.ts$/g, '').toLowerCase(),
        bail: !options.disableBail,
        coverage: false,
        hitLimit: options.hitLimit,
        load: 'once',
      });
      const outcome = toMutantRunResult(result);
      // Coverage says a test reaches the mutant's file: a run that never loaded it proves nothing.
      if (routing.plain && outcome.status === 'survived' && !require.cache[routing.instrumented])
        throw new Error(`mutant ${options.activeMutant.id} survived without its file loaded (${routing.instrumented})`);
      if (process.env.STRYKER_NODE_TEST_LOG) {
        const ran = 'tests' in result && result.tests ? result.tests : [];
        const slowest = [...ran].sort((a, b) => b.timeSpentMs - a.timeSpentMs)[0];
        appendFileSync(
          process.env.STRYKER_NODE_TEST_LOG,
          `${options.activeMutant.id} ${options.activeMutant.fileName}:${options.activeMutant.location.start.line} ${outcome.status} ${ran.length} tests ${Math.round(performance.now() - began)} ms; slowest ${slowest?.timeSpentMs} ms ${slowest?.id ?? ''}; ran ${ran.map((t) => t.id.replace(/^.* #(\d+) .*$/, '$1')).join(',')} of ${(options.testFilter ?? []).map((t) => t.replace(/^.* #(\d+) .*$/, '$1')).join(',')}\n`,
        );
      }
      return outcome;
    } finally {
      routing.instrumented = undefined;
      delete ns.activeMutant;
      delete ns.hitLimit;
      delete ns.hitCount;
    }
  }
}

/**
 * A test's id: its suite, its place in the suite and its name (`out/test/unit/x.test.js #3 name`); a
 * suite alone is the id of all its tests.
 * @param {string} file
 * @param {number} [index]
 * @param {string} [name]
 */
const testId = (file, index, name) => (index === undefined ? file : `${file} #${index} ${name}`);

/** @param {string} id */
function parseTestId(id) {
  const m = /^(\S+) #(-?\d+) /.exec(id);
  return m ? { file: m[1], index: Number(m[2]) } : { file: id, index: undefined };
}

const require = Module.createRequire(import.meta.url);

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'node-test-in-process', NodeTestInProcessRunner)];
