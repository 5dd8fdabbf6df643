/**
 * A tag on many images at once (the selection): 8 at a time with progress and cancellation, a summary
 * that counts failures and offers "Retry failed". Before adding, images that already have the key with
 * another value are counted, and the person chooses to overwrite them, skip them, or cancel.
 */
import * as vscode from 'vscode';
import { mapLimit } from '../../core/client/concurrency';
import type { ImsClient } from '../../core/client/imsClient';
import type { Cmd, CommandFactory, Ctx } from '../context';
import type { Node } from '../explorer/tree';
import { refusalText } from '../access';
import type { PlannedWrite } from '../imageAccess/confirm';
import { log } from '../log';
import { askTag, askText, required, type TagInput } from '../prompts';

export interface BatchOptions {
  imageIds?: string[];
  tag?: TagInput;
  /** Images whose key has another value: overwrite (the default when a tag is given) or skip them. */
  onConflict?: 'overwrite' | 'skip';
}

type Action = 'create' | 'delete';

/** Runs `f` over the images with progress and cancellation; every outcome is kept. */
function overImages<T>(title: string, ids: string[], f: (id: string, signal: AbortSignal) => Promise<T>) {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort(new Error(vscode.l10n.t('cancelled'))));
      let last = 0;
      return mapLimit(ids, (id) => f(id, ac.signal), {
        signal: ac.signal,
        onProgress: (done, total) => {
          progress.report({ increment: ((done - last) / total) * 100, message: `${done}/${total}` });
          last = done;
        },
      });
    },
  );
}

/** The images' tags, read once for a batch (8 at a time, with progress); an image that failed to read is left out. */
function tagReader(client: ImsClient, ids: readonly string[]): () => Promise<Map<string, Record<string, string>>> {
  let reading: Promise<Map<string, Record<string, string>>> | undefined;
  const read = async () => {
    const outcomes = await overImages(vscode.l10n.t('Reading the tags of {0} images', ids.length), [...ids], (id, signal) =>
      client.listImageTags(id, signal),
    );
    const tags = new Map<string, Record<string, string>>();
    for (const r of outcomes) if (r.ok) tags.set(r.item, Object.fromEntries(r.value.tags.map((t) => [t.key, t.value])));
    return tags;
  };
  return () => (reading ??= read());
}

/** The images that have `key` with a value other than `value`. */
function conflicting(tags: Map<string, Record<string, string>>, tag: TagInput): string[] {
  return [...tags].flatMap(([id, t]) => (Object.hasOwn(t, tag.key) && t[tag.key] !== tag.value ? [id] : []));
}

async function askDeleteKey(count: number): Promise<TagInput | undefined> {
  const key = await askText({
    title: vscode.l10n.t('Delete a tag from {0} selected images', count),
    prompt: vscode.l10n.t('Tag key to delete'),
    placeholder: 'env',
    validate: required,
  });
  return key === undefined ? undefined : { key, value: '' };
}

/**
 * Before a batch: when IAM says the connected identity may not call BatchAddOrDeleteTags, every image
 * would fail, so say why up front. A person may still run it (the verdict knows no Conditions); a caller
 * that passed every answer (tests, Retry failed) is told, and nothing runs.
 */
async function mayRun(ctx: Ctx, programmatic: boolean): Promise<boolean> {
  const access = ctx.access.current;
  const verdict = ctx.access.verdict('BatchAddOrDeleteTags');
  if (!access || !verdict || verdict.decision === 'allowed') return true;
  const message = vscode.l10n.t('IAM would refuse this batch: {0}', refusalText(access, verdict));
  if (programmatic) {
    void vscode.window.showErrorMessage(message);
    return false;
  }
  const runAnyway = vscode.l10n.t('Run anyway');
  const deny = verdict.decidedBy[0];
  const open = deny && verdict.decision === 'denied' ? vscode.l10n.t('Open {0}', deny.policy) : undefined;
  const answer = await vscode.window.showWarningMessage(
    message,
    { modal: true, detail: vscode.l10n.t('Every image would fail with 403. Refresh My permissions after the grant changes.') },
    ...(open ? [open, runAnyway] : [runAnyway]),
  );
  if (open && answer === open) await vscode.window.showTextDocument(vscode.Uri.parse(deny.uri));
  return answer === runAnyway;
}

