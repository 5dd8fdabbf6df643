/**
 * IAM's `*` wildcards (core/util/glob.ts): literal text, pieces at the start, the end and between, pieces
 * that may not overlap, and `?` as a plain character.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatches } from '../../core/util/glob';

test('without a star, only the same text matches', () => {
  assert.equal(globMatches('ims:images:list', 'ims:images:list'), true);
  assert.equal(globMatches('ims:images:list', 'ims:images:lis'), false);
  assert.equal(globMatches('ims:images:?ist', 'ims:images:list'), false, '? is literal');
});

test('the first piece starts the text, the last ends it', () => {
  assert.equal(globMatches('ims:*', 'ims:images:list'), true);
  assert.equal(globMatches('*:list', 'ims:images:list'), true);
  assert.equal(globMatches('*', ''), true);
  assert.equal(globMatches('ims:*', 'ecs:ims:'), false);
  assert.equal(globMatches('*:get', 'ims:images:list'), false);
});

test('start and end pieces may not share characters', () => {
  assert.equal(globMatches('ab*ba', 'aba'), false);
  assert.equal(globMatches('ab*ba', 'abba'), true);
});

test('pieces between are found in order, without overlapping each other or the last piece', () => {
  assert.equal(globMatches('a*x*b', 'ab'), false);
  assert.equal(globMatches('a*b*b', 'ab'), false, 'the middle b is the last piece');
  assert.equal(globMatches('a*b*b', 'abb'), true);
  assert.equal(globMatches('*ab*ab*', 'xab'), false, 'two pieces cannot both be the same ab');
  assert.equal(globMatches('*ab*ab*', 'abab'), true);
  assert.equal(globMatches('a**b', 'ab'), true, 'an empty piece between two stars');
  assert.equal(globMatches('ims:*a*a*a*a*a*b', `ims:${'a'.repeat(10_000)}`), false, 'no backtracking');
});
