/**
 * The client's small pieces at their edges: bounded concurrency (never more than the limit, every
 * outcome kept, cancellation), the error bodies IAM and IMS answer, the cause chain of a failed
 * connection, and the user name in a principal URN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONCURRENCY, mapLimit } from '../../core/client/concurrency';
import { ImsError, ImsNetworkError, ImsValidationError, networkCauseOf, parseErrorBody } from '../../core/client/errors';
import { principalName } from '../../core/client/iamTypes';

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function peak(items: number, limit?: number): Promise<{ peak: number; order: number[] }> {
  let running = 0;
  let most = 0;
  const order: number[] = [];
  await mapLimit(
    Array.from({ length: items }, (_, i) => i),
    async (i) => {
      most = Math.max(most, ++running);
      await tick();
      order.push(i);
      running--;
    },
    limit === undefined ? {} : { limit },
  );
  return { peak: most, order };
}

test('mapLimit runs at most the limit at once, at least one, and the default when none is given', async () => {
  assert.equal((await peak(10, 3)).peak, 3);
  assert.equal((await peak(10, 0)).peak, 1, 'a limit below one is one');
  assert.equal((await peak(10, -4)).peak, 1);
  assert.equal((await peak(2, 5)).peak, 2, 'never more workers than items');
  assert.equal(DEFAULT_CONCURRENCY, 8);
  assert.equal((await peak(20)).peak, 8);
  assert.deepEqual(await mapLimit([], async () => 1), []);
});

test('mapLimit keeps every outcome in the order of the items, failures included, and counts progress', async () => {
  const progress: Array<[number, number]> = [];
  const out = await mapLimit(
    ['a', 'b', 'c', 'd'],
    async (item, index) => {
      if (item === 'b') throw new Error('no b');
      await new Promise((r) => setTimeout(r, item === 'a' ? 10 : 0));
      return `${item}${index}`;
    },
    { limit: 2, onProgress: (done, total) => progress.push([done, total]) },
  );
  assert.deepEqual(
    out.map((o) => (o.ok ? o.value : (o.error as Error).message)),
    ['a0', 'no b', 'c2', 'd3'],
  );
  assert.deepEqual(
    out.map((o) => o.item),
    ['a', 'b', 'c', 'd'],
  );
  assert.deepEqual(progress, [
    [1, 4],
    [2, 4],
    [3, 4],
    [4, 4],
  ]);
});

test('mapLimit after cancellation: what is left is not started, each kept as cancelled with the reason', async () => {
  const controller = new AbortController();
  const started: number[] = [];
  const out = await mapLimit(
    [0, 1, 2, 3, 4],
    async (i) => {
      started.push(i);
      if (i === 1) controller.abort(new Error('stopped by the user'));
      return i;
    },
    { limit: 1, signal: controller.signal },
  );
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual(
    out.map((o) => (o.ok ? o.value : (o.error as Error).message)),
    [0, 1, 'stopped by the user', 'stopped by the user', 'stopped by the user'],
  );
  // A signal aborted without a reason still says why.
  const bare = { aborted: true, reason: undefined } as unknown as AbortSignal;
  const [only] = await mapLimit([1], async () => 1, { signal: bare });
  assert.equal(only.ok, false);
  assert.equal(!only.ok && (only.error as Error).message, 'cancelled');
});

test('error bodies: IMS’s {error:{code,message}}, IAM’s {error_code,error_msg}, either half alone, or the text', () => {
  assert.deepEqual(parseErrorBody('{"error":{"code":"IMG.0001","message":"bad"}}'), { code: 'IMG.0001', message: 'bad' });
  assert.deepEqual(parseErrorBody('{"error":{"code":"IMG.0001"}}'), { code: 'IMG.0001', message: undefined });
  assert.deepEqual(parseErrorBody('{"error":{"message":"only words"}}'), { code: undefined, message: 'only words' });
  assert.deepEqual(parseErrorBody('{"error_code":"IAM.0001","error_msg":"no"}'), { code: 'IAM.0001', message: 'no' });
  assert.deepEqual(parseErrorBody('{"error_code":"IAM.0001"}'), { code: 'IAM.0001', message: undefined });
  assert.deepEqual(parseErrorBody('{"error_msg":"just this"}'), { code: undefined, message: 'just this' });
  // An empty error object is not an answer: the other shape is read, then the text.
  assert.deepEqual(parseErrorBody('{"error":{},"error_code":"APIGW.0301","error_msg":"sig"}'), {
    code: 'APIGW.0301',
    message: 'sig',
  });
  assert.deepEqual(parseErrorBody('{"other":1}'), { message: '{"other":1}' });
  assert.deepEqual(parseErrorBody('<xml>denied</xml>'), { message: '<xml>denied</xml>' });
  assert.deepEqual(parseErrorBody(''), { message: undefined });
  assert.equal(parseErrorBody('x'.repeat(1000)).message, 'x'.repeat(300));
});

test('the cause of a failed connection: every code, through five causes and no deeper', () => {
  const chain = (code: unknown, depth: number): unknown => {
    let e: unknown = Object.assign(new Error('inner'), { code });
    for (let i = 0; i < depth; i++) e = Object.assign(new Error(`outer ${i}`), { cause: e });
    return e;
  };
  const kinds: Record<string, string> = {
    ECONNREFUSED: 'refused',
    ENOTFOUND: 'dns',
    EAI_AGAIN: 'dns',
    ETIMEDOUT: 'timeout',
    UND_ERR_CONNECT_TIMEOUT: 'timeout',
    ECONNRESET: 'closed',
    UND_ERR_SOCKET: 'closed',
    EHOSTUNREACH: 'unreachable',
    ENETUNREACH: 'unreachable',
    CERT_HAS_EXPIRED: 'tls',
    ERR_SSL_WRONG_VERSION_NUMBER: 'tls',
    ERR_TLS_CERT_ALTNAME_INVALID: 'tls',
  };
  for (const [code, kind] of Object.entries(kinds)) assert.deepEqual(networkCauseOf(chain(code, 1)), { kind, code }, code);
  assert.deepEqual(networkCauseOf(chain('ECONNREFUSED', 4)), { kind: 'refused', code: 'ECONNREFUSED' });
  assert.deepEqual(networkCauseOf(chain('ECONNREFUSED', 5)), { kind: 'other', text: 'outer 4' }, 'deeper than five is not read');
  // A code that is not a string is passed over for the cause below it.
  const numeric = Object.assign(new Error('top'), { code: 7, cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) });
  assert.deepEqual(networkCauseOf(numeric), { kind: 'dns', code: 'ENOTFOUND' });
  assert.deepEqual(networkCauseOf('just text'), { kind: 'other', text: 'just text' });
  assert.deepEqual(networkCauseOf(undefined), { kind: 'other', text: 'undefined' });
});

test('the error classes carry their names and what a person needs', () => {
  const e = new ImsError('m', 403, 'IMG.0403', 'req', undefined);
  assert.equal(e.name, 'ImsError');
  assert.deepEqual(e.neededActions, []);
  assert.equal(String(e), 'ImsError: m');
  const v = new ImsValidationError('bad tag', ['key too long']);
  assert.equal(v.name, 'ImsValidationError');
  assert.deepEqual(v.problems, ['key too long']);
  const cause = new Error('socket');
  const n = new ImsNetworkError('down', cause);
  assert.equal(n.name, 'ImsNetworkError');
  assert.equal(n.cause, cause);
});

test('the user name in a principal URN, only for a user, the whole URN matched', () => {
  assert.equal(principalName('iam::acct-1:user:alice'), 'alice');
  assert.equal(principalName('iam:::user:a:b'), 'a:b');
  assert.equal(principalName('iam::acct:agency:ops'), undefined);
  assert.equal(principalName('sts::acct:user:alice'), undefined);
  assert.equal(principalName('x-iam::acct:user:alice'), undefined, 'anchored at the start');
  assert.equal(principalName('iam::acct:user:alice\nmore'), undefined, 'anchored at the end');
  assert.equal(principalName(undefined), undefined);
  assert.equal(principalName(''), undefined);
});
