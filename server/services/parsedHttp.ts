/** One parse of a `.http` document with its IMS request matches, shared by every http service. */
import { parseHttpFile, type HttpFile, type HttpRequest } from '../../core/http/httpFile';
import { matchImsRequest, type ImsMatch } from '../../core/http/imsRequest';

export class ParsedHttp {
  readonly file: HttpFile;
  private readonly matches = new Map<HttpRequest, ImsMatch | undefined>();

  constructor(readonly text: string) {
    this.file = parseHttpFile(text);
  }

  match(request: HttpRequest): ImsMatch | undefined {
    if (!this.matches.has(request)) this.matches.set(request, matchImsRequest(request, this.file.variables));
    return this.matches.get(request);
  }

  /** The request whose block holds the offset. */
  requestAt(offset: number): HttpRequest | undefined {
    return this.file.requests.find((r) => offset >= r.span.start && offset <= r.span.end);
  }
}
