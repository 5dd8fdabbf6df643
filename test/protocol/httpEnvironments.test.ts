/**
 * The built server reads .http variable sources itself: env files at the folder root and beside the file
 * (private over public), .env, REST Client's settings and the selected environment, both pulled through
 * workspace/configuration; file events and settings changes are taken up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { DocumentSymbol, Hover, Location, SemanticTokens } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';
import { LOGIN_WITH_HANDLER } from '../support/http';
import { rendered } from '../support/docs';

let dir: string;
let client: LspClient;
let httpUri: string;
const configuration: Record<string, unknown> = {
  imsTags: { http: { environment: 'dev' } },
  'rest-client': { environmentVariables: { $shared: { region: 'cn-east-3', imageId: 'img-from-settings' } } },
};
const TEXT = [
  '# @name list',
  'GET https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags',
  'X-Auth-Token: {{token}}',
  '',
  '###',
  'GET https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{$dotenv IMAGE}}/tags',
  '',
].join('\n');

const hover = async (line: number, needle: string) => {
  const character = TEXT.split('\n')[line].indexOf(needle) + 2;
  const h = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: httpUri },
    position: { line, character },
  });
  return rendered((h?.contents as { value: string } | undefined)?.value ?? '');
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ims-env-'));
  mkdirSync(join(dir, 'api'));
  writeFileSync(
    join(dir, 'http-client.env.json'),
    JSON.stringify({ dev: { projectId: 'root-dev-project', token: 'public-token' } }, null, 2),
  );
  writeFileSync(join(dir, 'http-client.private.env.json'), JSON.stringify({ dev: { token: 'private-token-1234' } }, null, 2));
  writeFileSync(join(dir, 'api', 'http-client.env.json'), JSON.stringify({ dev: { projectId: 'api-dev-project' } }, null, 2));
  writeFileSync(join(dir, 'api', '.env'), 'IMAGE=img-from-dotenv\n');
  const path = join(dir, 'api', 'requests.http');
  writeFileSync(path, TEXT);
  httpUri = URI.file(path).toString();
  client = await LspClient.inFolder(dir, { configuration });
  await client.open(httpUri, 'http', TEXT);
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('each source and its precedence, as hovers show them', async () => {
  // Once the settings are pulled, every variable is defined: no warning stays from before.
  const settled = await client.waitForDiagnostics(httpUri, (d) => !d.some((x) => x.code === 'undefined-variable'));
  assert.deepEqual(settled, []);
  assert.match(
    await hover(1, '{{projectId}}'),
    /environment dev \(http-client\.env\.json\)\n\nValue: `api-dev-project`/,
    'beside the file over the root',
  );
  assert.match(
    await hover(2, '{{token}}'),
    /environment dev \(http-client\.private\.env\.json \(workspace root\)\)\n\nValue: `pr•••• \(18 characters\)`/,
  );
  assert.match(await hover(1, '{{region}}'), /\$shared \(settings \(rest-client\.environmentVariables\)\)\n\nValue: `cn-east-3`/);
  // A value from .env is a secret wherever it is used: masked.
  assert.match(await hover(5, '{{$dotenv'), /Value: `im•••• \(15 characters\)`/);
  // The IMS request is recognized through the environment: its hover is the API's.
  const line = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: httpUri },
    position: { line: 1, character: 1 },
  });
  assert.match((line!.contents as { value: string }).value, /Querying Tags of an Image/);
});

test('go to definition lands in the env file; outline and semantic tokens come over the protocol', async () => {
  const character = TEXT.split('\n')[1].indexOf('{{projectId}}') + 3;
  const loc = await client.request<Location>('textDocument/definition', {
    textDocument: { uri: httpUri },
    position: { line: 1, character },
  });
  assert.equal(loc.uri, URI.file(join(dir, 'api', 'http-client.env.json')).toString());
  assert.deepEqual(loc.range.start, { line: 2, character: 5 });
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: httpUri } });
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail]),
    [
      ['list', 'Querying Tags of an Image (ListImageTags)'],
      [
        'GET https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{$dotenv IMAGE}}/tags',
        'Querying Tags of an Image (ListImageTags)',
      ],
    ],
  );
  const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: httpUri } });
  assert.ok(tokens.data.length > 5 * 8, `${tokens.data.length / 5} tokens`);
});

test('an env file changed on disk and a new selected environment are taken up', async () => {
  writeFileSync(join(dir, 'api', 'http-client.env.json'), JSON.stringify({ dev: { projectId: 'changed-project' } }, null, 2));
  await client.notify('workspace/didChangeWatchedFiles', {
    changes: [{ uri: URI.file(join(dir, 'api', 'http-client.env.json')).toString(), type: 2 }],
  });
  assert.match(await hover(1, '{{projectId}}'), /Value: `changed-project`/);
  configuration.imsTags = { http: { environment: 'prod' } };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  // {{token}} is in dev's private env file only: said so, with dev to select (not "defined nowhere").
  const ds = await client.waitForDiagnostics(httpUri, (d) =>
    d.some((x) => x.code === 'environment-not-selected' && String(x.message).includes('"prod"')),
  );
  assert.deepEqual(
    ds.filter((d) => d.code === 'environment-not-selected' || d.code === 'undefined-variable').map((d) => d.message),
    [
      '{{token}} is defined in the environment dev, not in the selected one "prod": select it (IMS: Select .http Environment, or the status bar).',
    ],
  );
  assert.match(await hover(1, '{{projectId}}'), /the connection's project, when sent with Send IMS request/);
});

test('over the protocol: a JetBrains file (scripts, a title-named request, dynamic variables) and httpyac .env.<environment> get no false warning', async () => {
  writeFileSync(join(dir, 'api', '.env.staging'), 'STAGE_IMAGE=img-staging\n');
  configuration.imsTags = { http: { environment: 'staging' } };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  const uri = URI.file(join(dir, 'api', 'jetbrains.http')).toString();
  const text = [
    ...LOGIN_WITH_HANDLER,
    '### tags',
    '< {%',
    '  request.variables.set("stamp", $timestamp);',
    '%}',
    'GET https://ims.{{region}}.myhuaweicloud.com/v2/{{projectId}}/images/{{STAGE_IMAGE}}/tags?s={{stamp}}',
    'X-Auth-Token: {{token}}',
    'X-Login: {{login.response.headers.X-Subject-Token}}',
    'X-Id: {{$random.uuid}}',
    '',
  ].join('\n');
  await client.open(uri, 'http', text);
  // The settings are pulled (workspace/configuration) after the notification: wait for the staging verdicts.
  const ds = await client.waitForDiagnostics(uri, (d) => !d.some((x) => String(x.message).includes('STAGE_IMAGE')));
  assert.deepEqual(
    ds.map((d) => `${d.code} ${d.message}`),
    [],
  );
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['login', 'tags'],
  );
});
