/** Policies and image tags inside Terraform: ranges exact in the .tf source, HCL edits, expressions never judged. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';
import { withCursor } from '../support/docs';
import { SourceMap } from '../../core/terraform/sourceMap';
import { terraformService, tf } from '../support/terraform';
import { policySource } from '../support/policies';
import { readTokens } from '../support/semanticTokens';

let ls: Awaited<ReturnType<typeof terraformService>>;
before(async () => {
  ls = await terraformService();
});

const text = (d: TextDocument, r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  d.getText(r);
const diags = (source: string) => {
  const d = tf(source);
  return ls.diagnostics(d).map((x) => ({ code: String(x.code), text: text(d, x.range), message: String(x.message) }));
};

const HEREDOC = `# a role
resource "huaweicloud_identity_role" "tagger" {
  name   = "tagger"
  type   = "XA"
  policy = <<EOT
{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["ims:images:list", "ims:images:get", "ims:images:updte"] }
  ]
}
EOT
}
`;

test('an unquoted jsonencode key: the squiggle is on the key alone, the quick fix replaces just it', () => {
  // The virtual JSON quotes the key ("StringEqual"), the .tf does not: a range starting on that added quote
  // maps to the key's first character, not to the text before it (the fix once gave `Condition"StringEquals" = {`).
  const source = `resource "huaweicloud_identityv5_policy" "team" {
  name = "team"
  policy_document = jsonencode({
    Version = "5.0"
    Statement = [{
      Effect    = "Allow"
      Action    = ["ims:images:setTags"]
      Resource  = ["ims:*:*:image:*"]
      Condition = { StringEqual = { "g:ResourceTag/team" = ["blue"] } }
    }]
  })
}
`;
  const d = tf(source);
  const ds = ls.diagnostics(d);
  assert.deepEqual(
    ds.map((x) => [x.code, text(d, x.range)]),
    [['unknown-condition-operator', 'StringEqual']],
  );
  const fix = ls.codeActions(d, ds).find((a) => a.title === 'Replace with "StringEquals"')!;
  const out = TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]);
  assert.equal(out, source.replace('{ StringEqual = {', '{ "StringEquals" = {'));
  assert.deepEqual(ls.diagnostics(tf(out)), []);
});

test('a heredoc policy: the unknown action squiggled on its own characters, the quick fix edits them', () => {
  const d = tf(HEREDOC);
  const ds = ls.diagnostics(d);
  assert.deepEqual(
    ds.map((x) => [x.code, text(d, x.range)]),
    [['unknown-action', '"ims:images:updte"']],
  );
  const fix = ls.codeActions(d, ds).find((a) => a.title === 'Replace with "ims:images:update"')!;
  const out = TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]);
  assert.equal(out, HEREDOC.replace('ims:images:updte', 'ims:images:update'));
  assert.deepEqual(ls.diagnostics(tf(out)), []);
});

const JSONENCODE = `resource "huaweicloud_identityv5_policy" "reader" {
  name = "reader" // trailing comment
  /* a block
     comment */
  policy_document = jsonencode({
    Version = "5.0"
    Statement = [
      {
        Effect : "Allow"   # hash comment
        "Action" = [
          "ims:images:lst",
          var.more_actions,
          "\${local.prefix}:images:get",
          "ims:*:get*",
        ]
      },
      { Effect = "Deny", Action = local.denied, Resource = ["ims:*:*:image:\${var.id}"] }
    ]
  })
}
`;

test('jsonencode with = and :, quoted and unquoted keys, nested lists, comments: only the real mistake is reported', () => {
  assert.deepEqual(
    diags(JSONENCODE).map((x) => [x.code, x.text]),
    [['unknown-action', '"ims:images:lst"']],
  );
  const d = tf(JSONENCODE);
  const ds = ls.diagnostics(d);
  const fix = ls.codeActions(d, ds).find((a) => a.title === 'Replace with "ims:images:list"')!;
  const out = TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]);
  assert.equal(out, JSONENCODE.replace('"ims:images:lst"', '"ims:images:list"'), 'the HCL keeps its quoting and layout');
});

test('completion and hover inside the HCL list and inside the heredoc', () => {
  const { doc, position } = withCursor(JSONENCODE.replace('"ims:images:lst"', '"ims:images:|"'), 'terraform');
  const items = ls.complete(doc, position).items;
  const list = items.find((i) => i.label === 'ims:images:list')!;
  assert.ok(list, items.map((i) => i.label).join(', '));
  const range = (list.textEdit as { range: Parameters<TextDocument['getText']>[0] }).range;
  assert.equal(doc.getText(range), '"ims:images:', 'as in a policy file: up to the cursor, the closing quote kept');
  const h = withCursor(HEREDOC.replace('"ims:images:list"', '"ims:ima|ges:list"'), 'terraform');
  const hover = ls.hover(h.doc, h.position)!;
  assert.match(
    (hover.contents as { value: string }).value,
    /\*\*ims:images:list\*\*[\s\S]*_In huaweicloud_identity_role\.tagger\._/,
  );
  assert.equal(h.doc.getText(hover.range!), '"ims:images:list"');
});

test('a Version that does not fit the resource is said', () => {
  const ds = diags(HEREDOC.replace('"Version": "1.1"', '"Version": "5.0"'));
  assert.deepEqual(
    ds.map((x) => [x.code, x.text]),
    [
      ['unknown-action', '"ims:images:updte"'],
      ['terraform-version', '"5.0"'],
    ],
  );
  assert.match(ds[1].message, /huaweicloud_identity_role takes a Version 1\.1 policy; this one is Version 5\.0/);
});

test('tag maps on IMS image resources: rules, count and duplicates; interpolations never judged', () => {
  const many = Array.from({ length: 21 }, (_, i) => `k${i} = "v"`).join(', ');
  const source = `resource "huaweicloud_images_image" "a" {
  tags = {
    env          = "prod"
    "bad key!"   = "v"
    env          = "again"
    owner        = var.owner
    "\${var.k}"  = local.v
    team         = "a|b"
    long         = "${'x'.repeat(256)}"
  }
}
resource "huaweicloud_ims_ecs_system_image" "b" {
  tags = { ${many} }
}
resource "huaweicloud_vpc" "c" {
  tags = { "not checked!" = "x" }
}
`;
  assert.deepEqual(
    diags(source).map((x) => [x.code, x.text.length > 20 ? `${x.text.slice(0, 5)}…` : x.text]),
    [
      ['tag-rule', 'bad key!'],
      ['duplicate-tag-key', 'env'],
      ['tag-rule', 'a|b'],
      ['tag-rule', 'xxxxx…'],
      ['tag-rule', '{'],
    ],
  );
});

test('half-typed HCL, unbalanced braces and a large file never throw', () => {
  for (const cut of [10, 60, 120, HEREDOC.length - 5]) ls.diagnostics(tf(HEREDOC.slice(0, cut)));
  ls.diagnostics(
    tf('resource "huaweicloud_identity_role" "x" {\n  policy = jsonencode({ Version = "1.1", Statement = [ { Action = ["ims:'),
  );
  ls.diagnostics(tf('}}}} {{{ resource " <<EOT\n'));
  const big = Array.from({ length: 3000 }, (_, i) => HEREDOC.replace('"tagger"', `"t${i}"`)).join('\n');
  assert.equal(ls.diagnostics(tf(big)).length, 3000);
});

test('edits one after another (incremental parse, blocks and policies kept) give what a fresh read gives', async () => {
  const fresh = await terraformService();
  const source = `${HEREDOC}\n${JSONENCODE}\nresource "huaweicloud_images_image" "i" {\n  tags = { env = "prod", "x y" = "z" }\n}\n`;
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pieces = ['"', '{', '}', 'ims:images:', 'x', '\n', ' = ', '[', ']', ',', '#', 'EOT', '<<EOT\n', '${var.a}', ''];
  let text = source;
  let version = 1;
  for (let i = 0; i < 150; i++) {
    const at = rand(text.length + 1);
    const cut = rand(4);
    text = text.slice(0, at) + pieces[rand(pieces.length)] + text.slice(Math.min(text.length, at + cut));
    // Every few edits, go back towards the valid file, so both the valid and the broken shapes are seen.
    if (i % 10 === 9) text = source;
    const doc = TextDocument.create('file:///inc.tf', 'terraform', ++version, text);
    const incremental = ls.diagnostics(doc).map((d) => [d.code, JSON.stringify(d.range), d.message]);
    const again = fresh.diagnostics(TextDocument.create(`file:///fresh-${i}.tf`, 'terraform', 1, text));
    assert.deepEqual(
      incremental,
      again.map((d) => [d.code, JSON.stringify(d.range), d.message]),
      `edit ${i}`,
    );
  }
});

