/** `npm start` opens a fresh copy of examples/ outside the work tree, true to the emulator it started. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '../../..');

test('the copy is outside the repository, names the running emulator, and leaves examples/ as it was', async () => {
  const { freshExamples } = (await import(pathToFileURL(join(ROOT, 'scripts/examples.mjs')).href)) as {
    freshExamples: (examples: string, e: { url: string; projectId: string }) => string;
  };
  const original = readFileSync(join(ROOT, 'examples/http-client.env.json'), 'utf8');
  const dir = freshExamples(join(ROOT, 'examples'), { url: 'http://127.0.0.1:8191', projectId: 'abc123' });
  assert.ok(!dir.startsWith(ROOT), dir);
  // The environments of emulator.http name the emulator that runs (test/protocol/httpRequests.test.ts
  // resolves the file in each); the other values stay as shipped.
  const env = JSON.parse(readFileSync(join(dir, 'http-client.env.json'), 'utf8'));
  const shipped = JSON.parse(original);
  assert.deepEqual(env, { ...shipped, $shared: { ...shipped.$shared, host: 'http://127.0.0.1:8191', projectId: 'abc123' } });
  // The example passwords where {{$dotenv}} reads them.
  assert.equal(readFileSync(join(dir, '.env'), 'utf8'), readFileSync(join(ROOT, 'examples/.env.example'), 'utf8'));
  assert.equal(readFileSync(join(ROOT, 'examples/http-client.env.json'), 'utf8'), original);
  assert.equal(readFileSync(join(dir, 'policy.json'), 'utf8'), readFileSync(join(ROOT, 'examples/policy.json'), 'utf8'));
});
