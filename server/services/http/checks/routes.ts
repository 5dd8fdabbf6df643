/** A request to an IMS host whose path is no tag API, or whose method the path does not take. */
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { HttpRequestInput } from './input';

const UNKNOWN_PATH = {
  code: 'unknown-ims-path',
  severity: DiagnosticSeverity.Warning,
  when: 'an IMS host with a path that is no tag API, with a did-you-mean',
  why: 'The tag APIs and their paths (docs/sources.md §A.2).',
};
const WRONG_METHOD = {
  code: 'method-not-supported',
  severity: DiagnosticSeverity.Error,
  when: 'a known IMS path with a method it does not take',
  why: 'Each API takes one method on its path (docs/sources.md §A.2).',
  fix: 'use the right method',
};

export const routes = defineCheck({
  name: 'routes',
  languages: ['http'],
  codes: [UNKNOWN_PATH, WRONG_METHOD],
  messages: {
    en: {
      unknownPath: (path: string, suggestions: string[]) =>
        `"${path}" is not an IMS tag API path.${suggestions.length ? ` Did you mean ${suggestions.map((p) => `"${p}"`).join(' or ')}?` : ''}`,
      wrongMethod: (method: string, methods: string, apis: string) =>
        `${method} is not supported on this IMS path: use ${methods} (${apis}).`,
    },
    zh: {
      unknownPath: (path, suggestions) =>
        `"${path}" 不是 IMS 标签接口的路径。${suggestions.length ? `您是否想输入 ${suggestions.map((p) => `"${p}"`).join(' 或 ')}？` : ''}`,
      wrongMethod: (method, methods, apis) => `此 IMS 路径不支持 ${method}：请使用 ${methods}（${apis}）。`,
    },
  },
  run(sink, { request, match }: HttpRequestInput, m) {
    const urlSpan = request.url.span;
    if (match.kind === 'unknownPath') {
      const suggestions = [...new Set(match.suggestions.map((a) => a.path))];
      sink.report(UNKNOWN_PATH, sink.at(urlSpan.start, urlSpan.end), m.unknownPath(match.path, suggestions));
    } else if (match.kind === 'wrongMethod') {
      const methods = [...new Set(match.apis.map((a) => a.method))];
      const span = request.method?.span ?? urlSpan;
      sink.report(
        WRONG_METHOD,
        sink.at(span.start, span.end),
        m.wrongMethod(match.method, methods.join(sink.shared.or()), match.apis.map((a) => a.id).join(', ')),
        request.method ? { data: { fix: { kind: 'replaceMethod', values: methods } } } : {},
      );
    }
  },
});
