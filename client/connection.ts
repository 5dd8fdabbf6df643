/**
 * The connection the explorer and "Send request" use: the real cloud (a region, AK/SK or an IAM user's
 * password, both kept in SecretStorage only) or the Sandbox, the local emulator started in-process on
 * loopback. Endpoint overrides are machine-scoped settings, and must be HTTPS unless on loopback, so a
 * cloned repository cannot send credentials elsewhere.
 */
import * as vscode from 'vscode';
import { IAM_ENDPOINT, IMS_ENDPOINT_TEMPLATE, accessAnalyzerEndpoint, stsEndpoint } from '../core/catalogue';
import { ImsClient, type Credentials } from '../core/client/imsClient';
import { lookupProjectId, tokenProvider } from '../core/client/iam';
import { IamClient, type IamEndpoints } from '../core/client/iamClient';
import type { Emulator } from '../emulator/emulator';
import { logExchange } from './log';
import { recordApi } from './sessionApis';
import type { StartEmulator } from './bundles';
import { settings } from './settings';

export const SANDBOX_AK = 'SANDBOX-AK';

/** Every exchange is logged (never a secret) and, if it is an IMS API, remembered for least privilege. */
const onExchange = (e: Parameters<typeof logExchange>[0]) => {
  logExchange(e);
  recordApi(e);
};

export type Connection =
  | {
      kind: 'cloud';
      region: string;
      projectId: string;
      endpoint: string;
      auth: 'aksk' | 'password';
      client: ImsClient;
      /** IAM's policy APIs with the same credentials (the Policies view). */
      iam: IamClient;
      /** An emulator on this machine (`npm start`'s, or any `ims-emulator`), reached by URL. */
      local?: boolean;
    }
  | { kind: 'sandbox'; emulator: Emulator; projectId: string; endpoint: string; client: ImsClient; iam: IamClient };

const SECRET_KEYS = ['imsTags.ak', 'imsTags.sk', 'imsTags.password'] as const;

/** Every service of a connection: IMS, and IAM with STS and Access Analyzer (where the region has it). */
export type Endpoints = { ims: string } & IamEndpoints;

/** Access Analyzer's findings in VS Code's display language (X-Language takes zh-cn or en-us). */
const findingsLanguage = (): 'en-us' | 'zh-cn' => (vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en-us');

export function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** An endpoint setting as a URL, or an error message saying what to do. */
export function checkEndpoint(value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return vscode.l10n.t('"{0}" is not a URL.', value);
  }
  if (url.protocol !== 'https:' && !isLoopback(url))
    return vscode.l10n.t('Endpoint {0} must use https:// (only 127.0.0.1/localhost may use http).', value);
  return url;
}

/** A local emulator's address: http or https on loopback only, so no credential leaves the machine. */
export function localEndpoints(value: string): Endpoints | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return vscode.l10n.t('"{0}" is not a URL.', value);
  }
  if (!isLoopback(url) || !/^https?:$/.test(url.protocol)) {
    return vscode.l10n.t('A local emulator must be on 127.0.0.1 or localhost, e.g. http://127.0.0.1:8090.');
  }
  const base = url.origin;
  // The emulator serves IMS, IAM, STS and Access Analyzer on one address.
  return { ims: base, iam: base, sts: base, accessAnalyzer: base };
}

/** What is remembered of the last connection (never a secret): enough to connect again as then. */
type LastConnection =
  | { kind: 'sandbox' }
  | {
      kind: 'cloud';
      region: string;
      projectId: string;
      auth: 'aksk' | 'password';
      domain?: string;
      user?: string;
      localUrl?: string;
    };

const LAST_CONNECTION = 'imsTags.lastConnection';
/** Addresses of local emulators connected to, the last first. */
const RECENT_LOCAL_URLS = 'imsTags.recentLocalEmulators';

/** A connection attempt overtaken by a newer one (a reconnect at startup, then the person's own). */
export class SupersededConnection extends Error {
  override readonly name = 'SupersededConnection';
  constructor() {
    super('A newer connection was made meanwhile.');
  }
}

