/**
 * SDK-HMAC-SHA256 request signing (docs/sources.md §D.3), written to match the official Node SDK's signer
 * byte for byte: the canonical URI encodes each segment of the path as sent (so an already
 * percent-encoded path is encoded again) and ends with '/'; the query is sorted and encoded, arrays
 * repeated; every given header is signed, with `host` and `X-Sdk-Date`; the payload hash is the
 * SHA-256 of the body, or the X-Sdk-Content-Sha256 header's value.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parse as legacyParse } from 'node:url';

export const ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Requests signed more than this far from the server's clock are rejected (APIG.0303). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Percent-encodes all but A–Z a–z 0–9 - _ . ~ as upper-case %XX of the UTF-8 bytes. */
export function signingEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

export function canonicalUri(path: string): string {
  const encoded = path.split('/').map(signingEncode).join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Query parameters (decoded) as a sorted canonical string; repeated keys keep all their values, sorted. */
export function canonicalQuery(params: Iterable<[string, string]>): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of params) {
    const list = grouped.get(k);
    if (list) list.push(v);
    else grouped.set(k, [v]);
  }
  const out: string[] = [];
  for (const key of [...grouped.keys()].sort()) {
    const values = grouped.get(key)!;
    // A single value is used as given; several are sorted, as the SDK sorts arrays.
    for (const v of values.length > 1 ? [...values].sort() : values) out.push(`${signingEncode(key)}=${signingEncode(v)}`);
  }
  return out.join('&');
}

export interface CanonicalInput {
  method: string;
  /** The path as sent (percent-encoded where needed). */
  path: string;
  query: Iterable<[string, string]>;
  /** The headers to sign, names in any case. */
  headers: Record<string, string>;
  payloadHash: string;
}

export function signedHeaderNames(headers: Record<string, string>): string {
  return Object.keys(headers)
    .map((k) => k.toLowerCase())
    .sort()
    .join(';');
}

export function canonicalRequest(input: CanonicalInput): string {
  const names = Object.keys(input.headers).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const canonicalHeaders = names.map((k) => `${k.toLowerCase()}:${input.headers[k]}\n`).join('');
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaderNames(input.headers),
    input.payloadHash,
  ].join('\n');
}

export function signature(sk: string, date: string, canonical: string): string {
  return createHmac('sha256', sk)
    .update(`${ALGORITHM}\n${date}\n${sha256Hex(canonical)}`)
    .digest('hex');
}

export interface SignRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  ak: string;
  sk: string;
  date?: Date;
}

/** The headers to send: the given ones plus host, X-Sdk-Date and Authorization. */
export function signRequest(req: SignRequest): Record<string, string> {
  const url = new URL(req.url);
  const headers: Record<string, string> = { ...req.headers };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'x-sdk-date'))
    headers['X-Sdk-Date'] = sdkDate(req.date ?? new Date());
  const date = headers[Object.keys(headers).find((k) => k.toLowerCase() === 'x-sdk-date')!];
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'host')) headers.host = url.host;
  const contentSha = Object.keys(headers).find((k) => k.toLowerCase() === 'x-sdk-content-sha256');
  const payloadHash = contentSha ? headers[contentSha] : req.body ? sha256Hex(req.body) : EMPTY_BODY_SHA256;
  // The SDK takes the path from Node's legacy URL parser, which escapes a few characters (' ` { } | ^ and
  // spaces) that WHATWG URLs keep; clients that encode every path segment send identical paths either way.
  const path = legacyParse(req.url).pathname ?? url.pathname;
  const canonical = canonicalRequest({ method: req.method, path, query: url.searchParams, headers, payloadHash });
  headers.Authorization = `${ALGORITHM} Access=${req.ak}, SignedHeaders=${signedHeaderNames(headers)}, Signature=${signature(req.sk, date, canonical)}`;
  return headers;
}

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(value: string | undefined): ParsedAuthorization | undefined {
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(value?.trim() ?? '');
  return m ? { access: m[1], signedHeaders: m[2].split(';'), signature: m[3] } : undefined;
}

export type VerifyResult = { ok: true; ak: string } | { ok: false; reason: string };

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received (req.url). */
  rawUrl: string;
  /** Header names lower-case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** Checks a received request's signature: known AK, every claimed header present, date within 15 minutes. */
export function verifyRequest(
  req: ReceivedRequest,
  secretFor: (ak: string) => string | undefined,
  now = new Date(),
): VerifyResult {
  const auth = parseAuthorization(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
  if (!auth)
    return {
      ok: false,
      reason: 'missing or malformed Authorization header (expected SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…)',
    };
  const sk = secretFor(auth.access);
  if (sk === undefined) return { ok: false, reason: `unknown access key ${auth.access}` };
  const dateValue = req.headers['x-sdk-date'];
  const date = typeof dateValue === 'string' ? parseSdkDate(dateValue) : undefined;
  if (!date || typeof dateValue !== 'string')
    return { ok: false, reason: 'missing or malformed X-Sdk-Date header (YYYYMMDDTHHMMSSZ)' };
  if (Math.abs(now.getTime() - date.getTime()) > MAX_CLOCK_SKEW_MS)
    return { ok: false, reason: 'signature expired: X-Sdk-Date is more than 15 minutes from the server time' };
  if (!auth.signedHeaders.includes('x-sdk-date') || !auth.signedHeaders.includes('host'))
    return { ok: false, reason: 'host and x-sdk-date must be signed' };
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const v = req.headers[name];
    if (v === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    headers[name] = Array.isArray(v) ? v.join(',') : v;
  }
  const url = new URL(req.rawUrl, 'http://emulator');
  const contentSha = req.headers['x-sdk-content-sha256'];
  // A claimed body hash must be the body's: otherwise a signed header and another body would pass
  // (UNSIGNED-PAYLOAD, the SDKs' way of signing no body, claims nothing).
  if (typeof contentSha === 'string' && contentSha !== 'UNSIGNED-PAYLOAD') {
    const actual = req.body.length ? sha256Hex(req.body) : EMPTY_BODY_SHA256;
    if (contentSha.toLowerCase() !== actual) return { ok: false, reason: 'the body does not match its X-Sdk-Content-Sha256' };
  }
  const payloadHash =
    typeof contentSha === 'string' && auth.signedHeaders.includes('x-sdk-content-sha256')
      ? contentSha
      : req.body.length
        ? sha256Hex(req.body)
        : EMPTY_BODY_SHA256;
  const rawPath = req.rawUrl.split('?')[0];
  const expected = signature(
    sk,
    dateValue,
    canonicalRequest({ method: req.method, path: rawPath, query: url.searchParams, headers, payloadHash }),
  );
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(auth.signature, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'signature does not match the request' };
  return { ok: true, ak: auth.access };
}
