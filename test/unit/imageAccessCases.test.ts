/**
 * Who-can and the impact of a tag change (core/access/imageAccess.ts) on accounts written out by hand:
 * users judged once per kind only when nothing they are judged on differs (their policies and scopes,
 * their name and tags where a Condition reads them), only the keys a policy reads moving anything, the
 * moves in the users' order with their reasons, and the request context of each call.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TAG_APIS, findApi } from '../../core/catalogue';
import {
  anyoneReads,
  callContext,
  imageAccess,
  tagChangeImpact,
  tagChangeImpactInSlices,
  tagsAfter,
  whoCan,
  type TagChange,
} from '../../core/access/imageAccess';
import { WHERE, policy, user } from '../support/accessFixtures';

const API = (id: string) => findApi(id)!;
const at = (apis: readonly { id: string }[], id: string) => apis.findIndex((a) => a.id === id);
const IMG = { id: 'img-1', name: 'image', tags: { team: 'blue' } };

test('who-can tells users apart by the name and the tags their Conditions read, and by their grants', () => {
  const byName = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:getTags'],
    Condition: { StringEquals: { 'g:UserName': 'frank' } },
  });
  const byUrn = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    Condition: { StringLike: { 'g:PrincipalUrn': 'iam::acct-1:user:fr*' } },
  });
  const byDept = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:list'],
    Condition: { StringEquals: { 'g:PrincipalTag/Dept': 'ops' } },
  });
  // Users who hold one policy each: only what that policy reads can tell them apart.
  const users = [
    user('frank', { v5: [byName] }),
    user('erin', { v5: [byName] }),
    user('fred', { v5: [byUrn] }),
    user('erin2', { v5: [byUrn] }),
    user('ops1', { v5: [byDept], tags: { Dept: 'ops' } }),
    user('dev1', { v5: [byDept], tags: { Dept: 'dev' } }),
    user('none1', { v5: [byDept], tags: {} }),
    user('unknown1', { v5: [byDept] }),
    user('ops2', { v5: [byDept], tags: { Dept: 'ops' } }),
  ];
  const rows = whoCan(users, IMG, WHERE, TAG_APIS);
  assert.deepEqual(
    rows.map((r) => r.user.name),
    users.map((u) => u.name),
  );
  const d = (name: string, api: string) => rows.find((r) => r.user.name === name)!.decisions[at(TAG_APIS, api)];
  assert.deepEqual(
    users.map((u) => `${u.name} ${d(u.name, 'ListImageTags')} ${d(u.name, 'AddImageTag')} ${d(u.name, 'ListImageByTags')}`),
    [
      'frank allowed notGranted notGranted',
      'erin notGranted notGranted notGranted',
      'fred notGranted allowed notGranted',
      'erin2 notGranted notGranted notGranted',
      'ops1 notGranted notGranted allowed',
      'dev1 notGranted notGranted notGranted',
      'none1 notGranted notGranted notGranted',
      'unknown1 notGranted notGranted dependsOn',
      'ops2 notGranted notGranted allowed',
    ],
  );
  // Each verdict is what imageAccess says with its reasons.
  for (const r of rows)
    assert.deepEqual(
      r.decisions,
      imageAccess(r.user, IMG, WHERE, TAG_APIS).map((a) => a.decision),
      r.user.name,
    );

  // The same policy on another scope, or in another project, is another kind of user; so is the administrator.
  const list = policy('1.1', { Effect: 'Allow', Action: ['ims:images:list'] });
  const scoped = whoCan(
    [
      user('a', { v11: [[list, { kind: 'project', projectId: 'p-1' }]] }),
      user('b', { v11: [[list, { kind: 'project', projectId: 'p-2' }]] }),
      { ...user('c', { v11: [[list]] }), facts: { ...user('c', { v11: [[list]] }).facts, projectId: 'p-9' } },
      user('d', { v11: [[list, { kind: 'domain' }]] }),
      user('e', { v11: [[list, { kind: 'project', projectId: 'p-2' }]], administrator: true }),
    ],
    IMG,
    WHERE,
    TAG_APIS,
  ).map((r) => r.decisions[at(TAG_APIS, 'ListImageTags')]);
  assert.deepEqual(scoped, ['allowed', 'notGranted', 'notGranted', 'notGranted', 'allowed']);

  // A granted text that is not a policy counts for nothing, and breaks nothing.
  const junk = { name: 'junk', uri: 'ims-iam:/policies/junk', type: 'XA' as const, policy: '{ not json' };
  const [withJunk] = whoCan([user('j', { v5: [junk, byDept], tags: { Dept: 'ops' } })], IMG, WHERE, TAG_APIS);
  assert.equal(withJunk.decisions[at(TAG_APIS, 'ListImageByTags')], 'allowed');
});

test('who-can and the impact judge at the time given, not the clock’s', () => {
  const later = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    Condition: { DateGreaterThan: { 'g:CurrentTime': '2029-01-01T00:00:00Z' }, StringEquals: { 'g:ResourceTag/team': 'blue' } },
  });
  const in2030 = { ...WHERE, now: new Date('2030-06-01T00:00:00Z') };
  const u = user('u', { v5: [later] });
  assert.equal(whoCan([u], IMG, in2030, TAG_APIS)[0].decisions[at(TAG_APIS, 'AddImageTag')], 'allowed');
  assert.equal(whoCan([u], IMG, WHERE, TAG_APIS)[0].decisions[at(TAG_APIS, 'AddImageTag')], 'notGranted');
  const moves = tagChangeImpact([u], [{ image: IMG, after: { team: 'red' } }], in2030, [API('AddImageTag')]);
  assert.deepEqual(
    moves.map((m) => `${m.before}>${m.after}`),
    ['allowed>notGranted'],
  );
  assert.deepEqual(tagChangeImpact([u], [{ image: IMG, after: { team: 'red' } }], WHERE, [API('AddImageTag')]), []);
});

test('anyoneReads: only the resource tag keys of the policies of users who are not administrators', () => {
  const reads = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:*'],
    Condition: { StringEquals: { 'g:ResourceTag/Team': 'blue' } },
  });
  const principal = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:*'],
    Condition: { StringEquals: { 'g:PrincipalTag/team': 'x' } },
  });
  assert.equal(anyoneReads([user('a', { v5: [reads] })], ['Team']), true);
  assert.equal(anyoneReads([user('a', { v5: [reads] })], ['team', 'owner']), false, 'tag keys are case-sensitive');
  assert.equal(anyoneReads([user('a', { v5: [principal] })], ['team']), false, 'a principal tag is not the image’s');
  assert.equal(anyoneReads([user('root', { v5: [reads], administrator: true })], ['Team']), false);
  assert.equal(anyoneReads([user('b', {}), user('a', { v5: [reads] })], ['Team']), true);
  assert.equal(anyoneReads([], ['Team']), false);
  assert.equal(anyoneReads([user('a', { v5: [reads] })], ['owner', 'Team']), true, 'any one of the keys');
});

test('a tag change moves only users whose policies read a changed key, in the users’ order, with reasons', () => {
  const team = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } },
  });
  const owner = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:getTags'],
    Condition: { StringEquals: { 'g:ResourceTag/owner': 'frank' } },
  });
  const everything = policy('5.0', { Effect: 'Allow', Action: ['ims:*'] });
  const users = [
    user('zed', { v5: [team] }),
    user('frank', { v5: [owner] }),
    user('amy', { v5: [team] }),
    user('root', { administrator: true }),
    user('plain', { v5: [everything] }),
  ];
  const image = { id: 'img-1', name: 'image', tags: { team: 'blue', owner: 'frank', env: 'prod' } };
  const moves = (after: Record<string, string>) =>
    tagChangeImpact(users, [{ image, after }], WHERE, TAG_APIS).map((m) => `${m.user.name} ${m.api.id} ${m.before}>${m.after}`);

  assert.deepEqual(moves({ ...image.tags, env: 'dev' }), [], 'a key nobody reads');
  assert.deepEqual(moves(image.tags), [], 'no change');
  const teamMoves = moves({ ...image.tags, team: 'red' });
  assert.ok(teamMoves.length > 0);
  assert.ok(
    teamMoves.every((m) => /^(zed|amy) /.test(m)),
    teamMoves.join('\n'),
  );
  assert.ok(teamMoves.indexOf('zed AddImageTag allowed>notGranted') < teamMoves.indexOf('amy AddImageTag allowed>notGranted'));
  assert.deepEqual(
    moves({ team: 'blue', env: 'prod' }).filter((m) => m.includes('ListImageTags')),
    ['frank ListImageTags allowed>notGranted'],
  );

  const [first] = tagChangeImpact(users, [{ image, after: { ...image.tags, team: 'red' } }], WHERE, [API('AddImageTag')]);
  const why = first.explain();
  assert.equal(first.explain(), why, 'worked out once');
  assert.equal(why.before.decision, 'allowed');
  assert.equal(why.after.decision, 'notGranted');
  assert.deepEqual(why.after.context.resource, { tags: { team: 'red', owner: 'frank', env: 'prod' } });
  assert.equal(first.image, image);
});

test('in slices: the same moves; progress after a slice of over 20 ms; a signal stops it', async (t) => {
  const team = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } },
  });
  const users = Array.from({ length: 4 }, (_, i) => user(`u${i}`, { v5: [team], tags: { n: String(i) } }));
  // Each a kind of its own: a second policy reads the principal tag that differs.
  const byN = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:list'],
    Condition: { StringEquals: { 'g:PrincipalTag/n': '0' } },
  });
  for (const u of users) u.facts.attached.push({ policy: byN, via: 'user' });
  const changes: TagChange[] = [{ image: IMG, after: { team: 'red' } }];
  const whole = tagChangeImpact(users, changes, WHERE);
  const progress: Array<[number, number]> = [];
  let clock = 0;
  t.mock.method(Date, 'now', () => (clock += 30));
  const sliced = await tagChangeImpactInSlices(users, changes, WHERE, { onProgress: (d, n) => progress.push([d, n]) });
  t.mock.restoreAll();
  assert.deepEqual(
    sliced.map((m) => `${m.user.name} ${m.api.id} ${m.before}>${m.after}`),
    whole.map((m) => `${m.user.name} ${m.api.id} ${m.before}>${m.after}`),
  );
  assert.deepEqual(progress, [
    [1, 4],
    [2, 4],
    [3, 4],
    [4, 4],
  ]);
  const quiet: unknown[] = [];
  await tagChangeImpactInSlices(users, changes, WHERE, { onProgress: (...a) => quiet.push(a) });
  assert.deepEqual(quiet, [], 'fast slices report nothing');
  // Slow slices without anyone to tell: nothing breaks.
  t.mock.method(Date, 'now', () => (clock += 30));
  assert.equal((await tagChangeImpactInSlices(users, changes, WHERE)).length, whole.length);
  t.mock.restoreAll();
  const controller = new AbortController();
  controller.abort(new Error('closed'));
  await assert.rejects(tagChangeImpactInSlices(users, changes, WHERE, { signal: controller.signal }), /closed/);
  assert.deepEqual(await tagChangeImpactInSlices([], changes, WHERE), []);
});

test('the request context of a call: the principal, the image’s tags or none, the request’s tags, the time', () => {
  const frank = { name: 'frank', tags: { dept: 'ops' } };
  const ctx = callContext(API('AddImageTag'), { tags: { team: 'blue' } }, frank, WHERE, { env: 'x' });
  assert.deepEqual(ctx, {
    principal: { name: 'frank', account: 'acct-1', urn: 'iam::acct-1:user:frank', tags: { dept: 'ops' } },
    resource: { tags: { team: 'blue' } },
    request: { tags: { env: 'x' } },
    time: WHERE.now,
  });
  assert.deepEqual(callContext(API('ListImagesTags'), { tags: { team: 'blue' } }, frank, WHERE).resource, { tags: {} });
  assert.equal(callContext(API('AddImageTag'), undefined, frank, WHERE).resource, undefined, 'an image not known');
  assert.deepEqual(callContext(API('CreateOrUpdateTags'), { tags: { a: '1' } }, frank, WHERE).resource, { tags: { a: '1' } });
  const now = callContext(API('ListTags'), undefined, frank, { region: 'r', account: 'a' }).time;
  assert.ok(now && Math.abs(now.getTime() - Date.now()) < 60_000, 'no time given: now');
});

test('imageAccess judges each call with its own request tags', () => {
  const p = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    Condition: { StringEquals: { 'g:RequestTag/team': 'blue' } },
  });
  const apis = [API('AddImageTag'), API('DeleteImageTag'), API('BatchAddOrDeleteTags')];
  const request: Record<string, Record<string, string>> = { AddImageTag: { team: 'blue' }, DeleteImageTag: { team: 'red' } };
  const got = imageAccess(user('u', { v5: [p] }), IMG, WHERE, apis, (api) => request[api.id]);
  assert.deepEqual(
    got.map((a) => [a.api.id, a.decision, a.context.request?.tags]),
    [
      ['AddImageTag', 'allowed', { team: 'blue' }],
      ['DeleteImageTag', 'notGranted', { team: 'red' }],
      ['BatchAddOrDeleteTags', 'dependsOn', undefined],
    ],
  );
});

test('the tags after a write: set or removed by key', () => {
  const before = { a: '1', b: '2' };
  assert.deepEqual(tagsAfter(before, { b: '3', c: '4' }, false), { a: '1', b: '3', c: '4' });
  assert.deepEqual(tagsAfter(before, { b: 'any', z: '' }, true), { a: '1' });
  assert.deepEqual(before, { a: '1', b: '2' }, 'the image’s tags are not changed');
});
