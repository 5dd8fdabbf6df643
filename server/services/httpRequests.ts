/**
 * The sendable requests of a `.http` document, for the client's Send, least privilege and policy checks
 * (core/protocol.ts: imsTags/httpRequests, imsTags/resolveHttpRequest) and the Send lenses: IMS API
 * requests and IAM's token request, recognized through every variable source, and one of them resolved
 * exactly as it goes out (core/http/requestTarget.ts). The client parses no `.http` text itself.
 */
import type { CodeLens, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../../core/catalogue';
import { requestNamed, type HttpRequest } from '../../core/http/httpFile';
import { matchImsRequest } from '../../core/http/imsRequest';
import { resolveRequest, urlParts, withDefaults } from '../../core/http/requestTarget';
import { resolveText, type StoredResponse, type VariableInputs } from '../../core/http/variables/resolver';
import {
  SEND_REQUEST_COMMAND,
  type HttpRequestSummary,
  type ResolveHttpRequestParams,
  type ResolvedHttpRequest,
} from '../../core/protocol';
import type { ParsedHttp } from './parsedHttp';

/** IAM's token request (`POST …/v3/auth/tokens`): sent like an IMS request, so a file can chain its token. */
function isTokenRequest(r: HttpRequest, inputs: VariableInputs): boolean {
  if ((r.method?.text ?? 'GET').toUpperCase() !== 'POST') return false;
  return /\/v3\/auth\/tokens(?:[?#]|$)/.test(resolveText(inputs, r.fullUrl, r).text);
}

/** What the request is, matched through the document's variable sources, or through `inputs` (Send's, with defaults). */
function summary(parsed: ParsedHttp, r: HttpRequest, doc: TextDocument, inputs?: VariableInputs): HttpRequestSummary | undefined {
  const m = inputs ? matchImsRequest(r, inputs) : parsed.match(r);
  const line = doc.positionAt(r.requestLine.start).line;
  if (m?.kind === 'api') return { index: r.index, line, kind: 'api', apiId: m.api.id };
  return isTokenRequest(r, inputs ?? parsed.inputs) ? { index: r.index, line, kind: 'token' } : undefined;
}

/** The document's IMS and token requests (those the range touches, when given). */
export function httpRequests(doc: TextDocument, parsed: ParsedHttp, range?: Range): HttpRequestSummary[] {
  const from = range ? doc.offsetAt(range.start) : -1;
  const to = range ? doc.offsetAt(range.end) : Infinity;
  return parsed.file.requests.flatMap((r) => {
    if (r.span.end < from || r.span.start > to) return [];
    return summary(parsed, r, doc) ?? [];
  });
}

/** A "Send" lens above each request the client can send. */
export function httpSendLenses(doc: TextDocument, parsed: ParsedHttp, lang: Lang): CodeLens[] {
  return httpRequests(doc, parsed).map((s) => ({
    range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } },
    command: {
      title:
        s.kind === 'api'
          ? lang === 'zh'
            ? '发送 IMS 请求'
            : 'Send IMS request'
          : lang === 'zh'
            ? '发送 IAM 令牌请求'
            : 'Send IAM token request',
      command: SEND_REQUEST_COMMAND,
      arguments: [doc.uri, s.index],
    },
  }));
}

/** One request resolved with the client's defaults, responses and answers; undefined when it is not sendable. */
export function resolveHttpRequest(
  doc: TextDocument,
  parsed: ParsedHttp,
  p: ResolveHttpRequestParams,
): ResolvedHttpRequest | undefined {
  const requests = parsed.file.requests;
  const request =
    typeof p.index === 'number'
      ? requests[p.index]
      : typeof p.line === 'number'
        ? requests.find((r) => doc.positionAt(r.span.start).line <= p.line! && p.line! <= doc.positionAt(r.span.end).line)
        : undefined;
  if (!request) return undefined;
  const sources = parsed.variableSources;
  const responses = new Map<string, StoredResponse>(Object.entries(p.responses ?? {}).filter(([, v]) => isStoredResponse(v)));
  const prompts = new Map(Object.entries(p.prompts ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const inputs: VariableInputs = {
    ...parsed.inputs,
    environment: withDefaults(sources.environment, p.defaults),
    responses,
    prompts,
  };
  const found = summary(parsed, request, doc, inputs);
  if (!found) return undefined;
  const resolved = resolveRequest(inputs, request);
  const awaits = resolved.awaits.flatMap(({ request: name, variables }) => {
    const named = requestNamed(parsed.file, name, inputs.dialect);
    const line = named && doc.positionAt(named.requestLine.start).line;
    return named && named !== request ? [{ name, index: named.index, line: line!, variables }] : [];
  });
  return {
    ...found,
    ...resolved,
    awaits,
    ...urlParts(resolved.url),
    name: request.name,
    title: request.title ?? doc.getText().slice(request.requestLine.start, request.requestLine.end).trim(),
    note: request.note,
    prompts: request.prompts.map((q) => ({ name: q.name, description: q.description })),
    environment: sources.environment.name,
  };
}

function isStoredResponse(v: unknown): v is StoredResponse {
  const r = v as StoredResponse | undefined;
  return typeof r === 'object' && r !== null && typeof r.status === 'number' && typeof r.body === 'string';
}
