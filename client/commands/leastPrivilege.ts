/**
 * "IMS: Generate Least-Privilege Policy": the actions (and their dependencies) of the IMS requests of the
 * active .http file or its selection, of the operations this window performed, or of APIs picked by
 * hand; as Version 1.1 or 5.0; into a new editor, a workspace file, a new IAM policy (through the
 * Policies view's commands) or a Terraform block.
 */
import * as vscode from 'vscode';
import { IMS_APIS, findApi, type ImsApi } from '../../core/catalogue';
import { DEFAULT_REGION } from '../../core/catalogue';
import { routeFor } from '../../core/http/imsRequest';
import { HTTP_REQUESTS_REQUEST, RESOLVE_HTTP_REQUEST } from '../../core/protocol';
import { decodeSafely } from '../../core/util/decode';
import { connectionDefaults, isHttpDocument } from '../httpDocuments';
import { actionsFor } from '../../core/policy/apiActions';
import { leastPrivilegePolicy, terraformBlock, type ImageScope, type TagScope } from '../../core/policy/leastPrivilege';
import type { CommandFactory, Ctx } from '../context';
import { readOnlyDocuments } from '../readOnlyDocuments';
import { askPick, askText, required } from '../prompts';
import { sessionApiIds } from '../sessionApis';

type Source = 'http' | 'session' | 'apis';
type Target = 'editor' | 'file' | 'iam' | 'terraform';

interface Options {
  source?: Source;
  apiIds?: string[];
  version?: '1.1' | '5.0';
  target?: Target;
  name?: string;
  file?: vscode.Uri;
  /** 5.0: scope the actions that take an image to the job's images (asked when absent and there are some). */
  scopeToImages?: boolean;
  /** 5.0: only images tagged `key=value` (asked when absent; '' for none). */
  onlyTagged?: string;
  /** 5.0: the only tag keys a tag write may set (`ForAllValues:StringEquals` on g:TagKeys). */
  tagKeys?: string[];
}

/**
 * The IMS APIs of the active .http document's requests (those the selection touches, if any), as the
 * server sees them; and, when connected, the images they act on (their paths resolved as Send would).
 */
async function httpJob(ctx: Ctx): Promise<{ apis: ImsApi[]; imageIds: string[] }> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isHttpDocument(editor.document))
    throw new Error(vscode.l10n.t('Open a .http file with IMS requests (or select some of them) first.'));
  const sel = editor.selection;
  const range = sel.isEmpty ? undefined : { start: sel.start, end: sel.end };
  const uri = editor.document.uri.toString();
  const requests = (await ctx.askServer(HTTP_REQUESTS_REQUEST, { uri, range })).filter((r) => r.apiId);
  const c = ctx.connections.connection;
  const imageIds: string[] = [];
  if (c)
    for (const r of requests) {
      const resolved = await ctx.askServer(RESOLVE_HTTP_REQUEST, { uri, index: r.index, defaults: connectionDefaults(c) });
      const id = resolved && !resolved.missing.length ? routeFor(resolved.method, resolved.path).hit?.params.image_id : undefined;
      if (id) imageIds.push(decodeSafely(id));
    }
  return { apis: requests.flatMap((r) => findApi(r.apiId!) ?? []), imageIds: [...new Set(imageIds)] };
}

const TITLE = () => vscode.l10n.t('Generate Least-Privilege Policy');

/** 5.0: a tag the images must carry (`key=value`), asked; undefined for none, null when Escape was pressed. */
async function onlyTagged(answer?: string): Promise<TagScope | undefined | null> {
  const text =
    answer ??
    (await askText({
      title: TITLE(),
      prompt: vscode.l10n.t('Only images with this tag (key=value), for tag-based access; leave empty for any image'),
      placeholder: 'team=blue',
      validate: (v) =>
        v.trim() === '' || /^[^=]+=.*$/.test(v.trim()) ? undefined : vscode.l10n.t('Write key=value, or leave it empty.'),
    }));
  if (text === undefined) return null;
  const t = text.trim();
  if (!t) return undefined;
  const at = t.indexOf('=');
  return { resourceTag: { key: t.slice(0, at).trim(), value: t.slice(at + 1).trim() } };
}

/**
 * 5.0: whether to scope to the job's images, and where their URNs point (the connection's region and
 * account). Undefined: every image (`*`); null: the person pressed Escape.
 */
async function imageScope(ctx: Ctx, imageIds: string[], answer?: boolean): Promise<ImageScope | undefined | null> {
  const c = ctx.connections.connection;
  if (imageIds.length === 0 || !c) return undefined;
  const scoped =
    answer ??
    (
      await askPick({
        title: TITLE(),
        placeholder: vscode.l10n.t('Which images may it act on?'),
        items: [
          {
            label: vscode.l10n.t('Only the {0} image(s) of the job', imageIds.length),
            detail: imageIds.join(', '),
            scoped: true,
          },
          { label: vscode.l10n.t('Every image of the project (*)'), scoped: false },
        ],
      })
    )?.scoped;
  if (scoped === undefined) return null;
  if (!scoped) return undefined;
  const region = c.kind === 'cloud' ? c.region : DEFAULT_REGION;
  return { imageIds, region, account: await c.iam.accountId() };
}

