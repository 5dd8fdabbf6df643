/** Connecting: the Sandbox (local emulator, no credentials), Huawei Cloud (AK/SK or an IAM password), signing out. */
import * as vscode from 'vscode';
import { DEFAULT_REGION, REGION_INFO } from '../../core/catalogue';
import { localEndpoints } from '../connection';
import { ImsNetworkError, networkCause } from '../../core/client/errors';
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
  const regions = regionItems();
  const region =
    opts?.region ??
    (
      await askPick({
        title,
        step: 1,
        total: 4,
        placeholder: vscode.l10n.t('Region'),
        items: regions,
        active: regions.find((r) => r.id === DEFAULT_REGION),
      })
    )?.id;
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
    const keys = await askKeys({ title, step: 3, total: 4 }, opts, ['AK', 'SK']);
    if (!keys) return undefined;
    await ctx.connections.storeSecrets(keys);
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

/** The emulator `npm start` started (it says where, `--emulator-port`), else its default address. */
function localEmulatorUrl(): string {
  const given = typeof process === 'undefined' ? undefined : process.env.IMS_TAGS_LOCAL_EMULATOR;
  return given && /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(given) ? given : 'http://127.0.0.1:8090';
}

/** An emulator already running on this machine (`npm start` starts one on 127.0.0.1:8090), by URL and AK/SK. */
export const connectLocal: CommandFactory = (ctx) => async (opts?: { url?: string; ak?: string; sk?: string }) => {
  ctx.requireTrust();
  const title = vscode.l10n.t('Connect to a Local Emulator');
  const url =
    opts?.url ??
    (await askText({
      title,
      step: 1,
      total: 3,
      prompt: vscode.l10n.t("The emulator's URL (127.0.0.1 or localhost only)"),
      placeholder: localEmulatorUrl(),
      value: localEmulatorUrl(),
      validate: (v) => {
        const checked = localEndpoints(v);
        return typeof checked === 'string' ? checked : undefined;
      },
    }));
  if (!url) return undefined;
  const keys = await askKeys({ title, step: 2, total: 3 }, opts, ['EMULATOR-AK', 'EMULATOR-SK']);
  if (!keys) return undefined;
  await ctx.connections.storeSecrets(keys);
  try {
    return await withProgress(vscode.l10n.t('Connecting to the emulator at {0}…', url), () =>
      ctx.connections.connectCloud({ region: DEFAULT_REGION, auth: 'aksk', localUrl: url }),
    );
  } catch (e) {
    // "fetch failed" says nothing: name the address, why, and what starts an emulator.
    if (!(e instanceof ImsNetworkError)) throw e;
    throw new Error(
      vscode.l10n.t(
        'Could not connect to the emulator at {0}: {1}. Is it running? `npm start` starts one, and so does `npm run emulator`.',
        url,
        networkCause(e.cause ?? e),
      ),
      { cause: e },
    );
  }
};

export const signOut: CommandFactory = (ctx) => async () => {
  await ctx.connections.signOut();
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out: the stored credentials are removed.'));
};

/** Regions by group, with their names where documented. */
function regionItems(): Array<vscode.QuickPickItem & { id?: string }> {
  const items: Array<vscode.QuickPickItem & { id?: string }> = [];
  let last = '';
  for (const r of REGION_INFO) {
    if (r.group !== last) items.push({ label: r.group, kind: vscode.QuickPickItemKind.Separator });
    last = r.group;
    items.push({ label: r.id, description: r.name, id: r.id });
  }
  return items;
}

/** The access key, then the secret key (hidden): two steps from `at.step`; Escape at either ends the flow. */
async function askKeys(
  at: { title: string; step: number; total: number },
  given: { ak?: string; sk?: string } | undefined,
  placeholders: [string, string],
): Promise<{ ak: string; sk: string } | undefined> {
  const ak =
    given?.ak ??
    (await askText({ ...at, prompt: vscode.l10n.t('Access key (AK)'), placeholder: placeholders[0], validate: required }));
  if (!ak) return undefined;
  const sk =
    given?.sk ??
    (await askText({
      ...at,
      step: at.step + 1,
      prompt: vscode.l10n.t('Secret key (SK)'),
      placeholder: placeholders[1],
      password: true,
      validate: required,
    }));
  return sk ? { ak, sk } : undefined;
}

function withProgress<T>(title: string, f: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, f);
}
