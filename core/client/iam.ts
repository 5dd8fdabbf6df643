/**
 * IAM for the client (docs/sources.md §D.2, §D.4): a token from POST /v3/auth/tokens (header
 * X-Subject-Token), cached until shortly before it expires; the project ID of a region from
 * GET /v3/projects?name=<region>.
 */
import { ImsError, parseErrorBody } from './errors';
import { IamClient } from './iamClient';

/** Refresh this long before the token's expires_at. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface PasswordLogin {
  iamEndpoint: string;
  domain: string;
  user: string;
  password: string;
  /** Project to scope the token to (IMS is project-level). */
  projectName: string;
  fetch?: typeof fetch;
}

export interface TokenProvider {
  (): Promise<string>;
  /** The project the token is scoped to, from the token's body (after the first sign-in). */
  projectId(): Promise<string | undefined>;
}

export function tokenProvider(login: PasswordLogin): TokenProvider {
  let cached: { token: string; expiresAt: number; projectId?: string } | undefined;
  let pending: Promise<string> | undefined;
  const f = login.fetch ?? fetch;
  const fetchToken = async (): Promise<string> => {
    const body = {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: login.user, password: login.password, domain: { name: login.domain } } },
        },
        scope: { project: { name: login.projectName } },
      },
    };
    const r = await f(`${login.iamEndpoint.replace(/\/$/, '')}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    const token = r.headers.get('x-subject-token');
    if (!r.ok || !token) {
      const e = parseErrorBody(text);
      throw new ImsError(
        `IAM refused the sign-in: ${r.status}${e.code ? ` ${e.code}` : ''}${e.message ? ` — ${e.message}` : ''}. ` +
          'Check the account (domain), user name and password.',
        r.status,
        e.code,
        r.headers.get('x-request-id') ?? undefined,
        undefined,
      );
    }
    let expiresAt = Date.now() + 24 * 3600_000;
    let projectId: string | undefined;
    try {
      const parsed = JSON.parse(text) as { token?: { expires_at?: string; project?: { id?: string } } };
      if (parsed.token?.expires_at) expiresAt = Date.parse(parsed.token.expires_at);
      projectId = parsed.token?.project?.id;
    } catch {
      // keep the documented 24 hours
    }
    cached = { token, expiresAt, projectId };
    return token;
  };
  const get = async () => {
    if (cached && cached.expiresAt - TOKEN_REFRESH_MARGIN_MS > Date.now()) return cached.token;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  return Object.assign(get, {
    projectId: async () => {
      await get();
      return cached?.projectId;
    },
  });
}

/**
 * The project ID of a region, looked up with AK/SK signing through KeystoneListProjects, as the SDK's
 * GlobalCredentials send it (with X-Domain-Id, the account found through GET /v3/auth/domains).
 */
export async function lookupProjectId(options: {
  iamEndpoint: string;
  region: string;
  ak: string;
  sk: string;
  fetch?: typeof fetch;
}): Promise<string> {
  const iam = new IamClient({
    endpoint: options.iamEndpoint,
    projectId: '',
    credentials: { kind: 'aksk', ak: options.ak, sk: options.sk },
    fetch: options.fetch,
  });
  let projects: Array<{ id: string; name: string }>;
  try {
    projects = await iam.listProjects(options.region);
  } catch (e) {
    if (!(e instanceof ImsError)) throw e;
    throw new ImsError(`IAM could not list projects: ${e.message}`, e.status, e.code, e.requestId, undefined);
  }
  const match = projects.find((p) => p.name === options.region) ?? (projects.length === 1 ? projects[0] : undefined);
  if (!match)
    throw new ImsError(
      `No project named ${options.region} in this account: give the project ID by hand.`,
      404,
      undefined,
      undefined,
      undefined,
    );
  return match.id;
}
