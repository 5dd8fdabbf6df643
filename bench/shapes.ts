/**
 * `npm run bench:shapes`: the matrix of document shapes × sizes ([perf-3]), ours against VS Code's JSON
 * server in the same run, written to bench/shapes-results.md and .json. `npm run bench` runs it too.
 * BENCH_SHAPES and BENCH_SIZES (comma-separated) narrow it while profiling one cell; BENCH_RUNS sets the runs.
 */
import { POLICY_SHAPES } from './generate';
import { comparePolicyServers, comparisonTables, type SizeComparison } from './policyComparison';
import { writeResults } from './stats';

export const SHAPE_SIZES = [10_000, 100_000, 1_000_000, 5_000_000];

export async function benchShapes(runs: number): Promise<SizeComparison[]> {
  const shapes = process.env.BENCH_SHAPES?.split(',') ?? Object.keys(POLICY_SHAPES);
  const sizes = process.env.BENCH_SIZES?.split(',').map(Number) ?? SHAPE_SIZES;
  for (const s of shapes)
    if (!POLICY_SHAPES[s]) throw new Error(`No shape "${s}"; the shapes: ${Object.keys(POLICY_SHAPES).join(', ')}`);
  return comparePolicyServers(shapes, sizes, runs);
}

/** The matrix as markdown: what each shape is, then the tables. */
export function shapesSection(rows: SizeComparison[], runs: number): string[] {
  const shapes = [...new Set(rows.map((c) => c.shape))];
  return [
    'The shapes (`bench/generate.ts`, `POLICY_SHAPES`):',
    '',
    ...shapes.map((s) => `- \`${s}\`: ${POLICY_SHAPES[s].describe}`),
    '',
    ...comparisonTables(rows, runs),
  ];
}

/** bench/shapes-results.md and .json, from this script or from `npm run bench`. */
export function writeShapesResults(rows: SizeComparison[], runs: number, script: string): void {
  writeResults('shapes', "Policy documents of every shape against VS Code's JSON server", script, shapesSection(rows, runs), {
    runs,
    policyComparison: rows,
  });
}

if (require.main === module) {
  void (async () => {
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    writeShapesResults(await benchShapes(runs), runs, 'npm run bench:shapes');
    process.stdout.write('wrote bench/shapes-results.md\n');
  })().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
