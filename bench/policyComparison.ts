/**
 * Our policy server against the peer a user would pick instead, VS Code's own JSON language server
 * (`vscode-json-language-server` from `vscode-langservers-extracted`) given a policy JSON Schema
 * (`peerSchema.ts`): the same client, documents and positions, several runs, ratios per run. The peer
 * runs with pull diagnostics, as VS Code's JSON client runs it; once in push mode beside it (it then
 * waits 500 ms after an edit by design), for reference.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspClient, SERVER_JS } from '../test/support/lspClient';
import { peerPolicySchema } from './peerSchema';
import { POLICY_SHAPES } from './generate';
import { benchServer, type BenchDocument, type ServerRun, type ServerUnderTest } from './policyServer';
import { ms, peakRssMiB, spread, type Spread } from './stats';

export interface SizeComparison {
  shape: string;
  sizeBytes: number;
  ours: ServerRun[];
  peer: ServerRun[];
  /** The peer in push mode, once, for reference (the standard shape only). */
  peerPush?: ServerRun;
  /** The bare server (bareServer.ts), once a run: the floor under both. */
  bare: BareRun[];
}

export interface BareRun {
  firstDiagnosticsMs: number;
  peakRssMiB: number;
}

/** The bare server on the document: from opening it to its (empty) diagnostics, and the peak memory then. */
async function benchBare(doc: BenchDocument): Promise<BareRun> {
  const client = await LspClient.start({ command: process.execPath, args: [join(__dirname, 'bareServer.js'), '--stdio'] });
  try {
    const uri = `file:///bench/policy-${doc.shape}-${doc.text.length}.json`;
    const s = performance.now();
    await client.open(uri, 'json', doc.text);
    await client.waitForDiagnostics(uri, () => true, 120_000);
    return { firstDiagnosticsMs: performance.now() - s, peakRssMiB: peakRssMiB(client.process.pid!) };
  } finally {
    await client.stop();
  }
}

export const OURS: ServerUnderTest = {
  label: 'ims-tags-language-server',
  mode: 'push',
  spawn: { command: process.execPath, args: [SERVER_JS, '--stdio'] },
};

function peer(mode: 'push' | 'pull'): ServerUnderTest {
  const peerJs = require.resolve('vscode-langservers-extracted/bin/vscode-json-language-server');
  return {
    label: `vscode-json-language-server (${mode})`,
    mode,
    spawn: { command: process.execPath, args: [peerJs, '--stdio'], initializationOptions: { provideFormatter: false } },
    configure: async (c: LspClient) => {
      await c.notify('workspace/didChangeConfiguration', {
        settings: { json: { validate: { enable: true }, schemas: [{ fileMatch: ['*.json'], schema: peerPolicySchema() }] } },
      });
    },
  };
}

/**
 * Every shape of `POLICY_SHAPES` at every size: ours and the peer in pull mode, `runs` times each, taking
 * turns to go first. `ours` may be another build of the server (a before/after comparison of a change).
 */
export async function comparePolicyServers(
  shapes: string[],
  sizes: number[],
  runs: number,
  ours = OURS,
  withPeerPush = false,
): Promise<SizeComparison[]> {
  const out: SizeComparison[] = [];
  for (const shape of shapes)
    for (const size of sizes) {
      const doc: BenchDocument = { shape, text: POLICY_SHAPES[shape].generate(size) };
      const rounds = size > 2_000_000 ? 20 : 60;
      const mine: ServerRun[] = [];
      const peers: ServerRun[] = [];
      const bare: BareRun[] = [];
      for (let run = 1; run <= runs; run++) {
        process.stdout.write(`policy ${shape} ${kb(doc.text.length)}, run ${run}/${runs}: `);
        // Alternate who goes first, so neither always meets a warmer (or busier) machine.
        const pair = run % 2 === 1 ? [ours, peer('pull')] : [peer('pull'), ours];
        for (const server of pair) {
          const r = await benchServer(server, doc, rounds);
          (server === ours ? mine : peers).push(r);
          process.stdout.write(
            `${server === ours ? 'ours' : 'peer'} first ${ms(r.firstDiagnosticsMs)} ms, completion ${ms(r.completion.p50)} ms, edit ${ms(r.diagnosticsAfterEdit.p50)} ms, peak ${r.peakRssMiB.toFixed(0)} MiB; `,
          );
        }
        bare.push(await benchBare(doc));
        process.stdout.write(`bare peak ${bare[bare.length - 1].peakRssMiB.toFixed(0)} MiB\n`);
      }
      let peerPush: ServerRun | undefined;
      if (withPeerPush) {
        process.stdout.write(`policy ${shape} ${kb(doc.text.length)}, peer in push mode… `);
        peerPush = await benchServer(peer('push'), doc, Math.min(rounds, 20));
        process.stdout.write(`diagnostics after an edit ${ms(peerPush.diagnosticsAfterEdit.p50)} ms\n`);
      }
      out.push({ shape, sizeBytes: mine[0].sizeBytes, ours: mine, peer: peers, peerPush, bare });
    }
  return out;
}

