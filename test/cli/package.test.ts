/**
 * `npx ims-tags` after installing the package: the tarball `npm pack` makes holds the `ims-tags` bin with
 * what it needs beside it (the HCL parser's WASM), and that bin runs from the unpacked tarball alone, with
 * no node_modules (the bundle carries its libraries), as an installed package runs it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tree } from './run';

test('the packed package has the ims-tags bin, and it checks a tree from the unpacked tarball alone', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(manifest.bin['ims-tags'], './dist/cli.js');
  const out = tree({});
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' }),
  ) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const files = packed[0].files.map((f) => f.path);
  for (const f of ['dist/cli.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm', 'docs/ci.md', 'docs/checks.md'])
    assert.ok(files.includes(f), `${f} is not in the package`);
  // Only what a user runs or reads: no sources, tests or benchmarks.
  assert.deepEqual(
    files.filter((f) => /^(cli|core|server|client|test|bench)\//.test(f) || f.endsWith('.map')),
    [],
  );
  execFileSync('tar', ['-xzf', join(out, packed[0].filename), '-C', out]);
  const bin = join(out, 'package/dist/cli.js');
  assert.ok((statSync(bin).mode & 0o111) !== 0, 'the bin is not executable');
  assert.match(readFileSync(bin, 'utf8').slice(0, 30), /^#!\/usr\/bin\/env node\n/);
  const work = tree({});
  cpSync(join(ROOT, 'examples'), join(work, 'examples'), { recursive: true });
  const r = spawnSync(process.execPath, [bin, 'check', 'examples', '--format', 'json'], { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { files: { terraform: number; policies: number }; findings: Array<{ code: string }> };
  // The Terraform file was parsed (the WASM was found beside the bin), and the policy checked.
  assert.equal(report.files.terraform, 1);
  assert.deepEqual(report.findings.map((f) => f.code).sort(), ['not-granted', 'unknown-action']);
});
