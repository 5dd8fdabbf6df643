/**
 * Who a request is: an SDK-HMAC-SHA256 signature made with an access key the emulator knows (the
 * administrator's `--ak`/`--sk`, or a user's permanent key), or a token it issued through
 * `POST /v3/auth/tokens`. 401 with the reason otherwise, in the gateway's codes. Answers the user's id.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyRequest } from '../core/auth/signer';
import { HttpError } from './http';

export const TOKEN_LIFETIME_MS = 24 * 3600_000;

/** The secret key and user of an access key, if it is known and active. */
export type KeyLookup = (ak: string) => { sk: string; userId: string } | undefined;

export class Authenticator {
  private readonly tokens = new Map<string, { expires: number; userId: string }>();

  constructor(
    private readonly lookup: KeyLookup,
    /** Whether the user still exists and is enabled: a disabled or deleted user's tokens stop working. */
    private readonly userActive: (userId: string) => boolean = () => true,
  ) {}

  /** A new token for `userId`, valid for 24 hours, and when it expires. */
  issueToken(userId: string): { token: string; expires: number } {
    const token = `emulator-token-${randomBytes(24).toString('hex')}`;
    const expires = Date.now() + TOKEN_LIFETIME_MS;
    this.tokens.set(token, { expires, userId });
    return { token, expires };
  }

  issued(): string[] {
    return [...this.tokens.keys()];
  }

  /** The signer's user id; throws a 401 unless the request carries a valid token or signature. */
  authenticate(req: IncomingMessage, raw: Buffer): string {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') {
      const t = this.tokens.get(token);
      if (t && !this.userActive(t.userId)) {
        // Revoked for good: enabling the user again does not bring an old token back.
        this.tokens.delete(token);
        throw new HttpError(401, 'APIGW.0301', 'The token was revoked: its user is disabled or deleted');
      }
      if (!t || t.expires < Date.now())
        throw new HttpError(401, 'APIGW.0301', 'The token must be updated: it is unknown or expired');
      return t.userId;
    }
    let userId = '';
    const v = verifyRequest({ method: req.method!, rawUrl: req.url!, headers: req.headers, body: raw }, (ak) => {
      const key = this.lookup(ak);
      if (key) userId = key.userId;
      return key?.sk;
    });
    if (!v.ok) {
      const code = v.reason.startsWith('signature expired') ? 'APIG.0303' : 'APIGW.0301';
      throw new HttpError(401, code, `Incorrect IAM authentication information: ${v.reason}`);
    }
    return userId;
  }
}
