import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SNAPSHOT_MODEL } from '../../core/catalogue/iam5/model';
import Ajv2020 from 'ajv/dist/2020';
import {
  IMS_ACTIONS,
  IMS_APIS,
  IMS_WILDCARDS,
  TAG_APIS,
  apisForPattern,
  dependentActions,
  findAction,
} from '../../core/catalogue';

test('the ten tag APIs (docs/sources.md §A) plus BatchDeleteTags and ListImages', () => {
  assert.deepEqual(
    TAG_APIS.map((a) => a.id),
    [
      'GlanceCreateTag',
      'GlanceDeleteTag',
      'CreateOrUpdateTags',
      'ListTags',
      'ListImageByTags',
      'BatchAddOrDeleteTags',
      'AddImageTag',
      'DeleteImageTag',
      'ListImageTags',
      'ListImagesTags',
    ],
  );
  assert.deepEqual(
    IMS_APIS.filter((a) => !a.tagApi).map((a) => a.id),
    ['BatchDeleteTags', 'ListImages'],
  );
  for (const api of TAG_APIS) {
    assert.equal(api.iamProject, true);
    assert.equal(api.enterpriseProject, false);
    assert.ok(api.title.en && api.title.zh, api.id);
    assert.match(api.docUrl, /^https:\/\/support\.huaweicloud\.com\//);
    for (const a of api.actions) assert.ok(findAction(a), `${api.id} needs unknown ${a}`);
  }
});

test('every 1.1 action is documented in both languages and confirmed; 5.0-only names live in the 5.0 model', () => {
  assert.equal(IMS_ACTIONS.filter((a) => a.confirmed).length, 13);
  assert.deepEqual(
    IMS_ACTIONS.filter((a) => !a.confirmed).map((a) => a.name),
    [],
  );
  assert.equal(findAction('ims:images:addMember'), undefined);
  assert.equal(SNAPSHOT_MODEL.action('ims:images:addMember')?.name, 'ims:images:addMember');
  assert.equal(SNAPSHOT_MODEL.provenance('ims:images:addMember').confirmed, false);
  for (const a of [...IMS_ACTIONS, ...IMS_WILDCARDS]) assert.ok(a.description.en && a.description.zh);
  assert.deepEqual(
    IMS_WILDCARDS.map((w) => w.pattern),
    ['ims:*:*', 'ims:images:*', 'ims:*:get*', 'ims:*:list*'],
  );
});

test('body schemas compile in ajv strict mode (strictTypes) and accept the documented examples', () => {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true }); // oneOf branches require parent properties
  const check = (id: string, body: unknown) => ajv.validate(IMS_APIS.find((a) => a.id === id)!.bodySchema!, body);
  assert.equal(check('AddImageTag', { tag: { key: 'env', value: '' } }), true);
  assert.equal(check('AddImageTag', { tag: { key: 'env' } }), false);
  assert.equal(check('BatchAddOrDeleteTags', { action: 'create', tags: [{ key: 'key3', value: '' }] }), true);
  assert.equal(check('BatchAddOrDeleteTags', { action: 'delete', tags: [{ key: 'k' }] }), true);
  assert.equal(check('BatchAddOrDeleteTags', { action: 'Create', tags: [] }), false);
  assert.equal(
    check('ListImageByTags', { action: 'filter', limit: '10', offset: '0', tags: [{ key: 'env', values: ['prod'] }] }),
    true,
  );
  assert.equal(check('ListImageByTags', { action: 'filter', limit: 10 }), false, 'limit is a string');
  assert.equal(check('CreateOrUpdateTags', { image_id: 'x', tag: 'a.b' }), true);
  assert.equal(check('CreateOrUpdateTags', { image_id: 'x', tag: 'a.b', image_tag: { key: 'a', value: 'b' } }), false);
  assert.equal(check('BatchDeleteTags', { tags: [{ key: 'a' }] }), true);
});

