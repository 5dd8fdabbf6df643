/**
 * Where a reference gets its value, at the boundaries of each source (core/http/variables/resolver.ts):
 * request variables in every form and every way a response can disappoint, httpyac's expressions,
 * `%` encoding, prompts, environment files, httpyac's `.env` names and the connection's names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../core/http/httpFile';
import type { DialectSetting } from '../../core/http/dialects';
import { parseDotenv } from '../../core/http/variables/dotenv';
import { EMPTY_ENVIRONMENT, environmentFrom, type Environment } from '../../core/http/variables/environments';
import { variableReferences } from '../../core/http/variables/references';
import { resolveReference, type StoredResponse, type VariableInputs } from '../../core/http/variables/resolver';
import { RESTRICTED_MODE_ERROR } from '../../core/http/variables/systemVariables';

const FILE = [
  '@q = a b/c',
  '@deep = {{q}}',
  '# @name login',
  'POST https://h/login',
  '',
  '###',
  '# @prompt pw Your password',
  '# @prompt otp',
  'GET https://h/x',
  '',
].join('\n');
const file = parseHttpFile(FILE);
const loginLine = FILE.indexOf('POST');

function resolve(expr: string, over: Partial<VariableInputs> = {}, responses?: Record<string, StoredResponse>) {
  const [ref] = variableReferences(`{{${expr}}}`);
  const inputs: VariableInputs = {
    file,
    environment: EMPTY_ENVIRONMENT,
    ...(responses ? { responses: new Map(Object.entries(responses)) } : {}),
    ...over,
  };
  return resolveReference(inputs, ref, file.requests[1]);
}
const response = (body: string, headers: Record<string, string> = {}): StoredResponse => ({ status: 200, headers, body });

test('request variables: the request must exist; what is not evaluated here says so; a bad JSONPath is an error', () => {
  assert.equal(resolve('nobody.response.body.*'), undefined);
  const location = { start: loginLine, end: loginLine + 'POST https://h/login'.length };
  const detail = 'request variable: the response of "login"';
  assert.deepEqual(resolve('login.response.headers'), {
    source: 'request',
    detail,
    location,
    error: 'name the header: response.headers.X-Subject-Token',
  });
  assert.deepEqual(resolve('login.response.cookies.SID'), {
    source: 'request',
    detail: `${detail}, its cookie SID (kulala: not evaluated by this extension)`,
    location,
  });
  assert.deepEqual(resolve('login.response.body.//a/@id'), {
    source: 'request',
    detail: `${detail} (XPath, for XML bodies: not evaluated by this extension)`,
    location,
  });
  assert.deepEqual(resolve('login.response.body.$..id'), {
    source: 'request',
    detail,
    location,
    error: `"$..id" is not a JSONPath this reads ($.a.b, $.list[0], $['a b'])`,
  });
  assert.deepEqual(resolve('login.response.body.$.id'), { source: 'request', detail, location, awaits: ['login'] });
  assert.deepEqual(resolve('login.response.body.*')?.awaits, ['login'], 'not sent yet');
});

test('request variables: headers by any case, the body whole or by JSONPath, and what each finds or misses', () => {
  const sent = { login: response('{"id": 7, "token": {"v": "t"}, "name": "n"}', { 'X-Subject-Token': 'tok', Date: 'today' }) };
  const value = (expr: string) => {
    const r = resolve(expr, {}, sent);
    return r?.error ?? `${r?.value} ${r?.secret}`;
  };
  assert.equal(value('login.response.headers.x-subject-token'), 'tok true');
  assert.equal(value('login.response.headers.DATE'), 'today false');
  assert.equal(value('login.response.headers.X-Nope'), 'the response of "login" has no header X-Nope');
  assert.equal(value('login.response.body.*'), '{"id": 7, "token": {"v": "t"}, "name": "n"} true', 'a whole body is a secret');
  assert.equal(value('login.response.body.$.id'), '7 false', 'numbers as JSON');
  assert.equal(value('login.response.body.$.name'), 'n false', 'strings as they are');
  assert.equal(value('login.response.body.$.token'), '{"v":"t"} true', 'objects as JSON; a token-named path is a secret');
  assert.equal(value('login.response.body.$.nope'), '$.nope finds nothing in the response of "login"');
  assert.equal(
    resolve('login.response.body.$.id', {}, { login: response('<xml/>') })?.error,
    'the response of "login" is not JSON',
  );
});

test("httpyac expressions: a request's name then a path reads its response; anything else is left to httpyac", () => {
  const detail = 'request variable (httpyac): the response of "login"';
  const js = { source: 'system', detail: 'an httpyac expression (JavaScript): evaluated by httpyac, not here' };
  assert.deepEqual(resolve('login.id'), {
    source: 'request',
    detail,
    location: { start: loginLine, end: loginLine + 'POST https://h/login'.length },
    awaits: ['login'],
  });
  const sent = { login: response('{"id": 7, "token": "t", "list": [1]}') };
  assert.equal(resolve('login.id', {}, sent)?.value, '7');
  assert.equal(resolve('login.id', {}, sent)?.secret, false);
  assert.equal(resolve('login.token', {}, sent)?.secret, true);
  assert.equal(resolve('login.list', {}, sent)?.value, '[1]');
  assert.equal(resolve('login.nope', {}, sent)?.error, 'nope finds nothing in the response of "login"');
  assert.equal(resolve('login.id', {}, { login: response('not json') })?.error, 'id finds nothing in the response of "login"');
  for (const expr of ['nobody.id', '1x.id', 'a-b.id', 'Math.max(1, 2)', 'x + 1']) assert.deepEqual(resolve(expr), js, expr);
});

test('`%name` percent-encodes the value; prompts with and without a description; a request prompt over the environment', () => {
  assert.equal(resolve('%q')?.value, 'a%20b%2Fc');
  assert.equal(resolve('%deep')?.value, 'a%20b%2Fc', 'through another variable');
  assert.equal(resolve('%nothing'), undefined);
  assert.equal(resolve('%pw')?.value, undefined, 'a prompt not answered yet stays without value');
  const answered = resolve('pw', { prompts: new Map([['pw', 'secret!']]) });
  assert.deepEqual(
    [answered?.source, answered?.detail, answered?.value, answered?.secret],
    ['prompt', 'prompt: Your password', 'secret!', false],
  );
  assert.equal(resolve('otp')?.detail, 'prompt');
  const env = environmentFrom([{ label: 'settings', value: { dev: { otp: 'from-env' } } }], 'dev');
  assert.equal(resolve('otp', { environment: env })?.source, 'prompt');
});

test('environment values: where they are in their file, private files are secrets, $shared is said', () => {
  const env: Environment = environmentFrom(
    [
      {
        label: 'http-client.env.json',
        uri: 'file:///w/http-client.env.json',
        text: '{"$shared": {"host": "h"}, "dev": {"user": "u"}}',
      },
      { label: 'http-client.private.env.json', uri: 'file:///w/http-client.private.env.json', text: '{"dev": {"key": "k"}}' },
    ],
    'dev',
  );
  const text = '{"$shared": {"host": "h"}, "dev": {"user": "u"}}';
  assert.equal(text.slice(36, 40), 'user');
  const user = resolve('user', { environment: env });
  assert.deepEqual(user, {
    source: 'environment',
    detail: 'environment dev (http-client.env.json)',
    location: { uri: 'file:///w/http-client.env.json', start: 36, end: 40, line: 0, character: 36 },
    secret: false,
    value: 'u',
  });
  assert.deepEqual(
    [resolve('host', { environment: env })?.source, resolve('host', { environment: env })?.detail],
    ['shared', '$shared (http-client.env.json)'],
  );
  assert.equal(resolve('key', { environment: env })?.secret, true, 'from a private file');
  const settings = resolve('s', { environment: environmentFrom([{ label: 'settings', value: { dev: { s: '1' } } }], 'dev') });
  assert.equal(settings && 'location' in settings, false, 'settings have no place to go to');
});

test("httpyac's .env names: for httpyac and any dialect, the last definition, none of it in Restricted Mode", () => {
  const dotenvVariables = [
    { uri: 'file:///w/.env', label: '.env', entries: parseDotenv('A=1\nB=2\nA=3') },
    { uri: 'file:///w/.env.dev', label: '.env.dev', entries: parseDotenv('B=4') },
  ];
  const a = resolve('A', { dotenvVariables });
  assert.deepEqual(a, {
    source: 'dotenv',
    detail: '.env (httpyac reads .env files as variables)',
    location: { uri: 'file:///w/.env', start: 8, end: 9, line: 2, character: 0 },
    secret: true,
    value: '3',
  });
  assert.equal(resolve('B', { dotenvVariables })?.value, '4', 'a later file wins');
  // Asked again in Restricted Mode with the same file, environment and .env files: nothing from memory.
  assert.deepEqual(resolve('B', { dotenvVariables, restricted: true })?.error, RESTRICTED_MODE_ERROR);
  assert.equal(resolve('B', { dotenvVariables, restricted: true })?.value, undefined);
  for (const dialect of ['rest-client', 'jetbrains'] as DialectSetting[])
    assert.equal(resolve('A', { dotenvVariables, dialect }), undefined, dialect);
  assert.equal(resolve('A', { dotenvVariables: [dotenvVariables[1]] }), undefined, 'other .env files, another answer');
  assert.equal(resolve('A', { dotenvVariables, dialect: 'httpyac' })?.value, '3');
});

test("the connection's names come last, and only for the names Send IMS request fills", () => {
  assert.deepEqual(resolve('projectId'), {
    source: 'connection',
    detail: "the connection's project, when sent with Send IMS request",
  });
  assert.equal(resolve('region')?.source, 'connection');
  assert.equal(resolve('toString'), undefined, 'not a name of Object.prototype');
  const env = environmentFrom([{ label: 'settings', value: { dev: { region: 'cn-east-3' } } }], 'dev');
  assert.equal(resolve('region', { environment: env })?.value, 'cn-east-3');
});
