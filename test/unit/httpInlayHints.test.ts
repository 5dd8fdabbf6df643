/** Permission hints after IMS request lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Range } from 'vscode-languageserver';
import { service as docsService } from '../support/docs';
import { service, http, ADD } from '../support/http';

test('inlay hints after each IMS request line, off by setting', () => {
  const d = http(`${ADD}\n###\nGET https://example.com/x\n`);
  const hints = service().inlayHints(d, Range.create(0, 0, 20, 0));
  assert.deepEqual(
    hints.map((h) => h.label),
    ['needs ims:images:update'],
  );
  const off = docsService({ httpInlayHints: false });
  assert.deepEqual(off.inlayHints(d, Range.create(0, 0, 20, 0)), []);
});
