/**
 * IAM 5.0's authorization schema as the model reads it (core/catalogue/iam5/model.ts), at its edges:
 * condition keys with `<…>` holes matched whole and without case, URN templates filled in and matched,
 * descriptions in both languages with their fallbacks, and provenance of a snapshot against a live read.
 * A small schema written here, so each rule is seen on its own; the shipped snapshot is checked in
 * test/unit/iam5Policy.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Iam5Model, SNAPSHOT_MODEL, fillUrn } from '../../core/catalogue/iam5/model';
import { IMS_SCHEMA_SNAPSHOT } from '../../core/catalogue/iam5/imsSnapshot';

type Schema = typeof IMS_SCHEMA_SNAPSHOT;
const schema = {
  ...IMS_SCHEMA_SNAPSHOT,
  actions: [
    {
      ...IMS_SCHEMA_SNAPSHOT.actions[0],
      name: 'ims:images:setTags',
      description: { en_US: 'Tag an image', zh_CN: '为镜像打标签' },
      condition_keys: ['ims:ImageType'],
      resources: [{ urn_template: 'ims:<region>:<account-id>:image:<image-id>', condition_keys: ['g:ResourceTag/<tag-key>'] }],
    },
    {
      ...IMS_SCHEMA_SNAPSHOT.actions[0],
      name: 'ims:images:list',
      description: { en_US: 'List images' },
      condition_keys: [],
      resources: [],
    },
    { ...IMS_SCHEMA_SNAPSHOT.actions[0], name: 'ims:images:noWords', description: undefined, condition_keys: [], resources: [] },
  ],
} as unknown as Schema;
const model = new Iam5Model(schema);

test('a declared key with a hole matches the keys that fill it, without case; a bare prefix matches nothing', () => {
  const setTags = model.action('ims:images:setTags')!;
  assert.ok(model.keyApplies('g:ResourceTag/env', setTags));
  assert.ok(model.keyApplies('G:RESOURCETAG/Env', setTags), 'the name part without case');
  assert.ok(!model.keyApplies('g:ResourceTag/', setTags), 'the hole must be filled');
  assert.ok(!model.keyApplies('x:g:ResourceTag/env', setTags), 'from the start');
  assert.ok(model.keyApplies('ims:imagetype', setTags), 'a key without a hole, without case');
  assert.ok(!model.keyApplies('ims:ImageTypes', setTags), 'a key without a hole, whole');
  assert.ok(!model.keyApplies('ims:ImageType', model.action('ims:images:list')!));
  // Only the resource types the statement names bring their keys.
  assert.ok(model.keyApplies('g:ResourceTag/env', setTags, new Set(['image'])));
  assert.ok(!model.keyApplies('g:ResourceTag/env', setTags, new Set(['snapshot'])));
  // The same answer the second time (the matchers are kept).
  assert.ok(model.keyApplies('G:RESOURCETAG/Env', setTags));
});

test('URN templates: region, account and the last hole filled; an action without a resource type has none', () => {
  const where = { region: 'cn-north-4', account: 'acct', id: 'img-1' };
  assert.equal(fillUrn('ims:<region>:<account-id>:image:<image-id>', where), 'ims:cn-north-4:acct:image:img-1');
  assert.equal(fillUrn('ims::<account-id>:image:<image-id>', where), 'ims::acct:image:img-1');
  assert.equal(
    fillUrn('ims:<region>:<account-id>:<kind>:fixed', where),
    'ims:cn-north-4:acct:<kind>:fixed',
    'only the last part is the id',
  );
  assert.equal(model.urnFor('ims:images:setTags', where), 'ims:cn-north-4:acct:image:img-1');
  assert.equal(model.urnFor('IMS:images:SETTAGS', where), undefined, 'the service is exact');
  assert.equal(model.urnFor('ims:IMAGES:setTags', where), 'ims:cn-north-4:acct:image:img-1');
  assert.equal(model.urnFor('ims:images:list', where), null);
  assert.equal(model.urnFor('ims:images:setTags', { region: 'r', account: 'a' }), undefined, 'no id, no URN');
  assert.equal(model.urnFor('ims:images:nothing', where), undefined);
});

test('the resource type of a URN: every fixed part equal or `*`, the last part free (it may hold colons)', () => {
  assert.equal(SNAPSHOT_MODEL.resourceTypeOf('ims:cn-north-4:acct:image:img-1'), 'image');
  assert.equal(SNAPSHOT_MODEL.resourceTypeOf('ims:*:*:image:*'), 'image');
  assert.equal(SNAPSHOT_MODEL.resourceTypeOf('ims:r:a:image:path:with:colons'), 'image');
  assert.equal(SNAPSHOT_MODEL.resourceTypeOf('*:r:a:image:x'), 'image', '`*` matches the service too');
  assert.equal(SNAPSHOT_MODEL.resourceTypeOf('ims:r:a:image'), undefined, 'too short');
  assert.equal(SNAPSHOT_MODEL.resourceTypeOf('ims:r:a:snapshotx:i'), undefined);
  assert.equal(SNAPSHOT_MODEL.resourceTypeOf('ecs:r:a:image:i'), undefined);
});

test('descriptions in both languages: Chinese falls back to English, a missing one is empty', () => {
  assert.equal(model.description(model.action('ims:images:setTags')!, 'zh'), '为镜像打标签');
  assert.equal(model.description(model.action('ims:images:setTags')!, 'en'), 'Tag an image');
  assert.equal(model.description(model.action('ims:images:list')!, 'zh'), 'List images');
  assert.equal(model.description(model.action('ims:images:noWords')!, 'en'), '');
  assert.equal(model.description(model.action('ims:images:noWords')!, 'zh'), '');
});

test('provenance: a live schema is IAM’s own word, with the day and the endpoint; the snapshot says what it knows', () => {
  const live = new Iam5Model(schema, { kind: 'live', endpoint: 'https://iam.example', readAt: '2026-12-07T10:00:00Z' });
  assert.deepEqual(live.provenance('ims:images:setTags'), {
    source: "IAM's authorization schema, read 2026-12-07 from https://iam.example",
    confirmed: true,
  });
  assert.deepEqual(model.provenance('ims:images:unknownAction'), { source: 'not documented', confirmed: false });
  const known = SNAPSHOT_MODEL.provenance('ims:images:setTags');
  assert.equal(known.confirmed, true);
  assert.deepEqual(SNAPSHOT_MODEL.provenance('ims:IMAGES:SetTags'), known, 'an action by any case of its name');
  assert.deepEqual(
    new Iam5Model(schema, { kind: 'live', endpoint: 'e', readAt: 'r' }).provenance('resource:image').confirmed,
    true,
  );
});

/** A schema of one service written out in full, for the rules the snapshot never meets. */
const custom = (over: Partial<Schema> = {}) =>
  new Iam5Model({
    version: '5.0',
    actions: [
      // No condition_keys, no resources: fields an answer may leave out.
      { name: 'svc:quota:get', access_level: 'read' },
      {
        name: 'svc:things:tag',
        access_level: 'tagging',
        resources: [
          { urn_template: 'svc:<region>:<account-id>:thing:<thing-id>', required: true },
          {
            urn_template: 'svc:<region>:<account-id>:box:<box-id>',
            required: false,
            condition_keys: ['svc:BoxKind', 'svc:Colour'],
          },
        ],
      },
    ],
    resources: [
      { type_name: 'thing', urn_template: 'svc:<region>:<account-id>:thing:<thing-id>' },
      { type_name: 'crate', urn_template: 'svc:<region>:<account-id>:box:<box-id>' },
      // A fixed last part: the type is told by the head; the last part is never compared.
      { type_name: 'quota', urn_template: 'svc:<region>:<account-id>:quota:default' },
    ],
    conditions: [
      { key: 'svc:BoxKind', value_type: 'string', multi_valued: false },
      // Global keys the service also declares: declared once, with the global key's reach.
      { key: 'G:USERNAME', value_type: 'string', multi_valued: false, description: { en_US: 'Who calls' } },
      { key: 'g:ResourceTag/<tag-key>', value_type: 'string', multi_valued: false },
    ],
    operations: [],
    ...over,
  });

