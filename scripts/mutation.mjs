#!/usr/bin/env node
// @ts-check
// `npm run mutation`: StrykerJS (stryker.config.mjs) under the Node 24 that `npm run setup:editor`
// installs (StrykerJS 10 needs Node 22 or later), then a summary per file in bench/mutation/results.md:
// the score, and every surviving mutant with its place, to be explained or killed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureEditorToolchain, repoRoot } from './codeServer.mjs';
import { codeServerEnv, node24 } from './editorEnv.mjs';

ensureEditorToolchain();
const stryker = join(repoRoot, 'node_modules/@stryker-mutator/core/bin/stryker.js');
const reportFile = join(repoRoot, 'bench/mutation/mutation.json');
const started = Date.now();
const run = spawnSync(node24, [stryker, 'run', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: codeServerEnv(),
});
if (run.status !== 0) process.exit(run.status ?? 1);
// StrykerJS ends with status 0 when the initial test run fails: then it wrote no report, and an older one
// must not be summarised as this run's.
if (!existsSync(reportFile) || statSync(reportFile).mtimeMs < started) {
  process.stderr.write('StrykerJS wrote no report: see its output above (a test that fails in the initial run?).\n');
  process.exit(1);
}

const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const rows = [];
const survivors = [];
let killed = 0;
let total = 0;
for (const [file, { mutants }] of Object.entries(report.files)) {
  const counted = mutants.filter((m) => m.status !== 'CompileError' && m.status !== 'Ignored');
  const dead = counted.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
  killed += dead;
  total += counted.length;
  rows.push(`| ${file} | ${counted.length} | ${dead} | ${counted.length ? ((100 * dead) / counted.length).toFixed(1) : '–'} % |`);
  for (const m of counted.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    survivors.push(
      `- ${file}:${m.location.start.line} ${m.mutatorName} (${m.status}): \`${String(m.replacement ?? '')
        .replace(/\s+/g, ' ')
        .slice(0, 80)}\``,
    );
  }
}
mkdirSync(join(repoRoot, 'bench/mutation'), { recursive: true });
writeFileSync(
  join(repoRoot, 'bench/mutation/results.md'),
  [
    '# Mutation testing',
    '',
    `Written by \`npm run mutation\` on ${new Date().toISOString().slice(0, 10)}. Score: **${((100 * killed) / total).toFixed(1)} %** (${killed} of ${total} mutants killed or timed out).`,
    '',
    '| File | Mutants | Killed | Score |',
    '|---|---|---|---|',
    ...rows,
    '',
    '## Surviving mutants',
    '',
    ...survivors,
    '',
  ].join('\n'),
);
process.stdout.write(`mutation score ${((100 * killed) / total).toFixed(1)} % (${killed}/${total}); bench/mutation/results.md\n`);
