/**
 * The HCL subset reader (core/terraform/hclSubset.ts) held to tree-sitter's HCL grammar, the parser
 * nobody here wrote: whatever text it reads, it must build the tree tree-sitter builds (named nodes,
 * types and ranges, comments and the inside of interpolations left out), and it must read the forms
 * policies and tags are written in, or it would be measured doing nothing.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readHclSubset } from '../../core/terraform/hclSubset';
import { readTerraform } from '../../core/terraform/extract';
import type { SyntaxNode } from '../../core/terraform/syntax';
import { seededRandom } from '../../core/util/random';
import { loadHclParser, parseHcl } from '../../server/terraform/hclParser';
import { DIST } from '../support/terraform';
import { topLevelItems } from '../../core/terraform/topLevel';
import { editedText } from '../support/edits';

before(async () => {
  await loadHclParser(
    (file) => join(DIST, file),
    async () => import('web-tree-sitter'),
  );
});

interface Shape {
  type: string;
  range?: [number, number];
  kids: Shape[];
}

/** What the two trees must agree on. A body's range starts at a comment in tree-sitter's: left out. */
function shape(n: SyntaxNode): Shape {
  const kids =
    n.type === 'template_interpolation'
      ? []
      : n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment').map(shape);
  const ranged = n.type !== 'body' && n.type !== 'config_file';
  return { type: n.type, ...(ranged ? { range: [n.startIndex, n.endIndex] as [number, number] } : {}), kids };
}

function treeSitterShape(text: string): Shape {
  const root = parseHcl(text);
  assert.ok(root);
  return shape(root);
}

/** The subset's tree equals tree-sitter's whenever the subset reads the text; true when it read it. */
function agrees(text: string): boolean {
  const mine = readHclSubset(text);
  if (!mine) return false;
  assert.deepEqual(shape(mine), treeSitterShape(text), `the trees differ for:\n${text}`);
  return true;
}

const IN_SUBSET = [
  'resource "huaweicloud_identity_role" "r" {\n  name   = "role"\n  type   = "XA"\n  policy = <<EOT\n{\n  "Version": "1.1",\n  "Statement": [{ "Effect": "Allow", "Action": ["ims:images:get", "ims:${var.verb}"] }]\n}\nEOT\n}\n',
  'resource "huaweicloud_identityv5_policy" "p" {\n  policy_document = jsonencode({\n    Version = "5.0"\n    Statement = [\n      { Effect = "Allow", Action = ["ims:images:list", var.extra], Resource = ["*"] },\n      { Effect = "Deny", Action = ["ims:images:delete"], Condition = { StringEquals = { "g:ResourceTag/env" = ["prod"] } } },\n    ]\n  })\n}\n',
  'resource "huaweicloud_images_image" "i" {\n  name = "image"\n  tags = {\n    env   = "prod"\n    "team" = " blue "\n    owner = var.owner\n    empty = "  "\n  }\n}\n',
  'resource "huaweicloud_ims_ecs_whole_image" "w" {\n  # a comment\n  tags = { a = "b", c = local.tags.c } // another\n  lifecycle {\n    ignore_changes = [tags]\n  }\n  count = 1\n  enabled = true\n  other = null\n  ratio = 1.5e3\n}\n',
  'resource "huaweicloud_identity_role" "indented" {\n  policy = <<-EOT\n    {"Statement": []}\n    EOT\n  description = "with \\"escapes\\" and $${literal} and %%{literal}"\n}\n',
  'resource "huaweicloud_identityv5_policy" "calls" {\n  policy_document = jsonencode(merge(local.base, {\n    "Statement": [lower("IMS:IMAGES:GET"), format("%s", "x"),]\n  }))\n  description = "a ${upper("b")} c"\n}\n',
  'resource "huaweicloud_identity_role" "crlf" {\r\n  policy = <<EOT\r\n{"Version": "1.1"}\r\nEOT\r\n}\r\n',
  'resource "huaweicloud_images_image" "one_line" { tags = { a = "b" } }\n',
  'resource "huaweicloud_identity_role" "empty" {\n}\n',
  'resource "huaweicloud_identity_role" "empty_heredoc" {\n  policy = <<EOT\nEOT\n}\n',
  'resource "huaweicloud_images_image" "nested" {\n  tags = { a = "${"nested ${x}"}", b = "${~ var.b ~}" }\n}\n',
];

