/**
 * The language server in a browser's web worker (VS Code for the web: vscode.dev, github.dev,
 * code-server's web worker host), `dist/server.web.js`. The same server as in Node; the browser host
 * takes the workspace's files from the client and fetches the HCL parser's WebAssembly by the URLs the
 * client gives in its initialization options.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import type { ServerHost } from '../host';
import type { TreeSitterModule } from '../terraform/hclParser';
import { startServer } from '../server';
import { WORKSPACE_FILES_NOTIFICATION, type WorkspaceFilesParams } from '../../core/protocol';
import { ClientFiles } from './clientFiles';

// The worker's global scope: messages come and go through it.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];
declare function importScripts(...urls: string[]): void;

const files = new ClientFiles();

const host: ServerHost = {
  files,
  // A web worker has no process environment.
  processEnv: () => undefined,
  uuid: () => crypto.randomUUID(),
  documentsChanged: () => undefined,
  locateWasm: (file, options) => options.wasm?.[file] ?? file,
  // web-tree-sitter is a script of its own (dist/tree-sitter.web.js): the worker loads it for the first .tf.
  loadTreeSitter: async (options) => {
    const url = options.treeSitterScript;
    if (!url) throw new Error('the client gave no URL for tree-sitter.web.js');
    importScripts(url);
    return (self as unknown as { ImsTreeSitter: TreeSitterModule }).ImsTreeSitter;
  },
  attach: (connection, filesChanged) => {
    connection.onNotification(WORKSPACE_FILES_NOTIFICATION, (params: WorkspaceFilesParams) => {
      const { uris, deleted } = files.update(params);
      filesChanged(uris, deleted);
    });
  },
};

startServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)), host);
