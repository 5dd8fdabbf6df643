/** The emulator's HTTP plumbing: errors with an IMS code, JSON answers, bounded request bodies. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

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

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'IMG.0001', 'request body larger than 1 MB');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(raw: Buffer, code: string): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, code, 'the request body is not JSON');
  }
}
