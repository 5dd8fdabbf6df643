/**
 * In VS Code for the web the language server (a web worker) cannot read the workspace: the client finds
 * the policy, Terraform and .http environment files with `findFiles`, reads them with `workspace.fs`,
 * sends them (`imsTags/workspaceFiles`), and sends changes as a watcher sees them.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { WORKSPACE_FILES_NOTIFICATION, type WorkspaceFilesParams } from '../../core/protocol';

const GLOB = '**/{*.json,*.jsonc,*.tf,.env,.env.*,*.env}';
const EXCLUDE = '**/{node_modules,.git,out,dist,.vscode-test}/**';
const MAX_FILES = 5000;
const MAX_BYTES = 5 * 1024 * 1024;

async function read(uri: vscode.Uri): Promise<string | null> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_BYTES) return null;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null; // gone or unreadable
  }
}

export async function sendWorkspaceFiles(client: BaseLanguageClient): Promise<vscode.Disposable> {
  const send = async (uris: readonly vscode.Uri[]) => {
    const files = await Promise.all(uris.map(async (u) => ({ uri: u.toString(), text: await read(u) })));
    const params: WorkspaceFilesParams = { files };
    if (files.length) await client.sendNotification(WORKSPACE_FILES_NOTIFICATION, params);
  };
  const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE, MAX_FILES);
  // In batches, so a large workspace does not make one huge message.
  for (let i = 0; i < uris.length; i += 100) await send(uris.slice(i, i + 100));
  const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
  watcher.onDidCreate((u) => void send([u]));
  watcher.onDidChange((u) => void send([u]));
  watcher.onDidDelete(
    (u) => void client.sendNotification(WORKSPACE_FILES_NOTIFICATION, { files: [{ uri: u.toString(), text: null }] }),
  );
  return watcher;
}
