/** Connecting: the Sandbox (local emulator, no credentials), Huawei Cloud (AK/SK or an IAM password), signing out. */
import * as vscode from 'vscode';
import { DEFAULT_REGION, REGION_INFO } from '../../core/catalogue';
import { localEndpoints } from '../connection';
import { ImsError, ImsNetworkError, networkCauseOf } from '../../core/client/errors';
import { log } from '../log';
import type { CommandFactory } from '../context';
import { askChoiceOrText, askPick, askText, required, type Offer } from '../prompts';

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

/** The emulator `npm start` started (it says where, `--emulator-port`, through the environment). */
function startedEmulatorUrl(): string | undefined {
  const given = typeof process === 'undefined' ? undefined : process.env.IMS_TAGS_LOCAL_EMULATOR;
  return given && /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(given) ? given : undefined;
}
/** `npm run emulator`'s address, and the one the README names. */
const DEFAULT_LOCAL_URL = 'http://127.0.0.1:8090';

/** Whether something answers HTTP at a loopback address (any status: the emulator answers 401 unsigned). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${new URL(url).origin}/v3/projects`, { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

/** The emulators to offer: the one `npm start` started, those used before, the default; each checked. */
function emulatorOffers(ctx: Parameters<CommandFactory>[0]): Offer[] {
  const started = startedEmulatorUrl();
  const recent = ctx.connections.recentLocalUrls();
  const why = new Map<string, string>();
  if (started) why.set(started, vscode.l10n.t('started by npm start'));
  recent.forEach((u, i) =>
    why.set(u, [why.get(u), i === 0 ? vscode.l10n.t('last used') : vscode.l10n.t('used before')].filter(Boolean).join(' · ')),
  );
  if (!why.has(DEFAULT_LOCAL_URL)) why.set(DEFAULT_LOCAL_URL, vscode.l10n.t("the emulator's default address"));
  return [...why].map(([value, description]) => ({ value, description }));
}

/** An emulator already running on this machine (`npm start` starts one), by URL and AK/SK. */
export const connectLocal: CommandFactory = (ctx) => {
  const run = async (opts?: { url?: string; ak?: string; sk?: string }): Promise<unknown> => {
    ctx.requireTrust();
    const title = vscode.l10n.t('Connect to a Local Emulator');
    let url = opts?.url;
    if (!url) {
      const offers = emulatorOffers(ctx);
      const checking = vscode.l10n.t('checking…');
      const base = new Map(offers.map((o) => [o.value, o.description]));
      for (const o of offers) o.description = `${base.get(o.value)} · ${checking}`;
      url = await askChoiceOrText({
        title,
        step: 1,
        total: 3,
        placeholder: vscode.l10n.t('Pick a running emulator, or type its URL (127.0.0.1 or localhost only)'),
        offers,
        validate: (v) => {
          const checked = localEndpoints(v);
          return typeof checked === 'string' ? checked : undefined;
        },
        update: (refresh) => {
          for (const o of offers)
            void answers(o.value).then((up) => {
              o.description = `${base.get(o.value)} · ${up ? vscode.l10n.t('running') : vscode.l10n.t('not answering')}`;
              refresh();
            });
        },
      });
    }
    if (!url) return undefined;
    // Nothing listening there: said now, not after both keys are typed.
    if (!opts?.ak && !(await answers(url))) {
      offerAgain(
        vscode.l10n.t(
          'Nothing answers at {0}. Is the emulator running? npm start starts one, and so does npm run emulator.',
          url,
        ),
        url,
        opts,
      );
      return undefined;
    }
    const keys = await askKeys({ title, step: 2, total: 3 }, opts, [
      vscode.l10n.t('the access key, e.g. EMULATOR-AK (npm start prints the keys)'),
      vscode.l10n.t('the secret key, e.g. EMULATOR-SK'),
    ]);
    if (!keys) return undefined;
    await ctx.connections.storeSecrets(keys);
    try {
      return await withProgress(vscode.l10n.t('Connecting to the emulator at {0}…', url), () =>
        ctx.connections.connectCloud({ region: DEFAULT_REGION, auth: 'aksk', localUrl: url }),
      );
    } catch (e) {
      const cause = localFailure(e);
      if (cause === undefined) throw e;
      offerAgain(vscode.l10n.t('Could not connect to the emulator at {0}: {1}.', url, cause), url, { ...keys, url });
      return undefined;
    }
  };
  /**
   * The failure, naming the address and why: Retry tries the same again (with the keys typed, if any);
   * Change Address starts over, keys included, so nobody ends up signed in as someone they did not choose.
   */
  const offerAgain = (message: string, url: string, same?: { url?: string; ak?: string; sk?: string }) => {
    log().warn(message);
    const retry = vscode.l10n.t('Retry');
    const change = vscode.l10n.t('Change Address');
    void vscode.window.showErrorMessage(message, retry, change).then((choice) => {
      const again = choice === retry ? { ...same, url } : choice === change ? {} : undefined;
      if (again) void run(again).catch((err: Error) => vscode.window.showErrorMessage(err.message));
    });
  };
  return run;
};

/** A network failure's cause in VS Code's language (core/client/errors.ts keeps the kinds, in English). */
function causeText(e: unknown): string {
  const cause = networkCauseOf(e);
  switch (cause.kind) {
    case 'refused':
      return vscode.l10n.t('connection refused: nothing listens at that address and port');
    case 'dns':
      return vscode.l10n.t('the host name is not known (DNS)');
    case 'timeout':
      return vscode.l10n.t('the connection timed out');
    case 'closed':
      return vscode.l10n.t('the connection was closed by the other side');
    case 'unreachable':
      return vscode.l10n.t('the network cannot reach that host');
    case 'tls':
      return vscode.l10n.t('the TLS certificate was refused ({0})', cause.code);
    case 'other':
      return cause.text;
  }
}

/**
 * Why a local connection failed, in words that say what to do, or undefined when it is not about the
 * address: nothing listens (and what starts an emulator), a timeout, TLS, or an answer that is not the
 * emulator's (another program on that port), or the keys refused.
 */
function localFailure(e: unknown): string | undefined {
  if (e instanceof ImsNetworkError)
    return vscode.l10n.t('{0}. Is it running? npm start starts one, and so does npm run emulator', causeText(e.cause ?? e));
  if (e instanceof ImsError && (e.status === 401 || e.status === 403))
    return vscode.l10n.t('it refused the access key ({0}): use the keys the emulator was started with', e.status);
  if (e instanceof ImsError || e instanceof SyntaxError)
    return vscode.l10n.t('it answered, but not as the emulator does: is another program on that port?');
  return undefined;
}

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
