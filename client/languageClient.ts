/** The language client of the policy and .http server (`dist/server.js`), started and stopped by the context. */
import { IDENTITY_ACCESS_NOTIFICATION, type IdentityAccess } from '../core/access/identityAccess';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { WORKSPACE_TRUST_NOTIFICATION, type WorkspaceTrustParams } from '../core/protocol';

export class LanguageClientHost {
  private client?: LanguageClient;
  private trust?: vscode.Disposable;

  constructor(
    private readonly serverModule: string,
    /** The connected identity's verdicts, handed to the server for .http hovers and diagnostics. */
    private readonly identityAccess: () => IdentityAccess | undefined = () => undefined,
  ) {}

  async start(): Promise<void> {
    const module = this.serverModule;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Policies are recognised by content on the server; every other JSON file gets nothing back.
      documentSelector: [{ language: 'json' }, { language: 'jsonc' }, { language: 'http' }, { language: 'terraform' }],
      // REST Client's environments are .http environments for the server too.
      synchronize: { configurationSection: ['imsTags', 'rest-client'] },
      // VS Code's own JSON support reports JSON syntax errors: the server does not repeat them. In
      // Restricted Mode the server reads no process environment and no .env.
      initializationOptions: { jsonSyntaxDiagnostics: false, workspaceTrusted: vscode.workspace.isTrusted },
    };
    this.client = new LanguageClient('imsTags', 'IMS Tags & Policies', serverOptions, clientOptions);
    await this.client.start();
    // VS Code never withdraws trust within a window: granting it is the one change to tell.
    const trusted: WorkspaceTrustParams = { trusted: true };
    this.trust ??= vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void this.client?.sendNotification(WORKSPACE_TRUST_NOTIFICATION, trusted).catch(() => undefined);
    });
    await this.sendIdentityAccess();
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
    await c?.stop();
  }
}
