/**
 * The VS Code client's notifications (core/protocol.ts): whose permissions the connection has (.http
 * verdicts include them), and workspace trust ($processEnv and $dotenv are read, or no longer).
 */
import { isIdentityAccess } from '../../core/access/identityAccess';
import { Iam5Model, SNAPSHOT_MODEL } from '../../core/catalogue/iam5/model';
import { readAuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';
import {
  AUTHORIZATION_SCHEMA_NOTIFICATION,
  IDENTITY_ACCESS_NOTIFICATION,
  RESOURCE_CONTEXT_NOTIFICATION,
  WORKSPACE_TRUST_NOTIFICATION,
  isRestricted,
} from '../../core/protocol';
import type { ServerContext } from './context';

export function registerNotifications(ctx: ServerContext): void {
  ctx.connection.onNotification(IDENTITY_ACCESS_NOTIFICATION, (p: unknown) => {
    ctx.identity = isIdentityAccess(p) ? p : undefined;
    ctx.httpInputsChanged();
  });
  // IAM's schema replaces the snapshot for every 5.0 feature; a stranger's or broken answer keeps the snapshot.
  ctx.connection.onNotification(AUTHORIZATION_SCHEMA_NOTIFICATION, (p: unknown) => {
    const params = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const schema = readAuthorizationSchema(params.schema);
    ctx.iam5 =
      schema && typeof params.endpoint === 'string' && typeof params.readAt === 'string'
        ? new Iam5Model(schema, { kind: 'live', endpoint: params.endpoint, readAt: params.readAt })
        : SNAPSHOT_MODEL;
    ctx.recheckAll();
  });
  ctx.connection.onNotification(RESOURCE_CONTEXT_NOTIFICATION, (p: unknown) => {
    const o = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const ids = Array.isArray(o.imageIds) ? o.imageIds.filter((x): x is string => typeof x === 'string').slice(0, 100) : [];
    ctx.resources =
      typeof o.region === 'string' && typeof o.account === 'string'
        ? { region: o.region, account: o.account, imageIds: ids }
        : undefined;
  });
  ctx.connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: unknown) => {
    ctx.restricted = isRestricted(p);
    ctx.httpInputsChanged(true);
  });
}
