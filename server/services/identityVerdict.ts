/**
 * What the connected identity may do with an IMS request, in words, for `.http` hovers and diagnostics:
 * beside the workspace's verdict, "you, as alice: denied by "Deny tags", statement 2". The verdicts
 * come from the client (core/access/identityAccess.ts); nothing is known without a connection.
 */
import { identityVerdict, type IdentityAccess, type IdentityApiVerdict } from '../../core/access/identityAccess';
import type { ImsApi, Lang } from '../../core/catalogue';
import { messages } from './messages';

/** Why the identity may or may not call the API, in one phrase. */
export function identityReason(v: IdentityApiVerdict, administrator: boolean, lang: Lang): string {
  const m = messages(lang);
  const refs = v.decidedBy.map((r) => m.identityStatement(r.policy, r.statement)).join('; ');
  switch (v.decision) {
    case 'allowed':
      return administrator ? m.identityAdministrator() : m.identityAllowed(refs);
    case 'denied':
      return m.identityDenied(refs);
    case 'notGranted':
      return m.identityNotGranted(v.missing.join(', '));
  }
}

/** The hover's section for the identity: nothing when no identity is known. */
export function identityMarkdown(api: ImsApi, identity: IdentityAccess | undefined, lang: Lang): string | undefined {
  if (!identity) return undefined;
  const m = messages(lang);
  const heading = m.identityHeading(identity.identity, identity.connection);
  if (identity.unreadable) return m.identityLine(heading, identity.unreadable);
  const v = identityVerdict(identity, api.id);
  if (!v) return undefined;
  const icon = v.decision === 'allowed' ? '✅' : v.decision === 'denied' ? '⛔' : '❌';
  const lines = [m.identityLine(heading, `${icon} ${identityReason(v, identity.administrator, lang)}`)];
  for (const e of v.enterpriseOnly) lines.push(`- ⚠️ ${m.identityEnterpriseOnly(e.policy, e.via, e.enterpriseProjectId)}`);
  return lines.join('\n');
}
