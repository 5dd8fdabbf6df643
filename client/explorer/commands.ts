/**
 * The explorer's commands (palette titles "IMS: …", context menus, inline icons). Each takes optional
 * arguments, so tests and other extensions can run it without prompts; without them it asks.
 */
import * as vscode from 'vscode';
import { REGIONS, TAG_RULES, findApi, type ImsApi } from '../../core/catalogue';
import { ImsError } from '../../core/client/errors';
import { mapLimit } from '../../core/client/concurrency';
import { requestSnippet } from '../../server/services/httpCompletion';
import type { ConnectionManager } from '../connection';
import { log } from '../log';
import type { ImagesTree, Node } from './tree';

export interface TagInput {
  key: string;
  value: string;
}

const keyPattern = new RegExp(TAG_RULES.keyPattern);
const valuePattern = new RegExp(TAG_RULES.valuePattern);

export function validateKey(key: string): string | undefined {
  if (key.length < 1 || key.length > TAG_RULES.key.max || !keyPattern.test(key)) {
    return vscode.l10n.t('A tag key has 1–{0} characters: Chinese, letters, digits, space and _ . : + - @, not starting or ending with a space.', TAG_RULES.key.max);
  }
  return undefined;
}

export function validateValue(value: string): string | undefined {
  if (value.length > TAG_RULES.value.max || !valuePattern.test(value)) {
    return vscode.l10n.t('A tag value has 0–{0} characters: the key characters and /, not starting or ending with a space.', TAG_RULES.value.max);
  }
  return undefined;
}

async function askTag(presetKey?: string, presetValue?: string): Promise<TagInput | undefined> {
  const key = presetKey ?? await vscode.window.showInputBox({ title: vscode.l10n.t('Tag key'), validateInput: validateKey, ignoreFocusOut: true });
  if (key === undefined) return undefined;
  const value = await vscode.window.showInputBox({ title: vscode.l10n.t('Value of {0}', key), value: presetValue ?? '', validateInput: validateValue, ignoreFocusOut: true });
  return value === undefined ? undefined : { key, value };
}

/**
 * What to do when the cloud says no: show the missing actions and offer a policy that grants them.
 * It does not wait for the person to answer, so the command that failed ends at once.
 */
export async function explainDenied(e: unknown): Promise<void> {
  log().error((e as Error).message ?? String(e));
  if (!(e instanceof ImsError) || (e.status !== 401 && e.status !== 403) || e.neededActions.length === 0) {
    void vscode.window.showErrorMessage((e as Error).message, vscode.l10n.t('Show log')).then((c) => c && log().show());
    return;
  }
  const create = vscode.l10n.t('Create policy');
  void vscode.window.showErrorMessage(
    vscode.l10n.t('{0} was refused ({1}). This call needs {2}.', e.api?.id ?? 'The call', e.status, e.neededActions.join(', ')),
    create, vscode.l10n.t('Show log'),
  ).then(async (choice) => {
    if (choice === create) await createPolicyFor(e.neededActions);
    else if (choice) log().show();
  });
}

/** A new untitled policy granting exactly these actions. */
export async function createPolicyFor(actions: string[]): Promise<vscode.TextDocument> {
  const content = JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] }, null, 2);
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** A ready .http block for an API, with file variables for the connection. */
export function httpBlock(api: ImsApi, values: Record<string, string>, body?: unknown): string {
  let text = requestSnippet(api).replace('\n$0', '').replace(/\\\$/g, '$');
  if (body !== undefined) text = text.replace(/\n\n[\s\S]*$/, `\n\n${JSON.stringify(body, null, 2)}`);
  const vars = Object.entries(values).map(([k, v]) => `@${k} = ${v}`).join('\n');
  return `${vars}\n\n### ${api.title.en}\n${text}\n`;
}

