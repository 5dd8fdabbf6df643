/** The workspace's files in Node: the file system, walked below the folders. */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { basename, join, sep } from 'node:path';
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
  readNow(uri, within) {
    const path = URI.parse(uri).fsPath;
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return undefined; // absent
    }
    // Links are followed only while they stay inside the workspace: a repository's `.env` linked to
    // ~/.aws/credentials must not reach hovers.
    const roots = within.flatMap((f) => {
      try {
        return [realpathSync(URI.parse(f).fsPath)];
      } catch {
        return [];
      }
    });
    const name = basename(path);
    if (!roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep)))
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
