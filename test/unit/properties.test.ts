/**
 * Property tests (fast-check) over policy and .http documents: random, mutated from examples, very long
 * strings, deep nesting, lone surrogates. The services never throw, every range lies inside the
 * document, and a document edited step by step ends with the same diagnostics as the same text opened
 * fresh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/languageService';
import { allowList, policySource } from '../support/policies';
import { scaled } from '../support/mutation';

const ls = getLanguageService({
  lang: () => 'en',
  policies: () => POLICIES,
});
const POLICIES = [policySource('file:///ws/p.json', allowList(['ims:images:list', 'ims:images:update']))];

const POLICY_EXAMPLE = `{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:list", "ims:images:updte", "ims:*:get*"], "Condition": {"StringEquals": {"g:UserName": ["a"]}}}, {"Effect": "Deny", "Action": ["ims:images:delete"]}]}`;
const HTTP_EXAMPLE = `@region = cn-north-4\n### add\nPOST https://ims.{{region}}.myhuaweicloud.com/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": {"key": "env", "value": "prod"}}\n###\nPUT https://ims.cn-north-4.myhuaweicloud.com/v2/images/i/tags/t\n`;

let counter = 0;
function check(text: string, languageId: string, positions: number[]): void {
  const doc = TextDocument.create(`file:///prop/${counter++}`, languageId, 1, text);
  const end = doc.positionAt(text.length);
  const inside = (p: { line: number; character: number }) =>
    p.line >= 0 && p.character >= 0 && (p.line < end.line || (p.line === end.line && p.character <= end.character));
  const diagnostics = ls.diagnostics(doc);
  for (const d of diagnostics)
    assert.ok(inside(d.range.start) && inside(d.range.end), `diagnostic ${d.code} outside the document`);
  for (const a of ls.codeActions(doc, diagnostics)) {
    for (const edits of Object.entries(a.edit?.changes ?? {})
      .filter(([uri]) => uri === doc.uri)
      .map(([, e]) => e)) {
      for (const e of edits) assert.ok(inside(e.range.start) && inside(e.range.end), 'quick fix outside the document');
    }
  }
  for (const h of ls.inlayHints(doc, Range.create(0, 0, end.line + 1, 0))) assert.ok(inside(h.position));
  for (const offset of positions) {
    const pos = doc.positionAt(Math.min(offset, text.length));
    for (const item of ls.complete(doc, pos).items) {
      const r = (item.textEdit as { range?: Range } | undefined)?.range;
      if (r) assert.ok(inside(r.start) && inside(r.end), 'completion edit outside the document');
    }
    const hover = ls.hover(doc, pos);
    if (hover?.range) assert.ok(inside(hover.range.start) && inside(hover.range.end));
  }
}

/** Strings from the example with random cuts, insertions and replacements. */
function mutated(example: string) {
  return fc
    .array(
      fc.record({
        at: fc.nat(),
        del: fc.nat({ max: 20 }),
        ins: fc.oneof(
          fc.string(),
          fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\n', '###', '{{', '}}', '\ud800', '"ims:', '"Action"'),
        ),
      }),
      { maxLength: 8 },
    )
    .map((ops) =>
      ops.reduce((s, op) => {
        const at = op.at % (s.length + 1);
        return s.slice(0, at) + op.ins + s.slice(at + op.del);
      }, example),
    );
}

const positions = fc.array(fc.nat({ max: 400 }), { minLength: 1, maxLength: 4 });

test('policies: random JSON, mutated examples, long strings, deep nesting, lone surrogates never break the services', () => {
  const docs = fc.oneof(
    fc.json(),
    mutated(POLICY_EXAMPLE),
    fc.string({ unit: 'binary' }).map((s) => `{"Statement": [{"Effect": "${s}", "Action": ["${s}"]}]}`),
    fc.nat({ max: 400 }).map((n) => `{"Statement": ${'['.repeat(n)}${']'.repeat(n % 3 === 0 ? n : 0)}}`),
    fc
      .string({ minLength: 1000, maxLength: 20000 })
      .map((s) => `{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:${s}"]}]}`),
  );
  fc.assert(
    fc.property(docs, positions, (text, pos) => check(text, 'json', pos)),
    { numRuns: scaled(400) },
  );
});

test('.http: random text and mutated examples never break the services', () => {
  const docs = fc.oneof(
    fc.string({ unit: 'binary' }),
    mutated(HTTP_EXAMPLE),
    fc
      .array(fc.constantFrom('###', 'GET /v2/p/images/tags', '@a = {{b}}', '{', '"tag":', '\n', 'Content-Type: x'))
      .map((a) => a.join('\n')),
  );
  fc.assert(
    fc.property(docs, positions, (text, pos) => check(text, 'http', pos)),
    { numRuns: scaled(400) },
  );
});

test('a document edited step by step ends with the same diagnostics as the same text opened fresh', () => {
  const edits = fc.array(
    fc.record({
      at: fc.nat(),
      del: fc.nat({ max: 10 }),
      ins: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"ims:images:', 'x', '}', '\n')),
    }),
    { minLength: 1, maxLength: 25 },
  );
  for (const [example, languageId] of [
    [POLICY_EXAMPLE, 'json'],
    [HTTP_EXAMPLE, 'http'],
  ] as const) {
    fc.assert(
      fc.property(edits, (ops) => {
        let doc = TextDocument.create(`file:///steps/${counter++}`, languageId, 1, example);
        for (const op of ops) {
          const text = doc.getText();
          const at = op.at % (text.length + 1);
          const range = Range.create(doc.positionAt(at), doc.positionAt(Math.min(text.length, at + op.del)));
          doc = TextDocument.update(doc, [{ range, text: op.ins }], doc.version + 1);
          ls.diagnostics(doc); // every intermediate version is analysed, as in the editor
        }
        const stepped = JSON.stringify(ls.diagnostics(doc));
        // Same URI, version 1: the per-version parse cache must not hand back the edited parse.
        const fresh = TextDocument.create(doc.uri, languageId, 1, doc.getText());
        assert.equal(JSON.stringify(ls.diagnostics(fresh)), stepped);
      }),
      { numRuns: scaled(150) },
    );
  }
});
