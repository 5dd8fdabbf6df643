/** The shipped 5.0 snapshot against an authorization schema: the emulator's (the snapshot) agrees; changes show one by one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCatalogue } from '../../core/access/catalogueDiff';
import { readAuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';
import { emptyIam } from '../../emulator/iam/model';
import { imsAuthorizationSchema } from '../../emulator/iam/authorizationSchema';

const served = () => readAuthorizationSchema(structuredClone(imsAuthorizationSchema(emptyIam())))!;

test('the emulator serves the snapshot: no difference', () => {
  assert.deepEqual(compareCatalogue(served()), []);
});

test('an action missing, an extra action, an access level, an operation’s action and its dependencies', () => {
  const schema = served();
  schema.actions = schema.actions.filter((a) => a.name !== 'ims:images:share');
  schema.actions.push({ name: 'ims:images:tag', access_level: 'tagging' });
  schema.actions.find((a) => a.name === 'ims:images:get')!.access_level = 'list';
  const add = schema.operations.find((o) => o.operation_id === 'AddImageTag')!;
  add.operation_action = 'ims:images:tag';
  add.dependent_actions = ['ims:images:get', 'ims:images:list'];
  assert.deepEqual(
    compareCatalogue(schema).map((d) => `${d.kind} ${d.subject}: ${d.catalogue} | ${d.cloud}`),
    [
      'accessLevel ims:images:get: read | list',
      'onlyInCatalogue ims:images:share: present | absent',
      'onlyInCloud ims:images:tag: absent | present',
      'operationAction AddImageTag: ims:images:setTags | ims:images:tag',
      'dependentActions AddImageTag: — | ims:images:get, ims:images:list',
    ],
  );
});

test('an answer of the wrong shape is read as far as it is a schema, never trusted', () => {
  assert.equal(readAuthorizationSchema(null), undefined);
  assert.equal(readAuthorizationSchema({ actions: [{ nope: 1 }] }), undefined);
  const read = readAuthorizationSchema({
    actions: [{ name: 'ims:images:x', access_level: 7, resources: [{ urn_template: 1 }, { urn_template: 'ims:::image:<id>' }] }],
    operations: [
      { operation_id: 'AddImageTag' },
      { operation_id: 'X', operation_action: 'ims:images:x', dependent_actions: [1, 'a'] },
    ],
    conditions: 'no',
  })!;
  assert.equal(read.actions[0].access_level, 'write');
  assert.equal(read.actions[0].resources!.length, 1);
  assert.deepEqual(read.operations, [{ operation_id: 'X', operation_action: 'ims:images:x', dependent_actions: ['a'] }]);
  assert.deepEqual(read.conditions, []);
});