test('examples/iam.tf is clean under our own diagnostics', () => {
  const source = require('node:fs').readFileSync(require('node:path').join(__dirname, '../../../examples/iam.tf'), 'utf8');
  assert.deepEqual(diags(source), []);
  assert.equal(ls.documentSymbols(tf(source)), null, 'Terraform has no outline from us: HashiCorp’s extension gives one');
});

test("hovering a tag key of an image's tags lists the workspace policies whose conditions name it", async () => {
  const policyText = JSON.stringify({
    Version: '5.0',
    Statement: [
      { Effect: 'Allow', Action: ['ims:images:setTags'], Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } } },
      { Effect: 'Deny', Action: ['ims:images:setTags'], Condition: { 'ForAnyValue:StringEquals': { 'g:TagKeys': ['team'] } } },
      { Effect: 'Allow', Action: ['ims:images:list'] },
    ],
  });
  const service = await terraformService([policySource('file:///w/team-blue.json', policyText)]);
  const source = 'resource "huaweicloud_images_image" "i" {\n  tags = { te|am = "blue", env = "prod" }\n}\n';
  const at = withCursor(source, 'terraform');
  const hover = service.hover(at.doc, at.position)!;
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /Tag `team` decides access/);
  assert.match(value, /team-blue\.json.*1.*g:ResourceTag\/team/);
  assert.match(value, /team-blue\.json.*2.*g:TagKeys/);
  assert.equal(at.doc.getText(hover.range!), 'team');
  const env = withCursor(source.replace('te|am', 'team').replace('env', 'e|nv'), 'terraform');
  assert.match(
    (service.hover(env.doc, env.position)!.contents as { value: string }).value,
    /No workspace policy names the tag `env`/,
  );
});

