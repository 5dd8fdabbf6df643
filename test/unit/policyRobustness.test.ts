/** Mid-typing and junk input: the services never throw and every range stays inside the document. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Range, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { seededRandom } from '../../core/util/random';
import { doc, service } from '../support/docs';
import { scaled } from '../support/mutation';

const ls = service();
const SAMPLE = `{
  "Version": "1.1",
  "Statement": [
    {"Effect": "Allow", "Action": ["ims:images:list", "ims:images:updte", "ims:*:get*"],
     "Condition": {"StringEqualsIfExists": {"g:UserName": ["alice"]}}},
    {"Effect": "Deny", "Action": ["ims:images:delete"], "Resource": ["ims:*:*:image:*"]}
  ]
}`;

function inside(d: TextDocument, p: Position): boolean {
  const end = d.positionAt(d.getText().length);
  return p.line >= 0 && p.character >= 0 && (p.line < end.line || (p.line === end.line && p.character <= end.character));
}

function exercise(text: string, positions: number[]): void {
  const d = doc(text);
  const diagnostics = ls.diagnostics(d);
  for (const x of diagnostics)
    assert.ok(inside(d, x.range.start) && inside(d, x.range.end), `diagnostic range outside: ${JSON.stringify(x)}`);
  ls.codeActions(d, diagnostics);
  ls.inlayHints(d, Range.create(0, 0, d.lineCount, 0)).forEach((h) => assert.ok(inside(d, h.position)));
  for (const offset of positions) {
    const pos = d.positionAt(offset);
    for (const item of ls.complete(d, pos).items) {
      const edit = item.textEdit as { range: Range } | undefined;
      if (edit) assert.ok(inside(d, edit.range.start) && inside(d, edit.range.end), 'completion edit outside');
    }
    ls.hover(d, pos);
  }
}

test('every prefix of a policy (typing it from scratch) is handled at every cursor', () => {
  for (let n = 0; n <= SAMPLE.length; n++) exercise(SAMPLE.slice(0, n), [n, Math.floor(n / 2)]);
});

test('every single-character deletion is handled', () => {
  for (let i = 0; i < SAMPLE.length; i++) {
    const text = SAMPLE.slice(0, i) + SAMPLE.slice(i + 1);
    exercise(text, [i]);
  }
});

test('binary junk, lone surrogates, deep nesting, an empty file', () => {
  const rnd = seededRandom(42);
  for (let k = 0; k < 50; k++) {
    const junk = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join('');
    exercise(`{"Statement": [${junk}`, [10, 20, 100]);
  }
  exercise('{"Statement": [{"Effect": "\ud800", "Action": ["ims:\udfff"]}]}', [30, 45]);
  exercise(`{"Statement": ${'['.repeat(5000)}`, [20, 3000]);
  exercise('', [0]);
});

test('a 5 MB policy is handled', () => {
  const perStatement = scaled(2000);
  const st = `{"Effect": "Allow", "Action": [${Array.from({ length: perStatement }, (_, i) => `"ims:images:op${i}"`).join(', ')}]}`;
  const big = `{"Version": "1.1", "Statement": [${Array(140).fill(st).join(',\n')}]}`;
  assert.ok(big.length > scaled(5_000_000));
  const d = doc(big);
  const diagnostics = ls.diagnostics(d);
  assert.ok(diagnostics.some((x) => x.code === 'limit-statements'));
  // 280,000 unknown actions (28,000 under mutation): the Problems panel gets the first 1,000 and a note of how many more.
  assert.equal(diagnostics.length, 1001);
  assert.ok(Number(/^(\d+) more problems/.exec(String(diagnostics[1000].message))?.[1]) > 140 * perStatement - 1001);
  assert.ok(ls.complete(d, d.positionAt(big.indexOf('"ims:images:op5"') + 5)).items.length > 0);
});

test('nesting deeper than any policy is treated as unparseable, not a stack overflow', () => {
  for (const depth of [300, 3000, 50_000]) {
    const text = `{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:updte"], "Condition": ${'['.repeat(depth)}]}`;
    exercise(text, [60, text.length - 1]);
    assert.deepEqual(ls.diagnostics(doc(text)), []);
  }
});
