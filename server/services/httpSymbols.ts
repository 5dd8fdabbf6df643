/** Outline and folding for .http files: one symbol and one folding range per request. */
import { FoldingRangeKind, Range, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { tr } from '../../core/catalogue';
import type { ParsedHttp } from './parsedHttp';
import type { ServiceContext } from './serviceContext';

export function getHttpSymbols(doc: TextDocument, parsed: ParsedHttp, ctx: ServiceContext): DocumentSymbol[] {
  return parsed.file.requests.map((r) => {
    const match = parsed.match(r);
    const line = `${(r.method?.text ?? 'GET').toUpperCase()} ${r.url.text}`;
    const name = r.name ?? r.title ?? line;
    const api = match?.kind === 'api' ? `${tr(match.api.title, ctx.lang)} (${match.api.id})` : undefined;
    const range = Range.create(doc.positionAt(r.span.start), doc.positionAt(r.span.end));
    const selectionRange = Range.create(doc.positionAt(r.requestLine.start), doc.positionAt(r.requestLine.end));
    return {
      name,
      detail: api ?? (name === line ? '' : line),
      kind: match?.kind === 'api' ? SymbolKind.Method : SymbolKind.Function,
      range,
      selectionRange,
    };
  });
}

export function getHttpFoldingRanges(doc: TextDocument, parsed: ParsedHttp): FoldingRange[] {
  const out: FoldingRange[] = [];
  const separators = parsed.file.separators.map((s) => doc.positionAt(s.start).line);
  for (const r of parsed.file.requests) {
    const first = doc.positionAt(r.span.start).line;
    // From the separator above the block (when there is one) to the block's last line with text.
    const startLine = separators.includes(first - 1) ? first - 1 : doc.positionAt(r.requestLine.start).line;
    const endText = parsed.text.slice(0, r.span.end).trimEnd().length;
    const endLine = doc.positionAt(endText).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return out;
}
