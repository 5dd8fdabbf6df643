/**
 * "Send IMS request": a CodeLens above each IMS request in .http files. It resolves the file's
 * {{variables}} (projectId and region default to the connection's), signs with the stored credentials,
 * asks before destructive requests, and shows status, headers and pretty JSON in a read-only editor.
 * It sends to the connected endpoint (the cloud region or the Sandbox), whatever host the file names.
 */
import * as vscode from 'vscode';
import { ImsError, parseErrorBody } from '../core/client/errors';
import { parseHttpFile, type HttpRequest } from '../core/http/httpFile';
import { matchImsRequest, routeFor } from '../core/http/imsRequest';
import { requestTarget } from '../core/http/requestTarget';
import { DEFAULT_REGION } from '../core/catalogue';
import type { Ctx } from './context';
import { log } from './log';

export const RESPONSE_SCHEME = 'ims-response';

class Responses implements vscode.TextDocumentContentProvider {
  private readonly store = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.store.get(uri.path) ?? '';
  }
  /** `.jsonc` shows a JSON body highlighted, with the request and status as comments above it. */
  add(title: string, text: string, extension: 'jsonc' | 'txt'): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${++this.counter}-${title}.${extension}` });
    this.store.set(uri.path, text);
    return uri;
  }
}

class Lenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const file = parseHttpFile(doc.getText());
    const out: vscode.CodeLens[] = [];
    for (const r of file.requests) {
      const m = matchImsRequest(r, file.variables);
      if (m?.kind !== 'api') continue;
      const line = doc.positionAt(r.requestLine.start).line;
      out.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: vscode.l10n.t('Send IMS request'),
          command: 'imsTags.sendRequest',
          arguments: [doc.uri, r.index],
        }),
      );
    }
    return out;
  }
}

export function registerSendRequest(ctx: Ctx, onError: (e: unknown) => Promise<void>): Responses {
  const responses = new Responses();
  ctx.push(
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses),
    vscode.languages.registerCodeLensProvider({ language: 'http' }, new Lenses()),
    vscode.commands.registerCommand(
      'imsTags.sendRequest',
      async (uri?: vscode.Uri, index?: number, opts?: { confirmed?: boolean }) => {
        try {
          return await send(uri, index, opts?.confirmed === true);
        } catch (e) {
          await onError(e);
          return undefined;
        }
      },
    ),
  );

  async function send(uri: vscode.Uri | undefined, index: number | undefined, confirmed: boolean) {
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
    const t =
      request && requestTarget(file, request, { projectId: c.projectId, region: c.kind === 'cloud' ? c.region : DEFAULT_REGION });
    if (!t) throw new Error(vscode.l10n.t('Put the cursor in an IMS request.'));
    if (t.missing.length)
      throw new Error(
        vscode.l10n.t('These variables have no value: {0}. Define them in the file (@name = value).', t.missing.join(', ')),
      );
    const { api, host, path, body } = t;
    const target = `${c.endpoint}${t.pathAndQuery}`;
    // The request goes to the connection, whatever host the file names: say so before it goes.
    const elsewhere = host && host.toLowerCase() !== new URL(c.endpoint).host.toLowerCase();
    if ((!api.readOnly || elsewhere) && !confirmed) {
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
    const result = await c.client.exchange(api, t.pathAndQuery, body);
    let pretty = result.text;
    let json = true;
    try {
      pretty = result.text ? JSON.stringify(JSON.parse(result.text), null, 2) : '';
    } catch {
      json = false; // not JSON (the native APIs answer errors in XML): shown as it came
    }
    log().info(`Sent ${api.id} from ${doc.uri.path.split('/').pop()} to ${target}: ${result.status}`);
    if (!api.readOnly && result.status < 300) {
      // The tree shows what the request changed: the image the path names, or all of them.
      const imageId = routeFor(api.method, path).hit?.params.image_id;
      if (imageId) await ctx.tree.refreshImage(decodeURIComponent(imageId));
      else ctx.tree.refresh();
    }
    const head = [
      `${api.method} ${target}`,
      `HTTP ${result.status} (${result.ms} ms) — ${api.id}`,
      ...Object.entries(result.headers).map(([k, v]) => `${k}: ${v}`),
    ]
      .map((line) => (json ? `// ${line}` : line))
      .join('\n');
    const responseUri = responses.add(api.id, `${head}\n\n${pretty}\n`, json ? 'jsonc' : 'txt');
    const shown = await vscode.workspace.openTextDocument(responseUri);
    await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    if (result.status === 401 || result.status === 403) {
      const err = parseErrorBody(result.text);
      void onError(
        new ImsError(err.message ?? 'denied', result.status, err.code, result.headers['x-request-id'], api, api.actions),
      );
    }
    return { status: result.status, body: result.text, uri: responseUri.toString() };
  }
  return responses;
}
