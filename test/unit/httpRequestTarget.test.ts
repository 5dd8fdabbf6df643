/**
 * What a `.http` request sends once its variables are resolved (core/http/requestTarget.ts): method, URL,
 * headers and body; what is missing, in error, or waits for another request's response; the connection's
 * project and region where nothing else defines them; and a resolved URL's parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../core/http/httpFile';
import { resolveRequest, urlParts, withDefaults } from '../../core/http/requestTarget';
import { EMPTY_ENVIRONMENT, type Environment } from '../../core/http/variables/environments';

const env = (vars: Record<string, string>): Environment => ({
  ...EMPTY_ENVIRONMENT,
  variables: new Map(Object.entries(vars).map(([k, value]) => [k, { value, environment: '$shared', source: 'test' }])),
});

const sent = (text: string, environment: Environment = EMPTY_ENVIRONMENT, index = -1) => {
  const file = parseHttpFile(text);
  return resolveRequest({ file, environment }, file.requests.at(index)!);
};

test('the connection’s project and region stand in only where nothing defines them', () => {
  const withThem = withDefaults(env({ region: 'cn-east-3' }), { projectId: 'p-1', region: 'cn-north-4' });
  assert.deepEqual([...withThem.variables.keys()], ['region', 'projectId']);
  assert.equal(withThem.variables.get('region')?.value, 'cn-east-3');
  assert.deepEqual(withThem.variables.get('projectId'), { value: 'p-1', environment: '$shared', source: 'the connection' });
  assert.equal(withThem.name, '');
});

test('a request resolved: the method upper-cased (GET without one), the URL, headers and body', () => {
  const text = [
    '@img = i-1',
    'post https://ims.{{region}}.example/v2/{{projectId}}/images/{{img}}/tags',
    '  ?x={{img}}',
    'Content-Type: application/json',
    'X-Auth-Token: {{token}}',
    '',
    '{"tag": {"key": "{{img}}"}}',
  ].join('\n');
  const r = sent(text, env({ region: 'r1', projectId: 'p1', token: 't' }));
  assert.deepEqual(r, {
    method: 'POST',
    url: 'https://ims.r1.example/v2/p1/images/i-1/tags?x=i-1',
    headers: [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Auth-Token', value: 't' },
    ],
    body: '{"tag": {"key": "i-1"}}',
    missing: [],
    errors: [],
    awaits: [],
  });
  assert.equal(sent('https://h/a').method, 'GET');
  // A body from a file is not read here.
  assert.equal(sent('POST https://h/a\n\n< ./body.json').body, undefined);
  assert.equal(sent('GET https://h/a').body, undefined);
});

test('what has no value: missing names once each, errors once each, and the requests to send first', () => {
  const text = [
    '# @name login',
    'POST https://h/login',
    '',
    '###',
    'GET https://h/{{a}}/{{a}}/{{login.response.body.$.id}}',
    'X-Token: {{login.response.headers.X-Subject-Token}}',
    'X-Bad: {{$randomInt x}}',
    'X-Bad2: {{$randomInt x}}',
    '',
    '{{b}}',
  ].join('\n');
  const r = sent(text);
  assert.deepEqual(r.missing, ['a', 'login.response.body.$.id', 'login.response.headers.X-Subject-Token', '$randomInt x', 'b']);
  assert.deepEqual(r.awaits, [
    { request: 'login', variables: ['login.response.body.$.id', 'login.response.headers.X-Subject-Token'] },
  ]);
  assert.equal(r.errors.length, 1, JSON.stringify(r.errors));
  assert.match(r.errors[0], /randomInt/);
});

test("a resolved URL's parts: the host it names, the path, and path with query", () => {
  assert.deepEqual(urlParts('https://h.example/v2/x?a=1&b=2'), {
    host: 'h.example',
    path: '/v2/x',
    pathAndQuery: '/v2/x?a=1&b=2',
  });
  assert.deepEqual(urlParts('/v2/x'), { host: undefined, path: '/v2/x', pathAndQuery: '/v2/x' });
  assert.deepEqual(urlParts('https://h/v2/x?'), { host: 'h', path: '/v2/x', pathAndQuery: '/v2/x?' });
});
