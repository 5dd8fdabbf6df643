/**
 * A local IMS service on loopback: the tag APIs and image listing with the documented status codes and
 * bodies, IAM token and project endpoints, SDK-HMAC-SHA256 signature checks, optional policy enforcement
 * with the language server's evaluator, and fault injection. Routes come from the catalogue.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TAG_RULES, type ImsApi } from '../core/catalogue';
import { verifyRequest } from '../core/auth/signer';
import { validateBody } from '../core/http/bodyValidation';
import { templatesFor } from '../core/http/imsRequest';
import { evaluateAction, type PolicySource } from '../core/policy/evaluator';
import { parseJson } from '../core/policy/policyDocument';
import { seededRandom } from '../core/util/random';
import { aggregateTags, imagesByTags, listImages, tagList, type ByTagsBody } from './queries';
import { ImageStore, TagQuotaError, seedImages, splitLegacyTag, type Image } from './store';

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
}

export interface Emulator {
  url: string;
  port: number;
  projectId: string;
  store: ImageStore;
  /** Requests answered, and faults injected, by kind. */
  stats: { requests: number; faults: Record<string, number>; applied: number };
  /** The tokens it issued (tests search logs for them). */
  issuedTokens(): string[];
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

const notFound = (what: string) => new HttpError(404, 'IMG.0404', `${what} not found`);

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'x-request-id': randomBytes(16).toString('hex'), ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1024 * 1024) throw new HttpError(413, 'IMG.0001', 'request body larger than 1 MB');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

