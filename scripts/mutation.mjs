#!/usr/bin/env node
// @ts-check
// `npm run mutation`: StrykerJS (stryker.config.mjs) under the Node 24 that `npm run setup:editor`
// installs (StrykerJS 10 needs Node 22 or later), then a summary per file: the score, every surviving
// mutant with its place (to be explained or killed), and every mutant ignored with the reason written
// in the code (`// Stryker disable … : why`). The whole of core/ goes to bench/mutation/results.md; a
// run of a part (`-- --mutate 'core/access/**/*.ts'`) to bench/mutation/partial-<date>-<time>.md, so it
// never replaces the whole run's figures. `--summary <mutation.json> <out.md>` summarises a report again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureEditorToolchain, repoRoot } from './codeServer.mjs';
import { codeServerEnv, node24 } from './editorEnv.mjs';
import config from '../stryker.config.mjs';

const args = process.argv.slice(2);
const reportFile = join(repoRoot, 'bench/mutation/mutation.json');

/**
 * The summary of a StrykerJS JSON report, as Markdown.
 * @param {any} report
 * @param {string[]} intro lines under the title
 */
function summary(report, intro) {
  const rows = [];
  const survivors = [];
  const ignored = [];
  let killed = 0;
  let total = 0;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const counted = mutants.filter((/** @type {any} */ m) => m.status !== 'CompileError' && m.status !== 'Ignored');
    const dead = counted.filter((/** @type {any} */ m) => m.status === 'Killed' || m.status === 'Timeout').length;
    killed += dead;
    total += counted.length;
    rows.push(
      `| ${file} | ${counted.length} | ${dead} | ${counted.length ? ((100 * dead) / counted.length).toFixed(1) : '–'} % |`,
    );
    const text = (/** @type {any} */ m) =>
      String(m.replacement ?? '')
        .replace(/\s+/g, ' ')
        .slice(0, 80);
    const byPlace = (/** @type {any} */ a, /** @type {any} */ b) =>
      a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column;
    for (const m of counted.filter((/** @type {any} */ x) => x.status === 'Survived' || x.status === 'NoCoverage').sort(byPlace))
      survivors.push(`- ${file}:${m.location.start.line} ${m.mutatorName} (${m.status}): \`${text(m)}\``);
    for (const m of mutants.filter((/** @type {any} */ x) => x.status === 'Ignored'))
      ignored.push(`- ${file}:${m.location.start.line} ${m.mutatorName} \`${text(m)}\`: ${m.statusReason ?? ''}`);
  }
  const score = total ? ((100 * killed) / total).toFixed(1) : '–';
  return {
    score: `${score} % (${killed}/${total})`,
    text: [
      ...intro,
      `Score: **${score} %** (${killed} of ${total} mutants killed or timed out; ${ignored.length} ignored with a reason).`,
      '',
      '| File | Mutants | Killed | Score |',
      '|---|---|---|---|',
      ...rows,
      '',
      '## Surviving mutants',
      '',
      ...survivors,
      '',
      '## Ignored, with the reason written in the code',
      '',
      ...(ignored.length ? ignored : ['None.']),
      '',
    ].join('\n'),
  };
}

if (args[0] === '--summary') {
  const [, from, to] = args;
  if (!from || !to) throw new Error('usage: node scripts/mutation.mjs --summary <mutation.json> <out.md>');
  writeFileSync(
    to,
    summary(JSON.parse(readFileSync(from, 'utf8')), ['# Mutation testing', '', `Summarised from ${from}.`, '']).text,
  );
  process.exit(0);
}

ensureEditorToolchain();
// dist/ is copied into the sandbox: a few suites spawn the built emulator or load the bundles' assets
// (the Terraform grammar's wasm), so a fresh checkout builds it first, as `npm test` does.
const bundled = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
if (bundled.status !== 0) {
  process.stderr.write('The build (scripts/build.mjs) failed: see its output above.\n');
  process.exit(bundled.status ?? 1);
}
const stryker = join(repoRoot, 'node_modules/@stryker-mutator/core/bin/stryker.js');
// A part (`--mutate 'core/catalogue/**/*.ts'`) keeps the configuration's exclusions: StrykerJS would
// otherwise replace them with the part, and mutate the catalogue's data tables it leaves out.
const exclusions = /** @type {string[]} */ (config.mutate).filter((p) => p.startsWith('!'));
const strykerArgs = args.map((a, i) => (args[i - 1] === '--mutate' ? [a, ...exclusions].join(',') : a));
const started = Date.now();
// The plain build a mutant's run takes every file but its own from (scripts/stryker-node-test.mjs): the
// same sources as the sandbox's, compiled without StrykerJS's instrumentation.
const plain = join(repoRoot, '.stryker-plain');
rmSync(plain, { recursive: true, force: true });
const built = spawnSync(
  process.execPath,
  [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json', '--outDir', plain],
  {
    cwd: repoRoot,
    stdio: 'inherit',
  },
);
if (built.status !== 0) {
  process.stderr.write('The plain build for the mutation run failed: see the compiler output above.\n');
  process.exit(built.status ?? 1);
}
const run = spawnSync(node24, [stryker, 'run', ...strykerArgs], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...codeServerEnv(), STRYKER_PLAIN_OUT: plain, STRYKER_PROJECT_ROOT: repoRoot },
});
rmSync(plain, { recursive: true, force: true });
if (run.status !== 0) process.exit(run.status ?? 1);
// StrykerJS ends with status 0 when the initial test run fails: then it wrote no report, and an older one
// must not be summarised as this run's.
if (!existsSync(reportFile) || statSync(reportFile).mtimeMs < started) {
  process.stderr.write('StrykerJS wrote no report: see its output above (a test that fails in the initial run?).\n');
  process.exit(1);
}

const minutes = (Date.now() - started) / 60_000;
const mutate = args.includes('--mutate') ? args[args.indexOf('--mutate') + 1] : undefined;
const when = new Date().toISOString();
const out = mutate
  ? join(repoRoot, `bench/mutation/partial-${when.slice(0, 10)}-${when.slice(11, 16).replace(':', '')}.md`)
  : join(repoRoot, 'bench/mutation/results.md');
const { score, text } = summary(JSON.parse(readFileSync(reportFile, 'utf8')), [
  mutate ? '# Mutation testing: a run of a part of core/' : '# Mutation testing',
  '',
  `Written by \`npm run mutation${mutate ? ` -- --mutate '${mutate}'` : ''}\` on ${when.slice(0, 10)}: ` +
    `${Math.floor(minutes)} min ${Math.round((minutes % 1) * 60)} s on this machine, StrykerJS and the summary included.`,
  '',
]);
mkdirSync(join(repoRoot, 'bench/mutation'), { recursive: true });
writeFileSync(out, text);
process.stdout.write(`mutation score ${score}; ${out.slice(repoRoot.length + 1)}\n`);
