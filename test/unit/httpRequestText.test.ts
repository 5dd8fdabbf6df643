/**
 * The `.http` text of an IMS call built from the catalogue (core/http/requestText.ts), line by line: the
 * host, path parameters as variables, the project header only where the path has no project, and a body
 * only for an API that takes one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findApi, type ImsApi } from '../../core/catalogue';
import { REGION_HOST, httpBlock, requestText } from '../../core/http/requestText';

const api = (id: string): ImsApi => findApi(id)!;

test('the regional IMS host by default, or the one given', () => {
  assert.equal(REGION_HOST, 'https://ims.{{region}}.myhuaweicloud.com');
  assert.equal(requestText(api('ListImages')).split('\n')[0], 'GET https://ims.{{region}}.myhuaweicloud.com/v2/cloudimages');
  assert.equal(requestText(api('ListImages'), { host: '{{host}}' }).split('\n')[0], 'GET {{host}}/v2/cloudimages');
});

test('a path without a project names it in X-Project-Id; one with a project does not', () => {
  assert.equal(
    requestText(api('GlanceCreateTag')),
    'PUT https://ims.{{region}}.myhuaweicloud.com/v2/images/{{imageId}}/tags/{{tag}}\nX-Project-Id: {{projectId}}',
  );
  assert.equal(requestText(api('ListImageTags'), { host: 'h' }), 'GET h/v2/{{projectId}}/images/{{imageId}}/tags');
});

test('a body, with its content type after the headers and a blank line, only for an API that takes one', () => {
  assert.equal(
    requestText(api('AddImageTag'), { host: 'h', body: { tag: { key: 'k', value: 'v' } } }),
    [
      'POST h/v2/{{projectId}}/images/{{imageId}}/tags',
      'Content-Type: application/json;charset=UTF-8',
      '',
      '{\n  "tag": {\n    "key": "k",\n    "value": "v"\n  }\n}',
    ].join('\n'),
  );
  const example = requestText(api('AddImageTag'), { host: 'h' });
  assert.deepEqual(JSON.parse(example.split('\n\n')[1]), api('AddImageTag').exampleBody);
  // No schema: no body, even when one is given.
  assert.equal(
    requestText(api('ListTags'), { host: 'h', body: { a: 1 } }),
    'GET h/v1/cloudimages/tags\nX-Project-Id: {{projectId}}',
  );
  // A schema without a body to send: the request alone.
  assert.equal(
    requestText({ ...api('AddImageTag'), exampleBody: undefined }, { host: 'h' }),
    'POST h/v2/{{projectId}}/images/{{imageId}}/tags',
  );
});

test('a block: the variables, a blank line, the title, the request; without variables no blank line', () => {
  const title = api('ListImages').title.en;
  assert.equal(
    httpBlock(api('ListImages'), { region: 'cn-north-4', projectId: 'p' }),
    `@region = cn-north-4\n@projectId = p\n\n### ${title}\nGET ${REGION_HOST}/v2/cloudimages\nX-Project-Id: {{projectId}}\n`,
  );
  assert.equal(
    httpBlock(api('ListImages'), {}, { host: 'h' }),
    `### ${title}\nGET h/v2/cloudimages\nX-Project-Id: {{projectId}}\n`,
  );
});
