/** Line and column of an offset (core/util/lineIndex.ts): at line starts, on a line break, at a leading break, past the end. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineIndex } from '../../core/util/lineIndex';

test('offsets at, before and after each line start', () => {
  const at = lineIndex('ab\ncd\n\nef');
  assert.deepEqual(at(0), { line: 0, character: 0 });
  assert.deepEqual(at(2), { line: 0, character: 2 }, 'the line break is the end of its line');
  assert.deepEqual(at(3), { line: 1, character: 0 }, 'exactly at a line start');
  assert.deepEqual(at(6), { line: 2, character: 0 }, 'an empty line');
  assert.deepEqual(at(7), { line: 3, character: 0 });
  assert.deepEqual(at(9), { line: 3, character: 2 }, 'the end of the text');
});

test('a text that starts with a line break, and one with none', () => {
  const at = lineIndex('\nab');
  assert.deepEqual(at(0), { line: 0, character: 0 });
  assert.deepEqual(at(1), { line: 1, character: 0 });
  assert.deepEqual(lineIndex('abc')(3), { line: 0, character: 3 });
});
