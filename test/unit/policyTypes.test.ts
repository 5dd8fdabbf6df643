/** Policies of every type and the documented forms: recognized and judged by their own grammar, or left alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { evaluateAction } from '../../core/policy/evaluator';
import { parseJson } from '../../core/policy/policyDocument';
import { DocumentCache } from '../../server/documentCache';
import { getLanguageService } from '../../server/languageService';
import { nodeFiles } from '../../server/node/nodeFiles';
import { PolicyIndex } from '../../server/policyIndex';
import { doc, service } from '../support/docs';
import { policySource } from '../support/policies';

const ls = service();
const codes = (text: string) => ls.diagnostics(doc(text)).map((d) => String(d.code));
const hints = (text: string) => ls.inlayHints(doc(text), { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } });

test('an OBS bucket policy (no or a dated Version, a Principal) is not ours: no diagnostics, no hints, no completion', () => {
  const obs =
    '{"Statement": [{"Sid": "1", "Effect": "Allow", "Principal": {"ID": ["*"]}, "Action": ["GetObject"], "Resource": "b/*"}]}';
  const s3 =
    '{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": ["*"]}]}';
  for (const text of [obs, s3]) {
    assert.equal(parseJson(text).policy, undefined);
    assert.deepEqual(codes(text), []);
    assert.deepEqual(hints(text), []);
  }
});

test('5.0 trust and VPC endpoint policies may name a Principal; 1.1 policies may not', () => {
  const vpcep = '{"Version": "5.0", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["*"], "Resource": ["*"]}]}';
  assert.equal(parseJson(vpcep).policy?.kind, 'resource');
  assert.deepEqual(codes(vpcep), []);
  const trust =
    '{"Version": "5.0", "Statement": [{"Effect": "Allow", "Principal": {"IAM": ["domain-id"]}, "Action": ["sts:agencies:assume"]}]}';
  assert.deepEqual(codes(trust), []);
  // A Principal in a 1.1 document: another grammar, left alone rather than judged wrongly.
  assert.equal(
    parseJson('{"Version": "1.1", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["ims:*:*"]}]}').policy,
    undefined,
  );
});

test('Resource as a list, one string, or the agency form {"uri": [...]}; anything else says which forms', () => {
  const st = (resource: string) =>
    `{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["kms:cmk:decrypt"], "Resource": ${resource}}]}`;
  assert.deepEqual(codes(st('["*"]')), []);
  assert.deepEqual(codes(st('"*"')), []);
  assert.deepEqual(codes(st('{"uri": ["/iam/agencies/07805acaba800fdd4fbdc00b8f888c7c"]}')), []);
  const bad = ls.diagnostics(doc(st('42')));
  assert.deepEqual(
    bad.map((d) => d.code),
    ['policy-structure'],
  );
  assert.match(String(bad[0].message), /"Resource" must be a list of strings, one string, or \{"uri": \[\.\.\.\]\}/);
});

test('every documented condition operator is accepted, Null and the AnyOf forms too; a typo is still caught', () => {
  for (const op of [
    'Null',
    'IsNull',
    'StringStartWith',
    'StringNotLikeAnyOf',
    'NumberEqualsAnyOf',
    'NotIpAddress',
    'DateGreaterThanEquals',
  ]) {
    const text = `{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["obs:bucket:CreateBucket"], "Condition": {"${op}": {"obs:SourceVpc": ["false"]}}}]}`;
    assert.deepEqual(codes(text), [], op);
  }
  const typo =
    '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:*:*"], "Condition": {"StringEqual": {"g:UserName": ["a"]}}}]}';
  assert.deepEqual(codes(typo), ['unknown-condition-operator']);
});

test('Action "*" allows every IMS action, in the evaluator, the hints and the .http verdict', () => {
  const all = '{"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ["*"]}]}';
  const source = policySource('file:///ws/all.json', all);
  for (const action of ['ims:images:update', 'ims:images:list', 'ims:quotas:get']) {
    assert.equal(evaluateAction(action, [source]).decision, 'allowed', action);
  }
  assert.deepEqual(
    hints(all).map((h) => h.label),
    ['allows 10 of the 10 IMS tag APIs'],
  );
  const lsWith = getLanguageService({ policies: () => [source] });
  const req = TextDocument.create(
    'file:///ws/r.http',
    'http',
    1,
    'POST https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/i/tags\nContent-Type: application/json;charset=UTF-8\n\n{"tag": {"key": "a", "value": "b"}}\n',
  );
  assert.deepEqual(lsWith.diagnostics(req), []);
});

test('the workspace index counts identity policies only: a VPC endpoint policy allowing "*" grants nobody anything', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-types-'));
  writeFileSync(
    join(dir, 'vpcep.json'),
    '{"Version": "5.0", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["*"]}]}',
  );
  writeFileSync(
    join(dir, 'reader.json'),
    '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:list"]}]}',
  );
  const index = new PolicyIndex(new TextDocuments(TextDocument), new DocumentCache(), nodeFiles);
  assert.equal(await index.scan([URI.file(dir).toString()]), 1);
  assert.deepEqual(
    index.sources().map((s) => s.uri.split('/').pop()),
    ['reader.json'],
  );
  assert.equal(evaluateAction('ims:images:update', index.sources()).decision, 'notGranted');
});
