/**
 * The standard LSP features, each a thin call into the language service (languageService.ts) through
 * the guard. Requests for a Terraform document wait for the HCL parser (handlers/terraform.ts).
 */
import type { CompletionList, Range, SemanticTokens } from 'vscode-languageserver';
import { SHOW_DOCUMENT_COMMAND } from '../../core/protocol';
import type { ServerContext } from './context';
import { withTagImpact } from './tagImpact';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const NO_TOKENS: SemanticTokens = { data: [] };

export function registerFeatures(ctx: ServerContext): void {
  const { connection, documents, service } = ctx;
  const ready = (uri: string) => ctx.terraform.ready(uri);
  connection.onCompletion(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    return doc ? ctx.guard('completion', EMPTY, token, () => service.complete(doc, p.position)) : EMPTY;
  });
  connection.onHover(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    if (!doc) return null;
    const hover = await ctx.guard('hover', null, token, () => service.hover(doc, p.position));
    return withTagImpact(ctx, doc, p.position, hover);
  });
  connection.onCodeAction(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    return doc ? ctx.guard('codeAction', [], token, () => service.codeActions(doc, p.context.diagnostics)) : [];
  });
  connection.languages.inlayHint.on(async (p, token) => {
    const doc = await ready(p.textDocument.uri);
    return doc ? ctx.guard('inlayHint', [], token, () => service.inlayHints(doc, p.range)) : [];
  });
  // A quick fix that edits another file shows it (window/showDocument) where the client can.
  connection.onExecuteCommand(async (p) => {
    if (p.command !== SHOW_DOCUMENT_COMMAND || !ctx.capabilities.window?.showDocument?.support) return;
    const [uri, selection] = (p.arguments ?? []) as [unknown, Range | undefined];
    if (typeof uri === 'string') await connection.window.showDocument({ uri, takeFocus: true, selection }).catch(() => undefined);
  });
  connection.onDefinition((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? ctx.guard('definition', null, token, () => service.definition(doc, p.position)) : null;
  });
  connection.onDocumentSymbol((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? ctx.guard('documentSymbol', null, token, () => service.documentSymbols(doc)) : null;
  });
  connection.onFoldingRanges((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? ctx.guard('foldingRange', null, token, () => service.foldingRanges(doc)) : null;
  });
  connection.languages.semanticTokens.on(async (p, token) => {
    // A .tf document's tokens come from the HCL parser: a request that comes first waits for it.
    const doc = await ready(p.textDocument.uri);
    return doc ? ctx.guard('semanticTokens', NO_TOKENS, token, () => service.semanticTokens(doc)) : NO_TOKENS;
  });
  connection.onCodeLens((p, token) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc || !ctx.options.sendLenses) return [];
    return ctx.guard('codeLens', [], token, () => service.sendLenses(doc));
  });
}