export class ConnectionManager implements vscode.Disposable {
  private current?: Connection;
  /** Counts connection attempts: only the newest one may become the connection. */
  private attempts = 0;
  private readonly changed = new vscode.EventEmitter<Connection | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    /** Loads the emulator when the Sandbox first opens (bundles.ts loads dist/emulator.js only then). */
    private readonly loadEmulator: () => StartEmulator,
  ) {}

  get connection(): Connection | undefined {
    return this.current;
  }

  /** Starts the in-process emulator with fresh random credentials that never leave this process. */
  async connectSandbox(
    options: { seed?: number; images?: number; policyFile?: string; latencyMs?: number; failRate?: number } = {},
  ): Promise<Connection> {
    const attempt = ++this.attempts;
    await this.disconnect();
    const sk = `sandbox-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const emulator = await this.loadEmulator()({
      ak: SANDBOX_AK,
      sk,
      seed: options.seed ?? 1,
      images: options.images ?? 40,
      policyFile: options.policyFile,
      latencyMs: options.latencyMs,
      failRate: options.failRate,
    });
    const clientOptions = {
      endpoint: emulator.url,
      projectId: emulator.projectId,
      credentials: { kind: 'aksk' as const, ak: SANDBOX_AK, sk },
      onExchange,
    };
    const client = new ImsClient(clientOptions);
    // The emulator serves IAM, STS and Access Analyzer on the same address.
    const iam = new IamClient({ ...clientOptions, language: findingsLanguage });
    if (attempt !== this.attempts) {
      await emulator.close();
      throw new SupersededConnection();
    }
    this.current = { kind: 'sandbox', emulator, projectId: emulator.projectId, endpoint: emulator.url, client, iam };
    await this.state.update(LAST_CONNECTION, { kind: 'sandbox' } satisfies LastConnection);
    this.changed.fire(this.current);
    return this.current;
  }

  /** Each service's endpoint in a region, or what is wrong with a setting that overrides one. */
  endpoints(region: string): Endpoints | string {
    const { endpoint } = settings();
    const ims = endpoint.ims || IMS_ENDPOINT_TEMPLATE.replace('{region}', region);
    const iam = endpoint.iam || IAM_ENDPOINT;
    const sts = endpoint.sts || stsEndpoint(region);
    const accessAnalyzer = endpoint.accessAnalyzer || accessAnalyzerEndpoint(region);
    for (const e of [ims, iam, sts, accessAnalyzer]) {
      if (e === undefined) continue;
      const checked = checkEndpoint(e);
      if (typeof checked === 'string') return checked;
    }
    return { ims: ims.replace('{region}', region), iam, sts, ...(accessAnalyzer ? { accessAnalyzer } : {}) };
  }

  /** Connects to the cloud, or to a local emulator by URL, with credentials already in SecretStorage. */
  async connectCloud(opts: {
    region: string;
    projectId?: string;
    auth: 'aksk' | 'password';
    domain?: string;
    user?: string;
    /** A local emulator's URL (loopback only): it serves IMS and IAM on one address. */
    localUrl?: string;
  }): Promise<Connection> {
    const attempt = ++this.attempts;
    const endpoints = opts.localUrl ? localEndpoints(opts.localUrl) : this.endpoints(opts.region);
    if (typeof endpoints === 'string') throw new Error(endpoints);
    let credentials: Credentials;
    let projectId = opts.projectId;
    if (opts.auth === 'aksk') {
      const ak = await this.secrets.get('imsTags.ak');
      const sk = await this.secrets.get('imsTags.sk');
      if (!ak || !sk)
        throw new Error(vscode.l10n.t('No access key stored: run "IMS: Connect to Huawei Cloud" and enter your AK/SK.'));
      credentials = { kind: 'aksk', ak, sk };
      projectId ??= await lookupProjectId({ iamEndpoint: endpoints.iam, region: opts.region, ak, sk });
    } else {
      const password = await this.secrets.get('imsTags.password');
      if (!password || !opts.user || !opts.domain)
        throw new Error(vscode.l10n.t('No password stored: run "IMS: Connect to Huawei Cloud" and sign in.'));
      const token = tokenProvider({
        iamEndpoint: endpoints.iam,
        domain: opts.domain,
        user: opts.user,
        password,
        projectName: opts.region,
      });
      credentials = { kind: 'token', token };
      // The token is scoped to the region's project: its body names the project.
      projectId ??= await token.projectId();
      if (!projectId) throw new Error(vscode.l10n.t('With a password, give the project ID too.'));
    }
    if (attempt !== this.attempts) throw new SupersededConnection();
    await this.disconnect();
    const client = new ImsClient({ endpoint: endpoints.ims, projectId, credentials, onExchange });
    const iam = new IamClient({
      endpoint: endpoints.iam,
      endpoints,
      projectId,
      credentials,
      onExchange,
      language: findingsLanguage,
    });
    this.current = {
      kind: 'cloud',
      region: opts.region,
      projectId,
      endpoint: endpoints.ims,
      auth: opts.auth,
      client,
      iam,
      local: opts.localUrl !== undefined,
    };
    // Only what is not secret is remembered in the extension's state.
    await this.state.update(LAST_CONNECTION, {
      kind: 'cloud',
      region: opts.region,
      projectId,
      auth: opts.auth,
      domain: opts.domain,
      user: opts.user,
      localUrl: opts.localUrl,
    } satisfies LastConnection);
    if (opts.localUrl) {
      const recent = this.recentLocalUrls().filter((u) => u !== opts.localUrl);
      await this.state.update(RECENT_LOCAL_URLS, [opts.localUrl, ...recent].slice(0, 5));
    }
    this.changed.fire(this.current);
    return this.current;
  }

  /** Local emulators connected to before, the last first (addresses only). */
  recentLocalUrls(): string[] {
    const urls = this.state.get<unknown>(RECENT_LOCAL_URLS);
    return Array.isArray(urls)
      ? urls.filter((u): u is string => typeof u === 'string' && typeof localEndpoints(u) !== 'string')
      : [];
  }

  /**
   * The last connection again, without asking (a reload, a new window): the Sandbox, or AK/SK while the
   * keys are still in SecretStorage. Never a password sign-in: a token is not asked for unasked. Undefined
   * when there is nothing to restore; a newer connection made meanwhile wins (SupersededConnection).
   */
  async restore(): Promise<Connection | undefined> {
    const last = this.state.get<LastConnection>(LAST_CONNECTION);
    if (this.current || !last) return undefined;
    const started = this.attempts;
    if (last.kind === 'sandbox') return this.connectSandbox();
    if (last.kind !== 'cloud' || last.auth !== 'aksk' || typeof last.region !== 'string') return undefined;
    const stored = await this.storedSecretNames();
    if (!stored.includes('imsTags.ak') || !stored.includes('imsTags.sk')) return undefined;
    // Someone connected while the keys were looked up: theirs stands.
    if (this.attempts !== started) throw new SupersededConnection();
    return this.connectCloud({ region: last.region, projectId: last.projectId, auth: 'aksk', localUrl: last.localUrl });
  }

  /** Which credentials are stored (names only, never values): for tests and "is anything stored?". */
  async storedSecretNames(): Promise<string[]> {
    const present = await Promise.all(SECRET_KEYS.map(async (k) => ((await this.secrets.get(k)) ? k : undefined)));
    return present.filter((k): k is (typeof SECRET_KEYS)[number] => k !== undefined);
  }

  async storeSecrets(values: Partial<Record<'ak' | 'sk' | 'password', string>>): Promise<void> {
    for (const [k, v] of Object.entries(values)) if (v) await this.secrets.store(`imsTags.${k}`, v);
  }

  async signOut(): Promise<void> {
    for (const k of SECRET_KEYS) await this.secrets.delete(k);
    await this.state.update(LAST_CONNECTION, undefined);
    await this.disconnect();
  }

  async disconnect(): Promise<void> {
    const c = this.current;
    this.current = undefined;
    if (c?.kind === 'sandbox') await c.emulator.close();
    if (c) this.changed.fire(undefined);
  }

  dispose(): void {
    void this.disconnect();
    this.changed.dispose();
  }
}
