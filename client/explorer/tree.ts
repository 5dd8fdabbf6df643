/**
 * The Images tree: a connection node, images paged with "Load more…", tags as children (`key = value`),
 * error nodes with retry and "show log", filters (name, image type; private images by default).
 */
import * as vscode from 'vscode';
import type { ImageInfo, Tag } from '../../core/client/imsClient';
import type { Connection, ConnectionManager } from '../connection';
import { principalName } from '../../core/client/iamTypes';
import { PAGE_SIZE } from './pageSize';
import { log } from '../log';

export type Node =
  | { kind: 'connection'; label: string; description: string }
  | { kind: 'filters'; label: string; tooltip: string }
  | { kind: 'image'; image: ImageInfo }
  | { kind: 'tag'; image: ImageInfo; tag: Tag }
  | { kind: 'more' }
  | { kind: 'error'; message: string; retry: () => void }
  | { kind: 'empty'; message: string };

export interface Filters {
  name?: string;
  imageType: 'private' | 'shared' | 'gold' | 'market' | 'all';
  /** Set by "find images by tags": only these image IDs. */
  ids?: Set<string>;
  tagFilterLabel?: string;
  /** The find-by-tags filter as typed, e.g. `tags: env=prod`. */
  tagFilter?: string;
}

/** The filters that differ from the default view (private images, any name), as short parts. */
export function activeFilters(f: Filters): string[] {
  return [
    f.imageType !== 'private' && !f.ids ? `type=${f.imageType}` : '',
    f.name ? `name=${f.name}` : '',
    f.tagFilter ?? '',
  ].filter(Boolean);
}

