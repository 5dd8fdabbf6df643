/**
 * The decisions-only evaluator on accounts written out by hand, one rule a case, each decision stated
 * and also checked against the evaluator that explains (imageAccess). The random rounds of
 * decisionMatrix.test.ts find disagreements in general; these pin each rule, and the memos that share
 * work between APIs, users and image states, where two things that must differ could be taken for one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMS_APIS } from '../../core/catalogue';
import { SNAPSHOT_MODEL } from '../../core/catalogue/iam5/model';
import { DECISIONS, ImageStates, decisionMatrix } from '../../core/access/decisionMatrix';
import { actsOnImage, imageAccess, type AccountUser } from '../../core/access/imageAccess';
import { WHERE, policy, user } from '../support/accessFixtures';

type State = { id: string; tags: Record<string, string> };

/**
 * Each API's decision for each user in each state, from one run (so the users share its memos), as
 * `API: decision per state`; every one also checked against imageAccess.
 */
function decisions(users: AccountUser[], states: State[], apis = IMS_APIS): Array<Record<string, string>> {
  const run = new ImageStates(states, { ...WHERE, model: SNAPSHOT_MODEL });
  return users.map((u) => {
    const codes = decisionMatrix({ user: u, time: WHERE.now, onImage: actsOnImage }, run, apis);
    assert.equal(codes.length, apis.length * states.length);
    const slow = states.map((s) => imageAccess(u, { ...s, name: 'image' }, WHERE, apis));
    return Object.fromEntries(
      apis.map((api, a) => {
        const row = states.map((_, s) => DECISIONS[codes[a * states.length + s]]);
        row.forEach((d, s) =>
          assert.equal(d, slow[s][a].decision, `${u.name} ${api.id} in state ${s}: imageAccess says otherwise`),
        );
        return [api.id, row.join(' ')];
      }),
    );
  });
}

test('a Resource naming one image decides image by image; `*` and a trailing `:*` cover every image alike', () => {
  const one = policy('5.0', { Effect: 'Allow', Action: ['ims:images:setTags'], Resource: ['ims:cn-north-4:acct-1:image:img-1'] });
  const all = policy('5.0', { Effect: 'Allow', Action: ['ims:images:setTags'], Resource: ['ims:*:*:image:*'] });
  const star = policy('5.0', { Effect: 'Allow', Action: ['ims:images:setTags'], Resource: ['*'] });
  const notOne = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    NotResource: ['ims:cn-north-4:acct-1:image:img-1'],
  });
  const elsewhere = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    Resource: ['ims:cn-north-4:other:image:*'],
  });
  const states = [
    { id: 'img-1', tags: {} },
    { id: 'img-2', tags: {} },
  ];
  const [a, b, c, d, e] = decisions(
    [
      user('a', { v5: [one] }),
      user('b', { v5: [all] }),
      user('c', { v5: [star] }),
      user('d', { v5: [notOne] }),
      user('e', { v5: [elsewhere] }),
    ],
    states,
  );
  assert.equal(a.AddImageTag, 'allowed notGranted');
  assert.equal(b.AddImageTag, 'allowed allowed');
  assert.equal(c.AddImageTag, 'allowed allowed');
  assert.equal(d.AddImageTag, 'notGranted allowed');
  assert.equal(e.AddImageTag, 'notGranted notGranted', 'another account’s images only');
});

test('a Condition on the image’s tags: per state for calls on an image, on no tags for calls about none', () => {
  const p = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:getTags'],
    Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } },
  });
  const [d] = decisions(
    [user('a', { v5: [p] })],
    [
      { id: 'img-1', tags: { team: 'blue' } },
      { id: 'img-1', tags: { team: 'red' } },
      { id: 'img-2', tags: {} },
      { id: 'img-2', tags: { team: 'blue' } },
    ],
  );
  // ListTags comes first in the catalogue and reads no image: its outcome must not be the image calls'.
  assert.equal(d.ListTags, 'notGranted notGranted notGranted notGranted');
  assert.equal(d.ListImageTags, 'allowed notGranted notGranted allowed');
  assert.equal(d.ListImagesTags, 'notGranted notGranted notGranted notGranted');
});

