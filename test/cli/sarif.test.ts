/**
 * The SARIF report against a yardstick nobody here wrote: Microsoft's `sarif-multitool validate` (npm
 * @microsoft/sarif-multitool, the SARIF SDK's validator) must find no error and no warning in it. Then
 * what code scanning relies on: a rule per check code as the registry declares it, regions and fixes
 * that match the file, and fingerprints that follow a finding when lines move.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS } from '../../server/services/checks/registry';
import { ROOT, ims, policy, tree, validateSarif as validate } from './run';

interface Sarif {
  runs: Array<{
    tool: {
      driver: {
        rules: Array<{
          id: string;
          defaultConfiguration: { level: string };
          help: { text: string };
          shortDescription: { text: string };
        }>;
      };
    };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }>;
      partialFingerprints: Record<string, string>;
      fixes?: Array<{
        artifactChanges: Array<{
          replacements: Array<{
            deletedRegion: { startLine: number; startColumn: number; endColumn: number };
            insertedContent: { text: string };
          }>;
        }>;
      }>;
    }>;
  }>;
}

const sample = () =>
  tree({
    'policies/typo.json': policy(['ims:images:updte', 'ims:images:list']),
    'policies/upper.json': policy(['IMS:images:list']),
    'main.tf':
      'resource "huaweicloud_identity_role" "r" {\n  policy = <<EOT\n{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:nope"]}]}\nEOT\n}\n',
    'req.http':
      'POST https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": {"key": " bad", "value": "v"}}\n',
  });

test('sarif-multitool validate: no error and no warning in a check report (examples/ and a tree with fixes, Terraform and .http)', () => {
  for (const [dir, args] of [
    [ROOT, ['check', 'examples', '--no-config']],
    [sample(), ['check']],
  ] as const) {
    const file = join(tree({}), 'report.sarif');
    const r = ims([...args, '--format', 'sarif', '--output', file], dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const found = validate(file);
    assert.deepEqual(found.error, []);
    assert.deepEqual(found.warning, []);
    process.stdout.write(`# sarif-multitool on ${args.join(' ')}: 0 errors, 0 warnings, ${found.note.length} notes\n`);
  }
});

test('one rule per check code of the registry, at its default level, with help; results point at their rule', () => {
  const file = join(tree({}), 'report.sarif');
  ims(['check', '--format', 'sarif', '--output', file], sample());
  const sarif = JSON.parse(readFileSync(file, 'utf8')) as Sarif;
  const rules = sarif.runs[0].tool.driver.rules;
  const codes = new Map(
    Object.values(CHECKS).flatMap((checks) => checks.flatMap((c) => c.codes.map((x) => [x.code, x] as const))),
  );
  assert.deepEqual(new Set(rules.map((r) => r.id)), new Set(codes.keys()));
  const level = ['', 'error', 'warning', 'note', 'note'];
  for (const r of rules) {
    assert.equal(r.defaultConfiguration.level, level[codes.get(r.id)!.severity], r.id);
    assert.match(r.help.text, /docs\/checks\.md#/);
    assert.ok(r.shortDescription.text.length > 10);
  }
  for (const res of sarif.runs[0].results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
  assert.deepEqual(
    sarif.runs[0].results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`).sort(),
    [
      'main.tf unknown-action',
      'policies/typo.json unknown-action',
      'policies/upper.json uppercase-service',
      'req.http not-granted',
      'req.http tag-rule',
    ],
  );
});

test('regions are those of the file and a fix replaces exactly the flagged text', () => {
  const dir = sample();
  const file = join(tree({}), 'report.sarif');
  ims(['check', 'policies/typo.json', '--format', 'sarif', '--output', file], dir);
  const [result] = (JSON.parse(readFileSync(file, 'utf8')) as Sarif).runs[0].results;
  const region = result.locations[0].physicalLocation.region;
  const lines = readFileSync(join(dir, 'policies/typo.json'), 'utf8').split('\n');
  assert.equal(lines[region.startLine - 1].slice(region.startColumn - 1, region.endColumn - 1), '"ims:images:updte"');
  const [replacement] = result.fixes![0].artifactChanges[0].replacements;
  assert.equal(replacement.deletedRegion.startLine, region.startLine);
  const fixed = `${lines[region.startLine - 1].slice(0, replacement.deletedRegion.startColumn - 1)}${replacement.insertedContent.text}${lines[region.startLine - 1].slice(replacement.deletedRegion.endColumn - 1)}`;
  assert.match(fixed, /\["ims:images:update","ims:images:list"\]/);
});

test('fingerprints follow a finding when lines are added above it, and tell two findings apart', () => {
  const dir = tree({ 'p.json': policy(['ims:images:updte', 'ims:images:updte']) });
  const prints = () => {
    const file = join(dir, 'out.sarif');
    ims(['check', 'p.json', '--format', 'sarif', '--output', file], dir);
    const results = (JSON.parse(readFileSync(file, 'utf8')) as Sarif).runs[0].results.filter(
      (r) => r.ruleId === 'unknown-action',
    );
    return results.map((r) => ({
      line: r.locations[0].physicalLocation.region.startLine,
      print: r.partialFingerprints['imsTagsFinding/v1'],
    }));
  };
  const before = prints();
  assert.equal(before.length, 2);
  assert.notEqual(before[0].print, before[1].print);
  writeFileSync(join(dir, 'p.json'), `\n\n\n${readFileSync(join(dir, 'p.json'), 'utf8')}`);
  const after = prints();
  assert.deepEqual(
    after.map((a) => a.line),
    before.map((b) => b.line + 3),
  );
  assert.deepEqual(
    after.map((a) => a.print),
    before.map((b) => b.print),
  );
});
