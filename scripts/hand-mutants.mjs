#!/usr/bin/env node
// @ts-check
// `npm run mutation:hand`: the hand-made mutants of the code StrykerJS does not mutate (the emulator, the
// client, the server's handlers), listed in bench/mutation/hand-mutants.json with the suites that must
// kill each. For each mutant: its one change is applied to the source, the tests are compiled (and the
// bundles built when a suite drives dist/server.js), the suites run, and the file is put back. The
// report, killed or survived, goes to bench/mutation/hand-mutants.md. `--only <id>` runs one mutant.
// Not in `npm test` (each mutant is a compile and a few suites): run it when the code a mutant names changes.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '../..');
const listFile = join(root, 'bench/mutation/hand-mutants.json');
/** @type {Array<{ id: string; file: string; find: string; replace: string; suites: string[]; why: string }>} */
const mutants = JSON.parse(readFileSync(listFile, 'utf8'));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const chosen = only ? mutants.filter((m) => m.id === only) : mutants;
if (chosen.length === 0) {
  process.stderr.write(`No mutant "${only}"; the ids: ${mutants.map((m) => m.id).join(', ')}\n`);
  process.exit(2);
}

/** Runs a command in the repository; its output only when it fails (or always, with `show`). */
function run(cmd, args, show = false) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (show || r.status !== 0) process.stdout.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-4000));
  return r.status === 0;
}

const compiledSuite = (suite) => join('out', suite.replace(/\.ts$/, '.js'));

/** Suites that run the built bundles: the protocol and CLI suites spawn dist/, the in-editor suite loads the extension. */
const needsBundles = (s) => /^test\/(protocol|cli|editor)\//.test(s);

/** Compiles the tests (and builds the bundles when a suite needs them); false when it does not compile. */
function build(suites) {
  if (suites.some(needsBundles)) if (!run(process.execPath, ['scripts/build.mjs'])) return false;
  return run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']);
}

/** Runs one suite: node --test on its compiled file, or an in-editor file alone in a real VS Code. */
function passes(suite) {
  if (suite.startsWith('test/editor/'))
    return run(process.execPath, ['scripts/test-in-editor.mjs', '--only', suite.replace(/^.*\/|\.itest\.ts$/g, '')]);
  return run(process.execPath, ['--test', '--test-reporter=dot', compiledSuite(suite)]);
}

/** The suites that fail, by name (each run alone). */
function failingSuites(suites) {
  return suites.filter((s) => !passes(s));
}

// A mutant killed by suites that fail anyway proves nothing: the unmutated suites must pass first.
const allSuites = [...new Set(chosen.flatMap((m) => m.suites))];
process.stdout.write(`unmutated: building and running ${allSuites.length} suite(s)… `);
if (!build(allSuites)) process.exit(1);
const failing = failingSuites(allSuites);
if (failing.length) {
  process.stdout.write(`\nThese suites fail without any mutant; fix them first: ${failing.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('all pass\n');

const results = [];
let restore;
const putBack = () => restore?.();
process.on('SIGINT', () => {
  putBack();
  process.exit(130);
});
try {
  for (const m of chosen) {
    const path = join(root, m.file);
    const original = readFileSync(path, 'utf8');
    const at = original.indexOf(m.find);
    if (at < 0 || original.indexOf(m.find, at + 1) >= 0) {
      results.push({ m, outcome: 'stale', detail: 'its text is not found exactly once: update the list' });
      process.stdout.write(`${m.id}: STALE (the text to change is not found exactly once)\n`);
      continue;
    }
    restore = () => writeFileSync(path, original);
    writeFileSync(path, original.slice(0, at) + m.replace + original.slice(at + m.find.length));
    const started = Date.now();
    let outcome;
    let detail;
    if (!build(m.suites)) {
      outcome = 'no-compile';
      detail = 'the mutant does not compile: fix the list';
    } else {
      const killers = failingSuites(m.suites);
      outcome = killers.length ? 'killed' : 'SURVIVED';
      detail = killers.length ? `by ${killers.join(', ')}` : `no suite of ${m.suites.join(', ')} failed`;
    }
    putBack();
    restore = undefined;
    results.push({ m, outcome, detail });
    process.stdout.write(`${m.id}: ${outcome} ${detail} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
} finally {
  putBack();
  // Leave out/ compiled from the real sources.
  build(allSuites);
}

const lines = [
  '# Hand mutants',
  '',
  `Written by \`npm run mutation:hand\` on ${new Date().toISOString().slice(0, 10)}${only ? ` (only ${only})` : ''}: the code StrykerJS does not mutate (the emulator, the client, the server's handlers), one deliberate mistake at a time, each required to fail a suite (a fast one wherever the code allows). The list with each change is \`bench/mutation/hand-mutants.json\`.`,
  '',
  '| Mutant | File | What it breaks | Outcome |',
  '|---|---|---|---|',
  ...results.map(({ m, outcome, detail }) => `| ${m.id} | ${m.file} | ${m.why} | ${outcome} ${detail} |`),
  '',
];
if (!only) writeFileSync(join(root, 'bench/mutation/hand-mutants.md'), lines.join('\n'));
const bad = results.filter((r) => r.outcome !== 'killed');
process.stdout.write(`${results.length - bad.length} of ${results.length} killed\n`);
process.exit(bad.length ? 1 : 0);
