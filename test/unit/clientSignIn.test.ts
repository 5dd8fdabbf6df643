/**
 * Signing in (core/client/iam.ts): the password token request as IAM documents it, the token kept
 * until five minutes before its expires_at, one request for callers that ask at once, refusals in
 * words; and a region's project found by name with AK/SK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupProjectId, tokenProvider, TOKEN_REFRESH_MARGIN_MS } from '../../core/client/iam';
import { ImsError, ImsNetworkError } from '../../core/client/errors';
import { recordingFetch, recordWaits, type Answer, type Route } from '../support/recordingFetch';

const LOGIN = { iamEndpoint: 'https://iam.x/', domain: 'acct', user: 'alice', password: 'pw', projectName: 'cn-north-4' };
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const tokenAnswer = (token: string, body: unknown = { token: { expires_at: minutes(60), project: { id: 'p-1' } } }): Answer => ({
  status: 201,
  body,
  headers: { 'x-subject-token': token },
});

function signIn(route: Route | Answer) {
  const rec = recordingFetch({ 'POST /v3/auth/tokens': route });
  return { get: tokenProvider({ ...LOGIN, fetch: rec.fetchFn }), sent: rec.sent };
}

test('the token request: password method, the user in the account, scoped to the project', async () => {
  const { get, sent } = signIn(tokenAnswer('T1'));
  assert.equal(await get(), 'T1');
  assert.equal(sent.length, 1);
  assert.equal(`${sent[0].method} ${sent[0].url.href}`, 'POST https://iam.x/v3/auth/tokens');
  assert.equal(sent[0].headers['content-type'], 'application/json;charset=utf8');
  assert.deepEqual(sent[0].body, {
    auth: {
      identity: { methods: ['password'], password: { user: { name: 'alice', password: 'pw', domain: { name: 'acct' } } } },
      scope: { project: { name: 'cn-north-4' } },
    },
  });
  assert.equal(await get.projectId(), 'p-1');
  assert.equal(sent.length, 1, 'the project comes from the token already held');
});

test('the token is kept until five minutes before it expires, and callers at once share one request', async () => {
  assert.equal(TOKEN_REFRESH_MARGIN_MS, 300_000);
  let n = 0;
  const near = signIn(() => tokenAnswer(`T${++n}`, { token: { expires_at: minutes(4) } }));
  assert.equal(await near.get(), 'T1');
  assert.equal(await near.get(), 'T2', 'four minutes left is inside the margin: a new token');

  const far = signIn(() => tokenAnswer(`F${++n}`, { token: { expires_at: minutes(6) } }));
  const first = await far.get();
  assert.equal(await far.get(), first);
  assert.equal(far.sent.length, 1);

  // No expires_at, or a body that is not JSON: the documented 24 hours.
  const none = signIn(tokenAnswer('N', { token: {} }));
  await none.get();
  await none.get();
  assert.equal(none.sent.length, 1);
  assert.equal(await none.get.projectId(), undefined);
  const text = signIn({ status: 201, body: 'not json', headers: { 'x-subject-token': 'X' } });
  assert.equal(await text.get(), 'X');
  await text.get();
  assert.equal(text.sent.length, 1);
  const noToken = signIn(tokenAnswer('Y', {}));
  assert.equal(await noToken.get.projectId(), undefined);

  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow = signIn(async () => {
    await gate;
    return tokenAnswer(`S${++n}`);
  });
  const both = Promise.all([slow.get(), slow.get(), slow.get.projectId()]);
  release();
  const [a, b, project] = await both;
  assert.equal(a, b);
  assert.equal(project, 'p-1');
  assert.equal(slow.sent.length, 1);
});

test('a refused sign-in says what IAM said and what to check, and is not kept', async () => {
  let n = 0;
  const { get, sent } = signIn(() =>
    ++n === 1
      ? { status: 401, body: { error: { code: 'IAM.0002', message: 'password wrong' } }, headers: { 'x-request-id': 'req-9' } }
      : tokenAnswer('OK'),
  );
  const e = await get().then(
    () => assert.fail('signed in'),
    (x: unknown) => x,
  );
  assert.ok(e instanceof ImsError);
  assert.equal(
    e.message,
    'IAM refused the sign-in: 401 IAM.0002 — password wrong. Check the account (domain), user name and password.',
  );
  assert.equal(e.status, 401);
  assert.equal(e.code, 'IAM.0002');
  assert.equal(e.requestId, 'req-9');
  assert.equal(await get(), 'OK', 'the next call asks again');
  assert.equal(sent.length, 2);

  // A 200 without X-Subject-Token is no sign-in either; an empty body gives the status alone.
  const bare = signIn({ status: 200 });
  await assert.rejects(bare.get(), (x: unknown) => {
    assert.ok(x instanceof ImsError);
    assert.equal(x.message, 'IAM refused the sign-in: 200. Check the account (domain), user name and password.');
    assert.equal(x.requestId, undefined);
    assert.equal(x.code, undefined);
    return true;
  });
});

test("a region's project by name with AK/SK, or the only one; none is an error that says what to do", async (t) => {
  const projects = (list: Array<{ id: string; name: string }>): Record<string, Answer> => ({
    'GET /v3/auth/domains': { body: { domains: [{ id: 'dom-1' }] } },
    'GET /v3/projects': { body: { projects: list } },
  });
  const find = (routes: Record<string, Answer | Route>, region = 'cn-north-4') => {
    const rec = recordingFetch(routes);
    return {
      id: lookupProjectId({ iamEndpoint: 'https://iam.x', region, ak: 'AK', sk: 'SK', fetch: rec.fetchFn }),
      sent: rec.sent,
    };
  };
  const named = find(
    projects([
      { id: 'a', name: 'cn-north-1' },
      { id: 'b', name: 'cn-north-4' },
    ]),
  );
  assert.equal(await named.id, 'b');
  const list = named.sent.find((s) => s.url.pathname === '/v3/projects');
  assert.equal(list?.url.search, '?name=cn-north-4');
  assert.equal(list?.headers['x-domain-id'], 'dom-1');
  assert.match(list?.headers.authorization ?? '', /^SDK-HMAC-SHA256 Access=AK,/);

  assert.equal(await find(projects([{ id: 'only', name: 'cn-north-4_sub' }])).id, 'only');
  await assert.rejects(
    find(
      projects([
        { id: 'a', name: 'x' },
        { id: 'b', name: 'y' },
      ]),
    ).id,
    (e: unknown) =>
      e instanceof ImsError &&
      e.status === 404 &&
      e.message === 'No project named cn-north-4 in this account: give the project ID by hand.',
  );
  await assert.rejects(find(projects([])).id, /No project named cn-north-4/);

  const refused = find({
    ...projects([]),
    'GET /v3/projects': {
      status: 403,
      body: { error_code: 'IAM.0003', error_msg: 'no right' },
      headers: { 'x-request-id': 'r-3' },
    },
  });
  await assert.rejects(refused.id, (e: unknown) => {
    assert.ok(e instanceof ImsError);
    assert.match(e.message, /^IAM could not list projects: IAM KeystoneListProjects failed: 403 IAM\.0003 — no right/);
    assert.equal(e.status, 403);
    assert.equal(e.code, 'IAM.0003');
    assert.equal(e.requestId, 'r-3');
    return true;
  });

  // A network failure stays what it is (not dressed as IAM's answer), after the read's retries.
  const waits = recordWaits(t);
  const down = lookupProjectId({
    iamEndpoint: 'https://iam.x',
    region: 'r',
    ak: 'AK',
    sk: 'SK',
    fetch: (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch,
  });
  await assert.rejects(down, (e: unknown) => e instanceof ImsNetworkError);
  assert.ok(waits.length > 0, 'a failed read is tried again');
});

test('the margin is exact: a token is kept until five minutes before it expires, to the millisecond', async (t) => {
  const expiresAt = '2030-01-01T00:00:00.000Z';
  const expires = Date.parse(expiresAt);
  let now = expires - TOKEN_REFRESH_MARGIN_MS - 1;
  t.mock.method(Date, 'now', () => now);
  let n = 0;
  const s = signIn(() => tokenAnswer(`T${++n}`, { token: { expires_at: expiresAt } }));
  assert.equal(await s.get(), 'T1');
  assert.equal(await s.get(), 'T1', 'a millisecond before the margin: kept');
  now = expires - TOKEN_REFRESH_MARGIN_MS;
  assert.equal(await s.get(), 'T2', 'at the margin: renewed');
});
