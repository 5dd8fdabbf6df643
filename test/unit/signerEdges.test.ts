/**
 * The signer and its verification at their edges (core/auth/signer.ts): the Authorization header read
 * strictly but with spaces where the SDKs put them, a precomputed body hash, the clock skew to the
 * millisecond, a body that does not match its claimed hash, a signature of the wrong length, repeated
 * headers. The comparison with the official SDK signer is test/unit/signer.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EMPTY_BODY_SHA256,
  MAX_CLOCK_SKEW_MS,
  parseAuthorization,
  sha256Hex,
  signRequest,
  verifyRequest,
  type ReceivedRequest,
} from '../../core/auth/signer';

const NOW = new Date('2026-12-07T10:00:00Z');
const secretFor = (ak: string) => (ak === 'AK' ? 'SK' : undefined);

/** A request signed by signRequest, as the emulator would receive it (header names lower-case). */
function received(extra: Record<string, string> = {}, body = '', url = 'https://ims.x/v2/p/images?limit=1'): ReceivedRequest {
  const signed = signRequest({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json', ...extra },
    body,
    ak: 'AK',
    sk: 'SK',
    date: NOW,
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed)) headers[k.toLowerCase()] = v;
  return { method: 'POST', rawUrl: url.slice('https://ims.x'.length), headers, body: new TextEncoder().encode(body) };
}
const reason = (r: ReturnType<typeof verifyRequest>) => (r.ok ? 'ok' : r.reason);

test('the Authorization header: spaces as the SDKs write them, trimmed; anything before, after or between is refused', () => {
  const good = 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=0a1b';
  assert.deepEqual(parseAuthorization(good), { access: 'AK', signedHeaders: ['host', 'x-sdk-date'], signature: '0a1b' });
  assert.deepEqual(parseAuthorization(`  ${good}  `), parseAuthorization(good));
  assert.deepEqual(parseAuthorization('SDK-HMAC-SHA256   Access=AK,SignedHeaders=host,   Signature=ff'), {
    access: 'AK',
    signedHeaders: ['host'],
    signature: 'ff',
  });
  for (const bad of [
    `x${good}`,
    `${good}x`,
    `${good},`,
    'SDK-HMAC-SHA256Access=AK, SignedHeaders=host, Signature=ff',
    'SDK-HMAC-SHA256 Access=A K, SignedHeaders=host, Signature=ff',
    'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=FF',
    'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=',
    'SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=ff',
    'SDK-HMAC-SHA256 Access=AK, SignedHeaders=, Signature=ff',
    'SDK-HMAC-SHA256 Access=AK SignedHeaders=host Signature=ff',
    '',
  ])
    assert.equal(parseAuthorization(bad), undefined, bad);
  assert.equal(parseAuthorization(undefined), undefined);
});

