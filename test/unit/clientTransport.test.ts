/**
 * The signed transport of core/client/imsClient.ts at its edges, with a recording fetch: what is
 * checked before anything is sent, the URL and headers each call gets, how long it waits between
 * attempts (the waits read from a stubbed timer, not measured), what the error says, what the logs
 * are told, and the .http exchange.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImsClient, type ClientOptions, type Exchange } from '../../core/client/imsClient';
import { ImsError, ImsNetworkError, ImsValidationError } from '../../core/client/errors';
import { recordingFetch, recordWaits, type Answer, type Route } from '../support/recordingFetch';

const P = '/v2/p/images';
function client(routes: Record<string, Route | Answer>, extra: Partial<ClientOptions> = {}) {
  const rec = recordingFetch(routes);
  const exchanges: Exchange[] = [];
  const ims = new ImsClient({
    endpoint: 'https://ims.x/',
    projectId: 'p',
    credentials: { kind: 'aksk', ak: 'AK', sk: 'SK' },
    fetch: rec.fetchFn,
    onExchange: (e) => exchanges.push(e),
    ...extra,
  });
  return { ims, sent: rec.sent, exchanges };
}

test('nothing is sent for an unknown API, a body against the rules, or a missing path parameter', async () => {
  const { ims, sent } = client({});
  await assert.rejects(ims.call('NoSuchApi'), /^Error: unknown IMS API NoSuchApi$/);
  await assert.rejects(ims.addImageTag('img', { key: '', value: 'v' }), (e: unknown) => {
    assert.ok(e instanceof ImsValidationError);
    assert.match(e.message, /^AddImageTag: the request breaks the documented rules, nothing was sent: \/tag\/key /);
    assert.ok(e.problems.length > 0);
    return true;
  });
  await assert.rejects(ims.call('CreateOrUpdateTags', { body: 'not an object' }), (e: unknown) => {
    assert.ok(e instanceof ImsValidationError);
    assert.match(e.problems[0], /^body /, 'a problem with the whole body is named "body"');
    return true;
  });
  await assert.rejects(ims.listImageTags(''), (e: unknown) => {
    assert.ok(e instanceof ImsValidationError);
    assert.equal(e.message, 'ListImageTags: path parameter image_id is missing');
    assert.deepEqual(e.problems, ['image_id']);
    return true;
  });
  await assert.rejects(ims.call('ListImageTags'), /path parameter image_id is missing/);
  assert.equal(sent.length, 0);
});

test('the URL: one slash after the endpoint, path parameters and the query encoded, undefined left out', async () => {
  const { ims, sent } = client({
    [`GET ${P}/a%20b/tags`]: { body: { tags: [] } },
    'GET /v2/cloudimages': { body: { images: [] } },
    [`DELETE ${P}/i/tags/k%2Fslash`]: { status: 204 },
  });
  await ims.listImageTags('a b');
  await ims.listImages({ name: 'x y', __isregistered: 'true', marker: undefined });
  await ims.deleteImageTag('i', 'k/slash');
  assert.deepEqual(
    sent.map((s) => `${s.method} ${s.url.href}`),
    [
      `GET https://ims.x${P}/a%20b/tags`,
      'GET https://ims.x/v2/cloudimages?name=x%20y&__isregistered=true',
      `DELETE https://ims.x${P}/i/tags/k%2Fslash`,
    ],
  );
  for (const s of sent) assert.equal(s.body, undefined, `${s.method} carries no body`);
});

test('the headers: the project, the signature, a security token when the credentials have one, or a token', async () => {
  const routes = { [`GET ${P}/i/tags`]: { body: { tags: [] } } };
  const temp = client(routes, { credentials: { kind: 'aksk', ak: 'AK', sk: 'SK', securityToken: 'STS-TOKEN' } });
  await temp.ims.listImageTags('i');
  const h = temp.sent[0].headers;
  assert.equal(h['x-project-id'], 'p');
  assert.equal(h['x-security-token'], 'STS-TOKEN');
  assert.match(h.authorization, /SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,/);
  const plain = client(routes);
  await plain.ims.listImageTags('i');
  assert.equal(plain.sent[0].headers['x-security-token'], undefined);
  const token = client(routes, { credentials: { kind: 'token', token: async () => 'TOK' } });
  await token.ims.listImageTags('i');
  assert.equal(token.sent[0].headers['x-auth-token'], 'TOK');
  assert.equal(token.sent[0].headers.authorization, undefined);
  assert.equal(token.sent[0].headers['x-project-id'], 'p');
  // A descriptor's own headers go out with the rest; a global one has no project.
  const desc = {
    id: 'D',
    method: 'GET',
    idempotent: true,
    actions: [],
    contentType: 'text/plain',
    global: true,
    headers: { 'X-Extra': '1' },
  };
  const bare = client({ 'GET /raw': { body: { ok: 1 } } });
  assert.deepEqual(await bare.ims.request(desc, '/raw'), { ok: 1 });
  assert.equal(bare.sent[0].headers['x-extra'], '1');
  assert.equal(bare.sent[0].headers['x-project-id'], undefined);
  assert.equal(bare.sent[0].headers['content-type'], 'text/plain');
  assert.equal(bare.sent[0].body, undefined, 'no body given, none sent');
});

test('waits between attempts: exponential from the base, jittered into its upper half, capped', async (t) => {
  const waits = recordWaits(t);
  t.mock.method(Math, 'random', () => 0);
  const busy: Route = () => ({ status: 503 });
  const a = client({ [`GET ${P}/tags`]: busy }, { baseDelayMs: 100, maxDelayMs: 350, maxAttempts: 4 });
  await assert.rejects(a.ims.listImagesTags(), /gave up after 4 attempts/);
  assert.deepEqual(waits, [50, 100, 175], 'half of 100, 200, then of the 350 cap');
  t.mock.method(Math, 'random', () => 0.999999);
  waits.length = 0;
  await assert.rejects(a.ims.listImagesTags());
  assert.deepEqual(
    waits.map((w) => Math.round(w)),
    [100, 200, 350],
  );
  // Defaults: 200 ms base, 5 s cap, four attempts.
  t.mock.method(Math, 'random', () => 0);
  waits.length = 0;
  const d = client({ [`GET ${P}/tags`]: busy });
  await assert.rejects(d.ims.listImagesTags());
  assert.deepEqual(waits, [100, 200, 400]);
});

test('Retry-After in seconds or as a date, capped; one in the past or unreadable falls back to the backoff', async (t) => {
  const waits = recordWaits(t);
  t.mock.method(Math, 'random', () => 0);
  const once =
    (retryAfter: string): Route =>
    (_s, nth) =>
      nth === 0 ? { status: 429, headers: { 'retry-after': retryAfter } } : { body: { tags: [] } };
  const run = async (retryAfter: string, extra: Partial<ClientOptions> = {}) => {
    waits.length = 0;
    await client({ [`GET ${P}/tags`]: once(retryAfter) }, { baseDelayMs: 10, ...extra }).ims.listImagesTags();
    return waits[0];
  };
  assert.equal(await run('2'), 2000);
  assert.equal(await run('0'), 0);
  assert.equal(await run('120'), 30_000, 'capped at 30 s by default');
  assert.equal(await run('120', { maxDelayMs: 1000 }), 1000);
  const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
  const w = await run(inTwoMinutes, { maxDelayMs: 200_000 });
  assert.ok(w > 110_000 && w <= 120_000, `${w}`);
  assert.equal(await run(new Date(Date.now() - 60_000).toUTCString()), 5, 'in the past: the backoff');
  assert.equal(await run('soon'), 5);
  assert.equal(await run('-3'), 5);
});

test('what is retried: reads and deletes, on 429, 5xx and dropped connections; other writes and other statuses never', async (t) => {
  recordWaits(t);
  const dropThenOk: Route = (_s, nth) => {
    if (nth === 0) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    return { status: 204 };
  };
  const del = client({ [`DELETE ${P}/i/tags/k`]: dropThenOk });
  await del.ims.deleteImageTag('i', 'k');
  assert.equal(del.sent.length, 2, 'a delete is repeated after a dropped connection');
  // IMS's tag writes are idempotent (the catalogue); a write that is not, such as IAM's creates, is sent once.
  const create = {
    id: 'IAM CreatePolicyV5',
    method: 'POST',
    idempotent: false,
    actions: [],
    contentType: 'application/json',
    global: true,
  };
  const post = client({ 'POST /v5/policies': dropThenOk });
  await assert.rejects(post.ims.request(create, '/v5/policies', {}), (e: unknown) => {
    assert.ok(e instanceof ImsNetworkError);
    assert.equal(e.message, 'IAM CreatePolicyV5: cannot reach ims.x: the connection was closed by the other side');
    assert.ok(e.cause instanceof TypeError);
    return true;
  });
  assert.equal(post.sent.length, 1, 'a create is not repeated: it may have landed');
  for (const status of [500, 502, 504, 429]) {
    const r = client({ [`GET ${P}/tags`]: (_s, nth) => (nth === 0 ? { status } : { body: { tags: [] } }) });
    await r.ims.listImagesTags();
    assert.equal(r.sent.length, 2, `${status} is retried`);
  }
  for (const status of [400, 401, 404, 409, 501]) {
    const r = client({ [`GET ${P}/tags`]: { status } });
    await assert.rejects(r.ims.listImagesTags(), (e: unknown) => e instanceof ImsError && !/gave up/.test(e.message));
    assert.equal(r.sent.length, 1, `${status} is not retried`);
  }
  // A 404 on the first attempt of a retried DELETE is an error; only a repeat's 404 counts as done.
  const gone = client({ [`GET ${P}/i/tags`]: (_s, nth) => (nth === 0 ? { status: 503 } : { status: 404 }) });
  await assert.rejects(gone.ims.listImageTags('i'), (e: unknown) => e instanceof ImsError && e.status === 404);
});

test('the error says the status, the code, the words, and for 401 and 403 the actions the call needs', async () => {
  const fail = async (answer: Answer) => {
    const { ims } = client({ [`POST ${P}/i/tags`]: answer });
    return ims.addImageTag('i', { key: 'k', value: 'v' }).then(
      () => assert.fail('succeeded'),
      (e: unknown) => e as ImsError,
    );
  };
  const denied = await fail({ status: 401, body: { error: { code: 'APIGW.0301', message: 'bad signature' } } });
  assert.equal(denied.message, 'AddImageTag failed: 401 APIGW.0301 — bad signature (this call needs ims:images:update)');
  assert.deepEqual(denied.neededActions, ['ims:images:update']);
  assert.equal(denied.api?.id, 'AddImageTag');
  const plain = await fail({ status: 400, headers: { 'x-request-id': 'rq' } });
  assert.equal(plain.message, 'AddImageTag failed: 400');
  assert.deepEqual(plain.neededActions, []);
  assert.equal(plain.code, undefined);
  assert.equal(plain.requestId, 'rq');
  const numeric = await fail({ status: 409, body: { error_code: 12, error_msg: 'conflict' } });
  assert.equal(numeric.code, '12');
  assert.equal(numeric.message, 'AddImageTag failed: 409 12 — conflict');
  // IAM calls know no actions: a 403 says so by saying none.
  const iamDesc = { id: 'IAM X', method: 'GET', idempotent: true, actions: [], contentType: 'application/json', global: true };
  const iam = client({ 'GET /x': { status: 403, body: { error_msg: 'no' } } });
  const e = (await iam.ims.request(iamDesc, '/x').catch((x: unknown) => x)) as ImsError;
  assert.equal(e.message, 'IAM X failed: 403 — no');
  assert.equal(e.api, undefined);
});

test('the logs get each exchange: method, path without the query, status, time and attempt, never a header', async (t) => {
  recordWaits(t);
  const { ims, exchanges } = client({
    'GET /v2/cloudimages': (_s, nth) =>
      nth === 0 ? { status: 503 } : { body: { images: [] }, headers: { 'x-request-id': 'r2' } },
  });
  await ims.listImages({ name: 'secret-looking?' });
  assert.equal(exchanges.length, 2);
  assert.deepEqual(
    exchanges.map(({ ms, ...rest }) => {
      assert.ok(ms >= 0 && ms < 60_000, `${ms}`);
      return rest;
    }),
    [
      { method: 'GET', path: '/v2/cloudimages', status: 503, requestId: undefined, attempt: 1 },
      { method: 'GET', path: '/v2/cloudimages', status: 200, requestId: 'r2', attempt: 2 },
    ],
  );
  const down = client(
    {
      'GET /v2/cloudimages': () => {
        throw new TypeError('fetch failed');
      },
    },
    { maxAttempts: 1 },
  );
  await assert.rejects(down.ims.listImages(), /ListImages: cannot reach ims\.x: fetch failed/);
  assert.equal(down.exchanges[0].status, 'network-error');
  assert.equal(down.exchanges[0].attempt, 1);
  assert.ok(down.exchanges[0].ms >= 0);
});

test('cancelled during a wait or a failed attempt: the caller’s reason, no further attempt', async () => {
  const controller = new AbortController();
  const { ims, sent } = client(
    {
      [`GET ${P}/tags`]: () => {
        controller.abort(new Error('stopped'));
        throw new TypeError('fetch failed');
      },
    },
    { baseDelayMs: 1 },
  );
  await assert.rejects(ims.listImagesTags(controller.signal), /^Error: stopped$/);
  assert.equal(sent.length, 1);
  const late = new AbortController();
  const busy = client(
    {
      [`GET ${P}/tags`]: () => {
        setImmediate(() => late.abort(new Error('stopped while waiting')));
        return { status: 503 };
      },
    },
    { baseDelayMs: 60_000, maxDelayMs: 60_000 },
  );
  await assert.rejects(busy.ims.listImagesTags(late.signal), /stopped while waiting/);
  assert.equal(busy.sent.length, 1);
  const before = new AbortController();
  before.abort(new Error('never started'));
  await assert.rejects(client({}).ims.listImagesTags(before.signal), /never started/);
});

test('an answer whose body cannot be read counts as empty', async () => {
  const broken = (async () => {
    const r = new Response('{}', { status: 200 });
    Object.defineProperty(r, 'text', { value: () => Promise.reject(new Error('stream broke')) });
    return r;
  }) as unknown as typeof fetch;
  const ims = new ImsClient({
    endpoint: 'https://ims.x',
    projectId: 'p',
    credentials: { kind: 'aksk', ak: 'A', sk: 'S' },
    fetch: broken,
  });
  assert.equal(await ims.listImagesTags(), undefined);
});

test('a .http exchange: signed with the connection, or sent as written; every answer header; one attempt', async () => {
  const desc = { id: 'ListImageTags', method: 'GET', idempotent: true, actions: [], contentType: 'application/json' };
  const { ims, sent, exchanges } = client({
    [`GET ${P}/i/tags`]: { status: 503, body: 'busy', headers: { 'x-request-id': 'r1', 'x-other': 'o' } },
  });
  const signed = await ims.exchange(desc, `${P}/i/tags?x=1`, undefined);
  assert.equal(signed.status, 503);
  assert.equal(signed.text, 'busy');
  assert.equal(signed.headers['x-request-id'], 'r1');
  assert.equal(signed.headers['x-other'], 'o');
  assert.ok(signed.ms >= 0);
  assert.equal(sent.length, 1, 'no retry: the person sees what the service answered');
  assert.equal(sent[0].url.href, `https://ims.x${P}/i/tags?x=1`);
  assert.match(sent[0].headers.authorization, /^SDK-HMAC-SHA256 Access=AK,/);
  assert.deepEqual(
    exchanges.map(({ ms: _ms, ...rest }) => rest),
    [{ method: 'GET', path: `${P}/i/tags`, status: 503, requestId: 'r1', attempt: 1 }],
  );
  const written = await ims.exchange(desc, `${P}/i/tags`, undefined, undefined, {
    headers: { 'X-Auth-Token': 'mine' },
    unsigned: true,
  });
  assert.equal(written.status, 503);
  assert.equal(sent[1].headers.authorization, undefined);
  assert.equal(sent[1].headers['x-auth-token'], 'mine');
  assert.equal(sent[1].headers['content-type'], 'application/json');
  assert.equal(sent[1].headers['x-project-id'], undefined, 'as written: nothing added but the content type');
});

test('the Glance tag calls and the batch calls send their documented paths and bodies', async () => {
  const { ims, sent } = client({
    'PUT /v2/images/i/tags/t1': { status: 204 },
    'DELETE /v2/images/i/tags/t1': { status: 204 },
    [`POST ${P}/i/tags/action`]: { status: 204 },
  });
  await ims.glanceCreateTag('i', 't1');
  await ims.glanceDeleteTag('i', 't1');
  await ims.batchAddOrDeleteTags('i', 'create', [{ key: 'a', value: '1' }]);
  assert.deepEqual(
    sent.map((s) => `${s.method} ${s.url.pathname}`),
    ['PUT /v2/images/i/tags/t1', 'DELETE /v2/images/i/tags/t1', `POST ${P}/i/tags/action`],
  );
  assert.deepEqual(sent[2].body, { action: 'create', tags: [{ key: 'a', value: '1' }] });
});