export class ImagesTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Who each connection signs as (STS), read once: the connection row says it. */
  private readonly callers = new WeakMap<Connection, string | null>();
  private images: ImageInfo[] = [];
  private marker?: string;
  private exhausted = false;
  private loadError?: string;
  private loading?: Promise<void>;
  /**
   * Bumped by each refresh: a page or a tag list asked for before it (of the connection just left, or of
   * the old filters) is dropped when it answers, instead of joining the new list.
   */
  private generation = 0;
  private readonly tagsCache = new Map<string, Tag[]>();
  filters: Filters = { imageType: 'private' };

  constructor(private readonly connections: ConnectionManager) {
    connections.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.generation++;
    this.loading = undefined;
    this.images = [];
    this.marker = undefined;
    this.exhausted = false;
    this.loadError = undefined;
    this.tagsCache.clear();
    this.changed.fire(undefined);
  }

  /**
   * Refreshes one image's tags after a tag operation: its children, and the tag count in its
   * description, which shows even while the image is collapsed.
   */
  async refreshImage(imageId: string): Promise<void> {
    this.tagsCache.delete(imageId);
    const image = this.images.find((i) => i.id === imageId);
    if (image && this.connections.connection && vscode.workspace.isTrusted) {
      try {
        await this.loadTags(image);
      } catch (e) {
        // the children show the error when expanded
        log().warn(`Could not refresh the tags of image ${imageId}: ${(e as Error).message}`);
      }
    }
    this.changed.fire(undefined);
  }

  /** Lists an image's tags, caches them, and keeps the count its description shows in step. */
  private async loadTags(image: ImageInfo): Promise<Tag[]> {
    const generation = this.generation;
    const tags = (await this.connections.connection!.client.listImageTags(image.id)).tags;
    if (generation !== this.generation) return tags;
    this.tagsCache.set(image.id, tags);
    image.tags = tags.map((t) => `${t.key}=${t.value}`);
    return tags;
  }

  get loaded(): readonly ImageInfo[] {
    return this.images;
  }

  async loadMore(): Promise<void> {
    const loading = (this.loading ??= this.fetchPage(this.generation).finally(() => {
      if (this.loading === loading) this.loading = undefined;
    }));
    await loading;
    this.changed.fire(undefined);
  }

  private async fetchPage(generation: number): Promise<void> {
    const c = this.connections.connection;
    if (!c || this.exhausted) return;
    try {
      const query: Record<string, string | number | undefined> = {
        limit: PAGE_SIZE,
        marker: this.marker,
        name: this.filters.name,
      };
      if (this.filters.imageType !== 'all') query.__imagetype = this.filters.imageType;
      const page = await c.client.listImages(query);
      if (generation !== this.generation) return;
      const fresh = this.filters.ids ? page.images.filter((i) => this.filters.ids!.has(i.id)) : page.images;
      this.images.push(...fresh);
      this.exhausted = page.images.length < PAGE_SIZE;
      this.marker = page.images[page.images.length - 1]?.id;
      this.loadError = undefined;
    } catch (e) {
      if (generation === this.generation) this.loadError = (e as Error).message;
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.description;
        item.iconPath = new vscode.ThemeIcon('cloud');
        item.contextValue = 'connection';
        return item;
      }
      case 'filters': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('filter');
        item.tooltip = node.tooltip;
        item.contextValue = 'filters';
        return item;
      }
      case 'image': {
        const tags = node.image.tags?.length ?? 0;
        const item = new vscode.TreeItem(node.image.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `image:${node.image.id}`;
        item.description = `${node.image.__imagetype ?? ''}${tags ? ` · ${tags === 1 ? vscode.l10n.t('1 tag') : vscode.l10n.t('{0} tags', tags)}` : ''}`;
        item.tooltip = new vscode.MarkdownString(
          `**${node.image.name}**\n\n${node.image.id}\n\n${(node.image.tags ?? []).map((t) => `\`${t}\``).join(' ')}`,
        );
        item.iconPath = new vscode.ThemeIcon('file-media');
        item.contextValue = 'image';
        return item;
      }
      case 'tag': {
        const item = new vscode.TreeItem(`${node.tag.key} = ${node.tag.value}`, vscode.TreeItemCollapsibleState.None);
        item.id = `tag:${node.image.id}:${node.tag.key}`;
        item.iconPath = new vscode.ThemeIcon('tag');
        item.contextValue = 'tag';
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'imsTags.loadMore', title: vscode.l10n.t('Load more…') };
        item.contextValue = 'more';
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error');
        item.tooltip = node.message;
        item.contextValue = 'error';
        item.command = { command: 'imsTags.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
        return item;
      }
      case 'empty': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
    }
  }

  /**
   * The name the connection signs as, once STS has said it (the row is drawn again then); undefined for
   * the Sandbox, before the answer, or when STS will not say.
   */
  private callerOf(c: Connection): string | undefined {
    if (c.kind === 'sandbox') return undefined;
    if (!this.callers.has(c)) {
      this.callers.set(c, null);
      c.iam.callerIdentity().then(
        (me) => {
          this.callers.set(c, principalName(me.principal_urn) ?? me.principal_id);
          if (this.connections.connection === c) this.changed.fire(undefined);
        },
        (e: Error) => log().info(`Who this connection signs as is not known: ${e.message}`),
      );
    }
    return this.callers.get(c) ?? undefined;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const c = this.connections.connection;
    if (!c) return []; // the welcome view says what to do
    if (!vscode.workspace.isTrusted)
      return [{ kind: 'empty', message: vscode.l10n.t('Restricted mode: trust this workspace to send IMS requests.') }];
    if (!node) {
      if (this.images.length === 0 && !this.exhausted && !this.loadError) await this.loadMore();
      const where =
        c.kind === 'sandbox'
          ? vscode.l10n.t('Sandbox (local emulator)')
          : c.local
            ? vscode.l10n.t('Local emulator at {0}', c.endpoint)
            : c.region;
      const who = this.callerOf(c);
      const description = `${vscode.l10n.t('project')} ${c.projectId}${who ? ` · ${vscode.l10n.t('as {0}', who)}` : ''}`;
      const out: Node[] = [{ kind: 'connection', label: where, description }];
      const active = activeFilters(this.filters);
      if (active.length) {
        const count = this.filters.tagFilterLabel ? ` (${this.filters.tagFilterLabel})` : '';
        out.push({
          kind: 'filters',
          label: `${vscode.l10n.t('Filtered')}: ${active.join(', ')}${count}`,
          tooltip: [
            `${vscode.l10n.t('Active filters')}:`,
            ...active.map((a) => `• ${a}`),
            vscode.l10n.t('Clear them with the Clear Filters button.'),
          ].join('\n'),
        });
      }
      out.push(...this.images.map((image) => ({ kind: 'image' as const, image })));
      if (this.loadError)
        out.push({
          kind: 'error',
          message: vscode.l10n.t('Could not list images: {0}', this.loadError),
          retry: () => void this.loadMore(),
        });
      else if (!this.exhausted) out.push({ kind: 'more' });
      else if (this.images.length === 0) out.push({ kind: 'empty', message: vscode.l10n.t('No images match the filters.') });
      return out;
    }
    if (node.kind === 'image') {
      let tags = this.tagsCache.get(node.image.id);
      if (!tags) {
        try {
          tags = await this.loadTags(node.image);
        } catch (e) {
          return [
            {
              kind: 'error',
              message: vscode.l10n.t('Could not list tags: {0}', (e as Error).message),
              retry: () => this.refreshImage(node.image.id),
            },
          ];
        }
      }
      return tags.length
        ? tags.map((tag) => ({ kind: 'tag' as const, image: node.image, tag }))
        : [{ kind: 'empty', message: vscode.l10n.t('No tags') }];
    }
    return [];
  }

  /** The image nodes currently shown (for tests and "all selected"). */
  imageNode(id: string): Node | undefined {
    const image = this.images.find((i) => i.id === id);
    return image ? { kind: 'image', image } : undefined;
  }
}
