// @ts-check
// `npm run mutation`: StrykerJS over the whole of core/ (policies, .http and its variables, access,
// Terraform, the IAM and IMS clients, signing, tag rules) with the unit and emulator suites. Not in CI:
// on two cores it takes a while. One part at a time: `npm run mutation -- --mutate 'core/access/**/*.ts'`.
// The report goes to bench/mutation/.
import { readdirSync } from 'node:fs';

/** Suites slow enough to try last (see tap.testFiles), slowest last. */
const SLOW = [
  'iamSdk',
  'stringEdit',
  'decisionMatrix',
  'imageAccess',
  'policyRobustness',
  'terraform',
  'access',
  'properties',
  'hostile',
  'client',
  'hostileInput',
  'httpRobustness',
];
const slowness = (/** @type {string} */ file) => SLOW.indexOf(file.replace(/^.*\/|\.test\.js$/g, '')) + 1;

export default {
  // The suites run inside Stryker's workers on fresh modules (scripts/stryker-node-test.mjs), not one
  // process a suite and a mutant; `--testRunner tap` runs them the tap runner's way, to compare.
  testRunner: 'node-test-in-process',
  plugins: ['@stryker-mutator/tap-runner', './scripts/stryker-node-test.mjs'],
  // A worker is replaced now and then, so what a mutant's failed suite leaves open cannot build up.
  maxTestRunnerReuse: 100,
  // Mutants are switched at run time, so the instrumented sources are compiled once.
  buildCommand: 'npx tsc -p tsconfig.test.json',
  // policySchema.ts is not mutated: it runs only when the build compiles the validators (core/validation),
  // and a unit test holds the committed validators to it; instrumented, it can only be judged by that test.
  mutate: [
    'core/**/*.ts',
    // Built, not run: the validators are generated from policySchema.ts at build time (a unit test holds
    // the committed ones to it), and generate.ts is the build step itself.
    '!core/validation/generate.ts',
    '!core/validation/generated.ts',
    '!core/policy/policySchema.ts',
    // Data, not logic: the catalogue's tables and the IAM 5.0 snapshot (their texts would be mutants no
    // behaviour can judge); the code that reads them (index.ts, actionNames.ts, iam5/model.ts, …) is mutated.
    '!core/catalogue/actions.ts',
    '!core/catalogue/apis.ts',
    '!core/catalogue/schemas.ts',
    '!core/catalogue/iam5/imsSnapshot.ts',
    '!core/catalogue/iam5/globalKeys.ts',
  ],
  tap: {
    // Every unit suite, and the emulator suites that drive core/client against a loopback emulator; not
    // validators.test, which checks that the committed validators are what the build makes of
    // policySchema.ts (a build artifact, not mutated).
    // The runner tries a mutant's covering files in this order and stops at the first failure, so the
    // focused suites go first and the slow, broad ones (property rounds, hostile inputs, whole emulator
    // sessions: 3-7 s each) last, where only the mutants the focused suites miss reach them.
    testFiles: ['unit', 'emulator']
      .flatMap((dir) =>
        readdirSync(`test/${dir}`)
          .filter((f) => f.endsWith('.test.ts') && f !== 'validators.test.ts')
          .map((f) => `out/test/${dir}/${f.replace(/\.ts$/, '.js')}`),
      )
      .sort((a, b) => slowness(a) - slowness(b)),
  },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 5000,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'bench/mutation/mutation.json' },
  // dist/ is copied: a few suites spawn the built emulator or read the bundles (they judge no mutant, and
  // must pass in the sandbox as they do outside).
  ignorePatterns: ['out', 'out2', '.stryker-plain', 'test-output', '*.vsix', 'bench/results.json', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
