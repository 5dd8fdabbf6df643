/** Small statistics helpers for benchmarks. */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** min / median / max of a few runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: percentile(sorted, 50), max: sorted[sorted.length - 1] };
}

export function ms(n: number): string {
  return n < 10 ? n.toFixed(2) : n.toFixed(1);
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** Resident memory now. */
export function rssMiB(pid: number): number {
  return statusKiB(pid, 'VmRSS') / 1024;
}

/** The highest resident memory the process has had since it started (the kernel's high-water mark). */
export function peakRssMiB(pid: number): number {
  return statusKiB(pid, 'VmHWM') / 1024;
}

/** This machine, as the result files name it. */
export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/**
 * Writes `bench/<name>-results.md` (a title, the machine and date, then `lines`) and `.json` (`data`, with
 * the machine and date), and returns the markdown: one run of one benchmark, on its own.
 */
export function writeResults(name: string, title: string, script: string, lines: string[], data: object): string {
  const root = join(__dirname, '../..');
  const date = new Date().toISOString();
  const md = [
    `# ${title}`,
    '',
    `Machine: ${machine()}. Written by \`${script}\` on ${date.slice(0, 10)}.`,
    '',
    ...lines,
    '',
  ].join('\n');
  writeFileSync(join(root, `bench/${name}-results.md`), md);
  writeFileSync(join(root, `bench/${name}-results.json`), `${JSON.stringify({ machine: machine(), date, ...data }, null, 2)}\n`);
  return md;
}
