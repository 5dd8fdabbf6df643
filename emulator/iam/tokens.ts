/**
 * Tokens, the domain and projects: `POST /v3/auth/tokens` (password sign-in), `GET /v3/auth/domains`,
 * `GET /v3/projects` and `GET /v3/auth/projects`. A user created with a password signs in with it; any other name with the
 * emulator's password (`--password`, by default the SK) signs in as the administrator, as before.
 */
import type { IamAccount } from './account';
import { TOKEN_LIFETIME_MS, type Authenticator } from '../auth';
import { HttpError, parseJsonBody, type Answer } from '../http';
import { links } from './format';
import { operation, type Route, type RouteContext } from './router';

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
      // TokenResult's fields (the SDK's KeystoneCreateUserTokenByPasswordResponse): no catalog or roles here.
      token: {
        methods: ['password'],
        expires_at: new Date(expires).toISOString(),
        issued_at: new Date(expires - TOKEN_LIFETIME_MS).toISOString(),
        catalog: [],
        roles: [],
        project: { id: a.projectId, name: a.region, domain: { id: a.domainId, name: 'emulator' } },
        user: { id: userId, name: a.userName(userId), password_expires_at: '', domain: { id: a.domainId, name: 'emulator' } },
      },
    },
    headers: { 'x-subject-token': token },
  };
}

/**
 * The account as anyone signed in reads it: its domain (`GET /v3/auth/domains`, which the SDKs call to
 * find the domain of global credentials) and the region's project, in the SDK models' full shape
 * (Domains; ProjectResult / AuthProjectResult).
 */
export function accountRoutes(a: IamAccount): Route[] {
  const project = () => ({
    id: a.projectId,
    name: a.region,
    domain_id: a.domainId,
    description: '',
    enabled: true,
    is_domain: false,
    parent_id: a.domainId,
    links: links(`/v3/projects/${a.projectId}`),
  });
  const projects = (path: string) => (c: RouteContext) => {
    const name = c.query.get('name');
    return {
      status: 200,
      body: { projects: !name || name === a.region ? [project()] : [], links: links(path) },
    };
  };
  return [
    operation(
      'KeystoneListAuthDomains',
      () => ({
        status: 200,
        body: {
          domains: [
            { id: a.domainId, name: 'emulator', enabled: true, description: '', links: links(`/v3/domains/${a.domainId}`) },
          ],
          links: links('/v3/auth/domains'),
        },
      }),
      false,
    ),
    operation('KeystoneListProjects', projects('/v3/projects'), false),
    operation('KeystoneListAuthProjects', projects('/v3/auth/projects'), false),
  ];
}
