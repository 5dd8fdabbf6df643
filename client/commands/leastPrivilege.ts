/**
 * "IMS: Generate Least-Privilege Policy": the actions (and their dependencies) of the IMS requests of the
 * active .http file or its selection, of the operations this window performed, or of APIs picked by
 * hand; as Version 1.1 or 5.0; into a new editor, a workspace file, a new IAM policy (through the
 * Policies view's commands) or a Terraform block.
 */
import * as vscode from 'vscode';
import { IMS_APIS, findApi, type ImsApi } from '../../core/catalogue';
import { HTTP_REQUESTS_REQUEST, type AskServer } from '../../core/protocol';
import { isHttpDocument } from '../httpDocuments';
import { leastPrivilegePolicy, terraformBlock } from '../../core/policy/leastPrivilege';
import type { CommandFactory } from '../context';
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
}

/** The IMS APIs of the active .http document's requests (those the selection touches, if any), as the server sees them. */
async function httpApis(ask: AskServer): Promise<ImsApi[]> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isHttpDocument(editor.document))
    throw new Error(vscode.l10n.t('Open a .http file with IMS requests (or select some of them) first.'));
  const sel = editor.selection;
  const range = sel.isEmpty ? undefined : { start: sel.start, end: sel.end };
  const requests = await ask(HTTP_REQUESTS_REQUEST, { uri: editor.document.uri.toString(), range });
  return requests.flatMap((r) => (r.apiId ? (findApi(r.apiId) ?? []) : []));
}

const TITLE = () => vscode.l10n.t('Generate Least-Privilege Policy');

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
    if (source === 'http') apis = await httpApis(ctx.askServer);
    else if (source === 'session') apis = sessionApiIds().flatMap((id) => findApi(id) ?? []);
    else if (opts.apiIds) apis = opts.apiIds.flatMap((id) => findApi(id) ?? []);
    else {
      const picked = await vscode.window.showQuickPick(
        IMS_APIS.map((a) => ({ label: a.id, description: a.actions.join(', '), detail: a.title.en, api: a })),
        { title, canPickMany: true, placeHolder: vscode.l10n.t('The IMS APIs the job calls') },
      );
      if (!picked) return undefined;
      apis = picked.map((p) => p.api);
    }
    if (apis.length === 0)
      throw new Error(
        source === 'session'
          ? vscode.l10n.t('No IMS operation was performed in this window yet.')
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
    const lp = leastPrivilegePolicy(apis, version);
    const json = `${JSON.stringify(lp.policy, null, 2)}\n`;
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Least privilege for {0}. It applies to every image of the project: the facts confirm no resource scoping for IMS actions.',
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
