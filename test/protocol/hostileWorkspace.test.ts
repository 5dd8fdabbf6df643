/**
 * The built server in a workspace written by a stranger: a `.env` that links to a credentials file
 * outside the workspace, an env file over the size limit, a workspace that is not trusted until the
 * client says so, and a process environment holding a secret. Nothing of them reaches an answer or the
 * server's log; each refusal is a diagnostic on the reference that needed the file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { WORKSPACE_TRUST_NOTIFICATION } from '../../core/protocol';
import { LspClient, SERVER_JS } from '../support/lspClient';

const OUTSIDE_SECRET = 'OUTSIDE-CREDENTIAL-5150';
const PROCESS_SECRET = 'PROCESS-SECRET-6160';
let root: string;
let client: LspClient;
let linkedUri: string;
let bigUri: string;
let outsideUri: string;
let outsideLinkUri: string;

const LINKED =
  'GET https://ims.cn-north-4.myhuaweicloud.com/v2/{{$dotenv AWS_SECRET}}/images/{{$processEnv IMS_TEST_SECRET}}/tags\n';
const BIG = 'GET https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/{{imageId}}/tags\n';
const OUTSIDE = 'GET https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/{{imageId}}/tags\n';
const OUTSIDE_LINKED = 'GET https://ims.cn-north-4.myhuaweicloud.com/v2/{{$dotenv AWS_SECRET}}/images/i/tags\n';

async function hoverAt(uri: string, text: string, needle: string): Promise<string> {
  const offset = text.indexOf(needle) + 3;
  const h = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: offset },
  });
  return (h?.contents as { value: string } | undefined)?.value ?? '';
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'ims-hostile-'));
  const ws = join(root, 'workspace');
  const outside = join(root, 'home');
  mkdirSync(join(ws, 'linked'), { recursive: true });
  mkdirSync(join(ws, 'big'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'credentials'), `AWS_SECRET=${OUTSIDE_SECRET}\n`);
  symlinkSync(join(outside, 'credentials'), join(ws, 'linked', '.env'));
  writeFileSync(join(ws, 'big', 'http-client.env.json'), JSON.stringify({ dev: { imageId: 'i', pad: 'x'.repeat(1_100_000) } }));
  linkedUri = URI.file(join(ws, 'linked', 'r.http')).toString();
  bigUri = URI.file(join(ws, 'big', 'r.http')).toString();
  writeFileSync(join(ws, 'linked', 'r.http'), LINKED);
  writeFileSync(join(ws, 'big', 'r.http'), BIG);
  // Opened from outside the workspace folders: a plain env file beside it is read; a link still is not.
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(join(elsewhere, 'linked'), { recursive: true });
  writeFileSync(join(elsewhere, 'http-client.env.json'), JSON.stringify({ dev: { imageId: 'image-beside' } }));
  symlinkSync(join(outside, 'credentials'), join(elsewhere, 'linked', '.env'));
  outsideUri = URI.file(join(elsewhere, 'r.http')).toString();
  outsideLinkUri = URI.file(join(elsewhere, 'linked', 'r.http')).toString();
  writeFileSync(join(elsewhere, 'r.http'), OUTSIDE);
  writeFileSync(join(elsewhere, 'linked', 'r.http'), OUTSIDE_LINKED);
  // The secret is in the server's process environment, as a developer's shell would have it.
  process.env.IMS_TEST_SECRET = PROCESS_SECRET;
  client = await LspClient.start({
    command: process.execPath,
    args: [SERVER_JS, '--stdio'],
    workspaceFolders: [URI.file(ws).toString()],
    configuration: { imsTags: { http: { environment: 'dev' } } },
    initializationOptions: { workspaceTrusted: false },
  });
  delete process.env.IMS_TEST_SECRET;
  await client.open(linkedUri, 'http', LINKED);
  await client.open(bigUri, 'http', BIG);
  await client.open(outsideUri, 'http', OUTSIDE);
  await client.open(outsideLinkUri, 'http', OUTSIDE_LINKED);
});
after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

test('Restricted Mode: $processEnv and $dotenv are not read until the client says the workspace is trusted', async () => {
  const hover = await hoverAt(linkedUri, LINKED, '$processEnv');
  assert.match(hover, /not read in Restricted Mode/);
  assert.doesNotMatch(hover, new RegExp(PROCESS_SECRET));
  await client.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
  const after = await hoverAt(linkedUri, LINKED, '$processEnv');
  assert.doesNotMatch(after, /Restricted Mode/);
  // Read now, and shown masked: a value of the process environment is a secret wherever it goes.
  assert.match(after, /PR•••• \(19 characters\)/);
  assert.ok(!after.includes(PROCESS_SECRET));
});

test('a .env that links outside the workspace is refused, with a diagnostic on the reference', async () => {
  await client.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
  const diagnostics = await client.waitForDiagnostics(linkedUri, (d: Diagnostic[]) =>
    d.some((x) => x.code === 'variable-file-refused'),
  );
  const refused = diagnostics.find((x) => x.code === 'variable-file-refused')!;
  assert.match(String(refused.message), /\.env is not read: it is a link to a file outside the workspace/);
  assert.equal(LINKED.slice(refused.range.start.character, refused.range.end.character), '{{$dotenv AWS_SECRET}}');
  const hover = await hoverAt(linkedUri, LINKED, '$dotenv');
  assert.match(hover, /link to a file outside the workspace/);
  const everything = JSON.stringify([diagnostics, hover, client.logs, client.stderr]);
  assert.ok(!everything.includes(OUTSIDE_SECRET), 'the credential was never read');
});

test('a document opened from outside the folders reads the plain env file beside it, and still refuses a link', async () => {
  await client.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
  const hover = await hoverAt(outsideUri, OUTSIDE, '{{imageId');
  assert.match(hover, /image-beside/, hover);
  const diagnostics = await client.waitForDiagnostics(outsideLinkUri, (d: Diagnostic[]) =>
    d.some((x) => x.code === 'variable-file-refused'),
  );
  assert.match(
    String(diagnostics.find((x) => x.code === 'variable-file-refused')!.message),
    /\.env is not read: it is a link to a file outside the workspace/,
  );
  // Settled once the environment is read: nothing refused, {{imageId}} defined (it waits, and fails, otherwise).
  const mine = await client.waitForDiagnostics(outsideUri, (d: Diagnostic[]) => !d.some((x) => x.code === 'undefined-variable'));
  assert.ok(!mine.some((x) => x.code === 'variable-file-refused'), JSON.stringify(mine));
  const everything = JSON.stringify([diagnostics, hover, client.logs, client.stderr]);
  assert.ok(!everything.includes(OUTSIDE_SECRET), 'the credential was never read');
});

test('an env file over 1 MB is not read, and the references it may define say so', async () => {
  const diagnostics = await client.waitForDiagnostics(bigUri, (d: Diagnostic[]) =>
    d.some((x) => x.code === 'variable-file-refused'),
  );
  const refused = diagnostics.find((x) => x.code === 'variable-file-refused')!;
  assert.match(
    String(refused.message),
    /\{\{imageId\}\} may be defined in a file that was not read\. http-client\.env\.json is not read: it is 1\.0 MB, more than the 1 MB/,
  );
  assert.ok(!diagnostics.some((x) => x.code === 'undefined-variable'), 'not called undefined while a file was refused');
});

test('the server log holds no secret', () => {
  const log = [...client.logs, ...client.stderr].join('\n');
  assert.ok(!log.includes(OUTSIDE_SECRET));
  assert.ok(!log.includes(PROCESS_SECRET));
});
