/** The shipped catalogue against an authorization schema: the emulator's (generated from it) agrees; changes show one by one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCatalogue, type AuthorizationSchema } from '../../core/access/catalogueDiff';
import { imsAuthorizationSchema } from '../../emulator/iam/authorizationSchema';

test('the emulator’s schema, generated from the catalogue, shows no difference', () => {
  assert.deepEqual(compareCatalogue(imsAuthorizationSchema() as AuthorizationSchema), []);
});

test('an action missing, an extra action, an access level, an operation’s action and its dependencies', () => {
  const schema = structuredClone(imsAuthorizationSchema()) as Required<AuthorizationSchema>;
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
      'operationAction AddImageTag: ims:images:update | ims:images:tag',
      'dependentActions AddImageTag: ims:images:get | ims:images:get, ims:images:list',
    ],
  );
});
