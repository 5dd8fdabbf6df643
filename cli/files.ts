/**
 * Which files the command line reads, and reading one: the paths given (files, folders, or quoted globs),
 * walked below the root as the language server walks a workspace (node_modules, .git, build output and
 * hidden folders skipped), `.gitignore` files respected at every level, the config's include and exclude
 * applied. Only the paths are listed up front; each file is read when its turn comes, so memory holds
 * one file at a time however large the tree.
 */
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { MAX_POLICY_BYTES } from '../server/policyIndex';
import { SKIP_DIRS } from '../server/workspaceFiles';
import { CliError } from './cliError';
import type { CliConfig } from './config';
import type { FileError } from './findings';

/** The language id each kind of file is checked as (JSON files count only when they hold a policy). */
export type LanguageId = 'json' | 'jsonc' | 'http' | 'terraform';

export interface Target {
  abs: string;
  /** Relative to the root, with `/`. */
  rel: string;
  languageId: LanguageId;
}

export function languageOf(path: string): LanguageId | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.jsonc')) return 'jsonc';
  if (lower.endsWith('.http') || lower.endsWith('.rest')) return 'http';
  if (lower.endsWith('.tf')) return 'terraform';
  return undefined;
}

const posix = (p: string) => p.split(sep).join('/');
const GLOB = /[*?[\]{}]/;

/** A file not read, with the reason (a link leading out of the tree): said on stderr, not an error. */
export interface Skipped {
  path: string;
  reason: string;
}

export interface Listing {
  targets: Target[];
  skipped: Skipped[];
}

/** The files to check, in a stable order (by path). */
export function listFiles(args: readonly string[], config: CliConfig, cwd: string): Listing {
  const root = config.root;
  const inTree = (abs: string) => {
    const r = relative(root, abs);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  };
  const include = config.include.length ? ignore().add(config.include) : undefined;
  const exclude = ignore().add(config.exclude);
  const wanted = (rel: string) => (!include || include.ignores(rel)) && !exclude.ignores(rel);
  const found = new Map<string, Target>();
  const skipped: Skipped[] = [];
  let hits = 0;
  const add = (abs: string) => {
    hits++;
    const languageId = languageOf(abs);
    const rel = posix(relative(root, abs));
    if (languageId && !found.has(rel)) found.set(rel, { abs, rel, languageId });
  };

  const walk = (dir: string, ignores: Array<{ base: string; rules: Ignore }>, filter: (rel: string) => boolean) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      skipped.push({ path: posix(relative(root, dir)) || '.', reason: `not read (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    const here = readGitignore(dir);
    const rules = here ? [...ignores, { base: dir, rules: here }] : ignores;
    const ignored = (abs: string, isDir: boolean) =>
      rules.some(({ base, rules: r }) => r.ignores(posix(relative(base, abs)) + (isDir ? '/' : '')));
    for (const name of names) {
      const abs = join(dir, name);
      let st;
      try {
        st = lstatSync(abs);
      } catch {
        continue; // gone since the listing
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(name) || name.startsWith('.') || ignored(abs, true)) continue;
        walk(abs, rules, filter);
        continue;
      }
      if (!languageOf(name) || ignored(abs, false)) continue;
      const rel = posix(relative(root, abs));
      if (!wanted(rel) || !filter(posix(relative(cwd, abs)))) continue;
      if (st.isSymbolicLink()) {
        // A link is followed only to a file inside the tree (a repository must not make us read ~/.aws).
        const target = safeRealpath(abs);
        const reason = !target
          ? 'a link to nothing: not read'
          : !inTree(target)
            ? 'a link to something outside the tree: not read'
            : !statSync(target).isFile()
              ? 'a link to something other than a file: not read'
              : undefined;
        if (reason) {
          skipped.push({ path: rel, reason });
          continue;
        }
      } else if (!st.isFile()) continue;
      add(abs);
    }
  };

  const globs = args.filter((a) => GLOB.test(a));
  const plain = args.filter((a) => !GLOB.test(a));
  if (args.length === 0) plain.push('.');
  for (const arg of plain) {
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new CliError(`${arg}: no such file or folder.`);
    }
    const real = safeRealpath(abs) ?? abs;
    if (!inTree(abs) || !inTree(real))
      throw new CliError(
        `${arg} is outside the tree being checked (${root}): run ims-tags from a folder that holds it, or put ${'.imstags.json'} above both.`,
      );
    if (st.isDirectory()) {
      const before = hits;
      walk(abs, ancestorsIgnores(root, abs), () => true);
      // A folder named on purpose that yields nothing is a mistake a green CI run would hide (ESLint says so too).
      if (hits === before && arg !== '.' && args.length > 0)
        throw new CliError(
          `${arg}: no policy, .http or .tf file to check there (or .gitignore and the config leave them all out).`,
        );
    } else if (!languageOf(abs))
      throw new CliError(
        `${arg} is not a file ims-tags checks: policies are .json or .jsonc, requests .http or .rest, Terraform .tf.`,
      );
    else add(abs); // named on the command line: checked even where .gitignore or the config leave it out
  }
  for (const glob of globs) {
    const matcher = ignore().add(glob.replace(/^\.\//, ''));
    const before = hits;
    walk(root, [], (relToCwd) => !relToCwd.startsWith('..') && matcher.ignores(relToCwd));
    if (hits === before) throw new CliError(`${glob} matches no policy, .http or .tf file.`);
  }
  return { targets: [...found.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)), skipped };
}

function readGitignore(dir: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The .gitignore files between the root and a folder named on the command line. */
function ancestorsIgnores(root: string, dir: string): Array<{ base: string; rules: Ignore }> {
  const out: Array<{ base: string; rules: Ignore }> = [];
  const parts = posix(relative(root, dir)).split('/').filter(Boolean);
  let at = root;
  for (let i = 0; i < parts.length; i++) {
    const rules = readGitignore(at);
    if (rules) out.push({ base: at, rules });
    at = join(at, parts[i]);
  }
  return out;
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Bytes looked at for a NUL, as git does to call a file binary. */
const BINARY_SNIFF = 8000;

/** A file's text, or why it cannot be checked. */
export function readTarget(t: Target): { text: string } | FileError {
  let bytes: Buffer;
  try {
    const st = statSync(t.abs);
    // A FIFO or a device would block the read, or never end.
    if (!st.isFile()) return { path: t.rel, message: 'is not a regular file (a pipe, a socket or a device): not read' };
    const size = st.size;
    if (size > MAX_POLICY_BYTES)
      return {
        path: t.rel,
        message: `is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_POLICY_BYTES / 1024 / 1024} MB ims-tags reads (a policy is at most a few KB): not checked`,
      };
    bytes = readFileSync(t.abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path: t.rel, message: `could not be read (${code ?? (e as Error).message}): check its permissions` };
  }
  // UTF-16 with its byte order mark (what Windows PowerShell writes by default) is text too.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le') };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {
      text: Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)))
        .swap16()
        .toString('utf16le'),
    };
  if (bytes.subarray(0, BINARY_SNIFF).includes(0)) return { path: t.rel, message: 'is binary, not text: not checked' };
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
