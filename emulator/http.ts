/** The emulator's HTTP plumbing: errors with an IMS code, JSON answers, bounded request bodies. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_NESTING, tooDeepAt } from '../core/util/nesting';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The error body when the API has its own form (IAM's); IMS's `{"error": {"code", "message"}}` otherwise. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'IMG.0404', `${what} not found`);

/** What a route answers. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'x-request-id': randomBytes(16).toString('hex'),
    ...(text ? { 'content-type': 'application/json' } : {}),
    ...headers,
  });
  res.end(text);
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Past this much of an oversized body, the connection is cut instead of drained. */
const MAX_DRAINED_BYTES = 16 * MAX_BODY_BYTES;

/**
 * The request body, at most MAX_BODY_BYTES; a larger one is refused with 413 (its rest read and
 * dropped, so the answer reaches the client, and the connection closed after it). Breaking out of the
 * stream instead destroyed the socket under the error handler and took the whole emulator down.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const refuse = () => {
      over = true;
      chunks.length = 0;
      reject(new HttpError(413, 'IMG.0413', 'The request body is larger than 1 MB.', { connection: 'close' }));
    };
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) refuse();
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (over) {
        if (size > MAX_DRAINED_BYTES) req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) refuse();
      else chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!over) reject(e);
    });
  });
}

/**
 * JSON as IAM and IMS take it: text that is not JSON, or that nests deeper than any document of theirs,
 * is a 400 (a 100,000-deep policy overflowed the stack of the checks after the parse: a 500 before).
 */
export function parseJsonBody(raw: Buffer, code: string): unknown {
  const text = raw.toString('utf8');
  if (tooDeepAt(text) !== undefined) throw new HttpError(400, code, `the request body nests deeper than ${MAX_NESTING} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, code, 'the request body is not JSON');
  }
}
