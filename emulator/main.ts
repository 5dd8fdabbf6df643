/**
 * `node dist/emulator.js --port 0 --ak AK --sk SK [--seed N] [--images N] [--policy FILE] [--latency MS]
 * [--fail-rate P] [--fault-seed N] [--state FILE] [--region R] [--max-tags N] [--password PW]`
 * Prints `IMS emulator listening on http://127.0.0.1:PORT` and `project_id: ID`, then serves until stopped.
 */
import { startEmulator, type EmulatorOptions } from './emulator';

const USAGE = `Usage: ims-emulator --ak AK --sk SK [--port 0] [--seed N] [--images N] [--policy FILE] [--latency MS]
                    [--fail-rate P] [--fault-seed N] [--retry-after S] [--state FILE] [--region R]
                    [--project-id ID] [--max-tags N] [--password PW]
A local IMS service on 127.0.0.1 for trying the tag APIs without a cloud account.`;

function fail(message: string): never {
  process.stderr.write(`ims-emulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]): EmulatorOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (!a.startsWith('--')) fail(`unexpected argument ${a}`);
    const [name, inline] = a.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value`);
    values.set(name, value);
  }
  const known = new Set(['port', 'ak', 'sk', 'seed', 'images', 'policy', 'latency', 'fail-rate', 'fault-seed', 'retry-after', 'state', 'region', 'project-id', 'max-tags', 'password', 'host']);
  for (const k of values.keys()) if (!known.has(k)) fail(`unknown option --${k}`);
  if (values.has('host') && !['127.0.0.1', 'localhost'].includes(values.get('host')!)) fail('the emulator listens on 127.0.0.1 only');
  const num = (k: string, min: number, max: number): number | undefined => {
    if (!values.has(k)) return undefined;
    const n = Number(values.get(k));
    if (!Number.isFinite(n) || n < min || n > max) fail(`--${k} must be a number from ${min} to ${max}`);
    return n;
  };
  const ak = values.get('ak');
  const sk = values.get('sk');
  if (!ak || !sk) fail('--ak and --sk are required: the access key and secret key clients sign with');
  return {
    ak, sk,
    port: num('port', 0, 65535), seed: num('seed', 0, 2 ** 31), images: num('images', 0, 1_000_000),
    policyFile: values.get('policy'), latencyMs: num('latency', 0, 60_000), failRate: num('fail-rate', 0, 1),
    faultSeed: num('fault-seed', 0, 2 ** 31), retryAfter: num('retry-after', 0, 3600), stateFile: values.get('state'),
    region: values.get('region'), projectId: values.get('project-id'), maxTags: num('max-tags', 1, 1000), password: values.get('password'),
  };
}

if (require.main === module) {
  startEmulator(parseArgs(process.argv.slice(2))).then((e) => {
    process.stdout.write(`IMS emulator listening on ${e.url}\nproject_id: ${e.projectId}\n`);
    const stop = () => e.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }).catch((err: Error) => fail(err.message));
}
