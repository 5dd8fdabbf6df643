/** `npm run bench`: runs the benchmarks and writes bench/results.md and bench/results.json. */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { LspClient, SERVER_JS } from '../test/support/lspClient';
import { benchServer, type ServerRun } from './policyServer';
import { benchHttp, type HttpRun } from './httpServer';
import { benchBatch } from './batchTagging';
import { benchScale } from './explorerScale';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { ms } from './stats';
import { peerPolicySchema } from './peerSchema';

const ROOT = join(__dirname, '../..');

async function main(): Promise<void> {
  const sizes = [10_000, 100_000, 1_000_000];
  const runs: ServerRun[] = [];
  const peers: ServerRun[] = [];
  const peerJs = require.resolve('vscode-langservers-extracted/bin/vscode-json-language-server');
  const configurePeer = async (c: LspClient) => {
    await c.notify('workspace/didChangeConfiguration', {
      settings: { json: { validate: { enable: true }, schemas: [{ fileMatch: ['*.json'], schema: peerPolicySchema() }] } },
    });
  };
  for (const size of sizes) {
    process.stdout.write(`policy server, ${size} bytes… `);
    const run = await benchServer('ims-tags-language-server', { command: process.execPath, args: [SERVER_JS, '--stdio'] }, size);
    runs.push(run);
    process.stdout.write(
      `completion p50 ${ms(run.completion.p50)} ms, hover p50 ${ms(run.hover.p50)} ms, diagnostics p50 ${ms(run.diagnosticsAfterEdit.p50)} ms\n`,
    );
    process.stdout.write(`vscode-json-language-server + policy schema, ${size} bytes… `);
    const peer = await benchServer(
      'vscode-json-language-server',
      { command: process.execPath, args: [peerJs, '--stdio'], initializationOptions: { provideFormatter: false } },
      size,
      60,
      configurePeer,
    );
    peers.push(peer);
    process.stdout.write(
      `completion p50 ${ms(peer.completion.p50)} ms, hover p50 ${ms(peer.hover.p50)} ms, diagnostics p50 ${ms(peer.diagnosticsAfterEdit.p50)} ms\n`,
    );
  }
  const httpRuns: HttpRun[] = [];
  for (const n of [1000, 5000]) {
    process.stdout.write(`.http server, ${n} requests, 50 policy files… `);
    const run = await benchHttp(SERVER_JS, n, 50);
    httpRuns.push(run);
    process.stdout.write(
      `completion p50 ${ms(run.completion.p50)} ms, hover p50 ${ms(run.hover.p50)} ms, diagnostics p50 ${ms(run.diagnosticsAfterEdit.p50)} ms\n`,
    );
  }
  const httpRows = httpRuns.map(
    (r) =>
      `| ${r.requests} requests (${(r.sizeBytes / 1000).toFixed(0)} KB), ${r.policies} policy files | ${ms(r.completion.p50)} / ${ms(r.completion.p95)} | ${ms(r.hover.p50)} / ${ms(r.hover.p95)} | ${ms(r.diagnosticsAfterEdit.p50)} / ${ms(r.diagnosticsAfterEdit.p95)} (${r.diagnosticsAfterEdit.count} findings) | ${r.rssMiB.toFixed(0)} |`,
  );
  process.stdout.write('batch tagging, 1,000 images at --latency 50… ');
  const batch = await benchBatch(1000, 50);
  process.stdout.write(
    `${(batch.concurrentMs / 1000).toFixed(1)} s with 8 at once, ${(batch.sequentialMs / 1000).toFixed(1)} s one at a time: ${batch.speedup.toFixed(1)}×\n`,
  );
  process.stdout.write('explorer at scale (10,000 images) and batch tagging under --fail-rate 0.1… ');
  const scale = await benchScale(10_000);
  process.stdout.write(
    `first page ${ms(scale.firstPageMs)} ms, load more p50 ${ms(scale.loadMore.p50)} ms, find-by-tags ${ms(scale.findByTags.ms)} ms; faults ${scale.faults.faultsInjected}, exact ${scale.faults.exact}\n`,
  );
  process.stdout.write('extension activation in code-server… ');
  const activation = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'scripts/bench-activation.mjs'), '3'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  ) as { activationMs: number[] };
  process.stdout.write(`${activation.activationMs.join(', ')} ms\n`);
  const size = (f: string) => statSync(join(ROOT, f)).size;
  const bundles = {
    'dist/extension.js': size('dist/extension.js'),
    'dist/server.js': size('dist/server.js'),
    'dist/emulator.js': size('dist/emulator.js'),
  };
  const bundleTotal = Object.values(bundles).reduce((a, b) => a + b, 0);
  const vsix = size('ims-tags-policies.vsix');
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const row = (r: ServerRun) =>
    `| ${r.label} | ${(r.sizeBytes / 1000).toFixed(0)} KB | ${ms(r.completion.p50)} / ${ms(r.completion.p95)} | ${ms(r.hover.p50)} / ${ms(r.hover.p95)} | ${ms(r.diagnosticsAfterEdit.p50)} / ${ms(r.diagnosticsAfterEdit.p95)} | ${r.rssMiB.toFixed(0)} | ${ms(r.startToFirstCompletionMs)} |`;
  const rows = runs.flatMap((r, i) => [row(r), row(peers[i])]);
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}` : 'n/a');
  const ratioRows = runs.map(
    (r, i) =>
      `| ${(r.sizeBytes / 1000).toFixed(0)} KB | ${ratio(r.completion.p50, peers[i].completion.p50)} | ${ratio(r.hover.p50, peers[i].hover.p50)} | ${ratio(r.diagnosticsAfterEdit.p50, peers[i].diagnosticsAfterEdit.p50)} | ${ratio(r.rssMiB, peers[i].rssMiB)} |`,
  );
  const md = [
    '# Benchmark results',
    '',
    `Machine: ${machine}. Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '## Policy language server (LSP over stdio, generated Version 1.1 policies)',
    '',
    'Latencies in ms as p50 / p95 of real LSP round trips; "diagnostics" is the time from a one-character edit to the published diagnostics of that version. Targets (issue [policy]): at 1 MB, completion and hover p50 under 5 ms, diagnostics under 100 ms.',
    '',
    "Both servers are driven by the same LSP client over stdio, on the same generated documents, at the same positions. The peer is VS Code's own JSON language server (`vscode-json-language-server` from `vscode-langservers-extracted`) given a policy JSON Schema with the IMS actions as an enum (`bench/peerSchema.ts`), which is what a user would set up instead. The peer delays validation after an edit by design; that delay is part of what a user waits for.",
    '',
    '| Server | Document | Completion | Hover | Diagnostics after an edit | RSS (MiB) | Start to first completion |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Ratios, ours / peer, measured in the same run (lower is better). Targets at 1 MB: completion and hover at most 0.5, diagnostics at most 1, memory at most 1. RSS is read after the run, once the server has been idle for 3 s.',
    '',
    '| Document | Completion | Hover | Diagnostics | RSS |',
    '|---|---|---|---|---|',
    ...ratioRows,
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
    '## The explorer at scale',
    '',
    `The calls the Images tree makes, against the emulator with ${scale.images.toLocaleString('en')} images (50 a page, private images).`,
    '',
    '| What | Time (ms) |',
    '|---|---|',
    `| first page of the tree | ${ms(scale.firstPageMs)} |`,
    `| each "Load more…" (${scale.loadMore.pages} pages), p50 / p95 | ${ms(scale.loadMore.p50)} / ${ms(scale.loadMore.p95)} |`,
    `| find by tags (env=prod, every page of 200: ${scale.findByTags.found} images) | ${ms(scale.findByTags.ms)} |`,
    '',
    `Batch tagging ${scale.faults.images} images under --fail-rate ${scale.faults.failRate}: ${scale.faults.faultsInjected} faults injected, ${(scale.faults.ms / 1000).toFixed(1)} s, ${scale.faults.notDone} images not done, end state ${scale.faults.exact ? 'exactly as intended' : 'WRONG'}.`,
    '',
    '## The extension',
    '',
    "Budgets (issue [perf]): activation under 100 ms without the server's start, bundles under 1.5 MB in all, `.vsix` under 1 MB.",
    '',
    '| What | Figure |',
    '|---|---|',
    `| activation in code-server (3 fresh starts) | ${activation.activationMs.join(', ')} ms |`,
    ...Object.entries(bundles).map(([f, n]) => `| ${f} | ${kb(n)} |`),
    `| bundles in all | ${kb(bundleTotal)} (${(bundleTotal / 1024 / 1024).toFixed(2)} MB) |`,
    `| .vsix | ${kb(vsix)} |`,
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'bench/results.md'), md);
  writeFileSync(
    join(ROOT, 'bench/results.json'),
    `${JSON.stringify({ machine, date: new Date().toISOString(), policyServer: runs, peer: peers, httpServer: httpRuns, batchTagging: batch, scale, activation, bundles, vsix }, null, 2)}\n`,
  );
  process.stdout.write(`\n${md}`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
