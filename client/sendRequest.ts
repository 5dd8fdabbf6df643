/**
 * "Send IMS request", run from the language server's lens above each IMS request (and IAM token request)
 * in .http files. The server resolves every {{variable}} as REST Client would (request, file, prompt,
 * environment and system variables; projectId and region default to the connection's); the client asks the `# @prompt`s and confirms a
 * `# @note`, signs with the stored credentials unless the request carries its own X-Auth-Token, asks
 * before destructive requests, and shows status, headers (secrets masked) and pretty JSON beside the
 * file. A named request's response is kept for the request variables of the next ones. It sends to
 * the connected endpoint (the cloud region or the Sandbox), whatever host the file names.
 */
import * as vscode from 'vscode';
import { decodeSafely } from '../core/util/decode';
import { ImsError, parseErrorBody } from '../core/client/errors';
import { findApi } from '../core/catalogue';
import { routeFor } from '../core/http/imsRequest';
import { tagWrite } from '../core/tags/requestTags';
import { imageTarget } from './imageAccess/account';
import { looksSecret, mask } from '../core/http/variables/references';
import { isSecretParameter, urlForLog, urlWithSecretsMasked } from '../core/http/variables/secrets';
import { RESOLVE_HTTP_REQUEST, SEND_REQUEST_COMMAND, type ResolvedHttpRequest } from '../core/protocol';
import type { Ctx } from './context';
import { connectionDefaults, httpDocument } from './httpDocuments';
import { log } from './log';
import { readOnlyDocuments } from './readOnlyDocuments';

/** How Send may be driven without a person (tests): answers to the questions it would ask. */
export interface SendOptions {
  /** The confirmation of a change, of another host, or of a `# @note`. */
  confirmed?: boolean;
  /** Answers to `# @prompt` variables. */
  prompts?: Record<string, string>;
  /**
   * The named requests this one waits for (`{{login.response…}}`): true sends them first without asking,
   * false fails saying which (asked when absent).
   */
  sendAwaited?: boolean;
  /** Keep the response out of sight (the policy checks send a file's login request first). */
  quiet?: boolean;
}

