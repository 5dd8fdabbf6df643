/** Our signer against the official SDK's (@huaweicloud/huaweicloud-sdk-core, a devDependency), header for header. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { canonicalQuery, parseSdkDate, sdkDate, signRequest, verifyRequest } from '../../core/auth/signer';
import { randomInt, seededRandom } from '../../core/util/random';

const AK = 'AKEXAMPLE0000000';
const SK = 'sk-example-secret-0000000000000000';
const credential = { getAk: () => AK, getSk: () => SK };

const PIECES = ['images', 'tags', '镜像', 'a b', 'x+y', "o'k", 'é', '~tilde', 'v2', 'p-1', 'a.b', '(1)', '%41', 'emoji😀'];
const KEYS = ['limit', 'marker', 'name', 'tag', '__imagetype', 'sort_key', 'a b', '键'];
const VALUES = ['10', 'prod', '测试', 'x y', 'a=b', '*', 'é', '', '1,2'];

function generate(i: number) {
  const rnd = seededRandom(1000 + i);
  const pick = <T>(xs: T[]) => xs[randomInt(rnd, xs.length)];
  const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
  const segments = Array.from({ length: 1 + randomInt(rnd, 5) }, () => pick(PIECES));
  const path = `/${segments.map(encodeURIComponent).join('/')}${randomInt(rnd, 4) === 0 ? '/' : ''}`;
  const query: Record<string, string | string[]> = {};
  for (let k = randomInt(rnd, 4); k > 0; k--) {
    const key = pick(KEYS);
    query[key] = randomInt(rnd, 3) === 0 ? [pick(VALUES), pick(VALUES), pick(VALUES)] : pick(VALUES);
  }
  const data =
    method === 'GET' || randomInt(rnd, 3) === 0 ? undefined : { tag: { key: pick(VALUES) || 'k', value: pick(VALUES) }, n: i };
  const headers: Record<string, string> = {
    'Content-Type': 'application/json;charset=UTF-8',
    'X-Project-Id': `project-${i}`,
    'X-Sdk-Date': sdkDate(new Date(Date.UTC(2026, 10, 28, 4, i % 60, i % 60))),
  };
  if (randomInt(rnd, 4) === 0) headers['X-Security-Token'] = `token-${i}`;
  return { method, path, query, data, headers };
}

function queryString(query: Record<string, string | string[]>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  const s = sp.toString().replace(/\+/g, '%20');
  return s ? `?${s}` : '';
}

test('the signer matches the official SDK signer header for header on 250 generated requests', () => {
  let compared = 0;
  for (let i = 0; i < 250; i++) {
    const r = generate(i);
    const endpoint = `https://ims.cn-north-4.myhuaweicloud.com${r.path}`;
    const theirs = AKSKSigner.sign(
      { endpoint, method: r.method, headers: { ...r.headers }, queryParams: structuredClone(r.query), data: r.data } as never,
      credential as never,
    ) as Record<string, string>;
    const ours = signRequest({
      method: r.method,
      url: endpoint + queryString(r.query),
      headers: { ...r.headers },
      body: r.data === undefined ? undefined : JSON.stringify(r.data),
      ak: AK,
      sk: SK,
    });
    const norm = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
    assert.deepEqual(norm(ours), norm(theirs), `request ${i}: ${r.method} ${r.path} ${JSON.stringify(r.query)}`);
    compared++;
  }
  assert.equal(compared, 250);
});

test('canonical query: sorted keys, repeated keys sorted, everything encoded', () => {
  assert.equal(
    canonicalQuery([
      ['b', '2'],
      ['a', 'x y'],
      ['b', '1'],
    ]),
    'a=x%20y&b=1&b=2',
  );
});

test('SDK dates round-trip', () => {
  const d = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  assert.equal(sdkDate(d), '20260102T030405Z');
  assert.equal(parseSdkDate('20260102T030405Z')?.getTime(), d.getTime());
  assert.equal(parseSdkDate('2026-01-02'), undefined);
});

test('verification: accepts the official signer, rejects tampering, unknown keys and skewed clocks', () => {
  const now = new Date(Date.UTC(2026, 10, 28, 4, 30, 0));
  const headers = { 'content-type': 'application/json', 'X-Sdk-Date': sdkDate(now) };
  const body = JSON.stringify({ tag: { key: 'env', value: 'prod' } });
  const signed = AKSKSigner.sign(
    {
      endpoint: 'http://127.0.0.1:8080/v2/p1/images/i%20d/tags',
      method: 'POST',
      headers: { ...headers },
      queryParams: { a: ['2', '1'] },
      data: JSON.parse(body),
    } as never,
    credential as never,
  ) as Record<string, string>;
  const lower = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
  const received = { method: 'POST', rawUrl: '/v2/p1/images/i%20d/tags?a=2&a=1', headers: lower, body: Buffer.from(body) };
  const secretFor = (ak: string) => (ak === AK ? SK : undefined);
  assert.deepEqual(verifyRequest(received, secretFor, now), { ok: true, ak: AK });
  assert.equal(verifyRequest({ ...received, body: Buffer.from(body.replace('prod', 'dev')) }, secretFor, now).ok, false);
  assert.equal(verifyRequest({ ...received, rawUrl: '/v2/p1/images/other/tags?a=2&a=1' }, secretFor, now).ok, false);
  assert.equal(verifyRequest(received, () => undefined, now).ok, false);
  const late = verifyRequest(received, secretFor, new Date(now.getTime() + 16 * 60_000));
  assert.deepEqual(late, { ok: false, reason: 'signature expired: X-Sdk-Date is more than 15 minutes from the server time' });
  assert.equal(verifyRequest({ ...received, headers: { ...lower, authorization: undefined } }, secretFor, now).ok, false);
  // Each refusal says why, so a person can fix the client.
  const reason = (r: ReturnType<typeof verifyRequest>) => (r.ok ? 'ok' : r.reason);
  assert.equal(reason(verifyRequest(received, () => undefined, now)), `unknown access key ${AK}`);
  assert.equal(
    reason(verifyRequest({ ...received, headers: { ...lower, 'x-sdk-date': '2026-11-28' } }, secretFor, now)),
    'missing or malformed X-Sdk-Date header (YYYYMMDDTHHMMSSZ)',
  );
  const early = verifyRequest(received, secretFor, new Date(now.getTime() - 16 * 60_000));
  assert.equal(reason(early), 'signature expired: X-Sdk-Date is more than 15 minutes from the server time');
  assert.equal(reason(verifyRequest(received, secretFor, new Date(now.getTime() + 14 * 60_000))), 'ok', 'within 15 minutes');
  const unsigned = lower.authorization.replace(/SignedHeaders=[^,]+/, 'SignedHeaders=content-type;x-sdk-date');
  assert.equal(
    reason(verifyRequest({ ...received, headers: { ...lower, authorization: unsigned } }, secretFor, now)),
    'host and x-sdk-date must be signed',
  );
  assert.equal(
    reason(verifyRequest({ ...received, headers: { ...lower, authorization: 'Basic abc' } }, secretFor, now)),
    'missing or malformed Authorization header (expected SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…)',
  );
  const { 'content-type': _dropped, ...withoutType } = lower;
  assert.equal(
    reason(verifyRequest({ ...received, headers: withoutType }, secretFor, now)),
    'signed header content-type is missing',
  );
  assert.equal(
    reason(verifyRequest({ ...received, body: Buffer.from(body.replace('prod', 'dev')) }, secretFor, now)),
    'signature does not match the request',
  );
});

test('the signing pieces: dates both ways, anchored; headers the caller already gave are kept, in any case', () => {
  const d = new Date(Date.UTC(2026, 10, 28, 4, 5, 6));
  assert.equal(sdkDate(d), '20261128T040506Z');
  assert.equal(parseSdkDate('20261128T040506Z')?.getTime(), d.getTime());
  for (const bad of ['x20261128T040506Z', '20261128T040506Zx', '20261128T0405Z', '2026-11-28T04:05:06Z']) {
    assert.equal(parseSdkDate(bad), undefined, bad);
  }
  // A repeated key keeps all its values, sorted; a single one is kept as given.
  assert.equal(
    canonicalQuery([
      ['b', '2'],
      ['a', 'z'],
      ['b', '1'],
    ]),
    'a=z&b=1&b=2',
  );
  assert.equal(canonicalQuery([['k', '']]), 'k=');
  const given = signRequest({
    method: 'GET',
    url: 'https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/tags',
    headers: { HOST: 'other.example', 'x-sdk-date': '20261128T040506Z' },
    ak: 'A',
    sk: 'S',
  });
  assert.equal(given['x-sdk-date'], '20261128T040506Z', 'the given date is signed, not a new one');
  assert.equal(given.HOST, 'other.example');
  assert.equal(given.host, undefined, 'a Host given in any case is not added again');
  assert.match(given.Authorization, /SignedHeaders=host;x-sdk-date,/);
  const fresh = signRequest({ method: 'GET', url: 'https://h.example:8443/p', headers: {}, ak: 'A', sk: 'S', date: d });
  assert.equal(fresh['X-Sdk-Date'], '20261128T040506Z');
  assert.equal(fresh.host, 'h.example:8443');
});
