/**
 * Patching the previous parse for an edit inside one string (core/policy/stringEdit.ts) must give exactly
 * what a fresh parse gives: the same tree, errors and policy model, and so the same diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaled } from '../support/mutation';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseJson, type ParsedJson } from '../../core/policy/policyDocument';
import { changedSpan, patchStringEdit } from '../../core/policy/stringEdit';
import { getLanguageService } from '../../server/languageService';

const POLICY = `{
  "Version": "1.1",
  "Statement": [
    {"Effect": "Allow", "Action": ["ims:images:list", "ims:images:updte", "ecs:servers:get"], "Resource": ["ims:*:*:image:*"]},
    {"Effect": "Deny", "Action": ["ims:images:delete", "ims:*:get*"], "Condition": {"StringEquals": {"g:UserName": ["a\\"b"]}}},
    "stray", 1, {"Sid": "x", "Effect": "Allow", "NotAction": ["ims:images:list"]}
  ],
  "trailing": "value",
}`;

/** Everything of a parse that services read, without parent links. */
function plain(p: ParsedJson): unknown {
  const node = (n: Node | undefined): unknown =>
    n && {
      type: n.type,
      offset: n.offset,
      length: n.length,
      value: n.value,
      colon: n.colonOffset,
      children: n.children?.map(node),
    };
  return {
    tree: node(p.tree),
    errors: p.errors.map((e) => ({ ...e })),
    policy: p.policy && {
      kind: p.policy.kind,
      version: p.policy.version,
      statements: p.policy.statements.map((s) => ({
        effect: s.effect,
        actionKey: s.actionKey,
        actions: s.actions.map((a) => [a.value, a.node.offset, a.node.length]),
        resources: s.resources.map((a) => [a.value, a.node.offset]),
      })),
    },
  };
}

function stringNodes(n: Node | undefined, out: Node[] = []): Node[] {
  if (!n) return out;
  if (n.type === 'string') out.push(n);
  for (const c of n.children ?? []) stringNodes(c, out);
  return out;
}

const edit = fc.record({
  pick: fc.nat(),
  at: fc.nat(),
  del: fc.nat({ max: 6 }),
  ins: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('x', 'ims:', 'Images', '*', '"', '\\', '\n', '\\"', '中', '')),
});

test('changedSpan finds the one change between two texts', () => {
  assert.deepEqual(changedSpan('"aa"', '"aaa"'), { start: 3, end: 3, insertedEnd: 4 });
  assert.deepEqual(changedSpan('abcdef', 'abXYef'), { start: 2, end: 4, insertedEnd: 4 });
  assert.deepEqual(changedSpan('abc', 'abc'), { start: 3, end: 3, insertedEnd: 3 });
});

test('an edit inside a string is patched into the previous parse, and equals a fresh parse', () => {
  let patched = 0;
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 20 }), (ops) => {
      let text = POLICY;
      let parsed = parseJson(text);
      for (const op of ops) {
        // An edit inside a string's content (most of them), or anywhere (the rest must fall back).
        const strings = stringNodes(parsed.tree);
        const s = strings[op.pick % Math.max(1, strings.length)];
        const inside = s && op.pick % 5 !== 0;
        const start = inside ? s.offset + 1 + (op.at % Math.max(1, s.length - 1)) : op.at % (text.length + 1);
        const end = Math.min(inside ? s.offset + s.length - 1 : text.length, start + op.del);
        const next = text.slice(0, start) + op.ins + text.slice(Math.max(start, end));
        const fresh = parseJson(next);
        const result = patchStringEdit(parsed, text, next);
        if (result) patched++;
        parsed = result ?? fresh;
        assert.deepEqual(plain(parsed), plain(fresh), JSON.stringify({ text, next }));
        text = next;
      }
    }),
    { numRuns: scaled(400) },
  );
  assert.ok(patched > scaled(1000), `only ${patched} edits were patched: the fast path is not taken`);
});

test('typing inside an action keeps the diagnostics those of the text opened fresh', () => {
  const ls = getLanguageService({ lang: () => 'en' });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 15 }), (ops) => {
      let doc = TextDocument.create('file:///typing.json', 'json', 1, POLICY);
      for (const op of ops) {
        const strings = stringNodes(ls.parse(doc).json.tree);
        const s = strings[op.pick % Math.max(1, strings.length)];
        if (!s) break;
        const start = s.offset + 1 + (op.at % Math.max(1, s.length - 1));
        const end = Math.min(s.offset + s.length - 1, start + op.del);
        const range = Range.create(doc.positionAt(start), doc.positionAt(Math.max(start, end)));
        doc = TextDocument.update(doc, [{ range, text: op.ins }], doc.version + 1);
        ls.diagnostics(doc);
      }
      // The same URI at version 1: findings may name their document.
      const fresh = TextDocument.create(doc.uri, 'json', 1, doc.getText());
      assert.equal(JSON.stringify(ls.diagnostics(doc)), JSON.stringify(ls.diagnostics(fresh)));
    }),
    { numRuns: scaled(200) },
  );
});

