/**
 * Tokens and projects: `POST /v3/auth/tokens` (password sign-in), `GET /v3/projects` and
 * `GET /v3/auth/projects`. A user created with a password signs in with it; any other name with the
 * emulator's password (`--password`, by default the SK) signs in as the administrator, as before.
 */
import type { IamAccount } from './account';
import type { Authenticator } from '../auth';
import { HttpError, parseJsonBody, type Answer } from '../http';

type TokenRequest = { auth?: { identity?: { password?: { user?: { name?: string; password?: string } } } } };

export function tokenRoute(
  method: string,
  path: string,
  raw: Buffer,
  auth: Authenticator,
  a: IamAccount,
  password: string,
): Answer | undefined {
  if (method !== 'POST' || path !== '/v3/auth/tokens') return undefined;
  const user = (parseJsonBody(raw, 'IAM.0001') as TokenRequest).auth?.identity?.password?.user;
  const known = a.data.users.find((u) => u.name === user?.name);
  const userId =
    known && known.password !== undefined
      ? known.password === user?.password && known.enabled
        ? known.id
        : undefined
      : user?.name && user.password === password
        ? a.adminUserId
        : undefined;
  if (!userId) throw new HttpError(401, 'IAM.0002', 'The username or password is incorrect.');
  const { token, expires } = auth.issueToken(userId);
  return {
    status: 201,
    body: {
      token: {
        expires_at: new Date(expires).toISOString(),
        project: { id: a.projectId, name: a.region },
        user: { id: userId, name: a.userName(userId), domain: { id: a.domainId, name: 'emulator' } },
      },
    },
    headers: { 'x-subject-token': token },
  };
}

export function projectsAnswer(path: string, query: URLSearchParams, a: IamAccount): Answer | undefined {
  if (path !== '/v3/projects' && path !== '/v3/auth/projects') return undefined;
  const name = query.get('name');
  return {
    status: 200,
    body: { projects: !name || name === a.region ? [{ id: a.projectId, name: a.region, domain_id: a.domainId }] : [] },
  };
}
