/**
 * Every documented limit at its boundary, n and n+1, with the numbers written here from the facts
 * (docs/sources.md §A.1 tag rules, §C.1 policy limits), not read back from the code or its messages; and
 * the case rule of wildcards in matching and in a verdict.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findApi } from '../../core/catalogue';
import { validateBody } from '../../core/http/bodyValidation';
import { patternMatches } from '../../core/policy/actionPattern';
import { evaluateAction } from '../../core/policy/evaluator';
import { doc, service } from '../support/docs';
import { policySource } from '../support/policies';

const ls = service();
const ok = (apiId: string, body: unknown) => validateBody(findApi(apiId)!, body).length === 0;

test('tag bodies: key 1–128 and value 0–255 when adding, key ≤ 127 when deleting, 20 tags in a request', () => {
  const add = (key: string, value = 'v') => ok('AddImageTag', { tag: { key, value } });
  assert.ok(add('k'.repeat(128)));
  assert.ok(!add('k'.repeat(129)));
  assert.ok(!add(''));
  assert.ok(add('k', 'v'.repeat(255)));
  assert.ok(!add('k', 'v'.repeat(256)));
  assert.ok(add('k', ''));
  const batch = (action: string, tags: unknown[]) => ok('BatchAddOrDeleteTags', { action, tags });
  assert.ok(batch('delete', [{ key: 'k'.repeat(127), value: '' }]));
  assert.ok(!batch('delete', [{ key: 'k'.repeat(128), value: '' }]));
  assert.ok(batch('create', [{ key: 'k'.repeat(128), value: 'v' }]));
  assert.ok(!batch('create', [{ key: 'k'.repeat(129), value: 'v' }]));
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  assert.ok(batch('create', many(20)));
  assert.ok(!batch('create', many(21)));
});

test('policy limits of 1.0/1.1 at n and n+1: 8 statements, 100 actions, 10 conditions, 10 resources, 128 characters', () => {
  const st = (body: string) => `{"Effect": "Allow", ${body}}`;
  const policy = (statements: string[]) => `{"Version": "1.1", "Statement": [${statements.join(', ')}]}`;
  const codes = (text: string) => ls.diagnostics(doc(text)).map((d) => String(d.code));
  const actions = (n: number) => `"Action": [${Array.from({ length: n }, (_, i) => `"ecs:r${i}:get"`).join(', ')}]`;
  assert.ok(!codes(policy(Array.from({ length: 8 }, () => st(actions(1))))).includes('limit-statements'));
  assert.ok(codes(policy(Array.from({ length: 9 }, () => st(actions(1))))).includes('limit-statements'));
  assert.ok(!codes(policy([st(actions(100))])).includes('limit-actions'));
  assert.ok(codes(policy([st(actions(101))])).includes('limit-actions'));
  const conditions = (n: number) =>
    `"Condition": {${Array.from({ length: n }, (_, i) => `"StringEquals": {"g:UserName": ["u${i}"]}`)
      .map((c, i) =>
        c.replace(
          'StringEquals',
          [
            'StringEquals',
            'StringNotEquals',
            'StringLike',
            'StringNotLike',
            'StringStartWith',
            'StringEndWith',
            'StringNotStartWith',
            'StringNotEndWith',
            'StringEqualsIgnoreCase',
            'StringNotEqualsIgnoreCase',
            'StringEqualsAnyOf',
          ][i],
        ),
      )
      .join(', ')}}`;
  assert.ok(!codes(policy([st(`${actions(1)}, ${conditions(10)}`)])).includes('limit-conditions'));
  assert.ok(codes(policy([st(`${actions(1)}, ${conditions(11)}`)])).includes('limit-conditions'));
  const resources = (n: number, len = 10) =>
    `"Resource": [${Array.from({ length: n }, (_, i) => JSON.stringify(`obs:*:*:bucket:${String(i).padEnd(len - 15, 'x')}`))}]`;
  assert.ok(!codes(policy([st(`${actions(1)}, ${resources(10, 20)}`)])).includes('limit-resources'));
  assert.ok(codes(policy([st(`${actions(1)}, ${resources(11, 20)}`)])).includes('limit-resources'));
  assert.ok(!codes(policy([st(`${actions(1)}, ${resources(1, 128)}`)])).includes('limit-resource-length'));
  assert.ok(codes(policy([st(`${actions(1)}, ${resources(1, 129)}`)])).includes('limit-resource-length'));
});

test('wildcards: the service exactly, the rest in any case, in matching and in a verdict', () => {
  assert.ok(patternMatches('ims:IMAGES:*', 'ims:images:update'));
  assert.ok(patternMatches('ims:*:Get*', 'ims:quotas:get'));
  assert.ok(patternMatches('ims:images:UP*', 'ims:images:update'));
  assert.ok(!patternMatches('IMS:*:*', 'ims:images:update'));
  assert.ok(!patternMatches('im*:images:list', 'IMS:images:list'));
  const mixed = policySource(
    'file:///ws/mixed.json',
    '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:IMAGES:Up*"]}]}',
  );
  assert.equal(evaluateAction('ims:images:update', [mixed]).decision, 'allowed');
  const deny = policySource(
    'file:///ws/deny.json',
    '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:*:*"]}, {"Effect": "Deny", "Action": ["ims:Images:*"]}]}',
  );
  assert.equal(evaluateAction('ims:images:list', [deny]).decision, 'denied');
});
