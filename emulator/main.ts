/**
 * `node dist/emulator.js --port 0 --ak AK --sk SK [options]` prints `IMS emulator listening on
 * http://127.0.0.1:PORT`, `project_id: ID`, `domain_id: ID` and `enterprise_project_id: ID`, then serves until stopped. The same bundle is what the
 * extension loads for the Sandbox, so it also exports `startEmulator`.
 */
import { USAGE, UsageError, parseArgs } from './cli';
import { startEmulator } from './emulator';

export { startEmulator };

/** A wrong command line is answered with the usage; any other failure to start, with its reason only. */
function fail(message: string, usage = true): never {
  process.stderr.write(`ims-emulator: ${message}\n${usage ? `${USAGE}\n` : ''}`);
  process.exit(usage ? 2 : 1);
}

async function main(argv: string[]): Promise<void> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const e = await startEmulator(options);
  process.stdout.write(
    `IMS emulator listening on ${e.url}\nproject_id: ${e.projectId}\ndomain_id: ${e.domainId}\nenterprise_project_id: ${e.enterpriseProjectId}\n`,
  );
  const stop = () => e.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) main(process.argv.slice(2)).catch((err: Error) => fail(err.message, false));
