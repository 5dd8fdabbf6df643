/** The Images tree's own commands: refresh, load more, retry an error node, the log, filters, copy an ID. */
import * as vscode from 'vscode';
import { imageOf, type CommandFactory } from '../context';
import type { Filters, Node } from '../explorer/tree';
import { log } from '../log';
import { askPick, askText } from '../prompts';

export const refresh: CommandFactory = (ctx) => async () => ctx.tree.refresh();
export const loadMore: CommandFactory = (ctx) => async () => ctx.tree.loadMore();
export const showLog: CommandFactory = () => async () => log().show();
export const refreshPolicies: CommandFactory = (ctx) => async () => ctx.policies.refresh();
export const refreshMyPermissions: CommandFactory = (ctx) => async () => ctx.myPermissions.refresh();
export const loadMorePolicies: CommandFactory = (ctx) => async (section?: 'roles' | 'policies') =>
  ctx.policies.loadMore(section ?? 'roles');

export const retry: CommandFactory = (ctx) => async (node?: Node) => {
  if (node?.kind === 'error') node.retry();
  else ctx.tree.refresh();
};

const IMAGE_TYPES: ReadonlyArray<Filters['imageType']> = ['private', 'shared', 'gold', 'market', 'all'];

export const filterImages: CommandFactory = (ctx) => async (opts?: { name?: string; imageType?: Filters['imageType'] }) => {
  const title = vscode.l10n.t('Filter Images');
  const current = ctx.tree.filters;
  const items = IMAGE_TYPES.map((t) => ({ label: t }));
  const imageType =
    opts?.imageType ??
    (
      await askPick({
        title,
        step: 1,
        total: 2,
        placeholder: vscode.l10n.t('Image type'),
        items,
        active: items.find((i) => i.label === current.imageType),
      })
    )?.label;
  if (!imageType) return;
  const name = opts
    ? (opts.name ?? '')
    : await askText({
        title,
        step: 2,
        total: 2,
        prompt: vscode.l10n.t('Image name: the exact name, as the API matches it (empty for any)'),
        placeholder: vscode.l10n.t('e.g. ubuntu-22.04-base'),
        value: current.name ?? '',
      });
  if (name === undefined) return;
  ctx.tree.filters = { imageType, name: name || undefined };
  ctx.tree.refresh();
};

export const clearFilters: CommandFactory = (ctx) => async () => {
  ctx.tree.filters = { imageType: 'private' };
  ctx.tree.refresh();
};

export const copyImageId: CommandFactory = () => async (node?: Node) => {
  const image = imageOf(node);
  if (!image) throw new Error(vscode.l10n.t('Choose an image in the IMS explorer first.'));
  await vscode.env.clipboard.writeText(image.id);
};
