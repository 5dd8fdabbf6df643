/**
 * The two small readers behind .http variables, at their boundaries: `.env` lines (core/http/variables/dotenv.ts)
 * and the JSONPath of request variables (core/http/variables/jsonPath.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../core/http/variables/dotenv';
import { evaluateJsonPath, isValidJsonPath } from '../../core/http/variables/jsonPath';

const entries = (text: string) => parseDotenv(text).map((e) => [e.name, e.value]);

test('.env names: letters, digits after the first, `_`, `.` and `-`; `export` and leading space are not the name', () => {
  const [e] = parseDotenv('  export  KEY.name-x_1 = v');
  assert.deepEqual(
    { name: e.name, start: e.start, end: e.end, line: e.line, character: e.character },
    { name: 'KEY.name-x_1', start: 10, end: 22, line: 0, character: 10 },
  );
  assert.deepEqual(entries('_a=1\n1A=2\nA B=3\nexportA=4\n=5\nA\t=6'), [
    ['_a', '1'],
    ['exportA', '4'],
    ['A', '6'],
  ]);
});

test('.env lines: CRLF endings, offsets and line numbers count every line, blank and comment lines included', () => {
  const parsed = parseDotenv('A=1\r\n\r\n# B=no\r\nC=3\r\n');
  assert.deepEqual(
    parsed.map((e) => [e.name, e.value, e.start, e.end, e.line]),
    [
      ['A', '1', 0, 1, 0],
      ['C', '3', 15, 16, 3],
    ],
  );
  assert.deepEqual(entries('A=1'), [['A', '1']], 'the last line needs no line break');
  assert.deepEqual(entries(''), []);
});

test('.env values: quotes are stripped in pairs, `\\n` is a line break only in double quotes, comments need a space before `#`', () => {
  assert.deepEqual(entries('D="a\\nb"\nS=\'a\\nb\''), [
    ['D', 'a\nb'],
    ['S', 'a\\nb'],
  ]);
  assert.deepEqual(entries('Q="a # b"\nE=""\nONE="\nMIX="a\'\nOPEN="a" # c'), [
    ['Q', 'a # b'],
    ['E', ''],
    ['ONE', '"'],
    ['MIX', `"a'`],
    ['OPEN', '"a"'],
  ]);
  assert.deepEqual(entries('H=a#b\nT=a\t# tab\nS=a  # spaces\nF=#first\nP=  padded  '), [
    ['H', 'a#b'],
    ['T', 'a'],
    ['S', 'a'],
    ['F', '#first'],
    ['P', 'padded'],
  ]);
});

test('JSONPath: the root, dots, quoted brackets, indexes and `*`; the first value found wins', () => {
  const body = { a: { b: [10, 20] }, 'x y': 'q', "it's": 's', zero: 0, no: false, nil: null, list: [{}, { name: 'second' }] };
  assert.equal(evaluateJsonPath(body, '$'), body);
  assert.equal(evaluateJsonPath(body, '  $.a.b[1]  '), 20, 'the path is trimmed');
  assert.equal(evaluateJsonPath(body, "$['x y']"), 'q');
  assert.equal(evaluateJsonPath(body, '$["it\'s"]'), 's');
  assert.equal(evaluateJsonPath(body, '$.zero'), 0, 'falsy values are values');
  assert.equal(evaluateJsonPath(body, '$.no'), false);
  assert.equal(evaluateJsonPath(body, '$.nil'), null);
  assert.equal(evaluateJsonPath(body, '$.list[*].name'), 'second', 'an element without the key is passed over');
  assert.equal(evaluateJsonPath(body, '$.a.*[0]'), 10);
  assert.equal(evaluateJsonPath([7, 8], '$[*]'), 7);
  assert.equal(evaluateJsonPath({ k: 'v' }, '$.*'), 'v');
});

test('JSONPath: what is not there is undefined, never an inherited property or an index into an object', () => {
  const body = { a: { b: [10, 20] }, obj: { 0: 'zero' }, nil: null, s: 'text' };
  assert.equal(evaluateJsonPath(body, '$.a.b[2]'), undefined, 'past the end');
  assert.equal(evaluateJsonPath(body, '$.obj[0]'), undefined, 'an index reads arrays only');
  assert.equal(evaluateJsonPath(body, '$.obj.0'), 'zero', 'a dotted name reads the key');
  assert.equal(evaluateJsonPath(body, '$.toString'), undefined);
  assert.equal(evaluateJsonPath(body, '$.a.constructor'), undefined);
  assert.equal(evaluateJsonPath(body, '$.nil.x'), undefined);
  assert.equal(evaluateJsonPath(body, '$.s.length'), undefined, 'strings are not walked into');
  assert.equal(evaluateJsonPath(body, '$.s[0]'), undefined);
  assert.equal(evaluateJsonPath(null, '$.a'), undefined);
});

test('JSONPath: the forms that are not read are invalid, and evaluate to undefined', () => {
  for (const bad of [
    'a',
    '.a',
    '$a',
    '$.',
    '$.a.',
    '$..a',
    '$.a..b',
    '$[',
    '$[a]',
    '$[-1]',
    "$['a]",
    '$[0',
    '$.a[]',
    '$[*',
    '$.[0]',
  ]) {
    assert.equal(isValidJsonPath(bad), false, bad);
    assert.equal(evaluateJsonPath({ a: { b: 1 }, '': 2 }, bad), undefined, bad);
  }
  for (const good of ['$', ' $.a ', '$.a.b', '$[0]', "$['']", '$[""]', '$.*', '$[*]', '$.a-b.c_d'])
    assert.equal(isValidJsonPath(good), true, good);
});
