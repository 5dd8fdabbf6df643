/** One parse of a `.http` document with its IMS request matches, shared by every http service. */
import { parseHttpFile, type HttpFile, type HttpRequest } from '../../core/http/httpFile';
import { matchImsRequest, type ImsMatch } from '../../core/http/imsRequest';
import type { VariableInputs } from '../../core/http/variables/resolver';
import { NO_VARIABLE_SOURCES, type HttpVariableSources } from '../../core/http/variables/sources';

export class ParsedHttp {
  readonly file: HttpFile;
  private readonly matches = new Map<HttpRequest, ImsMatch | undefined>();
  private sources: HttpVariableSources = NO_VARIABLE_SOURCES;

  constructor(readonly text: string) {
    this.file = parseHttpFile(text);
  }

  /** The variable sources in force; matches are kept while the environment stays the same object. */
  use(sources: HttpVariableSources): void {
    if (sources.environment !== this.sources.environment) this.matches.clear();
    this.sources = sources;
  }

  get variableSources(): HttpVariableSources {
    return this.sources;
  }

  /** Everything the resolver needs, without the send-time parts (prompts' answers, responses). */
  get inputs(): VariableInputs {
    const s = this.sources;
    return {
      file: this.file,
      environment: s.environment,
      system: s.system,
      ...(s.dotenvVariables ? { dotenvVariables: s.dotenvVariables } : {}),
      ...(s.dialect ? { dialect: s.dialect } : {}),
      ...(s.system?.restricted ? { restricted: true } : {}),
    };
  }

  match(request: HttpRequest): ImsMatch | undefined {
    if (!this.matches.has(request))
      this.matches.set(request, matchImsRequest(request, { file: this.file, environment: this.sources.environment }));
    return this.matches.get(request);
  }

  /** The request whose block holds the offset (requests are in document order: a binary search). */
  requestAt(offset: number): HttpRequest | undefined {
    const rs = this.file.requests;
    let lo = 0;
    let hi = rs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rs[mid];
      if (offset < r.span.start) hi = mid - 1;
      else if (offset > r.span.end) lo = mid + 1;
      else return r;
    }
    return undefined;
  }
}