async function run(ctx: Ctx, action: Action, node?: Node, opts?: BatchOptions) {
  let ids = opts?.imageIds ?? ctx.selectedImages(node);
  if (ids.length === 0) throw new Error(vscode.l10n.t('Select one or more images in the IMS explorer first.'));
  const tag =
    opts?.tag ??
    (action === 'create'
      ? await askTag(vscode.l10n.t('Add a tag to {0} selected images', ids.length))
      : await askDeleteKey(ids.length));
  if (!tag) return undefined;
  const client = ctx.client();
  if (!(await mayRun(ctx, opts?.tag !== undefined))) return undefined;
  // Read at most once: for the conflicts, and for the access the batch moves.
  const tagsOf = tagReader(client, ids);
  // A caller that passes the tag (tests, Retry failed) has decided; a person is asked.
  let choice = opts?.onConflict ?? (opts?.tag ? 'overwrite' : undefined);
  if (action === 'create' && choice !== 'overwrite') {
    const clash = conflicting(await tagsOf(), tag);
    if (clash.length && !choice) {
      const overwrite = vscode.l10n.t('Overwrite');
      const skip = vscode.l10n.t('Skip those');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} of the {1} images already have {2} with another value.', clash.length, ids.length, tag.key),
        {
          modal: true,
          detail: vscode.l10n.t(
            'Overwrite sets {0} = {1} on all of them; Skip those leaves their value as it is.',
            tag.key,
            tag.value,
          ),
        },
        // Skipping first: the choice that changes nothing already set is the default.
        skip,
        overwrite,
      );
      if (!answer) return undefined;
      choice = answer === overwrite ? 'overwrite' : 'skip';
    }
    if (choice === 'skip') ids = ids.filter((id) => !clash.includes(id));
  }
  // The access the batch moves, for everyone on every image (the images' tags read only if a policy reads the key).
  const planned = async (): Promise<PlannedWrite[]> => {
    const tags = await tagsOf();
    return ids.flatMap((id) => {
      const now = tags.get(id);
      if (!now) return [];
      const name = ctx.tree.loaded.find((i) => i.id === id)?.name ?? id;
      return [{ image: { id, name, tags: now }, tags: { [tag.key]: tag.value }, removes: action === 'delete' }];
    });
  };
  if (!(await ctx.tagChanges.confirm([tag.key], planned))) return undefined;
  const title =
    action === 'create'
      ? vscode.l10n.t('Tagging {0} images', ids.length)
      : vscode.l10n.t('Removing a tag from {0} images', ids.length);
  const tags = action === 'create' ? [tag] : [{ key: tag.key }];
  const results = await overImages(title, ids, (id, signal) => client.batchAddOrDeleteTags(id, action, tags, signal));
  const failed = results.flatMap((r) => (r.ok ? [] : [{ imageId: r.item, error: String(r.error) }]));
  await Promise.all(ids.map((id) => ctx.tree.refreshImage(id)));
  const summary = { done: results.length - failed.length, failed };
  if (failed.length) {
    log().warn(`${failed.length} image(s) not done: ${failed.map((f) => `${f.imageId}: ${f.error}`).join('; ')}`);
    const retry = vscode.l10n.t('Retry failed');
    const message = vscode.l10n.t('{0} of {1} images done; {2} failed (see the log).', summary.done, ids.length, failed.length);
    void vscode.window.showWarningMessage(message, retry, vscode.l10n.t('Show log')).then((choice) => {
      const again: BatchOptions = { imageIds: failed.map((f) => f.imageId), tag, onConflict: 'overwrite' };
      const command = action === 'create' ? 'imsTags.addTagToSelected' : 'imsTags.deleteTagFromSelected';
      if (choice === retry) void vscode.commands.executeCommand(command, undefined, again);
      else if (choice) log().show();
    });
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} images done.', summary.done));
  }
  return summary;
}

const batch =
  (action: Action): CommandFactory =>
  (ctx): Cmd =>
  (node?: Node, opts?: BatchOptions) =>
    run(ctx, action, node, opts);

export const addTagToSelected = batch('create');
export const deleteTagFromSelected = batch('delete');
