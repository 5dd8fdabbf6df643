/**
 * The server's copy of the `imsTags` settings: pulled through `workspace/configuration` where the
 * client offers it, else taken from `workspace/didChangeConfiguration`. Inlay hints are refreshed
 * after every change.
 */
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, readSettings, type ImsTagsSettings } from '../core/settings';

export class SettingsSync {
  current: ImsTagsSettings = DEFAULT_SETTINGS;
  pull = false;

  constructor(private readonly connection: Connection) {
    connection.onDidChangeConfiguration((change) => {
      if (this.pull) void this.refresh();
      else this.apply((change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]);
    });
  }

  async refresh(): Promise<void> {
    if (!this.pull) return;
    try {
      this.apply(await this.connection.workspace.getConfiguration(SETTINGS_SECTION));
    } catch {
      // A client that cannot answer keeps the defaults.
    }
  }

  private apply(raw: unknown): void {
    this.current = readSettings(raw);
    this.connection.languages.inlayHint.refresh().catch(() => undefined);
  }
}