export const generateLeastPrivilege: CommandFactory =
  (ctx) =>
  async (opts: Options = {}) => {
    const title = TITLE();
    const source =
      opts.source ??
      (
        await askPick({
          title,
          step: 1,
          total: 3,
          placeholder: vscode.l10n.t('For which job?'),
          items: [
            { label: vscode.l10n.t('The IMS requests of the active .http file (or its selection)'), source: 'http' as const },
            { label: vscode.l10n.t('The IMS operations this window performed'), source: 'session' as const },
            { label: vscode.l10n.t('IMS APIs I pick'), source: 'apis' as const },
          ],
        })
      )?.source;
    if (!source) return undefined;
    let apis: ImsApi[];
    // The images of the job: those its requests name, else those selected in the IMS explorer.
    let imageIds: string[] = [];
    if (source === 'http') ({ apis, imageIds } = await httpJob(ctx));
    else if (source === 'session') apis = sessionApiIds().flatMap((id) => findApi(id) ?? []);
    else if (opts.apiIds) apis = opts.apiIds.flatMap((id) => findApi(id) ?? []);
    else {
      const picked = await vscode.window.showQuickPick(
        // The version is chosen next: what each API needs is shown in both models' words.
        IMS_APIS.map((a) => {
          const v50 = actionsFor(a, 'iam5', ctx.schemas.current).join(', ');
          const v11 = a.actions.join(', ');
          return { label: a.id, description: v11 === v50 ? v11 : `1.1: ${v11} · 5.0: ${v50}`, detail: a.title.en, api: a };
        }),
        { title, canPickMany: true, placeHolder: vscode.l10n.t('The IMS APIs the job calls') },
      );
      if (!picked) return undefined;
      apis = picked.map((p) => p.api);
    }
    if (apis.length === 0)
      throw new Error(
        source === 'session'
          ? vscode.l10n.t('No IMS operation was performed in this window yet.')
          : source === 'apis'
            ? vscode.l10n.t('No API was picked: tick at least one (Space ticks the highlighted one), then press Enter.')
            : vscode.l10n.t('No IMS request found: nothing to grant.'),
      );
    const version =
      opts.version ??
      ((
        await askPick({
          title,
          step: 2,
          total: 3,
          placeholder: vscode.l10n.t('Policy version'),
          items: [
            { label: '1.1', description: vscode.l10n.t('custom policy (role)') },
            { label: '5.0', description: vscode.l10n.t('identity policy') },
          ],
        })
      )?.label as '1.1' | '5.0' | undefined);
    if (!version) return undefined;
    const target =
      opts.target ??
      (
        await askPick({
          title,
          step: 3,
          total: 3,
          placeholder: vscode.l10n.t('Where to put it'),
          items: [
            { label: vscode.l10n.t('A new editor'), target: 'editor' as const },
            { label: vscode.l10n.t('A workspace file'), target: 'file' as const },
            { label: vscode.l10n.t('A new policy in IAM'), target: 'iam' as const },
            { label: vscode.l10n.t('A Terraform block'), target: 'terraform' as const },
          ],
        })
      )?.target;
    if (!target) return undefined;
    if (source !== 'http') imageIds = ctx.selectedImages();
    const scope = version === '5.0' ? await imageScope(ctx, imageIds, opts.scopeToImages) : undefined;
    if (scope === null) return undefined;
    const tagged = version === '5.0' ? await onlyTagged(opts.onlyTagged) : undefined;
    if (tagged === null) return undefined;
    const tagScope = opts.tagKeys?.length ? { ...tagged, tagKeys: opts.tagKeys } : tagged;
    const lp = leastPrivilegePolicy(apis, version, ctx.schemas.current, scope, tagScope);
    const json = `${JSON.stringify(lp.policy, null, 2)}\n`;
    void vscode.window.showInformationMessage(
      lp.scoped
        ? vscode.l10n.t(
            'Least privilege for {0}, on the {1} image(s) of the job (the actions without a resource type stay on *).',
            lp.apis.join(', '),
            imageIds.length,
          )
        : version === '5.0'
          ? tagged?.resourceTag
            ? vscode.l10n.t(
                'Least privilege for {0}, on the images tagged {1} = {2} (the actions that cannot be scoped by tag apply to every image).',
                lp.apis.join(', '),
                tagged.resourceTag.key,
                tagged.resourceTag.value,
              )
            : vscode.l10n.t('Least privilege for {0}. It applies to every image of the project.', lp.apis.join(', '))
          : vscode.l10n.t(
              'Least privilege for {0}. It applies to every image of the project: the facts confirm no resource scoping for IMS actions in 1.1.',
              lp.apis.join(', '),
            ),
    );
    if (target === 'editor' || target === 'iam') {
      const doc = await readOnlyDocuments.show('ims-least-privilege.json', json);
      if (target === 'editor') return doc.uri;
      const name =
        opts.name ??
        (await askText({ title, prompt: vscode.l10n.t('Policy name'), placeholder: 'ims-least-privilege', validate: required }));
      if (!name) return undefined;
      const description = vscode.l10n.t('Least privilege for {0}', lp.apis.join(', '));
      return version === '1.1'
        ? vscode.commands.executeCommand('imsTags.policies.newCustomPolicy', { name, type: 'XA', description, fromEditor: true })
        : vscode.commands.executeCommand('imsTags.policies.newIdentityPolicy', { name, description, fromEditor: true });
    }
    if (target === 'file') {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const dest =
        opts.file ??
        (await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, 'ims-least-privilege.json') : undefined,
          filters: { JSON: ['json'] },
          title,
        }));
      if (!dest) return undefined;
      await vscode.workspace.fs.writeFile(dest, Buffer.from(json, 'utf8'));
      await vscode.window.showTextDocument(dest);
      return dest;
    }
    const name = opts.name ?? 'ims-least-privilege';
    const doc = await readOnlyDocuments.show(`${name}.tf`, terraformBlock(lp, name));
    return doc.uri;
  };
