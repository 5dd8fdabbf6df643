/**
 * Who may tag an image and what a tag change moves (core/access/imageAccess.ts), against expectations
 * written by hand from the ABAC policies of examples/iam.json and IAM's rules (a Condition on a value the
 * request does not carry leaves the verdict "depends on"; a Deny wins). The shortcut of tagChangeImpact
 * (judging only users whose policies read a changed key, once per distinct tag set) is checked against
 * judging every user on every image before and after, over random accounts and tag changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TAG_APIS, findApi } from '../../core/catalogue';
import type { AccessFacts, GrantedPolicy } from '../../core/access/effective';
import {
  anyoneReads,
  imageAccess,
  tagChangeImpact,
  tagChangeImpactInSlices,
  tagsAfter,
  whoCan,
  type AccountUser,
  type ImageTarget,
} from '../../core/access/imageAccess';
import { conditionParts, keysNamingTag } from '../../core/policy/conditions';
import { tagWrite } from '../../core/tags/requestTags';
import { seededRandom } from '../../core/util/random';
import { scaled } from '../support/mutation';

const WHERE = { region: 'cn-north-4', account: 'acct-1', now: new Date('2026-12-07T00:00:00Z') };
const policy = (name: string, statements: unknown[]): GrantedPolicy => ({
  name,
  uri: `ims-iam:/policies/${name}`,
  type: 'XA',
  policy: { Version: '5.0', Statement: statements },
});
const TEAM_BLUE = policy('team-blue-taggers', [
  {
    Effect: 'Allow',
    Action: ['ims:images:setTags', 'ims:images:getTags'],
    Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } },
  },
  { Effect: 'Allow', Action: ['ims:images:list'] },
  { Effect: 'Deny', Action: ['ims:images:setTags'], Condition: { 'ForAnyValue:StringEquals': { 'g:TagKeys': ['team'] } } },
]);
const OWNERS = policy('owners-tag-their-images', [
  {
    Effect: 'Allow',
    Action: ['ims:images:setTags', 'ims:images:getTags'],
    Condition: { StringEquals: { 'g:ResourceTag/owner': 'frank-owner' } },
  },
]);
const EVERYTHING = policy('everything', [{ Effect: 'Allow', Action: ['ims:*:*'] }]);

const facts = (...attached: GrantedPolicy[]): AccessFacts => ({
  projectId: 'p-1',
  grants: [],
  attached: attached.map((p) => ({ policy: p, via: 'user' })),
});
const user = (id: string, ...attached: GrantedPolicy[]): AccountUser => ({ id, name: id, tags: {}, facts: facts(...attached) });
const ERIN = user('erin', TEAM_BLUE);
const FRANK = user('frank', OWNERS);
const ALL = user('root-ish', EVERYTHING);
const image = (id: string, tags: Record<string, string>): ImageTarget => ({ id, name: id, tags });

const verdict = (u: AccountUser, img: ImageTarget, api: string, request?: Record<string, string>) =>
  imageAccess(u, img, WHERE, [findApi(api)!], request ? () => request : undefined)[0];

test('on an image tagged team = blue, erin may read its tags; a tag write depends on the keys it sets', () => {
  const blue = image('img-blue', { team: 'blue' });
  assert.equal(verdict(ERIN, blue, 'ListImageTags').decision, 'allowed');
  const add = verdict(ERIN, blue, 'AddImageTag');
  // The Deny on g:TagKeys may apply: which keys a future call sets is not known.
  assert.equal(add.decision, 'dependsOn');
  assert.deepEqual(add.unknown, ['g:TagKeys']);
  // Known: setting env is allowed, setting team is denied.
  assert.equal(verdict(ERIN, blue, 'AddImageTag', { env: 'prod' }).decision, 'allowed');
  assert.equal(verdict(ERIN, blue, 'AddImageTag', { team: 'red' }).decision, 'denied');
});

test('on an image tagged team = red, erin is not granted, and the unmet condition says why', () => {
  const red = image('img-red', { team: 'red' });
  const v = verdict(ERIN, red, 'ListImageTags');
  assert.equal(v.decision, 'notGranted');
  assert.equal(v.unmet?.length, 1);
  const parts = conditionParts({ StringEquals: { 'g:ResourceTag/team': 'blue' } }, v.context);
  assert.deepEqual(parts, [
    { operator: 'StringEquals', key: 'g:ResourceTag/team', expected: ['blue'], actual: ['red'], result: 'fails' },
  ]);
});

test('a call about no image (ListImagesTags) has no resource tags: a g:ResourceTag Allow does not grant it', () => {
  assert.equal(verdict(ERIN, image('img-blue', { team: 'blue' }), 'ListImagesTags').decision, 'notGranted');
  assert.equal(verdict(ALL, image('img-blue', {}), 'ListImagesTags').decision, 'allowed');
});

test('whoCan lists every user with every tag API, in order', () => {
  const rows = whoCan([ERIN, FRANK, ALL], image('img-1', { owner: 'frank-owner' }), WHERE);
  assert.deepEqual(
    rows.map((r) => r.user.id),
    ['erin', 'frank', 'root-ish'],
  );
  assert.ok(rows.every((r) => r.decisions.length === TAG_APIS.length));
  const at = TAG_APIS.findIndex((a) => a.id === 'DeleteImageTag');
  assert.equal(rows[1].decisions[at], 'allowed');
  assert.equal(rows[0].decisions[at], 'notGranted');
  assert.equal(rows[2].decisions[at], 'allowed');
});

test('deleting the owner tag locks frank out; nobody else moves', () => {
  const img = image('img-1', { owner: 'frank-owner', env: 'dev' });
  const changes = tagChangeImpact([ERIN, FRANK, ALL], [{ image: img, after: tagsAfter(img.tags, { owner: '' }, true) }], WHERE);
  assert.ok(changes.length > 0);
  assert.ok(changes.every((c) => c.user.id === 'frank'));
  const del = changes.find((c) => c.api.id === 'DeleteImageTag')!;
  assert.equal(del.before, 'allowed');
  assert.equal(del.after, 'notGranted');
  // The reasons, worked out when asked: the Allow on owner no longer holds.
  const why = del.explain();
  assert.equal(why.before.decidedBy[0].source.label, 'owners-tag-their-images');
  assert.equal(why.after.decision, 'notGranted');
  assert.equal(why.after.unmet?.[0]?.source.label, 'owners-tag-their-images');
  // A key no policy reads moves nothing.
  assert.deepEqual(tagChangeImpact([ERIN, FRANK], [{ image: img, after: { ...img.tags, env: 'prod' } }], WHERE), []);
  assert.equal(anyoneReads([ERIN, FRANK], ['env']), false);
  assert.equal(anyoneReads([ERIN, FRANK], ['owner']), true);
});

test('tagChangeImpact equals judging everyone on every image before and after (random accounts and batches)', () => {
  const rnd = seededRandom(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const values = ['blue', 'red', 'frank-owner', 'x'];
  const keys = ['team', 'owner', 'env'];
  const pool = [
    TEAM_BLUE,
    OWNERS,
    EVERYTHING,
    policy('deny-red', [
      { Effect: 'Deny', Action: ['ims:images:getTags'], Condition: { StringEquals: { 'g:ResourceTag/team': 'red' } } },
    ]),
    // The caller's tag decides: users with the same policies but another dept differ.
    policy('dept-blue', [
      {
        Effect: 'Allow',
        Action: ['ims:images:getTags'],
        Condition: { StringEquals: { 'g:PrincipalTag/dept': 'blue', 'g:ResourceTag/team': 'blue' } },
      },
    ]),
    // A Resource that names one image: images alike in tags may still differ.
    policy('one-image', [
      {
        Effect: 'Allow',
        Action: ['ims:images:getTags'],
        Resource: ['ims:cn-north-4:acct-1:image:img-1'],
        Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } },
      },
    ]),
  ];
  let moved = 0;
  const rounds = scaled(200);
  for (let round = 0; round < rounds; round++) {
    // Few policy sets among many users, as groups make them, with the caller's dept tag varying.
    const sets = Array.from({ length: 3 }, () => pool.filter(() => rnd() < 0.4));
    const users = Array.from({ length: 8 }, (_, i) => ({
      ...user(`u${i}`, ...pick(sets)),
      tags: (rnd() < 0.5 ? { dept: 'blue' } : {}) as Record<string, string>,
    }));
    const randomTags = () => Object.fromEntries(keys.filter(() => rnd() < 0.6).map((k) => [k, pick(values)]));
    const images = Array.from({ length: 8 }, (_, i) => image(`img-${i % 3 === 0 ? 'same' : i}`, randomTags()));
    const key = pick(keys);
    const removes = rnd() < 0.3;
    const write = { [key]: pick(values) };
    const changes = images.map((img) => ({ image: img, after: tagsAfter(img.tags, write, removes) }));
    const fast = tagChangeImpact(users, changes, WHERE).map(
      (c) => `${c.user.id} ${c.image.id} ${c.api.id} ${c.before}→${c.after}`,
    );
    const slow: string[] = [];
    for (const u of users)
      for (const { image: img, after } of changes) {
        const b = imageAccess(u, img, WHERE);
        const a = imageAccess(u, { ...img, tags: after }, WHERE);
        b.forEach((x, i) => {
          if (x.decision !== a[i].decision) slow.push(`${u.id} ${img.id} ${x.api.id} ${x.decision}→${a[i].decision}`);
        });
      }
    assert.deepEqual(fast, slow, `round ${round}`);
    moved += fast.length;
  }
  assert.ok(moved > rounds / 10, `the rounds moved access ${moved} times`);
});

test('the tag keys a Condition names: resource, request and principal tags, and g:TagKeys values', () => {
  const condition = {
    StringEquals: { 'g:ResourceTag/team': 'blue', 'g:PrincipalTag/dept': 'x' },
    'ForAnyValue:StringEquals': { 'g:TagKeys': ['team', 'env*'] },
  };
  assert.deepEqual(keysNamingTag(condition, 'team'), ['g:ResourceTag/team', 'g:TagKeys']);
  assert.deepEqual(keysNamingTag(condition, 'environment'), ['g:TagKeys']);
  assert.deepEqual(keysNamingTag(condition, 'dept'), ['g:PrincipalTag/dept']);
  assert.deepEqual(keysNamingTag(condition, 'owner'), []);
  assert.deepEqual(keysNamingTag('not a condition', 'team'), []);
});

test('a tag write read from its path and body: the image, the tags, and whether it removes them', () => {
  assert.deepEqual(tagWrite(findApi('DeleteImageTag')!, { image_id: 'i-1', key: 'owner' }, ''), {
    imageId: 'i-1',
    tags: { owner: '' },
    removes: true,
  });
  assert.deepEqual(
    tagWrite(
      findApi('BatchAddOrDeleteTags')!,
      { image_id: 'i-2' },
      JSON.stringify({ action: 'delete', tags: [{ key: 'team' }] }),
    ),
    { imageId: 'i-2', tags: { team: '' }, removes: true },
  );
  assert.deepEqual(
    tagWrite(findApi('CreateOrUpdateTags')!, {}, JSON.stringify({ image_id: 'i-3', image_tag: { key: 'team', value: 'red' } })),
    { imageId: 'i-3', tags: { team: 'red' }, removes: false },
  );
  assert.equal(tagWrite(findApi('ListImageTags')!, { image_id: 'i-1' }, ''), undefined);
  assert.equal(tagWrite(findApi('AddImageTag')!, { image_id: 'i-1' }, '{not json'), undefined);
});

test('with policies of both kinds, "not granted" is explained by the kind that names the actions', () => {
  const iamReader: GrantedPolicy = {
    name: 'IAM ReadOnlyAccess',
    uri: 'ims-iam:/roles/iam-ro',
    type: 'XA',
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['iam:*:get*', 'iam:*:list*'] }] },
  };
  const both: AccountUser = {
    ...ERIN,
    facts: { ...ERIN.facts, grants: [{ policy: iamReader, scope: { kind: 'allProjects' }, via: 'group iam-readers' }] },
  };
  const v = verdict(both, image('img-red', { team: 'red' }), 'ListImageTags');
  assert.equal(v.decision, 'notGranted');
  assert.equal(v.unmet?.[0]?.source.label, 'team-blue-taggers');
});

test('worked out in slices, the impact is the same, and a signal stops it', async () => {
  const users = Array.from({ length: 40 }, (_, i) => ({
    ...user(`s${i}`, i % 2 ? TEAM_BLUE : OWNERS),
    tags: { dept: `d${i % 3}` },
  }));
  const images = Array.from({ length: 30 }, (_, i) => image(`img-${i}`, { team: i % 2 ? 'red' : 'blue', owner: 'frank-owner' }));
  const changes = images.map((img) => ({ image: img, after: tagsAfter(img.tags, { team: 'blue' }, false) }));
  const key = (cs: ReturnType<typeof tagChangeImpact>) => cs.map((c) => `${c.user.id} ${c.image.id} ${c.api.id} ${c.after}`);
  const sliced = await tagChangeImpactInSlices(users, changes, WHERE);
  assert.ok(sliced.length > 0);
  assert.deepEqual(key(sliced), key(tagChangeImpact(users, changes, WHERE)));
  const stop = new AbortController();
  stop.abort(new Error('stopped'));
  await assert.rejects(tagChangeImpactInSlices(users, changes, WHERE, { signal: stop.signal }), /stopped/);
});