/** The line of the edited text that holds `needle`, after accepting the item labelled `label` at the cursor. */
function accept(source: string, label: string, needle = label): string {
  const { doc, position } = withCursor(source, 'terraform');
  const items = ls.complete(doc, position).items;
  const item = items.find((i) => i.label === label);
  assert.ok(item, `${label} among ${items.map((i) => i.label).join(', ')}`);
  const out = TextDocument.applyEdits(doc, [item.textEdit as TextEdit]);
  return out.split('\n').find((l) => l.includes(needle)) ?? out;
}

test('typing an action with no closing quote (no auto-closed quotes in .tf): IMS items, the quote added, the line kept', () => {
  // jsonencode: the HCL does not parse until the quote is typed; completion reads it as if it were.
  const open = JSONENCODE.replace('"ims:images:lst",', '"ims:|');
  assert.equal(accept(open, 'ims:images:list').trim(), '"ims:images:list"');
  const sameLine = JSONENCODE.replace(/\{ Effect = "Deny".*\}/, '{ Effect = "Deny", Action = ["ims:|] }');
  assert.match(accept(sameLine, 'ims:images:list'), /\{ Effect = "Deny", Action = \["ims:images:list"\] \}$/);
  // A heredoc: the JSON scanner takes the rest of the line as the string; the item stops at the word.
  const heredoc = HEREDOC.replace('["ims:images:list", "ims:images:get", "ims:images:updte"] }', '["ims:ima|] }');
  assert.match(accept(heredoc, 'ims:images:list'), /"Action": \["ims:images:list"\] \}$/);
  // Typed from the quote: the prefix "ims:" is offered and the list is asked again as the action is typed,
  // so at `"ims:` the prefix is gone and an action is preselected (else Enter took "ims:" itself).
  const atQuote = withCursor(JSONENCODE.replace('"ims:images:lst",', '"|'), 'terraform');
  const first = ls.complete(atQuote.doc, atQuote.position);
  assert.ok(first.isIncomplete && first.items.some((i) => i.label === 'ims:'));
  const atPrefix = withCursor(JSONENCODE.replace('"ims:images:lst",', '"ims:|'), 'terraform');
  const then = ls.complete(atPrefix.doc, atPrefix.position).items;
  assert.ok(!then.some((i) => i.label === 'ims:'));
  assert.match(String(then.find((i) => i.preselect)?.label), /^ims:\w+:\w+$/);
  // With the closing quote typed, nothing is doubled.
  assert.match(accept(JSONENCODE.replace('"ims:images:lst"', '"ims:images:|"'), 'ims:images:list'), /^\s*"ims:images:list",$/);
});

