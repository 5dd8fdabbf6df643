/**
 * The server owns the .http language (core/protocol.ts): the client asks it for a document's sendable
 * requests, for one resolved as Send sends it, and for the environments; the Send lenses come from it,
 * and only for a client that says it runs Send.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';
import type { CodeLens } from 'vscode-languageserver-protocol';
import {
  HTTP_ENVIRONMENTS_REQUEST,
  HTTP_REQUESTS_REQUEST,
  RESOLVE_HTTP_REQUEST,
  SEND_REQUEST_COMMAND,
  type HttpEnvironmentsResult,
  type HttpRequestsResult,
  type ResolveHttpRequestResult,
} from '../../core/protocol';
import { LspClient } from '../support/lspClient';

const TEXT = [
  '### log in',
  '# @name login',
  'POST https://iam.myhuaweicloud.com/v3/auth/tokens',
  'Content-Type: application/json',
  '',
  '{"auth": {}}',
  '',
  '### tag it',
  '# @prompt tagValue the value to set',
  '# @note',
  'POST https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags',
  'X-Auth-Token: {{login.response.headers.X-Subject-Token}}',
  'Content-Type: application/json',
  '',
  '{"tag": {"key": "env", "value": "{{tagValue}}"}}',
  '',
  '### not IMS',
  'GET https://example.com/health',
  '',
  '### the secret',
  'GET https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{$processEnv IMS_TEST_IMAGE}}/tags',
  '',
].join('\n');

const DEFAULTS = { projectId: 'p-from-connection', region: 'cn-north-4' };
let dir: string;
let httpUri: string;
let withLenses: LspClient;
let withoutLenses: LspClient;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ims-http-requests-'));
  writeFileSync(
    join(dir, 'http-client.env.json'),
    JSON.stringify({ dev: { imageId: 'img-dev' }, prod: { imageId: 'img-prod', projectId: 'p-prod' } }),
  );
  const path = join(dir, 'requests.http');
  writeFileSync(path, TEXT);
  httpUri = URI.file(path).toString();
  process.env.IMS_TEST_IMAGE = 'img-from-process';
  const configuration = { imsTags: { http: { environment: 'dev' } } };
  withLenses = await LspClient.inFolder(dir, { configuration, initializationOptions: { sendLenses: true } });
  withoutLenses = await LspClient.inFolder(dir, { configuration, initializationOptions: { workspaceTrusted: false } });
  await withLenses.open(httpUri, 'http', TEXT);
});
after(async () => {
  await withLenses.stop();
  await withoutLenses.stop();
  rmSync(dir, { recursive: true, force: true });
});

const lenses = (client: LspClient) => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: httpUri } });

test('a Send lens above each IMS and token request, running imsTags.sendRequest with the uri and index', async () => {
  const shown = await lenses(withLenses);
  assert.deepEqual(
    shown.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
    [
      [2, 'Send IAM token request', SEND_REQUEST_COMMAND, [httpUri, 0]],
      [10, 'Send IMS request', SEND_REQUEST_COMMAND, [httpUri, 1]],
      [20, 'Send IMS request', SEND_REQUEST_COMMAND, [httpUri, 3]],
    ],
  );
});

test('no lenses for a client that did not say it runs Send (Neovim, other editors)', async () => {
  await withoutLenses.open(httpUri, 'http', TEXT);
  assert.deepEqual(await lenses(withoutLenses), []);
});

test("a document's sendable requests, and those a selection touches", async () => {
  const all = await withLenses.request<HttpRequestsResult>(HTTP_REQUESTS_REQUEST, { uri: httpUri });
  assert.deepEqual(all, [
    { index: 0, line: 2, kind: 'token' },
    { index: 1, line: 10, kind: 'api', apiId: 'AddImageTag' },
    { index: 3, line: 20, kind: 'api', apiId: 'ListImageTags' },
  ]);
  const touched = await withLenses.request<HttpRequestsResult>(HTTP_REQUESTS_REQUEST, {
    uri: httpUri,
    range: { start: { line: 9, character: 0 }, end: { line: 18, character: 0 } },
  });
  assert.deepEqual(
    touched.map((r) => r.index),
    [1],
  );
});

test('one request resolved as Send sends it: environment, connection defaults, prompts, earlier responses', async () => {
  const ask = (extra: object) =>
    withLenses.request<ResolveHttpRequestResult>(RESOLVE_HTTP_REQUEST, { uri: httpUri, defaults: DEFAULTS, ...extra });
  const first = await ask({ index: 1 });
  assert.ok(first);
  assert.equal(first.title, 'tag it');
  assert.equal(first.note, true);
  assert.deepEqual(first.prompts, [{ name: 'tagValue', description: 'the value to set' }]);
  assert.equal(first.environment, 'dev');
  assert.equal(first.pathAndQuery, '/v2/p-from-connection/images/img-dev/tags');
  assert.equal(first.host, 'ims.cn-north-4.myhuaweicloud.com');
  // Nothing answered yet: the prompt and the login response have no value; the login request gives one of them.
  assert.deepEqual(first.missing.sort(), ['login.response.headers.X-Subject-Token', 'tagValue'].sort());
  assert.deepEqual(first.awaits, [{ name: 'login', index: 0, line: 2, variables: ['login.response.headers.X-Subject-Token'] }]);
  const answered = await ask({
    index: 1,
    prompts: { tagValue: 'prod' },
    responses: { login: { status: 201, headers: { 'x-subject-token': 'tok-123' }, body: '{}' } },
  });
  assert.ok(answered);
  assert.deepEqual(answered.missing, []);
  assert.equal(answered.body, '{"tag": {"key": "env", "value": "prod"}}');
  assert.deepEqual(
    answered.headers.find((h) => h.name === 'X-Auth-Token'),
    { name: 'X-Auth-Token', value: 'tok-123' },
  );
  // By line: the block that holds it.
  assert.equal((await ask({ line: 13 }))?.index, 1);
  assert.equal((await ask({ line: 18 })) ?? null, null, 'a request that is not IMS is not sendable');
  assert.equal((await ask({ index: 99 })) ?? null, null);
});

test('a stranger’s params get null, never a crash', async () => {
  for (const params of [null, {}, { uri: 42 }, { uri: httpUri }, { uri: httpUri, defaults: { projectId: 1 } }])
    assert.equal(await withLenses.request(RESOLVE_HTTP_REQUEST, params), null);
  assert.deepEqual(await withLenses.request(HTTP_REQUESTS_REQUEST, { uri: 'file:///nowhere/x.http' }), []);
});

test('Restricted Mode: $processEnv is not read for Send either', async () => {
  const trusted = await withLenses.request<ResolveHttpRequestResult>(RESOLVE_HTTP_REQUEST, {
    uri: httpUri,
    index: 3,
    defaults: DEFAULTS,
  });
  assert.equal(trusted?.path, '/v2/p-from-connection/images/img-from-process/tags');
  const restricted = await withoutLenses.request<ResolveHttpRequestResult>(RESOLVE_HTTP_REQUEST, {
    uri: httpUri,
    index: 3,
    defaults: DEFAULTS,
  });
  assert.ok(restricted);
  assert.ok(!restricted.path.includes('img-from-process'), restricted.path);
  assert.deepEqual(restricted.missing, ['$processEnv IMS_TEST_IMAGE']);
});

test('a file no editor shows is read from disk for the answer', async () => {
  const path = join(dir, 'closed.http');
  writeFileSync(path, 'GET https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/i/tags\n');
  assert.deepEqual(await withLenses.request<HttpRequestsResult>(HTTP_REQUESTS_REQUEST, { uri: URI.file(path).toString() }), [
    { index: 0, line: 0, kind: 'api', apiId: 'ListImageTags' },
  ]);
});

test('the environments a document can select, and the selected one', async () => {
  assert.deepEqual(await withLenses.request<HttpEnvironmentsResult>(HTTP_ENVIRONMENTS_REQUEST, { uri: httpUri }), {
    names: ['dev', 'prod'],
    selected: 'dev',
  });
  // Without a document: those of the first workspace folder.
  assert.deepEqual((await withLenses.request<HttpEnvironmentsResult>(HTTP_ENVIRONMENTS_REQUEST, {})).names, ['dev', 'prod']);
});

test('the shipped examples as npm start opens them: emulator.http resolves in dev and prod, its token from the login request', async () => {
  const { freshExamples } = (await import(pathToFileURL(join(__dirname, '../../../scripts/examples.mjs')).href)) as {
    freshExamples: (examples: string, e: { url: string; projectId: string }) => string;
  };
  const copy = freshExamples(join(__dirname, '../../../examples'), { url: 'http://127.0.0.1:8191', projectId: 'abc123' });
  const uri = URI.file(join(copy, 'emulator.http')).toString();
  const text = readFileSync(join(copy, 'emulator.http'), 'utf8');
  // npm start selects dev in the copy's settings; prod is the other environment the file offers.
  assert.deepEqual(JSON.parse(readFileSync(join(copy, '.vscode/settings.json'), 'utf8')), { 'imsTags.http.environment': 'dev' });
  try {
    for (const [environment, user, password] of [
      ['dev', 'me', 'EMULATOR-SK'],
      ['prod', 'alice-tagger', 'Alice-Pass-1'],
    ]) {
      const client = await LspClient.inFolder(copy, {
        configuration: { imsTags: { http: { environment } } },
        initializationOptions: { sendLenses: true },
      });
      try {
        await client.open(uri, 'http', text);
        const environments = await client.request<HttpEnvironmentsResult>(HTTP_ENVIRONMENTS_REQUEST, { uri });
        assert.deepEqual(environments.names, ['dev', 'prod']);
        const resolve = (index: number, responses?: object) =>
          client.request<ResolveHttpRequestResult>(RESOLVE_HTTP_REQUEST, { uri, index, defaults: DEFAULTS, responses });
        const login = await resolve(0);
        assert.equal(login?.kind, 'token');
        assert.equal(login?.host, '127.0.0.1:8191');
        assert.deepEqual(login?.missing, []);
        // The password from .env (copied from .env.example), for the environment's user.
        const identity = JSON.parse(login!.body!).auth.identity.password.user;
        assert.deepEqual(identity, { name: user, password, domain: { name: 'local' } });
        const tags = await resolve(1);
        assert.equal(tags?.apiId, 'ListImagesTags');
        assert.equal(tags?.pathAndQuery, '/v2/abc123/images/tags');
        assert.deepEqual(tags?.missing, ['token']);
        assert.deepEqual(
          tags?.awaits.map((a) => `${a.name} ${a.index} ${a.variables.join()}`),
          ['login 0 token'],
        );
        const sent = await resolve(1, { login: { status: 201, headers: { 'X-Subject-Token': 'tok-1' }, body: '{}' } });
        assert.deepEqual(sent?.missing, []);
        assert.deepEqual(sent?.awaits, []);
      } finally {
        await client.stop();
      }
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
