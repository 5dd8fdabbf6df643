/** `{Endpoint}`, `{project_id}`: the API pages' single-brace placeholders, which no .http tool fills. */
import { IMS_APIS } from '../../../../core/catalogue';
import { referenceTo } from '../../../../core/http/variables/references';
import { resolveReference } from '../../../../core/http/variables/resolver';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { HttpRequestInput } from './input';

const PLACEHOLDER_CODE = {
  code: 'doc-placeholder',
  severity: DiagnosticSeverity.Information,
  when: "`{Endpoint}`, `{project_id}` …: an API page's single-brace placeholder, which no `.http` tool fills",
  why: 'Copied from the API pages (docs/sources.md §A.2), it is sent as it is (docs/sources.md §H).',
  fix: "`ims.{{region}}.myhuaweicloud.com`, or the parameter's `{{variable}}` (defined in the file when nothing defines it)",
};
const PLACEHOLDER = /(?<!\{)\{([A-Za-z_][\w-]*)\}(?!\})/g;

/** What each placeholder should become: the endpoint, or the catalogue's {{variable}} of a path parameter. */
function replacement(name: string): { value: string; variable?: string } | undefined {
  if (name.toLowerCase() === 'endpoint') return { value: 'ims.{{region}}.myhuaweicloud.com', variable: 'region' };
  for (const api of IMS_APIS) {
    const p = api.pathParams.find((x) => x.name === name);
    if (p) return { value: `{{${p.variable}}}`, variable: p.variable };
  }
  return undefined;
}

export const placeholders = defineCheck({
  name: 'placeholders',
  languages: ['http'],
  codes: [PLACEHOLDER_CODE],
  messages: {
    en: {
      docPlaceholder: (placeholder: string) =>
        `${placeholder} is the API page's placeholder, not a variable: no .http tool fills single braces. Write the endpoint (ims.<region>.myhuaweicloud.com) or a {{variable}}.`,
    },
    zh: {
      docPlaceholder: (placeholder) =>
        `${placeholder} 是 API 文档中的占位符，不是变量：.http 工具不会替换单花括号。请写出终端节点（ims.<region>.myhuaweicloud.com）或使用 {{变量}}。`,
    },
  },
  run(sink, { request, parsed }: HttpRequestInput, m) {
    const url = request.url;
    for (const hit of url.text.matchAll(PLACEHOLDER)) {
      const start = url.span.start + hit.index!;
      const r = replacement(hit[1]);
      // The fix defines the variable it introduces when no source does, so it leaves no new warning.
      const ref = r?.variable ? referenceTo(r.variable) : undefined;
      const known = ref && resolveReference(parsed.inputs, ref, request);
      const define =
        r?.variable && !known
          ? { name: r.variable, value: `your-${r.variable.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` }
          : undefined;
      sink.report(PLACEHOLDER_CODE, sink.at(start, start + hit[0].length), m.docPlaceholder(hit[0]), {
        ...(r ? { data: { fix: { kind: 'replaceText', value: r.value, ...(define ? { define } : {}) } } } : {}),
      });
    }
  },
});
