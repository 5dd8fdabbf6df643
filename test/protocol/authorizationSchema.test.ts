/**
 * The client hands the server IAM's own authorization schema (imsTags/authorizationSchema): Version 5.0
 * policies are judged by it at once; null, or an answer that is no schema, brings back the snapshot.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMS_SCHEMA_SNAPSHOT } from '../../core/catalogue/iam5/imsSnapshot';
import { AUTHORIZATION_SCHEMA_NOTIFICATION, type AuthorizationSchemaParams } from '../../core/protocol';
import { LspClient } from '../support/lspClient';

const POLICY = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:tagAudit'] }] }, null, 2);
const uri = 'file:///virtual/audit.json';
let dir: string;
let client: LspClient;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ims-schema-'));
  client = await LspClient.inFolder(dir);
  await client.open(uri, 'json', POLICY);
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

const unknown = (ds: Array<{ code?: unknown }>) => ds.some((d) => d.code === 'unknown-action');

test('a live schema with an extra action makes it known; null and a broken answer bring the snapshot back', async () => {
  await client.waitForDiagnostics(uri, unknown);
  const live: AuthorizationSchemaParams = {
    schema: {
      ...IMS_SCHEMA_SNAPSHOT,
      actions: [
        ...IMS_SCHEMA_SNAPSHOT.actions,
        { name: 'ims:images:tagAudit', access_level: 'read', description: { en_US: 'Audit.' } },
      ],
    },
    endpoint: 'https://iam.example',
    readAt: '2026-12-07T00:00:00Z',
  };
  await client.notify(AUTHORIZATION_SCHEMA_NOTIFICATION, live);
  await client.waitForDiagnostics(uri, (ds) => !unknown(ds));
  await client.notify(AUTHORIZATION_SCHEMA_NOTIFICATION, null);
  await client.waitForDiagnostics(uri, unknown);
  await client.notify(AUTHORIZATION_SCHEMA_NOTIFICATION, live);
  await client.waitForDiagnostics(uri, (ds) => !unknown(ds));
  await client.notify(AUTHORIZATION_SCHEMA_NOTIFICATION, { schema: { actions: 'no' }, endpoint: 1 });
  const back = await client.waitForDiagnostics(uri, unknown);
  assert.equal(back.find((d) => d.code === 'unknown-action')?.severity, 3, 'information again: only the snapshot is known');
});
