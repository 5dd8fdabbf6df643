/**
 * "Send IMS request": a CodeLens above each IMS request (and IAM token request) in .http files. It
 * resolves every {{variable}} as REST Client would (request, file, prompt, environment and system
 * variables; projectId and region default to the connection's), asks the `# @prompt`s and confirms a
 * `# @note`, signs with the stored credentials unless the request carries its own X-Auth-Token, asks
 * before destructive requests, and shows status, headers (secrets masked) and pretty JSON beside the
 * file. A named request's response is kept for the request variables of the next ones. It sends to
 * the connected endpoint (the cloud region or the Sandbox), whatever host the file names.
 */
import * as vscode from 'vscode';
import { decodeSafely } from '../core/util/decode';
import { ImsError, parseErrorBody } from '../core/client/errors';
import { parseHttpFile, type HttpRequest } from '../core/http/httpFile';
import { matchImsRequest, routeFor } from '../core/http/imsRequest';
import { inputsFor, resolveRequest, urlParts, withDefaults } from '../core/http/requestTarget';
import { looksSecret, mask } from '../core/http/variables/references';
import { isSecretParameter, urlForLog, urlWithSecretsMasked } from '../core/http/variables/secrets';
import { resolveText, type StoredResponse } from '../core/http/variables/resolver';
import { readVariableSources } from './httpEnvironment';
import { DEFAULT_REGION } from '../core/catalogue';
import type { Ctx } from './context';
import { log } from './log';
import { readOnlyDocuments } from './readOnlyDocuments';

/** IAM's token request (`POST …/v3/auth/tokens`): sent like an IMS request, so a file can chain its token. */
export function isTokenRequest(r: HttpRequest, url: string): boolean {
  return (r.method?.text ?? 'GET').toUpperCase() === 'POST' && /\/v3\/auth\/tokens(?:[?#]|$)/.test(url);
}

class Lenses implements vscode.CodeLensProvider {
  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const file = parseHttpFile(doc.getText());
    // IMS requests are recognized through every variable source, as the server recognizes them.
    const inputs = inputsFor(file, { environment: (await readVariableSources(doc.uri)).environment });
    const out: vscode.CodeLens[] = [];
    for (const r of file.requests) {
      const title =
        matchImsRequest(r, inputs)?.kind === 'api'
          ? vscode.l10n.t('Send IMS request')
          : isTokenRequest(r, resolveText(inputs, r.fullUrl, r).text)
            ? vscode.l10n.t('Send IAM token request')
            : undefined;
      if (!title) continue;
      const line = doc.positionAt(r.requestLine.start).line;
      out.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title,
          command: 'imsTags.sendRequest',
          arguments: [doc.uri, r.index],
        }),
      );
    }
    return out;
  }
}

/** How Send may be driven without a person (tests): answers to the questions it would ask. */
export interface SendOptions {
  /** The confirmation of a change, of another host, or of a `# @note`. */
  confirmed?: boolean;
  /** Answers to `# @prompt` variables. */
  prompts?: Record<string, string>;
}

