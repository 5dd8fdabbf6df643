/**
 * The in-editor harness's choice of tests (test/editor/harness.ts selectTests): the runner's --test picks
 * one test alone and --shuffle replays an order from its seed, so both must pick exactly what they say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectTests, type Test } from '../editor/harness';

const named = (...names: string[]): Test[] => names.map((name) => ({ name, fn: () => undefined }));
const names = (tests: Test[]) => tests.map((t) => t.name);
const suite = named('hover', 'hover on a tag', 'completion', 'diagnostics', 'quick fixes', 'save', 'publish', 'sign out');

test('without a choice, every test runs in the order the files declared them', () => {
  assert.deepEqual(names(selectTests(suite, {})), names(suite));
});

test('a whole name picks that test alone, even when it is part of another name', () => {
  assert.deepEqual(names(selectTests(suite, { test: 'hover' })), ['hover']);
});

test('a part of a name picks every test containing it, in order', () => {
  assert.deepEqual(names(selectTests(suite, { test: 's' })), ['diagnostics', 'quick fixes', 'save', 'publish', 'sign out']);
  assert.deepEqual(names(selectTests(suite, { test: 'on a' })), ['hover on a tag']);
  assert.deepEqual(selectTests(suite, { test: 'nowhere' }), []);
});

test('a shuffle is a permutation fixed by its seed, and seeds differ', () => {
  const a = names(selectTests(suite, { shuffle: '7' }));
  assert.deepEqual(a, names(selectTests(suite, { shuffle: '7' })), 'the same seed, the same order');
  assert.deepEqual([...a].sort(), names(suite).sort(), 'every test once');
  const orders = new Set(
    Array.from({ length: 20 }, (_, seed) => names(selectTests(suite, { shuffle: String(seed + 1) })).join('|')),
  );
  assert.ok(orders.size >= 15, `20 seeds gave ${orders.size} orders`);
});

test('a shuffle of a chosen subset keeps only the chosen tests', () => {
  const order = names(selectTests(suite, { test: 's', shuffle: '3' }));
  assert.deepEqual([...order].sort(), ['diagnostics', 'publish', 'quick fixes', 'save', 'sign out']);
});

test('the list given does not change', () => {
  const before = names(suite);
  selectTests(suite, { shuffle: '11' });
  assert.deepEqual(names(suite), before);
});
