/** The validators compiled at build time are those of today's schemas, and they judge as ajv does at run time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { AJV_OPTIONS, generateValidatorModule } from '../../core/validation/generate';
import { validatorSchemas } from '../../core/validation/schemas';
import { validateWith } from '../../core/validation/run';

const ROOT = join(__dirname, '../../..');

test('core/validation/generated.ts is what the schemas compile to now (npm run build rewrites it)', () => {
  const committed = readFileSync(join(ROOT, 'core/validation/generated.ts'), 'utf8');
  assert.ok(committed === generateValidatorModule(), 'generated.ts is stale: run npm run build and commit it');
});

test('each precompiled validator gives the errors a run-time compile gives', () => {
  const ajv = new Ajv2020(AJV_OPTIONS);
  const samples: unknown[] = [
    { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] },
    { Version: '5.0', Statement: [{ Effect: 'Allow', Action: 'x', NotAction: [], Extra: 1 }] },
    { Statement: 'no' },
    { tag: { key: 'k', value: 'v' } },
    { tags: [{ key: 'k' }], action: 'create' },
    [],
    null,
  ];
  for (const [key, schema] of Object.entries(validatorSchemas())) {
    const validate = ajv.compile(schema);
    for (const sample of samples) {
      validate(sample);
      const expected = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`);
      assert.deepEqual(
        validateWith(key, sample).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`),
        expected,
        `${key} on ${JSON.stringify(sample)}`,
      );
    }
  }
  assert.throws(() => validateWith('nothing_here', {}), /no precompiled validator named nothing_here: run npm run build/);
});
