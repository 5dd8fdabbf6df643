/**
 * Live policies and workspace files: save a live policy to the workspace; publish a workspace policy to a
 * new or existing IAM policy (through the same review as a save); compare a live policy with a workspace
 * file or with its cloud copy.
 */
import * as vscode from 'vscode';
import type { CommandFactory } from '../context';
import { IAM_SCHEME } from '../policies/address';
import { liveUri } from '../policies/liveDocuments';
import { buildReview, ourFindings } from '../policies/review';
import type { PolicyNode } from '../policies/tree';
import { askPick } from '../prompts';
import { openLive } from './policies';

/** The live document of a node, or the active editor's if it is one. */
function liveOf(node?: PolicyNode): vscode.Uri | undefined {
  if (node?.kind === 'role') return liveUri({ kind: 'role', roleId: node.role.id }, node.role.display_name);
  if (node?.kind === 'policy') return liveUri({ kind: 'policy', policyId: node.policy.policy_id }, node.policy.policy_name);
  if (node?.kind === 'version')
    return liveUri(
      { kind: 'version', policyId: node.policy.policy_id, versionId: node.version.version_id },
      node.policy.policy_name,
    );
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === IAM_SCHEME ? active : undefined;
}

export const saveToWorkspace: CommandFactory = (ctx) => async (node?: PolicyNode, target?: vscode.Uri) => {
  ctx.connected();
  const uri = liveOf(node);
  if (!uri) throw new Error(vscode.l10n.t('Pick a policy in the Policies view, or open one, to save it to the workspace.'));
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = uri.path.split('/').filter(Boolean).join('-');
  const dest =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { JSON: ['json'] },
      title: vscode.l10n.t('Save the Policy to the Workspace'),
    }));
  if (!dest) return undefined;
  await vscode.workspace.fs.writeFile(dest, Buffer.from(text, 'utf8'));
  await vscode.window.showTextDocument(dest);
  return dest;
};

export const publishToIam: CommandFactory =
  (ctx) => async (file?: vscode.Uri, target?: { roleId?: string; policyId?: string } | 'newCustom' | 'newIdentity') => {
    const iam = ctx.connected().iam;
    const uri = file ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme === IAM_SCHEME)
      throw new Error(vscode.l10n.t('Open a policy file of the workspace to publish it to IAM.'));
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    let value: { Version?: string; Statement?: unknown };
    try {
      value = JSON.parse(text) as typeof value;
    } catch (e) {
      throw new Error(vscode.l10n.t('{0} is not JSON ({1}).', uri.path, (e as Error).message), { cause: e });
    }
    if (!value.Statement) throw new Error(vscode.l10n.t('{0} is not an IAM policy (no "Statement").', uri.path));
    let choice = target;
    if (!choice) {
      const [roles, policies] = await Promise.all([iam.listRoles(1, 300), iam.listPolicies(200)]);
      const pick = await askPick({
        title: vscode.l10n.t('Publish to IAM'),
        placeholder: vscode.l10n.t('A new policy, or the policy to replace'),
        matchDetails: true,
        items: [
          { label: vscode.l10n.t('New custom policy (IAM 1.1)'), target: 'newCustom' as const },
          { label: vscode.l10n.t('New identity policy (IAM 5.0)'), target: 'newIdentity' as const },
          ...roles.roles.map((r) => ({ label: r.display_name, description: `1.1 · ${r.type}`, target: { roleId: r.id } })),
          ...policies.policies.map((p) => ({
            label: p.policy_name,
            description: `5.0 · ${p.default_version_id}`,
            target: { policyId: p.policy_id },
          })),
        ],
      });
      if (!pick) return undefined;
      choice = pick.target;
    }
    const wants = choice === 'newCustom' || (typeof choice === 'object' && choice.roleId) ? '1.1' : '5.0';
    if (value.Version !== wants)
      throw new Error(
        vscode.l10n.t('{0} has Version {1}; this target takes Version {2}.', uri.path, String(value.Version), wants),
      );
    if (choice === 'newCustom') return vscode.commands.executeCommand('imsTags.policies.newCustomPolicy', { fromEditor: true });
    if (choice === 'newIdentity')
      return vscode.commands.executeCommand('imsTags.policies.newIdentityPolicy', { fromEditor: true });
    // Replacing a policy that exists: errors block, and the review says what changes before anything is sent.
    const errors = ourFindings(uri, vscode.DiagnosticSeverity.Error);
    if (errors.length > 0) throw new Error(vscode.l10n.t('Not published: IAM would refuse this policy. {0}', errors.join('; ')));
    const warnings = ourFindings(uri, vscode.DiagnosticSeverity.Warning);
    const existing = choice.roleId
      ? await iam.getRole(choice.roleId).then((r) => ({ text: JSON.stringify(r.policy), name: `"${r.display_name}"` }))
      : await iam.getPolicy(choice.policyId!).then(async (p) => ({
          text: (await iam.getVersion(p.policy_id, p.default_version_id)).document,
          name: `"${p.policy_name}"`,
        }));
    const replaced = choice.roleId
      ? { kind: 'role' as const, id: choice.roleId, name: existing.name }
      : { kind: 'policy' as const, id: choice.policyId!, name: existing.name };
    const review = await buildReview(iam, replaced, existing.text, text, warnings);
    if (!(await ctx.liveDocuments.review(review))) return undefined;
    if (choice.roleId) await iam.updateRole(choice.roleId, { policy: value });
    else if (choice.policyId) await iam.createVersion(choice.policyId, JSON.stringify(value), true);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Published {0} to {1}.', vscode.workspace.asRelativePath(uri), existing.name),
    );
    ctx.policies.refresh();
    // existing.name is quoted for messages; the tab takes the bare name.
    const bare = existing.name.slice(1, -1);
    const live = choice.roleId
      ? liveUri({ kind: 'role', roleId: choice.roleId }, bare)
      : liveUri({ kind: 'policy', policyId: choice.policyId! }, bare);
    await openLive(live);
    return live;
  };

export const compareWithFile: CommandFactory = (ctx) => async (node?: PolicyNode, file?: vscode.Uri) => {
  ctx.connected();
  const uri = liveOf(node);
  if (!uri) throw new Error(vscode.l10n.t('Pick a policy in the Policies view, or open one, to compare it.'));
  let other = file;
  if (!other) {
    const files = await vscode.workspace.findFiles('**/*.json', '**/node_modules/**', 500);
    const pick = await askPick({
      title: vscode.l10n.t('Compare with a Workspace File'),
      placeholder: vscode.l10n.t('A policy file of the workspace'),
      items: files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })),
    });
    other = pick?.uri;
  }
  if (!other) return undefined;
  await vscode.commands.executeCommand(
    'vscode.diff',
    uri,
    other,
    vscode.l10n.t('{0} ↔ {1}', uri.path, vscode.workspace.asRelativePath(other)),
  );
  return other;
};

export const compareWithCloud: CommandFactory = (ctx) => async () => {
  const uri = liveOf();
  if (!uri) throw new Error(vscode.l10n.t('Open a live policy (from the Policies view) to compare it with its cloud copy.'));
  ctx.connected();
  return ctx.liveDocuments.compare(uri);
};
