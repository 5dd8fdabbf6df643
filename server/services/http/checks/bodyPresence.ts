/**
 * Whether an IMS request has the body its API takes: none where it takes none, one (after a blank line)
 * where it needs one, and the Content-Type header with it.
 */
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import { apiOf, header, type HttpRequestInput } from './input';

const UNEXPECTED_BODY = {
  code: 'unexpected-body',
  severity: DiagnosticSeverity.Warning,
  when: 'an API that takes no body has one',
  why: 'The API page documents no request body (docs/sources.md §A.2).',
};
const NO_BLANK_LINE = {
  code: 'body-without-blank-line',
  severity: DiagnosticSeverity.Error,
  when: 'JSON right after the request line or headers, with no blank line (as some API pages print it)',
  why: 'No `.http` tool reads it as the body (docs/sources.md §H).',
  fix: 'add the blank line',
};
const MISSING_BODY = {
  code: 'missing-body',
  severity: DiagnosticSeverity.Error,
  when: 'an API that needs a body has none',
  why: 'The API page documents a required body (docs/sources.md §A.2).',
};
const MISSING_CONTENT_TYPE = {
  code: 'missing-content-type',
  severity: DiagnosticSeverity.Warning,
  when: 'a JSON body without `Content-Type`',
  why: 'The SDK sends `application/json;charset=UTF-8` (docs/sources.md §A.2).',
  fix: 'add the header the SDK sends',
};

export const bodyPresence = defineCheck({
  name: 'bodyPresence',
  languages: ['http'],
  codes: [UNEXPECTED_BODY, NO_BLANK_LINE, MISSING_BODY, MISSING_CONTENT_TYPE],
  messages: {
    en: {
      noBody: (id: string) => `${id} takes no request body.`,
      bodyNeedsBlankLine: (id: string) =>
        `This ${id} body follows the request line without a blank line, so no .http tool reads it as the body: add a blank line before the body.`,
      needsBody: (id: string, example: string) => `${id} needs a JSON body, for example: ${example}`,
      noContentType: (ct: string) => `The JSON body has no Content-Type header: add "Content-Type: ${ct}".`,
    },
    zh: {
      noBody: (id) => `${id} 不接受请求体。`,
      bodyNeedsBlankLine: (id) =>
        `此 ${id} 请求体紧跟在请求行之后，中间没有空行，任何 .http 工具都不会把它当作请求体：请在请求体前加一个空行。`,
      needsBody: (id, example) => `${id} 需要 JSON 请求体，例如：${example}`,
      noContentType: (ct) => `JSON 请求体缺少 Content-Type 请求头：请添加 "Content-Type: ${ct}"。`,
    },
  },
  run(sink, input: HttpRequestInput, m) {
    const api = apiOf(input);
    if (!api) return;
    const { request } = input;
    const body = request.body;
    if (!api.bodySchema) {
      if (body && !body.file) sink.report(UNEXPECTED_BODY, sink.at(body.span.start, body.span.end), m.noBody(api.id));
      return;
    }
    const line = sink.at(request.requestLine.start, request.requestLine.end);
    if (!body && request.unseparatedBody) {
      const stray = request.unseparatedBody;
      sink.report(NO_BLANK_LINE, sink.at(stray.start, stray.end), m.bodyNeedsBlankLine(api.id), {
        data: { fix: { kind: 'insertBlankLine', offset: stray.start } },
      });
      return;
    }
    if (!body) return sink.report(MISSING_BODY, line, m.needsBody(api.id, JSON.stringify(api.exampleBody)));
    if (!header(request, 'Content-Type'))
      sink.report(MISSING_CONTENT_TYPE, line, m.noContentType(api.contentType), {
        data: { fix: { kind: 'addContentType', request: request.index, value: api.contentType } },
      });
  },
});
