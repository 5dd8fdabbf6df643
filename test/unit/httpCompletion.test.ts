/** Completion in .http files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { IMS_APIS } from '../../core/catalogue';
import { parseHttpFile } from '../../core/http/httpFile';
import { matchImsRequest } from '../../core/http/imsRequest';
import { requestSnippet } from '../../server/services/httpCompletion';
import { HOST, labels } from '../support/http';

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
    if (api.bodySchema)
      assert.equal(ajv.validate(api.bodySchema, JSON.parse(f.requests[0].body!.text)), true, `${api.id} skeleton is valid`);
  }
});

test('inside a URL path: the next segments', () => {
  assert.deepEqual(labels(`GET ${HOST}/v2/{{projectId}}/images/|`).sort(), ['resource_instances', 'tags', '{{imageId}}']);
  assert.deepEqual(labels(`GET ${HOST}/v1/|`).sort(), ['cloudimages', '{{projectId}}']);
});

test('header names and Content-Type values', () => {
  const names = labels(`POST ${HOST}/v2/p/images/i/tags\nX-Auth-Token: t\n|`);
  assert.deepEqual(names.sort(), ['Content-Type', 'X-Project-Id', 'X-Sdk-Date']);
  assert.deepEqual(labels(`POST ${HOST}/v2/p/images/i/tags\nContent-Type: |`), [
    'application/json;charset=UTF-8',
    'application/json',
  ]);
});

test('in a JSON body: property names and enum values from the schema', () => {
  assert.deepEqual(labels(`POST ${HOST}/v2/p/images/i/tags/action\nContent-Type: application/json\n\n{"action": "|"}`).sort(), [
    '"create"',
    '"delete"',
  ]);
  const keys = labels(
    `POST ${HOST}/v2/p/images/resource_instances/action\nContent-Type: application/json\n\n{"action": "filter", "|"}`,
  );
  for (const k of ['tags', 'tags_any', 'not_tags', 'not_tags_any', 'without_any_tag', 'limit', 'offset', 'matches'])
    assert.ok(keys.includes(k), k);
  assert.deepEqual(
    labels(
      `POST ${HOST}/v2/p/images/resource_instances/action\nContent-Type: application/json\n\n{"action": "filter", "matches": [{"key": "|"}]}`,
    ).sort(),
    ['"resource_id"', '"resource_name"'],
  );
});

test('{{variables}} defined in the file', () => {
  assert.deepEqual(labels(`@region = cn-north-4\n@projectId = p1\nGET https://ims.{{reg|}}.myhuaweicloud.com/v2/x/images/tags`), [
    'region',
    'projectId',
    '$guid',
    '$uuid',
    '$randomInt',
    '$timestamp',
    '$datetime',
    '$localDatetime',
    '$processEnv',
    '$dotenv',
  ]);
});