export function registerSendRequest(ctx: Ctx, onError: (e: unknown) => Promise<void>): void {
  // The lenses above the requests come from the language server (server/services/httpRequests.ts).
  ctx.push(
    vscode.commands.registerCommand(
      SEND_REQUEST_COMMAND,
      async (uri?: vscode.Uri | string, index?: number, opts?: SendOptions) => {
        try {
          return await send(uri, index, opts ?? {});
        } catch (e) {
          await onError(e);
          return undefined;
        }
      },
    ),
  );

  const named = ctx.httpResponses;

  async function ask(request: ResolvedHttpRequest, opts: SendOptions): Promise<Record<string, string> | undefined> {
    const answers: Record<string, string> = {};
    for (const p of request.prompts) {
      const given = opts.prompts?.[p.name];
      const value =
        given ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Value of {0}', `{{${p.name}}}`),
          prompt: p.description,
          password: looksSecret(p.name),
          ignoreFocusOut: true,
        }));
      if (value === undefined) return undefined;
      answers[p.name] = value;
    }
    return answers;
  }

  /** `depth`: requests sent first because this one waits for their responses (a chain is followed 3 deep). */
  async function send(
    uri: vscode.Uri | string | undefined,
    index: number | undefined,
    opts: SendOptions,
    depth = 0,
  ): Promise<{ status: number; body: string; uri?: string } | undefined> {
    const doc = await httpDocument(uri);
    if (!doc) throw new Error(vscode.l10n.t('Open a .http file first.'));
    const c = ctx.connected();
    const where = {
      uri: doc.uri.toString(),
      defaults: connectionDefaults(c),
      responses: named.of(doc.uri.toString()),
    };
    const line = vscode.window.activeTextEditor?.document === doc ? vscode.window.activeTextEditor.selection.active.line : 0;
    const first = await ctx.askServer(RESOLVE_HTTP_REQUEST, index !== undefined ? { ...where, index } : { ...where, line });
    if (!first) throw new Error(vscode.l10n.t('Put the cursor in an IMS request.'));
    const awaited = first.awaits[0];
    if (awaited && depth < 3) {
      // {{token}} built on {{login.response…}}: say which request gives it, and offer to send that first.
      const why = vscode.l10n.t(
        '{0} has no value yet: it comes from the response of "{1}" (line {2}), not sent in this window.',
        awaited.variables.map((m) => `{{${m}}}`).join(', '),
        awaited.name,
        awaited.line + 1,
      );
      if (opts.sendAwaited === false) throw new Error(why);
      const go = vscode.l10n.t('Send "{0}" First', awaited.name);
      const answer = opts.sendAwaited ? go : await vscode.window.showWarningMessage(why, { modal: true }, go);
      if (answer !== go) return undefined;
      const sent = await send(doc.uri, awaited.index, { ...opts, prompts: undefined }, depth + 1);
      if (!sent) return undefined;
      if (sent.status >= 400)
        throw new Error(
          vscode.l10n.t(
            '"{0}" answered {1}: its response gives no value to the variables of this request.',
            awaited.name,
            sent.status,
          ),
        );
      return send(doc.uri, first.index, opts, depth + 1);
    }
    if (first.note && !opts.confirmed) {
      const go = vscode.l10n.t('Send');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('This request has a note (# @note): send it?'),
        { modal: true, detail: first.title },
        go,
      );
      if (answer !== go) return undefined;
    }
    const prompts = await ask(first, opts);
    if (!prompts) return undefined;
    // With the answers, the server resolves the request again (a prompt may feed the URL, a header or the body).
    const resolved = first.prompts.length
      ? await ctx.askServer(RESOLVE_HTTP_REQUEST, { ...where, index: first.index, prompts })
      : first;
    if (!resolved) throw new Error(vscode.l10n.t('The request changed while it was being sent: send it again.'));
    const envName = resolved.environment || vscode.l10n.t('none');
    if (resolved.errors.length) throw new Error(resolved.errors.join(' '));
    if (resolved.missing.length)
      throw new Error(
        vscode.l10n.t(
          'These variables have no value: {0} (environment: {1}). Define them in the file (@name = value), in http-client.env.json, or select another environment.',
          resolved.missing.map((m) => `{{${m}}}`).join(', '),
          envName,
        ),
      );
    const written = Object.fromEntries(resolved.headers.map((h) => [h.name, h.value]));
    const { host, path, pathAndQuery } = resolved;
    if (resolved.kind === 'token') {
      const result = await c.iam.exchangeTokenRequest(pathAndQuery, resolved.body, written);
      log().info(`Sent the IAM token request from ${doc.uri.path.split('/').pop()}: ${result.status}`);
      if (resolved.name)
        named.set(doc.uri.toString(), resolved.name, { status: result.status, headers: result.headers, body: result.text });
      const uriShown = opts.quiet ? undefined : await show('POST', `${c.iam.endpoint}${pathAndQuery}`, 'IAM token', result);
      return { status: result.status, body: result.text, uri: uriShown };
    }
    const api = resolved.apiId ? findApi(resolved.apiId) : undefined;
    if (!api) throw new Error(vscode.l10n.t('Put the cursor in an IMS request.'));
    const target = `${c.endpoint}${pathAndQuery}`;
    // A request that carries its own X-Auth-Token is sent with it, as written, and not signed.
    const ownToken = Object.keys(written).some((k) => k.toLowerCase() === 'x-auth-token');
    // The request goes to the connection, whatever host the file names: say so before it goes.
    const elsewhere = host && host.toLowerCase() !== new URL(c.endpoint).host.toLowerCase();
    // A tag write on one image: the access it moves joins the confirmation (client/imageAccess/confirm.ts).
    const write = tagWrite(api, routeFor(api.method, path).hit?.params ?? {}, resolved.body ?? '');
    const image = write?.imageId;
    const keys = image ? Object.keys(write.tags) : [];
    const planned = async () => [
      {
        image: await imageTarget(c.client, { id: image!, name: ctx.tree.loaded.find((i) => i.id === image)?.name ?? image! }),
        tags: write!.tags,
        removes: write!.removes,
      },
    ];
    if ((!api.readOnly || elsewhere) && !opts.confirmed) {
      const go = vscode.l10n.t('Send');
      const question = api.readOnly
        ? vscode.l10n.t('Send {0} {1}?', api.method, target)
        : vscode.l10n.t('Send {0} {1}? It changes tags.', api.method, target);
      const detail = elsewhere
        ? vscode.l10n.t('The file names {0}; the request goes to the connected endpoint instead.', host)
        : undefined;
      if (!(await ctx.tagChanges.confirm(keys, planned, { question, yes: go, detail }))) return undefined;
    } else if (!(await ctx.tagChanges.confirm(keys, planned))) return undefined;
    const result = await c.client.exchange(
      api,
      pathAndQuery,
      resolved.body,
      undefined,
      ownToken ? { headers: written, unsigned: true } : {},
    );
    // The log names method, host and path only: a query may carry a token.
    log().info(
      `Sent ${api.id} from ${doc.uri.path.split('/').pop()}: ${api.method} ${urlForLog(target)}` +
        `${ownToken ? ' with its own X-Auth-Token' : ''}: ${result.status}`,
    );
    if (resolved.name)
      named.set(doc.uri.toString(), resolved.name, { status: result.status, headers: result.headers, body: result.text });
    if (!api.readOnly && result.status < 300) {
      // The tree shows what the request changed: the image the path names, or all of them.
      const imageId = routeFor(api.method, path).hit?.params.image_id;
      if (imageId) await ctx.tree.refreshImage(decodeSafely(imageId));
      else ctx.tree.refresh();
    }
    const responseUri = opts.quiet ? undefined : await show(api.method, target, api.id, result);
    if (result.status === 401 || result.status === 403) {
      const err = parseErrorBody(result.text);
      void onError(
        new ImsError(err.message ?? 'denied', result.status, err.code, result.headers['x-request-id'], api, api.actions),
      );
    }
    return { status: result.status, body: result.text, uri: responseUri };
  }

  /** The response beside the file: status, headers (secrets masked) and pretty JSON. */
  async function show(
    method: string,
    target: string,
    title: string,
    result: { status: number; headers: Record<string, string>; text: string; ms: number },
  ): Promise<string> {
    let pretty = result.text;
    let json = true;
    try {
      pretty = result.text ? JSON.stringify(JSON.parse(result.text), null, 2) : '';
    } catch {
      json = false; // not JSON (the native APIs answer errors in XML): shown as it came
    }
    const head = [
      `${method} ${urlWithSecretsMasked(target)}`,
      `HTTP ${result.status} (${result.ms} ms) — ${title}`,
      ...Object.entries(result.headers).map(([k, v]) => `${k}: ${isSecretParameter(k) ? mask(v) : v}`),
    ]
      .map((line) => (json ? `// ${line}` : line))
      .join('\n');
    // `.jsonc` shows a JSON body highlighted, with the request and status as comments above it.
    const responseUri = readOnlyDocuments.add(
      `${title.replace(/\s+/g, '-')}.${json ? 'jsonc' : 'txt'}`,
      `${head}\n\n${pretty}\n`,
    );
    const shown = await vscode.workspace.openTextDocument(responseUri);
    await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    return responseUri.toString();
  }
}
