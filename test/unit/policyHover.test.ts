import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policy, service, withCursor } from '../support/docs';

const ls = service();

function hover(marked: string, lang: 'en' | 'zh' = 'en'): string | undefined {
  const { doc, position } = withCursor(marked);
  const h = (lang === 'en' ? ls : service({ lang })).hover(doc, position);
  return h ? (h.contents as { value: string }).value : undefined;
}

test('hover on an action: meaning, the tag APIs it authorizes with IAM ✓ / EP ✗, dependent actions, freshness', () => {
  const md = hover(policy('      "Effect": "Allow",\n      "Action": ["ims:images:up|date"]'))!;
  assert.match(md, /\*\*ims:images:update\*\* — Modify an image's metadata and tags\./);
  assert.match(md, /\| Adding an Image Tag \| `POST \/v2\/\{project_id\}\/images\/\{image_id\}\/tags` \| ✓ \| ✗ \|/);
  assert.match(md, /Adding a Tag \(Native OpenStack API\) _\(deprecated\)_ — also needs `ims:images:get`/);
  assert.match(md, /Dependent actions: `ims:images:get`/);
  assert.match(md, /Facts as of 2026-08/);
  assert.doesNotMatch(md, /Querying Tags of an Image/, 'list APIs are not authorized by update');
});

test('hover on a wildcard lists the actions it matches', () => {
  const md = hover(policy('      "Effect": "Allow",\n      "Action": ["ims:*:l|ist*"]'))!;
  assert.match(md, /Matches 1 IMS actions: `ims:images:list`/);
  assert.match(md, /Querying All Image Tags/);
});

test('hover in Chinese uses the Chinese titles', () => {
  const md = hover(policy('      "Effect": "Allow",\n      "Action": ["ims:images:l|ist"]'), 'zh')!;
  assert.match(md, /查询租户所有镜像标签/);
  assert.match(md, /IAM 项目/);
});

test('case-insensitive resource type and operation still hover the action', () => {
  assert.match(hover(policy('      "Effect": "Allow",\n      "Action": ["ims:Images:L|IST"]'))!, /ims:images:list/);
});

test('no hover for other services, unknown IMS actions are left to diagnostics, and non-policy JSON', () => {
  assert.equal(hover(policy('      "Effect": "Allow",\n      "Action": ["ecs:servers:g|et"]')), undefined);
  assert.equal(hover('{"Action": ["ims:images:l|ist"]}'), undefined);
});

test('hover on Effect, Version, statement keys and condition operators', () => {
  assert.match(hover(policy('      "Effect": "De|ny"'))!, /Deny wins/);
  assert.match(hover('{"Version": "1.|1", "Statement": []}')!, /Limits: 8 statements, 100 actions/);
  assert.match(hover(policy('      "Act|ion": []'))!, /at most 100/);
  assert.match(
    hover(policy('      "Effect": "Allow", "Action": ["ims:*:*"],\n      "Condition": {"StringEqualsIf|Exists": {}}'))!,
    /also holds when the request has no value/,
  );
});

test('hover on an unknown ims: action says so, with the did-you-mean and what the suggestion grants', () => {
  const { doc, position } = withCursor(policy('      "Effect": "Allow",\n      "Action": ["ims:images:up|dte"]'));
  const md = (ls.hover(doc, position)!.contents as { value: string }).value;
  assert.match(
    md,
    /\*\*ims:images:updte\*\* — not a known IMS action, so it grants nothing\. Did you mean `ims:images:update`\?/,
  );
  assert.match(md, /\*\*ims:images:update\*\* — Modify an image's metadata and tags\./);
  // The suggestion's API table: AddImageTag is one of the APIs update unlocks.
  assert.match(md, /\| Adding an Image Tag \|/);
});
