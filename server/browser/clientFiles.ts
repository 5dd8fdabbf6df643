/**
 * The workspace's files in a browser: the web worker cannot read them, so the client reads them through
 * VS Code's workspace.fs (findFiles for the policy, Terraform and environment files) and sends them
 * (`imsTags/workspaceFiles`); this store answers the server from what it was sent.
 */
import type { WorkspaceFiles } from '../workspaceFiles';
import { MAX_VARIABLE_FILE_BYTES, inFolders, isSkipped, tooLargeToRead } from '../workspaceFiles';
import { decodeSafely } from '../../core/util/decode';
import type { WorkspaceFilesParams } from '../../core/protocol';

export class ClientFiles implements WorkspaceFiles {
  private readonly texts = new Map<string, string>();

  /** Takes a notification; returns the URIs it changed, and which of them are gone. */
  update(params: WorkspaceFilesParams): { uris: string[]; deleted: Set<string> } {
    const deleted = new Set<string>();
    for (const f of params.files) {
      if (f.text === null) {
        this.texts.delete(f.uri);
        deleted.add(f.uri);
      } else this.texts.set(f.uri, f.text);
    }
    return { uris: params.files.map((f) => f.uri), deleted };
  }

  async list(
    folderUris: readonly string[],
    wanted: (name: string) => boolean,
    max: number,
    _isCancelled?: () => boolean,
  ): Promise<string[]> {
    const out: string[] = [];
    for (const uri of this.texts.keys()) {
      if (out.length >= max) break;
      const folder = folderUris.find((f) => inFolders(uri, [f]));
      if (folder && !isSkipped(uri, folder) && wanted(decodeSafely(uri.slice(uri.lastIndexOf('/') + 1)))) out.push(uri);
    }
    return out;
  }

  async read(uri: string, maxBytes: number): Promise<string | undefined> {
    const text = this.texts.get(uri);
    return text !== undefined && text.length <= maxBytes ? text : undefined;
  }

  /** The files the client sent that are directly in the folder. */
  namesIn(folderUri: string): string[] {
    const prefix = `${folderUri.replace(/\/$/, '')}/`;
    return [...this.texts.keys()]
      .filter((u) => u.startsWith(prefix) && !u.slice(prefix.length).includes('/'))
      .map((u) => u.slice(prefix.length));
  }

  /** The client reads through workspace.fs inside the workspace only; the size is bounded here. */
  readNow(uri: string): string | undefined | { refused: string } {
    const text = this.texts.get(uri);
    if (text !== undefined && text.length > MAX_VARIABLE_FILE_BYTES)
      return { refused: tooLargeToRead(decodeSafely(uri.slice(uri.lastIndexOf('/') + 1)), text.length) };
    return text;
  }
}
