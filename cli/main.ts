/**
 * The command line (`dist/cli.js`, the package's `ims-tags` bin): the editor's checks in CI.
 *   ims-tags check [paths…]        every policy, .http and .tf file below the paths
 *   ims-tags diff --base REF [paths…]  the access the changed policies add ("no new access")
 * Exit codes: 0 clean, 1 findings at or above --fail-on (diff: access added), 2 usage or I/O error.
 * Every failure is one sentence on stderr; a stack trace would be a bug (and says so).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzerFromEnv } from './analyzer';
import { CHECK_CODES, runCheck } from './check';
import { CliError } from './cliError';
import { findConfig, loadConfig, type CliConfig } from './config';
import { ANALYZER_RULE, NEW_ACCESS_RULE, runDiff } from './diff';
import { listFiles } from './files';
import { atLeast, type CheckReport, type Level, type RuleInfo } from './findings';
import { toDiffJson, toDiffText } from './format/diffText';
import { toJson } from './format/json';
import { toSarif } from './format/sarif';
import { toText } from './format/text';
import { checkRules } from './rules';
import { gitRoot } from './git';

const USAGE = `ims-tags: IMS Tags & Policies' checks on the command line.

Usage:
  ims-tags check [paths…] [options]      check IAM policy files, .http/.rest files and Terraform
  ims-tags diff --base REF [paths…] [options]
                                         the access each changed policy adds since REF (a git ref)

Options:
  --format text|json|sarif   the report's form (default text)
  -o, --output FILE          write the report to FILE instead of standard output
  --fail-on error|warning|info   exit 1 on findings at or above this level (default error)
  --env NAME                 check: the .http environment of http-client.env.json to use
  --config FILE              the config (default: .imstags.json found upward from here)
  --no-config                every check at its default, all files
  --allow-new-access         diff: report added access, but exit 0
  --analyzer                 diff: ask IAM Access Analyzer too (HUAWEICLOUD_SDK_AK/SK in the environment)
  --region NAME              diff --analyzer: Access Analyzer's region (default cn-east-3)
  --endpoint URL             diff --analyzer: a local emulator's address instead of Huawei Cloud
  -h, --help, --version

Exit codes: 0 clean, 1 findings (diff: new access), 2 usage or I/O error. docs/ci.md has the details.`;

interface Runtime {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (progress is shown only then). */
  interactive: boolean;
  /** The package's folder (dist/ and docs/ are in it). */
  packageDir: string;
  wasmDir: string;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'info'] as const;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`--${flag} ${value}: use one of ${allowed.join(', ')}.`);
  return value as T;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        env: { type: 'string' },
        config: { type: 'string' },
        'no-config': { type: 'boolean' },
        base: { type: 'string' },
        'allow-new-access': { type: 'boolean' },
        analyzer: { type: 'boolean' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message.split(/\.(\s|$)/)[0]}. ims-tags --help lists the options.`);
  }
}

function version(packageDir: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function configFor(values: { config?: string; 'no-config'?: boolean }, rt: Runtime): CliConfig {
  if (values['no-config']) return loadConfig(undefined, rt.cwd, CHECK_CODES);
  if (values.config) {
    const file = resolve(rt.cwd, values.config);
    if (!existsSync(file)) throw new CliError(`--config ${values.config}: no such file.`);
    // Named on the command line (kept in ci/, say): the tree is the working directory's, and so are its globs.
    return { ...loadConfig(file, rt.cwd, CHECK_CODES), root: rt.cwd };
  }
  return loadConfig(findConfig(rt.cwd), rt.cwd, CHECK_CODES);
}

function write(report: string, output: string | undefined, rt: Runtime): void {
  if (!output) return rt.stdout(report);
  const file = resolve(rt.cwd, output);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, report);
  } catch (e) {
    throw new CliError(`--output ${output}: could not write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}

/** Writes the report in its format, names the files that could not be read; returns the exit code. */
function finish(
  format: (typeof FORMATS)[number],
  report: CheckReport,
  views: { rules: readonly RuleInfo[]; text: () => string; json: () => string; failed: boolean },
  output: string | undefined,
  rt: Runtime,
  argv: string[],
): number {
  const sarif = () =>
    `${JSON.stringify(
      toSarif({
        root: report.root,
        rules: views.rules,
        findings: report.findings,
        errors: report.errors,
        version: version(rt.packageDir),
        packageDir: rt.packageDir,
        commandLine: ['ims-tags', ...argv].join(' '),
      }),
      null,
      2,
    )}\n`;
  write(format === 'text' ? views.text() : format === 'json' ? views.json() : sarif(), output, rt);
  for (const e of report.errors) rt.stderr(`ims-tags: ${e.path} ${e.message}.\n`);
  return report.errors.length ? 2 : views.failed ? 1 : 0;
}

