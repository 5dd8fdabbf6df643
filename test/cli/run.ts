/** The command line as people run it: the built bundle (dist/cli.js) in a process of its own, in a folder of files. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '../../..');
export const CLI = join(ROOT, 'dist/cli.js');
const MULTITOOL = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without Huawei credentials, plus `env`. */
const environment = (env: NodeJS.ProcessEnv) => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('HUAWEICLOUD_') && k !== 'IMS_TAGS_LOCAL_EMULATOR'),
  ),
  ...env,
});

/** Runs `ims-tags …` in `cwd`; the environment has no Huawei credentials unless `env` gives them. */
export function ims(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: environment(env), timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same without blocking this process (an emulator in it must answer the command). */
export function imsAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: environment(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A new folder holding the files (path → text). */
export function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ims-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export const policy = (actions: string[], extra = '') =>
  `{\n  "Version": "1.1",\n  "Statement": [\n    { "Effect": "Allow", "Action": ${JSON.stringify(actions)}${extra} }\n  ]\n}\n`;

/** The multitool's findings on a SARIF file, by level. */
export function validateSarif(file: string): Record<string, string[]> {
  assert.ok(
    existsSync(MULTITOOL),
    `sarif-multitool is missing at ${MULTITOOL}: run npm ci (it is a devDependency, @microsoft/sarif-multitool, Linux x64)`,
  );
  const out = `${file}.validation.sarif`;
  const r = spawnSync(
    MULTITOOL,
    ['validate', '--output', out, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note', file],
    {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    },
  );
  assert.equal(r.status, 0, `sarif-multitool failed: ${r.stdout}${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: Array<{ results: Array<{ ruleId: string; level?: string; message: { arguments?: string[] } }> }>;
  };
  const by: Record<string, string[]> = { error: [], warning: [], note: [] };
  for (const x of report.runs[0].results) by[x.level ?? 'warning'].push(`${x.ruleId} ${(x.message.arguments ?? []).join(' ')}`);
  return by;
}
