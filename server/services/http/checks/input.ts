/** What .http checks are handed: the document and its parse, the service context, and (request checks) one request with its match. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ImsApi } from '../../../../core/catalogue';
import type { HttpRequest } from '../../../../core/http/httpFile';
import type { ImsMatch } from '../../../../core/http/imsRequest';
import type { ParsedHttp } from '../../parsedHttp';
import type { ServiceContext } from '../../serviceContext';

export interface HttpDocumentInput {
  doc: TextDocument;
  parsed: ParsedHttp;
  ctx: ServiceContext;
}

export interface HttpRequestInput extends HttpDocumentInput {
  request: HttpRequest;
  /** How the request matched the IMS catalogue (requests to other hosts are not checked). */
  match: ImsMatch;
}

/** The API of a request that matched one, else undefined (an unknown path or a wrong method). */
export function apiOf(input: HttpRequestInput): ImsApi | undefined {
  return input.match.kind === 'api' ? input.match.api : undefined;
}

export function header(request: HttpRequest, name: string) {
  return request.headers.find((h) => h.name.text.toLowerCase() === name.toLowerCase());
}
