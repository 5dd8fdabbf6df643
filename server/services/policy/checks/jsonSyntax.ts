/**
 * The first JSON syntax error, for clients that do not report them themselves (VS Code's JSON support
 * does: the extension turns this off). Only the first: the errors after it are mostly the parser
 * recovering from it. Comments are allowed, as in jsonc.
 */
import { printParseErrorCode } from 'jsonc-parser';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const JSON_SYNTAX = {
  code: 'json-syntax',
  severity: DiagnosticSeverity.Error,
  when: 'the first JSON syntax error, for LSP clients other than VS Code (initialization option `jsonSyntaxDiagnostics: false` turns it off)',
  why: 'IAM accepts only valid JSON policy documents (docs/sources.md §C).',
};

export const jsonSyntax = defineCheck({
  name: 'jsonSyntax',
  languages: ['policy'],
  codes: [JSON_SYNTAX],
  messages: {
    en: {
      jsonSyntax: (error: string, more: number) =>
        `JSON syntax error: ${error}${more ? ` (${more} more after it)` : ''}. IAM accepts only valid JSON.`,
    },
    zh: {
      jsonSyntax: (error, more) => `JSON 语法错误：${error}${more ? `（其后还有 ${more} 处）` : ''}。IAM 只接受合法的 JSON。`,
    },
  },
  run(sink, { parsed, ctx }: PolicyCheckInput, m) {
    if (!ctx.jsonSyntax) return;
    const [e, ...rest] = parsed.json.errors;
    if (!e) return;
    sink.report(
      JSON_SYNTAX,
      sink.at(e.offset, e.offset + Math.max(e.length, 1)),
      m.jsonSyntax(printParseErrorCode(e.error), rest.length),
    );
  },
});
