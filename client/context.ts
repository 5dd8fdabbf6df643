/**
 * The extension's context object (rust-analyzer's `Ctx` is the model): it owns the connection, the
 * Images tree and its view, the language client and "Send request", disposes of them together, and
 * gives commands what they share (the connected client, the selection, the trust check).
 */
import { AccountTracker } from './imageAccess/account';
import { TagChangeGuard } from './imageAccess/confirm';
import { WhoCanTree, type WhoCanNode } from './imageAccess/whoCanTree';
import * as vscode from 'vscode';
import { DEFAULT_REGION } from '../core/catalogue';
import { IdentityAccessTracker } from './access';
import { AuthorizationSchemas } from './authorizationSchema';
import { HttpResponses } from './httpResponses';
import { ConnectionManager, type Connection } from './connection';
import { ImagesTree, activeFilters, type Node } from './explorer/tree';
import type { LanguageClientHost } from './languageClient';
import { log } from './log';
import { emulatorLoader, languageClientLoader } from './bundles';
import type { ImsClient } from '../core/client/imsClient';
import type { AskServer } from '../core/protocol';
import { IAM_SCHEME } from './policies/address';
import { LiveDocuments } from './policies/liveDocuments';
import { ReadOnlyDocuments, readOnlyDocuments } from './readOnlyDocuments';
import { unpublishedStatus } from './policies/unpublished';
import { PoliciesTree, type PolicyNode } from './policies/tree';
import { MyPermissionsTree, type PermissionNode } from './policies/myPermissionsTree';

/** A command's implementation; its arguments let tests and other extensions run it without prompts. */
export type Cmd = (...args: never[]) => Promise<unknown>;
/** One small factory a command: it takes the context and returns the implementation. */
export type CommandFactory = (ctx: Ctx) => Cmd;

/** Thrown where a command needs a connection; the error message offers the ways to connect. */
export class NotConnectedError extends Error {
  constructor() {
    super(vscode.l10n.t('Not connected to IMS: open the Sandbox or connect to Huawei Cloud first.'));
  }
}

