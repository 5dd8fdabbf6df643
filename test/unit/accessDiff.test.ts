/**
 * What a new version of a policy grants that the old one does not (core/policy/accessDiff.ts), read from two
 * documents: each reason, with its statement, resources and condition; Allows already covered (by pattern,
 * by resource, under the same condition or none); NotAction and NotResource compared whole; Denies that no
 * longer stand; and both directions for the review before a save.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessChanges, addedAccess } from '../../core/policy/accessDiff';
import { parseJson } from '../../core/policy/policyDocument';

type Statement = Record<string, unknown>;
const policy = (...Statement: Statement[]) => parseJson(JSON.stringify({ Version: '5.0', Statement })).policy!;
const allow = (Action: string[], more: Statement = {}) => ({ Effect: 'Allow', Action, ...more });
const deny = (Action: string[], more: Statement = {}) => ({ Effect: 'Deny', Action, ...more });
const added = (before: Statement[], after: Statement[]) => addedAccess(policy(...before), policy(...after));
const actions = (before: Statement[], after: Statement[]) => added(before, after).map((r) => `${r.change} ${r.action}`);
const TAGGED = { StringEquals: { 'g:ResourceTag/env': ['dev'] } };
const URN = 'ims:*:*:image:img-1';

test('a new action is a reason, with its statement, resources (`*` without any), Sid and words', () => {
  assert.deepEqual(added([], [allow(['ims:images:get'], { Sid: 'Read' })]), [
    {
      change: 'allows',
      action: 'ims:images:get',
      resources: ['*'],
      statementIndex: 0,
      statementId: 'Read',
      description: 'allows ims:images:get, which the existing policy does not',
    },
  ]);
  const [r] = added(
    [allow(['ims:images:list'])],
    [allow(['ims:images:list']), allow(['ims:images:setTags'], { Resource: [URN], Condition: TAGGED })],
  );
  assert.deepEqual(r, {
    change: 'allows',
    action: 'ims:images:setTags',
    conditional: true,
    condition: JSON.stringify(TAGGED),
    resources: [URN],
    statementIndex: 1,
    description: 'allows ims:images:setTags under its condition, which the existing policy does not',
  });
  // A Sid that is not a string is no Sid.
  assert.equal(added([], [allow(['a:b:c'], { Sid: 7 })])[0].statementId, undefined);
});

test('covered already: by a pattern, on every resource named, under the same condition or none', () => {
  assert.deepEqual(actions([allow(['ims:images:*'])], [allow(['ims:images:get'])]), []);
  assert.deepEqual(actions([allow(['ims:images:get'])], [allow(['ims:images:*'])]), ['allows ims:images:*']);
  // Resources: the old grant must reach every resource of the new one.
  assert.deepEqual(actions([allow(['ims:images:get'])], [allow(['ims:images:get'], { Resource: [URN] })]), []);
  assert.deepEqual(actions([allow(['ims:images:get'], { Resource: [URN] })], [allow(['ims:images:get'])]), [
    'allows ims:images:get',
  ]);
  assert.deepEqual(
    actions(
      [allow(['ims:images:get'], { Resource: [URN] })],
      [allow(['ims:images:get'], { Resource: [URN, 'ims:*:*:image:img-2'] })],
    ),
    ['allows ims:images:get'],
  );
  assert.deepEqual(
    actions(
      [allow(['ims:images:get'], { Resource: ['ims:*:*:image:*'] })],
      [allow(['ims:images:get'], { Resource: [URN, 'ims:*:*:image:img-2'] })],
    ),
    [],
  );
  // Conditions: none covers any; the same one covers; another one does not.
  assert.deepEqual(actions([allow(['ims:images:get'])], [allow(['ims:images:get'], { Condition: TAGGED })]), []);
  assert.deepEqual(
    actions([allow(['ims:images:get'], { Condition: TAGGED })], [allow(['ims:images:get'], { Condition: TAGGED })]),
    [],
  );
  assert.deepEqual(actions([allow(['ims:images:get'], { Condition: TAGGED })], [allow(['ims:images:get'])]), [
    'allows ims:images:get',
  ]);
  assert.deepEqual(
    actions(
      [allow(['ims:images:get'], { Condition: { Bool: { 'g:MFAPresent': ['true'] } } })],
      [allow(['ims:images:get'], { Condition: TAGGED })],
    ),
    ['allows ims:images:get'],
  );
  // Only an Allow that names actions covers: not a Deny, not a NotAction.
  assert.deepEqual(actions([deny(['ims:images:get'])], [deny(['ims:images:get']), allow(['ims:images:get'])]), [
    'allows ims:images:get',
  ]);
  assert.deepEqual(
    actions(
      [{ Effect: 'Allow', NotAction: ['ims:images:delete'] }],
      [{ Effect: 'Allow', NotAction: ['ims:images:delete'] }, allow(['ims:images:get'])],
    ),
    ['allows ims:images:get'],
  );
  // A Deny in the new policy adds nothing.
  assert.deepEqual(actions([], [deny(['ims:images:get'])]), []);
});

test('NotResource is compared whole: the same list covers, any other does not', () => {
  const nr = (list: string[]) => allow(['ims:images:get'], { NotResource: list });
  assert.deepEqual(actions([nr([URN])], [nr([URN])]), []);
  assert.deepEqual(actions([nr([URN])], [nr(['ims:*:*:image:img-2'])]), ['allows ims:images:get']);
  assert.deepEqual(actions([allow(['ims:images:get'])], [nr([URN])]), ['allows ims:images:get']);
  assert.deepEqual(actions([nr([URN])], [allow(['ims:images:get'], { Resource: ['ims:*:*:image:img-2'] })]), [
    'allows ims:images:get',
  ]);
});

test('NotAction: a new one allows every action but its list, unless the old policy has the same statement', () => {
  const na = (list: string[], more: Statement = {}) => ({ Effect: 'Allow', NotAction: list, ...more });
  assert.deepEqual(added([], [na(['ims:images:delete', 'ims:images:update'])]), [
    {
      change: 'allowsAllBut',
      action: 'ims:images:delete, ims:images:update',
      resources: ['*'],
      statementIndex: 0,
      description: 'allows every action but those it lists (NotAction), which the existing policy does not',
    },
  ]);
  assert.deepEqual(actions([na(['ims:images:delete'])], [na(['ims:images:delete'])]), []);
  assert.deepEqual(actions([na(['ims:images:delete'])], [na(['ims:images:delete'], { Resource: [URN] })]), [
    'allowsAllBut ims:images:delete',
  ]);
  // A Deny with the same NotAction is no Allow.
  assert.deepEqual(actions([{ Effect: 'Deny', NotAction: ['ims:images:delete'] }], [na(['ims:images:delete'])]), [
    'allowsAllBut ims:images:delete',
  ]);
});

test('a Deny that no longer stands adds access: gone, narrowed, or made conditional', () => {
  const d = deny(['ims:images:delete', 'ims:images:update']);
  assert.deepEqual(
    added([d], [allow(['ims:images:list'])]).filter((r) => r.change === 'stopsDenying'),
    [
      { change: 'stopsDenying', action: 'ims:images:delete', description: 'no longer denies ims:images:delete' },
      { change: 'stopsDenying', action: 'ims:images:update', description: 'no longer denies ims:images:update' },
    ],
  );
  assert.deepEqual(actions([d], [deny(['ims:images:*'])]), []);
  assert.deepEqual(actions([d], [deny(['ims:images:delete'])]), ['stopsDenying ims:images:update']);
  assert.deepEqual(actions([d], [deny(['ims:images:delete', 'ims:images:update'], { Resource: [URN] })]), [
    'stopsDenying ims:images:delete',
    'stopsDenying ims:images:update',
  ]);
  assert.deepEqual(actions([d], [deny(['ims:images:delete', 'ims:images:update'], { Condition: TAGGED })]), [
    'stopsDenying ims:images:delete',
    'stopsDenying ims:images:update',
  ]);
  // Under the same condition it still stands; an Allow or a NotAction Deny is no Deny of the action.
  const dc = deny(['ims:images:delete'], { Condition: TAGGED });
  assert.deepEqual(actions([dc], [deny(['ims:images:delete'], { Condition: TAGGED })]), []);
  assert.deepEqual(actions([dc], [deny(['ims:images:delete'])]), []);
  assert.deepEqual(actions([deny(['ims:images:delete'])], [allow(['ims:images:delete'])]), [
    'allows ims:images:delete',
    'stopsDenying ims:images:delete',
  ]);
  assert.deepEqual(actions([deny(['ims:images:delete'])], [{ Effect: 'Deny', NotAction: ['ims:images:get'] }]), [
    'stopsDenying ims:images:delete',
  ]);
  // A NotAction Deny of the old policy is not read as denying its list.
  assert.deepEqual(actions([{ Effect: 'Deny', NotAction: ['ims:images:get'] }], []), []);
});

test('both directions: what the new version adds and what it takes away', () => {
  const before = policy(allow(['ims:images:get', 'ims:images:list']));
  const after = policy(allow(['ims:images:get', 'ims:images:setTags']));
  const { added: plus, removed: minus } = accessChanges(before, after);
  assert.deepEqual(
    plus.map((r) => r.action),
    ['ims:images:setTags'],
  );
  assert.deepEqual(
    minus.map((r) => r.action),
    ['ims:images:list'],
  );
});
