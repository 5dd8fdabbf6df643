// Reading IAM 5.0's authorization schema (core/catalogue/iam5/schemaTypes.ts): the answer of
// `GET /v5/authorization-schemas/services/ims` comes from the network or a cache file, so every field of the
// wrong shape is left out, field by field, and nothing else is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';

const action = { name: 'ims:images:setTags', access_level: 'tagging' };

test('a well-formed answer is read field for field', () => {
  const raw = {
    version: '5.0',
    actions: [
      {
        name: 'ims:images:setTags',
        access_level: 'tagging',
        permission_only: true,
        description: { en_US: 'Set tags', zh_CN: '设置标签' },
        aliases: ['ims:images:update'],
        resources: [
          { urn_template: 'ims:<region>:<account-id>:image:<image-id>', required: true, condition_keys: ['ims:ImageType'] },
        ],
        condition_keys: ['g:RequestTag/<tag-key>', 'g:TagKeys'],
      },
    ],
    resources: [{ type_name: 'image', urn_template: 'ims:<region>:<account-id>:image:<image-id>' }],
    conditions: [
      { key: 'ims:ImageType', value_type: 'string', multi_valued: true, description: { en_US: 'Type', zh_CN: '类型' } },
    ],
    operations: [{ operation_id: 'AddImageTag', operation_action: 'ims:images:setTags', dependent_actions: ['ims:images:get'] }],
  };
  assert.deepEqual(readAuthorizationSchema(raw), raw);
});

test('not an object, or no action with a name: no schema at all', () => {
  for (const raw of [undefined, null, 0, 'ims', true, [], [action], {}, { actions: 'x' }, { actions: {} }])
    assert.equal(readAuthorizationSchema(raw), undefined, JSON.stringify(raw));
  for (const junk of [null, 7, 'ims:images:get', [], { name: '' }, { name: 7 }, { access_level: 'read' }])
    assert.equal(readAuthorizationSchema({ actions: [junk] }), undefined, JSON.stringify(junk));
});

test("an action's fields: defaults where absent, junk left out, only `true` is true", () => {
  const read = (a: object) => readAuthorizationSchema({ actions: [{ name: 'ims:images:get', ...a }] })!.actions[0];
  assert.deepEqual(read({}), {
    name: 'ims:images:get',
    access_level: 'write',
    permission_only: false,
    description: undefined,
    aliases: undefined,
    resources: [],
    condition_keys: undefined,
  });
  assert.equal(read({ access_level: 7 }).access_level, 'write');
  assert.equal(read({ access_level: 'read' }).access_level, 'read');
  for (const p of ['true', 1, {}]) assert.equal(read({ permission_only: p }).permission_only, false, JSON.stringify(p));
  assert.deepEqual(read({ description: { en_US: 1, zh_CN: '读' } }).description, { en_US: undefined, zh_CN: '读' });
  for (const d of [null, 'Get', 3]) assert.equal(read({ description: d }).description, undefined, JSON.stringify(d));
  assert.deepEqual(read({ aliases: ['a', 1, null, 'b'] }).aliases, ['a', 'b']);
  assert.equal(read({ aliases: 'a' }).aliases, undefined);
  assert.deepEqual(read({ condition_keys: [1, 'g:UserName'] }).condition_keys, ['g:UserName']);
  assert.equal(read({ condition_keys: { 0: 'g:UserName' } }).condition_keys, undefined);
});

test("an action's resource types: a URN template is needed; required only when `true`", () => {
  const resources = (r: unknown) => readAuthorizationSchema({ actions: [{ ...action, resources: r }] })!.actions[0].resources;
  assert.deepEqual(resources([{ required: true }, { urn_template: 5 }, { urn_template: '' }, null, 'image']), []);
  assert.deepEqual(resources([{ urn_template: 'u', required: 'true', condition_keys: ['k', 2] }]), [
    { urn_template: 'u', required: false, condition_keys: ['k'] },
  ]);
  assert.deepEqual(resources([{ urn_template: 'u', required: true }]), [
    { urn_template: 'u', required: true, condition_keys: undefined },
  ]);
  assert.deepEqual(resources('u'), []);
});

test('resource types, condition keys and operations: each needs its names, junk left out', () => {
  const schema = readAuthorizationSchema({
    version: 5,
    actions: [action],
    resources: [{ type_name: 'image' }, { urn_template: 'u' }, { type_name: 'image', urn_template: 'u' }, 3],
    conditions: [
      { value_type: 'string' },
      { key: '' },
      { key: 'ims:ImageType' },
      { key: 'ims:Size', value_type: 'numeric', multi_valued: 'yes', description: 'size' },
    ],
    operations: [
      { operation_id: 'AddImageTag' },
      { operation_action: 'ims:images:setTags' },
      { operation_id: 'AddImageTag', operation_action: 'ims:images:setTags', dependent_actions: 'ims:images:get' },
    ],
  })!;
  assert.equal(schema.version, undefined);
  assert.deepEqual(schema.resources, [{ type_name: 'image', urn_template: 'u' }]);
  assert.deepEqual(schema.conditions, [
    { key: 'ims:ImageType', value_type: 'string', multi_valued: false, description: undefined },
    { key: 'ims:Size', value_type: 'numeric', multi_valued: false, description: undefined },
  ]);
  assert.deepEqual(schema.operations, [
    { operation_id: 'AddImageTag', operation_action: 'ims:images:setTags', dependent_actions: undefined },
  ]);
  const none = readAuthorizationSchema({ actions: [action], resources: {}, conditions: 'k', operations: null })!;
  assert.deepEqual([none.resources, none.conditions, none.operations], [[], [], []]);
});
