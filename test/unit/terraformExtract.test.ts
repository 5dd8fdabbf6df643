/**
 * What core/terraform/extract.ts reads from a real HCL parse (the tree-sitter grammar the server uses):
 * which resources count, each form of policy turned into JSON character for character with its source
 * map, Terraform expressions kept as marked strings, tag maps with the exact ranges of keys and values,
 * and blocks taken from the cache at a new place as a fresh read gives them.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  extractTerraform,
  isImageResource,
  readTerraform,
  type BlockCache,
  type TerraformModel,
} from '../../core/terraform/extract';
import { loadHclParser, parseHcl } from '../../server/terraform/hclParser';
import { DIST } from '../support/terraform';
import { topLevelItems } from '../../core/terraform/topLevel';

before(async () => {
  await loadHclParser(
    (file) => join(DIST, file),
    async () => import('web-tree-sitter'),
  );
});

/** A file read item by item, as the server reads it. */
const read = (text: string, previous?: BlockCache, next?: BlockCache): TerraformModel => {
  const model = readTerraform(topLevelItems(text), parseHcl, previous, next);
  assert.ok(model, 'parsed');
  return model;
};
/** The same file parsed whole: one tree, read block by block. */
const readWhole = (text: string): TerraformModel => {
  const root = parseHcl(text);
  assert.ok(root, 'parsed');
  return extractTerraform(root, text);
};
/** The .tf text a virtual range maps back to. */
const back = (text: string, p: TerraformModel['policies'][number], v: string) => {
  const at = p.json.indexOf(v);
  assert.ok(at >= 0, `${v} in ${p.json}`);
  return text.slice(p.map.toSource(at), p.map.toSource(at + v.length, 'end'));
};
const dynamicTexts = (p: TerraformModel['policies'][number]) => p.dynamic.map((d) => p.json.slice(d.start, d.end));

test('which resource types are IMS images: the documented names, whole', () => {
  for (const yes of [
    'huaweicloud_images_image',
    'huaweicloud_images_image_copy',
    'huaweicloud_ims_ecs_whole_image',
    'huaweicloud_ims_image',
  ])
    assert.ok(isImageResource(yes), yes);
  for (const no of [
    'huaweicloud_images_image_copy2',
    'my_huaweicloud_images_image',
    'huaweicloud_images_images',
    'huaweicloud_ims_image_share',
    'x_huaweicloud_ims_obs_image',
    'huaweicloud_identity_role',
  ])
    assert.ok(!isImageResource(no), no);
});

test('jsonencode in HCL object syntax becomes JSON, each value mapped back to its own characters', () => {
  const text = `resource "huaweicloud_identityv5_policy" "p" {
  policy_document = jsonencode({
    Version = "5.0"
    "Statement" = [
      {
        Effect   = "Allow",
        Action   = ["ims:images:setTags", "ims:images:getTags"]
        Resource = ["*"]
        Priority = 3
        Enabled  = true
        Nothing  = null
        Nested   = {}
      },
    ]
  })
}
`;
  const [p] = read(text).policies;
  assert.equal(p.address, 'huaweicloud_identityv5_policy.p');
  assert.equal(p.resourceType, 'huaweicloud_identityv5_policy');
  assert.equal(p.attribute, 'policy_document');
  assert.equal(p.expectedVersion, '5.0');
  assert.equal(p.form, 'jsonencode');
  assert.equal(
    p.json,
    '{"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ["ims:images:setTags", "ims:images:getTags"], ' +
      '"Resource": ["*"], "Priority": 3, "Enabled": true, "Nothing": null, "Nested": {}}]}',
  );
  assert.deepEqual(JSON.parse(p.json).Statement[0].Action, ['ims:images:setTags', 'ims:images:getTags']);
  assert.deepEqual(p.dynamic, []);
  assert.equal(text.slice(p.start, p.end), text.slice(text.indexOf('jsonencode'), text.lastIndexOf(')') + 1));
  assert.equal(back(text, p, '"ims:images:getTags"'), '"ims:images:getTags"');
  assert.equal(back(text, p, 'Priority'), 'Priority', 'an unquoted key maps to its own letters');
  assert.equal(back(text, p, '"Statement"'), '"Statement"');
  assert.equal(back(text, p, '3'), '3');
  assert.equal(back(text, p, 'true'), 'true');
  assert.equal(back(text, p, 'null'), 'null');
});

