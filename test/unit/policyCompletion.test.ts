import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse, type ParseError } from 'jsonc-parser';
import { IMS_ACTIONS, IMS_WILDCARDS } from '../../core/catalogue';
import { policy, service, withCursor } from '../support/docs';

const ls = service();

function labels(marked: string, languageId = 'json'): string[] {
  const { doc, position } = withCursor(marked, languageId);
  return ls.complete(doc, position).items.map((i) => i.label);
}

function apply(marked: string, label: string): string {
  const { doc, position } = withCursor(marked);
  const item = ls.complete(doc, position).items.find((i) => i.label === label);
  assert.ok(item, `no completion ${label}`);
  return TextDocument.applyEdits(doc, [item.textEdit as TextEdit]);
}

test('inside an Action string: the ims: prefix, every documented action and the wildcard forms', () => {
  const got = labels(policy('      "Effect": "Allow",\n      "Action": ["|"]'));
  assert.equal(got[0], 'ims:');
  for (const a of IMS_ACTIONS) assert.ok(got.includes(a.name), a.name);
  for (const w of IMS_WILDCARDS) assert.ok(got.includes(w.pattern), w.pattern);
});

test('after "ims:" the resource types are offered and retrigger suggest', () => {
  const { doc, position } = withCursor(policy('      "Effect": "Allow",\n      "Action": ["ims:|"]'));
  const items = ls.complete(doc, position).items;
  const images = items.find((i) => i.label === 'ims:images:');
  assert.ok(images);
  assert.equal(images.command?.command, 'editor.action.triggerSuggest');
  assert.ok(items.some((i) => i.label === 'ims:serverImages:'));
  assert.ok(items.some((i) => i.label === 'ims:*:'));
});

test('an action replaces the whole string content, typed prefix included', () => {
  const out = apply(policy('      "Effect": "Allow",\n      "Action": ["ims:images:up|"]'), 'ims:images:update');
  assert.match(out, /"Action": \["ims:images:update"\]/);
});

test('an action typed between items, outside quotes, is inserted quoted', () => {
  const out = apply(policy('      "Effect": "Allow",\n      "Action": ["ims:images:list", |]'), 'ims:images:get');
  assert.match(out, /\["ims:images:list", "ims:images:get"\]/);
});

test('items are documented with their meaning and the tag APIs they unlock', () => {
  const { doc, position } = withCursor(policy('      "Effect": "Allow",\n      "Action": ["|"]'));
  const item = ls.complete(doc, position).items.find((i) => i.label === 'ims:images:list')!;
  const md = (item.documentation as { value: string }).value;
  assert.match(md, /List and query images/);
  assert.match(md, /GET \/v2\/\{project_id\}\/images\/tags/);
});

test('actions of other services get nothing from us', () => {
  assert.deepEqual(labels(policy('      "Effect": "Allow",\n      "Action": ["ecs:|"]')), []);
});

test('actions already in the statement, or offered by VS Code from other Action arrays, are not proposed again', () => {
  const text = `{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["ims:images:get"]},{"Effect":"Deny","Action":["ims:images:list", "|"]}]}`;
  const got = labels(text);
  assert.ok(!got.includes('ims:images:list'), 'already in this statement');
  assert.ok(!got.includes('ims:images:get'), 'VS Code offers it from the other Action array');
  assert.ok(got.includes('ims:images:update'));
});

test('statement keys: the four of 1.1; Sid, NotAction and NotResource only for 5.0; present keys left out', () => {
  assert.deepEqual(labels(policy('      "Effect": "Allow",\n      "|"')).sort(), ['Action', 'Condition', 'Resource']);
  assert.deepEqual(labels(policy('      "|"', '5.0')).sort(), [
    'Action',
    'Condition',
    'Effect',
    'NotAction',
    'NotResource',
    'Resource',
    'Sid',
  ]);
});

test('statement keys VS Code already proposes from sibling statements are left to VS Code', () => {
  const text = `{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["ims:*:*"]},{"|"}]}`;
  assert.deepEqual(labels(text).sort(), ['Condition', 'Resource']);
});

test('a statement key completes to a snippet with its value', () => {
  const out = apply(policy('      "Effect": "Allow",\n      "Act|"'), 'Action');
  assert.match(out, /"Action": \["\$1"\]/);
});