test('derived relations: which APIs a pattern authorizes; dependent actions', () => {
  assert.equal(apisForPattern('ims:images:update').full.filter((a) => a.tagApi).length, 3);
  assert.equal(apisForPattern('ims:images:update').partial.length, 3);
  assert.equal(apisForPattern('ims:*:list*').full.filter((a) => a.tagApi).length, 4);
  assert.deepEqual(dependentActions('ims:images:update'), ['ims:images:get']);
  assert.deepEqual(dependentActions('ims:images:list'), []);
});

test('dependent actions are one-way: a write depends on the read its APIs also need, a read on nothing', () => {
  // The table of the ten tag APIs (docs/sources.md §A): GlanceCreateTag, GlanceDeleteTag and CreateOrUpdateTags need get and update.
  assert.deepEqual(dependentActions('ims:images:update'), ['ims:images:get']);
  assert.deepEqual(dependentActions('IMS:Images:Update'.replace('IMS', 'ims')), ['ims:images:get']);
  assert.deepEqual(dependentActions('ims:images:get'), []);
  assert.deepEqual(dependentActions('ims:images:list'), []);
  assert.deepEqual(dependentActions('ims:images:delete'), []);
});

test('readOnly: only the APIs that change nothing are sent without asking', () => {
  const readOnly = IMS_APIS.filter((a) => a.readOnly)
    .map((a) => a.id)
    .sort();
  assert.deepEqual(readOnly, ['ListImageByTags', 'ListImageTags', 'ListImages', 'ListImagesTags', 'ListTags']);
});

/** The table of the ten tag APIs (docs/sources.md §A), copied here by hand: method and path, actions, IAM project, enterprise project. */
const SEED: Array<[string, string, string[], boolean, boolean]> = [
  ['GlanceCreateTag', 'PUT /v2/images/{image_id}/tags/{tag}', ['ims:images:get', 'ims:images:update'], true, false],
  ['GlanceDeleteTag', 'DELETE /v2/images/{image_id}/tags/{tag}', ['ims:images:get', 'ims:images:update'], true, false],
  ['CreateOrUpdateTags', 'PUT /v1/cloudimages/tags', ['ims:images:get', 'ims:images:update'], true, false],
  ['ListTags', 'GET /v1/cloudimages/tags', ['ims:images:list'], true, false],
  ['ListImageByTags', 'POST /v2/{project_id}/images/resource_instances/action', ['ims:images:list'], true, false],
  ['BatchAddOrDeleteTags', 'POST /v2/{project_id}/images/{image_id}/tags/action', ['ims:images:update'], true, false],
  ['AddImageTag', 'POST /v2/{project_id}/images/{image_id}/tags', ['ims:images:update'], true, false],
  ['DeleteImageTag', 'DELETE /v2/{project_id}/images/{image_id}/tags/{key}', ['ims:images:update'], true, false],
  ['ListImageTags', 'GET /v2/{project_id}/images/{image_id}/tags', ['ims:images:list'], true, false],
  ['ListImagesTags', 'GET /v2/{project_id}/images/tags', ['ims:images:list'], true, false],
];

test('the catalogue agrees with the seed table, and the counts follow from it', () => {
  assert.deepEqual(
    TAG_APIS.map((a) => [a.id, `${a.method} ${a.path}`, a.actions, a.iamProject, a.enterpriseProject]),
    SEED,
  );
  // What each action alone unlocks, derived from the seed table: the hints and hovers count these.
  const alone = (action: string) => SEED.filter(([, , actions]) => actions.every((a) => a === action)).length;
  const withDeps = (actions: string[]) => SEED.filter(([, , needed]) => needed.every((a) => actions.includes(a))).length;
  for (const action of ['ims:images:list', 'ims:images:update', 'ims:images:get']) {
    assert.equal(apisForPattern(action).full.filter((a) => a.tagApi).length, alone(action), action);
  }
  assert.equal(
    apisForPattern('ims:images:*').full.filter((a) => a.tagApi).length,
    withDeps(['ims:images:get', 'ims:images:update', 'ims:images:list']),
  );
  // Enterprise-project grants authorize none of them.
  assert.deepEqual(
    SEED.filter(([, , , , ep]) => ep),
    [],
  );
});
