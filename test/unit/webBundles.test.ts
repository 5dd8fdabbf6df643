/**
 * VS Code for the web: the browser bundles carry no Node built-in (read from esbuild's metafiles and the
 * bundles themselves, not assumed), stay under 560 KB, and the browser host's file store answers the
 * server as the file system does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ClientFiles } from '../../server/browser/clientFiles';
import { inFolders, isSkipped } from '../../server/workspaceFiles';
import { DIST } from '../support/terraform';

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const WEB = ['extension.web', 'server.web', 'tree-sitter.web'];

test('no module of a browser bundle imports a Node built-in', () => {
  for (const name of WEB) {
    const meta = JSON.parse(readFileSync(join(DIST, `${name}.meta.json`), 'utf8')) as {
      inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
    };
    const offenders = Object.entries(meta.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => NODE.has(i.path) || (i.external && i.path !== 'vscode')).map((i) => `${file} → ${i.path}`),
    );
    assert.deepEqual(offenders, [], `${name}: ${offenders.join(', ')}`);
    const code = readFileSync(join(DIST, `${name}.js`), 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]).filter((m) => NODE.has(m));
    assert.deepEqual(required, [], `${name}.js requires ${required.join(', ')}`);
  }
});

// 560 KB: IAM 5.0's model (the schema snapshot, the 5.0 checks and hovers) took the server past 500 KB, and
// the .http dialects (core/http/dialects.ts: scripts, dynamic variables, httpyac .env files) past 520 KB.
test('the browser bundles stay under 560 KB each', () => {
  for (const name of ['extension.web', 'server.web']) {
    const kb = statSync(join(DIST, `${name}.js`)).size / 1024;
    assert.ok(kb < 560, `${name}.js is ${kb.toFixed(0)} KB`);
  }
});

test('the browser host serves the files the client sent, below the folders, skipping what the file system walk skips', async () => {
  const files = new ClientFiles();
  const changed = files.update({
    files: [
      { uri: 'vscode-vfs://github/o/r/iam/p.json', text: '{"Version": "1.1"}' },
      { uri: 'vscode-vfs://github/o/r/node_modules/x/p.json', text: '{}' },
      { uri: 'vscode-vfs://github/o/r/.hidden/p.json', text: '{}' },
      { uri: 'vscode-vfs://github/o/r/main.tf', text: 'resource' },
      { uri: 'vscode-vfs://github/o/other/p.json', text: '{}' },
    ],
  });
  assert.equal(changed.uris.length, 5);
  assert.equal(changed.deleted.size, 0);
  const folders = ['vscode-vfs://github/o/r'];
  assert.deepEqual(
    await files.list(
      folders,
      (n) => n.endsWith('.json') || n.endsWith('.tf'),
      10,
      () => false,
    ),
    ['vscode-vfs://github/o/r/iam/p.json', 'vscode-vfs://github/o/r/main.tf'],
  );
  assert.equal(await files.read('vscode-vfs://github/o/r/iam/p.json', 5), undefined, 'larger than allowed');
  assert.equal(files.readNow('vscode-vfs://github/o/r/main.tf'), 'resource');
  // A folder's own files (not those below it): where httpyac's .env.<environment> files are found.
  assert.deepEqual(files.namesIn('vscode-vfs://github/o/r/'), ['main.tf']);
  const gone = files.update({ files: [{ uri: 'vscode-vfs://github/o/r/main.tf', text: null }] });
  assert.equal(files.readNow('vscode-vfs://github/o/r/main.tf'), undefined, 'a deleted file is gone');
  assert.deepEqual([...gone.deleted], ['vscode-vfs://github/o/r/main.tf'], 'and said to be deleted');
  assert.ok(inFolders('file:///ws/a.json', ['file:///ws/']) && !inFolders('file:///ws2/a.json', ['file:///ws']));
  assert.ok(isSkipped('file:///ws/out/a.json', 'file:///ws') && !isSkipped('file:///ws/iam/a.json', 'file:///ws'));
});
