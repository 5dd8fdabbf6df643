/**
 * What the connected identity may do with an IMS request, in words, for `.http` hovers and diagnostics:
 * beside the workspace's verdict, "you, as alice: denied by "Deny tags", statement 2". The verdicts
 * come from the client (core/access/identityAccess.ts); nothing is known without a connection.
 */
import { identityVerdict, type IdentityAccess, type IdentityApiVerdict } from '../../core/access/identityAccess';
import type { ImsApi, Lang } from '../../core/catalogue';
import { escapeMarkdown } from '../../core/util/markdown';
import { messages } from './messages';

/** Why the identity may or may not call the API, in one phrase. */
export function identityReason(v: IdentityApiVerdict, administrator: boolean, lang: Lang): string {
  const m = messages(lang);
  const refs = v.decidedBy.map((r) => m.identityStatement(r.policy, r.statement)).join('; ');
  switch (v.decision) {
    case 'allowed':
    case 'dependsOn': // judged without a request context, an identity's verdict never depends on one
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
  // Names come from IAM (users, policies, connections): escaped, never Markdown.
  const heading = m.identityHeading(escapeMarkdown(identity.identity), escapeMarkdown(identity.connection));
  if (identity.unreadable) return m.identityLine(heading, escapeMarkdown(identity.unreadable));
  const found = identityVerdict(identity, api.id);
  if (!found) return undefined;
  const v = { ...found, decidedBy: found.decidedBy.map((r) => ({ ...r, policy: escapeMarkdown(r.policy) })) };
  const icon = v.decision === 'allowed' ? '✅' : v.decision === 'denied' ? '⛔' : '❌';
  const lines = [m.identityLine(heading, `${icon} ${identityReason(v, identity.administrator, lang)}`)];
  for (const e of v.enterpriseOnly)
    lines.push(
      `- ⚠️ ${m.identityEnterpriseOnly(escapeMarkdown(e.policy), escapeMarkdown(e.via), escapeMarkdown(e.enterpriseProjectId))}`,
    );
  return lines.join('\n');
}
