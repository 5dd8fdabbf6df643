/** .http quick fixes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type TextEdit } from 'vscode-languageserver';
import { allowList, policySource } from '../support/policies';
import { service, http, HOST, ADD } from '../support/http';

test('deprecated OpenStack-native API: a hint with a quick fix that rewrites it', () => {
  const ls = service();
  const create = http(`PUT ${HOST}/v2/images/img-7/tags/env\nX-Auth-Token: {{$processEnv IMS_TOKEN}}\n`);
  const ds = ls.diagnostics(create);
  assert.equal(ds[0].code, 'deprecated-api');
  const fix = ls.codeActions(create, ds).find((a) => a.title === 'Rewrite as AddImageTag')!;
  const out = TextDocument.applyEdits(create, fix.edit!.changes![create.uri] as TextEdit[]);
  assert.match(
    out,
    /^POST https:\/\/ims\.cn-north-4\.myhuaweicloud\.com\/v2\/\{\{projectId\}\}\/images\/img-7\/tags\nX-Auth-Token: \{\{\$processEnv IMS_TOKEN\}\}\nContent-Type: application\/json;charset=UTF-8\n\n\{\n {2}"tag": \{\n {4}"key": "env",\n {4}"value": ""/,
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
  // The fix then shows the policy file at the new action.
  assert.equal(actions[0].command?.command, 'imsTags.showDocument');
  assert.equal(actions[0].command?.arguments?.[0], 'file:///ws/read.json');
});

test("quick fix: the granted actions keep the array's layout, one a line or inline", () => {
  const multiLine =
    '{\n  "Version": "1.1",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": [\n        "ims:images:list",\n        "ims:images:lst"\n      ]\n    }\n  ]\n}';
  const inline = '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:list"]}]}';
  const grant = (text: string) => {
    const ls = service([policySource('file:///ws/p.json', text)]);
    const d = http(ADD);
    const edits = ls.codeActions(d, ls.diagnostics(d))[0].edit!.changes!['file:///ws/p.json'] as TextEdit[];
    return TextDocument.applyEdits(TextDocument.create('file:///ws/p.json', 'json', 1, text), edits);
  };
  // A new line with the last item's indentation, after the typo's line, not on it.
  assert.equal(grant(multiLine), multiLine.replace('"ims:images:lst"\n', '"ims:images:lst",\n        "ims:images:update"\n'));
  assert.equal(grant(inline), inline.replace('["ims:images:list"]', '["ims:images:list", "ims:images:update"]'));
});

test('quick fix: an enum value in the wrong case becomes the documented spelling', () => {
  const ls = service();
  const d = http(`POST ${HOST}/v2/p/images/i/tags/action\nContent-Type: application/json\n\n{"action": "Create", "tags": []}\n`);
  const ds = ls.diagnostics(d);
  const fix = ls.codeActions(d, ds).find((a) => a.title === 'Replace with "create"');
  assert.ok(
    fix,
    ls
      .codeActions(d, ds)
      .map((a) => a.title)
      .join(),
  );
  const fixed = TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]);
  assert.match(fixed, /\{"action": "create", "tags": \[\]\}/);
  // A value that is no enum member in any case gets no fix.
  const other = http(
    `POST ${HOST}/v2/p/images/i/tags/action\nContent-Type: application/json\n\n{"action": "make", "tags": []}\n`,
  );
  assert.deepEqual(ls.codeActions(other, ls.diagnostics(other)), []);
});

test('a body right after the request line: say "add a blank line", and the fix does it', () => {
  const ls = service();
  const d = http(
    `POST ${HOST}/v2/p/images/i/tags\nContent-Type: application/json;charset=UTF-8\n{"tag": {"key": "a", "value": "b"}}\n`,
  );
  const ds = ls.diagnostics(d);
  assert.deepEqual(
    ds.map((x) => x.code),
    ['body-without-blank-line'],
  );
  assert.match(String(ds[0].message), /add a blank line before the body/);
  const fix = ls.codeActions(d, ds)[0];
  const fixed = TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]);
  assert.deepEqual(ls.diagnostics(http(fixed)), []);
});

test('single-brace placeholders of the API pages are named, with the {{variable}} to use', () => {
  const ls = service();
  const d = http('@region = cn-north-4\nGET https://{Endpoint}/v2/{project_id}/images/tags\n');
  const ds = ls.diagnostics(d).filter((x) => x.code === 'doc-placeholder');
  assert.deepEqual(
    ds.map((x) => d.getText(x.range)),
    ['{Endpoint}', '{project_id}'],
  );
  assert.match(String(ds[0].message), /not a variable: no \.http tool fills single braces/);
  const titles = ls.codeActions(d, ds).map((a) => a.title);
  assert.deepEqual(titles, ['Replace with "ims.{{region}}.myhuaweicloud.com"', 'Replace with "{{projectId}}"']);
  // {{variables}} are not placeholders.
  assert.deepEqual(
    ls.diagnostics(http(`GET ${HOST}/v2/{{projectId}}/images/tags\n`)).filter((x) => x.code === 'doc-placeholder'),
    [],
  );
});

test('a deprecated request whose tag is not valid percent-encoding (%t) is rewritten with the tag as written', () => {
  const ls = service();
  const d = http(`PUT ${HOST}/v2/images/img-7/tags/%t\n`);
  const fix = ls.codeActions(d, ls.diagnostics(d)).find((a) => a.title === 'Rewrite as AddImageTag')!;
  assert.match(TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]), /"key": "%t"/);
});
