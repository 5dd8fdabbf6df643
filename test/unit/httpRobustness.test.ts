/** .http services on broken input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Range } from 'vscode-languageserver';
import { allowList, policySource } from '../support/policies';
import { service, http, HOST, ADD } from '../support/http';
import { scaled } from '../support/mutation';

test('broken input never throws: half-typed requests, unbalanced braces, junk, a 10 MB file', () => {
  const ls = service([policySource('file:///ws/p.json', allowList(['ims:*:*']))]);
  const sample = `@h = ims.{{r}}.myhuaweicloud.com\n###\n${ADD}###\nPUT https://{{h}}/v2/images/a/tags/b\n`;
  for (let n = 0; n <= sample.length; n += 3) {
    const d = http(sample.slice(0, n));
    ls.diagnostics(d);
    ls.inlayHints(d, Range.create(0, 0, 50, 0));
    ls.complete(d, d.positionAt(n));
    ls.hover(d, d.positionAt(Math.floor(n / 2)));
  }
  ls.diagnostics(http(`POST ${HOST}/v2/p/images/i/tags\n\n{{{{[[[[{"tag": {`));
  ls.diagnostics(http('\u0000\u0001\ufffe{{{{ ### @x = {{x}}\nGET {{'));
  const big = Array.from({ length: scaled(40_000) }, () => ADD).join('###\n');
  assert.ok(big.length > scaled(4_000_000));
  assert.ok(Array.isArray(ls.diagnostics(http(big.repeat(3)))));
});

test('a file variable whose name is no reference (`@}region`) is left out of completion, never a crash', () => {
  // Found by the property test (seed -1087079051): completing {{ in such a file threw in the resolver.
  const text = `@}region = cn-north-4\n@region = cn-east-3\nPOST https://ims.{{}}.myhuaweicloud.com/v2/p/images/i/tags\n`;
  const d = http(text);
  const labels = service()
    .complete(d, d.positionAt(text.indexOf('{{') + 2))
    .items.map((i) => i.label);
  assert.ok(labels.includes('region'), labels.join(', '));
  assert.ok(!labels.includes('}region'));
});
