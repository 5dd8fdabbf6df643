/** Request bodies checked against the catalogue's schemas (core/http/bodyValidation.ts): an API without a body schema takes any body. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMS_APIS } from '../../core/catalogue';
import { validateBody } from '../../core/http/bodyValidation';

test('an API with a body schema reports what breaks it; one without reports nothing, whatever is sent', () => {
  const withSchema = IMS_APIS.find((a) => a.bodySchema);
  const without = IMS_APIS.find((a) => !a.bodySchema);
  assert.ok(withSchema && without, 'the catalogue has both kinds');
  assert.ok(validateBody(withSchema, 'not an object').length > 0);
  assert.deepEqual(validateBody(without, 'not an object'), []);
  assert.deepEqual(validateBody(without, { anything: [1, 2] }), []);
});
