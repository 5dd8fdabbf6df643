/**
 * `ims-tags check` as a CI job runs it (the built dist/cli.js, in a process of its own): the same
 * findings as the editor (the real-world corpus against test/corpus/expected.json, as the corpus suite
 * holds the server to), exit codes, the config, .gitignore, the .http environment, and every kind of bad
 * input answered with one sentence and exit code 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/languageService';
import { CLI, ROOT, ims, policy, tree } from './run';

const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'real-world');
const PRESENT = existsSync(CORPUS);
const skip = PRESENT
  ? false
  : `not run: the real-world corpus is not at ${CORPUS} (the design folder's shared/corpus/real-world)`;

const noStack = (stderr: string) =>
  assert.doesNotMatch(stderr, /\n\s+at |Error:|internal error/, `a stack trace or an internal error: ${stderr}`);
const json = (stdout: string) =>
  JSON.parse(stdout) as {
    files: Record<string, number>;
    findings: Array<{
      path: string;
      line: number;
      column: number;
      endLine: number;
      level: string;
      code: string;
      message: string;
      fixes: Array<{ title: string }>;
    }>;
    errors: Array<{ path: string; message: string }>;
  };

test(
  'the real-world corpus: exactly the findings the corpus suite expects of the editor (code and line, file by file)',
  { skip },
  () => {
    const expected = JSON.parse(readFileSync(join(ROOT, 'test/corpus/expected.json'), 'utf8')) as {
      files: Record<string, Array<{ line: number; code: string }>>;
    };
    const r = ims(['check', '--no-config', '--format', 'json'], CORPUS);
    noStack(r.stderr);
    const report = json(r.stdout);
    assert.deepEqual(report.errors, []);
    const got = new Map<string, string[]>();
    for (const f of report.findings) got.set(f.path, [...(got.get(f.path) ?? []), `${f.line} ${f.code}`]);
    for (const [file, want] of Object.entries(expected.files))
      assert.deepEqual((got.get(file) ?? []).sort(), want.map((w) => `${w.line} ${w.code}`).sort(), file);
    // Every file counted: policies, .http, and JSON that holds no policy (an API response).
    assert.equal(report.files.policies + report.files.http + report.files.other, Object.keys(expected.files).length);
    // The corpus has errors (json-syntax, policy-structure…): exit 1 at the default threshold.
    assert.equal(r.code, 1);
  },
);

test('examples/: the editor’s findings with their quick fix, exit 0 at the default threshold and 1 with --fail-on warning', () => {
  const r = ims(['check', 'examples', '--no-config'], ROOT);
  noStack(r.stderr);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(
    lines.includes(
      'examples/policy.json:8:9: warning unknown-action: Unknown IMS action "ims:images:updte". Did you mean \'ims:images:update\'?',
    ),
    r.stdout,
  );
  assert.ok(lines.includes('    quick fix: Replace with "ims:images:update"'), r.stdout);
  assert.match(r.stdout, /2 warnings in 1 policy file, 1 Terraform file, 2 \.http files\.\n$/);
  // The same diagnostics as the language service gives the editor for the policy file.
  const text = readFileSync(join(ROOT, 'examples/policy.json'), 'utf8');
  const editor = getLanguageService().diagnostics(TextDocument.create('file:///p.json', 'json', 1, text));
  const mine = json(ims(['check', 'examples/policy.json', '--no-config', '--format', 'json'], ROOT).stdout).findings;
  assert.deepEqual(
    mine.map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`),
    editor.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`),
  );
  assert.equal(ims(['check', 'examples', '--no-config', '--fail-on', 'warning'], ROOT).code, 1);
  assert.equal(ims(['check', 'examples', '--no-config', '--fail-on', 'info'], ROOT).code, 1);
});

test('a policy in Terraform is reported at its line in the .tf file', () => {
  const dir = tree({
    'main.tf': [
      'resource "huaweicloud_identity_role" "r" {',
      '  name   = "r"',
      '  type   = "XA"',
      '  policy = <<EOT',
      '{',
      '  "Version": "1.1",',
      '  "Statement": [{ "Effect": "Allow", "Action": ["ims:images:updte"] }]',
      '}',
      'EOT',
      '}',
      '',
    ].join('\n'),
  });
  const r = ims(['check', '--format', 'json'], dir);
  const [f] = json(r.stdout).findings;
  assert.equal(f.path, 'main.tf');
  assert.equal(f.code, 'unknown-action');
  assert.equal(f.line, 7);
  assert.equal(f.column, 49);
});

test('.imstags.json: a check off, another raised to error, include and exclude, failOn; flags win', () => {
  const dir = tree({
    'policies/a.json': policy(['ims:images:updte']),
    'policies/b.json': policy(['IMS:images:list']),
    'fixtures/bad.json': policy(['ims:images:nothing']),
    'sub/.keep': '',
  });
  const codes = (r: { stdout: string }) => json(r.stdout).findings.map((f) => `${f.path} ${f.level} ${f.code}`);
  assert.deepEqual(codes(ims(['check', '--format', 'json'], dir)), [
    'fixtures/bad.json warning unknown-action',
    'policies/a.json warning unknown-action',
    'policies/b.json warning uppercase-service',
  ]);
  writeFileSync(
    join(dir, '.imstags.json'),
    JSON.stringify({
      checks: { 'uppercase-service': 'off', 'unknown-action': 'error' },
      exclude: ['fixtures/'],
      failOn: 'warning',
    }),
  );
  // Found upward from a folder below (whose '..' is the config's folder).
  const r = ims(['check', '..', '--format', 'json'], join(dir, 'sub'));
  assert.deepEqual(codes(r), ['policies/a.json error unknown-action']);
  assert.equal(r.code, 1);
  writeFileSync(join(dir, '.imstags.json'), JSON.stringify({ include: ['policies/b.json'] }));
  assert.deepEqual(codes(ims(['check', '--format', 'json'], dir)), ['policies/b.json warning uppercase-service']);
  assert.equal(ims(['check', '--fail-on', 'warning'], dir).code, 1);
  // A named file is checked even where the config leaves it out.
  assert.deepEqual(codes(ims(['check', 'fixtures/bad.json', '--format', 'json'], dir)), [
    'fixtures/bad.json warning unknown-action',
  ]);
});

test('.imstags.json mistakes: an unknown code gets a did-you-mean, a bad value the allowed ones, broken JSON says so (exit 2)', () => {
  const dir = tree({ 'a.json': policy(['ims:images:list']) });
  const cases: Array<[string, RegExp]> = [
    [
      JSON.stringify({ checks: { 'unknown-actoin': 'off' } }),
      /no check has the code "unknown-actoin"; did you mean "unknown-action"\?/,
    ],
    [
      JSON.stringify({ checks: { 'unknown-action': 'loud' } }),
      /at \/checks\/unknown-action, must be equal to one of the allowed values: one of off, error, warning, info, hint\./,
    ],
    [JSON.stringify({ exclud: [] }), /must NOT have additional properties \("exclud"\)/],
    ['{ "checks": ', /is not valid JSON/],
  ];
  for (const [text, message] of cases) {
    writeFileSync(join(dir, '.imstags.json'), text);
    const r = ims(['check'], dir);
    assert.equal(r.code, 2, text);
    assert.match(r.stderr, message);
    noStack(r.stderr);
    assert.equal(r.stdout, '');
  }
});

test('.gitignore is respected at every level (as git reads it); build output and hidden folders are skipped; quoted globs work', () => {
  const dir = tree({
    '.gitignore': 'generated/\n*.local.json\n',
    'generated/p.json': policy(['ims:images:updte']),
    'a.local.json': policy(['ims:images:updte']),
    'team/.gitignore': 'scratch.json\n',
    'team/scratch.json': policy(['ims:images:updte']),
    'team/kept.json': policy(['ims:images:updte']),
    'node_modules/x/p.json': policy(['ims:images:updte']),
    '.hidden/p.json': policy(['ims:images:updte']),
    'other/p.json': policy(['ims:images:updte']),
  });
  const paths = (args: string[]) => json(ims([...args, '--format', 'json'], dir).stdout).findings.map((f) => f.path);
  assert.deepEqual(paths(['check']), ['other/p.json', 'team/kept.json']);
  assert.deepEqual(paths(['check', 'team']), ['team/kept.json']);
  assert.deepEqual(paths(['check', 'team/*.json']), ['team/kept.json']);
  assert.deepEqual(paths(['check', '**/p.json']), ['other/p.json']);
  // Named, an ignored file is checked.
  assert.deepEqual(paths(['check', 'team/scratch.json']), ['team/scratch.json']);
});

