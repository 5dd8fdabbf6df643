/**
 * Access to an image in words, for the who-can view, "view as" and the confirmations of tag writes:
 * the decision, the statement that decided and the Condition that did ("g:ResourceTag/team = blue ✓").
 */
import * as vscode from 'vscode';
import { getNodeValue } from 'jsonc-parser';
import type { ApiDecision } from '../../core/access/effective';
import type { AccessChange, ImageApiAccess } from '../../core/access/imageAccess';
import { conditionParts, type ConditionPart, type RequestContext } from '../../core/policy/conditions';
import type { StatementRef } from '../../core/policy/evaluator';

export function decisionLabel(d: ApiDecision): string {
  switch (d) {
    case 'allowed':
      return vscode.l10n.t('allowed');
    case 'denied':
      return vscode.l10n.t('denied');
    case 'notGranted':
      return vscode.l10n.t('not granted');
    case 'dependsOn':
      return vscode.l10n.t('depends on');
  }
}

export function decisionIcon(d: ApiDecision): vscode.ThemeIcon {
  return new vscode.ThemeIcon({ allowed: 'pass', denied: 'error', notGranted: 'circle-slash', dependsOn: 'question' }[d]);
}

/** One comparison: `g:ResourceTag/team = blue ✓`, `… ✗ (red)`, `… ? (not known)`. */
export function partText(p: ConditionPart): string {
  const op = p.operator === 'StringEquals' ? '=' : p.operator === 'StringNotEquals' ? '≠' : p.operator;
  const head = `${p.key} ${op} ${p.expected.join(' | ')}`;
  if (p.result === 'holds') return `${head} ✓`;
  if (p.result === 'unknown') return `${head} ? (${vscode.l10n.t('not known')})`;
  if (p.result === 'error') return `${head} ⚠ (${vscode.l10n.t('cannot evaluate')})`;
  return `${head} ✗ (${p.actual?.length ? p.actual.join(', ') : vscode.l10n.t('absent')})`;
}

/** "team-blue-taggers", statement 1 */
export function statementText(r: StatementRef): string {
  return vscode.l10n.t('"{0}", statement {1}', r.source.label ?? r.source.uri, r.statement.index + 1);
}

/** The Condition of a statement against the context, in words (empty: it has none). */
export function conditionText(r: StatementRef, context: RequestContext): string {
  if (!r.statement.conditionNode) return '';
  return conditionParts(getNodeValue(r.statement.conditionNode), context).map(partText).join(', ');
}

const withCondition = (r: StatementRef, context: RequestContext) => {
  const c = conditionText(r, context);
  return c ? `${statementText(r)} (${c})` : statementText(r);
};

/** Why a verdict is what it is, in one sentence. */
export function accessReason(a: ImageApiAccess): string {
  switch (a.decision) {
    case 'allowed':
      return a.decidedBy.length
        ? vscode.l10n.t('allowed by {0}', withCondition(a.decidedBy[0], a.context))
        : vscode.l10n.t('allowed (administrator)');
    case 'denied':
      return vscode.l10n.t('denied by {0}', a.decidedBy.map((r) => withCondition(r, a.context)).join('; '));
    case 'dependsOn':
      return vscode.l10n.t(
        'depends on {0}, not known before the call: {1}',
        (a.unknown ?? []).join(', '),
        a.decidedBy.map((r) => withCondition(r, a.context)).join('; '),
      );
    case 'notGranted':
      return a.unmet?.length
        ? vscode.l10n.t('not granted: {0} applies only if {1}', statementText(a.unmet[0]), conditionText(a.unmet[0], a.context))
        : vscode.l10n.t('not granted: no policy allows {0}', a.missing.join(', '));
  }
}

const gives = (d: ApiDecision) => d === 'allowed' || d === 'dependsOn';

/**
 * One line per user and image: what the change takes away or gives, and why; the writer's own first. Only
 * the first `limit` are worded (a batch can move thousands; the reasons are worked out for those shown).
 */
export function changeLines(
  changes: readonly AccessChange[],
  writerId: string | undefined,
  limit: number,
): { lines: string[]; more: number } {
  const groups = new Map<string, AccessChange[]>();
  for (const c of changes) {
    const key = `${c.user.id}\n${c.image.id}\n${gives(c.before)}\n${gives(c.after)}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const all = [...groups.values()];
  const ordered = [...all.filter((cs) => cs[0].user.id === writerId), ...all.filter((cs) => cs[0].user.id !== writerId)];
  const lines = ordered.slice(0, limit).map((cs) => {
    const { user, image, before } = cs[0];
    const after = cs[0].explain().after;
    const who = user.id === writerId ? vscode.l10n.t('you ({0})', user.name) : user.name;
    const apis = cs.map((c) => c.api.id).join(', ');
    // What people do, then the APIs: "set tags (AddImageTag, …)".
    const writes = cs.some((c) => !c.api.readOnly);
    const reads = cs.some((c) => c.api.readOnly);
    const what =
      writes && reads ? vscode.l10n.t('set or read tags') : writes ? vscode.l10n.t('set tags') : vscode.l10n.t('read tags');
    if (gives(before) && !gives(after.decision))
      return vscode.l10n.t('{0} can no longer {1} on {2} ({3}): {4}.', who, what, image.name, apis, accessReason(after));
    if (!gives(before) && gives(after.decision))
      return vscode.l10n.t('{0} can now {1} on {2} ({3}): {4}.', who, what, image.name, apis, accessReason(after));
    return vscode.l10n.t('{0}, {1} on {2}: {3}, was {4}.', who, apis, image.name, accessReason(after), decisionLabel(before));
  });
  return { lines, more: ordered.length - lines.length };
}

/** The writer loses a tag API on some image: the change locks them out. */
export function locksOut(changes: readonly AccessChange[], writerId: string | undefined): AccessChange[] {
  return changes.filter((c) => c.user.id === writerId && gives(c.before) && !gives(c.after));
}