/** Runs the command; returns the exit code. */
export async function main(argv: string[], rt: Runtime): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.version) {
      rt.stdout(`${version(rt.packageDir)}\n`);
      return 0;
    }
    const [command, ...paths] = positionals;
    if (values.help || command === 'help') {
      rt.stdout(`${USAGE}\n`);
      return 0;
    }
    if (!command) {
      rt.stderr(`${USAGE}\n`);
      return 2;
    }
    if (command !== 'check' && command !== 'diff')
      throw new CliError(`"${command}" is not a command: use check or diff (ims-tags --help).`);
    if (values.config !== undefined && values['no-config']) throw new CliError('--config and --no-config: give one of them.');
    const format = oneOf('format', values.format, FORMATS) ?? 'text';
    const config = configFor(values, rt);
    const failOn: Level = oneOf('fail-on', values['fail-on'], FAIL_ON) ?? config.failOn ?? 'error';
    const common = { wasmDir: rt.wasmDir, loadTreeSitter: async () => import('web-tree-sitter') };

    if (command === 'check') {
      for (const flag of ['base', 'allow-new-access', 'analyzer', 'region', 'endpoint'] as const)
        if (values[flag] !== undefined) throw new CliError(`--${flag} belongs to ims-tags diff, not check.`);
      const listing = listFiles(paths, config, rt.cwd);
      for (const s of listing.skipped) rt.stderr(`ims-tags: ${s.path}: ${s.reason}\n`);
      const started = Date.now();
      const report = await runCheck({
        ...common,
        targets: listing.targets,
        config,
        env: values.env ?? config.env,
        onFile: (done, total) => {
          if (rt.interactive && total > 500 && done % 500 === 0 && Date.now() - started > 1000)
            rt.stderr(`ims-tags: ${done} of ${total} files checked…\r`);
        },
      });
      const env = values.env ?? config.env;
      if (env && report.files.http > 0 && !report.environments?.includes(env))
        throw new CliError(
          `${values.env ? '--env' : `${config.file}: env`} ${env}: no env file of the .http files defines it (${report.environments?.length ? `they define ${report.environments.join(', ')}` : 'there is no http-client.env.json'}).`,
        );
      const failed = report.findings.some((f) => atLeast(f.level, failOn));
      return finish(
        format,
        report,
        { rules: checkRules(), text: () => toText(report), json: () => toJson(report), failed },
        values.output,
        rt,
        argv,
      );
    }

    if (values.env !== undefined) throw new CliError('--env belongs to ims-tags check, not diff.');
    if (!values.base)
      throw new CliError('ims-tags diff needs --base REF: the git ref to compare with (a branch, tag or commit).');
    const root = gitRoot(rt.cwd);
    const analyzer = values.analyzer ? analyzerFromEnv(rt.env, values.region ?? 'cn-east-3', values.endpoint) : undefined;
    const report = await runDiff({
      ...common,
      root,
      base: values.base,
      paths,
      cwd: rt.cwd,
      config,
      ...(analyzer ? { analyzer } : {}),
    });
    const added = report.findings.filter((f) => f.code === NEW_ACCESS_RULE.id);
    if (values['allow-new-access']) for (const f of added) f.level = 'warning';
    // New access fails unless allowed; Access Analyzer's own findings by --fail-on, as check's do.
    const failed =
      (added.length > 0 && !values['allow-new-access']) ||
      report.findings.some((f) => f.code !== NEW_ACCESS_RULE.id && atLeast(f.level, failOn));
    const views = {
      rules: analyzer ? [NEW_ACCESS_RULE, ANALYZER_RULE] : [NEW_ACCESS_RULE],
      text: () => toDiffText(report),
      json: () => toDiffJson(report),
      failed,
    };
    return finish(format, report, views, values.output, rt, argv);
  } catch (e) {
    if (e instanceof CliError) {
      rt.stderr(`ims-tags: ${e.message}\n`);
      return e.exitCode;
    }
    rt.stderr(
      `ims-tags: an internal error (a bug of ims-tags, please report it with the command you ran): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 2;
  }
}

if (require.main === module) {
  // A reader that stops early (`ims-tags check | head`) closes the pipe: that ends the run, quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    interactive: process.stderr.isTTY === true,
    packageDir: join(__dirname, '..'),
    wasmDir: __dirname,
  }).then((code) => {
    process.exitCode = code;
  });
}
