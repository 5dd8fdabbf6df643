/** What the adapters hand the .http language features about a document's variable sources. */
import { accepts, type DialectSetting } from '../dialects';
import { parseDotenv, type DotenvEntry } from './dotenv';
import { EMPTY_ENVIRONMENT, environmentFrom, type Environment, type EnvironmentSource } from './environments';
import type { SystemEnv } from './systemVariables';

export interface HttpVariableSources {
  environment: Environment;
  /** Evaluates system variables (a clock, the process environment, the .env beside the file). */
  system?: SystemEnv;
  dotenv?: { uri: string; entries: DotenvEntry[] };
  /** Why `.env` beside the file was not read (a link out of the workspace, too large). */
  dotenvRefused?: string;
  /**
   * httpyac's `.env` files as plain `{{NAME}}` variables: `.env`, then the selected environment's
   * `.env.<name>` and `<name>.env` beside the file (later wins).
   */
  dotenvVariables?: Array<{ uri: string; label: string; entries: DotenvEntry[] }>;
  /** `imsTags.http.dialect`. */
  dialect?: DialectSetting;
}

export const NO_VARIABLE_SOURCES: HttpVariableSources = { environment: EMPTY_ENVIRONMENT };

export const ENV_FILES = ['http-client.env.json', 'http-client.private.env.json'] as const;

const parent = (uri: string) => uri.slice(0, uri.lastIndexOf('/'));
const under = (uri: string, folder: string) => uri === folder || uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`);

/**
 * Where a document's variable files are, as URIs (any scheme, so the web host can read them too): the
 * env files at the root of the workspace folder that holds the document, then beside it (a private file
 * after its public one: later wins), and the `.env` beside it.
 */
export function variableFileUris(
  docUri: string,
  folderUris: readonly string[],
  selected = '',
): {
  envFiles: Array<{ uri: string; label: string }>;
  dotenv?: string;
  envDotenv: Array<{ uri: string; label: string }>;
  key: string;
} {
  const folders = folderUris.map((f) => f.replace(/\/$/, ''));
  const dir = docUri.includes('/') && !docUri.startsWith('untitled:') ? parent(docUri) : undefined;
  const root = (dir && folders.filter((f) => under(dir, f)).sort((a, b) => b.length - a.length)[0]) ?? folders[0];
  const envFiles: Array<{ uri: string; label: string }> = [];
  for (const d of [...new Set([root, dir].filter((x): x is string => x !== undefined))])
    for (const name of ENV_FILES)
      envFiles.push({ uri: `${d}/${name}`, label: d === root && d !== dir ? `${name} (workspace root)` : name });
  // The environment's name becomes part of a path only when it is a plain name (no `/`, no `..`).
  const plain = /^[\w-][\w.-]*$/.test(selected) && !selected.includes('..');
  const envDotenv =
    dir && plain
      ? [
          { uri: `${dir}/.env.${selected}`, label: `.env.${selected}` },
          { uri: `${dir}/${selected}.env`, label: `${selected}.env` },
        ]
      : [];
  return { envFiles, dotenv: dir && `${dir}/.env`, envDotenv, key: `${root ?? ''}|${dir ?? ''}|${plain ? selected : ''}` };
}

/**
 * The environment an httpyac `.env.<name>` or `<name>.env` file belongs to (plain names only). A template
 * committed for others to copy (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`) is no
 * environment anyone means to select.
 */
export function dotenvEnvironment(fileName: string): string | undefined {
  const m = /^\.env\.([\w-][\w.-]*)$/.exec(fileName) ?? /^([\w-][\w.-]*)\.env$/.exec(fileName);
  return m && !m[1].includes('..') && !TEMPLATES.has(m[1].toLowerCase()) ? m[1] : undefined;
}
const TEMPLATES = new Set(['example', 'sample', 'template', 'dist']);

