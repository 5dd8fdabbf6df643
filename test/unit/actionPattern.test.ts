import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionProblem, expandImsPattern, patternCovers, patternMatches } from '../../core/policy/actionPattern';
import { evaluateAction } from '../../core/policy/evaluator';
import { parseJson } from '../../core/policy/policyDocument';

test('service compared exactly; resource type and operation case-insensitively; * wildcards', () => {
  assert.equal(patternMatches('ims:images:list', 'ims:Images:LIST'), true);
  assert.equal(patternMatches('IMS:images:list', 'ims:images:list'), false);
  assert.equal(patternMatches('ims:*:get*', 'ims:quotas:get'), true);
  assert.equal(patternMatches('ims:*:get*', 'ims:images:list'), false);
  assert.equal(patternMatches('*:*:*', 'ecs:servers:get'), true);
  assert.equal(patternMatches('ims:images.x:*', 'ims:imagesXx:get'), false, 'regex characters are literal');
});

test('coverage between patterns', () => {
  assert.equal(patternCovers('ims:*:*', 'ims:images:*'), true);
  assert.equal(patternCovers('ims:images:*', 'ims:*:*'), false);
  assert.equal(patternCovers('ims:*:get*', 'ims:images:get'), true);
  assert.equal(patternCovers('ims:images:get', 'ims:images:get*'), false);
});

test('grammar problems', () => {
  assert.equal(actionProblem('ims:images:list'), undefined);
  assert.deepEqual(actionProblem('ims:images'), { kind: 'segments', count: 2 });
  assert.deepEqual(actionProblem('Ims:images:list'), { kind: 'upperCaseService' });
  assert.deepEqual(actionProblem('ims::list'), { kind: 'emptySegment' });
});

test('expansion of IMS patterns against the catalogue', () => {
  assert.deepEqual(
    expandImsPattern('ims:*:list*').map((a) => a.name),
    ['ims:images:list'],
  );
  assert.equal(expandImsPattern('ims:*:*').length, 14);
  assert.deepEqual(expandImsPattern('ecs:*:*'), []);
});

test('evaluation: Deny wins, NotAction, Conditions only may apply', () => {
  const model = parseJson(`{"Version": "5.0", "Statement": [
    {"Effect": "Allow", "Action": ["ims:*:*"]},
    {"Effect": "Deny", "Action": ["ims:images:delete"]},
    {"Effect": "Deny", "NotAction": ["ims:*:*", "ecs:*:*"]},
    {"Effect": "Deny", "Action": ["ims:images:update"], "Condition": {"Bool": {"g:MFAPresent": ["false"]}}}]}`).policy!;
  const src = [{ uri: 'file:///p.json', model }];
  assert.equal(evaluateAction('ims:images:list', src).decision, 'allowed');
  assert.equal(evaluateAction('ims:images:delete', src).decision, 'denied');
  assert.equal(evaluateAction('obs:bucket:list', src).decision, 'denied');
  assert.equal(evaluateAction('ecs:servers:get', src).decision, 'notGranted');
  const update = evaluateAction('ims:images:update', src);
  assert.equal(update.decision, 'allowed');
  assert.equal(update.mayBeDeniedBy.length, 1);
});
