/**
 * `{{…}}` references, .http environments and how variables build on each other, at their boundaries
 * (core/http/variables/references.ts, environments.ts, graph.ts and secrets.ts): offsets, the innermost pair of
 * braces, every request-variable form and its errors, secret names, bare references in JSON bodies;
 * settings and env files that are not what they should be; heights, cycles and the nesting limit;
 * which names are secrets and how URLs are shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../core/http/httpFile';
import { EMPTY_ENVIRONMENT, environmentFrom, parseSources } from '../../core/http/variables/environments';
import { variableShapes, type VariableShape } from '../../core/http/variables/graph';
import {
  isPrivateSource,
  isSecretParameter,
  queryParameters,
  secretNames,
  urlForLog,
  urlWithSecretsMasked,
} from '../../core/http/variables/secrets';
import {
  isPlainName,
  looksSecret,
  mask,
  maskBareReferences,
  referenceAt,
  variableReferences,
} from '../../core/http/variables/references';

const one = (text: string) => {
  const refs = variableReferences(text);
  assert.equal(refs.length, 1, `one reference in ${text}`);
  return refs[0];
};

test('references: offsets of the braces and of the trimmed expression; the innermost pair; no brace inside', () => {
  const r = one('a {{ \tx \n}} b');
  assert.deepEqual([r.start, r.end, r.exprStart, r.exprEnd, r.expr, r.kind], [2, 11, 6, 7, 'x', 'plain']);
  const inner = one('{{a {{b}}');
  assert.deepEqual([inner.expr, inner.start, inner.end], ['b', 4, 9]);
  assert.deepEqual(
    variableReferences('{{a}b}} {{c}} {{d{e}} {{f').map((x) => x.expr),
    ['c'],
    'a brace inside is no reference; an unclosed one ends the scan',
  );
  assert.deepEqual(
    variableReferences('{{a}}{{b}}').map((x) => [x.expr, x.start, x.end]),
    [
      ['a', 0, 5],
      ['b', 5, 10],
    ],
  );
  const empty = one('{{  }}');
  assert.deepEqual([empty.expr, empty.exprStart, empty.exprEnd], ['', 4, 4]);
  assert.deepEqual(variableReferences('no braces } { here'), []);
});

test('references: system variables are named by their first word, whatever white space follows', () => {
  assert.deepEqual([one('{{$guid}}').name, one('{{$guid}}').kind], ['$guid', 'system']);
  assert.equal(one('{{$randomInt 1 2}}').name, '$randomInt');
  assert.equal(one('{{$timestamp\t-1 d}}').name, '$timestamp');
  assert.equal(one('{{$randomInt 1 2}}').expr, '$randomInt 1 2');
  assert.equal(one('{{x$guid}}').kind, 'plain');
});

test('request variables: every form REST Client and kulala read, and what each wrong one is told', () => {
  const req = (expr: string) => one(`{{${expr}}}`);
  assert.deepEqual(req('login.response.headers.X-Subject-Token').request, { part: 'headers', path: 'X-Subject-Token' });
  assert.equal(req('login.response.headers.X-Subject-Token').name, 'login');
  assert.deepEqual(req("login.response.headers['Date']").request, { part: 'headers', path: 'Date' });
  assert.deepEqual(req('login.response.headers["Set Cookie"]').request, { part: 'headers', path: 'Set Cookie' });
  assert.deepEqual(req('login.response.cookies.SID').request, { part: 'cookies', path: 'SID' });
  assert.deepEqual(req('login.response.cookies.SID.value').request, { part: 'cookies', path: 'SID' });
  assert.deepEqual(req('login.response.cookies.SID.httpOnly').request, { part: 'cookies', path: 'SID' });
  assert.deepEqual(req('login.response.body.*').request, { part: 'body', path: '*' });
  assert.deepEqual(req('login.response.body.$.token.id').request, { part: 'body', path: '$.token.id' });
  assert.deepEqual(req('login.response.body.//reply[1]/@id').request, { part: 'body', path: '//reply[1]/@id' });
  const general = 'a request variable reads "response.headers.NAME" or "response.body.*" / "response.body.$.json.path"';
  for (const bad of [
    'login.response',
    'login.response-x',
    'login.response.headers[\'Date"]',
    'login.response.cookies.SID.other',
    'login.response.status',
    'login.response.cookies',
  ])
    assert.deepEqual(req(bad).request, { error: general }, bad);
  for (const bad of ['login.response.headers', 'login.response.headers.'])
    assert.deepEqual(req(bad).request, { error: 'name the header: response.headers.X-Subject-Token' }, bad);
  for (const bad of ['login.response.body', 'login.response.body.', 'login.response.body.token'])
    assert.deepEqual(
      req(bad).request,
      { error: 'after body. comes * (the whole body), a JSONPath such as $.token.id, or an XPath for XML' },
      bad,
    );
  // Not request variables at all: the word after the first dot is not exactly "response".
  for (const plain of ['login.responses.body.*', '.response.body.*', 'a.b.response.body.*', 'login.respons', 'login'])
    assert.equal(req(plain).kind, 'plain', plain);
});

test('plain names, the reference at an offset, secret names and their masks', () => {
  for (const name of ['a', '%a', '_a-b1', 'A9']) assert.equal(isPlainName(name), true, name);
  for (const name of ['1a', '%%a', 'a.b', '', 'a b', '-a', '%']) assert.equal(isPlainName(name), false, name);
  const text = 'x {{a}} y {{b}}';
  assert.equal(referenceAt(text, 2)?.expr, 'a', 'at the first brace');
  assert.equal(referenceAt(text, 7)?.expr, 'a', 'just after the last brace');
  assert.equal(referenceAt(text, 1), undefined);
  assert.equal(referenceAt(text, 8), undefined);
  assert.equal(referenceAt(text, 12)?.expr, 'b');
  for (const name of [
    'sk',
    'SK',
    'my_sk',
    'apiKey',
    'api_key',
    'tokens',
    'pwd2',
    'passwordHash',
    'credentials',
    'x-secret',
    'ACCESS_TOKEN',
  ])
    assert.equal(looksSecret(name), true, name);
  for (const name of ['ak', 'skip', 'task', 'mySk', 'region', 'projectId', 'keys']) assert.equal(looksSecret(name), false, name);
  assert.equal(mask('12345678901'), '••••', 'eleven characters show nothing');
  assert.equal(mask('abcdefghijkl'), 'ab•••• (12 characters)');
  assert.equal(mask(''), '••••');
});

test('bare references in JSON bodies become strings of the same length; those inside strings stay', () => {
  const body = '{"limit": {{limit}}, "s": "{{x}}", "e": "q\\"{{y}}", "z": {{ z }}}';
  const { text, holes } = maskBareReferences(body);
  assert.equal(text.length, body.length);
  assert.deepEqual([...holes], [body.indexOf('{{limit}}'), body.indexOf('{{ z }}')]);
  assert.deepEqual(JSON.parse(text), { limit: '_______', s: '{{x}}', e: 'q"{{y}}', z: '_____' });
  const plain = '{"a": 1}';
  assert.equal(maskBareReferences(plain).text, plain);
  assert.deepEqual(maskBareReferences('[{{a\n}}, {{b]').text, '[{{a\n}}, {{b]', 'across a line or unclosed: left as written');
  assert.deepEqual(maskBareReferences('"\\\\"{{a}}').text, '"\\\\""___"', 'an escaped backslash ends before the quote');
});

test('settings that are not objects of objects are read for what they hold', () => {
  const env = environmentFrom(
    [{ label: 'settings', value: { dev: 'x', prod: null, test: { a: 1, b: true, c: {}, d: null, e: [1], f: 'f' } } }],
    'test',
  );
  assert.deepEqual(
    [...env.variables].map(([k, v]) => [k, v.value, v.environment, v.source]),
    [
      ['a', '1', 'test', 'settings'],
      ['b', 'true', 'test', 'settings'],
      ['f', 'f', 'test', 'settings'],
    ],
  );
  assert.deepEqual(env.names, ['test']);
  for (const value of [null, 'text', 3, undefined]) {
    const none = environmentFrom([{ label: 'settings', value }], 'dev');
    assert.deepEqual([env.problems.length, none.variables.size, none.names], [0, 0, []]);
  }
});

test('env files: where each name is, what is not an object, what cannot be parsed, what nests too deep', () => {
  const file = '{\n  "dev": {\n    "host": "h", "n": 2, "o": {}, "l": [], "z": null\n  },\n  "odd": 5\n}';
  const env = environmentFrom([{ label: 'f.json', uri: 'file:///f.json', text: file }], 'dev');
  const host = env.variables.get('host');
  assert.deepEqual(host, {
    value: 'h',
    environment: 'dev',
    source: 'f.json',
    uri: 'file:///f.json',
    start: 18,
    end: 22,
    line: 2,
    character: 5,
  });
  assert.equal(file.slice(18, 22), 'host');
  assert.deepEqual([...env.variables.keys()], ['host', 'n']);
  assert.deepEqual(env.names, ['dev'], 'an environment that is not an object is no environment');

  const { parsed, problems } = parseSources([
    { label: 'list.json', text: '[]' },
    { label: 'broken.json', text: '{"dev": {"a": "1"} "x"' },
    { label: 'trailing.json', text: '{"dev": {"b": "2",},}' },
    { label: 'deep.json', text: `{"dev": ${'['.repeat(600)}${']'.repeat(600)}}` },
    { label: 'empty.json', text: '' },
  ]);
  assert.deepEqual(problems, [
    'list.json is not a JSON object of environments',
    'broken.json is not a JSON object of environments',
    'deep.json nests deeper than 512 levels: not read',
    'empty.json is not a JSON object of environments',
  ]);
  assert.deepEqual(
    parsed.map((p) => [p.source.label, [...(p.envs.get('dev')?.keys() ?? [])]]),
    [
      ['broken.json', ['a']],
      ['trailing.json', ['b']],
    ],
    'a broken object is still read for what it holds; trailing commas are allowed',
  );
});

test('the selected environment: none or $shared layers $shared only; names elsewhere are listed once, sorted', () => {
  const sources = [
    { label: 'settings', value: { $shared: { s: 'settings-s' }, prod: { only: 'p', both: 'p' }, beta: { only: 'b' } } },
    {
      label: 'f.json',
      text: '{"$shared": {"s": "file-s"}, "prod": {"only": "p2"}, "alpha": {"only": "a", "both": "a"}, "dev": {"d": "1"}}',
    },
  ];
  for (const selected of ['', '$shared']) {
    const env = environmentFrom(sources, selected);
    assert.deepEqual([...env.variables.keys()], ['s'], selected);
    assert.equal(env.variables.get('s')?.value, 'file-s');
    assert.equal(env.variables.get('s')?.environment, '$shared');
    assert.deepEqual(Object.fromEntries(env.elsewhere ?? []), {
      only: ['alpha', 'beta', 'prod'],
      both: ['alpha', 'prod'],
      d: ['dev'],
    });
    assert.deepEqual(env.names, ['alpha', 'beta', 'dev', 'prod']);
  }
  const dev = environmentFrom(sources, 'dev');
  assert.equal(dev.variables.get('d')?.environment, 'dev');
  assert.deepEqual(dev.elsewhere?.get('d'), undefined, 'what the selected environment defines is not elsewhere');
  const prodOnly = environmentFrom([{ label: 'settings', value: { prod: { p: '1' } } }], 'prod');
  assert.equal('elsewhere' in prodOnly, false, 'no key when nothing is elsewhere');
  assert.deepEqual(prodOnly.problems, []);
});

const shapesOf = (text: string, env = EMPTY_ENVIRONMENT) => variableShapes(parseHttpFile(text), env);
const describe = (shapes: ReadonlyMap<string, VariableShape>) =>
  Object.fromEntries([...shapes].map(([name, s]) => [name, s.problem ? `${s.height} ${s.problem}` : s.height]));

test('variable shapes: heights count the levels of plain names; unknown, system and request names are leaves', () => {
  assert.deepEqual(
    describe(
      shapesOf('@a = 1\n@b = {{a}}\n@c = {{b}} {{a}} {{b}}\n@d = {{nope}} {{$guid}} {{x.response.body.*}}\n@e = {{%c}}\n'),
    ),
    {
      a: 1,
      b: 2,
      c: 3,
      d: 1,
      e: 4,
    },
  );
  // The last definition of a name is the one that counts; a file variable over an environment variable.
  assert.deepEqual(describe(shapesOf('@a = {{b}}\n@a = 1\n@b = {{a}}\n')), { a: 1, b: 2 });
  const env = environmentFrom([{ label: 'settings', value: { dev: { a: '{{b}}', c: '{{b}}' } } }], 'dev');
  assert.deepEqual(describe(shapesOf('@b = 1\n@c = 2\n', env)), { a: 2, c: 1, b: 1 });
});

test('variable shapes: a cycle names its shortest round trip, in walking order; what builds on it shares the problem', () => {
  assert.deepEqual(describe(shapesOf('@a = {{a}}\n')), { a: '1 refers to itself: {{a}} → {{a}}' });
  const two = describe(shapesOf('@a = {{b}}\n@b = {{a}}\n@x = {{a}}\n@y = {{x}}\n@z = 1\n'));
  assert.deepEqual(two, {
    a: '1 refers to itself: {{a}} → {{b}} → {{a}}',
    b: '1 refers to itself: {{a}} → {{b}} → {{a}}',
    x: '2 refers to itself: {{a}} → {{b}} → {{a}}',
    y: '3 refers to itself: {{a}} → {{b}} → {{a}}',
    z: 1,
  });
  assert.equal(describe(shapesOf('@a = {{b}}\n@b = {{c}}\n@c = {{a}}\n')).a, '1 refers to itself: {{a}} → {{b}} → {{c}} → {{a}}');
  // a → b → c → a and a → c → a: the shorter one is said.
  assert.equal(describe(shapesOf('@a = {{b}} {{c}}\n@b = {{c}}\n@c = {{a}}\n')).a, '1 refers to itself: {{a}} → {{c}} → {{a}}');
  // Two cycles joined by one edge: each says its own.
  const joined = describe(shapesOf('@a = {{b}}\n@b = {{a}} {{c}}\n@c = {{d}}\n@d = {{c}}\n'));
  assert.equal(joined.c, '1 refers to itself: {{c}} → {{d}} → {{c}}');
  assert.equal(joined.a, '2 refers to itself: {{a}} → {{b}} → {{a}}');
});

test('variable shapes: 64 levels are fine, 65 are a problem for that name and every name on top of it', () => {
  const chain = (n: number) => ['@v0 = 1', ...Array.from({ length: n }, (_, i) => `@v${i + 1} = {{v${i}}}`)].join('\n');
  const shapes = shapesOf(chain(65));
  assert.deepEqual(shapes.get('v63'), { height: 64 });
  assert.deepEqual(shapes.get('v64'), { height: 65, problem: 'nests variables more than 64 deep' });
  assert.deepEqual(shapes.get('v65'), { height: 66, problem: 'nests variables more than 64 deep' });
  const file = parseHttpFile('@a = 1\n');
  assert.equal(
    variableShapes(file, EMPTY_ENVIRONMENT),
    variableShapes(file, EMPTY_ENVIRONMENT),
    'computed once a file and environment',
  );
  const other = environmentFrom([], '');
  assert.notEqual(variableShapes(file, other), variableShapes(file, EMPTY_ENVIRONMENT));
});

test('secret parameters: credential headers, names like a key, token, password, signature or session', () => {
  for (const name of [
    'Authorization',
    'proxy-authorization',
    'X-Auth-Token',
    'x-subject-token',
    'X-Security-Token',
    'Cookie',
    'Set-Cookie',
    'api_key',
    'apikey',
    'X-Api-Key',
    'access-key',
    'private_key',
    'secretkey',
    'auth-key',
    'X-Signature',
    'sessionId',
    'password',
  ])
    assert.equal(isSecretParameter(name), true, name);
  for (const name of ['Content-Type', 'X-Project-Id', 'key', 'monkey', 'keyboard', 'x-cookie-policy', 'limit'])
    assert.equal(isSecretParameter(name), false, name);
  assert.equal(isPrivateSource('http-client.private.env.json (workspace root)'), true);
  assert.equal(isPrivateSource('http-client.env.json'), false);
});

test('query parameters, and URLs for logs and for the response view', () => {
  assert.deepEqual(queryParameters('https://h/p?a=1&&b&c=x=y#frag&d=2'), [
    { name: 'a', value: '1' },
    { name: 'b', value: '' },
    { name: 'c', value: 'x=y' },
  ]);
  assert.deepEqual(
    queryParameters('https://h/p#f?a=1'),
    [{ name: 'a', value: '1' }],
    'a ? after the # starts no query of the URL, but is read as written',
  );
  assert.deepEqual(queryParameters('https://h/p?#a=1'), []);
  assert.deepEqual(queryParameters('?=v'), [{ name: '', value: 'v' }]);
  assert.deepEqual(queryParameters('https://h/p'), []);
  assert.equal(urlForLog('https://h/p?token=abc#x'), 'https://h/p');
  assert.equal(urlForLog('https://h/p#x?y'), 'https://h/p');
  assert.equal(urlForLog('https://h/p'), 'https://h/p');
  assert.equal(
    urlWithSecretsMasked('https://h/p?token=abc&limit=5&flag&X-Signature=s'),
    'https://h/p?token=••••&limit=5&flag&X-Signature=••••',
  );
  assert.equal(urlWithSecretsMasked('https://h/p'), 'https://h/p');
  assert.equal(urlWithSecretsMasked('https://h/p?'), 'https://h/p?');
});

test('secret names: by name, by where they are sent, and everything they are built from, through `%` too', () => {
  const file = parseHttpFile(
    [
      '@jwt = {{part1}}.{{part2}}',
      '@part1 = {{%seed}}',
      '@seed = s',
      '@part2 = p',
      '@auth = Bearer {{jwt}}',
      '@host = example.com',
      '@my_password = x',
      '@q = {{qsource}}',
      '# @prompt otp_token',
      '# @prompt region',
      'GET https://{{host}}/p?sig={{sigValue}}&api_key={{q}}&limit={{limit}}',
      'Authorization: {{auth}}',
      'Cookie: a={{cookieValue}}',
      'Accept: {{accept}}',
      'X-Trace: {{traceToken}}',
    ].join('\n'),
  );
  const env = environmentFrom([{ label: 'settings', value: { dev: { envPlain: 'e', qsource: '{{fromEnv}}' } } }], 'dev');
  const names = [...secretNames(file, env)].sort();
  assert.deepEqual(
    names,
    ['auth', 'cookieValue', 'fromEnv', 'jwt', 'my_password', 'otp_token', 'part1', 'part2', 'q', 'qsource', 'seed'].sort(),
  );
  // traceToken is only sent in a header that is no credential: a name is judged where it is defined.
  assert.equal(secretNames(file, env), secretNames(file, env), 'computed once a file and environment');
  const withSecretEnv = environmentFrom([{ label: 'settings', value: { dev: { apiToken: 't' } } }], 'dev');
  assert.ok(secretNames(file, withSecretEnv).has('apiToken'), 'an environment variable named like a secret');
});
