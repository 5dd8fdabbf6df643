/**
 * The language server in Node (`dist/server.js`, the `ims-tags-language-server` bin): any LSP client over
 * stdio, IPC, a socket or a pipe. The Node host reads the workspace from the file system, collects
 * garbage when idle, and finds the HCL parser's WebAssembly beside the bundle.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import type { ServerHost } from '../host';
import { startServer } from '../server';
import { idleCollector } from './idleCollector';
import { nodeFiles } from './nodeFiles';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

function usage(): string {
  return [
    'ims-tags-language-server: the IMS Tags & Policies language server.',
    'Usage: ims-tags-language-server --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME)',
    'It serves IAM policy JSON (language ids json, jsonc), IMS requests in .http files (language id http) and',
    'policies and image tags in Terraform files (language id terraform),',
    'to any LSP client over the chosen transport, and reads the policy files of the workspace folders.',
  ].join('\n');
}

export function nodeHost(wasmDir: string = __dirname): ServerHost {
  const collect = idleCollector();
  return {
    files: nodeFiles,
    processEnv: (name) => process.env[name],
    uuid: randomUUID,
    documentsChanged: collect,
    locateWasm: (file) => join(wasmDir, file),
    loadTreeSitter: async () => import('web-tree-sitter'),
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h') || !args.some((a) => TRANSPORT_FLAGS.some((f) => a.startsWith(f)))) {
    const asked = args.includes('--help') || args.includes('-h');
    (asked ? process.stdout : process.stderr).write(`${usage()}\n`);
    process.exit(asked ? 0 : 2);
  }
  startServer(createConnection(ProposedFeatures.all), nodeHost());
}
