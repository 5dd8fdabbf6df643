/**
 * The Policies view: the connection's custom policies (IAM 1.1, paged as IAM pages them) and 5.0
 * identity policies (marker paging, versions as children with the default marked). Each row says where
 * the policy is granted or how many entities it is attached to; a grant on an enterprise project is
 * marked as authorizing no IMS tag API. Error and empty nodes as in the Images tree.
 */
import * as vscode from 'vscode';
import type { PolicyV5Json, PolicyVersionJson, RoleAssignmentJson, RoleJson } from '../../core/client/iamTypes';
import type { ConnectionManager } from '../connection';
import { liveUri } from './liveDocuments';

export const POLICY_PAGE = 50;

export type PolicyNode =
  | { kind: 'section'; section: 'roles' | 'policies' }
  | { kind: 'role'; role: RoleJson; grants: RoleAssignmentJson[] }
  | { kind: 'policy'; policy: PolicyV5Json }
  | { kind: 'version'; policy: PolicyV5Json; version: PolicyVersionJson }
  | { kind: 'grant'; text: string; ep: boolean }
  | { kind: 'more'; section: 'roles' | 'policies' }
  | { kind: 'error'; message: string; section?: 'roles' | 'policies' }
  | { kind: 'empty'; message: string };

interface Paged<T> {
  items: T[];
  next?: number | string;
  done: boolean;
  error?: string;
}

/** Where a grant applies, for a person; an enterprise project authorizes no tag API (seed table). */
export function grantText(
  g: RoleAssignmentJson,
  groupNames: ReadonlyMap<string, string> = new Map(),
): { text: string; ep: boolean } {
  const who = g.group
    ? vscode.l10n.t('group {0}', groupNames.get(g.group.id) ?? g.group.id)
    : vscode.l10n.t('user {0}', g.user?.id ?? '');
  if (g.scope.enterprise_project)
    return {
      text: vscode.l10n.t('{0} on enterprise project {1}: authorizes no IMS tag API', who, g.scope.enterprise_project.id),
      ep: true,
    };
  if (g.scope.project) return { text: vscode.l10n.t('{0} on project {1}', who, g.scope.project.id), ep: false };
  return {
    text: g.is_inherited ? vscode.l10n.t('{0} on all projects', who) : vscode.l10n.t('{0} on the domain', who),
    ep: false,
  };
}

/** "not granted", "granted once", "granted 3 times": the phrase for a count. */
const times = (n: number, none: string, once: string, many: string) => (n === 0 ? none : n === 1 ? once : many);

export class PoliciesTree implements vscode.TreeDataProvider<PolicyNode> {
  private readonly changed = new vscode.EventEmitter<PolicyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roles: Paged<{ role: RoleJson; grants: RoleAssignmentJson[] }> = { items: [], next: 1, done: false };
  private policies: Paged<PolicyV5Json> = { items: [], done: false };
  /** Group names by id, for the grants (ids where IAM would not list the groups). */
  private groupNames = new Map<string, string>();

  constructor(private readonly connections: ConnectionManager) {
    connections.onDidChange(() => this.refresh());
  }

  /** A grant in words, with the group's name when IAM listed it. */
  grantLabel(g: RoleAssignmentJson): string {
    return grantText(g, this.groupNames).text;
  }

  refresh(): void {
    this.roles = { items: [], next: 1, done: false };
    this.policies = { items: [], done: false };
    this.changed.fire(undefined);
  }

  async loadMore(section: 'roles' | 'policies'): Promise<void> {
    const c = this.connections.connection;
    if (!c) return;
    try {
      if (section === 'roles' && !this.roles.done) {
        const page = Number(this.roles.next ?? 1);
        const answer = await c.iam.listRoles(page, POLICY_PAGE);
        const [assignments, groups] = await Promise.all([c.iam.roleAssignments({}), c.iam.listGroups().catch(() => [])]);
        this.groupNames = new Map(groups.map((g) => [g.id, g.name]));
        const items = answer.roles.map((role) => ({ role, grants: assignments.filter((g) => g.role.id === role.id) }));
        this.roles = {
          items: [...this.roles.items, ...items],
          next: page + 1,
          done: page * POLICY_PAGE >= answer.total_number,
        };
      } else if (section === 'policies' && !this.policies.done) {
        const answer = await c.iam.listPolicies(POLICY_PAGE, this.policies.next as string | undefined);
        this.policies = {
          items: [...this.policies.items, ...answer.policies],
          next: answer.page_info.next_marker ?? undefined,
          done: !answer.page_info.next_marker,
        };
      }
    } catch (e) {
      const target = section === 'roles' ? this.roles : this.policies;
      target.error = (e as Error).message;
    }
    this.changed.fire(undefined);
  }

