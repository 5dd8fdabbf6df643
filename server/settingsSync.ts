/**
 * The server's copy of the `imsTags` settings (and REST Client's environments): pulled through `workspace/configuration` where the
 * client offers it, else taken from `workspace/didChangeConfiguration`. Inlay hints are refreshed
 * after every change.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, REST_CLIENT_SECTION, SETTINGS_SECTION, readSettings, type ImsTagsSettings } from '../core/settings';

export class SettingsSync {
  current: ImsTagsSettings = DEFAULT_SETTINGS;
  /** REST Client's `rest-client.environmentVariables` (environments for .http files). */
  restClientEnvironments: unknown = undefined;
  pull = false;
  /** Called after every change (the .http environments depend on the settings). */
  onChange: () => void = () => undefined;

  constructor(private readonly connection: Connection) {
    connection.onDidChangeConfiguration((change) => {
      if (this.pull) void this.refresh();
      else {
        const all = change.settings as Record<string, Record<string, unknown> | undefined> | undefined;
        this.restClientEnvironments = all?.[REST_CLIENT_SECTION]?.environmentVariables;
        this.apply(all?.[SETTINGS_SECTION]);
      }
    });
  }

  async refresh(): Promise<void> {
    if (!this.pull) return;
    try {
      const [ours, restClient] = await this.connection.workspace.getConfiguration([
        { section: SETTINGS_SECTION },
        { section: REST_CLIENT_SECTION },
      ]);
      this.restClientEnvironments = (restClient as Record<string, unknown> | null | undefined)?.environmentVariables;
      this.apply(ours);
    } catch {
      // A client that cannot answer keeps the defaults.
    }
  }

  private apply(raw: unknown): void {
    this.current = readSettings(raw);
    this.onChange();
    this.connection.languages.inlayHint.refresh().catch(() => undefined);
  }
}
