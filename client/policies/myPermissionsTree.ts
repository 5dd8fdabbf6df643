/**
 * The My permissions view: the connected identity's verdict for each IMS API on the project — allowed,
 * denied or not granted — read from IAM (client/access.ts, core/access/effective.ts) each time the view is
 * shown or refreshed. Its welcome text says how to connect; where IAM does not let the identity read its
 * own grants, the view says so.
 */
import * as vscode from 'vscode';
import type { IdentityApiVerdict } from '../../core/access/identityAccess';
import { findApi } from '../../core/catalogue';
import { SNAPSHOT_MODEL, type Iam5Model } from '../../core/catalogue/iam5/model';
import { actionsFor } from '../../core/policy/apiActions';
import { escapeMarkdown } from '../../core/util/markdown';
import type { IdentityAccessTracker } from '../access';
import type { ConnectionManager } from '../connection';

export type PermissionNode =
  { kind: 'access'; verdict: IdentityApiVerdict; administrator: boolean } | { kind: 'message'; message: string; error?: boolean };

export class MyPermissionsTree implements vscode.TreeDataProvider<PermissionNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PermissionNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly access: IdentityAccessTracker,
    /** IAM 5.0's model in force: what an API needs in a 5.0 policy. */
    private readonly iam5: () => Iam5Model = () => SNAPSHOT_MODEL,
  ) {
    this.subscription = connections.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Every IMS API's verdict for the connected identity, read again from IAM. */
  async getChildren(node?: PermissionNode): Promise<PermissionNode[]> {
    if (node || !this.connections.connection) return [];
    if (!vscode.workspace.isTrusted)
      return [{ kind: 'message', message: vscode.l10n.t('Restricted mode: trust this workspace to send IMS requests.') }];
    try {
      const access = await this.access.refresh();
      if (access.unreadable) return [{ kind: 'message', message: access.unreadable }];
      return access.apis.map((verdict) => ({ kind: 'access' as const, verdict, administrator: access.administrator }));
    } catch (e) {
      return [
        { kind: 'message', message: vscode.l10n.t('Could not read your permissions: {0}', (e as Error).message), error: true },
      ];
    }
  }

  getTreeItem(node: PermissionNode): vscode.TreeItem {
    if (node.kind === 'access') return accessItem(node.verdict, node.administrator, this.iam5());
    const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
    item.tooltip = node.message;
    if (node.error) item.command = { command: 'imsTags.myPermissions.refresh', title: vscode.l10n.t('Retry') };
    return item;
  }
}

function accessItem(a: IdentityApiVerdict, administrator: boolean, iam5: Iam5Model): vscode.TreeItem {
  const api = findApi(a.api)!;
  const item = new vscode.TreeItem(a.api, vscode.TreeItemCollapsibleState.None);
  item.id = `access:${a.api}`;
  const decision =
    a.decision === 'allowed'
      ? vscode.l10n.t('allowed')
      : a.decision === 'denied'
        ? vscode.l10n.t('denied')
        : vscode.l10n.t('not granted');
  const ep = a.enterpriseOnly.length > 0 ? ` · ${vscode.l10n.t('granted only on an enterprise project')}` : '';
  item.description = administrator ? vscode.l10n.t('allowed (administrator)') : `${decision}${ep}`;
  item.iconPath = new vscode.ThemeIcon(a.decision === 'allowed' ? 'pass' : a.decision === 'denied' ? 'error' : 'circle-slash');
  // What it needs in each model's words: 1.1's actions, and 5.0's where they differ.
  const v11 = api.actions.join(', ');
  const v50 = actionsFor(api, 'iam5', iam5).join(', ');
  const needs = v11 === v50 ? vscode.l10n.t('Needs {0}.', v11) : vscode.l10n.t('Needs {0} (1.1), or {1} (5.0).', v11, v50);
  const lines = [`**${api.id}** · ${api.method} ${api.path}`, '', needs];
  // A Deny decides: the actions are denied, not missing (they may well be granted elsewhere).
  if (a.missing.length)
    lines.push(
      a.decision === 'denied'
        ? vscode.l10n.t('Denied: {0}.', a.missing.join(', '))
        : vscode.l10n.t('Missing: {0}.', a.missing.join(', ')),
    );
  for (const ref of a.decidedBy.slice(0, 3))
    lines.push(
      `${a.decision === 'denied' ? vscode.l10n.t('Denied by') : vscode.l10n.t('Allowed by')} ` +
        `[${escapeMarkdown(ref.policy)}](${ref.uri}), ${vscode.l10n.t('statement {0}', ref.statement)}`,
    );
  for (const g of a.enterpriseOnly)
    lines.push(
      vscode.l10n.t(
        '{0} (through {1}) is granted on enterprise project {2}, which cannot authorize IMS tag APIs.',
        g.policy,
        g.via,
        g.enterpriseProjectId,
      ),
    );
  item.tooltip = new vscode.MarkdownString(lines.join('\n\n'));
  const deciding = a.decidedBy[0]?.uri;
  if (deciding) item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.parse(deciding)] };
  return item;
}
