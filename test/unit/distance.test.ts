/**
 * Edit distance and "did you mean" (core/util/distance.ts): exact distances, the limit's cutoffs in both
 * directions, how far a suggestion may be for a word's length, ties, order and the count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance, MAX_SUGGESTION_LENGTH } from '../../core/util/distance';

test('editDistance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ab', 'a'), 1);
  assert.equal(editDistance('a', 'ab'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('same', 'same'), 0);
  assert.equal(editDistance('flaw', 'lawn'), 2);
});

test('past the limit the answer is limit + 1, whichever word is longer', () => {
  assert.equal(editDistance('a', 'abcdef', 2), 3, 'the second word longer by more than the limit');
  assert.equal(editDistance('abcdef', 'a', 2), 3, 'the first word longer');
  assert.equal(editDistance('a', 'abcd', 3), 3, 'a length difference equal to the limit is measured');
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'same lengths, every letter different');
  assert.equal(editDistance('ab', 'cd', 2), 2, 'exactly at the limit is measured');
  assert.equal(editDistance('abc', 'abd', 0), 1);
});

test('closest suggests within a distance that grows with the word', () => {
  assert.deepEqual(closest('ab', ['xyzw']), [], 'short words: at most 2 edits');
  assert.deepEqual(closest('abcd', ['abxy']), ['abxy'], 'exactly the limit');
  assert.deepEqual(closest('abcd', ['wxyz']), [], 'past the limit');
  assert.deepEqual(closest('abcd', ['abcdef']), ['abcdef'], 'a length difference equal to the limit');
  // 16 letters: 4 edits allowed.
  assert.deepEqual(closest('abcdefghijklmnop', ['abcdefghijklmxyz']), ['abcdefghijklmxyz']);
  assert.deepEqual(closest('abcdefghijklmnop', ['abcdefghijkvwxyz']), [], 'five edits');
  assert.deepEqual(closest('IMS:Images:List', ['ims:images:list']), ['ims:images:list'], 'case-blind');
});

test('closest gives only the best, sorted, at most max of them', () => {
  assert.deepEqual(closest('dog', ['log', 'fog', 'hog', 'bog', 'dig2']), ['bog', 'fog', 'hog']);
  assert.deepEqual(closest('dog', ['log', 'fog', 'hog', 'bog'], 2), ['bog', 'fog']);
  assert.deepEqual(closest('dog', ['dgo', 'do']), ['do'], 'only the nearest distance');
  assert.deepEqual(closest('dog', []), []);
});

test('a word longer than any name gets no suggestion', () => {
  const at = 'a'.repeat(MAX_SUGGESTION_LENGTH);
  assert.deepEqual(closest(at, [at + 'b']), [at + 'b']);
  const past = 'a'.repeat(MAX_SUGGESTION_LENGTH + 1);
  assert.deepEqual(closest(past, [past]), []);
});
