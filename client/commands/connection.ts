/** Connecting: the Sandbox (local emulator, no credentials), Huawei Cloud (AK/SK or an IAM password), signing out. */
import * as vscode from 'vscode';
import { REGIONS } from '../../core/catalogue';
import type { CommandFactory } from '../context';
import { askPick, askText, required } from '../prompts';

export const openSandbox: CommandFactory = (ctx) => async (opts?: { seed?: number; images?: number; policyFile?: string }) => {
  ctx.requireTrust();
  const c = await ctx.connections.connectSandbox(opts ?? {});
  return { projectId: c.projectId, endpoint: c.endpoint };
};

interface ConnectOptions {
  region?: string;
  projectId?: string;
  auth?: 'aksk' | 'password';
  ak?: string;
  sk?: string;
  domain?: string;
  user?: string;
  password?: string;
}

/** Region, way of signing in, then the credentials: each step names itself, and Escape ends the flow. */
export const connect: CommandFactory = (ctx) => async (opts?: ConnectOptions) => {
  ctx.requireTrust();
  const title = vscode.l10n.t('Connect to Huawei Cloud');
  const region =
    opts?.region ??
    (await askPick({ title, step: 1, total: 4, placeholder: vscode.l10n.t('Region'), items: REGIONS.map((r) => ({ label: r })) }))
      ?.label;
  if (!region) return undefined;
  const auth =
    opts?.auth ??
    (
      await askPick({
        title,
        step: 2,
        total: 4,
        placeholder: vscode.l10n.t('Sign in with'),
        items: [
          { label: 'AK/SK', id: 'aksk' as const },
          { label: vscode.l10n.t('IAM user and password (token)'), id: 'password' as const },
        ],
      })
    )?.id;
  if (!auth) return undefined;
  const progressTitle = vscode.l10n.t('Connecting to IMS in {0}…', region);
  if (auth === 'aksk') {
    const ak =
      opts?.ak ??
      (await askText({
        title,
        step: 3,
        total: 4,
        prompt: vscode.l10n.t('Access key (AK)'),
        placeholder: 'AK',
        validate: required,
      }));
    if (!ak) return undefined;
    const sk =
      opts?.sk ??
      (await askText({
        title,
        step: 4,
        total: 4,
        prompt: vscode.l10n.t('Secret key (SK)'),
        placeholder: 'SK',
        password: true,
        validate: required,
      }));
    if (!sk) return undefined;
    await ctx.connections.storeSecrets({ ak, sk });
    return withProgress(progressTitle, () => ctx.connections.connectCloud({ region, projectId: opts?.projectId, auth }));
  }
  const ask = (step: number, prompt: string, placeholder: string, password = false) =>
    askText({ title, step, total: 5, prompt, placeholder, password, validate: required });
  const domain = opts?.domain ?? (await ask(3, vscode.l10n.t('Account (domain) name'), vscode.l10n.t('the account name')));
  if (!domain) return undefined;
  const user = opts?.user ?? (await ask(4, vscode.l10n.t('IAM user name'), vscode.l10n.t('the IAM user')));
  if (!user) return undefined;
  const password = opts?.password ?? (await ask(5, vscode.l10n.t('Password'), vscode.l10n.t("the IAM user's password"), true));
  if (!password) return undefined;
  await ctx.connections.storeSecrets({ password });
  return withProgress(progressTitle, () =>
    ctx.connections.connectCloud({ region, projectId: opts?.projectId, auth, domain, user }),
  );
};

export const signOut: CommandFactory = (ctx) => async () => {
  await ctx.connections.signOut();
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out: the stored credentials are removed.'));
};

function withProgress<T>(title: string, f: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, f);
}