export function registerExplorerCommands(context: vscode.ExtensionContext, connections: ConnectionManager, tree: ImagesTree, view: vscode.TreeView<Node>): void {
  const requireTrust = () => {
    if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('This workspace is not trusted: IMS requests are not sent from restricted mode.'));
  };
  const client = () => {
    const c = connections.connection;
    if (!c) throw new Error(vscode.l10n.t('Not connected: run "IMS: Connect" or "IMS: Open Sandbox".'));
    requireTrust();
    return c.client;
  };
  const imageOf = (node?: Node) => (node?.kind === 'image' || node?.kind === 'tag' ? node.image : undefined);
  const selectedImages = (node?: Node): string[] => {
    const picked = view.selection.filter((n) => n.kind === 'image').map((n) => (n as { image: { id: string } }).image.id);
    const one = imageOf(node)?.id;
    return picked.length ? picked : one ? [one] : [];
  };
  const guarded = <A extends unknown[]>(f: (...a: A) => Promise<unknown>) => async (...a: A) => {
    try {
      return await f(...a);
    } catch (e) {
      await explainDenied(e);
      return undefined;
    }
  };
  const reg = (id: string, f: (...a: never[]) => Promise<unknown>) => context.subscriptions.push(vscode.commands.registerCommand(id, guarded(f as (...a: unknown[]) => Promise<unknown>)));

  reg('imsTags.openSandbox', async (opts?: { seed?: number; images?: number; policyFile?: string }) => {
    requireTrust();
    const c = await connections.connectSandbox(opts ?? {});
    return { projectId: c.projectId, endpoint: c.endpoint };
  });
  reg('imsTags.connect', async (opts?: { region?: string; projectId?: string; auth?: 'aksk' | 'password'; ak?: string; sk?: string; domain?: string; user?: string; password?: string }) => {
    requireTrust();
    const region = opts?.region ?? (await vscode.window.showQuickPick([...REGIONS], { title: vscode.l10n.t('Region'), ignoreFocusOut: true }));
    if (!region) return undefined;
    const auth = opts?.auth ?? (await vscode.window.showQuickPick([{ label: 'AK/SK', id: 'aksk' as const }, { label: vscode.l10n.t('IAM user and password (token)'), id: 'password' as const }], { title: vscode.l10n.t('Sign in with') }))?.id;
    if (!auth) return undefined;
    if (auth === 'aksk') {
      const ak = opts?.ak ?? await vscode.window.showInputBox({ title: vscode.l10n.t('Access key (AK)'), ignoreFocusOut: true });
      const sk = opts?.sk ?? await vscode.window.showInputBox({ title: vscode.l10n.t('Secret key (SK)'), password: true, ignoreFocusOut: true });
      if (!ak || !sk) return undefined;
      await connections.storeSecrets({ ak, sk });
      return withProgress(vscode.l10n.t('Connecting to IMS in {0}…', region), () => connections.connectCloud({ region, projectId: opts?.projectId, auth }));
    }
    const domain = opts?.domain ?? await vscode.window.showInputBox({ title: vscode.l10n.t('Account (domain) name'), ignoreFocusOut: true });
    const user = opts?.user ?? await vscode.window.showInputBox({ title: vscode.l10n.t('IAM user name'), ignoreFocusOut: true });
    const password = opts?.password ?? await vscode.window.showInputBox({ title: vscode.l10n.t('Password'), password: true, ignoreFocusOut: true });
    if (!domain || !user || !password) return undefined;
    const projectId = opts?.projectId;
    await connections.storeSecrets({ password });
    return withProgress(vscode.l10n.t('Connecting to IMS in {0}…', region), () => connections.connectCloud({ region, projectId, auth, domain, user }));
  });
  reg('imsTags.signOut', async () => {
    await connections.signOut();
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out: the stored credentials are removed.'));
  });
  reg('imsTags.refresh', async () => tree.refresh());
  reg('imsTags.loadMore', async () => tree.loadMore());
  reg('imsTags.retry', async (node?: Node) => {
    if (node?.kind === 'error') node.retry();
    else tree.refresh();
  });
  reg('imsTags.showLog', async () => log().show());
  reg('imsTags.filterImages', async (opts?: { name?: string; imageType?: 'private' | 'shared' | 'gold' | 'market' | 'all' }) => {
    const imageType = opts?.imageType ?? (await vscode.window.showQuickPick(['private', 'shared', 'gold', 'market', 'all'], { title: vscode.l10n.t('Image type') })) as typeof tree.filters.imageType | undefined;
    if (!imageType) return;
    const name = opts ? opts.name : await vscode.window.showInputBox({ title: vscode.l10n.t('Image name (exact; empty for any)'), value: tree.filters.name ?? '' });
    tree.filters = { imageType, name: name || undefined };
    tree.refresh();
  });
  reg('imsTags.addTag', async (node?: Node, tag?: TagInput) => {
    const image = imageOf(node);
    if (!image) throw new Error(vscode.l10n.t('Choose an image in the IMS explorer first.'));
    const t = tag ?? (await askTag());
    if (!t) return;
    await client().addImageTag(image.id, t);
    await tree.refreshImage(image.id);
  });
  reg('imsTags.editTagValue', async (node?: Node, value?: string) => {
    if (node?.kind !== 'tag') throw new Error(vscode.l10n.t('Choose a tag in the IMS explorer first.'));
    const t = value !== undefined ? { key: node.tag.key, value } : await askTag(node.tag.key, node.tag.value);
    if (!t) return;
    await client().addImageTag(node.image.id, t);
    await tree.refreshImage(node.image.id);
  });
  reg('imsTags.deleteTag', async (node?: Node, confirmed?: boolean) => {
    if (node?.kind !== 'tag') throw new Error(vscode.l10n.t('Choose a tag in the IMS explorer first.'));
    const yes = vscode.l10n.t('Delete');
    if (!confirmed && (await vscode.window.showWarningMessage(vscode.l10n.t('Delete tag {0} from image {1}?', node.tag.key, node.image.name), { modal: true }, yes)) !== yes) return;
    await client().deleteImageTag(node.image.id, node.tag.key);
    await tree.refreshImage(node.image.id);
  });
  const batch = async (action: 'create' | 'delete', node?: Node, opts?: { imageIds?: string[]; tag?: TagInput }) => {
    const ids = opts?.imageIds ?? selectedImages(node);
    if (ids.length === 0) throw new Error(vscode.l10n.t('Select one or more images in the IMS explorer first.'));
    const tag = opts?.tag ?? (action === 'create' ? await askTag() : await (async () => {
      const key = await vscode.window.showInputBox({ title: vscode.l10n.t('Tag key to delete'), validateInput: (k) => (k.trim() ? undefined : vscode.l10n.t('Enter a key')) });
      return key === undefined ? undefined : { key, value: '' };
    })());
    if (!tag) return undefined;
    const c = client();
    const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: action === 'create' ? vscode.l10n.t('Tagging {0} images', ids.length) : vscode.l10n.t('Removing a tag from {0} images', ids.length), cancellable: true }, (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort(new Error(vscode.l10n.t('cancelled'))));
      let last = 0;
      return mapLimit(ids, (id) => c.batchAddOrDeleteTags(id, action, action === 'create' ? [tag] : [{ key: tag.key }], ac.signal), {
        signal: ac.signal,
        onProgress: (done, total) => {
          progress.report({ increment: ((done - last) / total) * 100, message: `${done}/${total}` });
          last = done;
        },
      });
    });
    const failed = results.filter((r) => !r.ok);
    await Promise.all(ids.map((id) => tree.refreshImage(id)));
    const summary = { done: results.length - failed.length, failed: failed.map((f) => ({ imageId: f.item, error: String((f as { error: unknown }).error) })) };
    if (failed.length) {
      log().warn(`${failed.length} image(s) not done: ${summary.failed.map((f) => `${f.imageId}: ${f.error}`).join('; ')}`);
      const retry = vscode.l10n.t('Retry failed');
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} of {1} images done; {2} failed (see the log).', summary.done, ids.length, failed.length), retry, vscode.l10n.t('Show log')).then((choice) => {
        if (choice === retry) void vscode.commands.executeCommand(action === 'create' ? 'imsTags.addTagToSelected' : 'imsTags.deleteTagFromSelected', undefined, { imageIds: failed.map((f) => f.item), tag });
        else if (choice) log().show();
      });
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} images done.', summary.done));
    }
    return summary;
  };
  reg('imsTags.addTagToSelected', (node?: Node, opts?: { imageIds?: string[]; tag?: TagInput }) => batch('create', node, opts));
  reg('imsTags.deleteTagFromSelected', (node?: Node, opts?: { imageIds?: string[]; tag?: TagInput }) => batch('delete', node, opts));
  reg('imsTags.findByTags', async (opts?: { filter?: Record<string, unknown> }) => {
    let filter = opts?.filter;
    if (!filter) {
      const kind = await vscode.window.showQuickPick([
        { label: 'tags', description: vscode.l10n.t('images with all of these tags') },
        { label: 'tags_any', description: vscode.l10n.t('images with any of these tags') },
        { label: 'not_tags', description: vscode.l10n.t('images without all of these tags') },
        { label: 'not_tags_any', description: vscode.l10n.t('images with none of these tags') },
      ], { title: vscode.l10n.t('Find images by tags') });
      if (!kind) return undefined;
      const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Tags, as key=value1|value2, separated by commas (key alone: any value)'), placeHolder: 'env=prod,team' });
      if (!text) return undefined;
      filter = { [kind.label]: text.split(',').map((p) => p.trim()).filter(Boolean).map((p) => { const [key, values] = p.split('='); return { key: key.trim(), values: values ? values.split('|').map((v) => v.trim()) : [] }; }) };
    }
    const ids = new Set<string>();
    for await (const r of client().imagesByTags(filter, 200)) ids.add(r.resource_id);
    tree.filters = { imageType: 'all', ids, tagFilterLabel: vscode.l10n.t('{0} found by tags', ids.size) };
    tree.refresh();
    return [...ids];
  });
  reg('imsTags.clearFilters', async () => {
    tree.filters = { imageType: 'private' };
    tree.refresh();
  });
  reg('imsTags.listProjectTags', async (opts?: { pick?: string }) => {
    const tags = (await client().listImagesTags()).tags;
    const items = tags.flatMap((t) => t.values.map((v) => ({ label: `${t.key} = ${v}`, key: t.key, value: v })));
    const pick = opts?.pick ? items.find((i) => i.label === opts.pick) : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Tags of the project: pick one to find its images') });
    if (!pick) return tags;
    return vscode.commands.executeCommand('imsTags.findByTags', { filter: { tags: [{ key: pick.key, values: [pick.value] }] } });
  });
  reg('imsTags.copyImageId', async (node?: Node) => {
    const image = imageOf(node);
    if (!image) throw new Error(vscode.l10n.t('Choose an image in the IMS explorer first.'));
    await vscode.env.clipboard.writeText(image.id);
  });
  reg('imsTags.copyAsHttp', async (node?: Node, apiId?: string) => {
    const c = connections.connection;
    const id = apiId ?? (await vscode.window.showQuickPick(['AddImageTag', 'DeleteImageTag', 'ListImageTags', 'BatchAddOrDeleteTags', 'ListImageByTags', 'ListImagesTags', 'ListImages', 'CreateOrUpdateTags', 'BatchDeleteTags', 'ListTags'], { title: vscode.l10n.t('Copy which request as .http?') }));
    const api = id ? findApi(id) : undefined;
    if (!api) return undefined;
    const image = imageOf(node);
    const values: Record<string, string> = { region: c?.kind === 'cloud' ? c.region : 'cn-north-4', projectId: c?.projectId ?? 'your-project-id', imageId: image?.id ?? 'your-image-id' };
    if (node?.kind === 'tag') values.tagKey = node.tag.key;
    let text = httpBlock(api, values);
    if (c?.kind === 'sandbox') text = text.replace(/https:\/\/ims\.\{\{region\}\}\.myhuaweicloud\.com/g, c.endpoint);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied the {0} request as .http.', api.id));
    return text;
  });
  reg('imsTags.createPolicy', async (actions?: string[]) => createPolicyFor(actions ?? ['ims:images:list']));
  reg('imsTags.showPermissions', async (apiId?: string) => {
    const ids = apiId ? [apiId] : undefined;
    const lines = (ids ?? ['AddImageTag', 'DeleteImageTag', 'BatchAddOrDeleteTags', 'ListImageTags', 'ListImagesTags', 'ListImageByTags', 'CreateOrUpdateTags', 'ListTags', 'BatchDeleteTags', 'ListImages', 'GlanceCreateTag', 'GlanceDeleteTag'])
      .map((id) => findApi(id)!).map((a) => `${a.id}: ${a.actions.join(', ')}`);
    const pick = await vscode.window.showQuickPick(lines, { title: vscode.l10n.t('Actions each IMS operation needs (pick one to create a policy)') });
    if (pick) await createPolicyFor(pick.split(': ')[1].split(', '));
    return lines;
  });
}

function withProgress<T>(title: string, f: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, f);
}

