/** .http quick fixes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type TextEdit } from 'vscode-languageserver';
import { HttpCode } from '../../server/services/httpDiagnostics';
import { allowList, policySource } from '../support/policies';
import { service, http, HOST, ADD } from '../support/http';

test('deprecated OpenStack-native API: a hint with a quick fix that rewrites it', () => {
  const ls = service();
  const create = http(`PUT ${HOST}/v2/images/img-7/tags/env\nX-Auth-Token: {{token}}\n`);
  const ds = ls.diagnostics(create);
  assert.equal(ds[0].code, HttpCode.deprecated);
  const fix = ls.codeActions(create, ds).find((a) => a.title === 'Rewrite as AddImageTag')!;
  const out = TextDocument.applyEdits(create, fix.edit!.changes![create.uri] as TextEdit[]);
  assert.match(
    out,
    /^POST https:\/\/ims\.cn-north-4\.myhuaweicloud\.com\/v2\/\{\{projectId\}\}\/images\/img-7\/tags\nX-Auth-Token: \{\{token\}\}\nContent-Type: application\/json;charset=UTF-8\n\n\{\n {2}"tag": \{\n {4}"key": "env",\n {4}"value": ""/,
  );
  assert.deepEqual(ls.diagnostics(http(out)), []);
  const del = http(`DELETE ${HOST}/v2/images/img-7/tags/env\n`);
  const dfix = ls.codeActions(del, ls.diagnostics(del))[0];
  assert.equal(
    TextDocument.applyEdits(del, dfix.edit!.changes![del.uri] as TextEdit[]),
    `DELETE ${HOST}/v2/{{projectId}}/images/img-7/tags/env\n`,
  );
});

test('quick fix: grant the missing actions in a chosen policy file', () => {
  const source = policySource('file:///ws/read.json', allowList(['ims:images:list']));
  const ls = service([source]);
  const d = http(ADD);
  const actions = ls.codeActions(d, ls.diagnostics(d));
  assert.equal(actions[0].title, 'Grant ims:images:update in read.json (statement 1)');
  const edits = actions[0].edit!.changes!['file:///ws/read.json'] as TextEdit[];
  const policyDoc = TextDocument.create('file:///ws/read.json', 'json', 1, allowList(['ims:images:list']));
  const updated = TextDocument.applyEdits(policyDoc, edits);
  assert.deepEqual(service([policySource('file:///ws/read.json', updated)]).diagnostics(d), []);
});
