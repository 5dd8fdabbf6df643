/**
 * `ims-tags diff --base` on a scripted git history: a Deny removed, an action added, a Terraform policy
 * widened, a condition loosened — and changes that add nothing (narrowed, reformatted, renamed, deleted).
 * Exactly the added access is reported, each grant a finding on its statement; exit 1 unless
 * --allow-new-access; the SARIF passes sarif-multitool; bad input is exit 2 with one sentence; and with
 * --analyzer, IAM Access Analyzer (the emulator, on loopback) is asked too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { ims, imsAsync, policy, tree, validateSarif } from './run';

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });

const v5 = (condition: object) =>
  JSON.stringify(
    { Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:setTags'], Resource: ['*'], Condition: condition }] },
    null,
    2,
  );

const role = (resource: string) =>
  `resource "huaweicloud_identity_role" "tagger" {\n  name   = "tagger"\n  type   = "XA"\n  policy = <<EOT\n{\n  "Version": "1.1",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["ims:images:list"], "Resource": ["${resource}"] }\n  ]\n}\nEOT\n}\n`;

const DENY = `{\n  "Version": "1.1",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["ims:images:list", "ims:images:get"] },\n    { "Effect": "Deny", "Action": ["ims:images:delete"] }\n  ]\n}\n`;

/** A repository at its base commit (tagged `base`), with the four kinds of widening and three that add nothing. */
function history(): string {
  const dir = tree({
    'policies/deny.json': DENY,
    'policies/cond.json': v5({ StringEquals: { 'g:ResourceTag/team': ['blue'] } }),
    'policies/narrow.json': policy(['ims:images:list', 'ims:images:get']),
    'policies/moved.json': policy(['ims:images:list']),
    'policies/gone.json': policy(['ims:images:get']),
    'tf/main.tf': role('IMS:*:*:image:img-1'),
    'README.md': 'not a policy\n',
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  git(dir, 'tag', 'base');
  // A Deny removed and an action added (one file), a condition loosened, a Terraform policy widened.
  writeFileSync(
    join(dir, 'policies/deny.json'),
    `{\n  "Version": "1.1",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["ims:images:list", "ims:images:get", "ims:images:update"] }\n  ]\n}\n`,
  );
  writeFileSync(join(dir, 'policies/cond.json'), v5({ StringLike: { 'g:ResourceTag/team': ['*'] } }));
  writeFileSync(join(dir, 'tf/main.tf'), role('IMS:*:*:image:*'));
  git(dir, 'commit', '-qam', 'widen');
  // Uncommitted: one narrowed, one renamed as it was, one deleted, one new file; the README changed.
  writeFileSync(join(dir, 'policies/narrow.json'), policy(['ims:images:list']));
  renameSync(join(dir, 'policies/moved.json'), join(dir, 'policies/renamed.json'));
  git(dir, 'add', '-A');
  rmSync(join(dir, 'policies/gone.json'));
  writeFileSync(join(dir, 'policies/new.json'), policy(['ims:images:list']));
  writeFileSync(join(dir, 'README.md'), 'changed\n');
  return dir;
}

interface DiffJson {
  changes: Array<{ path: string; address?: string; status: string; added: string[]; removed: string[]; analyzer?: string }>;
  findings: Array<{ path: string; line: number; code: string; message: string }>;
}

test('exactly the added access, each on its statement: a Deny removed, an action added, Terraform widened, a condition loosened', () => {
  const dir = history();
  const r = ims(['diff', '--base', 'base', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as DiffJson;
  const byPath = Object.fromEntries(report.changes.map((c) => [`${c.path}${c.address ? ` ${c.address}` : ''}`, c]));
  assert.deepEqual(Object.keys(byPath).sort(), [
    'policies/cond.json',
    'policies/deny.json',
    'policies/gone.json',
    'policies/narrow.json',
    'policies/new.json',
    'tf/main.tf huaweicloud_identity_role.tagger',
  ]);
  assert.deepEqual(byPath['policies/deny.json'].added, [
    'allows ims:images:update (statement 1)',
    'no longer denies ims:images:delete',
  ]);
  assert.deepEqual(byPath['policies/deny.json'].removed, []);
  assert.deepEqual(byPath['policies/cond.json'].added, [
    'allows ims:images:setTags when {"StringLike":{"g:ResourceTag/team":["*"]}} (statement 1)',
  ]);
  assert.deepEqual(byPath['policies/cond.json'].removed, [
    'no longer allows ims:images:setTags when {"StringEquals":{"g:ResourceTag/team":["blue"]}}',
  ]);
  assert.deepEqual(byPath['tf/main.tf huaweicloud_identity_role.tagger'].added, [
    'allows ims:images:list on IMS:*:*:image:* (statement 1)',
  ]);
  // Narrowed and deleted: access taken away, nothing added; the new file adds what it allows.
  assert.deepEqual(byPath['policies/narrow.json'].added, []);
  assert.deepEqual(byPath['policies/narrow.json'].removed, ['no longer allows ims:images:get']);
  assert.equal(byPath['policies/gone.json'].status, 'deleted');
  assert.deepEqual(byPath['policies/gone.json'].removed, ['no longer allows ims:images:get']);
  assert.deepEqual(byPath['policies/gone.json'].added, []);
  assert.equal(byPath['policies/new.json'].status, 'added');
  assert.deepEqual(byPath['policies/new.json'].added, ['allows ims:images:list (statement 1)']);
  // Each added grant is a finding on the statement that adds it (in the .tf for Terraform).
  assert.deepEqual(
    report.findings.map((f) => `${f.path}:${f.line} ${f.code}`),
    [
      'policies/cond.json:4 new-access',
      'policies/deny.json:4 new-access',
      'policies/deny.json:3 new-access',
      'policies/new.json:4 new-access',
      'tf/main.tf:8 new-access',
    ],
  );
  assert.match(report.findings[0].message, /^New since base: allows ims:images:setTags when/);
});

test('text report, --allow-new-access, paths, and no change in access', () => {
  const dir = history();
  const text = ims(['diff', '--base', 'base'], dir);
  assert.equal(text.code, 1);
  assert.match(
    text.stdout,
    /^policies\/deny\.json \(changed, Version 1\.1\)\n {2}\+ allows ims:images:update \(statement 1\)\n {2}\+ no longer denies ims:images:delete$/m,
  );
  assert.match(text.stdout, /New access: 4 of 6 changed policies add access since base\.\n$/);
  assert.equal(ims(['diff', '--base', 'base', '--allow-new-access'], dir).code, 0);
  // Only the paths given; a narrowing alone passes.
  const narrow = ims(['diff', '--base', 'base', 'policies/narrow.json'], dir);
  assert.equal(narrow.code, 0, narrow.stdout);
  assert.match(
    narrow.stdout,
    /- no longer allows ims:images:get\n\nNo new access: 1 changed policy adds nothing since base\.\n$/,
  );
  // Against HEAD, the committed widening is no change; the new file still adds.
  const head = JSON.parse(ims(['diff', '--base', 'HEAD', '--format', 'json'], dir).stdout) as DiffJson;
  assert.deepEqual(head.changes.map((c) => c.path).sort(), ['policies/gone.json', 'policies/narrow.json', 'policies/new.json']);
});

test('the diff as SARIF passes sarif-multitool, one result per added grant', () => {
  const dir = history();
  const file = join(tree({}), 'diff.sarif');
  assert.equal(ims(['diff', '--base', 'base', '--format', 'sarif', '--output', file], dir).code, 1);
  const found = validateSarif(file);
  assert.deepEqual(found.error, []);
  assert.deepEqual(found.warning, []);
});

test('bad input: not a git repository, an unknown base, no --base, --env: exit 2 with one sentence', () => {
  const plain = tree({ 'a.json': policy(['ims:images:list']) });
  const repo = history();
  const cases: Array<[string, string[], RegExp]> = [
    [
      plain,
      ['diff', '--base', 'main'],
      /is not in a git repository: ims-tags diff compares the working tree with a commit of one\./,
    ],
    [
      repo,
      ['diff', '--base', 'no-such-branch'],
      /--base no-such-branch: no commit of this repository has that name \(in CI, fetch it first/,
    ],
    [repo, ['diff', '--base=--upload-pack=x'], /--base --upload-pack=x: a git ref cannot start with "-"\./],
    [repo, ['diff'], /ims-tags diff needs --base REF/],
    [repo, ['diff', '--base', 'base', '--env', 'dev'], /--env belongs to ims-tags check, not diff\./],
    [
      repo,
      ['diff', '--base', 'base', '--analyzer'],
      /--analyzer needs credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK/,
    ],
    [repo, ['diff', '--base', 'base', '--analyzer', '--region', 'cn-north-4'], /--analyzer needs credentials/],
  ];
  for (const [cwd, args, message] of cases) {
    const r = ims(args, cwd);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  const region = ims(['diff', '--base', 'base', '--analyzer', '--region', 'cn-north-4'], repo, {
    HUAWEICLOUD_SDK_AK: 'AK',
    HUAWEICLOUD_SDK_SK: 'SK',
  });
  assert.equal(region.code, 2);
  assert.match(region.stderr, /--region cn-north-4: IAM Access Analyzer is not offered there; use cn-east-3 or ap-southeast-4\./);
});

let emu: Emulator;
const AK = 'CLIDIFFAK000000001';
const SK = 'cli-diff-secret-key-0001';
before(async () => {
  emu = await startEmulator({ ak: AK, sk: SK, seed: 3, images: 1 });
});
after(async () => emu.close());

test('--analyzer: IAM Access Analyzer’s check-no-new-access and ValidatePolicy on each changed 5.0 policy (the emulator on loopback), the key never printed', async () => {
  const dir = history();
  // A new 5.0 policy with an action IAM does not know: ValidatePolicy's finding lands on it.
  writeFileSync(
    join(dir, 'policies/typo5.json'),
    JSON.stringify(
      { Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:setTagz'], Resource: ['*'] }] },
      null,
      2,
    ),
  );
  const env = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK };
  const json = await imsAsync(['diff', '--base', 'base', '--analyzer', '--endpoint', emu.url, '--format', 'json'], dir, env);
  const found = (JSON.parse(json.stdout) as DiffJson).findings.filter((f) => f.code === 'analyzer-finding');
  assert.deepEqual(
    found.map((f) => `${f.path}:${f.line}`),
    ['policies/typo5.json:7'],
  );
  assert.equal(found[0].message, 'IAM Access Analyzer, warning UNKNOWN_ACTION: IMS has no action matching "ims:images:setTagz".');
  const r = await imsAsync(['diff', '--base', 'base', '--analyzer', '--endpoint', emu.url], dir, env);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stdout,
    /policies\/cond\.json \(changed, Version 5\.0\)\n(?: {2}[+-] .*\n)+ {2}IAM Access Analyzer: new access — /,
  );
  // 1.1 policies are not Access Analyzer's: nothing is asked of them.
  assert.doesNotMatch(r.stdout, /deny\.json[^\n]*\n(?: {2}[+-] .*\n)+ {2}IAM Access Analyzer/);
  assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SK));
});

test('deleting a policy that held a Deny adds access: a finding on its path, exit 1', () => {
  const dir = tree({ 'deny.json': DENY, 'keep.json': policy(['ims:images:list']) });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  git(dir, 'rm', '-q', 'deny.json');
  const r = ims(['diff', '--base', 'HEAD', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stdout);
  const report = JSON.parse(r.stdout) as DiffJson;
  assert.deepEqual(
    report.findings.map((f) => `${f.path}:${f.line} ${f.message}`),
    ['deny.json:1 New since HEAD, which this change deletes: no longer denies ims:images:delete.'],
  );
});

test('--analyzer with an address nobody answers: exit 2, saying so', async () => {
  const dir = history();
  const r = await imsAsync(['diff', '--base', 'base', '--analyzer', '--endpoint', 'http://127.0.0.1:9'], dir, {
    HUAWEICLOUD_SDK_AK: AK,
    HUAWEICLOUD_SDK_SK: SK,
  });
  assert.equal(r.code, 2, r.stdout);
  assert.match(r.stderr, /policies\/cond\.json could not be checked by IAM Access Analyzer \(/);
});