const kb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1000).toFixed(0)} KB`);
const fmtSpread = (s: Spread, f: (n: number) => string) =>
  s.min === s.max ? f(s.min) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
const ratio = (n: number) => n.toFixed(2);
const mib = (n: number) => n.toFixed(0);

type Metric = (r: ServerRun) => number;
const METRICS: Array<[string, Metric, (n: number) => string]> = [
  ['First diagnostics after opening', (r) => r.firstDiagnosticsMs, ms],
  ['Completion p50', (r) => r.completion.p50, ms],
  ['Hover p50', (r) => r.hover.p50, ms],
  ['Diagnostics after an edit p50', (r) => r.diagnosticsAfterEdit.p50, ms],
  ['Peak RSS (MiB)', (r) => r.peakRssMiB, mib],
  ['RSS after 3 s idle (MiB)', (r) => r.idleRssMiB, mib],
];

/** [perf-3]'s target for each measure, as a ratio to the peer in the same run. */
const TARGETS: Record<string, number> = {
  'First diagnostics after opening': 0.5,
  'Completion p50': 0.5,
  'Hover p50': 0.5,
  'Diagnostics after an edit p50': 0.5,
  'Peak RSS (MiB)': 0.8,
};
/** Completion and hover also pass within this many ms of the protocol floor (a request answered at once). */
const FLOOR_SLACK_MS = 0.1;
const FLOORED = new Set(['Completion p50', 'Hover p50']);
const cellName = (c: SizeComparison) => `${c.shape}, ${kb(c.sizeBytes)}`;

/** Whether a run of ours meets the measure's target against the peer's run. */
function meets(name: string, m: Metric, r: ServerRun, p: ServerRun): boolean {
  const target = TARGETS[name];
  if (target === undefined) return true;
  return m(r) / m(p) <= target || (FLOORED.has(name) && m(r) - r.floorMs <= FLOOR_SLACK_MS);
}

/**
 * The markdown tables: figures (median and range of the runs), ratios per run with the misses marked, the
 * slowest shape for each measure, and completion by size within each shape.
 */
export function comparisonTables(rows: SizeComparison[], runs: number): string[] {
  const figures = rows.flatMap((c) => {
    const line = (name: string, rs: ServerRun[]) =>
      `| ${name} | ${cellName(c)} | ${METRICS.map(([, m, f]) => fmtSpread(spread(rs.map(m)), f)).join(' | ')} | ${ms(spread(rs.map((r) => r.floorMs)).median)} |`;
    return [line('ours', c.ours), line('peer, pull', c.peer), ...(c.peerPush ? [line('peer, push (1 run)', [c.peerPush])] : [])];
  });
  const ratios = rows.map(
    (c) =>
      `| ${cellName(c)} | ${METRICS.map(([name, m]) => {
        const shown = fmtSpread(spread(c.ours.map((r, i) => m(r) / m(c.peer[i]))), ratio);
        return c.ours.every((r, i) => meets(name, m, r, c.peer[i])) ? shown : `**${shown}** ✗`;
      }).join(' | ')} |`,
  );
  const worst = METRICS.filter(([name]) => TARGETS[name] !== undefined).map(([name, m]) => {
    const at = rows.map((c) => ({ c, r: spread(c.ours.map((r, i) => m(r) / m(c.peer[i]))).max })).sort((a, b) => b.r - a.r)[0];
    return `| ${name.replace(' p50', '').replace(' (MiB)', '')} | ${cellName(at.c)} | ${ratio(at.r)} | ${TARGETS[name]} |`;
  });
  const shapes = [...new Set(rows.map((c) => c.shape))];
  const bySize = shapes.flatMap((shape) => {
    const cells = rows.filter((c) => c.shape === shape);
    const base = spread(cells[0].ours.map((r) => r.completion.p50)).median;
    return cells.map((c) => {
      const p50 = spread(c.ours.map((r) => r.completion.p50)).median;
      return `| ${cellName(c)} | ${ms(p50)} | ${ratio(p50 / base)} |`;
    });
  });
  const floor = rows.map((c) => {
    const med = (f: (i: number) => number) => spread(c.bare.map((_, i) => f(i))).median;
    const bare = med((i) => c.bare[i].peakRssMiB);
    const ours = med((i) => c.ours[i].peakRssMiB - c.bare[i].peakRssMiB);
    const peer = med((i) => c.peer[i].peakRssMiB - c.bare[i].peakRssMiB);
    // The RSS target is out of reach where 0.8 × the peer's peak is below the bare server's, in every run.
    const below = c.bare.every((b, i) => TARGETS['Peak RSS (MiB)'] * c.peer[i].peakRssMiB < b.peakRssMiB);
    return `| ${cellName(c)} | ${ms(med((i) => c.bare[i].firstDiagnosticsMs))} | ${mib(bare)} | ${mib(ours)} | ${mib(peer)} | ${ratio(ours / peer)} | ${below ? 'yes' : 'no'} |`;
  });
  return [
    `Figures in ms unless marked: the median of ${runs} runs, with the range in brackets. "Floor" is the p50 of a request the server answers at once (an unknown method): no answer can be faster.`,
    '',
    `| Server | Shape, size | ${METRICS.map(([n]) => n).join(' | ')} | Floor |`,
    `|---|---|${METRICS.map(() => '---').join('|')}|---|`,
    ...figures,
    '',
    `Ratios, ours / peer in pull mode, computed per run (the peer measured in the same run): median (min–max) of ${runs}. Lower is better. Targets (issue [perf-3]): first diagnostics, completion, hover and diagnostics after an edit at most 0.5 (completion and hover also pass within ${FLOOR_SLACK_MS} ms of our floor), peak RSS at most 0.8. A cell is marked ✗ when any run misses.`,
    '',
    `| Shape, size | ${METRICS.map(([n]) => n.replace(' p50', '').replace(' (MiB)', '')).join(' | ')} |`,
    `|---|${METRICS.map(() => '---').join('|')}|`,
    ...ratios,
    '',
    'The worst cell for each measure (the highest ratio of any run):',
    '',
    '| Measure | Shape, size | Ratio | Target |',
    '|---|---|---|---|',
    ...worst,
    '',
    `Our completion p50 by document size within each shape (median of the runs), against its smallest. Target: 1 MB within 1.2× of 10 KB.`,
    '',
    '| Shape, size | Completion p50 | × smallest |',
    '|---|---|---|',
    ...bySize,
    '',
    `The floor under both: a server on vscode-languageserver that only keeps the document and publishes no diagnostics (\`bench/bareServer.ts\`), measured in each run. Memory "above the floor" is a server's peak RSS less the bare server's in the same run (median of ${runs}). "Target below the floor": 0.8 × the peer's peak RSS is less than the bare server's peak in every run, so no server on this library can meet it.`,
    '',
    '| Shape, size | Bare: first diagnostics | Bare: peak RSS (MiB) | Ours above the floor (MiB) | Peer above the floor (MiB) | Ours / peer above the floor | Target below the floor |',
    '|---|---|---|---|---|---|---|',
    ...floor,
  ];
}