test('Terraform expressions inside jsonencode are strings of their source, marked so nothing judges them', () => {
  const text = `resource "huaweicloud_identity_role" "r" {
  policy = jsonencode({
    Version   = var.version
    Statement = [{
      Action    = ["ims:\${local.verb}", lower("IMS:IMAGES:GET")]
      Condition = { (local.key) = { "g:ResourceTag/env" = "%{if true}prod%{endif}" } }
    }]
  })
}
`;
  const [p] = read(text).policies;
  assert.equal(p.expectedVersion, '1.1');
  assert.equal(p.attribute, 'policy');
  const doc = JSON.parse(p.json);
  assert.equal(doc.Version, 'var.version');
  assert.deepEqual(doc.Statement[0].Action, ['ims:${local.verb}', 'lower("IMS:IMAGES:GET")']);
  // A parenthesised key is the expression inside the parentheses.
  assert.deepEqual(Object.keys(doc.Statement[0].Condition), ['local.key']);
  assert.deepEqual(dynamicTexts(p), [
    '"var.version"',
    '"ims:${local.verb}"',
    '"lower(\\"IMS:IMAGES:GET\\")"',
    '"local.key"',
    '"%{if true}prod%{endif}"',
  ]);
  // A dynamic value maps to where its expression starts.
  const at = p.json.indexOf('"var.version"');
  assert.equal(p.map.toSource(at + 1), text.indexOf('var.version'));
});

test('a heredoc is its body as written, CRLF and indented forms included, interpolations marked', () => {
  const lf = `resource "huaweicloud_identity_role" "h" {
  policy = <<EOT
{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:\${var.verb}"]}]}
EOT
}
`;
  const [p] = read(lf).policies;
  assert.equal(p.form, 'heredoc');
  assert.equal(p.json, '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:${var.verb}"]}]}\n');
  assert.deepEqual(dynamicTexts(p), ['${var.verb}']);
  assert.equal(back(lf, p, '"Allow"'), '"Allow"');
  assert.equal(p.map.toSource(0), lf.indexOf('{"Version"'));

  const crlf = lf.replace(/\n/g, '\r\n');
  const [c] = read(crlf).policies;
  assert.equal(c.json, '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:${var.verb}"]}]}\r\n');
  assert.equal(back(crlf, c, '"Allow"'), '"Allow"');
  assert.deepEqual(dynamicTexts(c), ['${var.verb}']);

  const indented = `resource "huaweicloud_identity_role" "i" {
  policy = <<-EOT
    {"Version": "1.1"}
  EOT
}
`;
  const [i] = read(indented).policies;
  assert.equal(i.json, '    {"Version": "1.1"}\n  ');
  assert.equal(back(indented, i, '"1.1"'), '"1.1"');

  const empty = `resource "huaweicloud_identity_role" "e" {
  policy = <<EOT
EOT
}
`;
  const [e] = read(empty).policies;
  assert.equal(e?.json ?? '', '', 'an empty heredoc is an empty document, or none');
});

test('comments anywhere in the block are passed over, never read as labels, arguments or values', () => {
  const text = `resource /* kind */ "huaweicloud_identity_role" /* name */ "c" {
  # the policy
  policy = jsonencode( # the document
    { # opening
      Version = /* which */ "1.1" # trailing
      Statement = [ /* none yet */ ]
    }
  )
}
resource "huaweicloud_images_image" "i" {
  tags = /* map */ { # first
    a = /* value */ "b" # after
  }
}
`;
  const m = read(text);
  assert.equal(m.policies[0]?.address, 'huaweicloud_identity_role.c');
  assert.equal(m.policies[0].json, '{"Version": "1.1", "Statement": []}');
  assert.deepEqual(
    m.tagMaps[0]?.entries.map((e) => [e.key, e.value, e.dynamicKey, e.dynamicValue]),
    [['a', 'b', false, false]],
  );
});

test('what is not a policy is left alone', () => {
  const none = (body: string, type = 'huaweicloud_identity_role') =>
    read(`resource "${type}" "x" {\n  ${body}\n}\n`).policies.length === 0;
  assert.ok(none('policy = file("p.json")'), 'a function other than jsonencode');
  assert.ok(none('policy = jsonencode()'), 'jsonencode without an argument');
  assert.ok(none('policy = var.policy'), 'a reference');
  assert.ok(none('policy_document = jsonencode({})'), "the other resource's attribute");
  assert.ok(none('policy = jsonencode({})', 'huaweicloud_identityv5_policy'), "the other resource's attribute");
  assert.ok(none('policy = jsonencode({})', 'huaweicloud_identity_role_x'));
  assert.ok(!none('policy = jsonencode({})'));
  assert.equal(
    read('data "huaweicloud_identity_role" "x" {\n  policy = jsonencode({})\n}\n').policies.length,
    0,
    'a data source',
  );
  assert.equal(read('resource "huaweicloud_identity_role" {\n  policy = jsonencode({})\n}\n').policies.length, 0, 'no name');
  assert.equal(
    read('resource "huaweicloud_${var.kind}" "x" {\n  policy = jsonencode({})\n}\n').policies.length,
    0,
    'an interpolated type',
  );
  // An empty name is a name (Terraform refuses it later; the policy is still read).
  assert.equal(
    read('resource "huaweicloud_identity_role" "" {\n  policy = jsonencode({})\n}\n').policies[0]?.address,
    'huaweicloud_identity_role.',
  );
});

