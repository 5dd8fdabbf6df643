/**
 * Where the top-level items of a .tf file start (core/terraform/topLevel.ts), held to the HCL parser the
 * server uses: on valid files, the items start where the parser's top-level nodes start; on files being
 * typed, an open bracket does not swallow the blocks after it.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { named } from '../../core/terraform/syntax';
import { topLevelItems, topLevelStarts } from '../../core/terraform/topLevel';
import { loadHclParser, parseHcl } from '../../server/terraform/hclParser';
import { DIST } from '../support/terraform';
import { seededRandom } from '../../core/util/random';

before(async () => {
  await loadHclParser(
    (file) => join(DIST, file),
    async () => import('web-tree-sitter'),
  );
});

/** Where the parser's top-level nodes start (blocks, attributes, comments), parsing the whole text at once. */
function parserStarts(text: string): number[] {
  const root = parseHcl(text);
  assert.ok(root);
  const body = named(root).find((n) => n.type === 'body');
  const all = [...root.namedChildren, ...(body ? body.namedChildren : [])];
  const nodes = all.filter((n) => n !== null && n.type !== 'body');
  assert.ok(!nodes.some((n) => n!.type === 'ERROR'), `valid HCL: ${text}`);
  return nodes.map((n) => n!.startIndex).sort((a, b) => a - b);
}

const SNIPPETS = [
  'resource "huaweicloud_identity_role" "r" {\n  policy = <<EOT\n{\n  "Statement": [{ "Action": ["ims:images:get"] }]\n}\nresource "not" "a_block" {\nEOT\n}\n',
  'resource "huaweicloud_identityv5_policy" "p" {\n  policy_document = jsonencode({\n    Statement = [{ Action = ["ims:images:list", "x}]"] }]\n  })\n}\n',
  'variable "v" {\n  default = "a ${ "}" } b $${not} %%{not}"\n}\n',
  '# a comment { [ (\n',
  '// another } ] )\n',
  '/* a block comment\n   resource "x" "y" {\n*/\n',
  'locals {\n  s = "escaped \\" quote {"\n  h = <<-EOT\n    indented } heredoc\n    EOT\n}\n',
  'resource "huaweicloud_images_image" "i" {\n  tags = { env = "prod", team = "a${var.t}" }\n}\n',
  'terraform {\n  required_providers {\n    huaweicloud = { source = "huaweicloud/huaweicloud" }\n  }\n}\n',
  'output "o" {\n  value = [for x in var.list : x if x != "}"]\n}\n',
  'x = 1\n',
  'h = <<EOT\ntext { of a top-level heredoc\nEOT\n',
  '\n\n',
];

test('on valid files, the items start where the parser finds the top-level blocks, attributes and comments', () => {
  const random = seededRandom(7);
  for (let round = 0; round < 120; round++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(random() * 8);
    for (let i = 0; i < n; i++) parts.push(SNIPPETS[Math.floor(random() * SNIPPETS.length)]);
    const text = parts.join('');
    const expected = parserStarts(text);
    const items = topLevelItems(text).map((i) => i.start);
    assert.deepEqual(items, expected, `round ${round}:\n${text}`);
  }
});

test('each item ends where its text ends: blank lines after it are not part of it', () => {
  const text = 'a = 1\n\n\nb = 2   \n\n';
  assert.deepEqual(topLevelItems(text), [
    { start: 0, text: 'a = 1' },
    { start: 8, text: 'b = 2' },
  ]);
  assert.deepEqual(topLevelItems(''), []);
  assert.deepEqual(topLevelStarts(''), [0]);
});

test('a bracket left open while typing does not swallow the blocks that start at column 0 after it', () => {
  const typing =
    'resource "huaweicloud_identity_role" "a" {\n  policy = jsonencode({ Action = ["ims:\n}\n\nresource "huaweicloud_images_image" "b" {\n  tags = { a = "b" }\n}\n';
  const starts = topLevelStarts(typing);
  assert.equal(starts.length, 2);
  assert.equal(typing.slice(starts[1]).split('\n')[0], 'resource "huaweicloud_images_image" "b" {');
  // Inside a heredoc such a line is text, not a block.
  const heredoc = 'locals {\n  h = <<EOT\nresource "x" "y" {\nEOT\n}\n';
  assert.deepEqual(topLevelStarts(heredoc), [0]);
  // Nor does an indented one count (a nested block, as terraform fmt writes it).
  assert.deepEqual(topLevelStarts('resource "a" "b" {\n  x = [\n  resource "c" {\n'), [0]);
});

test('unterminated strings, comments and heredocs end the scan without a loop or a throw', () => {
  for (const text of ['"open', '/* open', '<<EOT\nno end', 'x = "${', 'x = "${"${"${', '}}}]]))', '<<', '<<-', '"\\']) {
    const starts = topLevelStarts(text);
    assert.equal(starts[0], 0, text);
    assert.ok(
      starts.every((s, i) => i === 0 || s > starts[i - 1]),
      text,
    );
  }
});