export function registerSendRequest(ctx: Ctx, onError: (e: unknown) => Promise<void>): void {
  ctx.push(
    vscode.languages.registerCodeLensProvider({ language: 'http' }, new Lenses()),
    vscode.commands.registerCommand('imsTags.sendRequest', async (uri?: vscode.Uri, index?: number, opts?: SendOptions) => {
      try {
        return await send(uri, index, opts ?? {});
      } catch (e) {
        await onError(e);
        return undefined;
      }
    }),
  );

  /** The last response of each named request sent in this window: request variables read them. */
  const named = new Map<string, StoredResponse>();

  async function ask(request: HttpRequest, opts: SendOptions): Promise<Map<string, string> | undefined> {
    const answers = new Map<string, string>();
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
      answers.set(p.name, value);
    }
    return answers;
  }

  async function send(uri: vscode.Uri | undefined, index: number | undefined, opts: SendOptions) {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc) throw new Error(vscode.l10n.t('Open a .http file first.'));
    const c = ctx.connected();
    const file = parseHttpFile(doc.getText());
    const request: HttpRequest | undefined =
      index !== undefined
        ? file.requests[index]
        : file.requests.find((r) => {
            const line = vscode.window.activeTextEditor?.selection.active.line ?? 0;
            return doc.positionAt(r.span.start).line <= line && line <= doc.positionAt(r.span.end).line;
          });
    if (!request) throw new Error(vscode.l10n.t('Put the cursor in an IMS request.'));
    const sources = await readVariableSources(doc.uri);
    const defaults = { projectId: c.projectId, region: c.kind === 'cloud' ? c.region : DEFAULT_REGION };
    const base = inputsFor(file, { ...sources, environment: withDefaults(sources.environment, defaults), responses: named });
    const token = isTokenRequest(request, resolveText(base, request.fullUrl, request).text);
    const match = token ? undefined : matchImsRequest(request, base);
    const imsApi = match?.kind === 'api' ? match.api : undefined;
    if (!token && !imsApi) throw new Error(vscode.l10n.t('Put the cursor in an IMS request.'));
    if (request.note && !opts.confirmed) {
      const go = vscode.l10n.t('Send');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('This request has a note (# @note): send it?'),
        { modal: true, detail: request.title },
        go,
      );
      if (answer !== go) return undefined;
    }
    const prompts = await ask(request, opts);
    if (!prompts) return undefined;
    const inputs = { ...base, prompts };
    const resolved = resolveRequest(inputs, request);
    const envName = sources.environment.name || vscode.l10n.t('none');
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
    const { host, path, pathAndQuery } = urlParts(resolved.url);
    if (token) {
      const result = await c.iam.exchangeTokenRequest(pathAndQuery, resolved.body, written);
      log().info(`Sent the IAM token request from ${doc.uri.path.split('/').pop()}: ${result.status}`);
      if (request.name) named.set(request.name, { status: result.status, headers: result.headers, body: result.text });
      const uriShown = await show('POST', `${c.iam.endpoint}${pathAndQuery}`, 'IAM token', result);
      return { status: result.status, body: result.text, uri: uriShown };
    }
    // Not the token request, so an IMS API (checked above).
    const api = imsApi!;
    const target = `${c.endpoint}${pathAndQuery}`;
    // A request that carries its own X-Auth-Token is sent with it, as written, and not signed.
    const ownToken = Object.keys(written).some((k) => k.toLowerCase() === 'x-auth-token');
    // The request goes to the connection, whatever host the file names: say so before it goes.
    const elsewhere = host && host.toLowerCase() !== new URL(c.endpoint).host.toLowerCase();
    if ((!api.readOnly || elsewhere) && !opts.confirmed) {
      const go = vscode.l10n.t('Send');
      const question = api.readOnly
        ? vscode.l10n.t('Send {0} {1}?', api.method, target)
        : vscode.l10n.t('Send {0} {1}? It changes tags.', api.method, target);
      const detail = elsewhere
        ? vscode.l10n.t('The file names {0}; the request goes to the connected endpoint instead.', host)
        : undefined;
      const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, go);
      if (answer !== go) return undefined;
    }
    const result = await c.client.exchange(
      api,
      pathAndQuery,
      resolved.body,
      undefined,
      ownToken ? { headers: written, unsigned: true } : {},
    );
    // The log names method, host and path only: a query may carry a token.
    log().info(
      `Sent ${api.id} from ${doc.uri.path.split('/').pop()}: ${api.method} ${urlForLog(target)}${ownToken ? ' with its own X-Auth-Token' : ''}: ${result.status}`,
    );
    if (request.name) named.set(request.name, { status: result.status, headers: result.headers, body: result.text });
    if (!api.readOnly && result.status < 300) {
      // The tree shows what the request changed: the image the path names, or all of them.
      const imageId = routeFor(api.method, path).hit?.params.image_id;
      if (imageId) await ctx.tree.refreshImage(decodeSafely(imageId));
      else ctx.tree.refresh();
    }
    const responseUri = await show(api.method, target, api.id, result);
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
