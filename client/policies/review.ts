/**
 * The review before a policy is published to IAM (a live document saved by hand, or Publish to IAM onto
 * an existing policy): the access the new document adds and takes away, computed offline from the cloud
 * copy and the new text (core/policy/accessDiff.ts) and, where the region offers IAM Access Analyzer,
 * confirmed by its check-no-new-access; who it reaches (the groups and users it is granted or attached
 * to); the document's warnings. Publish or Cancel, and Cancel is the default: Enter publishes nothing.
 */
import * as vscode from 'vscode';
import type { IamClient } from '../../core/client/iamClient';
import { accessChanges, type AccessReason } from '../../core/policy/accessDiff';
import { parseJson } from '../../core/policy/policyDocument';
import { DIAGNOSTIC_SOURCE } from '../../core/protocol';

export interface PublishReview {
  /** The policy by name: `"tagging" (custom policy)`. */
  name: string;
  added: string[];
  removed: string[];
  /** Who it reaches: `group taggers`, `user alice`. */
  reaches: string[];
  /** Access Analyzer's verdict, when asked. */
  analyzer?: string;
  warnings: string[];
}

/** The language server's diagnostics of a document at one severity, as `line N: message` (source ims-tags). */
export function ourFindings(uri: vscode.Uri, severity: vscode.DiagnosticSeverity): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === severity)
    .map((d) => `${vscode.l10n.t('line {0}', d.range.start.line + 1)}: ${d.message}`);
}

/** Answers the review: true publishes. Tests replace it through the extension's API. */
export type Reviewer = (review: PublishReview) => Thenable<boolean>;

function phrase(r: AccessReason, removed: boolean): string {
  const where = r.statementIndex !== undefined ? ` (${vscode.l10n.t('statement {0}', r.statementIndex + 1)})` : '';
  const condition = r.conditional ? ` ${vscode.l10n.t('under its condition')}` : '';
  if (r.change === 'stopsDenying')
    return removed ? vscode.l10n.t('now denies {0}', r.action) : vscode.l10n.t('no longer denies {0}', r.action);
  if (r.change === 'allowsAllBut')
    return removed
      ? vscode.l10n.t('no longer allows every action but {0}', r.action)
      : vscode.l10n.t('allows every action but {0}{1}', r.action, where);
  return removed
    ? vscode.l10n.t('no longer allows {0}{1}', r.action, condition)
    : vscode.l10n.t('allows {0}{1}{2}', r.action, condition, where);
}

/** The review of replacing `existingText` (the cloud copy) by `newText`. */
/**
 * Whom a 5.0 policy is attached to, as people know them: `user alice`, `group ops` (the ids where IAM
 * does not let us read the names). The names are read only when there is someone to name.
 */
export async function attachedTo(iam: IamClient, policyId: string): Promise<string[]> {
  const entities = await iam.attachedEntities(policyId);
  if (entities.policy_users.length + entities.policy_groups.length === 0) return [];
  const [users, groups] = await Promise.all([iam.listUsers().catch(() => []), iam.listGroups().catch(() => [])]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return [
    ...entities.policy_users.map((u) => vscode.l10n.t('user {0}', userName.get(u.user_id) ?? u.user_id)),
    ...entities.policy_groups.map((g) => vscode.l10n.t('group {0}', groupName.get(g.group_id) ?? g.group_id)),
  ];
}

export async function buildReview(
  iam: IamClient,
  target: { kind: 'role'; id: string; name: string } | { kind: 'policy'; id: string; name: string },
  existingText: string,
  newText: string,
  warnings: string[],
): Promise<PublishReview> {
  const existing = parseJson(existingText).policy;
  const next = parseJson(newText).policy;
  const changes = existing && next ? accessChanges(existing, next) : { added: [], removed: [] };
  const reaches: string[] = [];
  try {
    if (target.kind === 'role') {
      const [assignments, groups] = await Promise.all([iam.roleAssignments({ role_id: target.id }), iam.listGroups()]);
      const groupName = new Map(groups.map((g) => [g.id, g.name]));
      for (const a of assignments) {
        if (a.group) reaches.push(vscode.l10n.t('group {0}', groupName.get(a.group.id) ?? a.group.id));
        if (a.user) reaches.push(vscode.l10n.t('user {0}', a.user.id));
      }
    } else {
      reaches.push(...(await attachedTo(iam, target.id)));
    }
  } catch (e) {
    reaches.push(vscode.l10n.t('(IAM did not say: {0})', (e as Error).message));
  }
  let analyzer: string | undefined;
  if (iam.hasAccessAnalyzer && target.kind === 'policy') {
    try {
      const check = await iam.checkNoNewAccess(JSON.stringify(JSON.parse(existingText)), JSON.stringify(JSON.parse(newText)));
      analyzer =
        check.check_result === 'pass'
          ? vscode.l10n.t('IAM Access Analyzer: no new access.')
          : vscode.l10n.t('IAM Access Analyzer: new access — {0}', (check.reasons ?? []).map((r) => r.description).join('; '));
    } catch (e) {
      analyzer = vscode.l10n.t('IAM Access Analyzer could not be asked: {0}', (e as Error).message);
    }
  }
  return {
    name: target.name,
    added: [...new Set(changes.added.map((r) => phrase(r, false)))],
    removed: [...new Set(changes.removed.map((r) => phrase(r, true)))],
    reaches: [...new Set(reaches)],
    ...(analyzer ? { analyzer } : {}),
    warnings,
  };
}

/** The review as a list to read, with Cancel first (Enter and Escape publish nothing) and Publish after it. */
export const showReview: Reviewer = async (review) => {
  const none = vscode.l10n.t('nothing');
  const info = (label: string, lines: string[]): vscode.QuickPickItem[] => [
    { label, kind: vscode.QuickPickItemKind.Separator },
    ...(lines.length ? lines : [none]).map((line) => ({ label: `$(circle-small) ${line}` })),
  ];
  const cancel: vscode.QuickPickItem = {
    label: `$(close) ${vscode.l10n.t('Cancel')}`,
    description: vscode.l10n.t('publish nothing'),
  };
  const publish: vscode.QuickPickItem = {
    label: `$(cloud-upload) ${vscode.l10n.t('Publish')}`,
    description: vscode.l10n.t('replace {0} in IAM', review.name),
  };
  const items = [
    cancel,
    publish,
    ...info(vscode.l10n.t('Adds'), review.added),
    ...info(vscode.l10n.t('Removes'), review.removed),
    ...info(vscode.l10n.t('Reaches'), review.reaches),
    ...(review.analyzer ? info(vscode.l10n.t('Confirmed by'), [review.analyzer]) : []),
    ...(review.warnings.length ? info(vscode.l10n.t('Warnings'), review.warnings) : []),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Publish {0} to IAM?', review.name),
    placeHolder: vscode.l10n.t('Read what changes, then choose Publish; Enter or Escape publishes nothing'),
    ignoreFocusOut: true,
  });
  return choice === publish;
};