const OUTSIDE = [
  'resource "a" "b" {\n  x = 1 + 2\n}\n',
  'resource "a" "b" {\n  x = var.a ? "y" : "z"\n}\n',
  'resource "a" "b" {\n  x = [for s in var.l : upper(s)]\n}\n',
  'resource "a" "b" {\n  x = var.list[0]\n}\n',
  'resource "a" "b" {\n  x = var.list[*].id\n}\n',
  'resource "a" "b" {\n  x = "%{if var.c}y%{endif}"\n}\n',
  'resource "a" "b" {\n  x = { (local.key) = "v" }\n}\n',
  'resource "a" "b" {\n  x = -1\n}\n',
  'resource "a" "b" {\n  x = f(var.args...)\n}\n',
  'resource "a" "b" {\n  x = "unterminated\n}\n',
  'resource "a" "b" {\n  x = [\n}\n',
  'resource "a" "b" {\n  x = <<EOT\nno end\n}\n',
  'resource "a" "b" {\n  x = \n}\n',
  'resource "a" "b" {\n  x = "a" "b"\n}\n',
  'resource "a" "b"',
];

test('the forms policies and tags are written in are read, each to the tree tree-sitter builds', () => {
  for (const text of IN_SUBSET) assert.ok(agrees(text), `read by the subset:\n${text}`);
  assert.ok(agrees(IN_SUBSET.join('')), 'all of them in one text');
});

test('what the subset does not hold is left to tree-sitter, never misread', () => {
  for (const text of OUTSIDE) assert.equal(readHclSubset(text), undefined, text);
});

test('any edit of a valid text: read by the subset only to the tree tree-sitter builds', () => {
  const random = seededRandom(11);
  const alphabet = [
    '"',
    '{',
    '}',
    '[',
    ']',
    '(',
    ')',
    '=',
    ':',
    ',',
    '.',
    '\n',
    ' ',
    '$',
    '%',
    '<',
    '-',
    '#',
    'a',
    '1',
    '\\',
    '*',
    '/',
  ];
  let read = 0;
  let tried = 0;
  for (const base of IN_SUBSET)
    for (let round = 0; round < 150; round++) {
      tried++;
      if (agrees(editedText(base, random, alphabet, 3))) read++;
    }
  // Both outcomes must occur, or the property says nothing.
  assert.ok(read > tried / 10 && read < tried, `${read} of ${tried} edited texts read by the subset`);
});

test('a file read item by item gives the same policies and tags with the subset as with tree-sitter alone', () => {
  const outside = 'resource "huaweicloud_images_image" "x" {\n  tags = { env = var.prod ? "prod" : "dev" }\n}\n';
  const text = [...IN_SUBSET, outside, ...OUTSIDE].join('\n');
  let parsed = 0;
  const withSubset = readTerraform(topLevelItems(text), (t) => (parsed++, parseHcl(t)));
  const treeSitterOnly = readTerraform(topLevelItems(text), parseHcl, undefined, undefined, false);
  assert.ok(withSubset && treeSitterOnly);
  const plain = (m: NonNullable<typeof withSubset>) => ({
    policies: m.policies.map(({ map, ...p }) => ({ ...p, back: [0, 5, p.json.length].map((v) => map.toSource(v, 'end')) })),
    tagMaps: m.tagMaps,
  });
  assert.deepEqual(plain(withSubset), plain(treeSitterOnly));
  assert.ok(withSubset.policies.length >= 6 && withSubset.tagMaps.length >= 4);
  assert.equal(parsed, 1, 'only the item outside the subset went to tree-sitter (the others of other types are not parsed)');
});
