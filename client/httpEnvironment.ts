/**
 * The .http environment in the client: the selected one in the status bar, and "IMS: Select .http
 * Environment", which writes `imsTags.http.environment` for the workspace (the server follows it). The
 * names come from the language server, which reads the environment files (core/protocol.ts).
 */
import * as vscode from 'vscode';
import { HTTP_ENVIRONMENTS_REQUEST, type AskServer } from '../core/protocol';
import { SETTINGS_SECTION } from '../core/settings';
import type { CommandFactory } from './context';
import { isHttpDocument } from './httpDocuments';
import { settings } from './settings';

const KEY = 'http.environment';

/** The selected environment, read through the one settings reader (core/settings.ts). */
export function selectedEnvironment(scope?: vscode.Uri): string {
  return settings(scope).http.environment;
}

/** "IMS: Select .http Environment": a quick pick of the names, or the name given (tests, keybindings). */
export async function chooseHttpEnvironment(ask: AskServer, name?: string): Promise<string | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  const uri = doc && isHttpDocument(doc) ? doc.uri : undefined;
  let chosen = name;
  if (chosen === undefined) {
    const { names } = await ask(HTTP_ENVIRONMENTS_REQUEST, { uri: uri?.toString() });
    const current = selectedEnvironment(uri);
    const none = vscode.l10n.t('No environment ($shared only)');
    const picked = await vscode.window.showQuickPick(
      [
        { label: none, value: '', description: current === '' ? vscode.l10n.t('selected') : undefined },
        ...names.map((n) => ({ label: n, value: n, description: n === current ? vscode.l10n.t('selected') : undefined })),
      ],
      {
        title: vscode.l10n.t('Select the .http environment'),
        placeHolder: names.length
          ? vscode.l10n.t('Environments of http-client.env.json and rest-client.environmentVariables')
          : vscode.l10n.t('No environments found: add http-client.env.json or rest-client.environmentVariables'),
      },
    );
    if (!picked) return undefined;
    chosen = picked.value;
  }
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(KEY, chosen, target);
  return chosen;
}

export const selectHttpEnvironment: CommandFactory = (ctx) => (name?: string) => chooseHttpEnvironment(ctx.askServer, name);

/** The status bar item: the selected environment while a .http file is active; a click changes it. */
export function environmentStatusBar(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('imsTags.httpEnvironment', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('IMS .http environment');
  item.command = 'imsTags.selectHttpEnvironment';
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isHttpDocument(doc)) return item.hide();
    const env = selectedEnvironment(doc.uri);
    item.text = `$(symbol-variable) ${env || vscode.l10n.t('no environment')}`;
    item.tooltip = vscode.l10n.t('.http environment for {{variables}}: click to change');
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SETTINGS_SECTION}.${KEY}`) && update()),
  );
}
