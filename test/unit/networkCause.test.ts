/**
 * A request that never gets an answer says why, with the host: "fetch failed" alone told a newcomer
 * nothing when the emulator was not running ([first-hour-3]). A real refused port on loopback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImsNetworkError, NETWORK_CAUSES, networkCause, networkCauseOf } from '../../core/client/errors';
import { ImsClient } from '../../core/client/imsClient';

/** A loopback port nothing listens on: one the system gave out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('the causes of a failed connection, in words, from the error chain Node’s fetch builds', () => {
  const wrapped = (code: string) =>
    Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  assert.equal(networkCause(wrapped('ECONNREFUSED')), 'connection refused: nothing listens at that address and port');
  assert.equal(networkCause(wrapped('ENOTFOUND')), 'the host name is not known (DNS)');
  assert.equal(networkCause(wrapped('UND_ERR_CONNECT_TIMEOUT')), 'the connection timed out');
  assert.equal(
    networkCause(wrapped('DEPTH_ZERO_SELF_SIGNED_CERT')),
    'the TLS certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT)',
  );
  assert.equal(networkCause(new Error('plain')), 'plain');
  assert.deepEqual(networkCauseOf(wrapped('ECONNRESET')), { kind: 'closed', code: 'ECONNRESET' });
  assert.deepEqual(networkCauseOf(wrapped('EHOSTUNREACH')), { kind: 'unreachable', code: 'EHOSTUNREACH' });
  assert.deepEqual(networkCauseOf(wrapped('EWHATEVER')), { kind: 'other', text: 'EWHATEVER' });
});

test('the client words every kind of cause in VS Code’s language, the same English as core', () => {
  // client/commands/connection.ts passes each through vscode.l10n.t (zh-cn in l10n/bundle.l10n.zh-cn.json).
  const client = readFileSync(join(__dirname, '../../../client/commands/connection.ts'), 'utf8');
  for (const text of Object.values(NETWORK_CAUSES)) assert.ok(client.includes(`vscode.l10n.t('${text}'`), text);
});

test('a request to a port nothing listens on names the host and says the connection was refused', async () => {
  const port = await closedPort();
  const client = new ImsClient({
    endpoint: `http://127.0.0.1:${port}`,
    projectId: 'p',
    credentials: { kind: 'aksk', ak: 'AK', sk: 'SK' },
    maxAttempts: 1,
  });
  await assert.rejects(client.listImages({ limit: 1 }), (e: unknown) => {
    assert.ok(e instanceof ImsNetworkError);
    assert.match(
      e.message,
      new RegExp(`cannot reach 127\\.0\\.0\\.1:${port}: connection refused: nothing listens at that address and port`),
    );
    assert.doesNotMatch(e.message, /fetch failed/);
    return true;
  });
});
