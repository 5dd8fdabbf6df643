/**
 * The .http variable sources of a document, read by the server itself so every LSP client gets them:
 * `http-client.env.json` and `http-client.private.env.json` at the workspace folder's root and beside
 * the file, `.env` beside the file, REST Client's `rest-client.environmentVariables` setting, and the
 * selected environment (`imsTags.http.environment`). Files are read once and kept until a file event or
 * a settings change says otherwise; one Environment object per folder pair, so the services' memos hold.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { URI } from 'vscode-uri';
import { environmentFrom, type EnvironmentSource } from '../core/http/variables/environments';
import { parseDotenv } from '../core/http/variables/dotenv';
import type { HttpVariableSources } from '../core/http/variables/sources';
import type { SystemEnv } from '../core/http/variables/systemVariables';

export const ENV_FILES = ['http-client.env.json', 'http-client.private.env.json'] as const;

export class HttpEnvironments {
  private readonly files = new Map<string, string | undefined>();
  private readonly byDir = new Map<string, HttpVariableSources>();

  constructor(
    private readonly folders: () => readonly string[],
    private readonly selected: () => string,
    private readonly settingsEnvironments: () => unknown,
  ) {}

  /** A file event or a settings change: read again what it touches (or everything). */
  invalidate(uri?: string): void {
    if (uri) this.files.delete(URI.parse(uri).fsPath);
    else this.files.clear();
    this.byDir.clear();
  }

  private read(path: string): string | undefined {
    if (!this.files.has(path)) {
      let text: string | undefined;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = undefined; // absent (or unreadable): not a source
      }
      this.files.set(path, text);
    }
    return this.files.get(path);
  }

  forDocument(uri: string): HttpVariableSources {
    const parsed = URI.parse(uri);
    const roots = this.folders().map((f) => URI.parse(f).fsPath);
    const dir = parsed.scheme === 'file' ? dirname(parsed.fsPath) : undefined;
    const root =
      (dir &&
        roots.filter((r) => dir === r || dir.startsWith(r.endsWith('/') ? r : `${r}/`)).sort((a, b) => b.length - a.length)[0]) ??
      roots[0];
    const key = `${root ?? ''}|${dir ?? ''}`;
    const cached = this.byDir.get(key);
    if (cached) return cached;
    const sources: EnvironmentSource[] = [];
    const settings = this.settingsEnvironments();
    if (settings !== undefined) sources.push({ label: 'settings (rest-client.environmentVariables)', value: settings });
    for (const d of [...new Set([root, dir].filter((x): x is string => x !== undefined))])
      for (const name of ENV_FILES) {
        const path = join(d, name);
        const text = this.read(path);
        if (text !== undefined)
          sources.push({
            label: d === root && d !== dir ? `${name} (workspace root)` : name,
            uri: URI.file(path).toString(),
            text,
          });
      }
    const environment = environmentFrom(sources, this.selected());
    const dotenvPath = dir && join(dir, '.env');
    const dotenvText = dotenvPath ? this.read(dotenvPath) : undefined;
    const dotenv =
      dotenvText !== undefined && dotenvPath
        ? { uri: URI.file(dotenvPath).toString(), entries: parseDotenv(dotenvText) }
        : undefined;
    const system: SystemEnv = {
      now: () => new Date(),
      random: Math.random,
      uuid: randomUUID,
      processEnv: (n) => process.env[n],
      dotenv: (n) => dotenv?.entries.find((e) => e.name === n)?.value,
      environment: (n) => environment.variables.get(n)?.value,
    };
    const result = { environment, system, dotenv };
    this.byDir.set(key, result);
    return result;
  }
}
