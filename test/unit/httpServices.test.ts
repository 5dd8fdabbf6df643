import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range, type TextEdit } from 'vscode-languageserver';
import { IMS_APIS } from '../../core/catalogue';
import { parseHttpFile } from '../../core/http/httpFile';
import { matchImsRequest } from '../../core/http/imsRequest';
import { getLanguageService } from '../../server/languageService';
import { HttpCode } from '../../server/services/httpDiagnostics';
import { requestSnippet } from '../../server/services/httpCompletion';
import type { PolicySource } from '../../core/policy/evaluator';
import { doc as makeDoc, withCursor } from '../support/docs';
import { allowList, policySource } from '../support/policies';

function service(policies: PolicySource[] = [], lang: 'en' | 'zh' = 'en') {
  return getLanguageService({ settings: () => ({ lang, policyInlayHints: true, httpInlayHints: true }), policies: () => policies });
}
const http = (text: string) => makeDoc(text, 'http');
const HOST = 'https://ims.cn-north-4.myhuaweicloud.com';
const ADD = `POST ${HOST}/v2/p1/images/img-1/tags\nContent-Type: application/json;charset=UTF-8\n\n{"tag": {"key": "env", "value": "prod"}}\n`;

function diags(text: string, policies: PolicySource[] = []) {
  const d = http(text);
  return service(policies).diagnostics(d).map((x) => ({ ...x, message: String(x.message), text: d.getText(x.range) }));
}

function labels(marked: string): string[] {
  const { doc, position } = withCursor(marked, 'http');
  return service().complete(doc, position).items.map((i) => i.label);
}

test('on an empty request line: every IMS request as a snippet whose body is valid against its schema', () => {
  const got = labels('@region = cn-north-4\n\n###\n|\n');
  assert.equal(got.length, IMS_APIS.length);
  assert.ok(got.includes('POST /v2/{project_id}/images/{image_id}/tags'));
  const ajv = new Ajv2020({ strict: true, strictRequired: false });
  for (const api of IMS_APIS) {
    const snippet = requestSnippet(api);
    const text = snippet.replace(/\\\$/g, '$').replace('$0', '');
    const f = parseHttpFile(text);
    const m = matchImsRequest(f.requests[0], f.variables);
    assert.equal(m?.kind === 'api' && m.api.id, api.id, `the ${api.id} snippet is recognised as itself`);
    if (api.bodySchema) assert.equal(ajv.validate(api.bodySchema, JSON.parse(f.requests[0].body!.text)), true, `${api.id} skeleton is valid`);
  }
});

test('inside a URL path: the next segments', () => {
  assert.deepEqual(labels(`GET ${HOST}/v2/{{projectId}}/images/|`).sort(), ['resource_instances', 'tags', '{{imageId}}']);
  assert.deepEqual(labels(`GET ${HOST}/v1/|`).sort(), ['cloudimages', '{{projectId}}']);
});

test('header names and Content-Type values', () => {
  const names = labels(`POST ${HOST}/v2/p/images/i/tags\nX-Auth-Token: t\n|`);
  assert.deepEqual(names.sort(), ['Content-Type', 'X-Project-Id', 'X-Sdk-Date']);
  assert.deepEqual(labels(`POST ${HOST}/v2/p/images/i/tags\nContent-Type: |`), ['application/json;charset=UTF-8', 'application/json']);
});

test('in a JSON body: property names and enum values from the schema', () => {
  assert.deepEqual(labels(`POST ${HOST}/v2/p/images/i/tags/action\nContent-Type: application/json\n\n{"action": "|"}`).sort(), ['"create"', '"delete"']);
  const keys = labels(`POST ${HOST}/v2/p/images/resource_instances/action\nContent-Type: application/json\n\n{"action": "filter", "|"}`);
  for (const k of ['tags', 'tags_any', 'not_tags', 'not_tags_any', 'without_any_tag', 'limit', 'offset', 'matches']) assert.ok(keys.includes(k), k);
  assert.deepEqual(labels(`POST ${HOST}/v2/p/images/resource_instances/action\nContent-Type: application/json\n\n{"action": "filter", "matches": [{"key": "|"}]}`).sort(), ['"resource_id"', '"resource_name"']);
});

test('{{variables}} defined in the file', () => {
  assert.deepEqual(labels(`@region = cn-north-4\n@projectId = p1\nGET https://ims.{{reg|}}.myhuaweicloud.com/v2/x/images/tags`).sort(), ['projectId', 'region']);
});