test('tag maps: exact ranges of keys and values, quoted or not; expressions kept and marked', () => {
  const text = `resource "huaweicloud_images_image" "img" {
  name = "x"
  tags = {
    env          = "prod"
    "cost-center" = " blue "
    empty        = ""
    (var.k)      = "v"
    owner        = var.owner
    count        = 3
    mixed        = "a-\${var.b}"
  }
}
`;
  const [m] = read(text).tagMaps;
  assert.equal(m.address, 'huaweicloud_images_image.img');
  assert.equal(text.slice(m.start, m.end).trim().startsWith('{'), true);
  const rows = m.entries.map((e) => ({
    key: e.key,
    value: e.value,
    keyAt: text.slice(e.keyStart, e.keyEnd),
    valueAt: text.slice(e.valueStart, e.valueEnd),
    dyn: `${e.dynamicKey ? 'K' : ''}${e.dynamicValue ? 'V' : ''}`,
  }));
  assert.deepEqual(rows, [
    { key: 'env', value: 'prod', keyAt: 'env', valueAt: 'prod', dyn: '' },
    { key: 'cost-center', value: ' blue ', keyAt: 'cost-center', valueAt: ' blue ', dyn: '' },
    { key: 'empty', value: '', keyAt: 'empty', valueAt: '', dyn: '' },
    { key: 'var.k', value: 'v', keyAt: 'var.k', valueAt: 'v', dyn: 'K' },
    { key: 'owner', value: 'var.owner', keyAt: 'owner', valueAt: 'var.owner', dyn: 'V' },
    { key: 'count', value: '3', keyAt: 'count', valueAt: '3', dyn: 'V' },
    { key: 'mixed', value: '"a-${var.b}"', keyAt: 'mixed', valueAt: '"a-${var.b}"', dyn: 'V' },
  ]);

  // Tags that are not a literal map, and resources that are not images, give no map.
  assert.equal(read('resource "huaweicloud_images_image" "a" {\n  tags = var.tags\n}\n').tagMaps.length, 0);
  assert.equal(read('resource "huaweicloud_vpc" "a" {\n  tags = { a = "b" }\n}\n').tagMaps.length, 0);
  assert.equal(read('resource "huaweicloud_ims_ecs_system_image" "a" {\n  tags = { a = "b" }\n}\n').tagMaps.length, 1);
  // Every image type isImageResource names is read, the copy too (a pattern of its own once left it out).
  assert.equal(read('resource "huaweicloud_images_image_copy" "a" {\n  tags = { a = "b" }\n}\n').tagMaps.length, 1);
  assert.equal(read('resource "huaweicloud_images_image" "a" {\n  labels = { a = "b" }\n}\n').tagMaps.length, 0);
});

test('a block read from the cache at a new place gives what a fresh read gives', () => {
  const block = (n: number) => `resource "huaweicloud_identity_role" "r${n}" {
  policy = jsonencode({ Version = "1.1", Statement = [{ Effect = "Allow", Action = ["ims:images:list"] }] })
}
resource "huaweicloud_images_image" "i${n}" {
  tags = { env = "prod", team = var.team }
}
`;
  const before = `${block(1)}${block(2)}`;
  const after = `# moved down\n${block(1)}\n${block(2)}`;
  const first: BlockCache = new Map();
  read(before, undefined, first);
  assert.equal(first.size, 4, 'one entry a block');
  const second: BlockCache = new Map();
  let parses = 0;
  const counted = readTerraform(topLevelItems(after), (t) => (parses++, parseHcl(t)), first, second);
  assert.equal(parses, 0, 'blank lines and a comment added: no block parsed again, the comment not at all');
  const cached = read(after, first, second);
  const fresh = read(after);
  const plain = (m: TerraformModel) => ({
    policies: m.policies.map(({ map, ...p }) => ({ ...p, back: [0, 10, p.json.length].map((v) => map.toSource(v, 'end')) })),
    tagMaps: m.tagMaps,
  });
  assert.deepEqual(plain(cached), plain(fresh));
  assert.deepEqual(plain(counted!), plain(fresh));
  assert.deepEqual(plain(fresh), plain(readWhole(after)), 'item by item reads what one parse of the whole file reads');
  assert.ok(
    [...first.keys()].every((k) => second.has(k)),
    'every block carried over for the next edit',
  );
  // At the place it was read: the same objects, nothing copied.
  const firstRead = read(before, undefined, new Map());
  const again = read(before, first, new Map());
  assert.equal(again.policies[0].map, [...first.values()][0].policies[0].map);
  assert.deepEqual(plain(again), plain(firstRead));
  // A block seen twice in one file is read once and kept once.
  const twice = `${block(1)}${block(1)}`;
  const dup: BlockCache = new Map();
  const both = read(twice, undefined, dup);
  assert.equal(both.policies.length, 2);
  assert.equal(dup.size, 2, 'one entry an item text');
  assert.equal(both.policies[1].start - both.policies[0].start, block(1).length);
});
