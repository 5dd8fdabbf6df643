/**
 * The connected identity's verdicts in the form the client hands the language server
 * (`imsTags/identityAccess`), so `.http` hovers and diagnostics can say "you, as alice: denied by policy
 * X, statement 2" beside the workspace's verdict. Plain data: names and ids, no parsed policies.
 */
import type { AccessFacts, ApiAccess, ApiDecision } from './effective';

export interface StatementPointer {
  /** The policy's display name. */
  policy: string;
  /** Where it opens (an ims-iam: URI). */
  uri: string;
  /** 1-based, as people count statements. */
  statement: number;
}

export interface IdentityApiVerdict {
  api: string;
  decision: ApiDecision;
  missing: string[];
  decidedBy: StatementPointer[];
  enterpriseOnly: Array<{ policy: string; via: string; enterpriseProjectId: string }>;
}

export interface IdentityAccess {
  /** Who: the IAM user's name. */
  identity: string;
  /** Where: "the Sandbox", "cn-north-4", for people. */
  connection: string;
  projectId: string;
  administrator: boolean;
  apis: IdentityApiVerdict[];
  /** Set when IAM refused to say: the message to show instead of verdicts. */
  unreadable?: string;
}

export function toIdentityAccess(
  who: { identity: string; connection: string },
  facts: AccessFacts,
  access: readonly ApiAccess[],
): IdentityAccess {
  const names = new Map([...facts.grants, ...facts.attached].map((g) => [g.policy.uri, g.policy.name]));
  return {
    ...who,
    projectId: facts.projectId,
    administrator: facts.administrator === true,
    apis: access.map((a) => ({
      api: a.api.id,
      decision: a.decision,
      missing: a.missing,
      decidedBy: a.decidedBy.map((r) => ({
        policy: names.get(r.source.uri) ?? r.source.uri,
        uri: r.source.uri,
        statement: r.statement.index + 1,
      })),
      enterpriseOnly: a.enterpriseOnly.map((e) => ({ policy: e.name, via: e.via, enterpriseProjectId: e.enterpriseProjectId })),
    })),
  };
}

/** The verdict for one API, if the identity's access is known. */
export function identityVerdict(access: IdentityAccess | undefined, apiId: string): IdentityApiVerdict | undefined {
  return access?.unreadable ? undefined : access?.apis.find((a) => a.api === apiId);
}

/** A notification's payload checked before use: anything else (null, an older client) means "not known". */
export function isIdentityAccess(v: unknown): v is IdentityAccess {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Partial<IdentityAccess>;
  return (
    typeof o.identity === 'string' &&
    typeof o.projectId === 'string' &&
    Array.isArray(o.apis) &&
    o.apis.every((a) => typeof a?.api === 'string' && Array.isArray(a.missing) && Array.isArray(a.decidedBy))
  );
}
