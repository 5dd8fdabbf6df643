/**
 * The policy language server over stdio on generated 1 MB (and smaller) policies: completion and hover
 * latency at the same positions, diagnostics after a one-character edit, memory, start to first
 * completion. Each measurement is a real LSP round trip.
 */
import { performance } from 'node:perf_hooks';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { LspClient, type SpawnOptions } from '../test/support/lspClient';
import { generatePolicy } from './generate';
import { percentile, rssMiB } from './stats';

export interface ServerRun {
  label: string;
  sizeBytes: number;
  completion: { p50: number; p95: number; items: number };
  hover: { p50: number; p95: number };
  diagnosticsAfterEdit: { p50: number; p95: number };
  rssMiB: number;
  startToFirstCompletionMs: number;
}

function positionOf(text: string, needle: string, from: number, delta: number) {
  const offset = text.indexOf(needle, from) + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

export async function benchServer(
  label: string,
  spawn: SpawnOptions,
  sizeBytes: number,
  rounds = 60,
  configure?: (c: LspClient) => Promise<void>,
): Promise<ServerRun> {
  const text = generatePolicy(sizeBytes);
  const uri = `file:///bench/policy-${sizeBytes}.json`;
  const t0 = performance.now();
  const client = await LspClient.start(spawn);
  try {
    await configure?.(client);
    await client.open(uri, 'json', text);
    // Same spots for every server: inside an action string in the middle of the document.
    const mid = Math.floor(text.length / 2);
    const completionAt = positionOf(text, '"ims:images:list"', mid, 5); // just after `"ims:`
    const hoverAt = positionOf(text, '"ims:images:get"', mid, 8);
    const complete = () =>
      client.request<CompletionList | CompletionList['items'] | null>('textDocument/completion', {
        textDocument: { uri },
        position: completionAt,
      });
    // Some servers answer with nothing until their schema is loaded: wait for a real answer.
    let first = await complete();
    for (let i = 0; i < 200 && !(Array.isArray(first) ? first.length : first?.items.length); i++) {
      await new Promise((r) => setTimeout(r, 25));
      first = await complete();
    }
    const startToFirstCompletionMs = performance.now() - t0;
    const cTimes: number[] = [];
    const hTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < rounds; i++) {
      let s = performance.now();
      const list = await complete();
      cTimes.push(performance.now() - s);
      items = Array.isArray(list) ? list.length : (list?.items.length ?? 0);
      s = performance.now();
      await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: hoverAt });
      hTimes.push(performance.now() - s);
    }
    // One-character edits inside an action string, each waited for until its diagnostics arrive.
    const editAt = positionOf(text, '"ims:images:list"', mid, 15);
    const dTimes: number[] = [];
    for (let i = 0; i < Math.min(rounds, 30); i++) {
      const s = performance.now();
      const published = client.publishCount.get(uri) ?? 0;
      const version = await client.edit(
        uri,
        { start: editAt, end: { line: editAt.line, character: editAt.character + 1 } },
        i % 2 === 0 ? 'x' : 't',
      );
      // The next publication for this version (or, from servers that do not say the version, the next one).
      await client.waitForDiagnostics(
        uri,
        (_d, p) => (client.publishCount.get(uri) ?? 0) > published && (p.version === undefined || p.version >= version),
        60_000,
      );
      dTimes.push(performance.now() - s);
    }
    void first;
    // Resident memory once the server has been idle for 3 s (V8 gives back what it no longer needs),
    // the same for every server measured.
    await new Promise((r) => setTimeout(r, 3000));
    const rss = rssMiB(client.process.pid!);
    return {
      label,
      sizeBytes: text.length,
      completion: { p50: percentile(cTimes, 50), p95: percentile(cTimes, 95), items },
      hover: { p50: percentile(hTimes, 50), p95: percentile(hTimes, 95) },
      diagnosticsAfterEdit: { p50: percentile(dTimes, 50), p95: percentile(dTimes, 95) },
      rssMiB: rss,
      startToFirstCompletionMs,
    };
  } finally {
    await client.stop();
  }
}
