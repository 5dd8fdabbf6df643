/**
 * "IMS: Run Policy Checks": every IMS request of a .http file sent to the Sandbox or a local emulator as
 * a chosen IAM user, each status set against the verdict predicted from that user's grants. The user
 * signs with a temporary access key made for the run and deleted after it. Only loopback endpoints:
 * the checks change tags and create keys, which nobody wants on a real account by accident.
 */
import * as vscode from 'vscode';
import { effectivePermissions } from '../../core/access/effective';
import { gatherAccessFacts } from '../../core/access/gather';
import { checkSummary, judge, type CheckRow } from '../../core/access/policyCheck';
import { findApi, type ImsApi } from '../../core/catalogue';
import { ImsClient } from '../../core/client/imsClient';
import { HTTP_REQUESTS_REQUEST, RESOLVE_HTTP_REQUEST, SEND_REQUEST_COMMAND, type ResolvedHttpRequest } from '../../core/protocol';
import { isLoopback, type Connection } from '../connection';
import { ImsError } from '../../core/client/errors';
import { principalName, type CallerIdentity } from '../../core/client/iamTypes';
import type { CommandFactory } from '../context';
import { readOnlyDocuments } from '../readOnlyDocuments';
import { connectionDefaults, isHttpDocument } from '../httpDocuments';
import { log, logExchange } from '../log';

export interface PolicyCheckOptions {
  uri?: vscode.Uri;
  /** The IAM user's name (asked when absent). */
  user?: string;
  /** Skip the confirmation (tests). */
  confirmed?: boolean;
}

export const runPolicyChecks: CommandFactory = (ctx) => async (opts?: PolicyCheckOptions) => {
  const c = ctx.connected();
  if (!isLoopback(new URL(c.endpoint)))
    throw new Error(
      vscode.l10n.t(
        'Policy checks send requests as another user and change tags: run them against the Sandbox or a local emulator, not {0}.',
        c.endpoint,
      ),
    );
  // What the checks need of the connection, before anything is asked: to list the users and make a key for one.
  const refused = await administratorMissing(c);
  if (refused) {
    // Said with the way out: connect as the administrator (a local emulator; the Sandbox's is one already).
    log().warn(refused);
    const connect = vscode.l10n.t('Connect to a Local Emulator');
    void vscode.window.showErrorMessage(refused, connect).then((choice) => {
      if (choice === connect) void vscode.commands.executeCommand('imsTags.connectLocal');
    });
    return undefined;
  }
  const doc = opts?.uri ? await vscode.workspace.openTextDocument(opts.uri) : vscode.window.activeTextEditor?.document;
  if (!doc || !isHttpDocument(doc)) throw new Error(vscode.l10n.t('Open a .http file with IMS requests first.'));
  // The server resolves them as Send does (environment, .env, system variables, responses of requests sent
  // in this window; prompts are not asked).
  const uri = doc.uri.toString();
  const defaults = connectionDefaults(c);
  const resolveAll = async () => {
    const found = await ctx.askServer(HTTP_REQUESTS_REQUEST, { uri });
    const responses = ctx.httpResponses.of(uri);
    const out: Array<{ target: ResolvedHttpRequest; api: ImsApi }> = [];
    for (const r of found.filter((f) => f.kind === 'api')) {
      const target = await ctx.askServer(RESOLVE_HTTP_REQUEST, { uri, index: r.index, defaults, responses });
      const api = target?.apiId ? findApi(target.apiId) : undefined;
      if (target && api) out.push({ target, api });
    }
    return out;
  };
  let requests = await resolveAll();
  if (requests.length === 0)
    throw new Error(vscode.l10n.t('{0} has no IMS requests to check.', doc.uri.path.split('/').pop() ?? ''));
  // Requests the others wait for by @name (a login whose token they carry): sent first, as the connection.
  const awaited = [...new Map(requests.flatMap((r) => r.target.awaits).map((a) => [a.index, a])).values()];

  const users = await c.iam.listUsers();
  const name =
    opts?.user ??
    (
      await vscode.window.showQuickPick(
        users.map((u) => ({ label: u.name, description: u.id })),
        { title: vscode.l10n.t('Run the policy checks as which IAM user?'), ignoreFocusOut: true },
      )
    )?.label;
  if (name === undefined) return undefined;
  const user = users.find((u) => u.name === name);
  if (!user) throw new Error(vscode.l10n.t('There is no IAM user named {0} on this connection.', name));
  if (!opts?.confirmed) {
    const go = vscode.l10n.t('Run checks');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send {0} requests as {1} to {2}?', requests.length, user.name, c.endpoint),
      {
        modal: true,
        detail: [
          vscode.l10n.t(
            'Requests that change tags change them there. A temporary access key is made for {0} and deleted after.',
            user.name,
          ),
          ...awaited.map((a) =>
            vscode.l10n.t('First, "{0}" (line {1}) is sent as this connection: the others use its response.', a.name, a.line + 1),
          ),
        ].join('\n'),
      },
      go,
    );
    if (answer !== go) return undefined;
  }

  const sentFirst: string[] = [];
  if (awaited.length) {
    for (const a of awaited) {
      const sent = await vscode.commands.executeCommand<{ status: number } | undefined>(SEND_REQUEST_COMMAND, doc.uri, a.index, {
        confirmed: true,
        quiet: true,
        sendAwaited: true,
      });
      sentFirst.push(
        vscode.l10n.t('"{0}" (line {1}): {2}', a.name, a.line + 1, sent ? String(sent.status) : vscode.l10n.t('not sent')),
      );
    }
    requests = await resolveAll();
  }

  const predicted = new Map(
    effectivePermissions(await gatherAccessFacts(c.iam, user.id, c.projectId), undefined, ctx.schemas.current).map((a) => [
      a.api.id,
      a.decision,
    ]),
  );
  const key = await c.iam.createAccessKey(user.id, 'IMS Tags & Policies: policy checks (temporary)');
  const rows: CheckRow[] = [];
  try {
    const client = new ImsClient({
      endpoint: c.endpoint,
      projectId: c.projectId,
      credentials: { kind: 'aksk', ak: key.access, sk: key.secret },
      maxAttempts: 1,
      onExchange: logExchange,
    });
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Policy checks as {0}', user.name),
        cancellable: true,
      },
      async (progress, token) => {
        for (const [i, { target, api }] of requests.entries()) {
          const row: CheckRow = {
            index: target.index + 1,
            line: target.line + 1,
            api: api.id,
            request: `${api.method} ${target.pathAndQuery}`,
            predicted: predicted.get(api.id) ?? 'notGranted',
            outcome: 'notSent',
          };
          rows.push(row);
          if (token.isCancellationRequested) {
            row.note = vscode.l10n.t('cancelled');
            continue;
          }
          if (target.missing.length) {
            row.note = vscode.l10n.t('variables without a value: {0}', target.missing.join(', '));
            continue;
          }
          progress.report({ message: `${i + 1}/${requests.length} ${api.id}`, increment: 100 / requests.length });
          try {
            const result = await client.exchange(api, target.pathAndQuery, target.body);
            row.status = result.status;
            Object.assign(row, judge(row.predicted, result.status));
          } catch (e) {
            row.note = (e as Error).message;
          }
        }
      },
    );
  } finally {
    await c.iam
      .deleteAccessKey(key.access)
      .catch((e: Error) => log().warn(`The temporary access key was not deleted: ${e.message}`));
  }
  await showReport(doc, user.name, c.endpoint, rows, sentFirst);
  return rows;
};

