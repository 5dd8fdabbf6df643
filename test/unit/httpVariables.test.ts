/** .http variable sources: system variables, environments and their precedence, .env, JSONPath, request variables. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpFile } from '../../core/http/httpFile';
import { parseDotenv } from '../../core/http/variables/dotenv';
import { EMPTY_ENVIRONMENT, environmentFrom } from '../../core/http/variables/environments';
import { evaluateJsonPath } from '../../core/http/variables/jsonPath';
import { looksSecret, mask, variableReferences } from '../../core/http/variables/references';
import { resolveReference, resolveText, type VariableInputs } from '../../core/http/variables/resolver';
import { evaluateSystemVariable, formatDate, type SystemEnv } from '../../core/http/variables/systemVariables';

// 2026-03-04T05:06:07.089Z, a Wednesday.
const NOW = Date.UTC(2026, 2, 4, 5, 6, 7, 89);
const env = (over: Partial<SystemEnv> = {}): SystemEnv => ({
  now: () => new Date(NOW),
  random: () => 0.5,
  uuid: () => '11111111-2222-4333-8444-555555555555',
  processEnv: (n) => ({ HOME: '/home/me', PROJECT_VAR: 'proj-from-process' })[n],
  dotenv: (n) => ({ PROJECT_ID: 'p-from-dotenv' })[n],
  environment: (n) => ({ varName: 'PROJECT_VAR', dotName: 'PROJECT_ID' })[n],
  ...over,
});
const value = (expr: string, e = env()) => {
  const r = evaluateSystemVariable(expr, e);
  return 'value' in r ? r.value : `ERROR ${r.error}`;
};

test('every system variable form, as REST Client writes and means it', () => {
  assert.equal(value('$guid'), '11111111-2222-4333-8444-555555555555');
  assert.equal(value('$uuid'), '11111111-2222-4333-8444-555555555555');
  assert.equal(value('$randomInt 10 20'), '15', 'min + floor(random × (max − min))');
  assert.equal(value('$randomInt 10 11'), '10');
  assert.match(value('$randomInt 5'), /^ERROR \$randomInt needs two whole numbers/);
  assert.equal(value('$randomInt 9 3'), '6', 'in either order, as REST Client computes it: 9 + floor(0.5 × (3 − 9))');
  assert.match(value('$randomInt 1 x'), /^ERROR/);
  assert.equal(value('$timestamp'), String(Math.floor(NOW / 1000)));
  assert.equal(value('$timestamp -1 d'), String(Math.floor(NOW / 1000) - 86400));
  assert.equal(value('$timestamp 2 h'), String(Math.floor(NOW / 1000) + 7200));
  assert.equal(value('$timestamp 1 ms'), String(Math.floor((NOW + 1) / 1000)));
  assert.match(value('$timestamp 1 fortnight'), /^ERROR \$timestamp: the offset must be a whole number and a unit/);
  assert.equal(value('$datetime iso8601'), '2026-03-04T05:06:07.089Z');
  assert.equal(value('$datetime rfc1123'), 'Wed, 04 Mar 2026 05:06:07 GMT');
  assert.equal(value('$datetime iso8601 1 y'), '2027-03-04T05:06:07.089Z');
  assert.equal(value('$datetime iso8601 -1 M'), '2026-02-04T05:06:07.089Z');
  assert.equal(value('$datetime iso8601 1 w'), '2026-03-11T05:06:07.089Z');
  assert.equal(value('$datetime "YYYY-MM-DD HH:mm:ss.SSS"'), '2026-03-04 05:06:07.089');
  assert.equal(value("$datetime 'DD/MM/YY [at] h A' 10 m"), '04/03/26 at 5 AM');
  assert.match(value('$datetime'), /^ERROR \$datetime needs a format/);
  assert.equal(value('$processEnv HOME'), '/home/me');
  assert.equal(value('$processEnv %varName'), 'proj-from-process', '% looks the name up in the environment first');
  assert.match(value('$processEnv NOPE'), /^ERROR NOPE is not set \(process environment\)/);
  assert.equal(value('$dotenv PROJECT_ID'), 'p-from-dotenv');
  assert.equal(value('$dotenv %dotName'), 'p-from-dotenv');
  assert.match(value('$dotenv %unknown'), /^ERROR unknown is not a variable of the selected environment/);
  assert.match(value('$nope'), /^ERROR \$nope is not a system variable this extension knows \(\$guid, \$uuid/);
});

test('local date-times use the local zone and write its offset', () => {
  const d = new Date(NOW);
  const iso = value('$localDatetime iso8601');
  assert.equal(iso, formatDate(d, 'YYYY-MM-DDTHH:mm:ssZ', false));
  assert.match(iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  assert.match(value('$localDatetime rfc1123'), /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/);
  assert.equal(formatDate(d, 'dddd MMMM D, YYYY', true), 'Wednesday March 4, 2026');
});

const settingsEnvs = {
  $shared: { region: 'cn-north-4', host: 'shared-host' },
  dev: { host: 'dev-host', projectId: 'dev-p' },
  prod: { host: 'prod-host' },
};
const envFile = `{
  "$shared": { "region": "cn-east-3" },
  "dev": { "projectId": "file-dev-p", "token": "abc123456" },
  "test": { "projectId": 42 }
}`;
const privateFile = `{ "dev": { "token": "private-token-xyz" } }`;

test('environments: settings, then env files, private over public; the selected environment over $shared', () => {
  const sources = [
    { label: 'settings', value: settingsEnvs },
    { label: 'http-client.env.json', uri: 'file:///ws/http-client.env.json', text: envFile },
    { label: 'http-client.private.env.json', uri: 'file:///ws/http-client.private.env.json', text: privateFile },
  ];
  const dev = environmentFrom(sources, 'dev');
  const get = (name: string) => dev.variables.get(name);
  assert.deepEqual(dev.names, ['dev', 'prod', 'test']);
  assert.equal(get('host')?.value, 'dev-host', 'dev over $shared');
  assert.equal(get('projectId')?.value, 'file-dev-p', 'the env file over settings');
  assert.equal(get('region')?.value, 'cn-east-3', '$shared of the file over $shared of settings');
  assert.equal(get('token')?.value, 'private-token-xyz', 'private over public');
  assert.equal(get('token')?.source, 'http-client.private.env.json');
  assert.deepEqual([get('projectId')?.line, get('projectId')?.character], [2, 12], 'where the name is, for go to definition');
  const shared = environmentFrom(sources, '');
  assert.equal(shared.variables.get('host')?.value, 'shared-host');
  assert.equal(shared.variables.has('projectId'), false);
  assert.equal(environmentFrom(sources, 'test').variables.get('projectId')?.value, '42', 'numbers are text');
  const broken = environmentFrom([{ label: 'http-client.env.json', text: '{ "dev": ' }], 'dev');
  assert.deepEqual(broken.problems, ['http-client.env.json is not a JSON object of environments']);
});

test('.env: NAME=value, export, quotes, comments', () => {
  const entries = parseDotenv(
    '# comment\nPROJECT_ID=abc\nexport REGION = "cn-north-4"\nQUOTED=\'a # b\'\nTRAIL=x # note\nbad line\n',
  );
  assert.deepEqual(
    entries.map((e) => [e.name, e.value, e.line, e.character]),
    [
      ['PROJECT_ID', 'abc', 1, 0],
      ['REGION', 'cn-north-4', 2, 7],
      ['QUOTED', 'a # b', 3, 0],
      ['TRAIL', 'x', 4, 0],
    ],
  );
});

test('JSONPath after body.: dots, brackets, indexes, *', () => {
  const body = { token: { project: { id: 'p1' }, roles: [{ name: 'a' }, { name: 'b' }] }, 'a b': 1 };
  assert.equal(evaluateJsonPath(body, '$.token.project.id'), 'p1');
  assert.equal(evaluateJsonPath(body, '$.token.roles[1].name'), 'b');
  assert.equal(evaluateJsonPath(body, "$['a b']"), 1);
  assert.equal(evaluateJsonPath(body, '$.token.roles[*].name'), 'a');
  assert.equal(evaluateJsonPath(body, '$.nope'), undefined);
  assert.equal(evaluateJsonPath(body, 'token'), undefined);
  assert.equal(evaluateJsonPath(body, '$..id'), undefined, 'deep scan is not read');
});

test('references: system with arguments, request variables, plain names; secrets are masked', () => {
  const refs = variableReferences(
    '{{ $randomInt 1 9 }}/{{login.response.headers.X-Subject-Token}}/{{host}}/{{a.response.body.x}}',
  );
  assert.deepEqual(
    refs.map((r) => [r.kind, r.name, r.expr]),
    [
      ['system', '$randomInt', '$randomInt 1 9'],
      ['request', 'login', 'login.response.headers.X-Subject-Token'],
      ['plain', 'host', 'host'],
      ['request', 'a', 'a.response.body.x'],
    ],
  );
  assert.match((refs[3].request as { error: string }).error, /after body\. comes \*/);
  assert.ok(looksSecret('token') && looksSecret('sk') && looksSecret('adminPassword') && looksSecret('client_secret'));
  assert.ok(!looksSecret('projectId') && !looksSecret('skip') && !looksSecret('task'));
  assert.equal(mask('private-token-xyz'), 'pr•••• (17 characters)');
  assert.equal(mask('abc'), '••••');
});

