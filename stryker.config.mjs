// @ts-check
// `npm run mutation`: StrykerJS over the pure core (policies, .http, signing, tag rules) with the unit
// suites that test it. Not in CI: on two cores it takes a while. The report goes to bench/mutation/.
export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  // Mutants are switched at run time, so the instrumented sources are compiled once.
  buildCommand: 'npx tsc -p tsconfig.test.json',
  // policySchema.ts is not mutated: it runs only when the build compiles the validators (core/validation),
  // and a unit test holds the committed validators to it; instrumented, it can only be judged by that test.
  mutate: [
    'core/policy/**/*.ts',
    '!core/policy/policySchema.ts',
    'core/http/**/*.ts',
    'core/auth/**/*.ts',
    'core/catalogue/tagRules.ts',
    // The one rule for action names and patterns moved here from core/policy (the catalogue is below it).
    'core/catalogue/actionNames.ts',
    'core/util/glob.ts',
    'core/tags/**/*.ts',
  ],
  tap: {
    testFiles: [
      'out/test/unit/actionName.test.js',
      'out/test/unit/actionPattern.test.js',
      'out/test/unit/boundaries.test.js',
      'out/test/unit/catalogue.test.js',
      'out/test/unit/coreClientParts.test.js',
      'out/test/unit/generatedPolicies.test.js',
      'out/test/unit/httpCodeActions.test.js',
      'out/test/unit/httpCompletion.test.js',
      'out/test/unit/httpDiagnostics.test.js',
      'out/test/unit/httpFile.test.js',
      'out/test/unit/httpGrammar.test.js',
      'out/test/unit/httpHover.test.js',
      'out/test/unit/policyDiagnostics.test.js',
      'out/test/unit/policyModel.test.js',
      'out/test/unit/policyTypes.test.js',
      'out/test/unit/routing.test.js',
      'out/test/unit/signer.test.js',
      'out/test/unit/stringEdit.test.js',
      'out/test/unit/urlParts.test.js',
    ],
  },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30000,
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'bench/mutation/mutation.json' },
  ignorePatterns: ['dist', 'out', 'test-output', '*.vsix', 'bench/results.json'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
