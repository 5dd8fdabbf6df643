#!/usr/bin/env node
// @ts-check
// `npm test`: every suite, unit to UI, each stage timed; ends with one closing line of all counts.
// The stages are listed once, in suites.mjs. The real-editor toolchain is installed first when missing.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { STAGES as stages } from './suites.mjs';

// Artifacts of earlier runs would blur the secret scan: every run starts clean.
rmSync(new URL('../test-output', import.meta.url), { recursive: true, force: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();

function run(name, cmd, args) {
  return new Promise((resolve) => {
    const t = Date.now();
    process.stdout.write(`\n=== ${name}\n`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    // No stage may hang CI: past 15 minutes it is stopped and counted as failed.
    const limit = setTimeout(() => {
      process.stdout.write(`=== ${name}: still running after 15 minutes, stopped\n`);
      child.kill('SIGKILL');
    }, 15 * 60_000);
    let tail = '';
    child.stdout.on('data', (b) => {
      process.stdout.write(b);
      tail = (tail + b).slice(-4000);
    });
    child.on('close', (code) => {
      clearTimeout(limit);
      // node:test closes with "# pass N" / "# fail N"; our editor suites with "N passed, N failed".
      const p = /# pass (\d+)/.exec(tail) ?? /(\d+) passed, \d+ failed/.exec(tail);
      const f = /# fail (\d+)/.exec(tail) ?? /\d+ passed, (\d+) failed/.exec(tail);
      if (p) passed += Number(p[1]);
      if (f) failed += Number(f[1]);
      // node:test's skipped tests (the corpus suite without the design folder) are neither passed nor failed.
      const sk = /# skipped (\d+)/.exec(tail);
      if (sk) skipped += Number(sk[1]);
      // A stage that fails without counting a failure (lint, format, a crash) still counts as one, so the
      // closing line never says "0 failed" over a red run.
      if (code !== 0 && !(f && Number(f[1]) > 0)) failed += 1;
      process.stdout.write(
        `=== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
      );
      resolve(code === 0);
    });
  });
}

let ok = true;
for (const [name, cmd, args] of stages) {
  if (!(await run(name, cmd, args))) {
    ok = false;
    if (!isSuite(name)) break; // a broken build or toolchain makes the later suites meaningless
  }
}

function isSuite(name) {
  return name.includes('suite');
}

process.stdout.write(`\nAll suites in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
if (skipped > 0)
  process.stdout.write(
    `${skipped} test(s) not run: the real-world corpus suite needs ../shared/corpus/real-world beside this checkout (CI requires it)\n`,
  );
process.stdout.write(`all: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(ok && failed === 0 ? 0 : 1);
