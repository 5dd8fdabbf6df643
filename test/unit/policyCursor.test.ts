/** The node under the cursor: the binary search agrees with jsonc-parser's own lookup at every offset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtOffset, parseTree } from 'jsonc-parser';
import { nodeAt } from '../../server/services/policyCursor';

const ROOT = join(__dirname, '../../..');

test('nodeAt equals findNodeAtOffset (end included) at every offset of real policies, broken ones too', () => {
  const texts = [
    readFileSync(join(ROOT, 'examples/policy.json'), 'utf8'),
    readFileSync(join(ROOT, 'test/fixtures/workspace/policy.json'), 'utf8'),
    '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:list", "ims:ima',
    '{"a": [1, 2, [3, {"b": "c"}], {}], "d": ""}',
  ];
  for (const text of texts) {
    const tree = parseTree(text)!;
    for (let offset = -1; offset <= text.length + 1; offset++) {
      assert.equal(nodeAt(tree, offset), findNodeAtOffset(tree, offset, true), `offset ${offset} of ${text.slice(0, 40)}`);
    }
  }
});
