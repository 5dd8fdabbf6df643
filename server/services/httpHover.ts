/** Hover on an IMS request line in a .http file: the API, what it needs, and what the workspace's policies say. */
import { MarkupKind, Range, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOGUE_AS_OF, findApi, tr, type ImsApi, type Lang } from '../../core/catalogue';
import { DIALECT_LABEL } from '../../core/http/dialects';
import { inlineCode } from '../../core/util/markdown';
import type { ParsedHttp } from './parsedHttp';
import { identityMarkdown } from './identityVerdict';
import { doVariableHover } from './httpVariableHover';
import { verdictMarkdown } from './policyVerdict';
import type { ServiceContext } from './serviceContext';
import { messages } from './messages';

export function apiMarkdown(api: ImsApi, lang: Lang): string {
  const m = messages(lang);
  const mark = (b: boolean) => (b ? '✓' : '✗');
  const actions = api.actions.map((a) => `\`${a}\``).join(', ');
  const parts = [
    `**${api.title.en}** · ${api.title.zh} — \`${api.id}\``,
    `\`${api.method} ${api.path}\``,
    `${m.actionsNeeded()}: ${actions} · ${m.iamProject()} ${mark(api.iamProject)} · ${m.enterpriseProjectInline()} ${mark(api.enterpriseProject)}`,
    `${m.successStatus()}: ${api.successStatus}${api.idempotent ? '' : ` · ${m.notIdempotent()}`}`,
  ];
  if (api.deprecated) {
    const repl = api.deprecated.replacements.map((id) => {
      const r = findApi(id);
      return r ? `${tr(r.title, lang)} (\`${r.method} ${r.path}\`)` : id;
    });
    parts.push(`⚠️ ${m.deprecatedUse(repl)}`);
  }
  for (const n of api.notes) parts.push(tr(n, lang));
  parts.push(`[${m.documentation()}](${api.docUrl})`);
  return parts.join('\n\n');
}

/** A script or assertion of another tool's dialect: whose it is, that it is not run here, what it sets. */
function scriptHover(doc: TextDocument, parsed: ParsedHttp, offset: number, lang: Lang): Hover | null {
  const script = parsed.file.scripts.find((s) => offset >= s.start && offset <= s.end);
  if (!script) return null;
  const sets = parsed.file.scriptVariables.filter((v) => v.start >= script.start && v.end <= script.end);
  const m = messages(lang);
  const value = m.scriptHover(
    script.kind,
    DIALECT_LABEL[script.dialect],
    script.file,
    sets.map((v) => `${inlineCode(v.name)} (${v.via})`),
  );
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: Range.create(doc.positionAt(script.start), doc.positionAt(script.end)),
  };
}

export function doHttpHover(doc: TextDocument, parsed: ParsedHttp, position: Position, ctx: ServiceContext): Hover | null {
  const onScript = scriptHover(doc, parsed, doc.offsetAt(position), ctx.lang);
  if (onScript) return onScript;
  const variable = doVariableHover(doc, parsed, position, ctx);
  if (variable) return variable;
  const { lang, policies } = ctx;
  const offset = doc.offsetAt(position);
  const request = parsed.file.requests.find((r) => offset >= r.requestLine.start && offset <= r.requestLine.end);
  if (!request) return null;
  const match = parsed.match(request);
  if (match?.kind !== 'api') return null;
  const value = [
    apiMarkdown(match.api, lang),
    verdictMarkdown(match.api, policies, lang, ctx.iam5),
    identityMarkdown(match.api, ctx.identity, lang),
    `_${tr(CATALOGUE_AS_OF, lang)}_`,
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: Range.create(doc.positionAt(request.requestLine.start), doc.positionAt(request.requestLine.end)),
  };
}