test('Effect values and Version values', () => {
  assert.deepEqual(labels(policy('      "Effect": "|"')), ['Allow', 'Deny']);
  assert.deepEqual(labels('{"Version": "|", "Statement": []}'), ['1.0', '1.1', '5.0']);
});

test('Effect values VS Code offers from other statements are not repeated', () => {
  const text = `{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["ims:*:*"]},{"Effect":"|"}]}`;
  assert.deepEqual(labels(text), ['Deny']);
});

test('condition operators (with IfExists) and global condition keys', () => {
  const ops = labels(policy('      "Effect": "Allow",\n      "Action": ["ims:*:*"],\n      "Condition": {"|"}'));
  assert.ok(ops.includes('StringEquals'));
  assert.ok(ops.includes('StringEqualsIfExists'));
  assert.ok(ops.includes('Bool'));
  const keys = labels(
    policy('      "Effect": "Allow",\n      "Action": ["ims:*:*"],\n      "Condition": {"StringEquals": {"|"}}'),
  );
  assert.ok(keys.includes('g:UserName'));
  assert.ok(keys.includes('g:MFAPresent'));
});

test('the IAM API wrapper role.policy is a policy too', () => {
  const got = labels(
    `{"role": {"display_name": "x", "type": "XA", "policy": {"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["|"]}]}}}`,
  );
  assert.ok(got.includes('ims:images:update'));
});

test('JSON that is not a policy gets nothing', () => {
  assert.deepEqual(labels('{"name": "x", "Action": ["|"]}'), []);
  assert.deepEqual(labels('{"compilerOptions": {"|"}}'), []);
});

test('mid-typing: an unterminated action string still completes', () => {
  const got = labels('{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["ims:ima|\n');
  assert.ok(got.includes('ims:images:list'));
});

test('Chinese documentation when the display language is Chinese', () => {
  const zh = service({ lang: 'zh' });
  const { doc, position } = withCursor(policy('      "Effect": "Allow",\n      "Action": ["|"]'));
  const item = zh.complete(doc, position).items.find((i) => i.label === 'ims:images:update')!;
  assert.match((item.documentation as { value: string }).value, /修改镜像的元数据和标签/);
});

test('accepting an item leaves valid JSON, with or without the closing quote typed', () => {
  const accept = (marked: string, label: string) => {
    const { doc: d, position } = withCursor(marked);
    const item = ls.complete(d, position).items.find((i) => i.label === label);
    assert.ok(item, `${label} offered in ${marked}`);
    const edit = item.textEdit as TextEdit;
    const text = TextDocument.applyEdits(d, [{ range: edit.range, newText: edit.newText.replace('$0', '') }]);
    const errors: ParseError[] = [];
    const value = parse(text, errors);
    assert.deepEqual(errors, [], text);
    return value.Statement[0].Action as string[];
  };
  const body = (inner: string) => `{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": [${inner}]}]}`;
  // The closing quote is missing: the value brings it.
  assert.deepEqual(accept(body('"ims:images:l|\n'), 'ims:images:list'), ['ims:images:list']);
  assert.deepEqual(accept(body('"ims:ima|\n'), 'ims:images:'), ['ims:images:']);
  assert.deepEqual(accept(body('"i|\n'), 'ims:'), ['ims:']);
  // Closed string, and no string at all.
  assert.deepEqual(accept(body('"ims:images:l|"'), 'ims:images:list'), ['ims:images:list']);
  assert.deepEqual(accept(body('|'), 'ims:'), ['ims:']);
});

test('our first documented match is preselected, so Enter takes it whatever VS Code lists beside it', () => {
  const { doc, position } = withCursor(policy('      "Effect": "Allow",\n      "Action": ["ims:images:u|"]'));
  const items = ls.complete(doc, position).items;
  assert.deepEqual(
    items.filter((i) => i.preselect).map((i) => i.label),
    ['ims:images:update'],
  );
  // Nothing typed yet: nothing to prefer.
  const empty = withCursor(policy('      "Effect": "Allow",\n      "Action": ["|"]'));
  assert.deepEqual(
    ls.complete(empty.doc, empty.position).items.filter((i) => i.preselect),
    [],
  );
});