test('hover on a request line: titles in both languages, actions, IAM/EP, deprecation, status, link, policy verdict', () => {
  const policies = [policySource('file:///ws/p.json', allowList(['ims:images:update']))];
  const { doc, position } = withCursor(`PU|T ${HOST}/v2/images/img/tags/env\n`, 'http');
  const md = (service(policies).hover(doc, position)!.contents as { value: string }).value;
  assert.match(md, /Adding a Tag \(Native OpenStack API\)\*\* · 增加标签（OpenStack原生）/);
  assert.match(md, /`ims:images:get`, `ims:images:update` · IAM project ✓ · enterprise project ✗/);
  assert.match(md, /Deprecated: use Adding an Image Tag/);
  assert.match(md, /Success: 204/);
  assert.match(md, /ims_03_0712\.html/);
  assert.match(md, /❌ `ims:images:get` granted by no policy/);
  assert.match(md, /✅ `ims:images:update` allowed by p\.json, statement 1/);
});

test('inlay hints after each IMS request line, off by setting', () => {
  const d = http(`${ADD}\n###\nGET https://example.com/x\n`);
  const hints = service().inlayHints(d, Range.create(0, 0, 20, 0));
  assert.deepEqual(hints.map((h) => h.label), ['needs ims:images:update']);
  const off = getLanguageService({ settings: () => ({ lang: 'en', policyInlayHints: true, httpInlayHints: false }) });
  assert.deepEqual(off.inlayHints(d, Range.create(0, 0, 20, 0)), []);
});

test('a valid request has no diagnostics; requests to other services are ignored', () => {
  assert.deepEqual(diags(ADD), []);
  assert.deepEqual(diags('POST https://example.com/v2/things\n\n{"x": 1}\n'), []);
});

test('body against the schema: enum, type, required, unknown property, tag rules, list limits, duplicate keys', () => {
  const batch = (body: string) => diags(`POST ${HOST}/v2/p/images/i/tags/action\nContent-Type: application/json\n\n${body}\n`);
  const e = batch('{"action": "Create", "tags": [{"key": "a", "value": ""}]}');
  assert.equal(e[0].code, HttpCode.bodySchema);
  assert.equal(e[0].text, '"Create"');
  assert.match(e[0].message, /use "create" or "delete"/);
  const dup = batch('{"action": "create", "tags": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}');
  assert.deepEqual(dup.map((x) => [x.code, x.text]), [[HttpCode.duplicateKey, '"a"']]);
  const rule = batch('{"action": "create", "tags": [{"key": "bad=key", "value": "x"}]}');
  assert.equal(rule[0].code, HttpCode.tagRule);
  assert.match(rule[0].message, /Tag key "bad=key" breaks the key rule: 1–128 characters/);
  const long = batch(`{"action": "create", "tags": [{"key": "k", "value": "${'v'.repeat(256)}"}]}`);
  assert.match(long[0].message, /Tag value is 256 characters; IMS accepts at most 255/);
  const many = batch(`{"action": "create", "tags": [${Array.from({ length: 21 }, (_, i) => `{"key": "k${i}", "value": ""}`).join(',')}]}`);
  assert.match(many[0].message, /"tags" has 21 entries; at most 20/);
  const missing = batch('{"action": "create"}');
  assert.match(missing[0].message, /Missing required property "tags"/);
  const byTags = diags(`POST ${HOST}/v2/p/images/resource_instances/action\nContent-Type: application/json\n\n{"action": "filter", "limit": 10, "extra": true}\n`);
  assert.deepEqual(byTags.map((x) => x.text).sort(), ['"extra"', '10']);
  assert.match(byTags.find((x) => x.text === '10')!.message, /limit and offset as strings/);
  // A {{variable}} inside a string is not judged by its placeholder text.
  assert.deepEqual(batch('{"action": "create", "tags": [{"key": "{{key}}", "value": "{{value}}"}]}'), []);
});

