/**
 * `npm run bench:workspace`: only the workspace-scale run (bench/workspaceScale.ts), written to
 * bench/workspace-results.md and .json. BENCH_POLICY_FILES sets the number of policy files.
 */
import { SERVER_JS } from '../test/support/lspClient';
import { benchWorkspaceScale, writeWorkspaceResults } from './workspaceScale';

benchWorkspaceScale(SERVER_JS, Number(process.env.BENCH_POLICY_FILES ?? 10_000)).then(
  (r) => process.stdout.write(writeWorkspaceResults(r, 'npm run bench:workspace')),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
