/**
 * A local IMS service on loopback: the tag APIs and image listing (handlers.ts) with the documented
 * status codes and bodies, IAM tokens and projects (iam.ts), SDK-HMAC-SHA256 signature checks
 * (auth.ts), optional policy enforcement with the language server's evaluator, and fault injection
 * (faults.ts). Routes come from the catalogue.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_REGION, TAG_RULES } from '../core/catalogue';
import { routeFor } from '../core/http/imsRequest';
import type { PolicySource } from '../core/policy/evaluator';
import { parseJson } from '../core/policy/policyDocument';
import { Authenticator } from './auth';
import { Faults } from './faults';
import { checkBody, imsHandlers } from './handlers';
import { HttpError, notFound, parseJsonBody, readBody, send } from './http';
import { IamAccount } from './iam/account';
import { judgeCall, refusal } from './iam/enforcement';
import { imsRequestContext } from './iam/requestContext';
import { IamService } from './iam/index';
import type { IamData } from './iam/model';
import { seedIam } from './iam/seed';
import { decodeOrUndefined } from '../core/util/decode';
import { stateWriter } from './stateFile';
import { ImageStore, TagQuotaError, seedImages } from './store';

export interface EmulatorOptions {
  port?: number;
  ak: string;
  sk: string;
  seed?: number;
  images?: number;
  region?: string;
  projectId?: string;
  /** Password accepted by POST /v3/auth/tokens (any user name); defaults to the SK. */
  password?: string;
  policyFile?: string;
  latencyMs?: number;
  failRate?: number;
  faultSeed?: number;
  /** Seconds in the Retry-After of injected 429s. */
  retryAfter?: number;
  stateFile?: string;
  maxTags?: number;
  /** Users, groups, keys, policies and grants to start with (seed.ts), when the state file has no IAM yet. */
  iamFile?: string;
}

export interface Emulator {
  url: string;
  port: number;
  projectId: string;
  /** The account's domain, its administrator and its one enterprise project. */
  domainId: string;
  enterpriseProjectId: string;
  iam: IamAccount;
  store: ImageStore;
  /** Requests answered, and faults injected, by kind. */
  stats: { requests: number; faults: Record<string, number>; applied: number };
  /** The tokens it issued (tests search logs for them). */
  issuedTokens(): string[];
  close(): Promise<void>;
}

function loadPolicy(file: string): PolicySource {
  const model = parseJson(readFileSync(file, 'utf8')).policy;
  if (!model) throw new Error(`${file} is not an IAM policy (a JSON object with "Statement")`);
  return { uri: file, model };
}

