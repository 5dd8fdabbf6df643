/** Accounts written out by hand for the access suites: a policy of either model, a user with grants and attachments. */
import type { AccessFacts, GrantScope, GrantedPolicy } from '../../core/access/effective';
import type { AccountUser } from '../../core/access/imageAccess';

export const WHERE = { region: 'cn-north-4', account: 'acct-1', now: new Date('2026-12-07T00:00:00Z') };
export const PROJECT: GrantScope = { kind: 'project', projectId: 'p-1' };

let serial = 0;
export const policy = (version: '1.1' | '5.0', ...Statement: object[]): GrantedPolicy => {
  const name = `p${++serial}`;
  return { name, uri: `ims-iam:/policies/${name}`, type: 'XA', policy: { Version: version, Statement } };
};
export const user = (
  name: string,
  parts: {
    v5?: GrantedPolicy[];
    v11?: Array<[GrantedPolicy, GrantScope?]>;
    administrator?: boolean;
    tags?: Record<string, string>;
  },
): AccountUser => {
  const facts: AccessFacts = {
    projectId: 'p-1',
    administrator: parts.administrator ?? false,
    grants: (parts.v11 ?? []).map(([p, scope]) => ({ policy: p, scope: scope ?? PROJECT, via: 'group g' })),
    attached: (parts.v5 ?? []).map((p) => ({ policy: p, via: 'user' })),
  };
  return { id: name, name, tags: parts.tags, facts };
};
