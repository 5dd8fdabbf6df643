/**
 * Hostile inputs over real LSP round trips (issue [hardening]): the built server, run as users run it
 * (`dist/server.js --stdio`), opens each document of test/support/hostile.ts and answers diagnostics,
 * hover and completion at 40 places. Target: every request under 100 ms. `npm run bench:hostile` writes
 * bench/hostile.md; docs/reliability-and-security.md quotes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { hostileDocuments } from '../test/support/hostile';
import { LspClient, SERVER_JS } from '../test/support/lspClient';
import { ms, percentile } from './stats';

export interface HostileRow {
  name: string;
  sizeKB: number;
  firstDiagnosticsMs: number;
  hover: { p95: number; max: number };
  completion: { p95: number; max: number };
}

export async function benchHostile(serverJs = SERVER_JS, runs = 3): Promise<HostileRow[]> {
  const rows: HostileRow[] = [];
  for (const d of hostileDocuments()) {
    const first: number[] = [];
    const hovers: number[] = [];
    const completions: number[] = [];
    for (let run = 0; run < runs; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'ims-bench-hostile-'));
      const client = await LspClient.inFolder(dir, { command: process.execPath, args: [serverJs, '--stdio'] });
      try {
        const uri = URI.file(join(dir, `doc-${run}.${d.languageId === 'terraform' ? 'tf' : d.languageId}`)).toString();
        const t = performance.now();
        await client.open(uri, d.languageId, d.text);
        await client.waitForDiagnostics(uri, () => true, 120_000);
        first.push(performance.now() - t);
        const doc = TextDocument.create(uri, d.languageId, 1, d.text);
        const step = Math.max(1, Math.floor(d.text.length / 40));
        for (let offset = 0; offset <= d.text.length; offset += step) {
          const params = { textDocument: { uri }, position: doc.positionAt(offset) };
          let s = performance.now();
          await client.request('textDocument/hover', params);
          hovers.push(performance.now() - s);
          s = performance.now();
          await client.request('textDocument/completion', params);
          completions.push(performance.now() - s);
        }
      } finally {
        await client.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    rows.push({
      name: d.name,
      sizeKB: Buffer.byteLength(d.text) / 1000,
      firstDiagnosticsMs: percentile(first, 50),
      hover: { p95: percentile(hovers, 95), max: Math.max(...hovers) },
      completion: { p95: percentile(completions, 95), max: Math.max(...completions) },
    });
    process.stdout.write(`${d.name}: first diagnostics ${ms(percentile(first, 50))} ms\n`);
  }
  return rows;
}

export function hostileTable(rows: HostileRow[]): string {
  return [
    '| document | size | first diagnostics (median of runs) | hover p95 / max | completion p95 / max |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.sizeKB.toFixed(0)} KB | ${ms(r.firstDiagnosticsMs)} ms | ${ms(r.hover.p95)} / ${ms(r.hover.max)} ms | ${ms(r.completion.p95)} / ${ms(r.completion.max)} ms |`,
    ),
  ].join('\n');
}

if (require.main === module) {
  void benchHostile().then((rows) => {
    const md = [
      '# Hostile inputs',
      '',
      `Written by \`npm run bench:hostile\` on ${new Date().toISOString().slice(0, 10)}: the built server over stdio, three runs each, 40 places per document.`,
      '',
      hostileTable(rows),
      '',
    ].join('\n');
    writeFileSync(join(__dirname, '../../bench/hostile.md'), md);
    process.stdout.write(`\n${md}`);
  });
}
