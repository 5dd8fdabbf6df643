/** The IAM endpoints the client needs from the emulator: tokens (password sign-in) and the region's project. */
import type { IncomingMessage } from 'node:http';
import type { Authenticator } from './auth';
import { HttpError, parseJsonBody, type Answer } from './http';

export interface IamOptions {
  region: string;
  projectId: string;
  /** The password `POST /v3/auth/tokens` accepts, for any user name. */
  password: string;
}

type TokenRequest = { auth?: { identity?: { password?: { user?: { name?: string; password?: string } } } } };

/** Answers an IAM request, or `undefined` when the path is not IAM's. */
export function iamRoute(req: IncomingMessage, url: URL, raw: Buffer, auth: Authenticator, o: IamOptions): Answer | undefined {
  if (req.method === 'POST' && url.pathname === '/v3/auth/tokens') {
    const user = (parseJsonBody(raw, 'IAM.0001') as TokenRequest).auth?.identity?.password?.user;
    if (!user?.name || user.password !== o.password)
      throw new HttpError(401, 'IAM.0002', 'The username or password is incorrect.');
    const { token, expires } = auth.issueToken();
    return {
      status: 201,
      body: { token: { expires_at: new Date(expires).toISOString(), project: { id: o.projectId, name: o.region } } },
      headers: { 'x-subject-token': token },
    };
  }
  if (req.method === 'GET' && url.pathname === '/v3/projects') {
    auth.authenticate(req, raw);
    const name = url.searchParams.get('name');
    return { status: 200, body: { projects: !name || name === o.region ? [{ id: o.projectId, name: o.region }] : [] } };
  }
  return undefined;
}
