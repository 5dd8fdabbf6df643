/**
 * The "Who Can Tag" view: for images chosen in the explorer, the account's users (50 at a time, each
 * user's grants read only when their page is shown) and, under each, every tag API with its verdict on
 * the image, the deciding statement and the Condition that decided. "View as" turns it round: one user,
 * and under them each image. Verdicts come from core/access/imageAccess.ts; IAM is read once per
 * connection (client/imageAccess/account.ts), images' tags each time the view is filled.
 */
import * as vscode from 'vscode';
import {
  imageAccess,
  whoCan,
  type AccountUser,
  type ImageApiAccess,
  type ImageTarget,
  type Whereabouts,
} from '../../core/access/imageAccess';
import type { ApiDecision } from '../../core/access/effective';
import { ImsError } from '../../core/client/errors';
import { escapeMarkdown } from '../../core/util/markdown';
import type { ConnectionManager } from '../connection';
import type { AccountTracker } from './account';
import { accessReason, conditionText, decisionIcon, decisionLabel } from './describe';

export const PAGE = 50;

export type WhoCanNode =
  | { kind: 'image'; image: ImageTarget; user?: AccountUser }
  /** Under an image: the user's decisions on it, judged with the whole page (whoCan); the reasons when opened. */
  | { kind: 'user'; user: AccountUser; image?: ImageTarget; decisions?: ApiDecision[]; where?: Whereabouts }
  | { kind: 'api'; access: ImageApiAccess; user: AccountUser; image: ImageTarget }
  | { kind: 'more'; image: ImageTarget; shown: number; total: number }
  | { kind: 'message'; message: string; error?: boolean };

type Mode = { kind: 'images'; images: ImageTarget[] } | { kind: 'viewAs'; user: AccountUser; images: ImageTarget[] };