test('a precomputed body hash is what gets signed, and verification holds the body to it', () => {
  const body = '{"tags":[]}';
  const hash = sha256Hex(body);
  const withHash = received({ 'X-Sdk-Content-Sha256': hash }, body);
  assert.match(withHash.headers.authorization as string, /SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date,/);
  assert.equal(reason(verifyRequest(withHash, secretFor, NOW)), 'ok');
  // Another body under the same signed hash: refused for the body, before the signature is compared.
  assert.equal(
    reason(verifyRequest({ ...withHash, body: new TextEncoder().encode('{"tags":[1]}') }, secretFor, NOW)),
    'the body does not match its X-Sdk-Content-Sha256',
  );
  // The hash in capitals is the same hash.
  const upper = { ...withHash, headers: { ...withHash.headers, 'x-sdk-content-sha256': hash.toUpperCase() } };
  assert.notEqual(reason(verifyRequest(upper, secretFor, NOW)), 'the body does not match its X-Sdk-Content-Sha256');
  // UNSIGNED-PAYLOAD claims nothing: signed as such, any body passes the body check.
  const unsigned = received({ 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, 'anything');
  assert.equal(reason(verifyRequest(unsigned, secretFor, NOW)), 'ok');
  // An empty body's hash is the documented constant.
  const empty = received({ 'X-Sdk-Content-Sha256': EMPTY_BODY_SHA256 });
  assert.equal(reason(verifyRequest(empty, secretFor, NOW)), 'ok');
  // A hash header sent but not signed: the body's own hash is what the signature covers.
  const loose = received({}, body);
  loose.headers['x-sdk-content-sha256'] = hash;
  assert.equal(reason(verifyRequest(loose, secretFor, NOW)), 'ok');
});

test('the clock skew: fifteen minutes either way to the millisecond', () => {
  const r = received();
  const at = (ms: number) => new Date(NOW.getTime() + ms);
  assert.equal(reason(verifyRequest(r, secretFor, at(MAX_CLOCK_SKEW_MS))), 'ok');
  assert.equal(reason(verifyRequest(r, secretFor, at(-MAX_CLOCK_SKEW_MS))), 'ok');
  assert.match(reason(verifyRequest(r, secretFor, at(MAX_CLOCK_SKEW_MS + 1000))), /^signature expired/);
  assert.match(reason(verifyRequest(r, secretFor, at(-MAX_CLOCK_SKEW_MS - 1000))), /^signature expired/);
});

test('what is refused, and why: the header, the key, the date, the signed names, the signature’s length', () => {
  const r = received();
  const without = (name: string) => ({
    ...r,
    headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== name)),
  });
  assert.match(reason(verifyRequest(without('authorization'), secretFor, NOW)), /^missing or malformed Authorization header/);
  assert.match(
    reason(
      verifyRequest({ ...r, headers: { ...r.headers, authorization: [r.headers.authorization as string, 'x'] } }, secretFor, NOW),
    ),
    /^missing or malformed Authorization header/,
    'a repeated Authorization header is no header',
  );
  assert.equal(reason(verifyRequest(r, () => undefined, NOW)), 'unknown access key AK');
  assert.equal(
    reason(verifyRequest(without('x-sdk-date'), secretFor, NOW)),
    'missing or malformed X-Sdk-Date header (YYYYMMDDTHHMMSSZ)',
  );
  assert.equal(
    reason(
      verifyRequest({ ...r, headers: { ...r.headers, 'x-sdk-date': ['20261207T100000Z', '20261207T100000Z'] } }, secretFor, NOW),
    ),
    'missing or malformed X-Sdk-Date header (YYYYMMDDTHHMMSSZ)',
  );
  assert.equal(reason(verifyRequest(without('content-type'), secretFor, NOW)), 'signed header content-type is missing');
  const auth = r.headers.authorization as string;
  const unsignedHost = auth.replace('content-type;host;x-sdk-date', 'content-type;x-sdk-date');
  assert.equal(
    reason(verifyRequest({ ...r, headers: { ...r.headers, authorization: unsignedHost } }, secretFor, NOW)),
    'host and x-sdk-date must be signed',
  );
  const short = auth.replace(/Signature=[0-9a-f]+$/, 'Signature=abcd');
  assert.equal(
    reason(verifyRequest({ ...r, headers: { ...r.headers, authorization: short } }, secretFor, NOW)),
    'signature does not match the request',
  );
  const flipped = auth.replace(/Signature=([0-9a-f])/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
  assert.equal(
    reason(verifyRequest({ ...r, headers: { ...r.headers, authorization: flipped } }, secretFor, NOW)),
    'signature does not match the request',
  );
  assert.equal(reason(verifyRequest(r, secretFor, NOW)), 'ok');
});

test('a signed header received more than once is signed as its values joined by commas', () => {
  const r = received({ 'X-Custom': 'a,b' });
  const twice = (values: string[]) => verifyRequest({ ...r, headers: { ...r.headers, 'x-custom': values } }, secretFor, NOW);
  assert.equal(reason(twice(['a', 'b'])), 'ok');
  assert.equal(reason(twice(['a', 'c'])), 'signature does not match the request');
});

test('a date already given is kept and not sent twice, in any case of its name', () => {
  const given = signRequest({
    method: 'GET',
    url: 'https://ims.x/',
    headers: { 'x-sdk-date': '20261207T100000Z' },
    ak: 'AK',
    sk: 'SK',
  });
  assert.deepEqual(
    Object.keys(given).filter((k) => k.toLowerCase() === 'x-sdk-date'),
    ['x-sdk-date'],
  );
  assert.equal(given['x-sdk-date'], '20261207T100000Z');
});