/** The sources from what the adapter read (files that do not exist are left out by it). */
export function buildVariableSources(read: {
  settings: unknown;
  files: Array<{ uri: string; label: string; text: string }>;
  /** Env files that exist but were not read, with the reason. */
  refused?: string[];
  dotenv?: { uri: string; text: string } | { refused: string };
  /** The selected environment's `.env.<name>` and `<name>.env` that exist (httpyac). */
  envDotenv?: Array<{ uri: string; label: string; text: string }>;
  /** The other environments' `.env.<name>` and `<name>.env` beside the document: where a name is defined. */
  otherDotenv?: Array<{ env: string; uri: string; label: string; text: string }>;
  dialect?: DialectSetting;
  selected: string;
  processEnv: (name: string) => string | undefined;
  uuid: () => string;
  /** The workspace is not trusted: $processEnv and $dotenv are not read. */
  restricted?: boolean;
}): HttpVariableSources {
  const sources: EnvironmentSource[] = [];
  if (read.settings !== undefined && read.settings !== null)
    sources.push({ label: 'settings (rest-client.environmentVariables)', value: read.settings });
  sources.push(...read.files);
  const fromFiles = environmentFrom(sources, read.selected);
  // The selected environment's own .env file makes it an environment too, as the other ones' do.
  const named = read.envDotenv?.length ? [read.selected] : [];
  const found = withDotenvEnvironments(fromFiles, named, read.otherDotenv ?? [], read.dialect ?? 'any');
  const refused = read.refused ?? [];
  const environment = refused.length > 0 ? { ...found, problems: [...found.problems, ...refused], refused } : found;
  const dotenvRefused = read.dotenv && 'refused' in read.dotenv ? read.dotenv.refused : undefined;
  const dotenv =
    read.dotenv && 'text' in read.dotenv ? { uri: read.dotenv.uri, entries: parseDotenv(read.dotenv.text) } : undefined;
  const byName = new Map(dotenv?.entries.map((e) => [e.name, e.value]));
  const system: SystemEnv = {
    now: () => new Date(),
    random: Math.random,
    uuid: read.uuid,
    processEnv: read.processEnv,
    dotenv: (n) => byName.get(n),
    dotenvRefused,
    environment: (n) => environment.variables.get(n)?.value,
    restricted: read.restricted === true,
  };
  const dotenvVariables = [
    ...(dotenv ? [{ uri: dotenv.uri, label: '.env', entries: dotenv.entries }] : []),
    ...(read.envDotenv ?? []).map((f) => ({ uri: f.uri, label: f.label, entries: parseDotenv(f.text) })),
  ];
  return {
    environment,
    system,
    dotenv,
    ...(dotenvRefused ? { dotenvRefused } : {}),
    ...(dotenvVariables.length ? { dotenvVariables } : {}),
    dialect: read.dialect ?? 'any',
  };
}

/**
 * httpyac's per-environment .env files: the environments they name join the list (`selected`, whose file
 * was read, and the others), and the variables of the others say where a name is.
 */
function withDotenvEnvironments(
  env: Environment,
  selected: readonly string[],
  others: ReadonlyArray<{ env: string; text: string }>,
  dialect: DialectSetting,
): Environment {
  if (selected.length + others.length === 0 || !accepts(dialect, 'httpyac')) return env;
  const names = new Set([...env.names, ...selected]);
  const elsewhere = new Map<string, string[]>(
    [...(env.elsewhere ?? new Map<string, readonly string[]>())].map(([k, v]) => [k, [...v]]),
  );
  for (const o of others) {
    names.add(o.env);
    for (const e of parseDotenv(o.text)) {
      if (env.variables.has(e.name)) continue;
      const list = elsewhere.get(e.name) ?? [];
      if (!list.includes(o.env)) list.push(o.env);
      elsewhere.set(e.name, list.sort());
    }
  }
  return { ...env, names: [...names].sort(), ...(elsewhere.size ? { elsewhere } : {}) };
}
