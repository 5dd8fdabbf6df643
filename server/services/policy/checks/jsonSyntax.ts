/**
 * The first JSON syntax error, for clients that do not report them themselves (VS Code's JSON support
 * does: the extension turns this off). Only the first: the errors after it are mostly the parser
 * recovering from it. Comments and trailing commas are allowed in `.jsonc` (VS Code's JSON with
 * Comments); in a `.json` file they are errors, as JSON has neither and IAM refuses both — VS Code
 * reports them in its `json` mode itself, other clients get them from here.
 */
import { ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const JSON_SYNTAX = {
  code: 'json-syntax',
  severity: DiagnosticSeverity.Error,
  when: 'the first JSON syntax error (in a `.json` file, a comment or a trailing comma too), for LSP clients other than VS Code (initialization option `jsonSyntaxDiagnostics: false` turns it off)',
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
      jsonComment: () =>
        'JSON has no comments, and IAM refuses a policy with one: remove it (or name the file .jsonc for notes kept out of IAM).',
      jsonTrailingComma: () => 'JSON allows no comma before a closing bracket, and IAM refuses a policy with one: remove it.',
    },
    zh: {
      jsonSyntax: (error, more) => `JSON 语法错误：${error}${more ? `（其后还有 ${more} 处）` : ''}。IAM 只接受合法的 JSON。`,
      jsonComment: () => 'JSON 不允许注释，IAM 会拒绝含注释的策略：请删除（或将文件命名为 .jsonc，仅在本地保留注释）。',
      jsonTrailingComma: () => 'JSON 不允许在右括号前有逗号，IAM 会拒绝这样的策略：请删除。',
    },
  },
  run(sink, { doc, parsed, ctx }: PolicyCheckInput, m) {
    if (!ctx.jsonSyntax) return;
    const [e, ...rest] = parsed.json.errors;
    if (!e) {
      if (doc.languageId === 'json') strictJson(sink, doc.getText(), m);
      return;
    }
    sink.report(
      JSON_SYNTAX,
      sink.at(e.offset, e.offset + Math.max(e.length, 1)),
      m.jsonSyntax(printParseErrorCode(e.error), rest.length),
    );
  },
});

/** The first comment or trailing comma of a `.json` document (the tolerant parse let both through). */
function strictJson(
  sink: Parameters<typeof jsonSyntax.run>[0],
  text: string,
  m: { jsonComment(): string; jsonTrailingComma(): string },
) {
  // This runs on every change of the document: the second, strict pass only where a comment or a
  // trailing comma can be (`//`, `/*`, a comma before a closing bracket), which one linear scan tells.
  if (!/\/[/*]|,\s*[\]}]/.test(text)) return;
  let found: { offset: number; length: number; comment: boolean } | undefined;
  visit(
    text,
    {
      onComment: (offset, length) => {
        found ??= { offset, length, comment: true };
      },
      onError: (error, offset) => {
        if (found) return;
        // A comma before `}` or `]` is reported at the bracket: find the comma before it.
        if (error === ParseErrorCode.PropertyNameExpected || error === ParseErrorCode.ValueExpected) {
          let at = offset - 1;
          while (at >= 0 && /\s/.test(text[at])) at--;
          if (text[at] === ',') found = { offset: at, length: 1, comment: false };
        }
      },
    },
    { disallowComments: false, allowTrailingComma: false },
  );
  if (!found) return;
  sink.report(
    JSON_SYNTAX,
    sink.at(found.offset, found.offset + found.length),
    found.comment ? m.jsonComment() : m.jsonTrailingComma(),
  );
}
