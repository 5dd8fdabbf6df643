/**
 * The server on large .http files in a workspace of policy files: completion and hover latency at the
 * same spots, and full diagnostics after a one-character edit (every request checked against every
 * policy). Real LSP round trips over stdio.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { LspClient } from '../test/support/lspClient';
import { diagnosticsAfterEdits } from './editTiming';
import { generateHttp, generatePolicyFiles } from './generate';
import { peakRssMiB, percentile, rssMiB } from './stats';

export interface HttpRun {
  requests: number;
  policies: number;
  sizeBytes: number;
  completion: { p50: number; p95: number; items: number };
  hover: { p50: number; p95: number };
  diagnosticsAfterEdit: { p50: number; p95: number; count: number };
  /** The workspace index: scanning and parsing every policy file, as the server logs it. */
  indexMs: number;
  rssMiB: number;
  peakRssMiB: number;
}

export async function benchHttp(serverJs: string, requests: number, policies: number, rounds = 60): Promise<HttpRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ims-bench-ws-'));
  generatePolicyFiles(policies).forEach((text, i) => writeFileSync(join(dir, `policy-${i}.json`), text));
  const text = generateHttp(requests);
  const uri = URI.file(join(dir, 'requests.http')).toString();
  const t0 = performance.now();
  const client = await LspClient.start({
    command: process.execPath,
    args: [serverJs, '--stdio'],
    workspaceFolders: [URI.file(dir).toString()],
  });
  try {
    await client.open(uri, 'http', text);
    const indexed = await client.waitForLog(/Indexed \d+ policy file/, 120_000);
    // The server's own figure (scan and parse); the log is polled, so the wall clock is coarser.
    const indexMs = Number(/in (\d+) ms/.exec(indexed)?.[1] ?? performance.now() - t0);
    const lines = text.split('\n');
    const mid = Math.floor(lines.length / 2);
    const requestLine = lines.findIndex((l, i) => i >= mid && /^(GET|POST|PUT|DELETE) /.test(l));
    const emptyLine = lines.findIndex((l, i) => i > requestLine && l === '');
    const cTimes: number[] = [];
    const hTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < rounds; i++) {
      let s = performance.now();
      const list = await client.request<{ items: unknown[] }>('textDocument/completion', {
        textDocument: { uri },
        position: { line: emptyLine, character: 0 },
      });
      cTimes.push(performance.now() - s);
      items = list.items.length;
      s = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: requestLine, character: 2 } });
      hTimes.push(performance.now() - s);
    }
    const diagnosticsAfterEdit = await diagnosticsAfterEdits(
      client,
      uri,
      { line: requestLine + 0, character: lines[requestLine].length },
      Math.min(rounds, 30),
    );
    return {
      requests,
      policies,
      sizeBytes: text.length,
      completion: { p50: percentile(cTimes, 50), p95: percentile(cTimes, 95), items },
      hover: { p50: percentile(hTimes, 50), p95: percentile(hTimes, 95) },
      diagnosticsAfterEdit,
      indexMs,
      rssMiB: rssMiB(client.process.pid!),
      peakRssMiB: peakRssMiB(client.process.pid!),
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
