/**
 * The VS Code client's notifications (core/protocol.ts): whose permissions the connection has (.http
 * verdicts include them), and workspace trust ($processEnv and $dotenv are read, or no longer).
 */
import { isIdentityAccess } from '../../core/access/identityAccess';
import { IDENTITY_ACCESS_NOTIFICATION, WORKSPACE_TRUST_NOTIFICATION, isRestricted } from '../../core/protocol';
import type { ServerContext } from './context';

export function registerNotifications(ctx: ServerContext): void {
  ctx.connection.onNotification(IDENTITY_ACCESS_NOTIFICATION, (p: unknown) => {
    ctx.identity = isIdentityAccess(p) ? p : undefined;
    ctx.httpInputsChanged();
  });
  ctx.connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: unknown) => {
    ctx.restricted = isRestricted(p);
    ctx.httpInputsChanged(true);
  });
}