function loadPolicy(file: string): PolicySource {
  const model = parseJson(readFileSync(file, 'utf8')).policy;
  if (!model) throw new Error(`${file} is not an IAM policy (a JSON object with "Statement")`);
  return { uri: file, model };
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const maxTags = options.maxTags ?? TAG_RULES.maxTagsPerImage;
  const region = options.region ?? 'cn-north-4';
  // Project IDs are 32 hex characters, like the real ones; the seed fixes it.
  const projectId = options.projectId ?? createHash('sha256').update(`ims-emulator-${options.seed ?? 1}`).digest('hex').slice(0, 32);
  let store: ImageStore;
  try {
    store = options.stateFile ? ImageStore.fromJSON(JSON.parse(await fs.readFile(options.stateFile, 'utf8')), maxTags) : new ImageStore(seedImages(options.seed ?? 1, options.images ?? 30), maxTags);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`could not read the state file ${options.stateFile}: ${(e as Error).message}`);
    store = new ImageStore(seedImages(options.seed ?? 1, options.images ?? 30), maxTags);
  }
  const policy = options.policyFile ? loadPolicy(options.policyFile) : undefined;
  const tokens = new Map<string, number>();
  const faultRandom = seededRandom(options.faultSeed ?? 7);
  const stats = { requests: 0, faults: {} as Record<string, number>, applied: 0 };

  let saving: Promise<void> = Promise.resolve();
  const persist = () => {
    if (!options.stateFile) return;
    const file = options.stateFile;
    // Written atomically: a crash leaves the old file or the new one, never half of one.
    saving = saving.then(async () => {
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(store.toJSON()));
      await fs.rename(tmp, file);
    }).catch(() => undefined);
  };

  const image = (id: string): Image => store.get(id) ?? (() => { throw notFound(`image ${id}`); })();

  /** The two single-tag deletes are not idempotent: a key that is not there answers 404. */
  const deleteExisting = (imageId: string, key: string) => {
    const img = image(imageId);
    if (!img.tags.has(key)) throw notFound(`tag ${key}`);
    img.tags.delete(key);
    return { status: 204 };
  };

  const checkBody = (api: ImsApi, body: unknown) => {
    const errors = validateBody(api, body);
    if (errors.length === 0) return;
    const tagProblem = errors.some((e) => /\/(key|value)$/.test(e.instancePath) || e.keyword === 'maxItems');
    throw new HttpError(400, tagProblem ? 'IMG.0115' : 'IMG.0001', `invalid request body: ${errors.map((e) => `${e.instancePath || 'body'} ${e.message}`).join('; ')}`);
  };

  const handlers: Record<string, (p: Record<string, string>, body: unknown, query: URLSearchParams) => { status: number; body?: unknown }> = {
    GlanceCreateTag: (p) => {
      if (p.tag.includes('=') || p.tag.length > TAG_RULES.nativeTagMax) throw new HttpError(400, 'IMG.0115', `tag ${p.tag} is invalid: at most ${TAG_RULES.nativeTagMax} characters, no "="`);
      store.setTags(image(p.image_id), [{ key: p.tag, value: '' }]);
      return { status: 204 };
    },
    GlanceDeleteTag: (p) => deleteExisting(p.image_id, p.tag),
    CreateOrUpdateTags: (_p, body) => {
      const b = body as { image_id: string; tag?: string; image_tag?: { key: string; value: string } };
      store.setTags(image(b.image_id), [b.image_tag ?? splitLegacyTag(b.tag!)]);
      return { status: 204 };
    },
    ListTags: (_p, _b, q) => {
      const all = [...new Set(store.all().flatMap((i) => [...i.tags].map(([k, v]) => `${k}=${v}`)))].sort();
      const limit = Number(q.get('limit') ?? all.length) || all.length;
      const page = Math.max(1, Number(q.get('page') ?? 1));
      return { status: 200, body: { tags: all.slice((page - 1) * limit, page * limit) } };
    },
    ListImageByTags: (_p, body) => {
      const b = body as ByTagsBody;
      const matched = imagesByTags(store.all(), b);
      if (b.action === 'count') return { status: 200, body: { total_count: matched.length } };
      const offset = Number(b.offset ?? '0');
      const limit = Number(b.limit ?? '10');
      return {
        status: 200,
        body: {
          total_count: matched.length,
          resources: matched.slice(offset, offset + limit).map((i) => ({ resource_id: i.id, resource_name: i.name, resource_detail: { status: i.status }, tags: tagList(i) })),
        },
      };
    },
    BatchAddOrDeleteTags: (p, body) => {
      const b = body as { action: 'create' | 'delete'; tags: Array<{ key: string; value: string }> };
      const keys = b.tags.map((t) => t.key);
      if (new Set(keys).size !== keys.length) throw new HttpError(400, 'IMG.0115', 'tag keys must be unique in one request');
      const img = image(p.image_id);
      if (b.action === 'create') store.setTags(img, b.tags);
      else store.deleteTags(img, b.tags);
      return { status: 204 };
    },
    AddImageTag: (p, body) => {
      store.setTags(image(p.image_id), [(body as { tag: { key: string; value: string } }).tag]);
      return { status: 204 };
    },
    DeleteImageTag: (p) => deleteExisting(p.image_id, p.key),
    ListImageTags: (p) => ({ status: 200, body: { tags: tagList(image(p.image_id)) } }),
    ListImagesTags: () => ({ status: 200, body: { tags: aggregateTags(store.all()) } }),
    BatchDeleteTags: (p, body) => {
      store.deleteTags(image(p.image_id), (body as { tags: Array<{ key: string; value?: string }> }).tags);
      return { status: 204 };
    },
    ListImages: (_p, _b, q) => {
      const r = listImages(store.all(), q);
      if ('error' in r) throw new HttpError(400, 'IMG.0001', r.error);
      return { status: 200, body: r };
    },
  };

  const authenticate = (req: IncomingMessage, raw: Buffer) => {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') {
      const expires = tokens.get(token);
      if (!expires || expires < Date.now()) throw new HttpError(401, 'APIGW.0301', 'The token must be updated: it is unknown or expired');
      return;
    }
    const v = verifyRequest({ method: req.method!, rawUrl: req.url!, headers: req.headers, body: raw }, (ak) => (ak === options.ak ? options.sk : undefined));
    if (!v.ok) throw new HttpError(401, v.reason.startsWith('signature expired') ? 'APIG.0303' : 'APIGW.0301', `Incorrect IAM authentication information: ${v.reason}`);
  };

  const iam = (req: IncomingMessage, url: URL, raw: Buffer): { status: number; body?: unknown; headers?: Record<string, string> } | undefined => {
    if (req.method === 'POST' && url.pathname === '/v3/auth/tokens') {
      let body: { auth?: { identity?: { password?: { user?: { name?: string; password?: string } } } } };
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'IAM.0001', 'the body is not JSON');
      }
      const user = body.auth?.identity?.password?.user;
      if (!user?.name || user.password !== (options.password ?? options.sk)) throw new HttpError(401, 'IAM.0002', 'The username or password is incorrect.');
      const token = `emulator-token-${randomBytes(24).toString('hex')}`;
      const expires = Date.now() + 24 * 3600_000;
      tokens.set(token, expires);
      return { status: 201, body: { token: { expires_at: new Date(expires).toISOString(), project: { id: projectId, name: region } } }, headers: { 'x-subject-token': token } };
    }
    if (req.method === 'GET' && url.pathname === '/v3/projects') {
      authenticate(req, raw);
      const name = url.searchParams.get('name');
      return { status: 200, body: { projects: !name || name === region ? [{ id: projectId, name: region }] : [] } };
    }
    return undefined;
  };

  const fault = (): string | undefined => {
    if (!options.failRate || faultRandom() >= options.failRate) return undefined;
    return ['500', '503', '429', 'drop'][Math.floor(faultRandom() * 4)];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    const raw = await readBody(req);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const url = new URL(req.url ?? '/', 'http://emulator');
    const iamAnswer = iam(req, url, raw);
    if (iamAnswer) return send(res, iamAnswer.status, iamAnswer.body, iamAnswer.headers);
    const candidates = templatesFor(url.pathname.split('/').map((s) => { try { return decodeURIComponent(s); } catch { return s; } }).join('/'));
    const match = candidates.find((c) => c.api.method === req.method);
    if (!match) {
      if (candidates.length) throw new HttpError(405, 'IMG.0405', `${req.method} is not supported on ${url.pathname}: use ${[...new Set(candidates.map((c) => c.api.method))].join(' or ')}`);
      throw notFound(`API ${req.method} ${url.pathname}`);
    }
    authenticate(req, raw);
    const api = match.api;
    if (api.pathParams.some((p) => p.name === 'project_id') && match.params.project_id !== projectId) throw new HttpError(400, 'IMG.0001', `project ${match.params.project_id} is not this emulator's project (${projectId})`);
    if (policy) {
      const missing = api.actions.filter((a) => ['notGranted', 'denied'].includes(evaluateAction(a, [policy]).decision));
      if (missing.length) throw new HttpError(403, 'IMG.0403', `Policy doesn't allow ${missing.join(', ')} to be performed.`);
    }
    const injected = fault();
    if (injected && injected !== 'drop') {
      stats.faults[injected] = (stats.faults[injected] ?? 0) + 1;
      const status = Number(injected);
      return send(res, status, { error: { code: status === 429 ? 'APIGW.0308' : 'IMG.0500', message: status === 429 ? 'Too many requests' : 'injected fault' } }, status === 429 ? { 'retry-after': String(options.retryAfter ?? 1) } : {});
    }
    let body: unknown;
    if (api.bodySchema) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'IMG.0001', 'the request body is not JSON');
      }
      checkBody(api, body);
    }
    const result = handlers[api.id](match.params, body, url.searchParams);
    if (api.method !== 'GET' && !(api.id === 'ListImageByTags')) {
      stats.applied++;
      persist();
    }
    if (injected === 'drop') {
      // The change is applied, then the connection dies before the answer: the client must not apply it twice.
      stats.faults.drop = (stats.faults.drop ?? 0) + 1;
      req.socket.destroy();
      return;
    }
    send(res, result.status, result.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent || req.socket.destroyed) return;
      if (e instanceof HttpError) return send(res, e.status, { error: { code: e.code, message: e.message } }, e.headers);
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
    url: `http://127.0.0.1:${port}`, port, projectId, store, stats,
    issuedTokens: () => [...tokens.keys()],
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await saving;
    },
  };
}
