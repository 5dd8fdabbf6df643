/** .http diagnostics: bodies, methods, paths and the workspace verdict. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type TextEdit } from 'vscode-languageserver';
import { allowList, policySource } from '../support/policies';
import { service, http, HOST, ADD, diags } from '../support/http';

test('a valid request has no diagnostics; requests to other services are ignored', () => {
  assert.deepEqual(diags(ADD), []);
  assert.deepEqual(diags('POST https://example.com/v2/things\n\n{"x": 1}\n'), []);
});

test('body against the schema: enum, type, required, unknown property, tag rules, list limits, duplicate keys', () => {
  const batch = (body: string) => diags(`POST ${HOST}/v2/p/images/i/tags/action\nContent-Type: application/json\n\n${body}\n`);
  const e = batch('{"action": "Create", "tags": [{"key": "a", "value": ""}]}');
  assert.equal(e[0].code, 'body-schema');
  assert.equal(e[0].text, '"Create"');
  assert.match(e[0].message, /use "create" or "delete"/);
  const dup = batch('{"action": "create", "tags": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}');
  assert.deepEqual(
    dup.map((x) => [x.code, x.text]),
    [['duplicate-tag-key', '"a"']],
  );
  const rule = batch('{"action": "create", "tags": [{"key": "bad=key", "value": "x"}]}');
  assert.equal(rule[0].code, 'tag-rule');
  assert.match(rule[0].message, /Tag key "bad=key" breaks the key rule: 1–128 characters/);
  const long = batch(`{"action": "create", "tags": [{"key": "k", "value": "${'v'.repeat(256)}"}]}`);
  assert.match(long[0].message, /Tag value is 256 characters; IMS accepts at most 255/);
  const many = batch(
    `{"action": "create", "tags": [${Array.from({ length: 21 }, (_, i) => `{"key": "k${i}", "value": ""}`).join(',')}]}`,
  );
  assert.match(many[0].message, /"tags" has 21 entries; at most 20/);
  const missing = batch('{"action": "create"}');
  assert.match(missing[0].message, /Missing required property "tags"/);
  const byTags = diags(
    `POST ${HOST}/v2/p/images/resource_instances/action\nContent-Type: application/json\n\n{"action": "filter", "limit": 10, "extra": true}\n`,
  );
  assert.deepEqual(byTags.map((x) => x.text).sort(), ['"extra"', '10']);
  assert.match(byTags.find((x) => x.text === '10')!.message, /limit and offset as strings/);
  // A {{variable}} inside a string is not judged by its placeholder text.
  assert.deepEqual(
    diags(
      `@key = env\n@value = prod\nPOST ${HOST}/v2/p/images/i/tags/action\nContent-Type: application/json\n\n{"action": "create", "tags": [{"key": "{{key}}", "value": "{{value}}"}]}\n`,
    ),
    [],
  );
});

test('body syntax errors, a missing body, a missing Content-Type (with a fix)', () => {
  const syntax = diags(`POST ${HOST}/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": {"key": "a", "value": "b"}\n`);
  assert.equal(syntax[0].code, 'body-json-syntax');
  const noBody = diags(`POST ${HOST}/v2/p/images/i/tags\n`);
  assert.equal(noBody[0].code, 'missing-body');
  const d = http(`POST ${HOST}/v2/p/images/i/tags\n\n{"tag": {"key": "a", "value": "b"}}\n`);
  const ls = service();
  const ds = ls.diagnostics(d);
  assert.deepEqual(
    ds.map((x) => x.code),
    ['missing-content-type'],
  );
  const [fix] = ls.codeActions(d, ds);
  const out = TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]);
  assert.match(out, /tags\nContent-Type: application\/json;charset=UTF-8\n\n/);
  assert.deepEqual(ls.diagnostics(http(out)), []);
});

test('method not supported, unknown path with a did-you-mean', () => {
  const m = diags(`PATCH ${HOST}/v2/p/images/i/tags\n`);
  assert.equal(m[0].code, 'method-not-supported');
  assert.equal(m[0].text, 'PATCH');
  assert.match(m[0].message, /use POST or GET/);
  const p = diags(`GET ${HOST}/v2/p/image/tags\n`);
  assert.equal(p[0].code, 'unknown-ims-path');
  assert.match(p[0].message, /Did you mean "\/v2\/\{project_id\}\/images\/tags"/);
});

test('the workspace policies: not granted names the missing actions; a Deny names file and statement; Conditions may apply', () => {
  const none = diags(ADD, [policySource('file:///ws/read.json', allowList(['ims:images:list']))]);
  assert.deepEqual(
    none.map((d) => d.code),
    ['not-granted'],
  );
  assert.match(none[0].message, /No policy in the workspace grants "ims:images:update"/);
  const denied = diags(ADD, [
    policySource('file:///ws/all.json', allowList(['ims:*:*'])),
    policySource(
      'file:///ws/deny.json',
      `{"Version": "1.1", "Statement": [{"Effect": "Deny", "Action": ["ims:images:update"]}]}`,
    ),
  ]);
  assert.deepEqual(
    denied.map((d) => d.code),
    ['denied-by-policy'],
  );
  assert.match(denied[0].message, /denied by deny\.json, statement 1/);
  assert.equal(denied[0].relatedInformation?.[0].location.uri, 'file:///ws/deny.json');
  const conditional = diags(ADD, [
    policySource('file:///ws/c.json', allowList(['ims:images:update'], ', "Condition": {"Bool": {"g:MFAPresent": ["true"]}}')),
  ]);
  assert.deepEqual(
    conditional.map((d) => d.code),
    ['conditionally-granted'],
  );
  assert.match(
    conditional[0].message,
    /allowed only under a Condition \(c\.json, statement 1 \(with a Condition\)\): it may not apply/,
  );
  assert.deepEqual(diags(ADD, [policySource('file:///ws/ok.json', allowList(['ims:images:*']))]), []);
});

test('a body on an API that takes none is a warning on the body; a body in another file is not judged', () => {
  const list = `GET ${HOST}/v2/p/images/i/tags\n`;
  const [d] = diags(`${list}Content-Type: application/json\n\n{"tag": {"key": "a", "value": "b"}}\n`);
  assert.equal(d.code, 'unexpected-body');
  assert.equal(d.severity, 2);
  assert.equal(d.text, '{"tag": {"key": "a", "value": "b"}}');
  assert.match(d.message, /ListImageTags takes no request body/);
  assert.deepEqual(diags(`${list}\n< ./body.json\n`), []);
});
