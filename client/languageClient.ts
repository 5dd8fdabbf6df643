/** The language client of the policy and .http server (`dist/server.js`), started and stopped by the context. */
import type { IdentityAccess } from '../core/access/identityAccess';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { LiveSchema } from './authorizationSchema';
import {
  AUTHORIZATION_SCHEMA_NOTIFICATION,
  IDENTITY_ACCESS_NOTIFICATION,
  RESOURCE_CONTEXT_NOTIFICATION,
  SERVED_LANGUAGES,
  SETTING_SECTIONS,
  WORKSPACE_TRUST_NOTIFICATION,
  type AskServer,
  type AuthorizationSchemaParams,
  type InitializationOptions,
  type ResourceContext,
  type WorkspaceTrustParams,
  TAG_CHANGE_IMPACT_REQUEST,
  type TagChangeImpactParams,
  type TagChangeImpactResult,
} from '../core/protocol';

/**
 * VS Code's own JSON support reports JSON syntax errors: the server does not repeat them. In Restricted
 * Mode the server reads no process environment and no .env. This client runs Send, so the server puts
 * Send lenses on .http requests. Without HashiCorp's extension, .tf files get the server's semantic tokens.
 */
const INITIALIZATION_OPTIONS = (): InitializationOptions => ({
  jsonSyntaxDiagnostics: false,
  workspaceTrusted: vscode.workspace.isTrusted,
  sendLenses: true,
  tagImpact: true,
  // HashiCorp's extension colours Terraform with its own grammar and server: ours would fight it.
  terraformTokens: vscode.extensions.getExtension('hashicorp.terraform') === undefined,
});

export class LanguageClientHost {
  private client?: LanguageClient;
  private trust?: vscode.Disposable;
  private started?: Promise<void>;

  constructor(
    private readonly serverModule: string,
    /** The connected identity's verdicts, handed to the server for .http hovers and diagnostics. */
    private readonly identityAccess: () => IdentityAccess | undefined = () => undefined,
    /** IAM's authorization schema of IMS, when read: the server's 5.0 model. */
    private readonly liveSchema: () => LiveSchema | undefined = () => undefined,
    /** The access a `.http` tag write would move, for its hover (null: not known). */
    private readonly tagImpact: (p: TagChangeImpactParams) => Promise<TagChangeImpactResult> = async () => null,
  ) {}

  start(): Promise<void> {
    return (this.started ??= this.run());
  }

  /** A custom request (core/protocol.ts), once the server has started. */
  readonly ask: AskServer = async (method, params) => {
    await this.started?.catch(() => undefined);
    if (!this.client?.isRunning())
      throw new Error(vscode.l10n.t('The IMS language server is not running: see the IMS Tags & Policies output for why.'));
    return this.client.sendRequest(method, params);
  };

  private async run(): Promise<void> {
    const module = this.serverModule;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Policies are recognised by content on the server; every other JSON file gets nothing back.
      documentSelector: SERVED_LANGUAGES.map((language) => ({ language })),
      // REST Client's environments are .http environments for the server too.
      synchronize: { configurationSection: [...SETTING_SECTIONS] },
      initializationOptions: INITIALIZATION_OPTIONS(),
    };
    this.client = new LanguageClient('imsTags', 'IMS Tags & Policies', serverOptions, clientOptions);
    this.client.onRequest(TAG_CHANGE_IMPACT_REQUEST, (p: TagChangeImpactParams) => this.tagImpact(p).catch(() => null));
    await this.client.start();
    // VS Code never withdraws trust within a window: granting it is the one change to tell.
    const trusted: WorkspaceTrustParams = { trusted: true };
    this.trust ??= vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void this.client?.sendNotification(WORKSPACE_TRUST_NOTIFICATION, trusted).catch(() => undefined);
    });
    await this.sendIdentityAccess();
    await this.sendAuthorizationSchema();
  }

  /** Tells the server where the connection's resources are (null: not connected), for Resource completion. */
  async sendResourceContext(context: ResourceContext | null): Promise<void> {
    if (!this.client?.isRunning()) return;
    await this.client.sendNotification(RESOURCE_CONTEXT_NOTIFICATION, context).catch(() => undefined);
  }

  /** Tells the server the 5.0 model in force (null: the shipped snapshot). */
  async sendAuthorizationSchema(): Promise<void> {
    if (!this.client?.isRunning()) return;
    const live = this.liveSchema();
    const params: AuthorizationSchemaParams | null = live
      ? { schema: live.schema, endpoint: live.endpoint, readAt: live.readAt }
      : null;
    await this.client.sendNotification(AUTHORIZATION_SCHEMA_NOTIFICATION, params).catch(() => undefined);
  }

  /** Tells the server whose permissions the connection has (null: none known). */
  async sendIdentityAccess(): Promise<void> {
    if (!this.client?.isRunning()) return;
    await this.client.sendNotification(IDENTITY_ACCESS_NOTIFICATION, this.identityAccess() ?? null).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.trust?.dispose();
    this.trust = undefined;
    const c = this.client;
    this.client = undefined;
    this.started = undefined;
    await c?.stop();
  }
}