test('Conditions on two tag keys: states told apart by every key and value, an absent tag not an empty one', () => {
  const p = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:getTags'],
    Condition: { StringEquals: { 'g:ResourceTag/a': 'x', 'g:ResourceTag/b': 'yz' } },
  });
  const q = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:setTags'],
    Condition: { Null: { 'g:ResourceTag/a': 'true' } },
  });
  const [d] = decisions(
    [user('a', { v5: [p, q] })],
    [
      { id: 'i', tags: { a: 'x', b: 'yz' } },
      { id: 'i', tags: { a: 'xy', b: 'z' } },
      { id: 'i', tags: { a: 'x', b: 'y' } },
      { id: 'i', tags: { a: '' } },
      { id: 'i', tags: {} },
    ],
  );
  assert.equal(d.ListImageTags, 'allowed notGranted notGranted notGranted notGranted');
  assert.equal(d.AddImageTag, 'notGranted notGranted notGranted notGranted allowed');
});

test('users judged in one run share Condition outcomes only where what they are judged on is the same', () => {
  const byName = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:list'],
    Condition: { StringEquals: { 'g:UserName': 'frank' } },
  });
  const byDept = policy('5.0', {
    Effect: 'Allow',
    Action: ['ims:images:getTags'],
    Condition: { StringEquals: { 'g:PrincipalTag/dept': 'ops' } },
  });
  const both = [byName, byDept];
  const [frank, erin, ops, unknown, untagged] = decisions(
    [
      user('frank', { v5: both }),
      user('erin', { v5: both, tags: { dept: 'dev' } }),
      user('opsie', { v5: both, tags: { dept: 'ops' } }),
      user('unknown', { v5: both }),
      user('untagged', { v5: both, tags: {} }),
    ],
    [{ id: 'img-1', tags: {} }],
  );
  assert.equal(frank.ListImageByTags, 'allowed');
  assert.equal(erin.ListImageByTags, 'notGranted');
  assert.equal(ops.ListTags, 'allowed');
  assert.equal(erin.ListTags, 'notGranted');
  assert.equal(unknown.ListTags, 'dependsOn', 'IAM did not say what tags the user has: undecided');
  assert.equal(untagged.ListTags, 'notGranted', 'no tags: the key is absent');
});

test('enterprise-project grants count for ListImages only; each model’s statements are its own', () => {
  const list = policy('1.1', { Effect: 'Allow', Action: ['ims:images:list'] });
  const [ep] = decisions(
    [user('ep', { v11: [[list, { kind: 'enterpriseProject', enterpriseProjectId: 'ep-1' }]] })],
    [{ id: 'i', tags: {} }],
  );
  assert.equal(ep.ListImageByTags, 'notGranted', 'a tag API: enterprise-project grants never authorize it');
  assert.equal(ep.ListImages, 'allowed');

  // ims:images:list is an action of both models: a 5.0 Deny of it is not the 1.1 Allow of it.
  const deny5 = policy(
    '5.0',
    { Effect: 'Allow', Action: ['ims:images:getTags'] },
    { Effect: 'Deny', Action: ['ims:images:list'] },
  );
  const [mixed] = decisions([user('m', { v11: [[list]], v5: [deny5] })], [{ id: 'i', tags: {} }]);
  assert.equal(mixed.ListImageByTags, 'denied', 'a Deny in either model wins');
  assert.equal(mixed.ListTags, 'allowed', '5.0 misses nothing here');
});

test('with policies of both models, the model that misses fewest actions decides', () => {
  const get = policy('1.1', { Effect: 'Allow', Action: ['ims:images:get'] });
  const getUpdate = policy('1.1', { Effect: 'Allow', Action: ['ims:images:get', 'ims:images:update'] });
  const setTags = policy('5.0', { Effect: 'Allow', Action: ['ims:images:setTags'] });
  const listOnly = policy('5.0', { Effect: 'Allow', Action: ['ims:images:list'] });
  const states = [{ id: 'i', tags: {} }];
  const [classicAll, v5All, neither, classicHalf] = decisions(
    [
      user('c', { v11: [[getUpdate]], v5: [listOnly] }),
      user('f', { v11: [[get]], v5: [setTags] }),
      user('n', { v11: [[get]], v5: [listOnly] }),
      user('h', { v11: [[get]] }),
    ],
    states,
  );
  assert.equal(classicAll.GlanceCreateTag, 'allowed');
  assert.equal(v5All.GlanceCreateTag, 'allowed');
  assert.equal(neither.GlanceCreateTag, 'notGranted');
  assert.equal(classicHalf.GlanceCreateTag, 'notGranted', 'one of its two actions granted is not enough');
});

