/**
 * .http environments as REST Client, httpyac and the JetBrains HTTP Client keep them (docs/sources.md §H):
 * `rest-client.environmentVariables` in settings, and `http-client.env.json` with
 * `http-client.private.env.json` at the workspace folder's root and beside the file — each
 * `{"$shared": {...}, "dev": {...}}`. Later sources win: settings, then the root's files, then the
 * files beside the .http file, a private file over its public one; within them, the selected
 * environment over `$shared`. Pure: the adapters read the files and hand their text here.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { lineIndex } from '../../util/lineIndex';
import { MAX_NESTING, parseJsonTree } from '../../util/nesting';

export const SHARED = '$shared';

export interface EnvironmentSource {
  /** For people: "settings (rest-client.environmentVariables)", "http-client.env.json". */
  label: string;
  /** Where a variable is defined, for go to definition (files only). */
  uri?: string;
  /** The parsed content: environments by name. */
  text?: string;
  value?: unknown;
}

export interface EnvironmentValue {
  value: string;
  /** The environment it comes from ($shared or the selected one). */
  environment: string;
  source: string;
  uri?: string;
  /** Offsets of the name in the source file, and its line and character (0-based). */
  start?: number;
  end?: number;
  line?: number;
  character?: number;
}

export interface Environment {
  /** The selected environment ('' = $shared only). */
  name: string;
  variables: ReadonlyMap<string, EnvironmentValue>;
  /** Every environment name the sources define ($shared excluded). */
  names: readonly string[];
  /** For a name the selected environment and $shared lack: the other environments that define it. */
  elsewhere?: ReadonlyMap<string, readonly string[]>;
  /** Sources that could not be read (invalid JSON): "defined nowhere" is not said while any is. */
  problems: readonly string[];
  /** Env files that were refused (a link out of the workspace, too large): said on each reference they may define. */
  refused?: readonly string[];
}

interface Parsed {
  source: EnvironmentSource;
  envs: Map<string, Map<string, Place & { value: string }>>;
}

interface Place {
  start?: number;
  end?: number;
  line?: number;
  character?: number;
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function fromTree(root: Node, text: string): Parsed['envs'] {
  const at = lineIndex(text);
  const place = (start: number, end: number): Place => ({ start, end, ...at(start) });
  const envs: Parsed['envs'] = new Map();
  for (const prop of root.children ?? []) {
    const [key, obj] = prop.children ?? [];
    if (!key || obj?.type !== 'object') continue;
    const vars = new Map<string, Place & { value: string }>();
    for (const p of obj.children ?? []) {
      const [k, v] = p.children ?? [];
      const value = v && scalar(v.value);
      if (k && value !== undefined) vars.set(String(k.value), { value, ...place(k.offset + 1, k.offset + k.length - 1) });
    }
    envs.set(String(key.value), vars);
  }
  return envs;
}

function fromValue(value: unknown): Parsed['envs'] {
  const envs: Parsed['envs'] = new Map();
  if (typeof value !== 'object' || value === null) return envs;
  for (const [name, vars] of Object.entries(value)) {
    if (typeof vars !== 'object' || vars === null) continue;
    const m = new Map<string, { value: string }>();
    for (const [k, v] of Object.entries(vars)) {
      const s = scalar(v);
      if (s !== undefined) m.set(k, { value: s });
    }
    envs.set(name, m);
  }
  return envs;
}

/** Parses sources once (the adapters cache the result by content). */
export function parseSources(sources: readonly EnvironmentSource[]): { parsed: Parsed[]; problems: string[] } {
  const parsed: Parsed[] = [];
  const problems: string[] = [];
  for (const source of sources) {
    if (source.text === undefined) {
      parsed.push({ source, envs: fromValue(source.value) });
      continue;
    }
    const errors: ParseError[] = [];
    const { tree: root, tooDeep } = parseJsonTree(source.text, errors, { allowTrailingComma: true });
    if (tooDeep !== undefined) {
      problems.push(`${source.label} nests deeper than ${MAX_NESTING} levels: not read`);
      continue;
    }
    if (!root || root.type !== 'object' || errors.length) {
      problems.push(`${source.label} is not a JSON object of environments`);
      if (root?.type === 'object') parsed.push({ source, envs: fromTree(root, source.text) });
      continue;
    }
    parsed.push({ source, envs: fromTree(root, source.text) });
  }
  return { parsed, problems };
}

export function environmentFrom(sources: readonly EnvironmentSource[], selected: string): Environment {
  const { parsed, problems } = parseSources(sources);
  const names = new Set<string>();
  for (const p of parsed) for (const n of p.envs.keys()) if (n !== SHARED) names.add(n);
  const variables = new Map<string, EnvironmentValue>();
  const layer = (env: string) => {
    for (const p of parsed)
      for (const [k, v] of p.envs.get(env) ?? [])
        variables.set(k, { ...v, environment: env, source: p.source.label, uri: p.source.uri });
  };
  layer(SHARED);
  if (selected && selected !== SHARED) layer(selected);
  const elsewhere = new Map<string, string[]>();
  for (const p of parsed)
    for (const [env, vars] of p.envs)
      if (env !== SHARED && env !== selected)
        for (const k of vars.keys())
          if (!variables.has(k)) {
            const list = elsewhere.get(k) ?? [];
            if (!list.includes(env)) list.push(env);
            elsewhere.set(k, list);
          }
  for (const list of elsewhere.values()) list.sort();
  return { name: selected, variables, names: [...names].sort(), problems, ...(elsewhere.size ? { elsewhere } : {}) };
}

export const EMPTY_ENVIRONMENT: Environment = { name: '', variables: new Map(), names: [], problems: [] };
