import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile, resolveVariables, variableRefs } from '../../core/http/httpFile';
import { isImsHost, matchImsRequest, splitUrl } from '../../core/http/imsRequest';

const FILE = `@region = cn-north-4
@host = ims.{{region}}.myhuaweicloud.com
@projectId = p1

### Add a tag
# @name addTag
POST https://{{host}}/v2/{{projectId}}/images/img-1/tags HTTP/1.1
Content-Type: application/json;charset=UTF-8
X-Auth-Token: {{token}}

{
  "tag": {"key": "env", "value": "prod"}
}

# a trailing comment
###
// a comment
GET https://ims.cn-north-4.myhuaweicloud.com/v2/{{projectId}}/images/tags
    ?limit=5
    &page=1

### incomplete block
`;

test('parses variables, separators with titles, names, request lines, headers and bodies with offsets', () => {
  const f = parseHttpFile(FILE);
  assert.deepEqual(
    f.variables.map((v) => [v.name, v.value]),
    [
      ['region', 'cn-north-4'],
      ['host', 'ims.{{region}}.myhuaweicloud.com'],
      ['projectId', 'p1'],
    ],
  );
  const v = f.variables[1];
  assert.equal(FILE.slice(v.valueSpan.start, v.valueSpan.end), 'ims.{{region}}.myhuaweicloud.com');
  assert.equal(f.requests.length, 2);
  const [a, b] = f.requests;
  assert.equal(a.title, 'Add a tag');
  assert.equal(a.name, 'addTag');
  assert.equal(a.method?.text, 'POST');
  assert.equal(FILE.slice(a.url.span.start, a.url.span.end), 'https://{{host}}/v2/{{projectId}}/images/img-1/tags');
  assert.equal(a.httpVersion?.text, 'HTTP/1.1');
  assert.deepEqual(
    a.headers.map((h) => [h.name.text, h.value.text]),
    [
      ['Content-Type', 'application/json;charset=UTF-8'],
      ['X-Auth-Token', '{{token}}'],
    ],
  );
  assert.equal(FILE.slice(a.body!.span.start, a.body!.span.end), '{\n  "tag": {"key": "env", "value": "prod"}\n}');
  assert.equal(b.method?.text, 'GET');
  assert.equal(b.fullUrl, 'https://ims.cn-north-4.myhuaweicloud.com/v2/{{projectId}}/images/tags?limit=5&page=1');
  assert.equal(b.body, undefined);
  assert.equal(f.blocks.length, 2, 'blocks without a request line (variables only, or empty) are where new requests get typed');
});

test('no method means GET; < file bodies; CRLF line ends', () => {
  const f = parseHttpFile(
    'https://example.com/v2/p/images/tags\r\n\r\n###\r\nPUT /v1/cloudimages/tags\r\nContent-Type: application/json\r\n\r\n< ./body.json\r\n',
  );
  assert.equal(f.requests[0].method, undefined);
  assert.equal(f.requests[0].url.text, 'https://example.com/v2/p/images/tags');
  assert.equal(f.requests[1].body?.file?.text, './body.json');
});

test('variables: references and resolution through other variables; unknown ones stay', () => {
  assert.deepEqual(
    variableRefs('a {{x}} b {{ y }}').map((r) => r.name),
    ['x', 'y'],
  );
  const f = parseHttpFile(FILE);
  assert.equal(
    resolveVariables('https://{{host}}/x/{{nope}}', f.variables),
    'https://ims.cn-north-4.myhuaweicloud.com/x/{{nope}}',
  );
  const loop = parseHttpFile('@a = {{b}}\n@b = {{a}}\nGET /\n');
  assert.ok(resolveVariables('{{a}}', loop.variables).includes('{{'), 'a cycle ends');
});

test('URL splitting and IMS hosts', () => {
  assert.deepEqual(splitUrl('https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/tags?limit=1'), {
    host: 'ims.cn-north-4.myhuaweicloud.com',
    path: '/v2/p/images/tags',
    pathOffset: 40,
  });
  assert.equal(splitUrl('{{host}}/v1/cloudimages/tags').host, '{{host}}');
  assert.equal(splitUrl('/v1/cloudimages/tags').host, undefined);
  assert.equal(isImsHost('ims.{{region}}.myhuaweicloud.com'), true);
  assert.equal(isImsHost('ecs.cn-north-4.myhuaweicloud.com'), false);
});

test('matching requests to APIs: via file variables, any host when the path fits, the query ignored', () => {
  const f = parseHttpFile(FILE);
  const m = matchImsRequest(f.requests[0], f.variables);
  assert.equal(m?.kind, 'api');
  assert.equal(m?.kind === 'api' && m.api.id, 'AddImageTag');
  assert.equal(m?.kind === 'api' && m.params.image_id, 'img-1');
  assert.equal(
    matchImsRequest(f.requests[1], f.variables)?.kind === 'api' &&
      (matchImsRequest(f.requests[1], f.variables) as { api: { id: string } }).api.id,
    'ListImagesTags',
  );
  const other = parseHttpFile('@host = http://127.0.0.1:8080\nDELETE {{host}}/v2/{{projectId}}/images/{{imageId}}/tags/env\n');
  const d = matchImsRequest(other.requests[0], other.variables);
  assert.equal(d?.kind === 'api' && d.api.id, 'DeleteImageTag');
  const native = parseHttpFile('PUT https://ims.cn-north-4.myhuaweicloud.com/v2/images/abc/tags/env\n');
  assert.equal((matchImsRequest(native.requests[0], native.variables) as { api: { id: string } }).api.id, 'GlanceCreateTag');
  const notIms = parseHttpFile('GET https://example.com/v2/things\n');
  assert.equal(matchImsRequest(notIms.requests[0], notIms.variables), undefined);
});

test('a known path with the wrong method, and an unknown path under an IMS host', () => {
  const wrong = parseHttpFile('PATCH https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/i/tags\n');
  const w = matchImsRequest(wrong.requests[0], wrong.variables);
  assert.equal(w?.kind, 'wrongMethod');
  const unknown = parseHttpFile('GET https://ims.cn-north-4.myhuaweicloud.com/v2/p/image/tags\n');
  const u = matchImsRequest(unknown.requests[0], unknown.variables);
  assert.equal(u?.kind, 'unknownPath');
  assert.ok(u?.kind === 'unknownPath' && u.suggestions.some((a) => a.path === '/v2/{project_id}/images/tags'));
});
