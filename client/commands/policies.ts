/**
 * The Policies view's commands: create a custom (1.1) or identity (5.0) policy from a template or from
 * the active editor; delete one (refused, as IAM refuses, while it is granted or attached); edit a custom
 * policy's name, description and type. Between live policies and workspace files: policyFiles.ts;
 * validation by IAM: policyValidation.ts.
 */
import * as vscode from 'vscode';
import type { RoleJson } from '../../core/client/iamTypes';
import type { CommandFactory } from '../context';
import { liveUri } from '../policies/liveDocuments';
import { attachedTo } from '../policies/review';
import type { PolicyNode } from '../policies/tree';
import { askPick, askText, required } from '../prompts';

const TEMPLATE = (version: '1.1' | '5.0') => ({
  Version: version,
  Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }],
});

/**
 * The policy of the active editor, if it is one of `version`; a policy of another Version (a 1.1 policy
 * open when a 5.0 one is made) is not used, and the template stands in, as docs/live-policies.md says.
 */
function activePolicy(version: '1.1' | '5.0'): unknown {
  const editor = vscode.window.activeTextEditor;
  const text = editor?.document.getText();
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as { Version?: string; Statement?: unknown };
    return value.Statement && value.Version === version ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a new policy starts: the active editor's policy or the template. Asked when the person runs the
 * command and the editor holds a policy of the right Version (a command given its answers takes the
 * editor's unless told otherwise).
 */
async function startFrom(
  version: '1.1' | '5.0',
  title: string,
  fromEditor: boolean | undefined,
  asked: boolean,
): Promise<unknown> {
  const editorPolicy = fromEditor === false ? undefined : activePolicy(version);
  if (!editorPolicy) return TEMPLATE(version);
  if (fromEditor === true || !asked) return editorPolicy;
  const file = vscode.workspace.asRelativePath(vscode.window.activeTextEditor!.document.uri);
  const pick = await askPick({
    title,
    placeholder: vscode.l10n.t('Start from the policy in {0}, or from the template?', file),
    items: [
      { label: vscode.l10n.t('From {0}', file), fromEditor: true },
      { label: vscode.l10n.t('From the template'), fromEditor: false },
    ],
  });
  if (!pick) return undefined;
  return pick.fromEditor ? editorPolicy : TEMPLATE(version);
}

/** Asks before a second policy of the same name is made (IAM allows it for custom policies; people rarely mean it). */
async function duplicateConfirmed(names: string[], name: string): Promise<boolean> {
  if (!names.includes(name)) return true;
  const create = vscode.l10n.t('Create Another');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('A policy named "{0}" already exists. Create another one with the same name?', name),
    { modal: true },
    create,
  );
  return answer === create;
}

/** The last step of a "New … Policy" flow. */
function askDescription(title: string, step: number): Thenable<string | undefined> {
  return askText({
    title,
    step,
    total: step,
    prompt: vscode.l10n.t('Description'),
    placeholder: vscode.l10n.t('What it allows'),
  });
}

export async function openLive(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

export const newCustomPolicy: CommandFactory =
  (ctx) => async (opts?: { name?: string; type?: 'AX' | 'XA'; description?: string; fromEditor?: boolean }) => {
    const iam = ctx.connected().iam;
    const title = vscode.l10n.t('New Custom Policy (IAM 1.1)');
    const name =
      opts?.name ??
      (await askText({
        title,
        step: 1,
        total: 3,
        prompt: vscode.l10n.t('Policy name'),
        placeholder: 'ims-tagging',
        validate: required,
      }));
    if (!name) return undefined;
    const type =
      opts?.type ??
      (
        await askPick({
          title,
          step: 2,
          total: 3,
          placeholder: vscode.l10n.t('Where the policy applies'),
          items: [
            { label: 'XA', description: vscode.l10n.t('project-level services, such as IMS') },
            { label: 'AX', description: vscode.l10n.t('global services') },
          ],
        })
      )?.label;
    if (type !== 'AX' && type !== 'XA') return undefined;
    const description = opts?.description ?? (await askDescription(title, 3));
    if (description === undefined) return undefined;
    const policy = await startFrom('1.1', title, opts?.fromEditor, opts?.name === undefined);
    if (policy === undefined) return undefined;
    if (
      opts?.name === undefined &&
      !(await duplicateConfirmed(
        (await iam.listRoles(1, 300)).roles.map((r) => r.display_name),
        name,
      ))
    )
      return undefined;
    const role = await iam.createRole({ display_name: name, type, description, policy });
    ctx.policies.refresh();
    const uri = liveUri({ kind: 'role', roleId: role.id }, role.display_name);
    await openLive(uri);
    return uri;
  };

export const newIdentityPolicy: CommandFactory =
  (ctx) => async (opts?: { name?: string; description?: string; fromEditor?: boolean }) => {
    const iam = ctx.connected().iam;
    const title = vscode.l10n.t('New Identity Policy (IAM 5.0)');
    const name =
      opts?.name ??
      (await askText({
        title,
        step: 1,
        total: 2,
        prompt: vscode.l10n.t('Policy name: letters, digits and _ + = . @ -'),
        placeholder: 'ims-tagging',
        validate: (v) =>
          /^[A-Za-z0-9_+=.@-]{1,128}$/.test(v) ? undefined : vscode.l10n.t('1 to 128 letters, digits and _ + = . @ -'),
      }));
    if (!name) return undefined;
    const description = opts?.description ?? (await askDescription(title, 2));
    if (description === undefined) return undefined;
    const policy = await startFrom('5.0', title, opts?.fromEditor, opts?.name === undefined);
    if (policy === undefined) return undefined;
    const made = await iam.createPolicy(name, JSON.stringify(policy), description);
    ctx.policies.refresh();
    const uri = liveUri({ kind: 'policy', policyId: made.policy_id }, made.policy_name);
    await openLive(uri);
    return uri;
  };

export const deletePolicy: CommandFactory = (ctx) => async (node?: PolicyNode, confirmed?: boolean) => {
  const iam = ctx.connected().iam;
  if (node?.kind === 'role') {
    if (node.grants.length > 0) {
      const where = node.grants.map((g) => ctx.policies.grantLabel(g)).join('; ');
      throw new Error(
        vscode.l10n.t(
          '{0} is still granted ({1}): remove its grants first; IAM refuses to delete it.',
          node.role.display_name,
          where,
        ),
      );
    }
    const yes = vscode.l10n.t('Delete');
    const ok =
      confirmed ??
      (await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the custom policy {0}? It is granted nowhere.', node.role.display_name),
        { modal: true },
        yes,
      )) === yes;
    if (!ok) return false;
    await iam.deleteRole(node.role.id);
  } else if (node?.kind === 'policy') {
    const names = await attachedTo(iam, node.policy.policy_id);
    if (names.length > 0)
      throw new Error(
        vscode.l10n.t(
          '{0} is still attached ({1}): detach it first; IAM refuses to delete it.',
          node.policy.policy_name,
          names.join('; '),
        ),
      );
    const yes = vscode.l10n.t('Delete');
    const ok =
      confirmed ??
      (await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the identity policy {0} and all its versions? It is attached to nothing.', node.policy.policy_name),
        { modal: true },
        yes,
      )) === yes;
    if (!ok) return false;
    await iam.deletePolicy(node.policy.policy_id);
  } else return false;
  ctx.policies.refresh();
  return true;
};

