/**
 * The nesting guard (core/util/nesting.ts): where a text first goes past the limit, what it skips (strings
 * with escapes, line and block comments, `#` comments only when asked), how closing brackets count, and
 * the parse that refuses instead of overflowing the stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParseOptions } from 'jsonc-parser';
import { parseJsonTree, tooDeepAt, MAX_NESTING } from '../../core/util/nesting';

test('the offset of the first bracket past the limit, of any kind', () => {
  assert.equal(tooDeepAt('[[', 2), undefined, 'at the limit is allowed');
  assert.equal(tooDeepAt('[[[', 2), 2);
  assert.equal(tooDeepAt('{({', 2), 2, 'braces, parentheses and brackets all count');
  assert.equal(tooDeepAt(''), undefined);
  assert.equal(tooDeepAt('['.repeat(MAX_NESTING)), undefined);
  assert.equal(tooDeepAt(`x${'['.repeat(MAX_NESTING + 1)}`), MAX_NESTING + 1);
});

test('closing brackets end a level, and never below the top', () => {
  assert.equal(tooDeepAt('[][]{}()', 1), undefined);
  assert.equal(tooDeepAt('][[', 1), 2, 'a stray closing bracket does not make room');
  assert.equal(tooDeepAt(']]][[', 1), 4);
  assert.equal(tooDeepAt('[)[', 1), undefined, 'any closing kind ends any level');
});

test('brackets inside strings do not count; escapes and line ends are honoured', () => {
  assert.equal(tooDeepAt('"[[["[', 1), undefined);
  assert.equal(tooDeepAt('"a" [[', 1), 5, 'what follows a closed string counts');
  assert.equal(tooDeepAt('"a\\"[[[" [', 1), undefined, 'an escaped quote does not close the string');
  assert.equal(tooDeepAt('"a\\\\"[[', 1), 6, 'an escaped backslash does not escape the quote');
  assert.equal(tooDeepAt('"a\n[[', 1), 4, 'an unterminated string ends at its line');
});

test('line and block comments are skipped; a lone slash is not a comment', () => {
  assert.equal(tooDeepAt('// [[[\n[', 1), undefined);
  assert.equal(tooDeepAt('// x\n[[', 1), 6, 'the comment ends at its line');
  assert.equal(tooDeepAt('// [[[', 1), undefined, 'a comment at the end of the text');
  assert.equal(tooDeepAt('/[[', 1), 2);
  assert.equal(tooDeepAt('[[//', 1), 1, 'a bracket before a slash still counts');
  assert.equal(tooDeepAt('/* [[ */[', 1), undefined);
  assert.equal(tooDeepAt('/* */[[', 1), 6, 'the block ends at its */');
  assert.equal(tooDeepAt('/*/ [[ */[', 1), undefined, 'the opening /* is not also a closing */');
  assert.equal(tooDeepAt('/**/*[[', 1), 6, 'scanning resumes after the */, not inside it');
  assert.equal(tooDeepAt('/* [[', 1), undefined, 'an unterminated block runs to the end');
  assert.equal(tooDeepAt('/* *//[[', 1), 7, 'the slash that ends a block starts no line comment');
  assert.equal(tooDeepAt('[*[', 1), 2, 'only a slash and a star open a block');
});

test('# starts a comment only in HCL', () => {
  assert.equal(tooDeepAt('# [[\n[', 1, true), undefined);
  assert.equal(tooDeepAt('# [[\n[', 1, false), 3, 'JSON has no # comments: jsonc-parser reads every bracket');
  assert.equal(tooDeepAt('# x\n[[', 1, true), 5, 'the comment ends at its line');
  assert.equal(tooDeepAt('# [[', 1, true), undefined);
});

test('parseJsonTree refuses past the limit, parses within it', () => {
  assert.deepEqual(parseJsonTree('[[[1]]]', [], undefined, 2), { tooDeep: 2 });
  const errors: never[] = [];
  const { tree, tooDeep } = parseJsonTree('[[1]]', errors, undefined, 2);
  assert.equal(tooDeep, undefined);
  assert.equal(tree?.children?.[0].children?.[0].value, 1);
  assert.deepEqual(errors, []);
});

test("a stack overflow in the parser is a refusal at offset 0, and any other error is the caller's", () => {
  // A limit above what the stack can take: the scan passes, the readers' recursion overflows.
  const deep = '['.repeat(1_000_000);
  assert.deepEqual(parseJsonTree(deep, [], undefined, Infinity), { tooDeep: 0 });
  const failing = {
    get disallowComments(): boolean {
      throw new TypeError('options are broken');
    },
  } as ParseOptions;
  // Not strict JSON (a trailing comma), so jsonc-parser reads it, and the options.
  assert.throws(() => parseJsonTree('{"a": 1,}', [], failing), TypeError);
});
