/**
 * IAM on the emulator's one address: tokens and projects for everyone signed in; identities, custom
 * policies, grants and 5.0 policies for administrators (the account's `--ak`/`--sk`, or members of the
 * group "admin"). Errors in IAM's forms (errors.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Authenticator } from '../auth';
import { missingRequired } from '../../core/client/iamOperations';
import { HttpError, parseJsonBody, type Answer } from '../http';
import type { IamAccount } from './account';
import { IamFailure, iamError } from './errors';
import { identityRoutes } from './identityRoutes';
import { permissionRoutes } from './permissionRoutes';
import { match, type Route } from './router';
import { accountRoutes, tokenRoute } from './tokens';
import { analyzerRoutes } from './analyzerRoutes';
import { v5Routes } from './v5Routes';

const IAM_PATH = /^\/(v3|v3\.0|v5)\//;

export class IamService {
  private readonly routes: Route[];

  constructor(
    readonly account: IamAccount,
    private readonly auth: Authenticator,
    private readonly password: string,
  ) {
    this.routes = [
      ...accountRoutes(account),
      ...identityRoutes(account),
      ...permissionRoutes(account),
      ...v5Routes(account),
      ...analyzerRoutes(account),
    ];
  }

  /** The answer to an IAM request, or `undefined` when the path is not IAM's. `changed` says whether to save. */
  handle(req: IncomingMessage, url: URL, raw: Buffer): (Answer & { changed: boolean }) | undefined {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (!IAM_PATH.test(path)) return undefined;
    const token = tokenRoute(method, path, raw, this.auth, this.account, this.password);
    if (token) return { ...token, changed: false };
    const callerId = this.auth.authenticate(req, raw);
    const found = match(this.routes, method, path);
    if (found === 'malformed') throw iamError(path, 400, 'IAM.0001', `The path ${path} has a malformed percent-escape.`);
    if (found === undefined)
      throw iamError(path, 404, 'IAM.0004', `The IAM API ${method} ${path} is not served by the emulator.`);
    if (found === 'method') throw iamError(path, 405, 'IAM.0005', `${method} is not allowed on ${path}.`);
    const reading = method === 'GET' || method === 'HEAD';
    if (found.route.admin && !(reading ? this.account.mayReadIam(callerId) : this.account.isAdministrator(callerId)))
      throw iamError(
        path,
        403,
        'IAM.0003',
        reading
          ? `${this.account.userName(callerId)} may not call ${method} ${path}: ` +
              'reading IAM needs the administrator, the group "admin", or IAM ReadOnlyAccess granted on the domain.'
          : `${this.account.userName(callerId)} may not call ${method} ${path}: IAM changes need the account administrator or a member of the group "admin".`,
      );
    let body: unknown;
    try {
      body = raw.length && method !== 'GET' && method !== 'HEAD' ? parseJsonBody(raw, 'IAM.0001') : undefined;
    } catch (e) {
      throw iamError(
        path,
        400,
        'IAM.0001',
        e instanceof HttpError ? `${e.message[0].toUpperCase()}${e.message.slice(1)}.` : 'The request body is not JSON.',
      );
    }
    const answer = this.call(method, path, body, callerId, url.searchParams, found);
    return { ...answer, changed: method !== 'GET' && method !== 'HEAD' };
  }

  /** Runs one route as `callerId` (the seed file runs its calls as the administrator); IAM's error form on failure. */
  call(
    method: string,
    path: string,
    body: unknown,
    callerId = this.account.adminUserId,
    query = new URLSearchParams(),
    found = match(this.routes, method, path),
  ): Answer {
    if (!found || found === 'method' || found === 'malformed')
      throw iamError(path, 404, 'IAM.0004', `The IAM API ${method} ${path} is not served by the emulator.`);
    // What the operation requires (core/client/iamOperations.ts), as IAM answers an omission.
    const missing = missingRequired(found.route.op, query, body);
    if (missing) throw iamError(path, 400, 'IAM.0001', missing);
    try {
      // Every check runs before the first change, so a refused request changes nothing.
      return found.route.handle({ params: found.params, query, body, callerId, path });
    } catch (e) {
      if (e instanceof IamFailure) throw iamError(path, e.status, e.code, e.message);
      throw e;
    }
  }
}
