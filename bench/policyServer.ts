/**
 * A policy language server over stdio on a generated policy, measured as its users run it: the time to
 * the first diagnostics after opening, completion and hover at the same positions, diagnostics after a
 * one-character edit, peak resident memory over the run and memory once idle. Every measurement is a
 * real LSP round trip. Diagnostics come the way the server gives them to VS Code: pushed
 * (`textDocument/publishDiagnostics`), or pulled (`textDocument/diagnostic`), which is how VS Code's own
 * JSON client runs vscode-json-language-server, with no delay after an edit.
 */
import { performance } from 'node:perf_hooks';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { LspClient, type SpawnOptions } from '../test/support/lspClient';
import { generatePolicy } from './generate';
import { peakRssMiB, percentile, rssMiB } from './stats';

export type DiagnosticsMode = 'push' | 'pull';

export interface ServerRun {
  label: string;
  mode: DiagnosticsMode;
  sizeBytes: number;
  firstDiagnosticsMs: number;
  completion: { p50: number; p95: number; items: number };
  hover: { p50: number; p95: number };
  diagnosticsAfterEdit: { p50: number; p95: number };
  /** The kernel's high-water mark (VmHWM) at the end of the run, before any idle time. */
  peakRssMiB: number;
  /** Resident memory after 3 s without requests. */
  idleRssMiB: number;
  startToFirstCompletionMs: number;
  /** The protocol floor: p50 of a request the server answers at once (an unknown method, answered with an error). */
  floorMs: number;
}

export interface ServerUnderTest {
  label: string;
  mode: DiagnosticsMode;
  spawn: SpawnOptions;
  configure?: (c: LspClient) => Promise<void>;
}

function positionOf(text: string, needle: string, from: number, delta: number) {
  // The nearest occurrence from the middle on, or else the last before it.
  let at = text.indexOf(needle, from);
  if (at < 0) at = text.lastIndexOf(needle, from);
  if (at < 0) throw new Error(`the document has no ${needle}`);
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

const itemsOf = (list: CompletionList | CompletionItem[] | null): CompletionItem[] =>
  Array.isArray(list) ? list : (list?.items ?? []);

/** A document to measure on: generated (`generate.ts`), by shape and size. */
export interface BenchDocument {
  shape: string;
  text: string;
}

export const policyDocument = (sizeBytes: number): BenchDocument => ({ shape: 'ims-long', text: generatePolicy(sizeBytes) });

export async function benchServer(server: ServerUnderTest, doc: BenchDocument, rounds: number): Promise<ServerRun> {
  const { text } = doc;
  const uri = `file:///bench/policy-${doc.shape}-${text.length}.json`;
  const t0 = performance.now();
  // The client declares pull diagnostics as VS Code does; a server that pulls then waits to be asked.
  const client = await LspClient.start({ ...server.spawn, pullDiagnostics: server.mode === 'pull' });
  // The diagnostics of the document's current version, however the server gives them.
  const diagnosed = async (version: number, published: number): Promise<void> => {
    if (server.mode === 'pull') {
      await client.request('textDocument/diagnostic', { textDocument: { uri } });
      return;
    }
    await client.waitForDiagnostics(
      uri,
      (_d, p) => (client.publishCount.get(uri) ?? 0) > published && (p.version === undefined || p.version >= version),
      120_000,
    );
  };
  try {
    await server.configure?.(client);
    let s = performance.now();
    await client.open(uri, 'json', text);
    await diagnosed(1, 0);
    const firstDiagnosticsMs = performance.now() - s;
    // Same spots for every server: inside an action string in the middle of the document.
    const mid = Math.floor(text.length / 2);
    const completionAt = positionOf(text, '"ims:images:list"', mid, 5); // just after `"ims:`
    const hoverAt = positionOf(text, '"ims:images:get"', mid, 8);
    const complete = () =>
      client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri },
        position: completionAt,
      });
    // A peer whose schema did not apply would be measured doing nothing: it must offer the IMS actions.
    const first = itemsOf(await complete());
    if (!first.some((i) => i.label.replace(/"/g, '').startsWith('ims:images:')))
      throw new Error(`${server.label} offers no IMS action at an action string: its policy schema is not applied`);
    const startToFirstCompletionMs = performance.now() - t0;
    const cTimes: number[] = [];
    const hTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < rounds; i++) {
      s = performance.now();
      items = itemsOf(await complete()).length;
      cTimes.push(performance.now() - s);
      s = performance.now();
      await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: hoverAt });
      hTimes.push(performance.now() - s);
    }
    // One-character edits inside an action string, each waited for until its diagnostics arrive.
    const editAt = positionOf(text, '"ims:images:list"', mid, 15);
    const dTimes: number[] = [];
    for (let i = 0; i < Math.min(rounds, text.length > 2_000_000 ? 6 : 30); i++) {
      s = performance.now();
      const published = client.publishCount.get(uri) ?? 0;
      const range = { start: editAt, end: { line: editAt.line, character: editAt.character + 1 } };
      const version = await client.edit(uri, range, i % 2 === 0 ? 'x' : 't');
      await diagnosed(version, published);
      dTimes.push(performance.now() - s);
    }
    const fTimes: number[] = [];
    for (let i = 0; i < 30; i++) {
      s = performance.now();
      await client.request('bench/noSuchMethod', {}).catch(() => undefined);
      fTimes.push(performance.now() - s);
    }
    const peak = peakRssMiB(client.process.pid!);
    await new Promise((r) => setTimeout(r, 3000));
    return {
      label: server.label,
      mode: server.mode,
      sizeBytes: text.length,
      firstDiagnosticsMs,
      completion: { p50: percentile(cTimes, 50), p95: percentile(cTimes, 95), items },
      hover: { p50: percentile(hTimes, 50), p95: percentile(hTimes, 95) },
      diagnosticsAfterEdit: { p50: percentile(dTimes, 50), p95: percentile(dTimes, 95) },
      peakRssMiB: peak,
      idleRssMiB: rssMiB(client.process.pid!),
      startToFirstCompletionMs,
      floorMs: percentile(fTimes, 50),
    };
  } finally {
    await client.stop();
  }
}
