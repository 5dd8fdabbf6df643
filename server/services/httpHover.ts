/** Hover on an IMS request line in a .http file: the API, what it needs, and what the workspace's policies say. */
import { MarkupKind, Range, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOGUE_AS_OF, findApi, tr, type ImsApi, type Lang } from '../../core/catalogue';
import type { PolicySource } from '../../core/policy/evaluator';
import type { ParsedHttp } from './parsedHttp';
import { verdictMarkdown } from './policyVerdict';

export function apiMarkdown(api: ImsApi, lang: Lang): string {
  const zh = lang === 'zh';
  const mark = (b: boolean) => (b ? '✓' : '✗');
  const parts = [
    `**${api.title.en}** · ${api.title.zh} — \`${api.id}\``,
    `\`${api.method} ${api.path}\``,
    `${zh ? '需要的授权项' : 'Actions needed'}: ${api.actions.map((a) => `\`${a}\``).join(', ')} · ${zh ? 'IAM 项目' : 'IAM project'} ${mark(api.iamProject)} · ${zh ? '企业项目' : 'enterprise project'} ${mark(api.enterpriseProject)}`,
    `${zh ? '成功状态码' : 'Success'}: ${api.successStatus}${api.idempotent ? '' : zh ? ' · 非幂等' : ' · not idempotent'}`,
  ];
  if (api.deprecated) {
    const repl = api.deprecated.replacements.map((id) => { const r = findApi(id); return r ? `${tr(r.title, lang)} (\`${r.method} ${r.path}\`)` : id; });
    parts.push(`⚠️ ${zh ? '已废弃，请改用' : 'Deprecated: use'} ${repl.join(zh ? ' 或 ' : ' or ')}`);
  }
  for (const n of api.notes) parts.push(tr(n, lang));
  parts.push(`[${zh ? '文档' : 'Documentation'}](${api.docUrl})`);
  return parts.join('\n\n');
}

export function doHttpHover(doc: TextDocument, parsed: ParsedHttp, position: Position, policies: readonly PolicySource[], lang: Lang): Hover | null {
  const offset = doc.offsetAt(position);
  const request = parsed.file.requests.find((r) => offset >= r.requestLine.start && offset <= r.requestLine.end);
  if (!request) return null;
  const match = parsed.match(request);
  if (match?.kind !== 'api') return null;
  const value = [apiMarkdown(match.api, lang), verdictMarkdown(match.api, policies, lang), `_${tr(CATALOGUE_AS_OF, lang)}_`].join('\n\n');
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: Range.create(doc.positionAt(request.requestLine.start), doc.positionAt(request.requestLine.end)),
  };
}
