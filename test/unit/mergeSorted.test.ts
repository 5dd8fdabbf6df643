/**
 * mergeSorted (core/util/mergeSorted.ts), the merge of the evaluator's candidates and of the workspace
 * index's open and disk policies: checked against its definition, a stable sort of both lists, on random
 * lists with many ties.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSorted } from '../../core/util/mergeSorted';
import { randomInt, seededRandom } from '../../core/util/random';

type Item = { key: number; from: string };
const byKey = (a: Item, b: Item) => a.key - b.key;

test('the merge of two sorted lists is the stable sort of the first followed by the second', () => {
  const random = seededRandom(9);
  for (let run = 0; run < 200; run++) {
    const list = (from: string) =>
      Array.from({ length: randomInt(random, 8) }, (_, n) => ({ key: randomInt(random, 6), from: `${from}${n}` })).sort(byKey);
    const first = list('a');
    const second = list('b');
    assert.deepEqual(mergeSorted(first, second, byKey), [...first, ...second].sort(byKey), `run ${run}`);
  }
});

test('on a tie the first list comes first; with an empty list the other is returned as it is', () => {
  const first = [{ key: 1, from: 'a' }];
  const second = [{ key: 1, from: 'b' }];
  assert.deepEqual(
    mergeSorted(first, second, byKey).map((x) => x.from),
    ['a', 'b'],
  );
  assert.deepEqual(
    mergeSorted(second, first, byKey).map((x) => x.from),
    ['b', 'a'],
  );
  assert.equal(mergeSorted(first, [], byKey), first);
  assert.equal(mergeSorted([], second, byKey), second);
});