const FILE = `@host = file-host
@url = https://{{host}}/v2

### login
# @name login
POST {{url}}/v3/auth/tokens

### ask
# @prompt imageId the image to tag
# @note
GET {{url}}/{{projectId}}/images/{{imageId}}/tags
X-Auth-Token: {{login.response.headers.X-Subject-Token}}
`;

test('precedence: request, file, prompt, environment, $shared; values from responses and prompts at send time', () => {
  const file = parseHttpFile(FILE);
  const ask = file.requests[1];
  assert.deepEqual(
    ask.prompts.map((p) => [p.name, p.description]),
    [['imageId', 'the image to tag']],
  );
  assert.equal(ask.note, true);
  const environment = environmentFrom(
    [{ label: 'settings', value: { $shared: { host: 'env-host', projectId: 'shared-p' }, dev: { projectId: 'dev-p' } } }],
    'dev',
  );
  const inputs: VariableInputs = { file, environment };
  const ref = (expr: string) => variableReferences(`{{${expr}}}`)[0];
  assert.equal(resolveReference(inputs, ref('host'))?.source, 'file', 'the file variable wins over the environment');
  assert.equal(resolveReference(inputs, ref('url'))?.value, 'https://file-host/v2', 'file variables resolve through each other');
  assert.equal(resolveReference(inputs, ref('projectId'))?.value, 'dev-p', 'the selected environment over $shared');
  assert.equal(resolveReference(inputs, ref('imageId'), ask)?.source, 'prompt');
  assert.equal(resolveReference(inputs, ref('imageId'))?.source, undefined, 'a prompt belongs to its request');
  assert.equal(resolveReference(inputs, ref('nowhere')), undefined);
  const pending = resolveReference(inputs, ref('login.response.headers.X-Subject-Token'));
  assert.deepEqual([pending?.source, pending?.value], ['request', undefined], 'defined, with no value before login is sent');
  const sent: VariableInputs = {
    ...inputs,
    prompts: new Map([['imageId', 'img-9']]),
    responses: new Map([
      ['login', { status: 201, headers: { 'x-subject-token': 'TOKEN-1' }, body: '{"token":{"project":{"id":"p-from-token"}}}' }],
    ]),
  };
  const out = resolveText(
    sent,
    `${ask.fullUrl} {{login.response.headers.X-Subject-Token}} {{login.response.body.$.token.project.id}}`,
    ask,
  );
  assert.equal(out.text, 'https://file-host/v2/dev-p/images/img-9/tags TOKEN-1 p-from-token');
  assert.deepEqual(out.unresolved, []);
  const missing = resolveText(sent, '{{login.response.headers.Nope}} {{login.response.body.$.x}}', ask);
  assert.deepEqual(missing.errors, [
    '{{login.response.headers.Nope}}: the response of "login" has no header Nope',
    '{{login.response.body.$.x}}: $.x finds nothing in the response of "login"',
  ]);
  assert.equal(
    resolveText({ file, environment: EMPTY_ENVIRONMENT }, '{{$guid}}').unresolved.length,
    1,
    'system variables need a clock and randomness',
  );
});