test('.http files: --env picks the environment of http-client.env.json; an environment nobody defines is a usage error', () => {
  const dir = tree({
    'a.http': 'GET https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags\n',
    'http-client.env.json': JSON.stringify({ dev: { imageId: 'i-1' }, prod: { region: 'cn-east-3' } }),
  });
  const codes = (args: string[]) => json(ims([...args, '--format', 'json'], dir).stdout).findings.map((f) => f.code);
  // Defined in dev only: said so (environment-not-selected), not "defined nowhere".
  assert.deepEqual(codes(['check']), ['environment-not-selected']);
  assert.deepEqual(codes(['check', '--env', 'dev']), []);
  const r = ims(['check', '--env', 'staging'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--env staging: no env file of the \.http files defines it \(they define dev, prod\)\./);
});

test('.http environments as the tools keep them: REST Client’s in .vscode/settings.json, httpyac’s .env.<name> as --env <name>', () => {
  const dir = tree({
    '.vscode/settings.json':
      '{\n  // REST Client\n  "rest-client.environmentVariables": { "$shared": { "imageId": "img-1" } },\n}\n',
    'a.http': 'GET https://ims.cn-north-4.myhuaweicloud.com/v2/p1/images/{{imageId}}/tags?x={{LOCAL_ONLY}}\n',
    '.env.local': 'LOCAL_ONLY=1\n',
  });
  const codes = (args: string[]) =>
    json(ims([...args, '--format', 'json'], dir).stdout).findings.map((f) => `${f.code} ${f.message.slice(0, 14)}`);
  // With no environment selected, .env.local says where LOCAL_ONLY is.
  assert.deepEqual(codes(['check']), ['environment-not-selected {{LOCAL_ONLY}}']);
  const local = ims(['check', '--env', 'local', '--format', 'json'], dir);
  assert.equal(local.code, 0, local.stderr);
  assert.deepEqual(json(local.stdout).findings, []);
});

test('a CI job’s secrets stay out of the report: $processEnv is never read', () => {
  const dir = tree({
    'a.http':
      '@token = {{$processEnv IMS_CLI_TEST_SECRET}}\nGET https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/{{token}}/tags\n',
  });
  for (const format of ['text', 'json', 'sarif']) {
    const r = ims(['check', '--format', format], dir, { IMS_CLI_TEST_SECRET: 'very-secret-value-1234' });
    assert.doesNotMatch(r.stdout + r.stderr, /very-secret-value-1234/);
  }
});

test('bad input: one sentence, exit 2, never a stack trace', () => {
  const dir = tree({
    'ok.json': policy(['ims:images:list']),
    'huge.json': `{"Version":"1.1","Statement":[${'{"Effect":"Allow","Action":["ims:images:list"]},'.repeat(120_000)}{}]}`,
    'binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]),
    'notes.txt': 'text',
  });
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  const cases: Array<[string[], RegExp]> = [
    [['check', 'missing.json'], /missing\.json: no such file or folder\./],
    [['check', '../'], /\.\.\/ is outside the tree being checked/],
    [['check', 'huge.json'], /huge\.json is 5\.\d MB, more than the 5 MB ims-tags reads/],
    [['check', 'binary.json'], /binary\.json is binary, not text: not checked\./],
    [['check', 'pipe.json'], /pipe\.json is not a regular file/],
    [['check', 'notes.txt'], /notes\.txt is not a file ims-tags checks/],
    [['check', '--format', 'xml'], /--format xml: use one of text, json, sarif\./],
    [['check', '--fail-on', 'hint'], /--fail-on hint: use one of error, warning, info\./],
    [['check', '--frobnicate'], /Unknown option '--frobnicate'\. ims-tags --help lists the options\./],
    [['lint'], /"lint" is not a command: use check or diff/],
    [['check', '--base', 'main'], /--base belongs to ims-tags diff, not check\./],
    [['check', '--output', 'ok.json/report.txt'], /--output ok\.json\/report\.txt: could not write it \(EEXIST\)\./],
  ];
  for (const [args, message] of cases) {
    const r = ims(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    noStack(r.stderr);
  }
  // A file that cannot be read does not hide the others: they are reported, and the exit code is 2. (A
  // pipe found by the walk is passed over, as git passes it over; only named is it an error.)
  const r = ims(['check', '--format', 'json'], dir);
  assert.equal(r.code, 2);
  assert.deepEqual(
    json(r.stdout).errors.map((e) => e.path),
    ['binary.json', 'huge.json'],
  );
  assert.equal(json(r.stdout).files.policies, 1);
  assert.equal(ims(['--help'], dir).code, 0);
  assert.match(ims(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('a link to a file outside the tree is not followed (a repository must not make the checker read ~/.aws)', () => {
  const outside = tree({ 'secret.json': policy(['ims:images:updte']) });
  const dir = tree({ 'a.json': policy(['ims:images:list']) });
  symlinkSync(join(outside, 'secret.json'), join(dir, 'linked.json'));
  const r = ims(['check', '--format', 'json'], dir);
  assert.equal(r.code, 0);
  assert.deepEqual(json(r.stdout).findings, []);
  assert.match(r.stderr, /linked\.json: a link to something outside the tree: not read/);
  const named = ims(['check', 'linked.json'], dir);
  assert.equal(named.code, 2);
  assert.match(named.stderr, /linked\.json is outside the tree being checked/);
});

test('docs/ci.md shows exactly what `ims-tags check examples` prints', () => {
  const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
  const block = /```text\n\$ ims-tags check examples\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/ci.md has no example of ims-tags check examples');
  assert.equal(ims(['check', 'examples'], ROOT).stdout, block[1]);
});

test('what a newcomer tripped on: hints count for --fail-on info, a path or glob that finds nothing, --config kept in a folder, a closed pipe, UTF-16', () => {
  const dir = tree({
    'p.json': policy(['ims:images:list', 'ims:images:list']),
    'ci/imstags.json': JSON.stringify({ checks: { 'redundant-action': 'warning' } }),
    'empty/README.md': 'nothing to check',
    'utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(policy(['ims:images:updte']), 'utf16le')]),
  });
  const only = (args: string[]) => ims([...args, '--format', 'json'], dir);
  // The only finding of p.json is a hint (the action listed twice).
  assert.deepEqual(
    json(only(['check', 'p.json']).stdout).findings.map((f) => f.level),
    ['hint'],
  );
  assert.equal(ims(['check', 'p.json', '--fail-on', 'info'], dir).code, 1);
  assert.equal(ims(['check', 'p.json', '--fail-on', 'warning'], dir).code, 0);
  for (const [args, message] of [
    [['check', 'polices/**/*.json'], /polices\/\*\*\/\*\.json matches no policy, \.http or \.tf file\./],
    [['check', 'empty'], /empty: no policy, \.http or \.tf file to check there/],
    [['check', '--config', 'ci/imstags.json', '--no-config'], /--config and --no-config: give one of them\./],
  ] as const) {
    const r = ims([...args], dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
  // A config kept in ci/: the tree is still the working directory's.
  const configured = only(['check', '--config', 'ci/imstags.json']);
  assert.equal(configured.code, 0, configured.stderr);
  assert.ok(json(configured.stdout).findings.some((f) => f.path === 'p.json' && f.level === 'warning'));
  // UTF-16 with a byte order mark is read as text.
  assert.deepEqual(
    json(only(['check', 'utf16.json']).stdout).findings.map((f) => f.code),
    ['unknown-action'],
  );
  // No command: the usage, once, on stderr.
  const bare = ims([], dir);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /^ims-tags: IMS Tags & Policies' checks on the command line\.\n/);
  // A reader that stops early closes the pipe: no stack trace.
  const piped = spawnSync('sh', ['-c', `node ${JSON.stringify(CLI)} check --no-config --format sarif | head -c 10`], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(piped.stdout, '{\n  "$sche');
  assert.doesNotMatch(piped.stderr, /EPIPE|\n\s+at /);
});
