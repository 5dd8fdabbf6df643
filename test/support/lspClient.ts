/**
 * A minimal LSP client over stdio for protocol tests and benchmarks: it spawns a server, answers the
 * requests servers make of clients, and collects published diagnostics with waiters.
 */
import { URI } from 'vscode-uri';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export interface SpawnOptions {
  command: string;
  args: string[];
  /** Answers to workspace/configuration, by section. */
  configuration?: Record<string, unknown>;
  initializationOptions?: unknown;
  locale?: string;
  /** Declare snippet support and workspace/configuration like VS Code does. */
  vscodeLike?: boolean;
  cwd?: string;
  /** Workspace folder URIs (file:///…). */
  workspaceFolders?: string[];
  /** Declare pull diagnostics (`textDocument/diagnostic`) as VS Code 1.74+ does. */
  pullDiagnostics?: boolean;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** How many times diagnostics were published, per document. */
  readonly publishCount = new Map<string, number>();
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];
  readonly stderr: string[] = [];
  /** Methods the server registered dynamically. */
  readonly registrations: string[] = [];
  /** What the server answered to initialize: its capabilities. */
  capabilities: Record<string, unknown> = {};
  /** Messages of window/logMessage. */
  readonly logs: string[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /** The built server over stdio with `dir` as its one workspace folder. */
  static inFolder(dir: string, options: Partial<SpawnOptions> = {}): Promise<LspClient> {
    return LspClient.start({
      command: process.execPath,
      args: [SERVER_JS, '--stdio'],
      workspaceFolders: [URI.file(dir).toString()],
      ...options,
    });
  }

  static async start(options: SpawnOptions): Promise<LspClient> {
    const child = spawn(options.command, options.args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    child.stderr!.on('data', (b: Buffer) => client.stderr.push(b.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, p);
      client.publishCount.set(p.uri, (client.publishCount.get(p.uri) ?? 0) + 1);
      client.wake();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section ? (options.configuration?.[i.section] ?? null) : null)),
    );
    connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string }> }) => {
      client.registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', () => undefined);
    connection.listen();
    const vscodeLike = options.vscodeLike ?? true;
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0] ?? null,
      workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: vscodeLike,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: vscodeLike },
        },
        window: { workDoneProgress: vscodeLike },
        textDocument: {
          synchronization: { dynamicRegistration: true },
          completion: { completionItem: { snippetSupport: vscodeLike, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          inlayHint: {},
          ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } : {}),
        },
      },
    };
    const answer = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', params);
    client.capabilities = answer.capabilities;
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when the newest diagnostics for `uri` satisfy `predicate`; rejects after `timeoutMs`. */
  waitForDiagnostics(
    uri: string,
    predicate: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const p = this.diagnostics.get(uri);
        return p !== undefined && predicate(p.diagnostics, p);
      };
      if (check()) return resolve(this.diagnostics.get(uri)!.diagnostics);
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri)).slice(0, 600)}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.diagnostics.get(uri)!.diagnostics);
        },
      });
    });
  }

  /** Resolves when a window/logMessage matches; rejects after `timeoutMs`. */
  async waitForLog(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.logs.find((l) => pattern.test(l));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-document change). Returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** An incremental one-range change. Returns the new version. */
  async edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.process.kill('SIGKILL');
          resolve();
        }, 2000);
        this.process.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

export const SERVER_JS = `${__dirname}/../../../dist/server.js`;