/**
 * The checks list the account's users and make an access key for one: on the emulator (and by IAM's
 * default) only the account's administrator may. What is missing, in words (undefined when nothing is),
 * said before anything is asked.
 */
async function administratorMissing(c: Connection): Promise<string | undefined> {
  const needed = (who: string) =>
    vscode.l10n.t(
      'Policy checks make a temporary access key for the user they run as, which only the account\'s administrator (a member of the group "admin") may do. This connection signs as {0}: connect with the administrator\'s keys (npm start prints them).',
      who,
    );
  let me: CallerIdentity;
  try {
    me = await c.iam.callerIdentity();
  } catch (e) {
    if (e instanceof ImsError && (e.status === 401 || e.status === 403)) return needed('?');
    throw e;
  }
  const who = principalName(me.principal_urn) ?? me.principal_id;
  try {
    if ((await gatherAccessFacts(c.iam, me.principal_id, c.projectId)).administrator) return undefined;
  } catch (e) {
    if (!(e instanceof ImsError && (e.status === 401 || e.status === 403))) throw e;
  }
  return needed(who);
}

async function showReport(
  doc: vscode.TextDocument,
  user: string,
  endpoint: string,
  rows: CheckRow[],
  sentFirst: readonly string[],
): Promise<void> {
  const s = checkSummary(rows);
  const word = (r: CheckRow) =>
    r.outcome === 'agrees'
      ? vscode.l10n.t('agrees')
      : r.outcome === 'finding'
        ? `**${vscode.l10n.t('finding')}**`
        : vscode.l10n.t('not sent');
  const findings = {
    unauthenticated: vscode.l10n.t('authentication failed (401): the temporary key was not accepted'),
    refusedThoughAllowed: vscode.l10n.t('refused, though the grants allow every action it needs'),
    passedThoughRefused: vscode.l10n.t('not refused, though the grants do not allow an action it needs'),
  };
  const decision = (d: CheckRow['predicted']) =>
    d === 'allowed' ? vscode.l10n.t('allowed') : d === 'denied' ? vscode.l10n.t('denied') : vscode.l10n.t('not granted');
  const content = [
    `# ${vscode.l10n.t('Policy checks: {0} as {1}', doc.uri.path.split('/').pop() ?? '', user)}`,
    '',
    vscode.l10n.t(
      "Each IMS request sent to {0} as {1}; the prediction is what IAM's grants say (My permissions). A refusal is a 403; any other status got past authorization. A finding is a disagreement: a bug of the extension or of the service that answered.",
      endpoint,
      user,
    ),
    '',
    ...(sentFirst.length
      ? [vscode.l10n.t('Sent first, as this connection (the requests below use their responses): {0}.', sentFirst.join('; ')), '']
      : []),
    `| ${['#', vscode.l10n.t('Line'), vscode.l10n.t('Request'), 'API', vscode.l10n.t('Predicted'), vscode.l10n.t('Status'), vscode.l10n.t('Outcome')].join(' | ')} |`,
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.index} | ${r.line} | \`${r.request}\` | ${r.api} | ${decision(r.predicted)} | ${r.status ?? '—'} | ` +
        `${word(r)}${r.finding ? ` — ${findings[r.finding]}` : ''}${r.note ? ` — ${r.note}` : ''} |`,
    ),
    '',
    vscode.l10n.t('{0} agree, {1} findings, {2} not sent.', s.agrees, s.findings, s.notSent),
    '',
  ].join('\n');
  await readOnlyDocuments.show('ims-policy-checks.md', content);
  const message = vscode.l10n.t(
    'Policy checks as {0}: {1} agree, {2} findings, {3} not sent.',
    user,
    s.agrees,
    s.findings,
    s.notSent,
  );
  if (s.findings) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
}