export class Ctx implements vscode.Disposable {
  readonly connections: ConnectionManager;
  readonly tree: ImagesTree;
  readonly view: vscode.TreeView<Node>;
  /** The Policies view and the live documents it opens (scheme ims-iam). */
  readonly policies: PoliciesTree;
  /** The My permissions view: the connected identity's verdict per IMS API. */
  readonly myPermissions: MyPermissionsTree;
  readonly liveDocuments: LiveDocuments;
  /** The connected identity's effective permissions (My permissions, .http hovers, pre-checks). */
  readonly access: IdentityAccessTracker;
  /** IAM's authorization schema of IMS for the connection (the 5.0 model), or the shipped snapshot. */
  readonly schemas: AuthorizationSchemas;
  /** The account's users and grants, for who-can and the access a tag change moves. */
  readonly accounts: AccountTracker;
  readonly tagChanges: TagChangeGuard;
  readonly whoCan: WhoCanTree;
  /** The last response of each named `.http` request sent (Send, the policy checks), per file: request variables read them. */
  readonly httpResponses = new HttpResponses();
  private languageClient?: LanguageClientHost;
  private readonly languageClientLoaded: Promise<LanguageClientHost | undefined>;
  private loaded: (host: LanguageClientHost | undefined) => void = () => undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.languageClientLoaded = new Promise((resolve) => (this.loaded = resolve));
    this.connections = new ConnectionManager(extension.secrets, extension.globalState, emulatorLoader(extension.extensionPath));
    this.tree = new ImagesTree(this.connections);
    this.view = vscode.window.createTreeView<Node>('imsTags.images', {
      treeDataProvider: this.tree,
      canSelectMany: true,
      showCollapseAll: true,
    });
    const setContext = () =>
      void vscode.commands.executeCommand('setContext', 'imsTags.connected', this.connections.connection !== undefined);
    this.connections.onDidChange(setContext);
    setContext();
    this.connections.onDidChange(() => this.httpResponses.clear());
    // The title bar's Clear Filters shows while a filter is active.
    this.tree.onDidChangeTreeData(() =>
      vscode.commands.executeCommand('setContext', 'imsTags.filtered', activeFilters(this.tree.filters).length > 0),
    );
    this.schemas = new AuthorizationSchemas(this.connections, extension.globalStorageUri);
    this.access = new IdentityAccessTracker(this.connections, () => this.schemas.current);
    this.accounts = new AccountTracker(this.connections, () => this.schemas.current);
    this.tagChanges = new TagChangeGuard(
      this.accounts,
      this.connections,
      (id) => this.tree.loaded.find((i) => i.id === id)?.name ?? id,
    );
    this.whoCan = new WhoCanTree(this.accounts, this.connections);
    this.policies = new PoliciesTree(this.connections);
    this.myPermissions = new MyPermissionsTree(this.connections, this.access, () => this.schemas.current);
    this.liveDocuments = new LiveDocuments(this.connections, extension.workspaceState);
    // A published policy shows its new update time, version or default in the view.
    this.liveDocuments.onDidPublish(() => {
      this.policies.refresh();
      this.myPermissions.refresh();
    });
    this.disposables.push(
      this.connections,
      this.view,
      vscode.window.createTreeView<WhoCanNode>('imsTags.whoCan', { treeDataProvider: this.whoCan, showCollapseAll: true }),
      vscode.window.createTreeView<PolicyNode>('imsTags.policies', { treeDataProvider: this.policies, showCollapseAll: true }),
      vscode.window.createTreeView<PermissionNode>('imsTags.myPermissions', { treeDataProvider: this.myPermissions }),
      this.myPermissions,
      vscode.workspace.registerFileSystemProvider(IAM_SCHEME, this.liveDocuments, { isCaseSensitive: true }),
      this.liveDocuments,
      vscode.workspace.registerTextDocumentContentProvider(ReadOnlyDocuments.scheme, readOnlyDocuments),
      unpublishedStatus(),
      this.access,
      this.schemas,
      this.accounts,
      this.whoCan,
      log(),
    );
  }

  /** Registers commands by id; a failure is explained to the person (see `explainFailure`), never thrown. */
  registerCommands(factories: Record<string, CommandFactory>, onError: (e: unknown) => Promise<void>): void {
    for (const [id, factory] of Object.entries(factories)) {
      const run = factory(this) as (...a: unknown[]) => Promise<unknown>;
      this.disposables.push(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          try {
            return await run(...args);
          } catch (e) {
            await onError(e);
            return undefined;
          }
        }),
      );
    }
  }

  push(...d: vscode.Disposable[]): void {
    this.disposables.push(...d);
  }

  /** The client is loaded and the server started in the background: activation does not wait for them. */
  startLanguageClient(): void {
    setImmediate(() => {
      try {
        const Host = languageClientLoader(this.extension.extensionPath)();
        this.languageClient = new Host(
          this.extension.asAbsolutePath('dist/server.js'),
          () => this.access.current,
          () => this.schemas.liveSchema,
          (p) => this.tagChanges.hoverMarkdown(p),
        );
        this.disposables.push(
          this.access.onDidChange(() => this.languageClient?.sendIdentityAccess()),
          // Where the connection's resources are: Resource URN completion in 5.0 policies.
          this.connections.onDidChange(() => this.sendResourceContext()),
          this.tree.onDidChangeTreeData(() => this.sendResourceContext()),
          // A new 5.0 model: the server judges 5.0 policies by it, and the identity's verdicts are read again.
          this.schemas.onDidChange(() => {
            void this.languageClient?.sendAuthorizationSchema();
            if (this.connections.connection && vscode.workspace.isTrusted) void this.access.refresh().catch(() => undefined);
          }),
        );
        this.languageClient.start().catch((e: Error) => log().error(`The language server did not start: ${e.message}`));
        this.loaded(this.languageClient);
      } catch (e) {
        log().error(`The language client could not be loaded: ${(e as Error).message}`);
        this.loaded(undefined);
      }
    });
  }

  /** Asks the language server (core/protocol.ts): the client parses no .http itself, the server owns the language. */
  readonly askServer: AskServer = async (method, params) => {
    const host = await this.languageClientLoaded;
    if (!host)
      throw new Error(vscode.l10n.t('The IMS language server is not running: see the IMS Tags & Policies output for why.'));
    return host.ask(method, params);
  };

  private resourceTimer?: ReturnType<typeof setTimeout>;
  /** The connection's region, account and loaded images, for the server (coalesced: the tree changes often). */
  private sendResourceContext(): void {
    if (this.resourceTimer) clearTimeout(this.resourceTimer);
    this.resourceTimer = setTimeout(async () => {
      // Restricted Mode sends no request, so no account id either.
      const c = vscode.workspace.isTrusted ? this.connections.connection : undefined;
      const account = c ? await c.iam.accountId().catch(() => undefined) : undefined;
      const context =
        c && account
          ? {
              region: c.kind === 'cloud' ? c.region : DEFAULT_REGION,
              account,
              imageIds: this.tree.loaded.slice(0, 100).map((i) => i.id),
            }
          : null;
      await this.languageClient?.sendResourceContext(context);
    }, 300);
  }

  requireTrust(): void {
    if (!vscode.workspace.isTrusted) {
      throw new Error(vscode.l10n.t('This workspace is not trusted: IMS requests are not sent from restricted mode.'));
    }
  }

  /** The connection, in a trusted workspace; otherwise an error that says what to do. */
  connected(): Connection {
    const c = this.connections.connection;
    if (!c) throw new NotConnectedError();
    this.requireTrust();
    return c;
  }

  client(): ImsClient {
    return this.connected().client;
  }

  /** The selected image nodes' IDs, or the node the command was run on. */
  selectedImages(node?: Node): string[] {
    const picked = this.view.selection.flatMap((n) => (n.kind === 'image' ? [n.image.id] : []));
    const one = imageOf(node)?.id;
    return picked.length ? picked : one ? [one] : [];
  }

  async dispose(): Promise<void> {
    await this.languageClient?.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function imageOf(node?: Node) {
  return node?.kind === 'image' || node?.kind === 'tag' ? node.image : undefined;
}
