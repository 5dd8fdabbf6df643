/**
 * `ims-tags check` on a large tree, as CI runs it (`node dist/cli.js`, a process of its own, timed from
 * start to exit with its peak memory from /usr/bin/time): 10,000 policy files (1.1 and 5.0, some with
 * conditions, some with mistakes) in 100 folders, 500 .tf files with two policies each and 500 .http
 * files of ten IMS requests with an env file — the target is under 10 s. The same tree twice
 * over shows whether memory grows with the tree (files are read one at a time) or only with the findings.
 * Writes bench/cli-results.md and .json; `npm run bench:cli`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { IMS_ACTIONS } from '../core/catalogue';
import { generateHttp, generatePolicyFiles } from './generate';
import { ms, spread, type Spread } from './stats';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const RUNS = 5;

/** A 5.0 policy on tags, one in ten with a mistake the checks report (a misspelt action). */
function policy5(i: number): string {
  const action = i % 10 === 3 ? 'ims:images:setTagz' : 'ims:images:setTags';
  return JSON.stringify(
    {
      Version: '5.0',
      Statement: [
        {
          Effect: 'Allow',
          Action: [action, 'ims:images:getTags'],
          Resource: ['*'],
          Condition: { StringEquals: { 'g:ResourceTag/team': [`t${i % 7}`] } },
        },
        { Effect: 'Deny', Action: ['ims:images:delete'], Resource: ['*'] },
      ],
    },
    null,
    2,
  );
}

function terraform(i: number): string {
  const role = (n: number) =>
    `resource "huaweicloud_identity_role" "r${i}_${n}" {\n  name   = "r${i}_${n}"\n  type   = "XA"\n  policy = <<EOT\n${generatePolicyFiles(1)[0]}\nEOT\n}\n`;
  return `${role(0)}\n${role(1)}\nresource "huaweicloud_images_image" "img${i}" {\n  name = "img${i}"\n  tags = { team = "t${i % 7}", owner = "${IMS_ACTIONS[i % IMS_ACTIONS.length].name.split(':')[2]}" }\n}\n`;
}

/** The tree: `scale` × (10,000 policies, 500 .tf, 500 .http, unless `http` is false). */
function makeTree(scale: number, http = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'ims-bench-cli-'));
  const policies = generatePolicyFiles(5000 * scale);
  for (let i = 0; i < 10_000 * scale; i++) {
    const folder = join(dir, 'policies', `team-${i % (100 * scale)}`);
    if (i < 100 * scale) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `p${i}.json`), i % 2 === 0 ? policies[i / 2] : policy5(i));
  }
  mkdirSync(join(dir, 'tf'), { recursive: true });
  mkdirSync(join(dir, 'http'), { recursive: true });
  writeFileSync(join(dir, 'http', 'http-client.env.json'), JSON.stringify({ dev: { region: 'cn-north-4', projectId: 'p1' } }));
  const requests = generateHttp(10);
  const withHttp = http;
  for (let i = 0; i < 500 * scale; i++) {
    writeFileSync(join(dir, 'tf', `m${i}.tf`), terraform(i));
    if (withHttp) writeFileSync(join(dir, 'http', `r${i}.http`), requests);
  }
  return dir;
}

interface Row {
  shape: string;
  files: number;
  format: string;
  seconds: Spread;
  peakMiB: Spread;
  findings: number;
}

function run(dir: string, format: string): { seconds: number; peakMiB: number; findings: number } {
  const out = join(dir, '..', `${dir.split('/').pop()}.${format}`);
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', process.execPath, CLI, 'check', dir, '--no-config', '--format', format, '--output', out],
    {
      encoding: 'utf8',
      cwd: dir,
    },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`ims-tags check failed (${r.status}): ${r.stderr}`);
  const [seconds, kib] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  let findings = 0;
  if (format === 'json') findings = (JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[] }).findings.length;
  rmSync(out, { force: true });
  return { seconds, peakMiB: kib / 1024, findings };
}

function main() {
  const rows: Row[] = [];
  for (const [scale, http, shape] of [
    [1, true, '10,000 policies + 500 .tf + 500 .http'],
    [2, true, '20,000 policies + 1,000 .tf + 1,000 .http'],
    [1, false, '10,000 policies + 500 .tf, no .http'],
    [2, false, '20,000 policies + 1,000 .tf, no .http'],
  ] as const) {
    const dir = makeTree(scale, http);
    const files = (http ? 11_000 : 10_500) * scale;
    try {
      for (const format of ['json', 'sarif']) {
        run(dir, format); // a first run fills the file cache, as a CI checkout has it
        const samples = Array.from({ length: RUNS }, () => run(dir, format));
        rows.push({
          shape,
          files,
          format,
          seconds: spread(samples.map((s) => s.seconds)),
          peakMiB: spread(samples.map((s) => s.peakMiB)),
          findings: samples[0].findings,
        });
        process.stdout.write(`${shape} ${format}: ${spread(samples.map((s) => s.seconds)).median} s\n`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = [
    '| Tree | Files | Format | Wall time min / median / max | Peak memory median | Findings |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.shape} | ${r.files.toLocaleString('en')} | ${r.format} | ${r.seconds.min.toFixed(2)} / **${r.seconds.median.toFixed(2)} s** / ${r.seconds.max.toFixed(2)} | ${ms(r.peakMiB.median)} MiB | ${r.findings ? r.findings.toLocaleString('en') : 'as json'} |`,
    ),
  ];
  const md = [
    '# Command line: `ims-tags check` on a large tree',
    '',
    `Machine: ${machine}. Written by \`npm run bench:cli\` on ${new Date().toISOString().slice(0, 10)}; ${RUNS} runs each after one warm-up, each run a new process (\`node dist/cli.js check\`, timed by /usr/bin/time from start to exit).`,
    '',
    'Target: 10,000 policy files and 1,000 `.tf`/`.http` files in under 10 s. Policies are half 1.1, half 5.0 with tag conditions (one 5.0 policy in ten misspells an action); each .tf holds two custom roles and an image with tags; each .http ten IMS requests.',
    '',
    'Files are read one at a time. What stays in memory is the findings, and, when there are .http files, the policies that can grant an IMS action (the verdicts on each request read them all): the trees without .http files show memory without those.',
    '',
    ...table,
    '',
  ].join('\n');
  writeFileSync(join(ROOT, 'bench/cli-results.md'), md);
  writeFileSync(join(ROOT, 'bench/cli-results.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
  process.stdout.write(md);
}

main();
