/**
 * The strict JSON reader (core/util/strictJson.ts) held to jsonc-parser's parseTree, which nobody here
 * wrote: on every text it reads, the same tree, field for field and parent for parent; on every text it
 * leaves, jsonc-parser has a reason (a comment, a trailing comma, other white space, an error).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { strictJsonTree } from '../../core/util/strictJson';
import { POLICY_SHAPES } from '../../bench/generate';
import { seededRandom } from '../../core/util/random';
import { editedText } from '../support/edits';

const ROOT = join(__dirname, '../../..');

/** A tree as plain data, with every parent link checked on the way. */
function plain(n: Node, parent?: Node): unknown {
  assert.equal(n.parent, parent, `the parent of the ${n.type} at ${n.offset}`);
  if (!parent) assert.ok(!('parent' in n), 'the root has no parent field, as jsonc-parser deletes it');
  const { parent: _p, children, ...rest } = n;
  return { ...rest, fields: Object.keys(n).join(), ...(children ? { children: children.map((c) => plain(c, n)) } : {}) };
}

/** True when the reader read the text; then its tree is jsonc-parser's, and jsonc-parser found no error. */
function agrees(text: string): boolean {
  const mine = strictJsonTree(text);
  const errors: ParseError[] = [];
  const theirs = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!mine) return false;
  assert.deepEqual(errors, [], `read a text with errors: ${text.slice(0, 200)}`);
  assert.ok(theirs);
  assert.deepEqual(plain(mine), plain(theirs), text.slice(0, 200));
  return true;
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) jsonFiles(path, out);
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

test("the repository's JSON files and every generated policy shape: read, to jsonc-parser's tree", () => {
  const files = [...jsonFiles(join(ROOT, 'examples')), ...jsonFiles(join(ROOT, 'test/fixtures'))];
  let read = 0;
  for (const f of files) if (agrees(readFileSync(f, 'utf8'))) read++;
  assert.ok(read > files.length / 2, `${read} of ${files.length} files read`);
  for (const [shape, { generate }] of Object.entries(POLICY_SHAPES)) assert.ok(agrees(generate(20_000)), shape);
});

test('values of every kind, escapes and white space: the same values and ranges', () => {
  for (const text of [
    '{}',
    '[]',
    ' \t\r\n{ "a" : [ 1 , -2.5e+3 , 0 , 1E2 , true , false , null , "" ] }\n',
    '"just a string"',
    '12',
    '{"esc": "quote \\" slash \\/ back \\\\ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00", "k\\u0041y": 1}',
    '{"dup": 1, "dup": 2}',
    '[[[[{"deep": [[]]}]]]]',
    '{"中文": "值", "emoji": "😀"}',
  ])
    assert.ok(agrees(text), text);
});

test('what is not strict JSON is left to jsonc-parser', () => {
  for (const text of [
    '',
    '   ',
    '{"a": 1,}',
    '[1,]',
    '// c\n{}',
    '{"a": /* c */ 1}',
    '{"a": 01}',
    '{"a": 1.}',
    '{"a": .5}',
    '{"a": -}',
    '{"a": +1}',
    '{"a": "tab\tinside"}',
    '{"a": "bad \\x escape"}',
    '{"a": "unterminated',
    '{a: 1}',
    "{'a': 1}",
    '{"a" 1}',
    '{"a": 1} {}',
    '\ufeff{}',
    '{"a":\u00a01}',
    '[true false]',
    '{"a": tru}',
    '{"a": NaN}',
  ])
    assert.equal(strictJsonTree(text), undefined, JSON.stringify(text));
});

test('any edit of a policy: read only to the tree jsonc-parser builds', () => {
  const random = seededRandom(5);
  const base = POLICY_SHAPES['v5-pretty'].generate(3_000);
  const alphabet = ['"', '{', '}', '[', ']', ',', ':', ' ', '\n', '\\', 'u', '0', '-', '.', 'e', 't', 'n', '/', '*', '\t'];
  let read = 0;
  const rounds = 1500;
  for (let round = 0; round < rounds; round++) if (agrees(editedText(base, random, alphabet, 2))) read++;
  assert.ok(read > rounds / 10 && read < rounds, `${read} of ${rounds} edited texts read`);
});
