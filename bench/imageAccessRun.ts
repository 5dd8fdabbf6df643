/**
 * `npm run bench:abac`: only the benchmark of tags deciding access (bench/imageAccess.ts), written to
 * bench/abac-results.md and .json (`npm run bench` runs it too, into bench/results.md).
 */
import { benchImageAccess, imageAccessTable } from './imageAccess';
import { writeResults } from './stats';

const runs = benchImageAccess();
const md = writeResults('abac', 'Tags deciding access: benchmark', 'npm run bench:abac', imageAccessTable(runs), {
  imageAccess: runs,
});
process.stdout.write(`${md}\n`);
