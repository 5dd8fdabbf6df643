/** Every message the extension shows, and every title it contributes, exists in Simplified Chinese. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

test('every vscode.l10n.t message of the client has a zh-cn translation with the same placeholders', () => {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const messages = new Set<string>();
  for (const file of sources('client')) {
    // Single- or double-quoted (the formatter keeps double quotes around an apostrophe).
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/l10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)) {
      messages.add((m[1] ?? m[2]).replace(/\\(['"])/g, '$1'));
    }
  }
  assert.ok(messages.size > 40);
  const missing = [...messages].filter((m) => !(m in bundle));
  assert.deepEqual(missing, []);
  for (const m of messages) {
    const ph = (s: string) => (s.match(/\{\d\}/g) ?? []).sort().join();
    assert.equal(ph(bundle[m]), ph(m), `placeholders of "${m}"`);
  }
});

test('every %key% of package.json exists in package.nls.json and package.nls.zh-cn.json', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const keys = [...new Set([...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]))];
  assert.ok(keys.length > 20);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
    assert.deepEqual(
      keys.filter((k) => !nls[k]),
      [],
      file,
    );
  }
});