test('edits at the edges of a string, in escaped or broken strings, and in a document that is one string', () => {
  const cases: Array<[string, string]> = [
    ['{"a": "bcd"}', '{"a": bcd"}'], // the opening quote deleted
    ['{"a": "bcd"}', '{"a": "bcd}'], // the closing quote deleted
    ['{"a": "bcd"}', '{"a": "bcd"x}'], // typed after the closing quote
    ['{"a": "bcd"}', '{"a": x"bcd"}'], // typed before the opening quote
    ['{"a": "b\\nd"}', '{"a": "bnd"}'], // the escape's backslash deleted
    ['{"a": "b\\"d"}', '{"a": "b"d"}'], // an escaped quote unescaped
    ['{"a": "bcd', '{"a": "bxcd'], // an unterminated string
    ['{"a" "bcd"}', '{"a" "bxcd"}'], // a string where a colon belongs: the error is on it
    ['"abc"', '"abxc"'], // the whole document is one string
    ['{"k": "v", "x": 1}', '{"kk": "v", "x": 1}'], // a key before a colon grows
    ['"abc"', '"abcd'], // a document that is one string loses its closing quote
    ['"abc"', '\'abc"'], // … or its opening quote
    ['["a" "b"]', '["a" "bx"]'], // the error (a comma expected) is on the string, and grows with it
    ['12', '13'], // no string at all: a number has no children to look in
  ];
  for (const [before, after] of cases) {
    const fresh = parseJson(after);
    const patched = patchStringEdit(parseJson(before), before, after);
    assert.deepEqual(plain(patched ?? fresh), plain(fresh), `${before} → ${after}`);
  }
  // The plain edits take the fast path; the others must not.
  const fast = (before: string, after: string) => patchStringEdit(parseJson(before), before, after) !== undefined;
  assert.equal(fast('"abc"', '"abxc"'), true);
  assert.equal(fast('{"k": "v", "x": 1}', '{"kk": "v", "x": 1}'), true);
  assert.equal(fast('{"a": "b\\nd"}', '{"a": "bnd"}'), true, 'an escape typed away leaves a plain string');
  for (const [before, after] of cases.slice(0, 4)) assert.equal(fast(before, after), false, `${before} → ${after}`);
  assert.equal(fast('{"a": "b\\"d"}', '{"a": "b"d"}'), false);
  assert.equal(fast('{"a": "bcd', '{"a": "bxcd'), false);
  assert.equal(fast('{"a" "bcd"}', '{"a" "bxcd"}'), false);
  assert.equal(fast('"abc"', '"abcd'), false, 'a closing quote typed over');
  assert.equal(fast('"abc"', '\'abc"'), false, 'an opening quote typed over');
  assert.equal(fast('["a" "b"]', '["a" "bx"]'), false, 'an error on the string itself');
  assert.equal(fast('12', '13'), false);
  assert.equal(fast('{"a": "b"}', '{"a": "b"}'), false, 'no change, nothing to patch');
});

test('the fast path is taken wherever it is safe (a fallback would be correct, only slow)', () => {
  const patch = (before: string, after: string) => patchStringEdit(parseJson(before), before, after);
  // Typing into an empty string.
  assert.ok(patch('{"a": ""}', '{"a": "x"}'));
  // A syntax error elsewhere, before or after the string, does not stop it; the errors after it move.
  const broken = '{"a": , "b": "cd", "e": }';
  const r = patch(broken, broken.replace('"cd"', '"cxd"'));
  assert.ok(r);
  assert.deepEqual(r.errors, parseJson(broken.replace('"cd"', '"cxd"')).errors);
  // An action typed in a list keeps the model and updates its entry in place; a key or a single value does not.
  const policy = '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:lst"], "Resource": "*"}]}';
  const before = parseJson(policy);
  const model = before.policy;
  const fixed = patchStringEdit(before, policy, policy.replace('lst', 'list'));
  assert.equal(fixed?.policy, model, 'the same model object');
  assert.equal(fixed?.policy?.statements[0].actions[0].value, 'ims:images:list');
  const again = parseJson(policy);
  const effect = patchStringEdit(again, policy, policy.replace('"Allow"', '"Allw"'));
  assert.notEqual(effect?.policy, again.policy, 'Effect is read afresh');
  assert.equal(effect?.policy?.statements[0].effect, 'Allw');
  const third = parseJson(policy);
  const resource = patchStringEdit(third, policy, policy.replace('"*"', '"*x"'));
  assert.deepEqual(
    resource?.policy?.statements[0].resources.map((e) => e.value),
    ['*x'],
  );
});
