/**
 * The server in a large workspace ([perf-3]): 10,000 policy files, 1,000 `.tf` files of 5 policies each and
 * 1,000 `.http` files, over real LSP round trips. Measured: how long the index takes (the server's own
 * figures for the JSON files and, once the HCL parser is loaded, the `.tf` files), the first diagnostics of
 * a policy opened while the index is being read, how soon an edit of one policy reaches an open `.http`
 * file's verdicts, and the server's peak memory (VmHWM, no forced collection).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { LspClient } from '../test/support/lspClient';
import { generateHttp, generatePolicyFiles, generateTerraformFiles } from './generate';
import { peakRssMiB, percentile, rssMiB, writeResults } from './stats';

export interface WorkspaceScaleRun {
  policyFiles: number;
  terraformFiles: number;
  httpFiles: number;
  /** The server's figure for reading the JSON and `.tf` files. */
  indexJsonMs: number;
  /** The `.tf` files that wait for the HCL parser (none when all is in the HCL subset read without it). */
  terraformWaiting: number;
  /** The server's figure for reading those once the parser is loaded; 0 when none waits. */
  indexTerraformMs: number;
  /** From initialized until both are done, as the client sees it. */
  indexWallMs: number;
  /** A policy opened right after start, while the index is read: didOpen to its diagnostics. */
  firstDiagnosticsWhileIndexingMs: number;
  /** An edit of an open policy until the open `.http` file's diagnostics are published again: p50, p95. */
  policyEditToHttp: { p50: number; p95: number };
  peakRssMiB: number;
  rssMiB: number;
}

/** Writes the workspace; returns its folder. */
function writeWorkspace(policyFiles: number, terraformFiles: number, httpFiles: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ims-bench-scale-'));
  // Spread over folders as a real repository is (and as a directory of 10,000 entries is not).
  generatePolicyFiles(policyFiles).forEach((text, i) => {
    const sub = join(dir, 'policies', `team-${i % 50}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `policy-${i}.json`), text);
  });
  generateTerraformFiles(terraformFiles).forEach((text, i) => {
    const sub = join(dir, 'infra', `module-${i % 40}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `main-${i}.tf`), text);
  });
  const http = generateHttp(20);
  for (let i = 0; i < httpFiles; i++) {
    const sub = join(dir, 'requests', `set-${i % 20}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `requests-${i}.http`), http);
  }
  return dir;
}

export async function benchWorkspaceScale(
  serverJs: string,
  policyFiles = 10_000,
  terraformFiles = 1_000,
  httpFiles = 1_000,
  edits = 20,
): Promise<WorkspaceScaleRun> {
  const dir = writeWorkspace(policyFiles, terraformFiles, httpFiles);
  const policyPath = join(dir, 'policies', 'team-7', 'policy-7.json');
  const policyUri = URI.file(policyPath).toString();
  const httpUri = URI.file(join(dir, 'requests', 'set-3', 'requests-3.http')).toString();
  // For a profile of the server: BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/profiles'.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const client = await LspClient.start({
    command: process.execPath,
    args: [...nodeArgs, serverJs, '--stdio'],
    workspaceFolders: [URI.file(dir).toString()],
  });
  try {
    const t0 = performance.now();
    // Opened at once: the index of 10,000 files is being read meanwhile.
    await client.open(policyUri, 'json', readFileSync(policyPath, 'utf8'));
    await client.waitForDiagnostics(policyUri, () => true, 60_000);
    const firstDiagnosticsWhileIndexingMs = performance.now() - t0;
    const json = await client.waitForLog(/Indexed \d+ policy file/, 600_000);
    const terraformWaiting = Number(/(\d+) Terraform file\(s\) wait/.exec(json)?.[1] ?? 0);
    const tf = terraformWaiting > 0 ? await client.waitForLog(/Read \d+ Terraform file/, 600_000) : 'in 0 ms';
    const indexWallMs = performance.now() - t0;
    const figure = (line: string) => Number(/in (\d+) ms/.exec(line)?.[1] ?? NaN);
    // The .http file's verdicts against every policy of the workspace, then an edit of one policy.
    await client.open(httpUri, 'http', readFileSync(URI.parse(httpUri).fsPath, 'utf8'));
    await client.waitForDiagnostics(httpUri, () => true, 60_000);
    const lines = readFileSync(policyPath, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"ims:images:list"'));
    const at = { line, character: lines[line].indexOf('"ims:images:list"') + 1 };
    const times: number[] = [];
    for (let i = 0; i < edits; i++) {
      const published = client.publishCount.get(httpUri) ?? 0;
      const s = performance.now();
      // Typed and taken back in turn: `ims:images:list` becomes `xims:images:list` (another service) and back.
      await client.edit(
        policyUri,
        { start: at, end: i % 2 === 0 ? at : { line: at.line, character: at.character + 1 } },
        i % 2 === 0 ? 'x' : '',
      );
      await client.waitForDiagnostics(httpUri, () => (client.publishCount.get(httpUri) ?? 0) > published, 60_000);
      times.push(performance.now() - s);
    }
    return {
      policyFiles,
      terraformFiles,
      httpFiles,
      indexJsonMs: figure(json),
      terraformWaiting,
      indexTerraformMs: figure(tf),
      indexWallMs,
      firstDiagnosticsWhileIndexingMs,
      policyEditToHttp: { p50: percentile(times, 50), p95: percentile(times, 95) },
      peakRssMiB: peakRssMiB(client.process.pid!),
      rssMiB: rssMiB(client.process.pid!),
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** The run as a markdown section (bench/results.md and bench/workspace-results.md). */
export function workspaceTable(r: WorkspaceScaleRun): string[] {
  return [
    `${r.policyFiles.toLocaleString('en')} policy files, ${r.terraformFiles.toLocaleString('en')} \`.tf\` files of 5 policies each and ${r.httpFiles.toLocaleString('en')} \`.http\` files in one workspace folder (\`bench/workspaceScale.ts\`). A policy is opened right after the server starts, while the index is read; once indexed, a \`.http\` file is opened and one policy is edited 20 times, each time until the \`.http\` file's diagnostics are published again (its verdicts read every policy of the workspace). Targets (issue [perf-3]): peak memory under 300 MiB, the opened file's first diagnostics under 200 ms, an edit reaching the \`.http\` verdicts under 200 ms.`,
    '',
    '| What | Figure |',
    '|---|---|',
    `| index of the JSON and .tf files (the server's figure) | ${r.indexJsonMs} ms |`,
    `| then the .tf files that need the HCL parser, once it is loaded (the server's figure) | ${r.terraformWaiting} files, ${r.indexTerraformMs} ms |`,
    `| from start until both are read (the client's clock) | ${r.indexWallMs.toFixed(0)} ms |`,
    `| first diagnostics of a policy opened while indexing | ${fmt(r.firstDiagnosticsWhileIndexingMs)} ms |`,
    `| an edit of one policy until the open .http file's diagnostics, p50 / p95 | ${fmt(r.policyEditToHttp.p50)} / ${fmt(r.policyEditToHttp.p95)} ms |`,
    `| the server's peak RSS / RSS at the end | ${r.peakRssMiB.toFixed(0)} / ${r.rssMiB.toFixed(0)} MiB |`,
  ];
}

/** bench/workspace-results.md and .json, from `npm run bench:workspace` or `npm run bench`; the markdown. */
export function writeWorkspaceResults(r: WorkspaceScaleRun, script: string): string {
  return writeResults('workspace', 'A workspace at scale', script, workspaceTable(r), { workspace: r });
}
