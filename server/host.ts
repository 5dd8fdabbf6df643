/**
 * What the language server needs of the platform it runs on: the workspace's files, the process
 * environment, a collector for idle time, and where the HCL parser's WebAssembly is. Node (server/node/)
 * and the browser's web worker (server/browser/) each give one; everything else is the same server.
 */
import type { Connection } from 'vscode-languageserver';
import type { InitializationOptions } from '../core/protocol';
import type { TreeSitterModule } from './terraform/hclParser';
import type { WorkspaceFiles } from './workspaceFiles';

export interface ServerHost {
  files: WorkspaceFiles;
  processEnv(name: string): string | undefined;
  uuid(): string;
  /** Called when documents changed (Node: a full collection once the server is idle). */
  documentsChanged(): void;
  /** Where `web-tree-sitter.wasm` and `tree-sitter-terraform.wasm` are (a path or a URL). */
  locateWasm(file: string, options: InitializationOptions): string;
  /** web-tree-sitter (bundled in Node; in a web worker a script of its own, loaded only when needed). */
  loadTreeSitter(options: InitializationOptions): Promise<TreeSitterModule>;
  /** Platform wiring once the connection exists (the browser host takes the files the client sends). */
  attach?(connection: Connection, filesChanged: (uris: string[], deleted: ReadonlySet<string>) => void): void;
}
