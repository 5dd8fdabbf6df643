/**
 * "Copy as .http Request": a ready block for any operation, with file variables for the connection.
 * The cloud's region endpoint is written out; the Sandbox's random port is not (it changes each time),
 * so its block uses `{{host}}`, defined once at the top.
 */
import * as vscode from 'vscode';
import { DEFAULT_REGION, IMS_APIS, findApi, type ImsApi } from '../../core/catalogue';
import { REGION_HOST, httpBlock, requestText } from '../../core/http/requestText';
import { imageOf, type CommandFactory } from '../context';
import type { Node } from '../explorer/tree';
import { askPick } from '../prompts';

/** The operation that fits what was right-clicked: a tag → DeleteImageTag, an image → AddImageTag. */
function fitting(node?: Node): string {
  return node?.kind === 'tag' ? 'DeleteImageTag' : node?.kind === 'image' ? 'AddImageTag' : 'ListImages';
}

export const copyAsHttp: CommandFactory = (ctx) => async (node?: Node, apiId?: string) => {
  const c = ctx.connections.connection;
  let api: ImsApi | undefined = apiId ? findApi(apiId) : undefined;
  if (!apiId) {
    const items = IMS_APIS.filter((a) => !a.deprecated).map((a) => ({
      label: a.title.en,
      description: `${a.method} ${a.path}`,
      detail: `${a.id} — ${a.actions.join(', ')}`,
      api: a,
    }));
    const picked = await askPick({
      title: vscode.l10n.t('Copy which request as .http?'),
      placeholder: vscode.l10n.t('An IMS operation'),
      items,
      active: items.find((i) => i.api.id === fitting(node)),
      matchDetails: true,
    });
    api = picked?.api;
  }
  if (!api) return undefined;
  const image = imageOf(node);
  // The Sandbox and local emulators live at a port of this machine: named once, as {{host}}.
  const sandbox = c?.kind === 'sandbox' || (c?.kind === 'cloud' && c.local === true);
  const host = sandbox ? '{{host}}' : REGION_HOST;
  const candidates: Record<string, string> = {
    host: sandbox ? c.endpoint : '',
    region: c?.kind === 'cloud' ? c.region : DEFAULT_REGION,
    projectId: c?.projectId ?? 'your-project-id',
    imageId: image?.id ?? 'your-image-id',
    tagKey: node?.kind === 'tag' ? node.tag.key : 'your-tag-key',
    tag: node?.kind === 'tag' ? node.tag.key : 'your-tag',
  };
  // Only the variables the request uses are defined.
  const used = requestText(api, { host });
  const variables = Object.fromEntries(Object.entries(candidates).filter(([k]) => used.includes(`{{${k}}}`)));
  const text = httpBlock(api, variables, { host });
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied the {0} request as .http.', api.id));
  return text;
};
