/**
 * The server's state and the routines every handler shares, in one object (as rust-analyzer's client
 * hands its commands one context): the open documents and their parses, the workspace's policies, the
 * settings, the .http environments, the language service, pushed diagnostics, and what the client said at
 * start. Handlers (this folder) only wire LSP messages to it.
 */
import {
  CodeLensRefreshRequest,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { IdentityAccess } from '../../core/access/identityAccess';
import { SNAPSHOT_MODEL, type Iam5Model } from '../../core/catalogue/iam5/model';
import type { Lang } from '../../core/catalogue';
import type { InitializationOptions, ResourceContext } from '../../core/protocol';
import { DiagnosticsPublisher } from '../diagnosticsPublisher';
import { DocumentCache } from '../documentCache';
import type { ServerHost } from '../host';
import { ENV_FILES, HttpEnvironments } from '../httpEnvironments';
import { getLanguageService, type LanguageService } from '../languageService';
import { PolicyIndex } from '../policyIndex';
import { SettingsSync } from '../settingsSync';
import { TerraformLoader } from './terraform';

/** `.env` and the env files hold .http variables; `.env` is never a policy. */
/** Env files, `.env`, and httpyac's `.env.<environment>` and `<environment>.env`. */
const isVariableFile = (uri: string) =>
  /\/(?:\.env(?:\.[^/]+)?|[^/]+\.env)$/.test(uri) || ENV_FILES.some((f) => uri.endsWith(`/${f}`));

export class ServerContext {
  readonly documents = new TextDocuments(TextDocument);
  readonly cache = new DocumentCache();
  readonly index: PolicyIndex;
  readonly settings: SettingsSync;
  readonly environments: HttpEnvironments;
  readonly service: LanguageService;
  readonly diagnostics: DiagnosticsPublisher;
  readonly terraform: TerraformLoader;

  lang: Lang = 'en';
  capabilities: InitializeParams['capabilities'] = {};
  options: InitializationOptions = {};
  folders: string[] = [];
  identity: IdentityAccess | undefined;
  /** Restricted Mode (an untrusted workspace) until the client says otherwise; see core/protocol.ts. */
  restricted = false;
  /** IAM 5.0's model of IMS: IAM's schema when the client sent it, else the shipped snapshot. */
  iam5: Iam5Model = SNAPSHOT_MODEL;
  /** Where the connection's resources are (the VS Code client says), for Resource URN completion. */
  resources: ResourceContext | undefined;

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
  ) {
    this.index = new PolicyIndex(this.documents, this.cache, host.files);
    this.settings = new SettingsSync(connection);
    this.environments = new HttpEnvironments(
      () => this.folders,
      () => this.settings.current.http.environment,
      () => this.settings.restClientEnvironments,
      {
        readNow: (uri, within) => host.files.readNow(uri, within),
        namesIn: (folder) => host.files.namesIn?.(folder) ?? [],
        processEnv: (n) => host.processEnv(n),
        uuid: () => host.uuid(),
      },
      () => this.restricted,
      () => this.settings.current.http.dialect,
    );
    this.service = getLanguageService({
      httpVariables: (uri) => this.environments.forDocument(uri),
      cache: this.cache,
      lang: () => this.lang,
      settings: () => this.settings.current,
      policies: () => this.index.sources(),
      // VS Code's JSON support reports syntax errors; other clients get them from us.
      jsonSyntax: () => this.options.jsonSyntaxDiagnostics !== false,
      identity: () => this.identity,
      iam5: () => this.iam5,
      resources: () => this.resources,
    });
    this.diagnostics = new DiagnosticsPublisher(connection, this.documents, (doc) =>
      this.guard('diagnostics', [], undefined, () => this.service.diagnostics(doc)),
    );
    this.terraform = new TerraformLoader(this);
    // The environment or REST Client's environments changed: every .http document is read again.
    this.settings.onChange = () => this.httpInputsChanged(true);
  }

  /** Runs one answer; a bug or bad input costs that answer (logged), never the server. */
  guard<T>(name: string, fallback: T, token: CancellationToken | undefined, f: () => T): T {
    if (token?.isCancellationRequested) return fallback;
    try {
      return f();
    } catch (e) {
      this.connection.console.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }

  /**
   * What .http verdicts and lenses read changed (policies, identity, trust, environments): every open
   * .http document is checked again, and clients that can are asked to fetch the lenses again.
   */
  httpInputsChanged(environments = false): void {
    if (environments) this.environments.invalidate();
    this.diagnostics.scheduleHttp();
    if (this.options.sendLenses && this.capabilities.workspace?.codeLens?.refreshSupport)
      void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  /** Everything is judged anew (IAM 5.0's model changed): every open document, and the .http verdicts. */
  recheckAll(): void {
    for (const doc of this.documents.all()) this.diagnostics.schedule(doc.uri);
    this.policiesChanged();
  }

  /** The workspace's policies changed. */
  policiesChanged(): void {
    this.index.invalidate();
    this.httpInputsChanged();
  }

  /**
   * Files changed on disk (watcher events, or what the web client sent): the one routine for both.
   * `deleted`: those of them that are gone.
   */
  async filesChanged(uris: readonly string[], deleted: ReadonlySet<string> = new Set()): Promise<void> {
    for (const uri of uris) {
      if (isVariableFile(uri)) this.environments.invalidate(uri);
      if (/\.(jsonc?|tf)$/i.test(uri)) await this.index.fileChanged(uri, deleted.has(uri));
    }
    this.policiesChanged();
    this.terraform.loadIfPending();
  }
}
