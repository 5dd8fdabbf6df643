/**
 * The custom requests through which the client asks the server about .http documents (core/protocol.ts):
 * the sendable requests of a document, one of them resolved as it goes out, and the environments it can
 * select. A document the client has not opened is read from disk, once, for the answer.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  HTTP_ENVIRONMENTS_REQUEST,
  HTTP_REQUESTS_REQUEST,
  RESOLVE_HTTP_REQUEST,
  type HttpEnvironmentsParams,
  type HttpEnvironmentsResult,
  type HttpRequestsParams,
  type HttpRequestsResult,
  type ResolveHttpRequestParams,
  type ResolveHttpRequestResult,
} from '../../core/protocol';
import type { ServerContext } from './context';

/** A .http file larger than this is not read from disk for a request (open it in an editor instead). */
const MAX_HTTP_FILE_BYTES = 5 * 1024 * 1024;

export function registerHttpRequests(ctx: ServerContext): void {
  const { connection, service } = ctx;
  /** The open document, else the file's text now (a command may name a file no editor shows). */
  const documentOf = async (uri: unknown): Promise<TextDocument | undefined> => {
    if (typeof uri !== 'string') return undefined;
    const open = ctx.documents.get(uri);
    if (open) return open;
    const text = await ctx.host.files.read(uri, MAX_HTTP_FILE_BYTES).catch(() => undefined);
    return typeof text === 'string' ? TextDocument.create(uri, 'http', 0, text) : undefined;
  };

  connection.onRequest(HTTP_REQUESTS_REQUEST, async (p: HttpRequestsParams, token): Promise<HttpRequestsResult> => {
    const doc = await documentOf(p?.uri);
    return doc ? ctx.guard('httpRequests', [], token, () => service.httpRequests(doc, p.range)) : [];
  });

  connection.onRequest(RESOLVE_HTTP_REQUEST, async (p: ResolveHttpRequestParams, token): Promise<ResolveHttpRequestResult> => {
    const doc = await documentOf(p?.uri);
    const defaults = p?.defaults;
    if (!doc || typeof defaults?.projectId !== 'string' || typeof defaults.region !== 'string') return null;
    return ctx.guard('resolveHttpRequest', null, token, () => service.resolveHttpRequest(doc, p) ?? null);
  });

  connection.onRequest(HTTP_ENVIRONMENTS_REQUEST, (p: HttpEnvironmentsParams | undefined): HttpEnvironmentsResult => {
    // Without a document: the sources of a file at the first folder's root.
    const root = ctx.folders[0]?.replace(/\/$/, '');
    const uri = typeof p?.uri === 'string' ? p.uri : root ? `${root}/x.http` : 'untitled:x.http';
    const { names } = ctx.environments.forDocument(uri).environment;
    return { names: [...names], selected: ctx.settings.current.http.environment };
  });
}
