/**
 * The one rule for action names (docs/sources.md §B): the service compared exactly, the resource type and
 * operation in any case. Every edge of the comparison: lengths, the colon, non-letters, no colon at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TAG_KEY_RULE_TEXT, TAG_RULES, TAG_VALUE_RULE_TEXT, findAction } from '../../core/catalogue';
import { normalizeAction, sameAction } from '../../core/policy/actionName';
import { actionProblem, expandImsPattern, patternMatches } from '../../core/policy/actionPattern';

test('normalizeAction lower-cases after the first colon only; a name without a colon stays as it is', () => {
  assert.equal(normalizeAction('IMS:Images:LIST'), 'IMS:images:list');
  assert.equal(normalizeAction('ims:images:list'), 'ims:images:list');
  assert.equal(normalizeAction('NoColon'), 'NoColon');
  assert.equal(normalizeAction(':A:B'), ':a:b');
  // Every upper-case letter after the colon is found, the first and last of the alphabet and beyond ASCII.
  assert.equal(normalizeAction('ims:A:z'), 'ims:a:z');
  assert.equal(normalizeAction('ims:a:Z'), 'ims:a:z');
  assert.equal(normalizeAction('ims:a:É'), 'ims:a:é');
  assert.equal(normalizeAction('ims:[:@'), 'ims:[:@', 'the characters beside A and Z are not letters');
  assert.equal(findAction('ims:IMAGES:Update')?.name, 'ims:images:update');
  assert.equal(findAction('IMS:images:update'), undefined);
});

test('sameAction: exact service, case-free rest, nothing else forgiven', () => {
  assert.ok(sameAction('ims:images:list', 'ims:IMAGES:List'));
  assert.ok(!sameAction('ims:images:list', 'IMS:images:list'), 'the service is exact');
  assert.ok(!sameAction('ims:images:list', 'ims:images:lis'), 'lengths differ');
  assert.ok(!sameAction('ims:images:list', 'ims:images:lisu'));
  assert.ok(sameAction('NoColon', 'NoColon'));
  assert.ok(!sameAction('NoColon', 'nocolon'), 'without a colon everything is the service');
  // The colon itself must be at the same place: "ims:a" and "imsXa" are not the same.
  assert.ok(!sameAction('ims:a', 'imsxa'));
  assert.ok(!sameAction('imsxa', 'ims:a'));
  assert.ok(!sameAction('iMS:images:list', 'ims:images:list'), 'the service is exact past its first letter too');
  assert.ok(!sameAction('IMS:images:list', 'ims:images:list'));
  // Only ASCII letters fold: digits, "_" and "-" differ by 32 from other characters, and must not match them.
  assert.ok(!sameAction('ims:a_b', 'ims:a\u007fb'));
  assert.ok(!sameAction('ims:a@b', 'ims:a`b'), '@ and ` differ by 32 but are no letters');
  assert.ok(!sameAction('ims:a[b', 'ims:a{b'), '[ and { differ by 32 but are no letters');
  assert.ok(!sameAction('ims:a1', 'ims:a\u0011'));
  assert.ok(sameAction('ims:aZ', 'ims:az'));
  assert.ok(sameAction('ims:aA', 'ims:aa'));
  assert.ok(!sameAction('ims:a', 'ims:b'));
  // A name that starts with its colon has an empty service; the rest still folds.
  assert.ok(sameAction(':A', ':a'));
  assert.ok(!sameAction(':a', 'xa'));
});

test('patterns: the short forms, no colon, and expansion of IMS patterns only', () => {
  assert.ok(patternMatches('*', 'ims:images:list'));
  assert.ok(patternMatches('*', 'anything'));
  assert.ok(patternMatches('ims:*', 'ims:images:list'));
  assert.ok(!patternMatches('ims:*', 'ecs:servers:list'));
  assert.ok(!patternMatches('im*', 'ims:images:list'), 'a pattern without a colon matches only itself');
  assert.ok(patternMatches('im*', 'im*'));
  assert.ok(!patternMatches('im*', 'imx'), 'read literally, not as a glob');
  assert.ok(!patternMatches('ims:*', 'imsx'), 'an action without a colon is matched only by itself');
  assert.ok(!patternMatches('*x', 'ims:x'), 'a pattern without a colon is read literally against any action');
  assert.ok(!patternMatches('i*', 'ims:images:list'));
  assert.ok(!patternMatches('ims:*', 'ims'));
  // An empty service is a service: `:*` matches the actions of it.
  assert.ok(patternMatches(':*', ':x'));
  assert.ok(patternMatches('*:x', ':x'));
  assert.ok(!patternMatches('ims:*:*', 'noColon'));
  assert.equal(actionProblem('*'), undefined);
  assert.equal(actionProblem('ecs:*'), undefined);
  assert.deepEqual(actionProblem(':*'), { kind: 'segments', count: 2 });
  assert.deepEqual(actionProblem('ecs:servers'), { kind: 'segments', count: 2 });
  assert.deepEqual(actionProblem('ims:images:li*st!'), { kind: 'badCharacters', chars: '!' });
  assert.equal(actionProblem('ims:images.v2:get_all-x'), undefined);
  assert.equal(expandImsPattern('*').length, expandImsPattern('ims:*:*').length);
  assert.deepEqual(expandImsPattern('ecs:*'), []);
  assert.deepEqual(expandImsPattern('e*:images:list'), [], 'a pattern of another service expands to nothing');
  assert.deepEqual(
    expandImsPattern('*s:images:list').map((a) => a.name),
    ['ims:images:list'],
    'a leading wildcard may stand for ims',
  );
});

test('the tag rule texts name the documented bounds in both languages', () => {
  for (const text of [TAG_KEY_RULE_TEXT.en, TAG_KEY_RULE_TEXT.zh]) {
    assert.match(text, new RegExp(`1–${TAG_RULES.key.max}`));
    assert.match(text, new RegExp(`${TAG_RULES.key.stricterMax}`));
  }
  for (const text of [TAG_VALUE_RULE_TEXT.en, TAG_VALUE_RULE_TEXT.zh]) {
    assert.match(text, new RegExp(`0–${TAG_RULES.value.max}`));
    assert.match(text, new RegExp(`${TAG_RULES.value.stricterMax}`));
  }
  assert.equal(TAG_RULES.key.stricterMax, 36);
  assert.equal(TAG_RULES.value.stricterMax, 43);
  assert.match(TAG_KEY_RULE_TEXT.en, /Chinese \(U\+4E00–U\+9FFF\), letters, digits, space and _ \. : \+ - @/);
});
