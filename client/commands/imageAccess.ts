/**
 * "Who Can Tag These Images" (the explorer's selection, or the image the command runs on) and "View As
 * User…" (one user's verdicts on the selected images, or on the images shown): both fill the Who Can Tag
 * view (client/imageAccess/whoCanTree.ts) and return what it shows, for tests.
 */
import * as vscode from 'vscode';
import { mapLimit } from '../../core/client/concurrency';
import type { CommandFactory, Ctx } from '../context';
import type { Node } from '../explorer/tree';
import { imageTarget } from '../imageAccess/account';
import { PAGE, failureText, type WhoCanNode } from '../imageAccess/whoCanTree';

/** The selected images, else the one the command ran on, else (view as) the first page of images shown. */
async function chosenImages(ctx: Ctx, node: Node | undefined, orShown: boolean) {
  const ids = ctx.selectedImages(node);
  const loaded = ctx.tree.loaded;
  const picked = ids.length
    ? ids.map((id) => loaded.find((i) => i.id === id) ?? { id, name: id })
    : orShown
      ? loaded.slice(0, PAGE)
      : [];
  if (picked.length === 0) throw new Error(vscode.l10n.t('Select one or more images in the IMS explorer first.'));
  const client = ctx.client();
  const read = await mapLimit(picked, (i) => imageTarget(client, i));
  const failed = read.find((r) => !r.ok);
  if (failed && !failed.ok) throw failed.error;
  return read.map((r) => (r.ok ? r.value : (undefined as never)));
}

async function reveal(ctx: Ctx) {
  await vscode.commands.executeCommand('setContext', 'imsTags.whoCanShown', true);
  await vscode.commands.executeCommand('imsTags.whoCan.focus');
  return ctx.whoCan.getChildren();
}

export const whoCan: CommandFactory = (ctx) => async (node?: Node) => {
  ctx.requireTrust();
  const images = await chosenImages(ctx, node, false);
  ctx.whoCan.showImages(images);
  return reveal(ctx);
};

export const viewAs: CommandFactory = (ctx) => async (arg?: string | WhoCanNode, node?: Node) => {
  ctx.requireTrust();
  const { account } = ctx.accounts.current();
  let user = typeof arg === 'object' && arg.kind === 'user' ? arg.user : undefined;
  if (!user) {
    let users: Array<{ id: string; name: string }>;
    try {
      users = await account.list();
    } catch (e) {
      throw new Error(failureText(e), { cause: e });
    }
    const pick =
      typeof arg === 'string'
        ? users.find((u) => u.name === arg)
        : (
            await vscode.window.showQuickPick(
              users.map((u) => ({ label: u.name, description: u.id, u })),
              { title: vscode.l10n.t('View as which user?'), placeHolder: vscode.l10n.t('An IAM user of the account') },
            )
          )?.u;
    if (!pick) {
      if (typeof arg === 'string') throw new Error(vscode.l10n.t('The account has no user named {0}.', arg));
      return undefined;
    }
    user = await account.user(pick).catch((e: unknown) => {
      throw new Error(failureText(e), { cause: e });
    });
  }
  // From a row of the view, the images it already shows; else the explorer's.
  const current = ctx.whoCan.current;
  const images = typeof arg === 'object' && current ? current.images : await chosenImages(ctx, node, true);
  ctx.whoCan.showUser(user, images);
  return reveal(ctx);
};

export const whoCanMore: CommandFactory = (ctx) => async (node?: WhoCanNode) => {
  if (node?.kind === 'more') ctx.whoCan.more(node);
};

export const whoCanRefresh: CommandFactory = (ctx) => async () => ctx.whoCan.refresh();
