/**
 * What a new version of an identity policy grants that the existing one does not, computed from the two
 * documents alone — IAM Access Analyzer's check-no-new-access, offline. An action an Allow of the new
 * policy names adds access unless an Allow of the existing policy already covers it for the same
 * resources under the same (or no) condition; a Deny of the existing policy that no longer stands adds
 * access too. Sound rather than complete: a reason may be one the cloud would not give (two conditions
 * written differently that mean the same), never the other way round for the actions the policies name.
 */
import { getNodeValue, type Node } from 'jsonc-parser';
import { patternCovers } from './actionPattern';
import type { PolicyModel, PolicyStatement } from './policyDocument';

export interface AccessReason {
  /** What changes: an action now allowed (or every action but some, for NotAction), or a Deny gone. */
  change: 'allows' | 'allowsAllBut' | 'stopsDenying';
  /** The action (or pattern) concerned. */
  action: string;
  /** The Allow holds only under its Condition. */
  conditional?: boolean;
  /** Where the statement grants it (`*` when it names no Resource), and under which Condition (as JSON). */
  resources?: string[];
  condition?: string;
  /** The statement of the new policy that adds the access (absent for a Deny that was removed). */
  statementIndex?: number;
  statementId?: string;
  description: string;
}

const conditionText = (node: Node | undefined) => (node ? JSON.stringify(getNodeValue(node)) : '');
const resourcesOf = (st: PolicyStatement) => (st.resources.length === 0 ? ['*'] : st.resources.map((r) => r.value));
const sid = (st: PolicyStatement): string | undefined => {
  const node = st.node.children?.find((p) => p.children?.[0]?.value === 'Sid')?.children?.[1];
  return typeof node?.value === 'string' ? node.value : undefined;
};

/** Whether `outer` covers `inner` for resources: every resource of inner is matched by one of outer. */
function resourcesCovered(outer: PolicyStatement, inner: PolicyStatement): boolean {
  if (outer.resourceKey === 'NotResource' || inner.resourceKey === 'NotResource')
    return outer.resourceKey === inner.resourceKey && JSON.stringify(resourcesOf(outer)) === JSON.stringify(resourcesOf(inner));
  const theirs = resourcesOf(outer);
  return resourcesOf(inner).every((r) => theirs.some((o) => patternCovers(o, r)));
}

/** An Allow of `existing` that grants `action` wherever `st` does, under the same condition (or none). */
function alreadyAllowed(existing: PolicyModel, st: PolicyStatement, action: string): boolean {
  const condition = conditionText(st.conditionNode);
  return existing.statements.some(
    (e) =>
      e.effect === 'Allow' &&
      e.actionKey !== 'NotAction' &&
      (e.conditionNode === undefined || conditionText(e.conditionNode) === condition) &&
      e.actions.some((a) => patternCovers(a.value, action)) &&
      resourcesCovered(e, st),
  );
}

/** A Deny of `next` that still denies `action` wherever `d` did, with no condition of its own beyond d's. */
function stillDenied(next: PolicyModel, d: PolicyStatement, action: string): boolean {
  return next.statements.some(
    (n) =>
      n.effect === 'Deny' &&
      n.actionKey !== 'NotAction' &&
      (n.conditionNode === undefined || conditionText(n.conditionNode) === conditionText(d.conditionNode)) &&
      n.actions.some((a) => patternCovers(a.value, action)) &&
      resourcesCovered(n, d),
  );
}

export function addedAccess(existing: PolicyModel, next: PolicyModel): AccessReason[] {
  const out: AccessReason[] = [];
  for (const st of next.statements) {
    if (st.effect !== 'Allow') continue;
    const id = sid(st);
    const where = (change: AccessReason['change'], action: string, description: string): AccessReason => ({
      change,
      action,
      ...(st.conditionNode ? { conditional: true, condition: conditionText(st.conditionNode) } : {}),
      resources: resourcesOf(st),
      statementIndex: st.index,
      ...(id ? { statementId: id } : {}),
      description,
    });
    if (st.actionKey === 'NotAction') {
      const same = existing.statements.some(
        (e) =>
          e.effect === 'Allow' &&
          e.actionKey === 'NotAction' &&
          JSON.stringify(getNodeValue(e.node)) === JSON.stringify(getNodeValue(st.node)),
      );
      const listed = st.actions.map((a) => a.value).join(', ');
      if (!same)
        out.push(
          where('allowsAllBut', listed, 'allows every action but those it lists (NotAction), which the existing policy does not'),
        );
      continue;
    }
    for (const a of st.actions)
      if (!alreadyAllowed(existing, st, a.value))
        out.push(
          where(
            'allows',
            a.value,
            `allows ${a.value}${st.conditionNode ? ' under its condition' : ''}, which the existing policy does not`,
          ),
        );
  }
  for (const d of existing.statements) {
    if (d.effect !== 'Deny' || d.actionKey === 'NotAction') continue;
    for (const a of d.actions)
      if (!stillDenied(next, d, a.value))
        out.push({ change: 'stopsDenying', action: a.value, description: `no longer denies ${a.value}` });
  }
  return out;
}

/**
 * Both directions, for a review before publishing: what the new document adds, and what it takes away
 * (the access the existing one grants that the new one does not: the same question, turned round).
 */
export function accessChanges(existing: PolicyModel, next: PolicyModel): { added: AccessReason[]; removed: AccessReason[] } {
  return { added: addedAccess(existing, next), removed: addedAccess(next, existing) };
}
