/** `npm run bench`: runs the benchmarks and writes bench/results.md and bench/results.json. */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { SERVER_JS } from '../test/support/lspClient';
import { benchServer, type ServerRun } from './policyServer';
import { benchHttp, type HttpRun } from './httpServer';
import { benchBatch } from './batchTagging';
import { ms } from './stats';

const ROOT = join(__dirname, '../..');

async function main(): Promise<void> {
  const sizes = [10_000, 100_000, 1_000_000];
  const runs: ServerRun[] = [];
  for (const size of sizes) {
    process.stdout.write(`policy server, ${size} bytes… `);
    const run = await benchServer('ims-tags-language-server', { command: process.execPath, args: [SERVER_JS, '--stdio'] }, size);
    runs.push(run);
    process.stdout.write(`completion p50 ${ms(run.completion.p50)} ms, hover p50 ${ms(run.hover.p50)} ms, diagnostics p50 ${ms(run.diagnosticsAfterEdit.p50)} ms\n`);
  }
  const httpRuns: HttpRun[] = [];
  for (const n of [1000, 5000]) {
    process.stdout.write(`.http server, ${n} requests, 50 policy files… `);
    const run = await benchHttp(SERVER_JS, n, 50);
    httpRuns.push(run);
    process.stdout.write(`completion p50 ${ms(run.completion.p50)} ms, hover p50 ${ms(run.hover.p50)} ms, diagnostics p50 ${ms(run.diagnosticsAfterEdit.p50)} ms\n`);
  }
  const httpRows = httpRuns.map((r) => `| ${r.requests} requests (${(r.sizeBytes / 1000).toFixed(0)} KB), ${r.policies} policy files | ${ms(r.completion.p50)} / ${ms(r.completion.p95)} | ${ms(r.hover.p50)} / ${ms(r.hover.p95)} | ${ms(r.diagnosticsAfterEdit.p50)} / ${ms(r.diagnosticsAfterEdit.p95)} (${r.diagnosticsAfterEdit.count} findings) | ${r.rssMiB.toFixed(0)} |`);
  process.stdout.write('batch tagging, 1,000 images at --latency 50… ');
  const batch = await benchBatch(1000, 50);
  process.stdout.write(`${(batch.concurrentMs / 1000).toFixed(1)} s with 8 at once, ${(batch.sequentialMs / 1000).toFixed(1)} s one at a time: ${batch.speedup.toFixed(1)}×\n`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const rows = runs.map((r) => `| ${(r.sizeBytes / 1000).toFixed(0)} KB | ${ms(r.completion.p50)} / ${ms(r.completion.p95)} | ${ms(r.hover.p50)} / ${ms(r.hover.p95)} | ${ms(r.diagnosticsAfterEdit.p50)} / ${ms(r.diagnosticsAfterEdit.p95)} | ${r.rssMiB.toFixed(0)} | ${ms(r.startToFirstCompletionMs)} |`);
  const md = [
    '# Benchmark results',
    '',
    `Machine: ${machine}. Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '## Policy language server (LSP over stdio, generated Version 1.1 policies)',
    '',
    'Latencies in ms as p50 / p95 of real LSP round trips; "diagnostics" is the time from a one-character edit to the published diagnostics of that version. Targets (issue [policy]): at 1 MB, completion and hover p50 under 5 ms, diagnostics under 100 ms.',
    '',
    '| Document | Completion | Hover | Diagnostics after an edit | RSS (MiB) | Start to first completion |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## .http request files against the workspace policies',
    '',
    'Every request is matched to its API, its body validated, and its actions evaluated against every policy file. Targets (issue [http]): at 5,000 requests with 50 policy files, completion and hover p50 under 5 ms, full diagnostics under 200 ms.',
    '',
    '| Workspace | Completion | Hover | Diagnostics after an edit | RSS (MiB) |',
    '|---|---|---|---|---|',
    ...httpRows,
    '',
    '## Batch tagging against the emulator',
    '',
    `AddImageTag on ${batch.images} images with the emulator at --latency ${batch.latencyMs} (ms added to every answer). Target (issue [client]): at least 6× faster than one at a time, with the same end state.`,
    '',
    '| Mode | Time (s) |',
    '|---|---|',
    `| 8 at once (mapLimit) | ${(batch.concurrentMs / 1000).toFixed(1)} |`,
    `| one at a time | ${(batch.sequentialMs / 1000).toFixed(1)} |`,
    `| speed-up | ${batch.speedup.toFixed(1)}× (end states ${batch.sameEndState ? 'identical' : 'DIFFERENT'}) |`,
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'bench/results.md'), md);
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify({ machine, date: new Date().toISOString(), policyServer: runs, httpServer: httpRuns, batchTagging: batch }, null, 2)}\n`);
  process.stdout.write(`\n${md}`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