test('body syntax errors, a missing body, a missing Content-Type (with a fix)', () => {
  const syntax = diags(`POST ${HOST}/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": {"key": "a", "value": "b"}\n`);
  assert.equal(syntax[0].code, HttpCode.bodySyntax);
  const noBody = diags(`POST ${HOST}/v2/p/images/i/tags\n`);
  assert.equal(noBody[0].code, HttpCode.missingBody);
  const d = http(`POST ${HOST}/v2/p/images/i/tags\n\n{"tag": {"key": "a", "value": "b"}}\n`);
  const ls = service();
  const ds = ls.diagnostics(d);
  assert.deepEqual(ds.map((x) => x.code), [HttpCode.missingContentType]);
  const [fix] = ls.codeActions(d, ds);
  const out = TextDocument.applyEdits(d, fix.edit!.changes![d.uri] as TextEdit[]);
  assert.match(out, /tags\nContent-Type: application\/json;charset=UTF-8\n\n/);
  assert.deepEqual(ls.diagnostics(http(out)), []);
});

test('method not supported, unknown path with a did-you-mean', () => {
  const m = diags(`PATCH ${HOST}/v2/p/images/i/tags\n`);
  assert.equal(m[0].code, HttpCode.methodNotSupported);
  assert.equal(m[0].text, 'PATCH');
  assert.match(m[0].message, /use POST or GET/);
  const p = diags(`GET ${HOST}/v2/p/image/tags\n`);
  assert.equal(p[0].code, HttpCode.unknownPath);
  assert.match(p[0].message, /Did you mean "\/v2\/\{project_id\}\/images\/tags"/);
});

test('deprecated OpenStack-native API: a hint with a quick fix that rewrites it', () => {
  const ls = service();
  const create = http(`PUT ${HOST}/v2/images/img-7/tags/env\nX-Auth-Token: {{token}}\n`);
  const ds = ls.diagnostics(create);
  assert.equal(ds[0].code, HttpCode.deprecated);
  const fix = ls.codeActions(create, ds).find((a) => a.title === 'Rewrite as AddImageTag')!;
  const out = TextDocument.applyEdits(create, fix.edit!.changes![create.uri] as TextEdit[]);
  assert.match(out, /^POST https:\/\/ims\.cn-north-4\.myhuaweicloud\.com\/v2\/\{\{projectId\}\}\/images\/img-7\/tags\nX-Auth-Token: \{\{token\}\}\nContent-Type: application\/json;charset=UTF-8\n\n\{\n  "tag": \{\n    "key": "env",\n    "value": ""/);
  assert.deepEqual(ls.diagnostics(http(out)), []);
  const del = http(`DELETE ${HOST}/v2/images/img-7/tags/env\n`);
  const dfix = ls.codeActions(del, ls.diagnostics(del))[0];
  assert.equal(TextDocument.applyEdits(del, dfix.edit!.changes![del.uri] as TextEdit[]), `DELETE ${HOST}/v2/{{projectId}}/images/img-7/tags/env\n`);
});

test('the workspace policies: not granted names the missing actions; a Deny names file and statement; Conditions may apply', () => {
  const none = diags(ADD, [policySource('file:///ws/read.json', allowList(['ims:images:list']))]);
  assert.deepEqual(none.map((d) => d.code), [HttpCode.notGranted]);
  assert.match(none[0].message, /No policy in the workspace grants "ims:images:update"/);
  const denied = diags(ADD, [
    policySource('file:///ws/all.json', allowList(['ims:*:*'])),
    policySource('file:///ws/deny.json', `{"Version": "1.1", "Statement": [{"Effect": "Deny", "Action": ["ims:images:update"]}]}`),
  ]);
  assert.deepEqual(denied.map((d) => d.code), [HttpCode.denied]);
  assert.match(denied[0].message, /denied by deny\.json, statement 1/);
  assert.equal(denied[0].relatedInformation?.[0].location.uri, 'file:///ws/deny.json');
  const conditional = diags(ADD, [policySource('file:///ws/c.json', allowList(['ims:images:update'], ', "Condition": {"Bool": {"g:MFAPresent": ["true"]}}'))]);
  assert.deepEqual(conditional.map((d) => d.code), [HttpCode.conditional]);
  assert.match(conditional[0].message, /allowed only under a Condition \(c\.json, statement 1 \(with a Condition\)\): it may not apply/);
  assert.deepEqual(diags(ADD, [policySource('file:///ws/ok.json', allowList(['ims:images:*']))]), []);
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
  const big = Array.from({ length: 40_000 }, () => ADD).join('###\n');
  assert.ok(big.length > 4_000_000);
  assert.ok(Array.isArray(ls.diagnostics(http(big.repeat(3)))));
});
