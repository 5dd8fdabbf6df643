/**
 * A client for the IMS tag APIs (and ListImages), driven by the catalogue: paths, methods, actions and
 * body schemas come from there. AK/SK signing or an IAM token; timeouts and cancellation; retries with
 * exponential backoff and jitter on 429, 5xx and network errors, honouring Retry-After, only where
 * repeating cannot change the outcome; tag rules checked before anything is sent.
 */
import { findApi } from '../catalogue';
import { signRequest, signingEncode } from '../auth/signer';
import { validateBody } from '../http/bodyValidation';
import { ImsError, ImsNetworkError, ImsValidationError, networkCause, parseErrorBody } from './errors';

export type Credentials =
  { kind: 'aksk'; ak: string; sk: string; securityToken?: string } | { kind: 'token'; token: () => Promise<string> };

/** The host of a request URL, for messages (the URL itself when it does not parse). */
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export interface ClientOptions {
  /** e.g. https://ims.cn-north-4.myhuaweicloud.com, or the emulator's http://127.0.0.1:PORT */
  endpoint: string;
  projectId: string;
  credentials: Credentials;
  timeoutMs?: number;
  /** Attempts in all, first one included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  fetch?: typeof fetch;
  /** Called after every HTTP exchange (for logs): never given secrets. */
  onExchange?: (e: Exchange) => void;
}

/** One HTTP exchange as the logs see it: never a secret. */
export interface Exchange {
  method: string;
  path: string;
  status: number | 'network-error';
  ms: number;
  requestId?: string;
  attempt: number;
}

