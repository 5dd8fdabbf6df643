/**
 * The registry of checks (server/services/checks/registry.ts) holds every check file, each code once per
 * language, with its reason and source; each code is asserted by some test; and docs/checks.md is what
 * the checks declare (regenerate it with `npm run docs:checks`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS, checksMarkdown } from '../../server/services/checks/registry';

const ROOT = join(__dirname, '../../..');
const FOLDERS = {
  policy: 'server/services/policy/checks',
  http: 'server/services/http/checks',
  terraform: 'server/services/terraform/checks',
};

test('docs/checks.md is generated from the checks: run `npm run docs:checks` after changing one', () => {
  assert.equal(readFileSync(join(ROOT, 'docs/checks.md'), 'utf8'), checksMarkdown());
});

test('every check file is registered under its own name, and only those', () => {
  for (const [language, folder] of Object.entries(FOLDERS)) {
    const files = readdirSync(join(ROOT, folder))
      .filter((f) => f.endsWith('.ts') && !['index.ts', 'input.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    const registered = CHECKS[language as keyof typeof CHECKS].map((c) => c.name).sort();
    assert.deepEqual(registered, files, `${folder}/index.ts lists every check file`);
  }
});

test('each code is declared once per language, with when, why and a source', () => {
  for (const [language, checks] of Object.entries(CHECKS)) {
    const codes = checks.flatMap((c) => c.codes.map((x) => x.code));
    assert.deepEqual(codes, [...new Set(codes)], `${language}: a code twice`);
    for (const c of checks.flatMap((x) => x.codes)) {
      assert.match(c.code, /^[a-z][a-z0-9-]+$/, c.code);
      assert.ok(c.when.length > 10, `${c.code}: when`);
      // Facts cite docs/sources.md or another docs page; only too-many-problems states its own reason.
      if (c.code !== 'too-many-problems') assert.match(c.why, /docs\/[\w-]+\.md/, `${c.code}: why cites its source`);
    }
  }
});

test('each code is asserted by some test', () => {
  const tests = ['test/unit', 'test/protocol']
    .flatMap((d) => readdirSync(join(ROOT, d)).map((f) => join(ROOT, d, f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('checkRegistry.test.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const untested = Object.values(CHECKS)
    .flat()
    .flatMap((c) => c.codes.map((x) => x.code))
    .filter((code) => !tests.includes(`'${code}'`));
  assert.deepEqual(untested, []);
});
