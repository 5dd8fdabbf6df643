/**
 * Our policy server against the peer a user would pick instead, VS Code's own JSON language server
 * (`vscode-json-language-server` from `vscode-langservers-extracted`) given a policy JSON Schema
 * (`peerSchema.ts`): the same client, documents and positions, several runs, ratios per run. The peer
 * runs with pull diagnostics, as VS Code's JSON client runs it; once in push mode beside it (it then
 * waits 500 ms after an edit by design), for reference.
 */
import { LspClient, SERVER_JS } from '../test/support/lspClient';
import { peerPolicySchema } from './peerSchema';
import { benchServer, type ServerRun, type ServerUnderTest } from './policyServer';
import { ms, spread, type Spread } from './stats';

export interface SizeComparison {
  sizeBytes: number;
  ours: ServerRun[];
  peer: ServerRun[];
  peerPush: ServerRun;
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

/** `ours` may be another build of the server (a before/after comparison of a change). */
export async function comparePolicyServers(sizes: number[], runs: number, ours = OURS): Promise<SizeComparison[]> {
  const out: SizeComparison[] = [];
  for (const size of sizes) {
    const rounds = size > 2_000_000 ? 20 : 60;
    const mine: ServerRun[] = [];
    const peers: ServerRun[] = [];
    for (let run = 1; run <= runs; run++) {
      process.stdout.write(`policy ${size} bytes, run ${run}/${runs}: `);
      // Alternate who goes first, so neither always meets a warmer (or busier) machine.
      const pair = run % 2 === 1 ? [ours, peer('pull')] : [peer('pull'), ours];
      for (const server of pair) {
        const r = await benchServer(server, size, rounds);
        (server === ours ? mine : peers).push(r);
        process.stdout.write(
          `${server === ours ? 'ours' : 'peer'} first ${ms(r.firstDiagnosticsMs)} ms, peak ${r.peakRssMiB.toFixed(0)} MiB; `,
        );
      }
      process.stdout.write('\n');
    }
    process.stdout.write(`policy ${size} bytes, peer in push mode… `);
    const peerPush = await benchServer(peer('push'), size, Math.min(rounds, 20));
    process.stdout.write(`diagnostics after an edit ${ms(peerPush.diagnosticsAfterEdit.p50)} ms\n`);
    out.push({ sizeBytes: mine[0].sizeBytes, ours: mine, peer: peers, peerPush });
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

/** The markdown tables: figures (median and range of the runs), ratios per run, completion by size. */
export function comparisonTables(rows: SizeComparison[], runs: number): string[] {
  const figures = rows.flatMap((c) => {
    const line = (name: string, rs: ServerRun[]) =>
      `| ${name} | ${kb(c.sizeBytes)} | ${METRICS.map(([, m, f]) => fmtSpread(spread(rs.map(m)), f)).join(' | ')} |`;
    return [line('ours', c.ours), line('peer, pull', c.peer), line('peer, push (1 run)', [c.peerPush])];
  });
  const ratios = rows.map(
    (c) =>
      `| ${kb(c.sizeBytes)} | ${METRICS.map(([, m]) => fmtSpread(spread(c.ours.map((r, i) => m(r) / m(c.peer[i]))), ratio)).join(' | ')} |`,
  );
  const base = spread(rows[0].ours.map((r) => r.completion.p50)).median;
  const bySize = rows.map((c) => {
    const p50 = spread(c.ours.map((r) => r.completion.p50)).median;
    return `| ${kb(c.sizeBytes)} | ${ms(p50)} | ${ratio(p50 / base)} |`;
  });
  return [
    `Figures in ms unless marked: the median of ${runs} runs, with the range in brackets.`,
    '',
    `| Server | Document | ${METRICS.map(([n]) => n).join(' | ')} |`,
    `|---|---|${METRICS.map(() => '---').join('|')}|`,
    ...figures,
    '',
    `Ratios, ours / peer in pull mode, computed per run (the peer measured in the same run): median (min–max) of ${runs}. Lower is better. Targets (issue [perf-2]): first diagnostics at most 0.8, completion at most 0.5, peak RSS at most 1.0.`,
    '',
    `| Document | ${METRICS.map(([n]) => n.replace(' p50', '').replace(' (MiB)', '')).join(' | ')} |`,
    `|---|${METRICS.map(() => '---').join('|')}|`,
    ...ratios,
    '',
    `Our completion p50 by document size (median of the runs), against the smallest. Target: 1 MB within 1.3× of 10 KB.`,
    '',
    '| Document | Completion p50 | × smallest |',
    '|---|---|---|',
    ...bySize,
  ];
}
