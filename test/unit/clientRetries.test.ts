/** The client's retry rules with a scripted fetch: Retry-After, 404 on a retried delete, no retry of what may not repeat, timeouts, cancellation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImsClient } from '../../core/client/imsClient';
import { ImsError, ImsNetworkError } from '../../core/client/errors';

type Step = { status: number; body?: string; headers?: Record<string, string> } | 'network' | 'hang';

function scripted(steps: Step[]) {
  const calls: Array<{ url: string; method: string; at: number }> = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, method: String(init.method), at: Date.now() });
    const step = steps.shift() ?? { status: 200, body: '{}' };
    if (step === 'network') throw new TypeError('fetch failed');
    if (step === 'hang') {
      // A hung server keeps a socket open; here a timer stands in for it (AbortSignal.timeout's own timer is unref'd).
      const keepAlive = setInterval(() => undefined, 1000);
      return new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => {
          clearInterval(keepAlive);
          reject(init.signal!.reason);
        }),
      );
    }
    return new Response(step.body ?? null, { status: step.status, headers: step.headers });
  }) as unknown as typeof fetch;
  return { calls, fetchFn };
}

const make = (fetchFn: typeof fetch, extra = {}) =>
  new ImsClient({
    endpoint: 'https://ims.cn-north-4.myhuaweicloud.com',
    projectId: 'p',
    credentials: { kind: 'aksk', ak: 'A', sk: 'S' },
    fetch: fetchFn,
    baseDelayMs: 1,
    maxDelayMs: 5000,
    ...extra,
  });

test('429 with Retry-After waits that long, then succeeds', async () => {
  const { calls, fetchFn } = scripted([{ status: 429, headers: { 'retry-after': '0.3' } }, { status: 204 }]);
  await make(fetchFn).addImageTag('img', { key: 'k', value: 'v' });
  assert.equal(calls.length, 2);
  assert.ok(calls[1].at - calls[0].at >= 280, `waited ${calls[1].at - calls[0].at} ms`);
});

test('a DeleteImageTag retried after a dropped connection that answers 404 counts as done', async () => {
  const { calls, fetchFn } = scripted([
    'network',
    { status: 404, body: '{"error": {"code": "IMG.0404", "message": "tag not found"}}' },
  ]);
  await make(fetchFn).deleteImageTag('img', 'env');
  assert.equal(calls.length, 2);
});

test('a first-attempt 404 on DeleteImageTag is an error with the IMS code and request id', async () => {
  const { fetchFn } = scripted([
    { status: 404, body: '{"error": {"code": "IMG.0404", "message": "tag not found"}}', headers: { 'x-request-id': 'req-1' } },
  ]);
  await assert.rejects(
    make(fetchFn).deleteImageTag('img', 'env'),
    (e: unknown) => e instanceof ImsError && e.code === 'IMG.0404' && e.requestId === 'req-1' && e.status === 404,
  );
});

test('4xx other than 429 are not retried; 403 names the actions the call needs; error_code/error_msg bodies are read', async () => {
  const { calls, fetchFn } = scripted([{ status: 403, body: '{"error_code": "IAM.0011", "error_msg": "no permission"}' }]);
  await assert.rejects(make(fetchFn).createOrUpdateTags({ image_id: 'i', tag: 'a.b' }), (e: unknown) => {
    assert.ok(e instanceof ImsError);
    assert.equal(e.code, 'IAM.0011');
    assert.deepEqual(e.neededActions, ['ims:images:get', 'ims:images:update']);
    assert.match(e.message, /needs ims:images:get and ims:images:update/);
    return true;
  });
  assert.equal(calls.length, 1);
});

test('gives up after maxAttempts on 503 and says so', async () => {
  const { calls, fetchFn } = scripted([{ status: 503 }, { status: 503 }, { status: 503 }]);
  await assert.rejects(
    make(fetchFn, { maxAttempts: 3 }).listImagesTags(),
    (e: unknown) =>
      e instanceof ImsError && e.status === 503 && /ListImagesTags failed: 503.*\(gave up after 3 attempts\)$/.test(e.message),
  );
  assert.equal(calls.length, 3);
});

test('a timeout becomes a network error naming it; cancellation stops at once without retrying', async () => {
  const slow = scripted(['hang', 'hang']);
  await assert.rejects(
    make(slow.fetchFn, { timeoutMs: 50, maxAttempts: 2 }).listImagesTags(),
    (e: unknown) => e instanceof ImsNetworkError && /no answer within 0\.05 s/.test(e.message),
  );
  assert.equal(slow.calls.length, 2);
  const hung = scripted(['hang', 'hang']);
  const ac = new AbortController();
  const p = make(hung.fetchFn).listImagesTags(ac.signal);
  setTimeout(() => ac.abort(new Error('stopped by the user')), 20);
  await assert.rejects(p, /stopped by the user/);
  assert.equal(hung.calls.length, 1);
});

test('every attempt is signed afresh and carries the project', async () => {
  const { calls, fetchFn } = scripted([{ status: 500 }, { status: 200, body: '{"tags": []}' }]);
  const seen: Array<Record<string, string>> = [];
  const spy = (async (url: string, init: RequestInit) => {
    seen.push(init.headers as Record<string, string>);
    return fetchFn(url, init);
  }) as unknown as typeof fetch;
  await make(spy).listImagesTags();
  assert.equal(calls.length, 2);
  for (const h of seen) {
    assert.match(
      h.Authorization,
      /^SDK-HMAC-SHA256 Access=A, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    assert.equal(h['X-Project-Id'], 'p');
  }
});
