/**
 * IAM's own authorization schema of IMS, the authority of the 5.0 model (core/catalogue/iam5): read once per
 * connection, kept on disk per IAM endpoint with the date it was read (a later connection that IAM will not
 * answer, for lack of read access or offline, uses that copy), read again by "IMS: Refresh the IAM 5.0 Schema", and handed to the
 * language server. Without one (no connection, IAM refuses, nothing cached) the shipped snapshot stands.
 */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { Iam5Model, SNAPSHOT_MODEL, type SchemaOrigin } from '../core/catalogue/iam5/model';
import { readAuthorizationSchema, type AuthorizationSchema } from '../core/catalogue/iam5/schemaTypes';
import type { Connection, ConnectionManager } from './connection';
import { log } from './log';

/** What the client hands the server (core/protocol.ts AUTHORIZATION_SCHEMA_NOTIFICATION). */
export interface LiveSchema {
  schema: AuthorizationSchema;
  endpoint: string;
  readAt: string;
}

export class AuthorizationSchemas implements vscode.Disposable {
  private live?: LiveSchema;
  private model: Iam5Model = SNAPSHOT_MODEL;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly storage: vscode.Uri,
  ) {
    this.subscription = connections.onDidChange((c) => void this.load(c, false));
  }

  /** The 5.0 model in force: IAM's schema when read (or cached), else the snapshot. */
  get current(): Iam5Model {
    return this.model;
  }

  get liveSchema(): LiveSchema | undefined {
    return this.live;
  }

  /** Reads IAM's schema again now, for the connection (the refresh command). */
  async refresh(): Promise<Iam5Model> {
    const c = this.connections.connection;
    if (!c) throw new Error(vscode.l10n.t('Not connected to IMS: open the Sandbox or connect to Huawei Cloud first.'));
    await this.load(c, true);
    return this.model;
  }

  private cacheUri(endpoint: string): vscode.Uri {
    const key = createHash('sha256').update(endpoint).digest('hex').slice(0, 16);
    return vscode.Uri.joinPath(this.storage, 'iam5-schemas', `${key}.json`);
  }

  private async load(c: Connection | undefined, throwOnFailure: boolean): Promise<void> {
    if (!c) return this.use(undefined);
    // Restricted Mode sends nothing (a connection made before trust was withdrawn included): the snapshot stands.
    if (!vscode.workspace.isTrusted) return this.use(undefined);
    const endpoint = c.iam.endpoint;
    // IAM's answer first, every connection: the copy on disk is for when IAM will not answer (no read
    // access, offline), never in place of a newer answer.
    try {
      const schema = readAuthorizationSchema(await c.iam.authorizationSchema('ims'));
      if (!schema) throw new Error('the answer holds no action');
      const live = { schema, endpoint, readAt: new Date().toISOString() };
      await this.writeCache(live);
      log().info(`Read IAM's authorization schema of IMS from ${endpoint}: ${schema.actions.length} actions.`);
      this.use(live);
    } catch (e) {
      // IAM may refuse (no read access) or be unreachable: the cache, else the snapshot, stands.
      const fallback = await this.readCache(endpoint);
      log().warn(
        `IAM's authorization schema of IMS could not be read from ${endpoint} (${(e as Error).message}); ` +
          (fallback ? `using the copy read ${fallback.readAt}.` : 'using the shipped snapshot.'),
      );
      this.use(fallback);
      if (throwOnFailure) throw e;
    }
  }

  private use(live: LiveSchema | undefined): void {
    // Nothing changed (no schema before, none now): nobody needs telling.
    if (!live && !this.live) return;
    this.live = live;
    const origin: SchemaOrigin = live ? { kind: 'live', endpoint: live.endpoint, readAt: live.readAt } : { kind: 'snapshot' };
    this.model = live ? new Iam5Model(live.schema, origin) : SNAPSHOT_MODEL;
    this.changed.fire();
  }

  private async readCache(endpoint: string): Promise<LiveSchema | undefined> {
    try {
      const raw = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.cacheUri(endpoint)))) as {
        schema?: unknown;
        endpoint?: unknown;
        readAt?: unknown;
      };
      const schema = readAuthorizationSchema(raw.schema);
      // A file of another endpoint (a hash collision) or of the wrong shape is not used.
      return schema && raw.endpoint === endpoint && typeof raw.readAt === 'string'
        ? { schema, endpoint, readAt: raw.readAt }
        : undefined;
    } catch {
      return undefined;
    }
  }

  private async writeCache(live: LiveSchema): Promise<void> {
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.storage, 'iam5-schemas'));
      await vscode.workspace.fs.writeFile(this.cacheUri(live.endpoint), new TextEncoder().encode(JSON.stringify(live)));
    } catch (e) {
      log().warn(`The authorization schema could not be cached: ${(e as Error).message}`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
