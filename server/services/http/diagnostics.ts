/**
 * Diagnostics for .http documents: the registry's document checks, then its request checks for each
 * request that matched the IMS catalogue (http/checks/index.ts), into one sink. Stable codes
 * (docs/checks.md); exact ranges.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSink } from '../checks/check';
import type { ParsedHttp } from '../parsedHttp';
import type { ServiceContext } from '../serviceContext';
import { HTTP_DOCUMENT_CHECKS, HTTP_REQUEST_CHECKS } from './checks';

export function computeHttpDiagnostics(doc: TextDocument, parsed: ParsedHttp, ctx: ServiceContext): Diagnostic[] {
  const sink = new DiagnosticSink(doc, ctx.lang);
  const input = { doc, parsed, ctx };
  for (const check of HTTP_DOCUMENT_CHECKS) check.run(sink, input);
  for (const request of parsed.file.requests) {
    const match = parsed.match(request);
    if (!match) continue;
    for (const check of HTTP_REQUEST_CHECKS) check.run(sink, { ...input, request, match });
  }
  return sink.list;
}
