/**
 * The few git questions `ims-tags diff` asks, through the git command (as CI has it): where the
 * repository is, whether the base names a commit, which files changed since it (committed or not, and
 * new files git does not track yet), and a file's text at the base. Paths are the repository's, with `/`.
 */
import { spawnSync } from 'node:child_process';
import { CliError } from './cliError';

function git(cwd: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error)
    throw new CliError(`git could not be run (${(r.error as NodeJS.ErrnoException).code}): ims-tags diff needs git on the PATH.`);
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.trim() };
}

/** The repository's top folder. */
export function gitRoot(cwd: string): string {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!r.ok)
    throw new CliError(`${cwd} is not in a git repository: ims-tags diff compares the working tree with a commit of one.`);
  return r.out.trim();
}

/** The commit a ref names, or a sentence saying how to get it. */
export function resolveBase(root: string, ref: string): string {
  if (ref.startsWith('-')) throw new CliError(`--base ${ref}: a git ref cannot start with "-".`);
  const r = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!r.ok)
    throw new CliError(
      `--base ${ref}: no commit of this repository has that name (in CI, fetch it first: a shallow clone has only the last commit; actions/checkout takes fetch-depth: 0).`,
    );
  return r.out.trim();
}

export interface Change {
  /** The path now (absent when the file was deleted) and at the base (absent when it is new). */
  path?: string;
  basePath?: string;
}

/** Files that differ between the base and the working tree, renames followed, untracked files as new. */
export function changedFiles(root: string, base: string): Change[] {
  const diff = git(root, ['diff', '--name-status', '-z', '--find-renames', '--no-ext-diff', base, '--']);
  if (!diff.ok) throw new CliError(`git diff failed: ${diff.err}`);
  const parts = diff.out.split('\0').filter((p, i, all) => p !== '' || i < all.length - 1);
  const out: Change[] = [];
  for (let i = 0; i < parts.length;) {
    const status = parts[i++];
    if (!status) continue;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = parts[i++];
      const to = parts[i++];
      out.push(status.startsWith('R') ? { basePath: from, path: to } : { path: to });
    } else {
      const p = parts[i++];
      if (status === 'A') out.push({ path: p });
      else if (status === 'D') out.push({ basePath: p });
      else out.push({ path: p, basePath: p });
    }
  }
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (untracked.ok) for (const p of untracked.out.split('\0').filter(Boolean)) out.push({ path: p });
  return out;
}

/** A file's text at the base commit. */
export function textAt(root: string, base: string, path: string): string {
  const r = git(root, ['show', `${base}:${path}`]);
  if (!r.ok) throw new CliError(`git show ${base}:${path} failed: ${r.err}`);
  return r.out;
}
