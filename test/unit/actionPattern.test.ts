import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaled } from '../support/mutation';
import fc from 'fast-check';
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
  assert.equal(expandImsPattern('ims:*:*').length, 13);
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

/** The grammar as Huawei's page states it, written plainly: the one-pass actionProblem must agree with it. */
function actionProblemBySpec(action: string): ReturnType<typeof actionProblem> {
  if (action === '*') return undefined;
  const segments = action.split(':');
  if (segments.length === 2 && segments[1] === '*' && segments[0].length > 0) segments.push('*');
  if (segments.length !== 3) return { kind: 'segments', count: segments.length };
  if (segments.some((s) => s.length === 0)) return { kind: 'emptySegment' };
  if (segments[0] !== segments[0].toLowerCase()) return { kind: 'upperCaseService' };
  const bad = [...new Set([...segments.join('')].flatMap((c) => c.split('')).filter((c) => !/^[A-Za-z0-9*_.-]$/.test(c)))];
  return bad.length > 0 ? { kind: 'badCharacters', chars: bad.join('') } : undefined;
}

test('grammar problems: the one-pass check agrees with the plain statement of the grammar', () => {
  const alphabet = ['i', 'm', 's', 'I', 'M', ':', '*', '-', '_', '.', '0', ' ', '/', 'É', 'é', '中', '\u{1F600}', '\t', '"'];
  const samples = [
    '*',
    'ims:*',
    ':*',
    'ims:',
    'ims:*:',
    'Ims:*',
    'ÉCS:a:b',
    'ims:images:list ',
    'a:b:c:d',
    '',
    ':',
    '::',
    'ims:* ',
  ];
  for (const s of samples) assert.deepEqual(actionProblem(s), actionProblemBySpec(s), JSON.stringify(s));
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (chars) => {
      const s = chars.join('');
      assert.deepEqual(actionProblem(s), actionProblemBySpec(s), JSON.stringify(s));
    }),
    { numRuns: scaled(3000) },
  );
});