test("a service declaring a global key: listed once, under the service's spelling, with the global key's reach", () => {
  const model = custom();
  const keys = model.conditionKeys().map((k) => k.key);
  assert.equal(keys.filter((k) => k.toLowerCase() === 'g:username').length, 1);
  assert.ok(keys.includes('G:USERNAME') && !keys.includes('g:UserName'));
  assert.equal(keys.filter((k) => k.toLowerCase() === 'g:resourcetag/<tag-key>').length, 1);
  // g:UserName is a key of every action; g:ResourceTag and the service's own key are per action.
  assert.equal(model.conditionKey('g:UserName')?.everyAction, true);
  assert.equal(model.conditionKey('g:UserName')?.description.en, 'Who calls');
  assert.equal(model.conditionKey('g:ResourceTag/env')?.everyAction, false);
  assert.equal(model.conditionKey('svc:BoxKind')?.everyAction, false);
  assert.equal(model.conditionKey('svc:BoxKind')?.confirmed, true, "a service's own key is its word");
  // Global keys the service does not declare keep their own text, type and reach.
  const mfa = model.conditionKey('g:MFAPresent')!;
  assert.deepEqual([mfa.key, mfa.value_type, mfa.everyAction, mfa.confirmed], ['g:MFAPresent', 'boolean', true, true]);
  assert.equal(mfa.description.en, 'Whether the caller signed in with MFA.');
  assert.equal(mfa.description.zh, '调用者是否使用了 MFA 登录。');
  assert.equal(model.conditionKey('g:UserAgent')?.confirmed, false);
  assert.equal(model.conditionKey('g:TagKeys')?.everyAction, false);
});

