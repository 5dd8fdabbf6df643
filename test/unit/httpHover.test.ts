/** Hover on IMS request lines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withCursor } from '../support/docs';
import { allowList, policySource } from '../support/policies';
import { service, HOST } from '../support/http';

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
