/**
 * A live IAM policy with changes that are not in IAM says so: a status bar item while its editor is
 * active and dirty (auto-save never publishes, liveDocuments.ts), and the Publish action in the editor
 * title, which saves it by hand — the one way a live policy reaches IAM.
 */
import * as vscode from 'vscode';
import { IAM_SCHEME } from './address';

export function unpublishedStatus(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('imsTags.unpublished', vscode.StatusBarAlignment.Left, 100);
  item.name = vscode.l10n.t('IMS: unpublished IAM policy');
  item.command = 'imsTags.policies.publishLive';
  item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const unpublished = doc?.uri.scheme === IAM_SCHEME && doc.isDirty;
    void vscode.commands.executeCommand('setContext', 'imsTags.unpublished', unpublished);
    if (!unpublished) return item.hide();
    item.text = `$(cloud-upload) ${vscode.l10n.t('Unpublished')}`;
    item.tooltip = vscode.l10n.t(
      'This live IAM policy has changes that are not in IAM. Auto-save never publishes it: click, or press Ctrl+S, to publish.',
    );
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidSaveTextDocument(update),
  );
}

/** "Publish to IAM" of a live policy: a save by hand (the document's own, or the active editor's). */
export async function publishLive(uri?: vscode.Uri): Promise<boolean> {
  const doc = uri
    ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
    : vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== IAM_SCHEME)
    throw new Error(vscode.l10n.t('Open a live IAM policy (from the Policies view) to publish it.'));
  if (!doc.isDirty) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to publish: the policy is as IAM holds it.'));
    return false;
  }
  return doc.save();
}
