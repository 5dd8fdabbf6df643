/** The OpenStack-native tag APIs, which the API pages mark deprecated: rewrite them as their replacements. */
import { DiagnosticTag } from 'vscode-languageserver';
import { findApi, tr } from '../../../../core/catalogue';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import { apiOf, type HttpRequestInput } from './input';

const DEPRECATED = {
  code: 'deprecated-api',
  severity: DiagnosticSeverity.Hint,
  severityNote: 'struck through',
  when: 'the OpenStack-native `PUT`/`DELETE /v2/images/{image_id}/tags/{tag}`',
  why: 'The API pages mark them deprecated and name the replacements (docs/sources.md §A.2).',
  fix: 'rewrite as AddImageTag / DeleteImageTag',
};

export const deprecatedApis = defineCheck({
  name: 'deprecatedApis',
  languages: ['http'],
  codes: [DEPRECATED],
  messages: {
    en: {
      deprecatedApi: (id: string, title: string, to: string, target: string) =>
        `${id} (${title}) is a deprecated OpenStack-native API: use ${to} (${target}).`,
    },
    zh: {
      deprecatedApi: (id, title, to, target) => `${id}（${title}）是已废弃的 OpenStack 原生接口：请改用 ${to}（${target}）。`,
    },
  },
  run(sink, input: HttpRequestInput, m) {
    const api = apiOf(input);
    if (!api?.deprecated) return;
    const { request } = input;
    // The catalogue names the replacements, the nearest first.
    const to = api.deprecated.replacements[0];
    const target = findApi(to)!;
    sink.report(
      DEPRECATED,
      sink.at(request.requestLine.start, request.requestLine.end),
      m.deprecatedApi(api.id, tr(api.title, sink.lang), target.id, `${target.method} ${target.path}`),
      { tags: [DiagnosticTag.Deprecated], data: { fix: { kind: 'rewriteDeprecated', request: request.index, to } } },
    );
  },
});
