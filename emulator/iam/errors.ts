/**
 * IAM's error bodies, which differ by API family: Keystone paths (`/v3/…`) answer
 * `{"error": {"code": <status>, "message", "title"}}`, the `/v3.0/OS-…` and `/v5` APIs answer
 * `{"error_code", "error_msg"}` (v5 adds `request_id`). The error codes are the emulator's own
 * (IAM.0xxx in IAM's style): the documented tables were not read code by code, so clients must key on
 * the status, not the code.
 */
import { randomBytes } from 'node:crypto';
import { HttpError } from '../http';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
};

export function iamError(path: string, status: number, code: string, message: string): HttpError {
  const body = path.startsWith('/v3/')
    ? { error: { code: status, message, title: TITLES[status] ?? 'Error' } }
    : path.startsWith('/v5/')
      ? { error_code: code, error_msg: message, request_id: randomBytes(16).toString('hex') }
      : { error_code: code, error_msg: message };
  return new HttpError(status, code, message, {}, body);
}

/** What a check throws before the route knows its path; the router gives it IAM's form. */
export class IamFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new IamFailure(400, 'IAM.0001', message);
export const notFoundIam = (what: string) => new IamFailure(404, 'IAM.0004', `${what} could not be found.`);
export const conflict = (message: string) => new IamFailure(409, 'IAM.0009', message);
export const forbidden = (message: string) => new IamFailure(403, 'IAM.0003', message);
