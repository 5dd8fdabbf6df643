/**
 * The .http environment in the client: the same sources the server reads (core/http/variables), read
 * through `workspace.fs` for Send, the selected environment in the status bar, and "IMS: Select .http
 * Environment", which writes `imsTags.http.environment` for the workspace (the server follows it).
 */
import * as vscode from 'vscode';
import { environmentFrom } from '../core/http/variables/environments';
import { buildVariableSources, variableFileUris, type HttpVariableSources } from '../core/http/variables/sources';
import type { CommandFactory } from './context';

const SECTION = 'imsTags';
const KEY = 'http.environment';

export function selectedEnvironment(scope?: vscode.Uri): string {
  return vscode.workspace.getConfiguration(SECTION, scope).get<string>(KEY, '').trim();
}

async function readText(uri: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
  } catch {
    return undefined; // absent: not a source
  }
}

/** Every variable source of a .http document, read now. */
export async function readVariableSources(uri: vscode.Uri): Promise<HttpVariableSources> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const where = variableFileUris(uri.toString(), folders);
  const files = (await Promise.all(where.envFiles.map(async (f) => ({ ...f, text: await readText(f.uri) })))).filter(
    (f): f is { uri: string; label: string; text: string } => f.text !== undefined,
  );
  const dotenvText = where.dotenv ? await readText(where.dotenv) : undefined;
  return buildVariableSources({
    settings: vscode.workspace.getConfiguration('rest-client', uri).get('environmentVariables'),
    files,
    dotenv: where.dotenv && dotenvText !== undefined ? { uri: where.dotenv, text: dotenvText } : undefined,
    selected: selectedEnvironment(uri),
    // No process environment in the browser's web worker host.
    processEnv: (n) => (typeof process === 'undefined' ? undefined : process.env[n]),
    uuid: () => globalThis.crypto.randomUUID(),
  });
}

/** The environment names the sources of a document (or of the workspace root) define. */
async function environmentNames(uri?: vscode.Uri): Promise<string[]> {
  const at =
    uri ?? vscode.workspace.workspaceFolders?.[0]?.uri.with({ path: `${vscode.workspace.workspaceFolders[0].uri.path}/x.http` });
  if (!at) {
    const settings = vscode.workspace.getConfiguration('rest-client').get('environmentVariables');
    return environmentFrom([{ label: 'settings', value: settings }], '').names as string[];
  }
  return [...(await readVariableSources(at)).environment.names];
}

/** "IMS: Select .http Environment": a quick pick of the names, or the name given (tests, keybindings). */
export async function chooseHttpEnvironment(name?: string): Promise<string | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  const uri = doc?.languageId === 'http' ? doc.uri : undefined;
  let chosen = name;
  if (chosen === undefined) {
    const names = await environmentNames(uri);
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
  await vscode.workspace.getConfiguration(SECTION).update(KEY, chosen, target);
  return chosen;
}

export const selectHttpEnvironment: CommandFactory = () => chooseHttpEnvironment;

/** The status bar item: the selected environment while a .http file is active; a click changes it. */
export function environmentStatusBar(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('imsTags.httpEnvironment', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('IMS .http environment');
  item.command = 'imsTags.selectHttpEnvironment';
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.languageId !== 'http') return item.hide();
    const env = selectedEnvironment(doc.uri);
    item.text = `$(symbol-variable) ${env || vscode.l10n.t('no environment')}`;
    item.tooltip = vscode.l10n.t('.http environment for {{variables}}: click to change');
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SECTION}.${KEY}`) && update()),
  );
}
