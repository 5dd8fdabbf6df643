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
import {
  MAX_EXPANDED_LENGTH,
  resolveReference,
  resolveText,
  type StoredResponse,
  type VariableInputs,
} from '../../core/http/variables/resolver';
import { RESTRICTED_MODE_ERROR, type SystemEnv } from '../../core/http/variables/systemVariables';

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
  '###',
  '# @name a-b',
  'GET https://h/ab',
  '',
  '###',
  '# @name 1x',
  'GET https://h/1x',
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
  assert.deepEqual(
    resolve('login.response.headers./x'),
    { source: 'request', detail, location, awaits: ['login'] },
    'only a body path is XPath',
  );
});

test('request variables: headers by any case, the body whole or by JSONPath, and what each finds or misses', () => {
  const sent = { login: response('{"id": 7, "token": {"v": "t"}, "name": "n"}', { 'X-Subject-Token': 'tok', Date: 'today' }) };
  const location = { start: loginLine, end: loginLine + 'POST https://h/login'.length };
  const value = (expr: string) => {
    const r = resolve(expr, {}, sent);
    // Every answer, found or not, names the request and where it is.
    assert.deepEqual(
      [r?.source, r?.detail, r?.location],
      ['request', 'request variable: the response of "login"', location],
      expr,
    );
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
  assert.deepEqual(resolve('login.response.body.$.id', {}, { login: response('<xml/>') }), {
    source: 'request',
    detail: 'request variable: the response of "login"',
    location,
    error: 'the response of "login" is not JSON',
  });
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
  const nested = { login: response('{"a": {"b": "deep"}, "name": "n"}') };
  assert.deepEqual(resolve('login.a.b', {}, nested), {
    source: 'request',
    detail,
    location: { start: loginLine, end: loginLine + 'POST https://h/login'.length },
    value: 'deep',
    secret: false,
  });
  assert.equal(resolve('login.name', {}, nested)?.value, 'n', 'a string as it is, not as JSON');
  assert.deepEqual(resolve('login.a.nope', {}, nested), {
    source: 'request',
    detail,
    location: { start: loginLine, end: loginLine + 'POST https://h/login'.length },
    error: 'a.nope finds nothing in the response of "login"',
  });
  // Requests named so do exist, but a name that is no identifier is JavaScript to httpyac.
  assert.deepEqual(resolve('a-b.id', {}, { 'a-b': response('{"id": 1}') }), js);
  assert.deepEqual(resolve('1x.id', {}, { '1x': response('{"id": 1}') }), js);
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

test('what a walk remembers is not reused under other .env files, or under another dialect', () => {
  const one = [{ uri: 'file:///w/.env', label: '.env', entries: parseDotenv('K=1') }];
  const two = [{ uri: 'file:///w/.env', label: '.env', entries: parseDotenv('K=2') }];
  assert.equal(resolve('K', { dotenvVariables: one })?.value, '1');
  assert.equal(resolve('K', { dotenvVariables: two })?.value, '2', 'only the .env files differ');
  assert.equal(resolve('K', { dotenvVariables: two, dialect: 'httpyac' })?.value, '2');
  assert.equal(resolve('K', { dotenvVariables: two, dialect: 'jetbrains' }), undefined, 'only the dialect differs');
});

test('a name set by scripts of two dialects: the first setter the dialect accepts, wherever it is', () => {
  const text = [
    'GET https://h/a',
    '',
    '> {%',
    'client.global.set("tok", 1);',
    '%}',
    '',
    '###',
    '{{',
    '  exports.tok = 2;',
    '}}',
    'GET https://h/b',
    '',
  ].join('\n');
  const scripted = parseHttpFile(text);
  const [ref] = variableReferences('{{tok}}');
  const by = (dialect: DialectSetting) => resolveReference({ file: scripted, environment: EMPTY_ENVIRONMENT, dialect }, ref);
  assert.deepEqual(by('jetbrains'), {
    source: 'script',
    detail:
      'set by a response handler of this file (client.global.set, JetBrains HTTP Client (and kulala, rest.nvim)): its value exists once that script has run',
    location: { start: text.indexOf('tok'), end: text.indexOf('tok') + 3 },
    secret: false,
  });
  assert.equal(
    by('httpyac')?.detail,
    'set by a script block of this file (exports, httpyac): its value exists once that script has run',
  );
  assert.equal(by('any')?.detail.includes('response handler'), true, 'any dialect: the first');
  assert.equal(by('rest-client'), undefined);
});

test("system variables: other tools' dynamic variables and bare $randomInt under any dialect; secrets; every answer's source", () => {
  const system: SystemEnv = {
    now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    random: () => 0.4567,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    processEnv: (name) => (name === 'HOME' ? '/home/u' : undefined),
    dotenv: () => undefined,
    environment: () => undefined,
  };
  const bare = 'system variable ($randomInt without bounds: httpyac, JetBrains HTTP Client)';
  assert.deepEqual(resolve('$randomInt'), { source: 'system', detail: bare }, 'no dialect set: any');
  assert.deepEqual(resolve('$randomInt', { system }), { source: 'system', detail: bare, value: '456' });
  assert.deepEqual(resolve('$randomInt', { system, dialect: 'jetbrains' })?.value, '456');
  assert.deepEqual(resolve('$randomInt', { system, dialect: 'httpyac' })?.value, '456');
  assert.notEqual(resolve('$randomInt', { system, dialect: 'rest-client' })?.detail, bare, 'REST Client needs bounds');
  assert.equal(resolve('$random.uuid')?.detail.startsWith('JetBrains HTTP Client'), true, 'no dialect set: any');
  assert.equal(resolve('$random.uuid')?.source, 'system');
  assert.deepEqual(resolve('$guid', { system }), {
    source: 'system',
    detail: 'system variable',
    secret: false,
    value: system.uuid(),
  });
  assert.deepEqual(resolve('$processEnv HOME', { system }), {
    source: 'system',
    detail: 'system variable',
    secret: true,
    value: '/home/u',
  });
  const missing = resolve('$dotenv NOPE', { system });
  assert.deepEqual(
    [missing?.source, missing?.detail, missing?.secret, typeof missing?.error],
    ['system', 'system variable', true, 'string'],
  );
  assert.equal(resolve('$timestamp')?.secret, false);
  assert.deepEqual(resolve('$nope', { system })?.source, 'system');
});

test('a variable made of others: a value only when all resolve; what it waits for when none failed', () => {
  const text = [
    '@a = {{nope}}',
    '@b = x{{login.response.body.$.t}}',
    '@c = {{q}}!',
    '@q = 1',
    '# @name login',
    'POST https://h/login',
    '',
  ].join('\n');
  const vars = parseHttpFile(text);
  const inputs: VariableInputs = { file: vars, environment: EMPTY_ENVIRONMENT };
  const one = (name: string) => resolveReference(inputs, variableReferences(`{{${name}}}`)[0]);
  assert.equal(one('a')?.value, undefined, 'an unknown name inside: no value');
  assert.equal(one('a')?.awaits, undefined);
  assert.deepEqual([one('b')?.value, one('b')?.awaits], [undefined, ['login']], 'waits for the request it reads');
  assert.deepEqual([one('c')?.value, 'awaits' in one('c')!], ['1!', false]);
});

test('resolveText: what is substituted, what is left with its error or wait, the first problem, and the size limits', () => {
  const big = 'x'.repeat(MAX_EXPANDED_LENGTH);
  const half = 'y'.repeat(MAX_EXPANDED_LENGTH / 2 + 1);
  const text = [
    `@big = ${big}`,
    `@half = ${half}`,
    '@loop = {{loop}}',
    '@h1 = {{half}}',
    '@h2 = {{h1}}',
    '# @name login',
    'POST https://h/login',
    '',
  ].join('\n');
  const vars = parseHttpFile(text);
  const at = (t: string) => resolveText({ file: vars, environment: EMPTY_ENVIRONMENT }, t);
  const r = at('<{{nope}}|{{$randomInt x}}|{{login.response.body.$.id}}|{{loop}}>');
  assert.equal(r.text, '<{{nope}}|{{$randomInt x}}|{{login.response.body.$.id}}|{{loop}}>');
  assert.deepEqual(
    r.unresolved.map((u) => u.expr),
    ['nope', '$randomInt x', 'login.response.body.$.id', 'loop'],
  );
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0], /^\{\{\$randomInt x\}\}: /);
  assert.deepEqual(r.awaits, ['login']);
  assert.match(r.problem ?? '', /loop|cycle|refers to itself/);
  // Compared as booleans: a failure must not print 100,000 characters.
  assert.ok(at('{{big}}').text === big, 'exactly the limit fits');
  assert.ok(at('a{{big}}').text === 'a{{big}}', 'one character more does not');
  const over = at('{{half}}-{{half}}!');
  assert.ok(over.text === `${half}-{{half}}!`, 'the one that would pass the limit is left as written');
  assert.deepEqual(
    over.unresolved.map((u) => u.expr),
    ['half'],
  );
  assert.equal(over.problem, `expands to more than ${MAX_EXPANDED_LENGTH.toLocaleString('en')} characters`);
  // Each level of a chain counts what it produced: the walk as a whole is bounded too.
  const chain = at(Array.from({ length: 8 }, () => '{{h2}}').join('\n'));
  assert.match(chain.problem ?? '', /expands to more than/);
  assert.ok(chain.unresolved.length > 0);
  assert.equal(at('{{q}}').problem, undefined);
  assert.deepEqual(at('no references'), { text: 'no references', unresolved: [], errors: [], secret: false, awaits: [] });
});

test('resolveText: the walk as a whole is bounded, beyond what one text may hold', () => {
  // A chain of 20 names over a value of half the limit: each level fits, and the walk produces 20 halves,
  // exactly 10 times the limit, which is allowed; one level more is not.
  const half = 'z'.repeat(MAX_EXPANDED_LENGTH / 2);
  const chain = (levels: number) =>
    parseHttpFile(
      [`@v1 = ${half}`, ...Array.from({ length: levels - 1 }, (_, i) => `@v${i + 2} = {{v${i + 1}}}`), ''].join('\n'),
    );
  const top = (levels: number) => resolveText({ file: chain(levels), environment: EMPTY_ENVIRONMENT }, `{{v${levels}}}`);
  const twenty = top(20);
  assert.equal(twenty.problem, undefined);
  assert.ok(twenty.text === half, 'the value, whole');
  const more = top(21);
  assert.equal(more.problem, `expands to more than ${MAX_EXPANDED_LENGTH.toLocaleString('en')} characters`);
  assert.equal(more.text, '{{v21}}');
});