  getTreeItem(node: PolicyNode): vscode.TreeItem {
    switch (node.kind) {
      case 'section': {
        const label =
          node.section === 'roles' ? vscode.l10n.t('Custom policies (IAM 1.1)') : vscode.l10n.t('Identity policies (IAM 5.0)');
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `section:${node.section}`;
        item.iconPath = new vscode.ThemeIcon('shield');
        return item;
      }
      case 'role': {
        const r = node.role;
        const item = new vscode.TreeItem(r.display_name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `role:${r.id}`;
        const n = node.grants.length;
        const granted = times(
          n,
          vscode.l10n.t('not granted'),
          vscode.l10n.t('granted once'),
          vscode.l10n.t('granted {0} times', n),
        );
        item.description = `${r.type} · ${granted}`;
        item.tooltip = new vscode.MarkdownString(`**${r.display_name}** (${r.name}, ${r.type})\n\n${r.description ?? ''}`);
        item.iconPath = new vscode.ThemeIcon('file-code');
        item.contextValue = 'iamRole';
        item.command = {
          command: 'vscode.open',
          title: vscode.l10n.t('Open'),
          arguments: [liveUri({ kind: 'role', roleId: r.id }, r.display_name)],
        };
        return item;
      }
      case 'policy': {
        const p = node.policy;
        const item = new vscode.TreeItem(p.policy_name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `policy:${p.policy_id}`;
        const n = p.attachment_count;
        const attached = times(
          n,
          vscode.l10n.t('not attached'),
          vscode.l10n.t('attached once'),
          vscode.l10n.t('attached {0} times', n),
        );
        item.description = `${p.default_version_id} · ${attached}`;
        item.tooltip = new vscode.MarkdownString(`**${p.policy_name}**\n\n${p.description ?? ''}`);
        item.iconPath = new vscode.ThemeIcon('file-code');
        item.contextValue = 'iamPolicy';
        item.command = {
          command: 'vscode.open',
          title: vscode.l10n.t('Open'),
          arguments: [liveUri({ kind: 'policy', policyId: p.policy_id }, p.policy_name)],
        };
        return item;
      }
      case 'version': {
        const v = node.version;
        const item = new vscode.TreeItem(v.version_id, vscode.TreeItemCollapsibleState.None);
        item.id = `version:${node.policy.policy_id}:${v.version_id}`;
        item.description = v.is_default ? vscode.l10n.t('default') : (v.created_at ?? '');
        item.iconPath = new vscode.ThemeIcon(v.is_default ? 'pass-filled' : 'versions');
        item.contextValue = 'iamVersion';
        const address = { kind: 'version' as const, policyId: node.policy.policy_id, versionId: v.version_id };
        item.command = {
          command: 'vscode.open',
          title: vscode.l10n.t('Open'),
          arguments: [liveUri(address, node.policy.policy_name)],
        };
        return item;
      }
      case 'grant': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.ep ? 'warning' : 'account');
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'imsTags.policies.loadMore', title: vscode.l10n.t('Load more…'), arguments: [node.section] };
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = node.message;
        item.command = { command: 'imsTags.policies.refresh', title: vscode.l10n.t('Retry') };
        return item;
      }
      case 'empty': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
    }
  }

  async getChildren(node?: PolicyNode): Promise<PolicyNode[]> {
    const c = this.connections.connection;
    if (!c) return [];
    if (!vscode.workspace.isTrusted)
      return [{ kind: 'empty', message: vscode.l10n.t('Restricted mode: trust this workspace to send IMS requests.') }];
    if (!node)
      return [
        { kind: 'section', section: 'roles' },
        { kind: 'section', section: 'policies' },
      ];
    if (node.kind === 'section') {
      const section = node.section;
      const paged = section === 'roles' ? this.roles : this.policies;
      if (paged.items.length === 0 && !paged.done && !paged.error) await this.loadMore(section);
      const now = section === 'roles' ? this.roles : this.policies;
      const out: PolicyNode[] =
        section === 'roles'
          ? this.roles.items.map((r) => ({ kind: 'role' as const, ...r }))
          : this.policies.items.map((policy) => ({ kind: 'policy' as const, policy }));
      if (now.error) out.push({ kind: 'error', message: vscode.l10n.t('Could not list policies: {0}', now.error), section });
      else if (!now.done) out.push({ kind: 'more', section });
      else if (out.length === 0) out.push({ kind: 'empty', message: vscode.l10n.t('No policies yet.') });
      return out;
    }
    if (node.kind === 'role')
      return node.grants.length
        ? node.grants.map((g) => ({ kind: 'grant' as const, ...grantText(g, this.groupNames) }))
        : [{ kind: 'empty', message: vscode.l10n.t('Not granted to anyone') }];
    if (node.kind === 'policy') {
      try {
        const versions = await c.iam.listVersions(node.policy.policy_id);
        return versions.map((version) => ({ kind: 'version' as const, policy: node.policy, version }));
      } catch (e) {
        return [{ kind: 'error', message: vscode.l10n.t('Could not list versions: {0}', (e as Error).message) }];
      }
    }
    return [];
  }
}
