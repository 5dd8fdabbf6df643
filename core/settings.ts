/**
 * The extension's settings (section `imsTags`), typed once and read by both sides: the client for the
 * endpoints, the language server for the rest. The defaults are those of package.json's
 * `contributes.configuration`; a unit test keeps the two in step.
 */
import type { DialectSetting } from './http/dialects';

export const SETTINGS_SECTION = 'imsTags';

const DIALECT_SETTINGS: readonly DialectSetting[] = ['any', 'rest-client', 'httpyac', 'jetbrains'];
/** REST Client's section: its `environmentVariables` are .http environments for us too. */
export const REST_CLIENT_SECTION = 'rest-client';

export interface ImsTagsSettings {
  policy: { inlayHints: { enabled: boolean } };
  /**
   * `environment`: the selected .http environment ('' = `$shared` only). `dialect`: whose rules judge an
   * ambiguous construct (core/http/dialects.ts); `any` accepts what any of the three accepts.
   */
  http: { inlayHints: { enabled: boolean }; environment: string; dialect: DialectSetting };
  trace: { server: 'off' | 'messages' | 'verbose' };
  endpoint: { ims: string; iam: string; sts: string; accessAnalyzer: string };
  /** `reconnect`: a new window or a reload connects again as the last time, when its keys are still stored. */
  connection: { reconnect: boolean };
}

export const DEFAULT_SETTINGS: ImsTagsSettings = {
  policy: { inlayHints: { enabled: true } },
  http: { inlayHints: { enabled: true }, environment: '', dialect: 'any' },
  trace: { server: 'off' },
  endpoint: { ims: '', iam: '', sts: '', accessAnalyzer: '' },
  connection: { reconnect: true },
};

/** Reads the section as a client sends it: anything missing or of the wrong type keeps its default. */
export function readSettings(raw: unknown): ImsTagsSettings {
  const r = (raw ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const flag = (group: 'policy' | 'http') => {
    const v = (r[group]?.inlayHints as { enabled?: unknown } | undefined)?.enabled;
    return typeof v === 'boolean' ? v : DEFAULT_SETTINGS[group].inlayHints.enabled;
  };
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const trace = text(r.trace?.server, 'off');
  return {
    policy: { inlayHints: { enabled: flag('policy') } },
    http: {
      inlayHints: { enabled: flag('http') },
      environment: text(r.http?.environment, '').trim(),
      dialect: DIALECT_SETTINGS.find((d) => d === r.http?.dialect) ?? 'any',
    },
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
    endpoint: {
      ims: text(r.endpoint?.ims, ''),
      iam: text(r.endpoint?.iam, ''),
      sts: text(r.endpoint?.sts, ''),
      accessAnalyzer: text(r.endpoint?.accessAnalyzer, ''),
    },
    connection: {
      reconnect: typeof r.connection?.reconnect === 'boolean' ? r.connection.reconnect : DEFAULT_SETTINGS.connection.reconnect,
    },
  };
}