test('a declared key that is all hole matches every key with something in it', () => {
  const model = custom({ conditions: [{ key: '<any>', value_type: 'string', multi_valued: true }] });
  assert.equal(model.conditionKey('svc:Anything')?.key, '<any>');
  // The empty key fills no hole.
  assert.equal(model.conditionKey(''), undefined);
});

test('keys of an action: its own, then its resource types’ (any of their keys), none for an action that declares none', () => {
  const model = custom();
  const tag = model.action('svc:things:tag')!;
  const quota = model.action('svc:quota:get')!;
  assert.equal(model.keyApplies('svc:Colour', tag), true, 'the second key of the box type');
  assert.equal(model.keyApplies('svc:BoxKind', tag, new Set(['crate'])), true);
  assert.equal(model.keyApplies('svc:BoxKind', tag, new Set(['thing'])), false);
  assert.equal(model.keyApplies('svc:BoxKind', quota), false);
  assert.equal(model.keyApplies('g:UserName', quota), true, 'a key of every action');
  assert.equal(model.urnFor('svc:quota:get', { region: 'r', account: 'a', id: 'x' }), null);
  assert.equal(model.urnFor('svc:things:tag', { region: 'r', account: 'a', id: 'x' }), 'svc:r:a:thing:x');
});

test("a template's resource type: the schema's name for it, else the template's type part", () => {
  const model = custom();
  assert.equal(model.typeOfTemplate('svc:<region>:<account-id>:box:<box-id>'), 'crate');
  assert.equal(model.typeOfTemplate('svc:<region>:<account-id>:disk:<disk-id>'), 'disk');
  assert.equal(model.typeOfTemplate('svc'), undefined);
  assert.equal(model.resourceTypeOf('svc:r:a:quota:default'), 'quota');
  assert.equal(model.resourceTypeOf('svc:r:a:quota:other'), 'quota', 'the last part is not compared');
  assert.equal(model.resourceTypeOf('svc:r:a:box:b:with:colons'), 'crate');
});
