/** `npm start` opens a fresh copy of examples/ outside the work tree, true to the emulator it started. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHttpFile } from '../../core/http/httpFile';
import { matchImsRequest } from '../../core/http/imsRequest';

const ROOT = join(__dirname, '../../..');

test('the copy is outside the repository, names the running emulator, and leaves examples/ as it was', async () => {
  const { freshExamples } = (await import(pathToFileURL(join(ROOT, 'scripts/examples.mjs')).href)) as {
    freshExamples: (examples: string, e: { url: string; projectId: string }) => string;
  };
  const original = readFileSync(join(ROOT, 'examples/emulator.http'), 'utf8');
  const dir = freshExamples(join(ROOT, 'examples'), { url: 'http://127.0.0.1:8191', projectId: 'abc123' });
  assert.ok(!dir.startsWith(ROOT), dir);
  const copy = readFileSync(join(dir, 'emulator.http'), 'utf8');
  const file = parseHttpFile(copy);
  const vars = Object.fromEntries(file.variables.map((v) => [v.name, v.value]));
  assert.equal(vars.host, 'http://127.0.0.1:8191');
  assert.equal(vars.projectId, 'abc123');
  // The IMS requests of the example are recognized, with the emulator as their host.
  const ims = file.requests.map((r) => matchImsRequest(r, file.variables)).filter((m) => m?.kind === 'api');
  assert.deepEqual(
    ims.map((m) => m!.kind === 'api' && m!.api.id),
    ['ListImagesTags', 'ListImageByTags'],
  );
  assert.equal(readFileSync(join(ROOT, 'examples/emulator.http'), 'utf8'), original);
  assert.equal(readFileSync(join(dir, 'policy.json'), 'utf8'), readFileSync(join(ROOT, 'examples/policy.json'), 'utf8'));
});
