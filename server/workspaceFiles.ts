/**
 * How the server reaches the workspace's files, so the same server runs in Node (the file system) and in
 * a browser's web worker (the files the client sends, read through VS Code's workspace.fs). URIs only:
 * no path of either platform.
 */

import { decodeSafely } from '../core/util/decode';

export interface WorkspaceFiles {
  /** Files below the folders whose names `wanted` accepts (bounded to `max`), as URIs. */
  list(
    folderUris: readonly string[],
    wanted: (name: string) => boolean,
    max: number,
    isCancelled: () => boolean,
  ): Promise<string[]>;
  /** A file's text, or undefined when it is absent, unreadable or larger than `maxBytes`. */
  read(uri: string, maxBytes: number): Promise<string | undefined>;
  /**
   * A small file's text now (env files, .env), undefined when it is absent, or why it is not read: it
   * is a link whose target is outside `within` (out of the workspace, say to a credentials file) or it
   * is larger than MAX_VARIABLE_FILE_BYTES.
   */
  readNow(uri: string, within: readonly string[]): string | undefined | { refused: string };
  /** The names of the files in a folder now (httpyac's `.env.<environment>` files are found this way). */
  namesIn?(folderUri: string): string[];
}

/** Env files and `.env` larger than this are not read (real ones are a few hundred bytes). */
export const MAX_VARIABLE_FILE_BYTES = 1024 * 1024;

/** The sentence for a variable file larger than the limit. */
export const tooLargeToRead = (name: string, bytes: number) =>
  `${name} is not read: it is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the 1 MB a variable file may have`;

/** Folders never worth reading for policies. */
export const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test']);

/** Whether a URI lies in one of the folders (by URI prefix, with a / boundary). */
export function inFolders(uri: string, folderUris: readonly string[]): boolean {
  return folderUris.some((f) => {
    const folder = f.replace(/\/$/, '');
    return uri === folder || uri.startsWith(`${folder}/`);
  });
}

/** Whether any path segment below the folder is one never read (node_modules, hidden folders…). */
export function isSkipped(uri: string, folderUri: string): boolean {
  const rest = uri
    .slice(folderUri.replace(/\/$/, '').length + 1)
    .split('/')
    .slice(0, -1);
  return rest.some((s) => SKIP_DIRS.has(decodeSafely(s)) || s.startsWith('.'));
}
