/** What the extension generates must pass its own checks: a policy for every API, and every request block. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMS_APIS } from '../../core/catalogue';
import { allowPolicy } from '../../core/policy/generate';
import { requestText } from '../../core/http/requestText';
import { doc, service } from '../support/docs';

const ls = service();

test('the policy created for each API has no diagnostics and grants every action the API needs', () => {
  for (const api of IMS_APIS) {
    const d = doc(JSON.stringify(allowPolicy(api.actions), null, 2));
    assert.deepEqual(
      ls.diagnostics(d).map((x) => `${x.code}: ${x.message}`),
      [],
      api.id,
    );
    for (const a of api.actions) assert.ok(allowPolicy(api.actions).Statement[0].Action.includes(a));
  }
  // Dependencies only where the catalogue has them: a read-only API gets exactly its action.
  assert.deepEqual(allowPolicy(['ims:images:list']).Statement[0].Action, ['ims:images:list']);
  assert.deepEqual(allowPolicy(['ims:images:update']).Statement[0].Action, ['ims:images:update', 'ims:images:get']);
});

test('the request block of each API has no diagnostics once its variables are defined', () => {
  const vars =
    '@region = cn-north-4\n@projectId = 0123456789abcdef0123456789abcdef\n@imageId = img-1\n@tagKey = env\n@tag = blue\n\n';
  for (const api of IMS_APIS) {
    const d = doc(`${vars}${requestText(api)}\n`, 'http');
    const found = ls.diagnostics(d).filter((x) => x.code !== 'deprecated-api' || !api.deprecated);
    assert.deepEqual(
      found.map((x) => `${x.code}: ${x.message}`),
      [],
      api.id,
    );
  }
});
