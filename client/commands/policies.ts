/**
 * The Policies view's commands: create a custom (1.1) or identity (5.0) policy from a template or from
 * the active editor; delete one (refused, as IAM refuses, while it is granted or attached); edit a custom
 * policy's name, description and type; save a live policy to the workspace; publish a workspace policy
 * to a new or existing IAM policy; compare a live policy with a workspace file or with its cloud copy;
 * validate a 5.0 policy with IAM, whose findings show as diagnostics of their own source.
 */
import * as vscode from 'vscode';
import type { RoleJson, ValidationFinding } from '../../core/client/iamClient';
import type { CommandFactory, Ctx } from '../context';
import { IAM_SCHEME } from '../policies/address';
import { liveUri } from '../policies/liveDocuments';
import { attachedTo, buildReview, ourFindings } from '../policies/review';
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

async function openLive(uri: vscode.Uri): Promise<void> {
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

/** IAM's own findings, beside ours (source "IAM"), until the document changes. */
export function validationDiagnostics(ctx: Ctx): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('iam-validation');
  ctx.push(
    collection,
    vscode.workspace.onDidChangeTextDocument((e) => collection.delete(e.document.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
  );
  return collection;
}

export const validateWithIam: CommandFactory = (ctx) => {
  let collection: vscode.DiagnosticCollection | undefined;
  return async (file?: vscode.Uri) => {
    const iam = ctx.connected().iam;
    const doc = file ? await vscode.workspace.openTextDocument(file) : vscode.window.activeTextEditor?.document;
    if (!doc) throw new Error(vscode.l10n.t('Open a 5.0 policy to validate it with IAM.'));
    const text = doc.getText();
    const findings = await iam.validate(text);
    collection ??= validationDiagnostics(ctx);
    collection.set(
      doc.uri,
      findings.map((f) => findingDiagnostic(doc, f)),
    );
    const where = vscode.workspace.asRelativePath(doc.uri);
    if (findings.length === 0)
      void vscode.window.showInformationMessage(vscode.l10n.t('IAM found nothing to report in {0}.', where));
    else
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'IAM Access Analyzer reported {0} finding(s) in {1}: they are in the Problems view.',
          findings.length,
          where,
        ),
      );
    return findings;
  };
};

/**
 * An Access Analyzer finding as a diagnostic: its span's offsets are offsets into the text sent (the Go
 * SDK's Position: line from 1, column and offset from 0); error is an error, suggestion information.
 */
function findingDiagnostic(doc: vscode.TextDocument, f: ValidationFinding): vscode.Diagnostic {
  const span = f.locations[0]?.span;
  const range = span
    ? new vscode.Range(doc.positionAt(span.start.offset), doc.positionAt(Math.max(span.end.offset, span.start.offset + 1)))
    : new vscode.Range(0, 0, 0, 1);
  const severity =
    f.finding_type === 'error'
      ? vscode.DiagnosticSeverity.Error
      : f.finding_type === 'suggestion'
        ? vscode.DiagnosticSeverity.Information
        : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(range, f.finding_details, severity);
  d.source = 'IAM Access Analyzer';
  d.code = f.learn_more_link ? { value: f.issue_code, target: vscode.Uri.parse(f.learn_more_link) } : f.issue_code;
  return d;
}