export const editPolicyDetails: CommandFactory =
  (ctx) => async (node?: PolicyNode, change?: { display_name?: string; description?: string; type?: 'AX' | 'XA' }) => {
    const iam = ctx.connected().iam;
    if (node?.kind === 'policy')
      throw new Error(
        vscode.l10n.t('IAM 5.0 offers no API here to rename a policy or change its description; create a new policy instead.'),
      );
    if (node?.kind !== 'role') return undefined;
    const role = node.role;
    const title = vscode.l10n.t('Edit Policy Details');
    let patch: Partial<RoleJson> | undefined = change;
    if (!patch) {
      const which = await askPick({
        title,
        step: 1,
        total: 2,
        placeholder: vscode.l10n.t('What to change'),
        items: [
          { label: vscode.l10n.t('Name'), description: role.display_name, key: 'display_name' as const },
          { label: vscode.l10n.t('Description'), description: role.description, key: 'description' as const },
          { label: vscode.l10n.t('Type'), description: role.type, key: 'type' as const },
        ],
      });
      if (!which) return undefined;
      if (which.key === 'type') {
        const type = await askPick({
          title,
          step: 2,
          total: 2,
          placeholder: vscode.l10n.t('Where the policy applies'),
          items: [{ label: 'XA' }, { label: 'AX' }],
        });
        if (!type) return undefined;
        patch = { type: type.label as 'AX' | 'XA' };
      } else {
        const value = await askText({
          title,
          step: 2,
          total: 2,
          prompt: which.label,
          placeholder: which.description ?? '',
          value: which.key === 'display_name' ? role.display_name : role.description,
          validate: which.key === 'display_name' ? required : undefined,
        });
        if (value === undefined) return undefined;
        patch = { [which.key]: value };
      }
    }
    const updated = await iam.updateRole(role.id, patch);
    ctx.policies.refresh();
    return updated;
  };
