/**
 * The emulator's command line, read with `node:util` parseArgs: every option checked, with a message
 * that says what to give instead.
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import type { EmulatorOptions } from './emulator';

export const USAGE = `Usage: ims-emulator --ak AK --sk SK [--port 0] [--seed N] [--images N] [--policy FILE] [--latency MS]
                    [--fail-rate P] [--fault-seed N] [--retry-after S] [--state FILE] [--iam FILE] [--region R]
                    [--project-id ID] [--max-tags N] [--password PW]
A local IMS service on 127.0.0.1 for trying the tag APIs without a cloud account.`;

/** A command-line mistake: the message says what to give instead. */
export class UsageError extends Error {}

const STRING_OPTIONS = [
  'port',
  'ak',
  'sk',
  'seed',
  'images',
  'policy',
  'latency',
  'fail-rate',
  'fault-seed',
  'retry-after',
  'state',
  'iam',
  'region',
  'project-id',
  'max-tags',
  'password',
  'host',
] as const;

/** The options, or `'help'` when help was asked for. Throws UsageError on a mistake. */
export function parseArgs(argv: string[]): EmulatorOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseNodeArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(STRING_OPTIONS.map((o) => [o, { type: 'string' as const }])),
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  const str = (k: (typeof STRING_OPTIONS)[number]) => values[k] as string | undefined;
  const host = str('host');
  if (host !== undefined && !['127.0.0.1', 'localhost'].includes(host))
    throw new UsageError('the emulator listens on 127.0.0.1 only');
  const num = (k: (typeof STRING_OPTIONS)[number], min: number, max: number): number | undefined => {
    const raw = str(k);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new UsageError(`--${k} must be a number from ${min} to ${max}`);
    return n;
  };
  const ak = str('ak');
  const sk = str('sk');
  if (!ak || !sk) throw new UsageError('--ak and --sk are required: the access key and secret key clients sign with');
  return {
    ak,
    sk,
    port: num('port', 0, 65535),
    seed: num('seed', 0, 2 ** 31),
    images: num('images', 0, 1_000_000),
    policyFile: str('policy'),
    latencyMs: num('latency', 0, 60_000),
    failRate: num('fail-rate', 0, 1),
    faultSeed: num('fault-seed', 0, 2 ** 31),
    retryAfter: num('retry-after', 0, 3600),
    stateFile: str('state'),
    iamFile: str('iam'),
    region: str('region'),
    projectId: str('project-id'),
    maxTags: num('max-tags', 1, 1000),
    password: str('password'),
  };
}
