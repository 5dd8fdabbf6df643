/**
 * `.imstags.json`, found upward from the working directory (as .eslintrc or .tflint.hcl are): checks on,
 * off or at another severity, which files to include and exclude (gitignore patterns, relative to the
 * config's folder), the .http environment and the exit threshold. Flags given on the command line win.
 * Validated with its JSON Schema by ajv, compiled here (the editor's validators are precompiled into
 * core/validation/generated.ts, which the web worker loads: this one stays out of it); an unknown check code is named with a
 * did-you-mean, because a typo there would otherwise switch nothing off, silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseTree, getNodeValue } from 'jsonc-parser';
import { closest } from '../core/util/distance';
import Ajv from 'ajv';
import { CliError } from './cliError';
import type { Level } from './findings';

export const CONFIG_FILE = '.imstags.json';

const globs = { type: 'array', items: { type: 'string', minLength: 1 } };

/** `.imstags.json`: the checks on, off or at another severity, which files, the .http environment, the exit threshold. */
export const CLI_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    checks: { type: 'object', additionalProperties: { enum: ['off', 'error', 'warning', 'info', 'hint'] } },
    include: globs,
    exclude: globs,
    env: { type: 'string', minLength: 1 },
    failOn: { enum: ['error', 'warning', 'info'] },
  },
};

export interface CliConfig {
  /** The folder holding the config (the root its globs are relative to), else the working directory. */
  root: string;
  file?: string;
  checks: Record<string, Level | 'off'>;
  include: string[];
  exclude: string[];
  env?: string;
  failOn?: 'error' | 'warning' | 'info';
}

/** The nearest `.imstags.json` at or above `from`. */
export function findConfig(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The config at `file` (or none: every check at its default), its check codes checked against `codes`. */
export function loadConfig(file: string | undefined, cwd: string, codes: ReadonlySet<string>): CliConfig {
  if (!file) return { root: cwd, checks: {}, include: [], exclude: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`${file} could not be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const errors: import('jsonc-parser').ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true });
  if (!tree || errors.length)
    throw new CliError(`${file} is not valid JSON (with comments): fix it, or delete it to use the defaults.`);
  const value = getNodeValue(tree) as Omit<CliConfig, 'root' | 'file'>;
  const validate = new Ajv({ allErrors: false }).compile(CLI_CONFIG_SCHEMA);
  const problems = validate(value) ? [] : (validate.errors ?? []);
  if (problems.length) {
    const p = problems[0];
    const where = p.instancePath ? `at ${p.instancePath}` : 'at the top';
    const allowed = p.params && 'allowedValues' in p.params ? `: one of ${(p.params.allowedValues as string[]).join(', ')}` : '';
    const extra = p.params && 'additionalProperty' in p.params ? ` ("${String(p.params.additionalProperty)}")` : '';
    throw new CliError(`${file}: ${where}, ${p.message}${extra}${allowed}.`);
  }
  for (const code of Object.keys(value.checks ?? {}))
    if (!codes.has(code)) {
      const near = closest(code, codes, 1);
      throw new CliError(
        `${file}: no check has the code "${code}"${near.length ? `; did you mean "${near[0]}"?` : ''} (every code: docs/checks.md).`,
      );
    }
  return {
    root: dirname(file),
    file,
    checks: value.checks ?? {},
    include: value.include ?? [],
    exclude: value.exclude ?? [],
    ...(value.env ? { env: value.env } : {}),
    ...(value.failOn ? { failOn: value.failOn } : {}),
  };
}
