/** The workspace's files in Node: the file system, walked below the folders. */
import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { SKIP_DIRS, type WorkspaceFiles } from '../workspaceFiles';

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
  readNow(uri) {
    try {
      return readFileSync(URI.parse(uri).fsPath, 'utf8');
    } catch {
      return undefined;
    }
  },
};
