/**
 * `npm run bench:abac`: only the benchmark of tags deciding access (bench/imageAccess.ts), written to
 * bench/abac-results.md and .json (`npm run bench` runs it too, into bench/results.md).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchImageAccess, imageAccessTable } from './imageAccess';

const ROOT = join(__dirname, '../..');
const runs = benchImageAccess();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const md = [
  '# Tags deciding access: benchmark',
  '',
  `Machine: ${machine}. Written by \`npm run bench:abac\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  ...imageAccessTable(runs),
  '',
];
writeFileSync(join(ROOT, 'bench/abac-results.md'), md.join('\n'));
writeFileSync(
  join(ROOT, 'bench/abac-results.json'),
  `${JSON.stringify({ machine, date: new Date().toISOString(), imageAccess: runs }, null, 2)}\n`,
);
process.stdout.write(`${md.join('\n')}\n`);
