/** "Show the Permissions an Operation Needs" and "Create policy": policies built from the catalogue. */
import * as vscode from 'vscode';
import { IMS_APIS, findApi } from '../../core/catalogue';
import { allowPolicy } from '../../core/policy/generate';
import type { CommandFactory } from '../context';
import { readOnlyDocuments } from '../readOnlyDocuments';
import type { Node } from '../explorer/tree';

/** A read-only draft of a policy granting exactly these actions (and what they depend on). */
export async function createPolicyFor(actions: readonly string[]): Promise<vscode.TextDocument> {
  return readOnlyDocuments.show('ims-policy-draft.json', `${JSON.stringify(allowPolicy(actions), null, 2)}\n`);
}

export const createPolicy: CommandFactory = () => async (actions?: string[]) => createPolicyFor(actions ?? ['ims:images:list']);

/** From the palette, with an API id (tests), or from an image or tag in the tree (then every API). */
export const showPermissions: CommandFactory = () => async (arg?: string | Node) => {
  const apiId = typeof arg === 'string' ? arg : undefined;
  const apis = apiId ? [findApi(apiId)].filter((a) => a !== undefined) : IMS_APIS;
  const items = apis.map((a) => ({ label: a.id, description: a.actions.join(', '), detail: a.title.en, api: a }));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Actions each IMS operation needs (pick one to create a policy)'),
    placeHolder: vscode.l10n.t('An IMS operation'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick) await createPolicyFor(pick.api.actions);
  return items.map((i) => `${i.label}: ${i.description}`);
};
