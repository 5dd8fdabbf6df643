/** Diagnostics after one-character edits at a spot (typed, then removed), over real LSP round trips. */
import { performance } from 'node:perf_hooks';
import type { LspClient } from '../test/support/lspClient';
import { percentile } from './stats';

export async function diagnosticsAfterEdits(
  client: LspClient,
  uri: string,
  at: { line: number; character: number },
  rounds: number,
): Promise<{ p50: number; p95: number; count: number }> {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < rounds; i++) {
    const s = performance.now();
    const version = await client.edit(uri, { start: at, end: at }, i % 2 === 0 ? ' ' : '');
    if (i % 2 === 1) await client.edit(uri, { start: at, end: { line: at.line, character: at.character + 1 } }, '');
    const ds = await client.waitForDiagnostics(uri, (_d, p) => (p.version ?? 0) >= version, 60_000);
    times.push(performance.now() - s);
    count = ds.length;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), count };
}