export class WhoCanTree implements vscode.TreeDataProvider<WhoCanNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WhoCanNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private mode?: Mode;
  /** Users shown per image, by image id (grows by a page on "Show more"). */
  private readonly shown = new Map<string, number>();

  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly accounts: AccountTracker,
    connections: ConnectionManager,
  ) {
    // Another connection, another account: what the view showed is no longer true.
    this.subscription = connections.onDidChange(() => {
      this.mode = undefined;
      this.shown.clear();
      this.changed.fire(undefined);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Who may do what on these images. */
  showImages(images: ImageTarget[]): void {
    this.mode = { kind: 'images', images };
    this.shown.clear();
    this.changed.fire(undefined);
  }

  /** One user's verdicts on these images ("view as"). */
  showUser(user: AccountUser, images: ImageTarget[]): void {
    this.mode = { kind: 'viewAs', user, images };
    this.changed.fire(undefined);
  }

  more(node: Extract<WhoCanNode, { kind: 'more' }>): void {
    this.shown.set(node.image.id, node.shown + PAGE);
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.accounts.refresh();
    this.changed.fire(undefined);
  }

  get current(): Mode | undefined {
    return this.mode;
  }

  private async where(): Promise<Whereabouts> {
    return { ...(await this.accounts.current().where), now: new Date() };
  }

  async getChildren(node?: WhoCanNode): Promise<WhoCanNode[]> {
    const mode = this.mode;
    if (!mode) return [];
    try {
      if (!node) {
        if (mode.kind === 'viewAs') return [{ kind: 'user', user: mode.user }];
        return mode.images.map((image) => ({ kind: 'image', image }));
      }
      if (node.kind === 'image' && node.user) return this.apis(node.user, node.image);
      if (node.kind === 'image') return this.usersOf(node.image);
      if (node.kind === 'user' && node.image && node.where) return this.apis(node.user, node.image, node.where);
      if (node.kind === 'user' && mode.kind === 'viewAs')
        return mode.images.map((image) => ({ kind: 'image', image, user: node.user }));
    } catch (e) {
      return [{ kind: 'message', message: failureText(e), error: true }];
    }
    return [];
  }

  private async usersOf(image: ImageTarget): Promise<WhoCanNode[]> {
    const count = this.shown.get(image.id) ?? PAGE;
    const { users, total } = await this.accounts.current().account.page(0, count);
    // The page judged at once: users alike share one judgement (core/access/imageAccess.ts).
    const where = await this.where();
    const rows = whoCan(users, image, where);
    const out: WhoCanNode[] = rows.map(({ user, decisions }) => ({ kind: 'user', user, image, decisions, where }));
    if (users.length < total) out.push({ kind: 'more', image, shown: users.length, total });
    if (total === 0) out.push({ kind: 'message', message: vscode.l10n.t('The account has no IAM users.') });
    return out;
  }

  private async apis(user: AccountUser, image: ImageTarget, at?: Whereabouts): Promise<WhoCanNode[]> {
    const where = at ?? (await this.where());
    return imageAccess(user, image, where).map((access) => ({ kind: 'api', access, user, image }));
  }

  getTreeItem(node: WhoCanNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    switch (node.kind) {
      case 'image': {
        const item = new vscode.TreeItem(node.image.name, vscode.TreeItemCollapsibleState.Expanded);
        const tags = Object.entries(node.image.tags).map(([k, v]) => `${k}=${v}`);
        item.description = tags.length ? tags.join(', ') : vscode.l10n.t('no tags');
        item.iconPath = new vscode.ThemeIcon('file-media');
        item.contextValue = 'whoCanImage';
        item.id = `image:${node.user?.id ?? ''}:${node.image.id}`;
        return item;
      }
      case 'user':
        return this.userItem(node);
      case 'api': {
        const a = node.access;
        const item = new vscode.TreeItem(a.api.id, vscode.TreeItemCollapsibleState.None);
        // A grant on an enterprise project authorizes no tag API: said, so whoever made it sees why.
        const ep = a.enterpriseOnly.length > 0 ? ` · ${vscode.l10n.t('granted only on an enterprise project')}` : '';
        item.description = `${decisionLabel(a.decision)}${ep}`;
        item.iconPath = decisionIcon(a.decision);
        const lines = [
          `**${escapeMarkdown(a.api.id)}** · ${escapeMarkdown(node.user.name)} · ${escapeMarkdown(node.image.name)}`,
          '',
          escapeMarkdown(accessReason(a)),
        ];
        for (const g of a.enterpriseOnly)
          lines.push(
            escapeMarkdown(
              vscode.l10n.t(
                '{0} (through {1}) is granted on enterprise project {2}, which cannot authorize IMS tag APIs.',
                g.name,
                g.via,
                g.enterpriseProjectId,
              ),
            ),
          );
        // Through what the policy reached the user: a group, or the user.
        const via = (uri: string) =>
          [...node.user.facts.grants, ...node.user.facts.attached].find((g) => g.policy.uri === uri)?.via;
        for (const r of a.decidedBy.slice(0, 3)) {
          const through = via(r.source.uri);
          if (through)
            lines.push(
              escapeMarkdown(
                vscode.l10n.t('{0} reaches {1} through {2}.', r.source.label ?? r.source.uri, node.user.name, through),
              ),
            );
        }
        for (const r of a.unmet ?? []) {
          const c = conditionText(r, a.context);
          if (c) lines.push(`- ${escapeMarkdown(`${r.source.label ?? r.source.uri} #${r.statement.index + 1}: ${c}`)}`);
        }
        item.tooltip = new vscode.MarkdownString(lines.join('\n\n'));
        item.tooltip.supportHtml = false;
        const deciding = (a.decidedBy[0] ?? a.unmet?.[0])?.source.uri;
        if (deciding)
          item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.parse(deciding)] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(
          vscode.l10n.t('Show {0} more of {1} users…', Math.min(PAGE, node.total - node.shown), node.total),
          vscode.TreeItemCollapsibleState.None,
        );
        item.command = { command: 'imsTags.whoCan.more', title: vscode.l10n.t('Show more'), arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.error ? 'warning' : 'info');
        item.tooltip = node.message;
        return item;
      }
    }
  }

  private userItem(node: Extract<WhoCanNode, { kind: 'user' }>): vscode.TreeItem {
    const viewAs = !node.image;
    const item = new vscode.TreeItem(
      viewAs ? vscode.l10n.t('Viewing as {0}', node.user.name) : node.user.name,
      viewAs ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.iconPath = new vscode.ThemeIcon('person');
    item.id = `user:${node.user.id}:${node.image?.id ?? ''}`;
    item.contextValue = viewAs ? 'whoCanViewAs' : 'whoCanUser';
    const tags = node.user.tags ? Object.entries(node.user.tags).map(([k, v]) => `${k}=${v}`) : undefined;
    item.tooltip = tags?.length ? vscode.l10n.t('User tags: {0}', tags.join(', ')) : undefined;
    if (node.decisions) item.description = summary(node.user, node.decisions);
    return item;
  }
}

/** A user's verdicts on an image in a few words: "7 allowed · 3 not granted". */
function summary(user: AccountUser, decisions: readonly ApiDecision[]): string {
  if (user.facts.administrator) return vscode.l10n.t('everything (administrator)');
  const counts = new Map<ApiDecision, number>();
  for (const d of decisions) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([d, n]) => `${n} ${decisionLabel(d)}`).join(' · ');
}

/** A read that failed, in words that say what to do (IAM read access is the usual missing piece). */
export function failureText(e: unknown): string {
  if (e instanceof ImsError && (e.status === 403 || e.status === 401))
    return vscode.l10n.t(
      "IAM does not let this identity read the account's users and grants: ask an administrator for IAM ReadOnlyAccess.",
    );
  return vscode.l10n.t('Could not read who may tag: {0}', (e as Error).message);
}