/** What the transport needs of a call: a catalogue API, or an IAM operation (iamClient.ts). */
export interface RequestDescriptor {
  id: string;
  method: string;
  /** Safe to repeat: retried on 429, 5xx and network errors. */
  idempotent: boolean;
  /** For 401/403 messages: the actions the call needs (none known for IAM calls). */
  actions: readonly string[];
  contentType: string;
  /** IMS APIs carry X-Project-Id; IAM's global APIs do not. */
  global?: boolean;
  /** Headers of the call itself (IAM's X-Domain-Id, Access Analyzer's X-Language), signed with the rest. */
  headers?: Record<string, string>;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface Tag {
  key: string;
  value: string;
}

export interface ImageInfo {
  id: string;
  name: string;
  status?: string;
  __imagetype?: string;
  tags?: string[];
  [key: string]: unknown;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class ImsClient {
  private readonly fetch: typeof fetch;

  constructor(readonly options: ClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** Calls one catalogue API by id; answers the parsed JSON body (or undefined for 204). */
  async call<T = unknown>(apiId: string, call: CallOptions = {}): Promise<T> {
    const api = findApi(apiId);
    if (!api) throw new Error(`unknown IMS API ${apiId}`);
    if (api.bodySchema) {
      const problems = validateBody(api, call.body).map((e) => `${e.instancePath || 'body'} ${e.message}`);
      if (problems.length > 0)
        throw new ImsValidationError(
          `${api.id}: the request breaks the documented rules, nothing was sent: ${problems.join('; ')}`,
          problems,
        );
    }
    const params: Record<string, string> = { project_id: this.options.projectId, ...call.params };
    const path = api.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const v = params[name];
      if (v === undefined || v === '') throw new ImsValidationError(`${api.id}: path parameter ${name} is missing`, [name]);
      return signingEncode(v);
    });
    const query = Object.entries(call.query ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${signingEncode(k)}=${signingEncode(String(v))}`)
      .join('&');
    const url = `${this.options.endpoint.replace(/\/$/, '')}${path}${query ? `?${query}` : ''}`;
    const body = api.bodySchema ? JSON.stringify(call.body) : undefined;
    return this.send<T>(api, url, body, call.signal);
  }

  /** One call described by hand (IAM's APIs): signed, timed, retried where safe, errors parsed. */
  request<T>(desc: RequestDescriptor, pathAndQuery: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const url = `${this.options.endpoint.replace(/\/$/, '')}${pathAndQuery}`;
    return this.send<T>(desc, url, body === undefined ? undefined : JSON.stringify(body), signal);
  }

  private async headers(api: RequestDescriptor, url: string, body: string | undefined): Promise<Record<string, string>> {
    const base: Record<string, string> = { 'Content-Type': api.contentType, ...api.headers };
    if (!api.global) base['X-Project-Id'] = this.options.projectId;
    const c = this.options.credentials;
    if (c.kind === 'token') return { ...base, 'X-Auth-Token': await c.token() };
    if (c.securityToken) base['X-Security-Token'] = c.securityToken;
    return signRequest({ method: api.method, url, headers: base, body, ak: c.ak, sk: c.sk });
  }

  private async send<T>(api: RequestDescriptor, url: string, body: string | undefined, signal?: AbortSignal): Promise<T> {
    const max = this.options.maxAttempts ?? 4;
    const path = new URL(url).pathname;
    let lastError: unknown;
    for (let attempt = 1; attempt <= max; attempt++) {
      signal?.throwIfAborted();
      const started = Date.now();
      const { timeout, combined } = this.attemptSignal(signal);
      let response: Response;
      try {
        // Signed per attempt: a retry gets a fresh X-Sdk-Date.
        response = await this.fetch(url, {
          method: api.method,
          headers: await this.headers(api, url, body),
          body,
          signal: combined,
        });
      } catch (e) {
        this.options.onExchange?.({ method: api.method, path, status: 'network-error', ms: Date.now() - started, attempt });
        if (signal?.aborted) throw signal.reason;
        lastError = new ImsNetworkError(
          `${api.id}: ${timeout.aborted ? `no answer within ${(this.options.timeoutMs ?? 30_000) / 1000} s` : `cannot reach ${hostOf(url)}: ${networkCause(e)}`}`,
          e,
        );
        if (attempt < max && this.retryable(api)) {
          await sleep(this.delay(attempt), signal);
          continue;
        }
        throw lastError;
      }
      const text = await response.text().catch(() => '');
      const requestId = response.headers.get('x-request-id') ?? undefined;
      this.options.onExchange?.({
        method: api.method,
        path,
        status: response.status,
        ms: Date.now() - started,
        requestId,
        attempt,
      });
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      // A retried non-idempotent delete that finds nothing: the earlier attempt did it.
      if (response.status === 404 && attempt > 1 && api.method === 'DELETE' && !api.idempotent) return undefined as T;
      const err = parseErrorBody(text);
      const denied = response.status === 401 || response.status === 403;
      const failure = new ImsError(
        `${api.id} failed: ${response.status}${err.code ? ` ${err.code}` : ''}${err.message ? ` — ${err.message}` : ''}` +
          `${denied && api.actions.length ? ` (this call needs ${api.actions.join(' and ')})` : ''}`,
        response.status,
        err.code === undefined ? undefined : String(err.code),
        requestId,
        findApi(api.id),
        denied ? [...api.actions] : [],
      );
      lastError = failure;
      if (attempt < max && RETRYABLE_STATUS.has(response.status) && this.retryable(api)) {
        await sleep(this.retryAfter(response) ?? this.delay(attempt), signal);
        continue;
      }
      // Say how hard we tried: a person reading "503" should know it was not a single attempt.
      if (attempt > 1) failure.message += ` (gave up after ${attempt} attempts)`;
      throw failure;
    }
    throw lastError;
  }

  /** One attempt's signal: the caller's cancellation and the timeout, whichever comes first. */
  private attemptSignal(signal?: AbortSignal): { timeout: AbortSignal; combined: AbortSignal } {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    return { timeout, combined: signal ? AbortSignal.any([signal, timeout]) : timeout };
  }

  /** Idempotent calls repeat safely; DeleteImageTag too, since a 404 on a retry counts as done. */
  private retryable(api: RequestDescriptor): boolean {
    return api.idempotent || api.method === 'DELETE';
  }

  private delay(attempt: number): number {
    const base = this.options.baseDelayMs ?? 200;
    const cap = this.options.maxDelayMs ?? 5_000;
    const exp = Math.min(cap, base * 2 ** (attempt - 1));
    return exp / 2 + Math.random() * (exp / 2); // jitter: spread retries of a batch apart
  }

  private retryAfter(response: Response): number | undefined {
    const v = response.headers.get('retry-after');
    if (!v) return undefined;
    const seconds = Number(v);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(v) - Date.now();
    return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, this.options.maxDelayMs ?? 30_000) : undefined;
  }

  /**
   * One exchange for a request written by hand (the .http "Send request"): no validation and no
   * retries, so the person sees exactly what the service answers. Signed with the connection's
   * credentials, or, when `unsigned` (the file carries its own X-Auth-Token, or it is IAM's token
   * request), sent with the file's headers as they are.
   */
  async exchange(
    api: RequestDescriptor,
    pathAndQuery: string,
    body: string | undefined,
    signal?: AbortSignal,
    written: { headers?: Record<string, string>; unsigned?: boolean } = {},
  ): Promise<{ status: number; headers: Record<string, string>; text: string; ms: number }> {
    const url = `${this.options.endpoint.replace(/\/$/, '')}${pathAndQuery}`;
    const started = Date.now();
    const r = await this.fetch(url, {
      method: api.method,
      headers: written.unsigned ? { 'Content-Type': api.contentType, ...written.headers } : await this.headers(api, url, body),
      body,
      signal: this.attemptSignal(signal).combined,
    });
    const text = await r.text();
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      headers[k] = v;
    });
    this.options.onExchange?.({
      method: api.method,
      path: new URL(url).pathname,
      status: r.status,
      ms: Date.now() - started,
      requestId: headers['x-request-id'],
      attempt: 1,
    });
    return { status: r.status, headers, text, ms: Date.now() - started };
  }

  // Typed methods, one per API.
  glanceCreateTag(imageId: string, tag: string, signal?: AbortSignal): Promise<void> {
    return this.call('GlanceCreateTag', { params: { image_id: imageId, tag }, signal });
  }
  glanceDeleteTag(imageId: string, tag: string, signal?: AbortSignal): Promise<void> {
    return this.call('GlanceDeleteTag', { params: { image_id: imageId, tag }, signal });
  }
  createOrUpdateTags(body: { image_id: string; tag?: string; image_tag?: Tag }, signal?: AbortSignal): Promise<void> {
    return this.call('CreateOrUpdateTags', { body, signal });
  }
  listTags(query: Record<string, string | number> = {}, signal?: AbortSignal): Promise<{ tags: string[] }> {
    return this.call('ListTags', { query, signal });
  }
  listImageByTags(
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ total_count: number; resources?: Array<{ resource_id: string; resource_name: string; tags: Tag[] }> }> {
    return this.call('ListImageByTags', { body, signal });
  }
  batchAddOrDeleteTags(
    imageId: string,
    action: 'create' | 'delete',
    tags: Array<Tag | { key: string; value?: string }>,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.call('BatchAddOrDeleteTags', { params: { image_id: imageId }, body: { action, tags }, signal });
  }
  addImageTag(imageId: string, tag: Tag, signal?: AbortSignal): Promise<void> {
    return this.call('AddImageTag', { params: { image_id: imageId }, body: { tag }, signal });
  }
  deleteImageTag(imageId: string, key: string, signal?: AbortSignal): Promise<void> {
    return this.call('DeleteImageTag', { params: { image_id: imageId, key }, signal });
  }
  listImageTags(imageId: string, signal?: AbortSignal): Promise<{ tags: Tag[] }> {
    return this.call('ListImageTags', { params: { image_id: imageId }, signal });
  }
  listImagesTags(signal?: AbortSignal): Promise<{ tags: Array<{ key: string; values: string[] }> }> {
    return this.call('ListImagesTags', { signal });
  }
  batchDeleteTags(imageId: string, tags: Array<{ key: string; value?: string }>, signal?: AbortSignal): Promise<void> {
    return this.call('BatchDeleteTags', { params: { image_id: imageId }, body: { tags }, signal });
  }
  listImages(query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<{ images: ImageInfo[] }> {
    return this.call('ListImages', { query, signal });
  }

  /** ListImageByTags `filter` page by page (offset/limit are strings), up to `max` resources. */
  async *imagesByTags(
    filter: Record<string, unknown>,
    pageSize = 100,
    signal?: AbortSignal,
  ): AsyncGenerator<{ resource_id: string; resource_name: string; tags: Tag[] }> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.listImageByTags(
        { ...filter, action: 'filter', limit: String(pageSize), offset: String(offset) },
        signal,
      );
      const resources = page.resources ?? [];
      yield* resources;
      if (resources.length < pageSize) return;
    }
  }

  /** ListImages page by page with `marker` (the last image ID). */
  async *images(
    query: Record<string, string | number | undefined> = {},
    pageSize = 100,
    signal?: AbortSignal,
  ): AsyncGenerator<ImageInfo> {
    let marker: string | undefined;
    for (;;) {
      const page = await this.listImages({ ...query, limit: pageSize, marker }, signal);
      yield* page.images;
      if (page.images.length < pageSize) return;
      marker = page.images[page.images.length - 1].id;
    }
  }
}
