import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Range } from 'vscode-languageserver';
import { doc, service } from '../support/docs';

const text = `{"Version": "1.1", "Statement": [
  {"Effect": "Allow", "Action": ["ims:images:list", "ims:images:update"]},
  {"Effect": "Deny", "Action": ["ims:images:get"]},
  {"Effect": "Allow", "Action": ["ims:*:*"], "Condition": {"Bool": {"g:MFAPresent": ["true"]}}}
]}`;

const all = Range.create(0, 0, 10, 0);

test('each statement says what it grants in terms of the ten tag APIs', () => {
  const d = doc(text);
  const hints = service().inlayHints(d, all);
  assert.deepEqual(
    hints.map((h) => h.label),
    [
      'allows 7 of the 10 IMS tag APIs', // 4 list APIs + BatchAddOrDelete, AddImageTag, DeleteImageTag
      'denies 3 of the 10 IMS tag APIs', // the two native ones and CreateOrUpdateTags need get
      'allows 10 of the 10 IMS tag APIs (conditionally)',
    ],
  );
  assert.equal(
    d.getText(Range.create(hints[0].position, { line: hints[0].position.line, character: hints[0].position.character + 9 })),
    '"Effect":',
  );
  const tooltip = (hints[1].tooltip as { value: string }).value;
  assert.match(tooltip, /Adding or Modifying a Tag/);
  assert.doesNotMatch(tooltip, /Adding an Image Tag/);
});

test('only statements in the requested range, none when the setting is off, Chinese labels', () => {
  const d = doc(text);
  assert.equal(service().inlayHints(d, Range.create(2, 0, 2, 10)).length, 1);
  assert.deepEqual(service({ policyInlayHints: false }).inlayHints(d, all), []);
  assert.equal(service({ lang: 'zh' }).inlayHints(d, all)[0].label, '允许 7/10 个IMS标签接口');
});
