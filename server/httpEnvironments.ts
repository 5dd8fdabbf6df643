/**
 * The .http variable sources of a document, read by the server itself so every LSP client gets them:
 * `http-client.env.json` and `http-client.private.env.json` at the workspace folder's root and beside
 * the file, `.env` beside the file (and httpyac's `.env.<environment>`, `<environment>.env`), REST Client's `rest-client.environmentVariables` setting, and the
 * selected environment (`imsTags.http.environment`); where they are and how they combine is core's
 * (variables/sources.ts). Files are read once and kept until a file event or a settings change says
 * otherwise; one result per folder pair, so the services' memos hold.
 */
import type { DialectSetting } from '../core/http/dialects';
import {
  ENV_FILES,
  buildVariableSources,
  dotenvEnvironment,
  variableFileUris,
  type HttpVariableSources,
} from '../core/http/variables/sources';

export { ENV_FILES };

export interface EnvironmentHost {
  /** A small file's text now, undefined when it is absent, or why it is not read (workspaceFiles.ts). */
  readNow(uri: string, within: readonly string[]): string | undefined | { refused: string };
  /** The file names of a folder (httpyac's `.env.<environment>` files of the environments not selected). */
  namesIn?(folderUri: string): string[];
  processEnv(name: string): string | undefined;
  uuid(): string;
}

export class HttpEnvironments {
  private readonly files = new Map<string, string | undefined | { refused: string }>();
  private readonly byDir = new Map<string, HttpVariableSources>();

  constructor(
    private readonly folders: () => readonly string[],
    private readonly selected: () => string,
    private readonly settingsEnvironments: () => unknown,
    private readonly host: EnvironmentHost,
    /** Whether the workspace is untrusted (Restricted Mode): $processEnv and $dotenv are not read then. */
    private readonly restricted: () => boolean = () => false,
    /** `imsTags.http.dialect`. */
    private readonly dialect: () => DialectSetting = () => 'any',
  ) {}

  /** A file event or a settings change: read again what it touches (or everything). */
  invalidate(uri?: string): void {
    if (uri) this.files.delete(uri);
    else this.files.clear();
    this.byDir.clear();
  }

  private read(uri: string): string | undefined | { refused: string } {
    if (!this.files.has(uri)) {
      // A link is followed only into the workspace folders (with none open, not at all).
      this.files.set(uri, this.host.readNow(uri, this.folders()));
    }
    return this.files.get(uri);
  }

  forDocument(uri: string): HttpVariableSources {
    const where = variableFileUris(uri, this.folders(), this.selected());
    const cached = this.byDir.get(where.key);
    if (cached) return cached;
    const refused: string[] = [];
    const files = where.envFiles.flatMap((f) => {
      const text = this.read(f.uri);
      if (typeof text === 'object') refused.push(text.refused);
      return typeof text === 'string' ? [{ ...f, text }] : [];
    });
    const dotenvText = where.dotenv ? this.read(where.dotenv) : undefined;
    const envDotenv = where.envDotenv.flatMap((f) => {
      const text = this.read(f.uri);
      if (typeof text === 'object') refused.push(text.refused);
      return typeof text === 'string' ? [{ ...f, text }] : [];
    });
    // The other environments' .env files beside the document: their names say where a variable is.
    const dir = where.dotenv?.slice(0, -'/.env'.length);
    const otherDotenv = (dir ? (this.host.namesIn?.(dir) ?? []) : []).flatMap((name) => {
      const env = dotenvEnvironment(name);
      if (!env || env === this.selected()) return [];
      const text = this.read(`${dir}/${name}`);
      return typeof text === 'string' ? [{ env, uri: `${dir}/${name}`, label: name, text }] : [];
    });
    const result = buildVariableSources({
      settings: this.settingsEnvironments(),
      files,
      refused,
      dotenv:
        where.dotenv && typeof dotenvText === 'string'
          ? { uri: where.dotenv, text: dotenvText }
          : typeof dotenvText === 'object'
            ? { refused: dotenvText.refused }
            : undefined,
      envDotenv,
      otherDotenv,
      dialect: this.dialect(),
      selected: this.selected(),
      processEnv: (n) => this.host.processEnv(n),
      uuid: () => this.host.uuid(),
      restricted: this.restricted(),
    });
    this.byDir.set(where.key, result);
    return result;
  }
}