test('a new policy resource from a skeleton where a top-level block starts, never inside a block', () => {
  const { doc, position } = withCursor(`${HEREDOC.replace('updte', 'update')}\nres|\n`, 'terraform');
  const items = ls.complete(doc, position).items;
  assert.deepEqual(
    items.map((i) => i.label),
    ['huaweicloud_identity_role', 'huaweicloud_identityv5_policy'],
  );
  // Accepted (snippet placeholders filled with their defaults), each is a policy the language service reads.
  for (const item of items) {
    const out = TextDocument.applyEdits(doc, [item.textEdit as TextEdit]).replace(/\$\{\d+:([^}]*)\}/g, '$1');
    assert.deepEqual(ls.diagnostics(tf(out)), [], item.label);
    const policies = out.match(/resource "huaweicloud_identity(?:_role|v5_policy)"/g) ?? [];
    assert.equal(policies.length, 2, out);
  }
  // Inside a block (or its heredoc), no skeleton.
  const inside = withCursor(HEREDOC.replace('  type   = "XA"', '  type   = "XA"\n  res|'), 'terraform');
  assert.deepEqual(ls.complete(inside.doc, inside.position).items, []);
});

test('semantic tokens colour a .tf file: block types, labels, keys, functions, references, strings, comments, heredoc JSON', () => {
  const tokens = readTokens(JSONENCODE, ls.semanticTokens(tf(JSONENCODE)).data);
  for (const t of [
    'resource:keyword',
    '"huaweicloud_identityv5_policy":string',
    'policy_document:property',
    'jsonencode:function',
    'Effect:property',
    'var:variable',
    'more_actions:property',
  ])
    assert.ok(tokens.includes(t), `${t} in ${tokens.join(' ')}`);
  const ht = readTokens(HEREDOC, ls.semanticTokens(tf(HEREDOC)).data);
  for (const t of ['# a role:comment', '"Version":property', '"1.1":string', 'EOT:keyword'])
    assert.ok(ht.includes(t), `${t} in ${ht.join(' ')}`);
});

test('completion in an unclosed string reads a repaired copy: the document’s own parse lives on for its next edit', () => {
  const open = JSONENCODE.replace('"ims:images:lst",', '"ims:|');
  const { doc, position } = withCursor(open, 'terraform');
  assert.ok(ls.complete(doc, position).items.length > 0);
  // The next version of the same document parses from the last tree (incrementally): it must still be whole.
  const next = TextDocument.update(doc, [{ range: { start: position, end: position }, text: 'images:list",' }], 2);
  assert.deepEqual(
    ls.diagnostics(next).map((d) => String(d.code)),
    [],
  );
  assert.match(String((ls.hover(next, position)?.contents as { value: string }).value), /ims:images:list/);
});

test('the source map both ways: copied text maps exactly, ends included; generated text goes to the next or previous copy', () => {
  // Virtual "…": offset 0 generated, 1–5 copied from 10–14, 5–7 generated, 7–9 copied from 20–22.
  const map = new SourceMap([
    { vStart: 1, vEnd: 5, tStart: 10 },
    { vStart: 7, vEnd: 9, tStart: 20 },
  ]);
  assert.deepEqual(
    [1, 3, 5, 7, 9].map((v) => map.toSource(v)),
    [10, 12, 14, 20, 22],
  );
  assert.equal(map.toSource(6, 'start'), 20, 'a range starting in generated text starts at the next copy');
  assert.equal(map.toSource(6), 20, 'a start by default');
  assert.equal(map.toSource(6, 'end'), 14, 'and one ending there ends at the previous copy');
  assert.equal(map.toSource(0, 'start'), 10);
  assert.equal(map.toSource(0, 'end'), 10, 'nothing copied before: the first copy');
  assert.equal(map.toSource(100), 22, 'past the end: the end of the last copy');
  assert.equal(new SourceMap([]).toSource(3), 0);
  assert.deepEqual(
    [9, 10, 14, 15, 19, 20, 22, 23].map((t) => map.toVirtual(t)),
    [undefined, 1, 5, undefined, undefined, 7, 9, undefined],
  );
  assert.equal(map.shifted(0), map);
  assert.deepEqual(
    map.shifted(5).segments.map((s) => s.tStart),
    [15, 25],
  );
  assert.equal(map.shifted(5).toSource(3), 17);
});
