/**
 * A fetch that records every request and answers from a table of routes (`GET /v3/users`), for the
 * client's request shapes without a server: what was sent is what the test reads back.
 */
import type { TestContext } from 'node:test';
export interface Sent {
  method: string;
  url: URL;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: unknown;
}

export type Answer = { status?: number; body?: unknown; headers?: Record<string, string> };
export type Route = (sent: Sent, nth: number) => Answer | Promise<Answer>;

export function recordingFetch(routes: Record<string, Route | Answer>) {
  const sent: Sent[] = [];
  const counts = new Map<string, number>();
  const fetchFn = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const text = typeof init.body === 'string' ? init.body : undefined;
    const s: Sent = {
      method: String(init.method ?? 'GET'),
      url,
      headers,
      body: text === undefined ? undefined : JSON.parse(text),
    };
    sent.push(s);
    const key = `${s.method} ${url.pathname}`;
    const nth = counts.get(key) ?? 0;
    counts.set(key, nth + 1);
    const route = routes[key];
    if (!route) return new Response(JSON.stringify({ error_code: 'TEST.404', error_msg: `no route ${key}` }), { status: 404 });
    const a = typeof route === 'function' ? await route(s, nth) : route;
    const body = a.body === undefined ? null : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
    return new Response(body, { status: a.status ?? 200, headers: a.headers });
  }) as unknown as typeof fetch;
  return { sent, fetchFn };
}

/** The waits a client asks of setTimeout between attempts, recorded; each fires at once. */
export function recordWaits(t: TestContext): number[] {
  const waits: number[] = [];
  const real = globalThis.setTimeout;
  t.mock.method(globalThis, 'setTimeout', ((fn: () => void, ms?: number) => {
    waits.push(ms ?? 0);
    return real(fn, 0);
  }) as typeof setTimeout);
  return waits;
}