test('"depends on": an Allow whose Condition cannot be decided, or a Deny that may apply', () => {
  const ip = { IpAddress: { 'g:SourceIp': ['10.0.0.0/8'] } };
  const halfConditional = policy(
    '1.1',
    { Effect: 'Allow', Action: ['ims:images:get'] },
    { Effect: 'Allow', Action: ['ims:images:update'], Condition: ip },
  );
  const allowed = policy('5.0', { Effect: 'Allow', Action: ['ims:images:setTags', 'ims:images:getTags'] });
  const mayDeny = policy('5.0', { Effect: 'Deny', Action: ['ims:images:setTags'], Condition: ip });
  const [half, deny] = decisions(
    [user('h', { v11: [[halfConditional]] }), user('d', { v5: [allowed, mayDeny] })],
    [{ id: 'i', tags: {} }],
  );
  assert.equal(half.GlanceCreateTag, 'dependsOn', 'one action of two rests on an undecided Condition');
  assert.equal(deny.AddImageTag, 'dependsOn');
  assert.equal(deny.ListImageTags, 'allowed');
});

test('an API with nothing that counts is "not granted" in its own cells, whatever the order of the APIs', () => {
  const list = policy('1.1', { Effect: 'Allow', Action: ['ims:images:list'] });
  const apis = ['ListImages', 'AddImageTag', 'ListImageTags'].map((id) => IMS_APIS.find((a) => a.id === id)!);
  const [d] = decisions(
    [user('ep', { v11: [[list, { kind: 'enterpriseProject', enterpriseProjectId: 'ep-1' }]] })],
    [
      { id: 'i', tags: {} },
      { id: 'j', tags: {} },
      { id: 'k', tags: {} },
    ],
    apis,
  );
  assert.deepEqual(d, {
    ListImages: 'allowed allowed allowed',
    AddImageTag: 'notGranted notGranted notGranted',
    ListImageTags: 'notGranted notGranted notGranted',
  });
});

test('the administrator is allowed everything; nothing granted is "not granted"; no states, no decisions', () => {
  const [admin, none] = decisions(
    [user('root', { administrator: true }), user('new', {})],
    [
      { id: 'i', tags: {} },
      { id: 'j', tags: {} },
    ],
  );
  for (const api of IMS_APIS) {
    assert.equal(admin[api.id], 'allowed allowed');
    assert.equal(none[api.id], 'notGranted notGranted');
  }
  const run = new ImageStates([], { ...WHERE, model: SNAPSHOT_MODEL });
  const p = policy('5.0', { Effect: 'Allow', Action: ['ims:*'], Resource: ['ims:cn-north-4:acct-1:image:img-1'] });
  assert.equal(decisionMatrix({ user: user('u', { v5: [p] }), time: WHERE.now, onImage: actsOnImage }, run, IMS_APIS).length, 0);
  // An Effect that is neither Allow nor Deny does nothing.
  const odd = policy('5.0', { Effect: 'Perhaps', Action: ['ims:*'] });
  const [o] = decisions([user('o', { v5: [odd] })], [{ id: 'i', tags: {} }]);
  assert.equal(o.AddImageTag, 'notGranted');
});

test('NotAction: every action but those named; one list shared by statements that write it alike', () => {
  const notSet = policy('5.0', { Effect: 'Allow', NotAction: ['ims:images:setTags'] });
  const sameList = policy('5.0', { Effect: 'Deny', NotAction: ['ims:images:setTags'] });
  const [n, both] = decisions([user('n', { v5: [notSet] }), user('b', { v5: [notSet, sameList] })], [{ id: 'i', tags: {} }]);
  assert.equal(n.AddImageTag, 'notGranted');
  assert.equal(n.ListImageTags, 'allowed');
  assert.equal(both.ListImageTags, 'denied');
  assert.equal(both.AddImageTag, 'notGranted');
  // A statement with neither Action nor NotAction acts on nothing.
  const noAction = policy('5.0', { Effect: 'Allow', Resource: ['*'] });
  const [none] = decisions([user('x', { v5: [noAction] })], [{ id: 'i', tags: {} }]);
  assert.equal(none.ListImageTags, 'notGranted');
});
