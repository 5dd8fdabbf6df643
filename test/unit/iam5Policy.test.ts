/**
 * Version 5.0 policies speak IAM 5.0's model of IMS (core/catalogue/iam5): the tag actions setTags and
 * getTags, access levels, resource URNs and condition keys; suggestions come from 5.0 only; a live
 * schema replaces the shipped snapshot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, Range } from 'vscode-languageserver';
import { IMS_SCHEMA_SNAPSHOT } from '../../core/catalogue/iam5/imsSnapshot';
import { Iam5Model } from '../../core/catalogue/iam5/model';
import type { AuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';
import { getLanguageService } from '../../server/languageService';
import { doc, policy, rendered, service, textAt, withCursor } from '../support/docs';

const ls = service();
const v5 = (body: string) => policy(body, '5.0');
const allow = (actions: string[], extra = '') =>
  `      "Effect": "Allow",\n      "Action": [${actions.map((a) => `"${a}"`).join(', ')}]${extra}`;

function diags(text: string, service = ls) {
  const d = doc(text);
  return service.diagnostics(d).map((x) => ({ ...x, text: textAt(d, x.range) }));
}
const codes = (text: string, service = ls) => diags(text, service).map((d) => [d.code, d.text]);

function hoverOn(text: string, needle: string, service = ls): string {
  const d = doc(text);
  const h = service.hover(d, d.positionAt(text.indexOf(needle) + 3));
  return rendered((h?.contents as { value: string } | undefined)?.value ?? '');
}

test('setTags and getTags are IMS actions of 5.0, not of 1.1; suggestions come from the model of the version', () => {
  assert.deepEqual(codes(v5(allow(['ims:images:setTags', 'ims:images:getTags', 'ims:images:list']))), []);
  const [old] = diags(policy(allow(['ims:images:setTags'])));
  assert.equal(old.code, 'unknown-action');
  assert.equal(old.severity, DiagnosticSeverity.Warning);
  // A misspelt 5.0 action: 5.0's own name is suggested, never the 1.1 ims:images:get.
  const [typo] = diags(v5(allow(['ims:images:setTag'])));
  assert.equal(typo.code, 'unknown-action');
  assert.equal(typo.severity, DiagnosticSeverity.Information, 'softer while only the snapshot is known');
  assert.match(String(typo.message), /is not an IMS action of IAM 5\.0.*Did you mean 'ims:images:setTags'/);
  const offered = (typo.data as { fix: { values: string[] } }).fix.values;
  assert.equal(offered[0], 'ims:images:setTags');
  assert.ok(!offered.includes('ims:images:get'), offered.join(', '));
  // The resource type and operation compare without regard to case, as in 1.1.
  assert.deepEqual(codes(v5(allow(['ims:images:settags']))), []);
});

test('the 5.0 hover: description, access level, resource type, condition keys, the APIs it authorizes, the source', () => {
  const text = hoverOn(v5(allow(['ims:images:setTags'])), 'ims:images:setTags');
  assert.match(text, /\*\*ims:images:setTags\*\* — Add, change or delete the tags of an image\./);
  assert.match(text, /Access level: `tagging`/);
  assert.match(text, /`image` \(required\) `ims:<region>:<account-id>:image:<image-id>`/);
  assert.match(text, /Condition keys: `g:RequestTag\/<tag-key>`, `g:TagKeys`/);
  assert.match(text, /\| Adding an Image Tag \| `POST \/v2\/\{project_id\}\/images\/\{image_id\}\/tags` \|/);
  assert.doesNotMatch(text, /`GET \/v2\/\{project_id\}\/images\/\{image_id\}\/tags`/, 'tag reads are getTags');
  assert.match(text, /follows the documented action descriptions/);
  assert.match(text, /Organizations SCP table for IMS .* — confirmed/);
  // An unconfirmed row says so.
  assert.match(hoverOn(v5(allow(['ims:images:addMember'])), 'ims:images:addMember'), /not confirmed by the documentation/);
  // An unknown name grants nothing, in 5.0's words.
  assert.match(hoverOn(v5(allow(['ims:images:setTag'])), 'ims:images:setTag'), /not an IMS action of IAM 5\.0/);
});

test('completion in a 5.0 policy offers 5.0 actions; in 1.1, the catalogue', () => {
  const labels = (version: string) => {
    const { doc: d, position } = withCursor(
      `{"Version": "${version}", "Statement": [{"Effect": "Allow", "Action": ["ims:images:|"]}]}`,
    );
    return ls.complete(d, position).items.map((i) => i.label);
  };
  assert.ok(labels('5.0').includes('ims:images:setTags'));
  assert.ok(labels('5.0').includes('ims:images:getTags'));
  assert.ok(!labels('1.1').includes('ims:images:setTags'));
  assert.ok(labels('1.1').includes('ims:images:update'));
});

test('inlay hints of a 5.0 statement count the tag APIs by 5.0 actions', () => {
  const d = doc(v5(allow(['ims:images:setTags'])));
  const [hint] = ls.inlayHints(d, Range.create(0, 0, 20, 0));
  assert.equal(hint.label, 'allows 6 of the 10 IMS tag APIs');
  const old = doc(policy(allow(['ims:images:update'])));
  assert.equal(ls.inlayHints(old, Range.create(0, 0, 20, 0))[0].label, 'allows 3 of the 10 IMS tag APIs');
});

test('Resource URNs: an image action on a URN of another type or service, and a list action on a URN, grant nothing', () => {
  const res = (actions: string[], urns: string[]) =>
    codes(v5(allow(actions, `,\n      "Resource": [${urns.map((u) => `"${u}"`).join(', ')}]`)));
  assert.deepEqual(res(['ims:images:setTags'], ['ims:cn-north-4:0123:image:img-1']), []);
  assert.deepEqual(res(['ims:images:setTags'], ['ims:*:*:image:*']), []);
  assert.deepEqual(res(['ims:images:setTags'], ['*']), []);
  assert.deepEqual(res(['ims:images:setTags'], ['obs:*:*:bucket:logs']), [['resource-type-mismatch', '"ims:images:setTags"']]);
  assert.deepEqual(res(['ims:images:list'], ['ims:cn-north-4:0123:image:img-1']), [
    ['resource-type-mismatch', '"ims:images:list"'],
  ]);
  // Rows the docs do not confirm are not judged on resources they do not declare.
  assert.deepEqual(res(['ims:images:update'], ['ims:cn-north-4:0123:image:img-1']), []);
  // NotResource is not judged; 1.1 policies are not either.
  assert.deepEqual(codes(v5(allow(['ims:images:list'], ',\n      "NotResource": ["ims:*:*:image:x"]'))), []);
});

test('Condition keys: unknown keys, keys the actions do not take, value types, multi-valued keys', () => {
  const cond = (actions: string[], condition: object, resource = '') =>
    codes(v5(allow(actions, `${resource},\n      "Condition": ${JSON.stringify(condition)}`)));
  // IMS's own keys and the global keys are known; an unknown ims: or g: key is reported, never silently false.
  assert.deepEqual(cond(['ims:images:share'], { StringEquals: { 'ims:NoSuchKey': 'x' } }), [
    ['unknown-condition-key', '"ims:NoSuchKey"'],
  ]);
  assert.deepEqual(cond(['ims:images:list'], { StringEquals: { 'g:UserName': 'alice' } }), []);
  // A key of another service is that service's to declare.
  assert.deepEqual(cond(['ims:images:list'], { StringEquals: { 'obs:prefix': 'x' } }), []);
  // list takes g:EnterpriseProjectId only: a resource tag cannot scope it.
  assert.deepEqual(cond(['ims:images:list'], { StringEquals: { 'g:ResourceTag/env': 'prod' } }), [
    ['condition-key-not-applicable', '"g:ResourceTag/env"'],
  ]);
  assert.deepEqual(cond(['ims:images:setTags'], { StringEquals: { 'g:RequestTag/env': 'prod' } }), []);
  // addMember takes the resource tag at the image resource level.
  assert.deepEqual(
    cond(['ims:images:addMember'], { StringEquals: { 'g:ResourceTag/env': 'prod' } }, ',\n      "Resource": ["ims:*:*:image:*"]'),
    [],
  );
  // Types: Bool on a string key, a boolean key with a value that is not one.
  assert.deepEqual(cond(['ims:images:share'], { Bool: { 'ims:TargetOrgPaths': 'true' } }), [
    ['condition-value-type', '"Bool"'],
    ['multi-valued-key', '"ims:TargetOrgPaths"'],
  ]);
  assert.deepEqual(cond(['ims:images:list'], { Bool: { 'g:MFAPresent': 'yes' } }), [['condition-value-type', '"yes"']]);
  assert.deepEqual(cond(['ims:images:list'], { DateLessThan: { 'g:CurrentTime': '2027-01-01T00:00:00Z' } }), []);
  // g:TagKeys carries several values: the prefix is asked for, and with it nothing is said.
  assert.deepEqual(cond(['ims:images:setTags'], { StringEquals: { 'g:TagKeys': 'env' } }), [['multi-valued-key', '"g:TagKeys"']]);
  assert.deepEqual(cond(['ims:images:setTags'], { 'ForAllValues:StringEquals': { 'g:TagKeys': ['env', 'team'] } }), []);
});

test("a live schema replaces the snapshot: its actions, its API mapping, and IAM's own word (no softer severity)", () => {
  const live: AuthorizationSchema = {
    ...IMS_SCHEMA_SNAPSHOT,
    actions: [
      ...IMS_SCHEMA_SNAPSHOT.actions,
      { name: 'ims:images:tagAudit', access_level: 'read', description: { en_US: 'Audit tags.', zh_CN: '审计标签。' } },
    ],
    // AddImageTag needs another action in this account's schema.
    operations: IMS_SCHEMA_SNAPSHOT.operations.map((o) =>
      o.operation_id === 'AddImageTag' ? { ...o, operation_action: 'ims:images:tagAudit' } : o,
    ),
  };
  const model = new Iam5Model(live, { kind: 'live', endpoint: 'https://iam.example', readAt: '2026-12-07T00:00:00Z' });
  const withLive = getLanguageService({ iam5: () => model });
  assert.deepEqual(codes(v5(allow(['ims:images:tagAudit'])), withLive), []);
  const [unknown] = diags(v5(allow(['ims:images:nope'])), withLive);
  assert.equal(unknown.severity, DiagnosticSeverity.Warning, "IAM's own schema: an unknown name is a warning");
  assert.match(
    hoverOn(v5(allow(['ims:images:tagAudit'])), 'ims:images:tagAudit', withLive),
    /IAM's authorization schema, read 2026-12-07/,
  );
  // The verdict follows the live mapping: setTags no longer grants AddImageTag, tagAudit does.
  const http = (text: string) => doc(text, 'http');
  const add = http(
    'POST https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": {"key": "a", "value": "b"}}\n',
  );
  const policies = [{ uri: 'file:///p.json', model: withLive.parse(doc(v5(allow(['ims:images:setTags'])))).model! }];
  const judged = getLanguageService({ iam5: () => model, policies: () => policies });
  const warnings = judged.diagnostics(add).filter((d) => d.code === 'not-granted');
  assert.match(String(warnings[0]?.message), /"ims:images:tagAudit"/);
});

test('Condition key completion in 5.0 offers the keys the statement’s actions take, with type and multi-valued hint', () => {
  const keys = (actions: string[]) => {
    const { doc: d, position } = withCursor(
      `{"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ${JSON.stringify(actions)}, "Condition": {"StringEquals": {"|": ""}}}]}`,
    );
    return ls.complete(d, position).items;
  };
  const forSetTags = keys(['ims:images:setTags']);
  const labels = forSetTags.map((i) => i.label);
  assert.ok(labels.includes('g:RequestTag/<tag-key>') && labels.includes('g:TagKeys'), labels.join(', '));
  assert.ok(labels.includes('g:UserName'), 'a global key every action takes');
  assert.ok(!labels.includes('ims:TargetOrgPaths'), 'a key of share, not of setTags');
  const tagKeys = forSetTags.find((i) => i.label === 'g:TagKeys')!;
  assert.match((tagKeys.documentation as { value: string }).value, /multi-valued: use ForAnyValue:\/ForAllValues:/);
  assert.ok(keys(['ims:images:share']).some((i) => i.label === 'ims:TargetOrgPaths'));
});

test('NotAction with an action that has aliases (in a live schema) says what else it exempts', () => {
  const live = new Iam5Model(
    {
      ...IMS_SCHEMA_SNAPSHOT,
      actions: IMS_SCHEMA_SNAPSHOT.actions.map((a) =>
        a.name === 'ims:images:setTags' ? { ...a, aliases: ['ims:images:update'] } : a,
      ),
    },
    { kind: 'live', endpoint: 'https://iam.example', readAt: '2026-12-07T00:00:00Z' },
  );
  const withLive = getLanguageService({ iam5: () => live });
  const deny = (actions: string[]) =>
    v5(`      "Effect": "Deny",\n      "NotAction": [${actions.map((a) => `"${a}"`).join(', ')}]`);
  const [d] = diags(deny(['ims:images:setTags']), withLive);
  assert.equal(d.code, 'notaction-alias');
  assert.match(String(d.message), /also exempts "ims:images:update"/);
  assert.deepEqual(codes(deny(['ims:images:list']), withLive), []);
  assert.deepEqual(codes(deny(['ims:images:setTags'])), [], 'the snapshot lists no aliases');
});

test("Resource completion in 5.0: *, the image URN template filled with the connection's region and account, and its images", () => {
  const complete = (resources?: { region: string; account: string; imageIds: string[] }) => {
    const { doc: d, position } = withCursor(
      '{"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": ["ims:images:setTags"], "Resource": ["|"]}]}',
    );
    return getLanguageService({ resources: () => resources })
      .complete(d, position)
      .items.map((i) => i.label);
  };
  assert.deepEqual(complete(), ['*', 'ims:*:*:image:*']);
  assert.deepEqual(complete({ region: 'cn-north-4', account: 'acc', imageIds: ['img-1'] }), [
    '*',
    'ims:cn-north-4:acc:image:*',
    'ims:cn-north-4:acc:image:img-1',
  ]);
  // 1.1 policies get no IMS URNs (the facts confirm none for 1.1).
  const { doc: old, position } = withCursor(
    '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:list"], "Resource": ["|"]}]}',
  );
  assert.deepEqual(ls.complete(old, position).items, []);
});

test('a 5.0 wildcard lists the actions it matches by access level', () => {
  const text = hoverOn(v5(allow(['ims:images:*'])), 'ims:images:*');
  assert.match(text, /- `tagging`: `ims:images:setTags`/);
  assert.match(text, /- `read`: `ims:images:get`, `ims:images:getTags`/);
});
