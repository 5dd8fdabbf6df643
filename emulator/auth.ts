/**
 * Who a request is: an SDK-HMAC-SHA256 signature made with the emulator's AK/SK, or a token it issued
 * through `POST /v3/auth/tokens`. 401 with the reason otherwise, in the gateway's codes.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyRequest } from '../core/auth/signer';
import { HttpError } from './http';

export const TOKEN_LIFETIME_MS = 24 * 3600_000;

export class Authenticator {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly ak: string,
    private readonly sk: string,
  ) {}

  /** A new token, valid for 24 hours, and when it expires. */
  issueToken(): { token: string; expires: number } {
    const token = `emulator-token-${randomBytes(24).toString('hex')}`;
    const expires = Date.now() + TOKEN_LIFETIME_MS;
    this.tokens.set(token, expires);
    return { token, expires };
  }

  issued(): string[] {
    return [...this.tokens.keys()];
  }

  /** Throws a 401 unless the request carries a valid token or signature. */
  authenticate(req: IncomingMessage, raw: Buffer): void {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') {
      const expires = this.tokens.get(token);
      if (!expires || expires < Date.now())
        throw new HttpError(401, 'APIGW.0301', 'The token must be updated: it is unknown or expired');
      return;
    }
    const v = verifyRequest({ method: req.method!, rawUrl: req.url!, headers: req.headers, body: raw }, (ak) =>
      ak === this.ak ? this.sk : undefined,
    );
    if (!v.ok) {
      const code = v.reason.startsWith('signature expired') ? 'APIG.0303' : 'APIGW.0301';
      throw new HttpError(401, code, `Incorrect IAM authentication information: ${v.reason}`);
    }
  }
}
