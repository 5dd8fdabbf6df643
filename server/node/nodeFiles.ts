/** The workspace's files in Node: the file system, walked below the folders. */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { MAX_VARIABLE_FILE_BYTES, SKIP_DIRS, tooLargeToRead, type WorkspaceFiles } from '../workspaceFiles';

export const nodeFiles: WorkspaceFiles = {
  async list(folderUris, wanted, max, isCancelled) {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      if (out.length >= max || isCancelled()) return;
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return; // unreadable folder: nothing to read there
      }
      for (const e of entries) {
        if (out.length >= max) return;
        if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(join(dir, e.name));
        else if (e.isFile() && wanted(e.name)) out.push(URI.file(join(dir, e.name)).toString());
      }
    };
    for (const f of folderUris) await walk(URI.parse(f).fsPath);
    return out;
  },
  async read(uri, maxBytes) {
    const path = URI.parse(uri).fsPath;
    try {
      if ((await fs.stat(path)).size > maxBytes) return undefined;
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined; // deleted or unreadable
    }
  },
  namesIn(folderUri) {
    try {
      return readdirSync(URI.parse(folderUri).fsPath, { withFileTypes: true })
        .filter((e) => e.isFile() || e.isSymbolicLink())
        .map((e) => e.name);
    } catch {
      return [];
    }
  },
  readNow(uri, within) {
    const path = URI.parse(uri).fsPath;
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return undefined; // absent
    }
    // The variable files are only ever those beside a document or at a folder's root, so a plain file is
    // read where it is (a document opened from outside the folders keeps its env files). A link is
    // followed only while it stays inside the workspace: a repository's `.env` linked to
    // ~/.aws/credentials must not reach hovers.
    const name = basename(path);
    if (isLink(path, real) && !insideAny(real, within))
      return { refused: `${name} is not read: it is a link to a file outside the workspace` };
    try {
      const size = statSync(real).size;
      if (size > MAX_VARIABLE_FILE_BYTES) return { refused: tooLargeToRead(name, size) };
      return readFileSync(real, 'utf8');
    } catch {
      return undefined; // a folder, or unreadable
    }
  },
};

/** Whether the file itself is a link: its real path is not its folder's real path and its own name. */
function isLink(path: string, real: string): boolean {
  try {
    return real !== join(realpathSync(dirname(path)), basename(path));
  } catch {
    return true;
  }
}

/** Whether a real path lies inside one of the folders (each resolved through its own links). */
function insideAny(real: string, folders: readonly string[]): boolean {
  return folders.some((f) => {
    let r: string;
    try {
      r = realpathSync(URI.parse(f).fsPath);
    } catch {
      return false;
    }
    return real === r || real.startsWith(r.endsWith(sep) ? r : r + sep);
  });
}
