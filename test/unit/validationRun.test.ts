/**
 * The validators compiled at build time (core/validation): their schemas by name, as the build compiles them
 * (schemas.ts), and how one is run by name (run.ts), including a name the build did not make.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMS_APIS, POLICY_VERSIONS } from '../../core/catalogue';
import { policySchema } from '../../core/policy/policySchema';
import { bodyValidatorKey, policyValidatorKey } from '../../core/validation/keys';
import { validateWith } from '../../core/validation/run';
import { validatorSchemas } from '../../core/validation/schemas';

test('one schema for each policy version and for none, the 5.0 resource-based one, and each API body', () => {
  const schemas = validatorSchemas();
  const expected = [
    ...[undefined, ...POLICY_VERSIONS].map((v) => policyValidatorKey(v, 'identity')),
    policyValidatorKey('5.0', 'resource'),
    ...IMS_APIS.filter((a) => a.bodySchema).map((a) => bodyValidatorKey(a.id)),
  ];
  assert.deepEqual(Object.keys(schemas).sort(), [...expected].sort());
  for (const v of [undefined, ...POLICY_VERSIONS])
    assert.deepEqual(schemas[policyValidatorKey(v, 'identity')], policySchema(v, 'identity'));
  assert.deepEqual(schemas[policyValidatorKey('5.0', 'resource')], policySchema('5.0', 'resource'));
  for (const api of IMS_APIS) if (api.bodySchema) assert.equal(schemas[bodyValidatorKey(api.id)], api.bodySchema);
});

test('a validator run by name: no errors when valid, its errors when not, and a clear error for a name not built', () => {
  const key = policyValidatorKey('1.1', 'identity');
  const valid = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] };
  assert.deepEqual(validateWith(key, valid), []);
  const errors = validateWith(key, { Version: '1.1', Statement: 'all' });
  assert.ok(errors.length > 0 && errors.every((e) => typeof e.message === 'string'));
  assert.throws(
    () => validateWith('policy_9_9_identity', valid),
    /no precompiled validator named policy_9_9_identity: run npm run build/,
  );
});
