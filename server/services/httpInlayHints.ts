/** Inline permission hints: after every IMS request line, the actions the request needs. */
import { InlayHintKind, MarkupKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { tr, type Lang } from '../../core/catalogue';
import type { ParsedHttp } from './parsedHttp';
import type { ServiceContext } from './serviceContext';
import { messages } from './messages';

export function getHttpInlayHints(doc: TextDocument, parsed: ParsedHttp, range: Range, ctx: ServiceContext): InlayHint[] {
  const lang: Lang = ctx.lang;
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const request of parsed.file.requests) {
    if (request.requestLine.end < from || request.requestLine.start > to) continue;
    const match = parsed.match(request);
    if (match?.kind !== 'api') continue;
    const api = match.api;
    hints.push({
      position: doc.positionAt(request.requestLine.end),
      label: messages(lang).needsHint(api.actions.join(', ')),
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: `${tr(api.title, lang)} (\`${api.id}\`)` },
    });
  }
  return hints;
}
