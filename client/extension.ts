/**
 * The extension's entry point: it only wires parts together. For now the one part is the language
 * client, which starts the bundled server for policy JSON and .http request files.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Owns the language client's lifecycle. */
class ImsContext {
  private client?: LanguageClient;

  constructor(private readonly extension: ExtensionContext) {}

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Policies are recognised by content on the server; every other JSON file gets nothing back.
      documentSelector: [
        { language: 'json' },
        { language: 'jsonc' },
        { language: 'http' },
      ],
      synchronize: { configurationSection: 'imsTags' },
    };
    this.client = new LanguageClient('imsTags', 'IMS Tags & Policies', serverOptions, clientOptions);
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
    this.client = undefined;
  }
}

let context: ImsContext | undefined;

export async function activate(extension: ExtensionContext): Promise<void> {
  context = new ImsContext(extension);
  extension.subscriptions.push({ dispose: () => void context?.stop() });
  await context.start();
}

export async function deactivate(): Promise<void> {
  await context?.stop();
  context = undefined;
}