/** The state file: `{"images": [...], "iam": {...}}` (an array alone is the images of an older emulator). */
async function loadState(options: EmulatorOptions, maxTags: number): Promise<{ store: ImageStore; iam?: IamData }> {
  const seeded = () => ({ store: new ImageStore(seedImages(options.seed ?? 1, options.images ?? 30), maxTags) });
  if (!options.stateFile) return seeded();
  try {
    const json = JSON.parse(await fs.readFile(options.stateFile, 'utf8')) as unknown;
    const images = Array.isArray(json) ? json : (json as { images: unknown }).images;
    return {
      store: ImageStore.fromJSON(images, maxTags),
      iam: Array.isArray(json) ? undefined : (json as { iam?: IamData }).iam,
    };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`could not read the state file ${options.stateFile}: ${(e as Error).message}`, { cause: e });
    }
    return seeded();
  }
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const maxTags = options.maxTags ?? TAG_RULES.maxTagsPerImage;
  const region = options.region ?? DEFAULT_REGION;
  // Project IDs are 32 hex characters, like the real ones; the seed fixes it.
  const projectId =
    options.projectId ??
    createHash('sha256')
      .update(`ims-emulator-${options.seed ?? 1}`)
      .digest('hex')
      .slice(0, 32);
  const { store, iam: savedIam } = await loadState(options, maxTags);
  const seed = options.seed ?? 1;
  const account = savedIam ? new IamAccount(savedIam, projectId, region, seed) : IamAccount.empty(projectId, region, seed);
  const policy = options.policyFile ? loadPolicy(options.policyFile) : undefined;
  const userActive = (userId: string) =>
    userId === account.adminUserId || account.data.users.some((u) => u.id === userId && u.enabled);
  const auth = new Authenticator((ak) => {
    if (ak === options.ak) return { sk: options.sk, userId: account.adminUserId };
    const key = account.data.accessKeys.find((k) => k.access === ak && k.status === 'active');
    return key && userActive(key.userId) ? { sk: key.secret, userId: key.userId } : undefined;
  }, userActive);
  const iam = new IamService(account, auth, options.password ?? options.sk);
  // The seed file fills a new account only: with --state, later starts keep what the API changed since.
  if (options.iamFile && !savedIam) seedIam(iam, options.iamFile);
  const faults = new Faults(options.failRate, options.faultSeed ?? 7);
  const stats = { requests: 0, faults: faults.counts, applied: 0 };
  const state = await stateWriter(options.stateFile, () => ({ images: store.toJSON(), iam: account.data }));
  /** A change is answered only once it is on disk; a failed write is a 500, and said on stderr. */
  const saved = async (): Promise<void> => {
    try {
      await state.persist();
    } catch (e) {
      process.stderr.write(`IMS emulator: the state file could not be written: ${(e as Error).message}\n`);
      throw new HttpError(500, 'IMG.0500', 'The change was made but could not be saved to the state file.');
    }
  };
  const handlers = imsHandlers(store);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    const raw = await readBody(req);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const url = new URL(req.url ?? '/', 'http://emulator');
    const iamAnswer = iam.handle(req, url, raw);
    if (iamAnswer) {
      if (iamAnswer.changed) await saved();
      return send(res, iamAnswer.status, iamAnswer.body, iamAnswer.headers);
    }
    // Matched on the raw path, then each parameter decoded: `%2F` in an image id is part of the id, never
    // a separator that reaches another image's route.
    const { hit, others } = routeFor(req.method ?? 'GET', url.pathname);
    if (!hit) {
      if (others.length) {
        const methods = [...new Set(others.map((c) => c.api.method))].join(' or ');
        throw new HttpError(405, 'IMG.0405', `${req.method} is not supported on ${url.pathname}: use ${methods}`);
      }
      throw notFound(`API ${req.method} ${url.pathname}`);
    }
    for (const [name, value] of Object.entries(hit.params)) {
      const decoded = decodeOrUndefined(value);
      if (decoded === undefined) throw new HttpError(400, 'IMG.0001', `the path has a malformed percent-escape in ${name}`);
      hit.params[name] = decoded;
    }
    const callerId = auth.authenticate(req, raw);
    const api = hit.api;
    if (api.pathParams.some((p) => p.name === 'project_id') && hit.params.project_id !== projectId) {
      throw new HttpError(400, 'IMG.0001', `project ${hit.params.project_id} is not this emulator's project (${projectId})`);
    }
    // --policy is a shorthand: that one policy stands for the administrator's permissions.
    // 5.0 policies are judged in 5.0's actions, on the image's URN, with their Conditions evaluated against
    // the call: the caller, the image's tags, the tags it sets (core/policy/apiActions.ts, conditions.ts).
    const context = imsRequestContext(account, store, callerId, api, hit.params, raw.toString('utf8'));
    const { missing, reasons } = policy
      ? judgeCall(account, [policy], api, hit.params.image_id, context)
      : refusal(account, callerId, api, projectId, hit.params.image_id, context);
    if (missing.length)
      throw new HttpError(403, 'IMG.0403', [`Policy doesn't allow ${missing.join(', ')} to be performed.`, ...reasons].join(' '));
    const injected = faults.next();
    if (injected && injected !== 'drop') {
      faults.count(injected);
      const a = Faults.answer(injected, options.retryAfter ?? 1);
      return send(res, a.status, a.body, a.headers);
    }
    let body: unknown;
    if (api.bodySchema) {
      body = parseJsonBody(raw, 'IMG.0001');
      checkBody(api, body);
    }
    const result = handlers[api.id](hit.params, body, url.searchParams);
    if (!api.readOnly) {
      stats.applied++;
      await saved();
    }
    if (injected === 'drop') {
      // The change is applied, then the connection dies before the answer: the client must not apply it twice.
      faults.count('drop');
      req.socket.destroy();
      return;
    }
    send(res, result.status, result.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent || !req.socket || req.socket.destroyed) return;
      if (e instanceof HttpError)
        return send(res, e.status, e.body ?? { error: { code: e.code, message: e.message } }, e.headers);
      if (e instanceof TagQuotaError) return send(res, 400, { error: { code: 'IMG.0116', message: e.message } });
      send(res, 500, { error: { code: 'IMG.0500', message: `emulator error: ${(e as Error).message}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the emulator is never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    projectId,
    domainId: account.domainId,
    enterpriseProjectId: account.enterpriseProjectId,
    iam: account,
    store,
    stats,
    issuedTokens: () => auth.issued(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await state.settled();
    },
  };
}
