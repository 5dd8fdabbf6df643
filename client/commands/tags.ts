/** One image's tags: add, edit a value, delete (with confirmation). */
import * as vscode from 'vscode';
import { imageOf, type CommandFactory, type Ctx } from '../context';
import { imageTarget } from '../imageAccess/account';
import type { PlannedWrite } from '../imageAccess/confirm';
import type { Node } from '../explorer/tree';
import { askTag, type TagInput } from '../prompts';

export const addTag: CommandFactory = (ctx) => async (node?: Node, tag?: TagInput) => {
  const image = imageOf(node);
  if (!image) throw new Error(vscode.l10n.t('Choose an image in the IMS explorer first.'));
  const t = tag ?? (await askTag(vscode.l10n.t('Add a tag to {0}', image.name)));
  if (!t) return;
  if (!(await ctx.tagChanges.confirm([t.key], async () => [await planned(ctx, image, t, false)]))) return;
  await ctx.client().addImageTag(image.id, t);
  await ctx.tree.refreshImage(image.id);
};

/** One image's write, with the image's tags as IMS says them now (for the access it moves). */
async function planned(ctx: Ctx, image: { id: string; name: string }, t: TagInput, removes: boolean): Promise<PlannedWrite> {
  return { image: await imageTarget(ctx.client(), image), tags: { [t.key]: t.value }, removes };
}

export const editTagValue: CommandFactory = (ctx) => async (node?: Node, value?: string) => {
  if (node?.kind !== 'tag') throw new Error(vscode.l10n.t('Choose a tag in the IMS explorer first.'));
  const t =
    value !== undefined
      ? { key: node.tag.key, value }
      : await askTag(vscode.l10n.t('Edit the tag {0} of {1}', node.tag.key, node.image.name), node.tag.key, node.tag.value);
  if (!t) return;
  if (!(await ctx.tagChanges.confirm([t.key], async () => [await planned(ctx, node.image, t, false)]))) return;
  await ctx.client().addImageTag(node.image.id, t);
  await ctx.tree.refreshImage(node.image.id);
};

export const deleteTag: CommandFactory = (ctx) => async (node?: Node, confirmed?: boolean) => {
  if (node?.kind !== 'tag') throw new Error(vscode.l10n.t('Choose a tag in the IMS explorer first.'));
  const yes = vscode.l10n.t('Delete');
  const question = vscode.l10n.t('Delete tag {0} from image {1}?', node.tag.key, node.image.name);
  // The access the deletion moves joins the question (a caller that confirmed is asked only if it moves some).
  const write = async () => [await planned(ctx, node.image, node.tag, true)];
  if (!(await ctx.tagChanges.confirm([node.tag.key], write, confirmed ? undefined : { question, yes }))) return;
  await ctx.client().deleteImageTag(node.image.id, node.tag.key);
  await ctx.tree.refreshImage(node.image.id);
};
